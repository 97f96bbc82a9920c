"""The JSON Lines reader (and .json arrays / single objects)."""
import json
from datetime import date
from pathlib import Path

import pytest

from clashmap.model import Article, Reject
from clashmap.sources import read

DATA = Path(__file__).parent / "data" / "sources"
TEXT = "PDF fighters clashed with junta troops in Pauk Township on Tuesday, the group said."


def test_fixture_articles_and_rejects_by_line():
    records = list(read(DATA / "articles.jsonl"))
    articles = [r for r in records if isinstance(r, Article)]
    rejects = {r.line: r.reason for r in records if isinstance(r, Reject)}
    assert [(a.line, a.date, a.outlet, a.title, a.url) for a in articles] == [
        (1, date(2024, 5, 2), "Test Wire", "Clash in Pauk", "https://example.org/a"),
        (2, date(2024, 5, 3), "Nested Outlet", "Airstrike in Kani", None),
    ]
    assert rejects == {
        3: "broken JSON: Unterminated string starting at (column 32)",
        4: "not a JSON object (got list)",
        5: "no text field (looked for text/body/content/article/story/full_text/description/summary)",
        6: "bad date 'yesterday'",
        7: "text field 'text' is not a string",
        9: "no date",
    }
    assert all(r.source == str(DATA / "articles.jsonl") for r in records)


def test_configured_column_names(tmp_path):
    path = tmp_path / "custom.jsonl"
    path.write_text(json.dumps({"story_text": TEXT, "when": "2024-01-09", "paper": "P"}) + "\n")
    (article,) = read(path, text_col="story_text", date_col="when", outlet_col="paper")
    assert (article.text, article.date, article.outlet) == (TEXT, date(2024, 1, 9), "P")


def test_configured_text_column_missing(tmp_path):
    path = tmp_path / "custom.jsonl"
    path.write_text(json.dumps({"text": TEXT, "date": "2024-01-09"}) + "\n")
    (reject,) = read(path, text_col="story_text")
    assert reject.reason == "no text field (looked for story_text)"


def test_html_entities_and_tags_in_text_are_cleaned(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"date": "2024-01-09", "text": "<p>Troops &amp; police\u200b raided <b>Kani</b>.</p>"}))
    (article,) = read(path)
    assert article.text == "Troops & police raided Kani ."


def test_json_array_numbers_elements_by_their_line(tmp_path):
    path = tmp_path / "list.json"
    path.write_text('[\n  {"date": "2024-01-01", "text": "One."},\n  {"date": "2024-01-02"},\n'
                    '  {"date": "2024-01-03",\n   "text": "Three."}\n]\n')
    records = list(read(path))
    assert [(type(r).__name__, r.line) for r in records] == [("Article", 2), ("Reject", 3), ("Article", 4)]


def test_broken_json_array_stops_with_a_reject(tmp_path):
    path = tmp_path / "list.json"
    path.write_text('[{"date": "2024-01-01", "text": "One."},\n {"date": oops}]')
    records = list(read(path))
    assert isinstance(records[0], Article)
    assert (records[1].line, records[1].reason) == (2, "broken JSON: Expecting value; the rest of the array is skipped")


def test_pretty_printed_single_object(tmp_path):
    path = tmp_path / "one.json"
    path.write_text(json.dumps({"date": "2024-01-01", "text": TEXT}, indent=2))
    (article,) = read(path)
    assert article.text == TEXT and article.line == 1


@pytest.mark.parametrize("line, reason", [
    ('{"date": "2024-01-01", "text": ""}', "empty article"),
    ('{"date": "2024-01-01", "text": "\\u0000\\u0001\\u0002\\u0003 junk"}', "binary data (NUL bytes), not text"),
    ('{"date": "01/02/2024", "text": "x"}', "ambiguous date '01/02/2024' (day and month order unknown)"),
    ('{"date": "1850-01-01", "text": "x"}', "implausible date '1850-01-01'"),
    ('{"date": 20240101, "text": "x"}', "bad date 20240101"),
    ("[" * 5000, "broken JSON: nested too deeply"),
])
def test_bad_records(tmp_path, line, reason):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"date": "2024-01-01", "text": "Fine."}\n' + line + "\n")
    records = list(read(path))
    assert isinstance(records[0], Article)
    assert (records[1].source, records[1].line, records[1].reason) == (str(path), 2, reason)


def test_lone_surrogate_escape_is_dropped_not_fatal(tmp_path):
    path = tmp_path / "s.jsonl"
    path.write_text('{"date": "2024-01-01", "text": "Shelling in Kani\\ud800 on Monday."}\n')
    (article,) = read(path)
    assert article.text == "Shelling in Kani on Monday."
    article.text.encode("utf-8")  # would raise on a surrogate
