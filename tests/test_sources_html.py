"""The HTML reader: main text and metadata through trafilatura, offline."""
from datetime import date
from pathlib import Path

from clashmap.model import Article, Reject
from clashmap.sources import read

DATA = Path(__file__).parent / "data" / "sources"


def test_page_fixture():
    (article,) = read(DATA / "page.html")
    assert isinstance(article, Article)
    assert (article.date, article.outlet, article.line) == (date(2024, 8, 12), "Test Frontier News", 1)
    assert article.title.startswith("Landmine blast in Bilin")
    assert "killing one farmer and injuring another" in article.text
    assert "third blast in the area this year" in article.text
    assert "tracker" not in article.text and "Home" not in article.text


def test_short_page_falls_back_to_visible_text(tmp_path):
    path = tmp_path / "short.html"
    path.write_text("<html><head><title>t</title><style>p{}</style></head>"
                    "<body><p>Shelling in Kani &amp; Pale.</p></body></html>")
    (article,) = read(path, default_date="2024-01-01")
    assert article.text == "Shelling in Kani & Pale."


def test_page_without_date(tmp_path):
    path = tmp_path / "undated.html"
    path.write_text("<html><body><article><p>Junta troops raided a village in Kani Township, residents said."
                    "</p></article></body></html>")
    (reject,) = read(path)
    assert isinstance(reject, Reject)
    assert (reject.source, reject.line, reject.reason) == (str(path), 1, "no date in page metadata")


def test_page_without_text(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><script>x()</script></head><body>  </body></html>")
    (reject,) = read(path, default_date="2024-01-01")
    assert reject.reason == "empty article"
