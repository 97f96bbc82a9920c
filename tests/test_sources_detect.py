"""Format detection, and the read()/read_many() entry points over files and folders."""
from datetime import date
from pathlib import Path

import pytest

from clashmap.model import Article, Reject
from clashmap.sources import FORMATS, detect, read, read_many

DATA = Path(__file__).parent / "data" / "sources"


@pytest.mark.parametrize("name, content, expected", [
    ("a.txt", b"date 2024-01-01 text", "seed"),
    ("a.txt", b"\n\n   date 2024-01-01 text", "seed"),
    ("a.txt", b"\xef\xbb\xbfdate 2024-01-01 text", "seed"),
    ("a.txt", b"Date: 2024-01-01\n\ntext", "txt"),
    ("a.txt", b"date of the attack is unknown", "txt"),
    ("a.txt", b"plain prose", "txt"),
    ("a.txt", b"\x00\x01binary", "txt"),  # the txt reader explains why it is not text
    ("a", b"date 2024-01-01 text", "seed"),
    ("notes.log", b"plain prose", "txt"),
    ("dump.log", b'{"text": "x"}\n', "jsonl"),
    ("a.jsonl", b"anything", "jsonl"),
    ("a.json", b"[]", "jsonl"),
    ("a.csv", b"text\nx", "csv"),
    ("a.tsv", b"text\tdate", "csv"),
    ("a.rss", b"<rss/>", "rss"),
    ("a.atom", b"<feed/>", "rss"),
    ("feed.xml", b'<?xml version="1.0"?><rss version="2.0">', "rss"),
    ("page.xml", b"<?xml version='1.0'?><html><body/></html>", "html"),
    ("other.xml", b"<?xml version='1.0'?><config/>", "unknown"),
    ("saved", b"<!DOCTYPE html><html><body>x</body></html>", "html"),
    ("saved", b"<?xml version='1.0'?>\n<feed xmlns='http://www.w3.org/2005/Atom'>", "rss"),
    ("a.HTML", b"", "html"),
    ("a.png", b"date 2024-01-01 text", "unknown"),
    ("a.bin", b"\x00\x01\x02\x03", "unknown"),
    ("u16.txt", b"\xff\xfe" + "date 2024-01-01 x".encode("utf-16-le"), "seed"),
])
def test_detect(tmp_path, name, content, expected):
    path = tmp_path / name
    path.write_bytes(content)
    assert detect(path) == expected


def test_detect_fixtures():
    assert {p.name: detect(p) for p in sorted(DATA.iterdir())} == {
        "articles.jsonl": "jsonl", "cp1252.txt": "txt", "feed.atom": "rss", "page.html": "html",
        "seed_mixed.txt": "seed", "table.csv": "csv", "utf16_bom.txt": "seed"}


def test_detect_missing_file_goes_by_extension(tmp_path):
    assert detect(tmp_path / "gone.csv") == "csv"
    assert detect(tmp_path / "gone.txt") == "txt"


def test_format_overrides_detection(tmp_path):
    path = tmp_path / "looks-like-seed.txt"
    path.write_text("date 2024-01-01 First.\ndate 2024-01-02 Second.\n")
    assert len(list(read(path))) == 2
    (article,) = read(path, format="txt", default_date=date(2024, 1, 5))
    assert article.text == "date 2024-01-01 First.\ndate 2024-01-02 Second."


def test_folder_is_read_recursively_in_order_each_file_by_its_format(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a.txt").write_text("date 2024-01-01 Seed article.\n")
    (tmp_path / "b" / "c.jsonl").write_text('{"date": "2024-01-02", "text": "JSON article."}\n')
    (tmp_path / "b" / "d.csv").write_text("date,text\n2024-01-03,CSV article.\n")
    (tmp_path / "b" / "e.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00")
    (tmp_path / ".hidden.txt").write_text("date 2024-01-04 hidden\n")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    records = list(read(tmp_path))
    assert [(Path(r.source).name, type(r).__name__) for r in records] == [
        ("a.txt", "Article"), ("c.jsonl", "Article"), ("d.csv", "Article"), ("e.png", "Reject")]
    assert records[3].reason == "unsupported file type (.png); pass format= one of seed, txt, jsonl, csv, rss, html"


def test_read_many_chains_and_keeps_going_after_failures(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("date 2024-01-01 Fighting in Pale.\n")
    records = list(read_many([tmp_path / "missing.txt", good, DATA / "table.csv"]))
    assert isinstance(records[0], Reject) and records[0].reason.startswith("cannot read file")
    assert records[1].text == "Fighting in Pale."
    assert sum(isinstance(r, Article) for r in records) == 3


def test_options_are_checked_before_reading(tmp_path):
    with pytest.raises(ValueError, match="unknown format 'pdf'"):
        read(tmp_path, format="pdf")
    with pytest.raises(TypeError, match="unknown reader option"):
        read(tmp_path, text_column="body")
    with pytest.raises(ValueError, match="max_chars"):
        read(tmp_path, max_chars=0)


def test_outlet_option_fills_missing_outlet(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("date 2024-01-01 Fighting in Pale.\n")
    (article,) = read(path, outlet="My Feed")
    assert article.outlet == "My Feed"


def test_formats_are_the_reader_modules():
    assert FORMATS == ("seed", "txt", "jsonl", "csv", "rss", "html")


@pytest.mark.parametrize("name, content, fmt", [
    ("only_separator.in", "\u2028", "seed"),  # the inputs bench/fuzz_readers.py found
    ("empty_array.in", "[]", "jsonl"),
    ("header_only.csv", "text", None),
    ("header_only_2.csv", "date,text\n", None),
])
def test_file_with_no_records_is_one_reject_naming_it(tmp_path, name, content, fmt):
    path = tmp_path / name
    path.write_text(content, "utf-8")
    records = list(read(path, format=fmt))
    assert len(records) == 1 and isinstance(records[0], Reject)
    assert records[0].source == str(path) and "no articles in file" in records[0].reason
