"""What every reader shares: options, decoding bytes, cleaning text, parsing dates, and the
checks that turn a candidate record into an Article or a Reject.

Readers only find the fields of a record; `make_article` decides whether the record is usable,
so every input kind rejects the same things for the same reasons.
"""
from __future__ import annotations

import codecs
import html
import re
import unicodedata
from dataclasses import dataclass, fields
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from pathlib import Path

from clashmap.model import Article, Reject

DEFAULT_MAX_CHARS = 2_000_000
RAW_PREVIEW_CHARS = 200

# Column / key names tried, in order, when the caller names none. Lower case; matched
# case-insensitively so "Body" and "PUBLISHED" work too.
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "story", "full_text", "description", "summary"),
    "date": ("date", "published", "published_at", "publication_date", "pubdate", "pub_date",
             "datetime", "created_at", "timestamp", "time"),
    "title": ("title", "headline", "heading"),
    "url": ("url", "link", "href", "permalink"),
    "outlet": ("outlet", "source", "publisher", "site", "sitename", "domain", "media"),
}


@dataclass(frozen=True)
class ReaderOptions:
    """Options any reader accepts; each reader uses the ones that apply to it."""

    max_chars: int = DEFAULT_MAX_CHARS
    default_date: date | None = None  # used for records that carry no date of their own
    outlet: str | None = None  # used for records that name no outlet
    text_col: str | None = None
    date_col: str | None = None
    title_col: str | None = None
    url_col: str | None = None
    outlet_col: str | None = None
    check_language: bool = True

    @classmethod
    def from_kwargs(cls, options: dict) -> "ReaderOptions":
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(options) - known)
        if unknown:
            raise TypeError(f"unknown reader option(s): {', '.join(unknown)}")
        options = dict(options)
        if isinstance(options.get("default_date"), str):
            options["default_date"] = date.fromisoformat(options["default_date"])
        if options.get("max_chars") is not None and int(options["max_chars"]) < 1:
            raise ValueError("max_chars must be positive")
        return cls(**options)

    def column(self, name: str) -> str | None:
        return getattr(self, f"{name}_col")


# ---------------------------------------------------------------------------------- bytes


class DecodeProblem(Exception):
    def __init__(self, offset: int, reason: str):
        self.offset = offset
        self.reason = reason
        super().__init__(reason)


# A multi-byte UTF-8 sequence. cp1252 text practically never contains one, so finding one in
# bytes that failed as UTF-8 means a damaged UTF-8 file: decoding it as cp1252 would produce
# mojibake ("â€™") rather than the author's text.
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def read_file_bytes(path: Path) -> bytes | Reject:
    try:
        return path.read_bytes()
    except OSError as exc:
        return Reject(str(path), None, f"cannot read file: {exc.strerror or exc}")


