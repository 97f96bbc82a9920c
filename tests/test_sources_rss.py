"""The RSS/Atom reader: a saved feed, entries to articles, never a fetch."""
from datetime import date
from pathlib import Path

from clashmap.model import Article, Reject
from clashmap.sources import read

DATA = Path(__file__).parent / "data" / "sources"

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Test RSS Wire</title>
<item>
  <title>Strike in Kale</title><link>https://example.org/r/1</link>
  <pubDate>Tue, 01 Oct 2024 01:00:00 +0630</pubDate>
  <description>&lt;p&gt;A junta jet bombed a village in Kale Township on Monday.&lt;/p&gt;</description>
</item>
<item>
  <title>Bad date</title><pubDate>sometime soon</pubDate>
  <description>Fighting near Kalewa.</description>
</item>
</channel></rss>
"""


def test_atom_fixture():
    records = list(read(DATA / "feed.atom"))
    article = records[0]
    assert isinstance(article, Article)
    assert (article.line, article.date, article.outlet, article.title, article.url) == (
        6, date(2024, 7, 1), "Test Atom Wire", "Junta raid in Kale", "https://example.org/atom/1")
    # the entry's HTML became text; the script inside it did not survive
    assert article.text == "Junta troops raided a village in Kale Township on Sunday & burned 20 houses, residents said."
    rejects = [(r.line, r.reason) for r in records[1:]]
    assert rejects == [(13, "no date"), (19, "empty article")]
    assert all(isinstance(r, Reject) and r.source == str(DATA / "feed.atom") for r in records[1:])


def test_rss_keeps_the_publishers_local_day(tmp_path):
    path = tmp_path / "feed.xml"
    path.write_text(RSS)
    article, reject = list(read(path))
    # 01:00 in Myanmar on 1 October is still 30 September in UTC; the article date is 1 October
    assert article.date == date(2024, 10, 1)
    assert article.text == "A junta jet bombed a village in Kale Township on Monday."
    assert (reject.line, reject.reason) == (8, "bad date 'sometime soon'")


def test_default_date_for_undated_entries():
    records = list(read(DATA / "feed.atom", default_date=date(2024, 7, 3)))
    assert [r.date for r in records if isinstance(r, Article)] == [date(2024, 7, 1), date(2024, 7, 3)]


def test_not_a_feed(tmp_path):
    path = tmp_path / "junk.rss"
    path.write_text("<html><body>this is not a feed</body></html>")
    (reject,) = read(path)
    assert (reject.source, reject.line) == (str(path), None)
    assert reject.reason.startswith("not a readable RSS/Atom feed") or reject.reason == "feed has no entries"


def test_feed_bytes_are_never_taken_for_a_file_name(tmp_path):
    # feedparser opens bytes as a path; the reader must hand it a stream instead.
    target = tmp_path / "secret.xml"
    target.write_text(RSS)
    path = tmp_path / "pointer.rss"
    path.write_text(str(target))
    (reject,) = read(path)
    assert isinstance(reject, Reject)
