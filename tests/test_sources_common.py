"""The shared helpers: text cleaning, dates, decoding, language and binary checks."""
from datetime import date

import pytest

from clashmap.sources.common import (DecodeProblem, binary_problem, clean_text, decode, html_to_text,
                                     language_problem, parse_date)


@pytest.mark.parametrize("raw, clean", [
    ("  two   spaces\tand tab  ", "two spaces and tab"),
    ("a\r\nb\rc", "a\nb\nc"),
    ("para one\n\n\n\n\npara two", "para one\n\npara two"),
    ("Troops &amp; police &#8220;raided&#8221; Kani&nbsp;village", "Troops & police \u201craided\u201d Kani village"),
    ("<p>Junta <b>troops</b></p><br/>left", "Junta troops left"),
    ("&lt;p&gt;double-escaped&lt;/p&gt;", "double-escaped"),
    ("x < 5 and y > 3", "x < 5 and y > 3"),
    ("zero\u200bwidth soft\u00adhyphen \ufeffbom", "zerowidth softhyphen bom"),
    ("bell\x07 and escape\x1b[0m", "bell and escape[0m"),
    ("cafe\u0301", "caf\u00e9"),
    ("line\u2028separator", "line\nseparator"),
    ("<!-- comment -->kept", "kept"),
])
def test_clean_text(raw, clean):
    assert clean_text(raw) == clean


def test_html_to_text_drops_scripts_and_keeps_blocks():
    markup = "<div><h2>Title</h2><script>bad()</script><p>One &amp; two.</p><ul><li>a</li><li>b</li></ul></div>"
    assert html_to_text(markup) == "Title\n\nOne & two.\n\na\n\nb"


@pytest.mark.parametrize("value, expected", [
    ("2024-03-14", date(2024, 3, 14)),
    ("2024-03-14T23:30:00+06:30", date(2024, 3, 14)),
    ("2024/3/4", date(2024, 3, 4)),
    ("20240314", date(2024, 3, 14)),
    ("14 March 2024", date(2024, 3, 14)),
    ("March 14, 2024", date(2024, 3, 14)),
    ("Mar. 14, 2024", date(2024, 3, 14)),
    ("14th March 2024", date(2024, 3, 14)),
    ("Thursday, 14 March 2024", date(2024, 3, 14)),
    ("Thu, 14 Mar 2024 23:30:00 +0630", date(2024, 3, 14)),
    ("31/03/2024", date(2024, 3, 31)),
    ("03/31/2024", date(2024, 3, 31)),
    ("05/05/2024", date(2024, 5, 5)),
    (date(2024, 1, 2), date(2024, 1, 2)),
])
def test_parse_date(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("value, message", [
    ("03/04/2024", "ambiguous date '03/04/2024' (day and month order unknown)"),
    ("2024-02-30", "bad date '2024-02-30'"),
    ("31/31/2024", "bad date '31/31/2024'"),
    ("0024-01-01", "implausible date '0024-01-01'"),
    ("last Tuesday", "bad date 'last Tuesday'"),
    ("", "no date"),
    (None, "bad date None"),
])
def test_parse_date_refuses(value, message):
    with pytest.raises(ValueError) as info:
        parse_date(value)
    assert str(info.value) == message


def test_decode_order():
    assert decode("caf\u00e9".encode("utf-8")) == "caf\u00e9"
    assert decode(b"\xef\xbb\xbfhi") == "hi"
    assert decode(b"\xfe\xff\x00h\x00i") == "hi"
    assert decode("caf\u00e9 \u2014".encode("cp1252")) == "caf\u00e9 \u2014"
    with pytest.raises(DecodeProblem) as info:
        decode("ok \u2014 ".encode() + b"\xff")
    assert info.value.offset == 7


@pytest.mark.parametrize("text, problem", [
    ("ordinary text\nwith lines", None),
    ("nul\x00inside", "binary data (NUL bytes), not text"),
    ("\x01\x02\x03\x04\x05abc", "binary data (62% non-printable characters), not text"),
    ("\ufffd\ufffd\ufffd\ufffdab", "binary data (66% non-printable characters), not text"),
])
def test_binary_problem(text, problem):
    assert binary_problem(text) == problem


def test_language_problem_lets_short_text_and_english_through():
    assert language_problem("Mon Ywa village, Kani.") is None
    assert language_problem("Junta troops shelled the village on Monday and killed two farmers who were "
                            "working in their fields, according to residents of the township.") is None
    assert language_problem("Pasukan junta menembaki desa itu pada hari Senin dan menewaskan dua petani yang "
                            "sedang bekerja di sawah mereka, menurut warga dari kota tersebut dan pejabat "
                            "setempat yang tidak mau disebut namanya.") == "not English (looks like Indonesian/Malay)"
    assert language_problem("ရွာကို စစ်တပ်က မီးရှို့ခဲ့သည်") == "not English (mostly Myanmar script)"