def decode(data: bytes) -> str:
    """Bytes to text: a BOM decides; else UTF-8; else cp1252 if that reads cleanly.

    Latin-1 is not tried separately: every printable Latin-1 character has the same byte in
    cp1252, so a Latin-1 file that cp1252 rejects contains C1 control bytes, i.e. is not text.
    Raises DecodeProblem naming the first bad byte offset.
    """
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                       (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec)
            except UnicodeDecodeError as exc:
                offset = exc.start + len(bom)
                raise DecodeProblem(offset, f"invalid {codec.upper()} at byte offset {offset}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = exc.start
    if not _UTF8_MULTIBYTE.search(data):
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    raise DecodeProblem(offset, f"undecodable text: invalid UTF-8 at byte offset {offset}, "
                                "and not clean cp1252/latin-1")


def line_of_offset(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def decode_lines(data: bytes, source: str):
    """Yield (line_number, text) or a Reject for each line, so that one undecodable line in a
    line-per-record file costs that line only. Lines are split on LF (as editors number them)."""
    try:
        text = decode(data)
    except DecodeProblem:
        offset = 0
        for number, raw_line in enumerate(data.split(b"\n"), start=1):
            try:
                yield number, decode(raw_line).rstrip("\r")
            except DecodeProblem as problem:
                absolute = offset + problem.offset
                yield Reject(source, number, f"undecodable text: invalid UTF-8 at byte offset {absolute}",
                             preview(raw_line.decode("utf-8", "replace")))
            offset += len(raw_line) + 1
        return
    for number, line in enumerate(text.split("\n"), start=1):
        yield number, line.rstrip("\r")


def decode_file(data: bytes, source: str) -> str | Reject:
    try:
        return decode(data)
    except DecodeProblem as problem:
        return Reject(source, line_of_offset(data, problem.offset), problem.reason,
                      preview(data[:RAW_PREVIEW_CHARS].decode("utf-8", "replace")))


def preview(raw: str) -> str:
    return raw[:RAW_PREVIEW_CHARS]


_SAMPLE = 4096


def binary_problem(text: str) -> str | None:
    """Why `text` looks like binary data rather than prose, or None."""
    if "\x00" in text:
        return "binary data (NUL bytes), not text"
    sample = text[:_SAMPLE]
    if not sample:
        return None
    odd = sum(1 for ch in sample if _is_unprintable(ch))
    if odd >= 4 and odd / len(sample) > 0.3:
        return f"binary data ({odd * 100 // len(sample)}% non-printable characters), not text"
    return None


def _is_unprintable(ch: str) -> bool:
    if ch in "\n\r\t":
        return False
    return ch == "\ufffd" or unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn")


# ----------------------------------------------------------------------------------- text

_LINE_BREAKS = re.compile(r"\r\n?|[\x0b\x0c\x85\u2028\u2029]")
# Control characters (but tab and newline), lone surrogates (from JSON escapes), and invisible
# format characters that break tokenisation: zero-width space/joiners, bidi marks, BOM, soft hyphen.
_INVISIBLE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\ud800-\udfff]")
_TAG = re.compile(r"<!--.*?-->|<!\[CDATA\[|\]\]>|</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]{0,500})?/?>", re.S)
_SPACES = re.compile(r"[^\S\n]+")
_SPACE_AROUND_NEWLINE = re.compile(r" ?\n ?")
_BLANK_LINES = re.compile(r"\n{3,}")


def clean_text(text: str) -> str:
    """Text fit for extraction: tags and entities gone, no control or invisible characters,
    runs of spaces collapsed, paragraphs kept as single blank lines."""
    if "<" in text:
        text = _TAG.sub(" ", text)
    if "&" in text:
        text = html.unescape(text)
        if "<" in text:  # entities that spelled out tags (double-escaped feeds)
            text = _TAG.sub(" ", text)
    text = unicodedata.normalize("NFC", text)
    text = _LINE_BREAKS.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    text = _SPACES.sub(" ", text)
    text = _SPACE_AROUND_NEWLINE.sub("\n", text)
    text = _BLANK_LINES.sub("\n\n", text)
    return text.strip()


class _TextCollector(HTMLParser):
    """Visible text of an HTML fragment, with block elements on lines of their own."""

    BLOCK = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
             "table", "blockquote", "section", "article", "header", "footer", "pre", "hr",
             "figcaption", "dd", "dt"}
    HIDDEN = {"script", "style", "noscript", "template", "head", "svg"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden_depth = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self.hidden_depth += 1
        elif tag in self.BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in self.HIDDEN:
            self.hidden_depth = max(0, self.hidden_depth - 1)
        elif tag in self.BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if not self.hidden_depth:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    collector = _TextCollector()
    try:
        collector.feed(markup)
        collector.close()
    except Exception:  # noqa: BLE001 - html.parser gives up on some junk; keep what it read
        pass
    return clean_text("".join(collector.parts))


# ---------------------------------------------------------------------------------- dates

_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[T\s_])")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:$|T)")
_NUMERIC = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_TEXT_FORMATS = ("%d %B %Y", "%d %b %Y", "%B %d %Y", "%b %d %Y", "%d %b. %Y", "%b. %d %Y",
                 "%A %d %B %Y", "%A %B %d %Y", "%a %d %b %Y", "%B %Y")
