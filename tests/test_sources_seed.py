"""The seed reader: `date YYYY-MM-DD text`, one article a line, or one multi-paragraph article."""
from datetime import date
from pathlib import Path

import pytest

from clashmap.model import Article, Reject
from clashmap.sources import read

DATA = Path(__file__).parent / "data" / "sources"


def test_mixed_fixture_gives_articles_and_located_rejects():
    records = list(read(DATA / "seed_mixed.txt"))
    articles = [r for r in records if isinstance(r, Article)]
    rejects = {r.line: r.reason for r in records if isinstance(r, Reject)}

    assert [(a.line, a.date) for a in articles] == [(1, date(2024, 3, 4)), (2, date(2024, 3, 5))]
    assert articles[1].text.startswith("Resistance fighters attacked")  # leading space allowed
    assert articles[0].source == str(DATA / "seed_mixed.txt")
    assert rejects == {
        3: "no date: line does not start with 'date YYYY-MM-DD'",
        4: "bad date '2024-02-30'",
        5: "bad date '04/03/2024' (expected YYYY-MM-DD)",
        7: "empty article",
        8: "not English (mostly Myanmar script)",
    }


def test_reject_reads_like_a_compiler_message():
    reject = next(r for r in read(DATA / "seed_mixed.txt") if isinstance(r, Reject))
    assert str(reject) == f"{DATA / 'seed_mixed.txt'}:3: no date: line does not start with 'date YYYY-MM-DD'"
    assert reject.raw == "This line lost its date header."


def test_single_header_file_keeps_following_paragraphs(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(" date 2023-07-26 First paragraph about Sagaing.\n\nSecond paragraph, same article.\n\n"
                    "Third   paragraph\twith  odd spacing.\n", encoding="utf-8")
    (article,) = read(path)
    assert article.date == date(2023, 7, 26)
    assert article.line == 1
    assert article.text == ("First paragraph about Sagaing.\n\nSecond paragraph, same article.\n\n"
                            "Third paragraph with odd spacing.")


def test_lines_before_the_only_header_are_rejected_not_glued(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("stray preface\ndate 2024-01-02 Fighting in Tamu Township.\ncontinued text\n")
    records = list(read(path, format="seed"))
    assert isinstance(records[0], Reject) and records[0].line == 1
    assert records[1].text == "Fighting in Tamu Township.\ncontinued text"


def test_article_id_is_the_content_hash(tmp_path):
    one = tmp_path / "one.txt"
    two = tmp_path / "two.txt"
    one.write_text("date 2024-01-02 Junta troops shelled Kani.\n")
    two.write_text("date 2024-05-09   Junta troops   shelled Kani.\n")
    (first,), (second,) = list(read(one)), list(read(two))
    assert first.id == second.id and len(first.id) == 16


def test_crlf_line_endings(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"date 2024-01-02 One.\r\ndate 2024-01-03 Two.\r\n")
    assert [(r.line, r.text) for r in read(path)] == [(1, "One."), (2, "Two.")]


def test_default_date_does_not_excuse_a_wrong_date(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_text("date 2024-02-31 Text.\ndate 2024-02-01 Fine.\n")
    records = list(read(path, default_date=date(2024, 1, 1)))
    assert isinstance(records[0], Reject) and records[0].reason == "bad date '2024-02-31'"
    assert records[1].date == date(2024, 2, 1)


def test_one_undecodable_line_costs_only_that_line(tmp_path):
    path = tmp_path / "mixed.txt"
    good = "date 2024-01-02 Clashes in Hpakant, residents said \u201cheavy\u201d.\n".encode()
    bad = b"date 2024-01-03 broken \xff\xfe bytes \xe2\x80\x9cquote\xe2\x80\x9d\n"
    path.write_bytes(good + bad + b"date 2024-01-04 Last line.\n")
    records = list(read(path))
    assert [type(r).__name__ for r in records] == ["Article", "Reject", "Article"]
    assert records[1].line == 2
    assert records[1].reason == f"undecodable text: invalid UTF-8 at byte offset {len(good) + 23}"


@pytest.mark.parametrize("line, reason", [
    ("date 2024-01-02 " + "x " * 60, "article too long"),
    ("date 2024-01-02 \x01\x02\x03\x04\x05\x06 \x07\x08", "binary data"),
    ("date 2024-01-02    ", "empty article"),
])
def test_bad_articles_are_rejected_with_a_reason(tmp_path, line, reason):
    path = tmp_path / "bad.txt"
    path.write_text(line + "\n", encoding="utf-8")
    (reject,) = read(path, max_chars=100)
    assert isinstance(reject, Reject)
    assert (reject.source, reject.line) == (str(path), 1)
    assert reject.reason.startswith(reason)
