"""`clashmap extract`: plumbing from files to JSON lines, rejects to stderr, exit codes."""
import json
import subprocess
import sys
from datetime import date

import pytest

from clashmap.cli import main
from clashmap.cli.extract import format_event, header
from clashmap.model import Article, Casualty, Event


def json_lines(text):
    """Every non-blank stdout line must be one JSON event object."""
    events = [json.loads(line) for line in text.splitlines() if line.strip()]
    assert all(isinstance(e, dict) and "event_type" in e for e in events)
    return events


def test_seed_file_with_a_bad_line(tmp_path, capsys):
    path = tmp_path / "articles.txt"
    path.write_text("date 2024-03-04 Junta troops shelled Kyaung Kone village in Myaung Township, Sagaing "
                    "Region, on Monday, killing two farmers, according to residents.\n"
                    "no header on this line\n"
                    "date 2024-03-05 A junta airstrike on Ma Gyi Kan village in Myinmu Township on Monday "
                    "killed nine people, a local resistance member said.\n")
    assert main(["extract", str(path)]) == 0
    out, err = capsys.readouterr()
    json_lines(out)
    assert err == f"clashmap: {path}:2: no date: line does not start with 'date YYYY-MM-DD'\n"


def test_nothing_readable_exits_1(tmp_path, capsys):
    path = tmp_path / "undated.txt"
    path.write_text("An article with no date anywhere.")
    assert main(["extract", str(path)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [
        f"clashmap: {path}:1: no date (no 'Date:' line and no YYYY-MM-DD in the file name)",
        f"clashmap: no readable article in {path}",
    ]


def test_date_option_dates_undated_articles(tmp_path, capsys):
    path = tmp_path / "undated.txt"
    path.write_text("Junta troops raided a village in Kani Township on Tuesday, residents said.")
    assert main(["extract", "--date", "2024-02-15", "--pretty", str(path)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out.startswith(f"# {path}:1 | 2024-02-15 | Junta troops raided a village in Kani Township")


def test_format_option_and_folder(tmp_path, capsys):
    (tmp_path / "a.jsonl").write_text('{"date": "2024-01-01", "text": "Fighting in Pale Township."}\n{broken\n')
    assert main(["extract", "--format", "jsonl", str(tmp_path)]) == 0
    out, err = capsys.readouterr()
    json_lines(out)
    assert err.startswith(f"clashmap: {tmp_path / 'a.jsonl'}:2: broken JSON")


@pytest.mark.parametrize("argv", [
    ["extract"],
    ["extract", "--date", "2024-02-30", "x.txt"],
    ["extract", "--format", "pdf", "x.txt"],
])
def test_usage_errors_exit_2(argv, capsys):
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    assert "usage: clashmap extract" in capsys.readouterr().err


def test_event_is_one_json_line_with_unicode_kept():
    event = Event(event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
                  date="2024-05-15", admin1="Sagaing", admin3="Myinmu", location="Ma Gyi Kan",
                  fatalities=11, casualties=[Casualty(side="civilians", killed=11, claimant="NUG")],
                  notes="Strike on a monastery \u2014 “war crime”")
    line = format_event(event)
    assert "\n" not in line and "\u2014" in line
    assert json.loads(line) == event.to_dict()
    pretty = format_event(event, pretty=True)
    assert pretty.startswith('{\n  "event_type"') and json.loads(pretty) == event.to_dict()


def test_header_for_pretty_output():
    article = Article(text="First line of the story\nsecond", date=date(2024, 1, 2), outlet="Wire",
                      title="A" * 90, source="f.jsonl", line=4)
    assert header(article, 1) == f"# f.jsonl:4 | 2024-01-02 | Wire | {'A' * 80}… | 1 event"
    article.title = None
    assert header(article, 0) == "# f.jsonl:4 | 2024-01-02 | Wire | First line of the story | 0 events"


@pytest.mark.slow
def test_bench_shaped_article_through_the_real_command(tmp_path):
    # The bench's article.txt: one header with a leading space, then paragraphs.
    path = tmp_path / "article.txt"
    path.write_text(" date 2023-07-26 More than 40 junta soldiers were killed in clashes in Sagaing Region "
                    "last month, according to the NUG.\n\nA junta airstrike on a village in Muse Township on "
                    "Tuesday killed one civilian, residents said.\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "clashmap", "extract", str(path)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    json_lines(result.stdout)
