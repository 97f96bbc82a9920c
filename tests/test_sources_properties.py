"""Property tests: whatever bytes a file holds, every reader yields Articles or Rejects and
never raises."""
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clashmap.model import Article, Reject
from clashmap.sources import FORMATS, read

SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
EXTENSION = {"seed": ".txt", "txt": ".txt", "jsonl": ".jsonl", "csv": ".csv", "rss": ".rss", "html": ".html"}

# Text full of the characters that break readers: controls, separators, quotes, markup, BOMs,
# surrogate escapes in JSON, and non-Latin scripts.
nasty_text = st.lists(st.one_of(
    st.text(st.characters(codec="utf-8"), max_size=20),
    st.sampled_from(list("\x00\x01\x0b\x0c\x1b\x7f\x85\u2028\ufeff\u200b\ud800\r\n\t\"',;|<>&{}[]")),
    st.sampled_from(["date ", "date 2024-01-01 ", "Date: ", "<p>", "&amp;", "\\ud800", "<item>", "</rss>",
                     "Junta troops shelled the village, residents said. "]),
), max_size=40).map("".join)


def check_records(records, path):
    for record in records:
        assert isinstance(record, (Article, Reject))
        if isinstance(record, Article):
            assert record.text and record.text == record.text.strip()
            assert isinstance(record.date, date)
            record.text.encode("utf-8")  # no lone surrogates reach the extractor
            assert "\x00" not in record.text
        else:
            assert record.source == str(path) and record.reason
            assert str(record).startswith(str(path))


def read_bytes_as(fmt, data):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{EXTENSION[fmt]}"
        path.write_bytes(data)
        records = list(read(path, format=fmt))
        check_records(records, path)
        return records


@pytest.mark.parametrize("fmt", FORMATS)
@SETTINGS
@given(data=st.binary(max_size=400))
def test_arbitrary_bytes(fmt, data):
    read_bytes_as(fmt, data)


@pytest.mark.parametrize("fmt", FORMATS)
@SETTINGS
@given(text=nasty_text, encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
def test_arbitrary_text(fmt, text, encoding):
    read_bytes_as(fmt, text.encode(encoding, "surrogatepass"))


@SETTINGS
@given(body=nasty_text, title=nasty_text, day=st.dates(date(1990, 1, 1), date(2030, 12, 31)))
def test_well_formed_records_around_nasty_text(body, title, day):
    import csv
    import io
    import json

    line = json.dumps({"date": day.isoformat(), "title": title, "text": body})
    jsonl = read_bytes_as("jsonl", (line + "\n").encode("utf-8", "surrogatepass"))
    assert len(jsonl) == 1
    buffer = io.StringIO()
    csv.writer(buffer).writerows([["date", "title", "text"], [day.isoformat(), title, body]])
    read_bytes_as("csv", buffer.getvalue().encode("utf-8", "surrogatepass"))
    seed = read_bytes_as("seed", f"date {day.isoformat()} {body}".encode("utf-8", "surrogatepass"))
    # the record of the first line is ours (an article, or a reject when our body's first line
    # is empty); a line of the body that is itself a header ("Date 2001-01-01 x") starts an
    # article of its own, as the format says. Records come as they are complete: an
    # undecodable second line is rejected before the article of line 1 ends.
    assert seed
    first = min(seed, key=lambda r: r.line or 0)
    assert first.line in (1, None)  # None: a reject of the whole file (binary data)
    if isinstance(first, Article):
        assert first.date == day