FIRST_YEAR, LAST_YEAR = 1900, 2100


def parse_date(value: object) -> date:
    """A publication date from the forms feeds, tables and headers use. Raises ValueError
    with a short reason. Day-first vs month-first numeric dates (03/04/2023) are refused
    rather than guessed."""
    if isinstance(value, datetime):
        return _plausible(value.date(), value)
    if isinstance(value, date):
        return _plausible(value, value)
    if not isinstance(value, str):
        raise ValueError(f"bad date {value!r}")
    text = " ".join(value.split())
    if not text:
        raise ValueError("no date")
    for pattern in (_ISO, _COMPACT):
        match = pattern.match(text)
        if match:
            try:
                day = date(*map(int, match.groups()))
            except ValueError:
                raise ValueError(f"bad date {value[:40]!r}") from None
            return _plausible(day, value)
    numeric = _NUMERIC.match(text)
    if numeric:
        return _plausible(_day_month_order(*map(int, numeric.groups()), value), value)
    try:  # RFC 822 as in RSS: keep the publisher's local day, not the UTC one
        return _plausible(parsedate_to_datetime(text).date(), value)
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    simple = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text.replace(",", " "))
    simple = " ".join(simple.split())
    for fmt in _TEXT_FORMATS:
        try:
            return _plausible(datetime.strptime(simple, fmt).date(), value)
        except ValueError:
            continue
    raise ValueError(f"bad date {value[:40]!r}")


def _day_month_order(first: int, second: int, year: int, original: str) -> date:
    """03/04/2024 could be March or April: refuse it. 31/03/2024 and 03/31/2024 cannot."""
    if first != second and first <= 12 and second <= 12:
        raise ValueError(f"ambiguous date {original[:40]!r} (day and month order unknown)")
    month, day = (second, first) if first > 12 else (first, second)
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"bad date {original[:40]!r}") from None


def _plausible(day: date, original: object) -> date:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValueError(f"implausible date {str(original)[:40]!r}")
    return day


# ------------------------------------------------------------------------------- language

_ENGLISH = frozenset("""the of and to in a is was were that for on with by as at from it
this be are been has have had said not but after their they which who he she his her its
an or more than when while killed people according""".split())
# Small function-word lists: enough to tell a reader which language a rejected text is in.
_OTHER_LANGUAGES = {
    "Spanish": frozenset("el la los las de del que y en un una por para con se su al fue según más como".split()),
    "French": frozenset("le la les des du de et est une un dans pour par sur qui au aux ont été selon".split()),
    "Portuguese": frozenset("o os as da do das dos em que um uma para com não foi segundo pelo pela".split()),
    "German": frozenset("der die das und ist nicht von mit den dem zu ein eine im auf für wurde sich des".split()),
    "Italian": frozenset("il di che la per gli delle della del nel con non sono stato è".split()),
    "Indonesian/Malay": frozenset("yang dan di ke dari ini itu dengan untuk pada tidak dalam oleh tersebut".split()),
}
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_LANGUAGE_SAMPLE = 20_000
MIN_WORDS_FOR_WORD_TEST = 20


