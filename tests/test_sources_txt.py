"""The plain-text reader: one .txt file is one article, dated by header or file name."""
import os
from datetime import date
from pathlib import Path

import pytest

from clashmap.model import Article, Reject
from clashmap.sources import read

DATA = Path(__file__).parent / "data" / "sources"
BODY = "Junta troops raided a village in Kani Township on Tuesday, residents said."


def read_one(path, **options):
    (record,) = list(read(path, **options))
    return record


def test_header_lines_give_metadata(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(f"Title: Raid in Kani\nOutlet: Test Wire\nURL: https://example.org/x\n"
                    f"Date: 14 March 2024\n\n{BODY}\n")
    article = read_one(path)
    assert isinstance(article, Article)
    assert (article.date, article.title, article.outlet, article.url) == (
        date(2024, 3, 14), "Raid in Kani", "Test Wire", "https://example.org/x")
    assert article.text == BODY
    assert article.line == 1


@pytest.mark.parametrize("name, expected", [
    ("2024-03-14-kani.txt", date(2024, 3, 14)),
    ("kani_20240315.txt", date(2024, 3, 15)),
    ("report-2024_03_16.txt", date(2024, 3, 16)),
])
def test_date_from_file_name(tmp_path, name, expected):
    path = tmp_path / name
    path.write_text(BODY)
    assert read_one(path).date == expected


def test_no_date_anywhere_is_a_reject(tmp_path):
    path = tmp_path / "undated.txt"
    path.write_text(BODY)
    reject = read_one(path)
    assert isinstance(reject, Reject)
    assert (reject.source, reject.line) == (str(path), 1)
    assert reject.reason.startswith("no date")
    assert reject.raw == BODY


def test_default_date_fills_a_missing_date(tmp_path):
    path = tmp_path / "undated.txt"
    path.write_text(BODY)
    assert read_one(path, default_date="2024-02-02").date == date(2024, 2, 2)


def test_unreadable_date_header_names_its_line(tmp_path):
    path = tmp_path / "bad-date.txt"
    path.write_text(f"\nTitle: x\nDate: 31/31/2024\n\n{BODY}\n")
    reject = read_one(path)
    assert (reject.line, reject.reason) == (3, "bad date '31/31/2024' in Date header")


def test_cp1252_file_is_decoded(tmp_path):
    article = read_one(DATA / "cp1252.txt")
    assert "caf\u00e9" in article.text and "\u201cnobody was inside\u201d" in article.text


def test_utf16_with_bom_is_decoded():
    article = read_one(DATA / "utf16_bom.txt")
    assert article.date == date(2024, 1, 6) and article.text.startswith("Fighting was reported in Tamu")


def test_damaged_utf8_is_rejected_with_byte_offset(tmp_path):
    # Valid multi-byte UTF-8 plus one stray byte: decoding as cp1252 would give mojibake.
    data = "Date: 2024-01-05\n\nThey said \u201cno\u201d.\n".encode() + b"bad \x81 byte\n"
    path = tmp_path / "damaged.txt"
    path.write_bytes(data)
    offset = data.index(b"\x81")
    reject = read_one(path)
    assert isinstance(reject, Reject)
    assert reject.line == 4
    assert reject.reason == (f"undecodable text: invalid UTF-8 at byte offset {offset}, "
                             "and not clean cp1252/latin-1")


def test_cp1252_undefined_byte_is_rejected(tmp_path):
    path = tmp_path / "x.txt"
    path.write_bytes(b"Date: 2024-01-05\n\nplain text then \x90 undefined\n")
    reject = read_one(path)
    assert isinstance(reject, Reject) and "byte offset 34" in reject.reason


def test_binary_file_is_rejected_once(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    reject = read_one(path)
    assert (reject.source, reject.line) == (str(path), None)
    assert reject.reason == "binary data (NUL bytes), not text"


def test_empty_body_after_headers(tmp_path):
    path = tmp_path / "2024-01-01.txt"
    path.write_text("Title: Nothing follows\n\n   \n")
    reject = read_one(path)
    assert reject.reason == "empty article"


def test_empty_file(tmp_path):
    path = tmp_path / "2024-01-01.txt"
    path.write_bytes(b"")
    assert str(read_one(path)) == f"{path}: empty file"


def test_too_long(tmp_path):
    path = tmp_path / "2024-01-01.txt"
    path.write_text(BODY * 10)
    reject = read_one(path, max_chars=100)
    assert reject.reason == f"article too long ({len(BODY) * 10:,} characters; limit 100)"


def test_missing_file_and_file_under_a_file(tmp_path):
    missing = tmp_path / "nope.txt"
    (tmp_path / "plain").write_text("x")
    nested = tmp_path / "plain" / "child.txt"
    assert str(read_one(missing)) == f"{missing}: cannot read file: No such file or directory"
    assert read_one(nested).reason == "cannot read file: Not a directory"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file(tmp_path):
    path = tmp_path / "2024-01-01.txt"
    path.write_text(BODY)
    path.chmod(0)
    assert read_one(path).reason == "cannot read file: Permission denied"


@pytest.mark.parametrize("text, reason", [
    ("Les soldats de la junte ont incendié le village de Kani mardi, selon des habitants qui ont fui "
     "vers la forêt. Les maisons du village et la pagode ont été détruites par le feu dans la nuit.",
     "not English (looks like French)"),
    ("Soldados del ejército quemaron las casas del pueblo el martes, según los vecinos que huyeron "
     "hacia el bosque con sus familias y sus animales para salvar la vida de los niños.",
     "not English (looks like Spanish)"),
    ("Военные обстреляли деревню во вторник, сообщили местные жители.", "not English (mostly Cyrillic script)"),
])
def test_non_english_text_is_rejected(tmp_path, text, reason):
    path = tmp_path / "2024-01-01.txt"
    path.write_text(text, encoding="utf-8")
    assert read_one(path).reason == reason


def test_english_with_burmese_names_is_kept(tmp_path):
    path = tmp_path / "2024-01-01.txt"
    path.write_text("Residents of Nyaung Pin Thar (ညောင်ပင်သာ) village in Kani Township said junta troops "
                    "burned their houses on Tuesday and that the Pyu Saw Htee militia took their cattle.")
    assert isinstance(read_one(path), Article)
