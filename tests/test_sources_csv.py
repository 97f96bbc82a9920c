"""The CSV/TSV reader."""
from datetime import date
from pathlib import Path

import pytest

from clashmap.model import Article, Reject
from clashmap.sources import read

DATA = Path(__file__).parent / "data" / "sources"


def test_fixture_rows_with_aliases_and_physical_line_numbers():
    records = list(read(DATA / "table.csv"))
    articles = [r for r in records if isinstance(r, Article)]
    rejects = {r.line: r.reason for r in records if isinstance(r, Reject)}
    assert [(a.line, a.date, a.title, a.outlet, a.url) for a in articles] == [
        (2, date(2024, 6, 1), "Shelling in Myaung", "Test Wire", "https://example.org/1"),
        (5, date(2024, 6, 3), "Two lines", "Test Wire", "https://example.org/4"),
    ]
    assert articles[1].text == "KIA troops attacked an outpost near Waingmaw on Sunday.\nFighting continued into Monday, the group said."
    assert rejects == {3: "missing text", 4: "bad date '2024-13-01'", 7: "missing text (row has 3 of 5 fields)"}


def test_configured_columns_and_semicolons(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("when;story;paper\n2024-02-03;Junta troops shelled Kani on Friday.;Local Wire\n")
    (article,) = read(path, text_col="story", date_col="when", outlet_col="paper")
    assert (article.date, article.text, article.outlet) == (date(2024, 2, 3), "Junta troops shelled Kani on Friday.", "Local Wire")


def test_tsv(tmp_path):
    path = tmp_path / "t.tsv"
    path.write_text("date\tcontent\n2024-02-03\tA clash, with commas, in Pale.\n")
    (article,) = read(path)
    assert article.text == "A clash, with commas, in Pale."


def test_no_text_column_is_one_reject(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("date,headline\n2024-02-03,Only a headline\n")
    (reject,) = read(path)
    assert (reject.line, reject.reason) == (1, "no text column (looked for text/body/content/article/story/"
                                                "full_text/description/summary; header has date, headline)")


def test_rows_without_date_use_the_default(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("text\nShelling in Myaung on Monday.\n")
    (reject,) = read(path)
    assert (reject.line, reject.reason) == (2, "no date")
    (article,) = read(path, default_date=date(2024, 7, 1))
    assert article.date == date(2024, 7, 1)


def test_bom_and_long_field(tmp_path):
    path = tmp_path / "t.csv"
    body = "Fighting continued in Hpakant. " * 10_000  # over the csv module's 128 KiB default
    path.write_bytes(("\ufeffDate,Text\n2024-01-01,\"" + body + "\"\n").encode("utf-8"))
    (article,) = read(path)
    assert article.date == date(2024, 1, 1) and len(article.text) == len(body) - 1


@pytest.mark.parametrize("content, line, reason", [
    ('date,text\n2024-01-01,"never closed\n', 2, "broken CSV row: unexpected end of data"),
    ("date,text\n2024-01-01,\n", 2, "missing text"),
    (",,\n", 1, "no header row"),
])
def test_broken_csv(tmp_path, content, line, reason):
    path = tmp_path / "bad.csv"
    path.write_text(content)
    (reject,) = read(path)
    assert (reject.source, reject.line, reject.reason) == (str(path), line, reason)


def test_bad_quoting_costs_one_row(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text('date,text\n2024-01-01,"quoted"then text\n2024-01-02,Shelling in Kani.\n')
    records = list(read(path))
    assert [(type(r).__name__, r.line) for r in records] == [("Reject", 2), ("Article", 3)]
    assert records[0].reason == "broken CSV row: ',' expected after '\"'"