def language_problem(text: str) -> str | None:
    """A reason like 'not English (mostly MYANMAR script)' or None.

    Cheap on purpose: first the script of the letters, then the share of common English
    function words (English news prose has 30-45%; other Latin-script languages a few %)."""
    sample = text[:_LANGUAGE_SAMPLE]
    scripts: dict[str, int] = {}
    latin = 0
    for ch in sample:
        if not ch.isalpha():
            continue
        if ch < "\u0250":
            latin += 1
        else:
            script = unicodedata.name(ch, "UNKNOWN").split(" ")[0]
            scripts[script] = scripts.get(script, 0) + 1
    letters = latin + sum(scripts.values())
    if letters and latin / letters < 0.5:
        main = max(scripts, key=scripts.get).title()
        return f"not English (mostly {main} script)"
    words = [w.lower() for w in _WORD.findall(sample)]
    if len(words) < MIN_WORDS_FOR_WORD_TEST:
        return None
    english = sum(w in _ENGLISH for w in words) / len(words)
    if english >= 0.12:
        return None
    name, share = max(((lang, sum(w in vocab for w in words) / len(words))
                       for lang, vocab in _OTHER_LANGUAGES.items()), key=lambda pair: pair[1])
    if share > english:
        return f"not English (looks like {name})"
    if english < 0.05:
        return f"not English (only {english:.0%} common English words)"
    return None


# -------------------------------------------------------------------------------- records


def make_article(raw_text: object, source: str, line: int | None, options: ReaderOptions, *,
                 day: date | None = None, date_problem: str | None = None, title: object = None,
                 url: object = None, outlet: object = None, clean: bool = True) -> Article | Reject:
    """The one gate every record goes through. `date_problem` explains a missing `day`."""
    if not isinstance(raw_text, str):
        return Reject(source, line, "no text", preview(repr(raw_text)))
    raw = preview(raw_text)
    problem = binary_problem(raw_text)
    if problem:
        return Reject(source, line, problem, raw)
    text = clean_text(raw_text) if clean else raw_text
    if not text:
        return Reject(source, line, "empty article", raw)
    if len(text) > options.max_chars:
        return Reject(source, line, f"article too long ({len(text):,} characters; limit {options.max_chars:,})", raw)
    if day is None:
        day = options.default_date
        if day is None:
            return Reject(source, line, date_problem or "no date", raw)
    if options.check_language:
        problem = language_problem(text)
        if problem:
            return Reject(source, line, problem, raw)
    return Article(text=text, date=day, outlet=_short(outlet) or options.outlet, url=_short(url),
                   title=_short(title), source=source, line=line)


def _short(value: object) -> str | None:
    """A one-line metadata value, or None."""
    if value is None:
        return None
    if isinstance(value, dict):  # e.g. {"source": {"name": "Example"}} from news APIs
        value = value.get("name") or value.get("title")
    if not isinstance(value, (str, int, float)):
        return None
    value = clean_text(str(value)).replace("\n", " ")
    return value[:1000] or None


def date_or_problem(value: object) -> tuple[date | None, str | None]:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, "no date"
    try:
        return parse_date(value), None
    except ValueError as exc:
        return None, str(exc)


def pick(record: dict, name: str, options: ReaderOptions) -> tuple[str | None, object]:
    """The key holding field `name` in `record` (the caller's column first, then aliases),
    and its value. Keys compare case-insensitively."""
    lowered = {str(key).strip().lower(): key for key in record}
    wanted = options.column(name)
    candidates = (wanted.lower(),) if wanted else FIELD_ALIASES[name]
    for candidate in candidates:
        if candidate in lowered:
            key = lowered[candidate]
            return key, record[key]
    return None, None


def article_from_record(record: dict, text: object, source: str, line: int | None, options: ReaderOptions,
                        raw: str):
    """The rest of a table-like record (JSONL object, CSV row) once its text is found: the date
    (a bad one rejects the record; a missing one is settled by make_article), title, url, outlet."""
    _, date_value = pick(record, "date", options)
    day, problem = date_or_problem(date_value)
    if problem and problem != "no date":
        return Reject(source, line, problem, raw)
    _, title = pick(record, "title", options)
    _, url = pick(record, "url", options)
    _, outlet = pick(record, "outlet", options)
    return make_article(text, source, line, options, day=day, date_problem=problem, title=title,
                        url=url, outlet=outlet)
