"""Figures -> Mentions (kind "quantities"): casualty and count numbers with their role.

Rules (design.md, bench/dev/README.md, ACLED):
  "more than 425" -> n 426, low 426        "at least 20" -> n 20, low 20
  "about 170" -> n 170                     "nearly 30" -> n 30, high 30
  "as many as a dozen" -> n 12, high 12, flag upper_bound
  "dozens" 12, "hundreds" 100, "several" 3 (flag acled_convention)
  a figure with no number ("some civilians were killed", "heavy casualties",
  "another were injured") -> n None, flag "unquantified": never 0, never a guess
  "no casualties", "no one was hurt" -> n 0, flag "explicit_zero"

value keys: n, low, high, role (killed, injured, captured, arrested, missing, casualties,
count, or None), qualifier, noun (the counted noun phrase), flag; optional: subset (a part of a
figure already counted: "including three children", an item of an enumeration), enumerated
(the sum of "a woman, a child and a girl"), side (side_hint of the noun).

"casualties" is its own role: the word mixes dead and wounded, so assembly decides.
Vocabularies live in knowledge/numbers.yaml; everything is compiled once.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from itertools import compress
from operator import or_
from typing import Any, Iterable, Iterator

from clashmap.extract.mentions import ALNUM, Mention, alnum_columns, matches_at
from clashmap.knowledge.loader import load_yaml
from clashmap.memo import remember
from clashmap.regexes import alternation, caseless_twin, fold_case

KIND = "quantities"

# Figures beyond this are not casualty or count figures (and "10^400" must never become one).
_MAX_N = 10**9


def _norm(s: str) -> str:
    return " ".join(s.lower().replace("’", "'").split())


# ----------------------------------------------------------------------------- parse_number


class _Numbers:
    def __init__(self, v: dict[str, Any]) -> None:
        self.units = {k.lower(): int(x) for k, x in v["units"].items()}
        self.tens = {k.lower(): int(x) for k, x in v["tens"].items()}
        self.scales = {k.lower(): int(x) for k, x in v["scales"].items()}
        self.conventional = {_norm(k): int(x) for k, x in v["conventional"].items()}
        self.vague = {_norm(w) for w in v["vague"]}


@lru_cache(maxsize=1)
def _numbers() -> _Numbers:
    return _Numbers(load_yaml("numbers.yaml"))


_TRAILING_OF = re.compile(r"\s+of$")
_MORE = re.compile(r"\s+(?i:more|other|further|additional)(?![\w-])")
# _ID_WORD and _ID_TWO are searched for at the end of a window. Their leftmost match never
# starts right after a letter (it would start at that letter), so the lookbehinds change no
# match; they make the other offsets of a word fail at once (twice as fast a search).
_ID_WORD = re.compile(r"(?<![A-Za-z])([A-Za-z][\w.]*)\.?\s*$")
_ID_SIGN = re.compile(r"[#№]\s*$")
_ID_TWO = re.compile(r"(?<![A-Za-z])([A-Za-z]+\s+[A-Za-z]+)\s*$")
_SING_AUX = re.compile(r"\s+(?:was|were|is)\s")
_AND_AFTER = re.compile(r"\s+(?:and|or)\s", re.IGNORECASE)
_HOSTAGE = re.compile(r"\s+(?i:hostage)")
_NUM_AFTER = re.compile(r"\s+(?:\d|[a-z]+\s+(?:hundred|dozen))")
# The auxiliaries a list of people is counted before ("a woman and two boys were killed"):
# each is one run of ASCII letters, so the alphanumeric runs lowered name them in any case.
_ANCHOR_WORDS = frozenset(("were", "been", "are"))
_DIGITS = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$")


# Results of parse_number and side_hint by their string: the same few figures and nouns come
# back in article after article. Bounded (memo.remember).
_PARSED: dict[str, int | None] = {}
_SIDES: dict[str, str | None] = {}
_MEMO_LIMIT = 50_000


def parse_number(s: object) -> int | None:
    """A number written in digits or words, or an ACLED conventional word; None when the
    text gives no number ("some", "many", "a few") or is not a number at all.

    Absurd figures (over a billion, "10^400") give None rather than a huge int.
    """
    if not isinstance(s, str):
        return None
    try:
        return _PARSED[s]
    except KeyError:
        return remember(_PARSED, s, lambda: _parse_number(s), _MEMO_LIMIT)


def _parse_number(s: str) -> int | None:
    t = _norm(s).replace("-", " ")
    t = _TRAILING_OF.sub("", t)
    if not t or len(t) > 120:
        return None
    nums = _numbers()
    if t in nums.conventional:
        return nums.conventional[t]
    if t in nums.vague:
        return None
    words = t.split()
    if not words:
        return None
    # "1,300", "3.5 million", "2 thousand"
    m = _DIGITS.match(words[0])
    if m:
        if len(words[0].replace(",", "")) > 12:
            return None
        whole = int(m.group(1).replace(",", ""))
        frac = m.group(2)
        if len(words) == 1:
            return whole if frac is None and whole <= _MAX_N else None
        if len(words) == 2 and words[1] in nums.scales:
            val = (float(f"{whole}.{frac}") if frac else whole) * nums.scales[words[1]]
            return int(val) if val <= _MAX_N else None
        return None
    total, current, seen = 0, 0, False
    for i, w in enumerate(words):
        if w == "and" and seen:
            continue
        if w in ("a", "an") and i == 0 and len(words) > 1:
            current, seen = 1, True  # "a hundred", "a thousand"
            continue
        if w in nums.units and w not in ("no", "none", "a", "an"):
            current += nums.units[w]
        elif w in nums.tens:
            current += nums.tens[w]
        elif w == "hundred":
            current = max(current, 1) * 100
        elif w in nums.scales:
            total += max(current, 1) * nums.scales[w]
            current = 0
        else:
            return None
        seen = True
    if not seen:
        return None
    val = total + current
    return val if val <= _MAX_N else None


# ----------------------------------------------------------------------------- side_hint


@lru_cache(maxsize=1)
def _side_regex() -> tuple[re.Pattern, dict[str, str]]:
    table: dict[str, str] = {}
    for side, phrases in load_yaml("numbers.yaml")["sides"].items():
        for p in phrases:
            table.setdefault(_norm(p), side)
    return re.compile(rf"(?<![\w-])({alternation(table, '')})(?![\w-])"), table


def side_hint(noun: str | None) -> str | None:
    """"civilians" | "state" | "nonstate" | None from a counted noun phrase.

    The longest listed phrase wins ("junta soldiers" is state, "PDF fighters" nonstate).
    """
    if not noun or not isinstance(noun, str):
        return None
    try:
        return _SIDES[noun]
    except KeyError:
        return remember(_SIDES, noun, lambda: _side_hint(noun), _MEMO_LIMIT)


def _side_hint(noun: str) -> str | None:
    rx, table = _side_regex()
    best = None
    for m in rx.finditer(_norm(noun)):
        if best is None or len(m.group(1)) > len(best):
            best = m.group(1)
    return table.get(best) if best else None


# ----------------------------------------------------------------------------- the scanner

_AUX = ("were|was|is|are|be|been|being|have|has|had|got|get|gets|reportedly|allegedly|also|all|"
        "both|later|subsequently|then|initially|believed|feared|confirmed|said|thought|to|either|"
        "seriously|severely|critically|badly|slightly|hit|shot|and|who|that|which|now|each|"
        "instantly|immediately|reported|still|yet|remain|remains|remained|apparently|possibly|likely|probably|mostly")
_PLURAL_AUX = {"were", "are", "have", "had"}
_STOP = set(("were was is are be been being have has had got get and or but in on at of to for "
             "from by with as into after before during near while when where who that which "
             "the this these those their its his her our it they them he she we you i also "
             "reportedly allegedly said says told more than than about around including "
             "among both all each other others while since until over under up down out off "
             "not no yet still later every whom whose per across".split())) - {"others"}
_PARTICIPLES = {"killed", "injured", "wounded", "dead", "missing"}


class _Scanner:
    def __init__(self, v: dict[str, Any]) -> None:
        nums = _numbers()
        self.qual = {_norm(k): q for k, q in v["qualifiers"].items()}
        self.roles_passive: dict[str, str] = {}
        self.roles_active: dict[str, str] = {}
        self.roles_noun: dict[str, str] = {}
        for role, forms in v["roles"].items():
            for w in forms.get("passive") or []:
                self.roles_passive.setdefault(_norm(w), role)
            for w in forms.get("active") or []:
                self.roles_active.setdefault(_norm(w), role)
            for w in forms.get("nouns") or []:
                self.roles_noun.setdefault(_norm(w), role)
        self.roles_passive.setdefault("hostage", "captured")
        self.people = {_norm(w) for w in v["people_nouns"]}
        self.collective = {_norm(k): n for k, n in (v.get("collective_people") or {}).items()}
        self.people_memo: dict[str, bool] = {}  # _is_people by noun phrase
        self.people_or_old = frozenset(self.people | {"old"})  # "a <person>", "a 20-year-old"
        self.measure = {_norm(w) for w in v["measure_nouns"]}
        self.id_words = {_norm(w) for w in v["id_words"]}
        role_words = set()
        for d in (self.roles_passive, self.roles_active, self.roles_noun):
            for k in d:
                role_words.update(k.split())
        self.stop = _STOP | role_words

        word_units = [w for w in nums.units if w not in ("no", "none", "a", "an", "single")]
        wordnum = alternation(word_units + list(nums.tens) + list(nums.scales), "")
        words_rx = (rf"(?:(?:an?\s+)?(?:{wordnum})(?:(?:\s+and\s+|[\s-]+)(?:{wordnum}))*"
                    rf"(?![\w-]))")
        digits_rx = (r"(?:(?<![\d.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
                     r"(?:\s+(?i:million|thousand))?(?![\w]))")
        conv_rx = alternation(nums.conventional, "")
        vague_rx = alternation(nums.vague, "")
        qual_rx = alternation(self.qual, "")
        core = rf"(?P<num>{digits_rx}|{conv_rx}(?![\w-])|{words_rx})"
        # "10 to 15", "10-15"; "and" only after "between" ("killed 20 and 30 injured" is two)
        rng = (rf"(?:(?:\s*(?:-|–|to|or)\s*|(?(btw)\s+and\s+|(?!)))"
               rf"(?P<num2>{digits_rx}|{words_rx}))?")
        # The figure grammar, tried where a token can start a figure (see numbers); the longest
        # reading first. It is one alternation in two parts, tried in the same order (a match
        # at one place is the first alternative that matches there): the case-insensitive
        # figures, which have a twin for case-folded text, then the case-sensitive article.
        figure = (rf"(?<![\w-])(?i:(?:(?P<q>{qual_rx})\s+)?(?P<btw>between\s+)?{core}"
                  rf"(?:(?<=\d)(?P<pct>\s*%|-[A-Za-z])|{rng}))"
                  rf"|(?<![\w-])(?P<vg>(?i:{vague_rx}))(?![\w-])"
                  rf"|(?<![\w-])(?P<another>(?i:another))(?![\w-])")
        article = r"(?<![\w-])(?P<art>(?:A|a|an|An))(?=\s)"
        self.figure_rx = re.compile(figure)
        self.figure_twin = caseless_twin(figure)
        self.article_rx = re.compile(article)
        self.token_rx = re.compile(r"\s*(\(?[A-Za-z][\w’'-]*\)?)")
        passive = (r"(?:\s*,?\s*{rel}?)?"
                   rf"(?P<aux>(?:\s+(?i:{_AUX}))*)"
                   # "was raped and killed", "were arrested and then killed"
                   r"(?:\s+(?i:[a-z]+ed)\s+(?i:and|and\s+then|then))?"
                   rf"\s*(?P<verb>(?i:{alternation(self.roles_passive, '')}))"
                   rf"(?![\w-])(?P<obj>\s+(?:\d|(?i:a|an|the|his|her|their|at\s+least|one|two|three|"
                   rf"four|five|six|seven|eight|nine|ten)\b))?")
        relative = alternation(["who", "that", "which"], "")
        self.passive_rx = re.compile(passive.replace("{rel}", f"(?:{relative})"))
        # For case-folded text: the relative pronoun (lower case only, above) in any case and
        # captured; a match whose pronoun is lower case in the text is passive_rx's match.
        self.passive_twin = caseless_twin(passive.replace("{rel}", f"(?P<rel>(?i:{relative}))"))
        # Skippable material between a counted phrase and its verb: "(PDF)", ", including two
        # children,", " including children" (up to the verb).
        self.paren_rx = re.compile(
            r"\s*(?:\([^()]{0,80}\)|,[^,.;:()]{1,100},"
            r"|\s+in\s+(?i:his|her|their)\s+(?:(?i:early|late|mid)[\s-]+)?\d0s"
            r"|,?\s+(?i:including|among\s+them|among\s+whom)\s+[^.;:]{1,80}?"
            r"(?=\s+(?i:were|was|have|had|are|is|injured|wounded|killed|hurt|died|dead)\b))"
            # "residents who could not flee were killed", "an administrator appointed by the
            # council was stabbed": a clause about the counted people, then their own verb
            r"|\s+(?:who|that)\s+(?!(?i:were|was|had|have)\b)[^,.;:()]{1,40}?(?=\s+(?i:were|was|had\s+been|have\s+been)\s)"
            r"|\s+[a-z]+ed\s+by\s+[^,.;:()]{1,40}?(?=\s+(?i:were|was|had\s+been|have\s+been)\s)")
        active = (rf"(?<![\w-])(?P<verb>(?i:{alternation(self.roles_active, '')}))\s+"
                  r"(?:(?i:and|or)\s+{word}\s+)?(?:(?i:a\s+total\s+of|up|a\s+further|an\s+additional|another|only|just)\s+)?$")
        self.active_rx = re.compile(active.replace("{word}", "[a-z]+"))
        # For case-folded text: the lower-case word in any case and captured (as passive_twin).
        self.active_twin = caseless_twin(active.replace("{word}", "(?P<word>[A-Za-z]+)"))
        self.toll_rx = re.compile(
            rf"(?i:{alternation(v['toll_phrases'], '')})\b[^.;:]{{0,40}}?\b(?i:to|at|of|reached|hit|is|"
            rf"was|stands\s+at|stood\s+at|now)\s+$")
        # "of them", "of the family", "of a pro-junta Pyu Saw Htee militia": what the counted
        # people belong to, up to five words, never the verb group after it
        self.of_rx = re.compile(r"\s+(?i:of)\s+(?P<of>(?i:them|whom|those|us|(?:the|a|an|its|their|his|her|our)"
                                r"(?:\s+(?!(?:were|was|are|is|had|have|has)(?![\w-]))[\w’'-]+){1,5}))")
        self.subset_rx = re.compile(r"(?i:including|among\s+them|among\s+whom|of\s+whom|"
                                    r"of\s+them|incl\.|among\s+the\s+dead|among\s+those)")
        # zero_rx and unknown_rx scan whole texts: each starts with a lookahead for the letters
        # its matches can start with, which changes no match and lets the regex engine skip
        # the other offsets fast.
        self.zero_rx = re.compile(
            r"(?=(?i:[dnw]))(?<![\w-])(?i:(?P<z1>no\s+(?:(?:reported|immediate|known|civilian|human|other|"
            r"further|serious|major)\s+)*(?P<z1n>casualties|casualty|deaths|fatalities|injuries|"
            r"lives\s+were\s+lost|one\s+was\s+(?:\w+\s+)?(?P<z1v>killed|hurt|injured|harmed|"
            r"wounded|died)|one\s+(?P<z1w>died|was\s+hurt)))"
            r"|(?P<z2>(?:nobody|no\s+one|none)\s+(?:was|were|has\s+been|had\s+been|got)\s+"
            r"(?:\w+\s+)?(?P<z2v>killed|hurt|injured|harmed|wounded))"
            r"|(?P<z3>(?:did\s+not|didn't|did\s+not\s+yet)\s+suffer\s+any\s+(?P<z3n>casualt(?:y|ies)|"
            r"losses|deaths|injuries)|without\s+(?:any\s+)?(?P<z4n>casualties|deaths|injuries|"
            r"loss\s+of\s+life)))"
            r"(?![\w-])")
        self.unknown_rx = re.compile(
            r"(?=(?i:[cdfint]))(?<![\w-])(?i:(?:the\s+)?(?:number\s+of\s+)?(?P<u>casualties|deaths|dead|injuries|"
            r"fatalities|death\s+toll)(?:\s+on\s+both\s+sides|\s+on\s+either\s+side)?\s+"
            r"(?:is|was|are|were|remains?|remained)\s+(?:still\s+|yet\s+|as\s+yet\s+)?"
            r"(?:unknown|unclear|not\s+(?:yet\s+)?(?:known|clear|confirmed)))")
        self.anchor_rx = re.compile(
            r"(?i:\s+(?:were|have\s+been|had\s+been|are)\s+(?:(?:also|all|reportedly)\s+)*"
            rf"(?P<v>{alternation(self.roles_passive, '')}))(?![\w-])")
        # Twins of the case-insensitive regexes for case-folded text (regexes.fold_case).
        self.toll_twin = caseless_twin(self.toll_rx.pattern)
        self.of_twin = caseless_twin(self.of_rx.pattern)
        self.zero_twin = caseless_twin(self.zero_rx.pattern)
        self.unknown_twin = caseless_twin(self.unknown_rx.pattern)
        self.anchor_twin = caseless_twin(self.anchor_rx.pattern)
        starts = {"another", "a", "an", "between"}
        phrases = (list(self.qual) + list(nums.conventional) + list(nums.vague)
                   + list(nums.units) + list(nums.tens) + list(nums.scales))
        for phrase in phrases:
            starts.add(re.split(r"[\s-]+", phrase)[0])
        self.start_words = starts
        self.second_words = _second_words(phrases, alone=("another", "a", "an", "between"))
        # List separators: ", ", ", and ", " and ". Written to open with a character class
        # (the regex engine then skips other characters in C); the same matches as
        # r"\s*,\s*(?:and\s+)?|\s+and\s+", whose leading \s* was tried at every offset.
        self.sep_rx = re.compile(r"[\s,](?:(?<=,)\s*(?:and\s+)?|\s*,\s*(?:and\s+)?|\s*and\s+)")
        # "killed a woman and her daughter": an active casualty verb and the people after it
        self.active_first_words = frozenset(w.split()[0] for w in self.roles_active)
        # active_role tries active_twin only where such a word starts a token (see there):
        # sound when every active verb opens with a word of letters only.
        self.active_firsts_only = all(w.split()[0].isalpha() and w.split()[0].isascii()
                                      for w in self.roles_active)
        # Every match of toll_rx holds the first word of a toll phrase as it is written: a
        # folded window with none of them needs no search for a toll (None: no such test).
        toll_keys = {_norm(p).split()[0] for p in v["toll_phrases"]}
        self.toll_keys = tuple(toll_keys) if all(k.isascii() for k in toll_keys) else None
        self.active_verb_rx = re.compile(rf"(?<![\w-])(?P<verb>(?i:{alternation(self.roles_active, '')}))\s+")
        self.object_end_rx = re.compile(
            r"[.;:!?()\u201c\u201d\"]|,\s*(?i:said|according|while|as|who|which)\b"
            r"|\s(?i:in|at|on|near|from|during|when|while|after|before|as|with|inside|outside|by|and\s+(?:then\s+)?[a-z]+ed)\s")
        # Twins for folded text (active_lists)
        self.object_end_twin = caseless_twin(self.object_end_rx.pattern)
        self.active_verb_twin = caseless_twin(self.active_verb_rx.pattern)
        self.possessive_rx = re.compile(rf"^(?i:his|her|their)\s+(?:(?P<n>\d{{1,4}}|(?i:{words_rx}))\s+)?")
        self.partitive_rx = re.compile(rf"^(?P<n>\d{{1,4}}|(?i:{words_rx}))\s+of\s+(?i:its|their|his|her|our|the)\s+(?P<rest>.+)$")
        self.qual_lead_rx = re.compile(rf"(?P<q>(?i:{alternation(self.qual, '')}))\s+")
        self.detnum_rx = re.compile(rf"^(?:(?i:an?|one)|(?i:{words_rx})|\d{{1,4}})\s+")


@lru_cache(maxsize=1)
def _scanner() -> _Scanner:
    return _Scanner(load_yaml("numbers.yaml"))


# "A farmer ... died", "A mother of three, Daw Hla, 41, from X village was killed"
# (no leading \b: a pattern that opens with its literals lets the engine skip fast; the word
# start is checked in one_who_died)
_DIED = re.compile(r"(?:died|was\s+(?:also\s+)?(?:killed|shot dead|(?P<hurt>injured|wounded|hurt)))\b")
# "A farmer", "An elderly woman", "A 60-year-old woman" at the start of a sentence
_ONE_PERSON = re.compile(r"(?i:a|an|one)\s+(?P<words>(?:[\w-]+\s+){0,2}[\w-]+)\b")
_WORD_AT = re.compile(r"[\w-]+")
_AND_ONE = re.compile(r"\band\s+(?P<art>(?:a|an|one)\s)", re.I)
# a killing whose victims are a pronoun: "set them on fire", "shot them dead", "executed them"
_PRONOUN_OBJECT = re.compile(r" (?P<who>them|him|her)\b")
_KILLED_BEFORE = re.compile(r"\b(?:killed|executed|murdered|beheaded|shot|set|burned|burnt|tortured|beat)$")
_PARTITIVE_AFTER = re.compile(r"\s+of\s+(?:its|their|his|her|our|the)\s+(?P<noun>(?:[A-Za-z-]+\s+)?[A-Za-z-]+)\b")
# the end of a speech verb (and "that") inside a list's first piece
_LAST_SPEECH = re.compile(r"^.*\b(?:said|says|reported|claimed|added|stated|told(?:\s+(?:the\s+)?(?-i:[A-Z])[\w’']*){1,3})\s+(?:that\s+)?", re.I)


def _value(n, low, high, role, qualifier, noun, flag, **extra) -> dict[str, Any]:
    v = {"n": n, "low": low, "high": high, "role": role, "qualifier": qualifier, "noun": noun,
         "flag": flag}
    side = side_hint(noun)
    if side:
        v["side"] = side
    v.update({k: x for k, x in extra.items() if x})
    return v


def _bounded(n: int | None, kind: str | None) -> tuple[int | None, int | None, int | None, str | None]:
    """(n, low, high, flag) for a number under a qualifier kind (numbers.yaml)."""
    if n is None:
        return None, None, None, "unquantified"
    if kind == "low":
        return n, n, None, None
    if kind == "above":
        return n + 1, n + 1, None, None
    if kind == "below":
        return n, None, n, None
    if kind == "upper":
        return n, None, n, "upper_bound"
    return n, None, None, None


class _Finder:
    def __init__(self, text: str) -> None:
        self.s = _scanner()
        self.text = text
        self.out: list[Mention] = []
        self.taken: list[tuple[int, int]] = []  # spans already explained (enumerations, zeros)
        self.last_n_by_sentence: dict[int, int | None] = {}
        cols = alnum_columns(text)  # the runs of mentions.ALNUM, shared with dates
        self.token_starts, self.token_words, self.lowered = cols
        self.words = set(self.lowered)
        self._sentence_ends: list[int] | None = None  # see sentence_start
        self._sentence_starts: list[int] = []
        self._active_firsts: list[int] | None = None  # see active_firsts
        # Case-insensitive regexes run as their case-sensitive twins on the case-folded text
        # where both exist (same matches, faster); what a match says is read from `text`.
        self.folded = fold_case(text)
        self.of_scan = self.scan_with(self.s.of_twin, self.s.of_rx)  # asked for every figure
        self.subset_hint = self.scan_with(_SUBSET_HINT_TWIN, _SUBSET_HINT)  # see is_subset

    # -- helpers

    def scan_with(self, twin: re.Pattern | None, regex: re.Pattern) -> tuple[re.Pattern, str]:
        """The regex to run and the string to run it on: `twin` on the folded text, or
        `regex` on the text when there is no twin or no folded text."""
        if twin is not None and self.folded is not None:
            return twin, self.folded
        return regex, self.text

    def covered(self, a: int, b: int) -> bool:
        return any(a < e and s < b for s, e in self.taken)

    def add(self, a: int, b: int, value: dict[str, Any]) -> None:
        while a < b and self.text[a].isspace():
            a += 1
        while b > a and self.text[b - 1].isspace():
            b -= 1
        if a < b:
            self.out.append(Mention(KIND, a, b, self.text[a:b], value))

    def sentence_start(self, pos: int) -> int:
        """One past the last ". ", "; ", "? ", "! " or newline that ends before `pos`, or 0."""
        if self._sentence_ends is None:
            # Every such mark once per text (they cannot overlap), by where it ends.
            marks = list(_SENTENCE_MARK.finditer(self.text))
            self._sentence_ends = [m.end() for m in marks]
            self._sentence_starts = [m.start() + 1 for m in marks]
        i = bisect_right(self._sentence_ends, pos)
        return self._sentence_starts[i - 1] if i else 0

    def noun_phrase(self, pos: int) -> tuple[str | None, int, str | None]:
        """(noun phrase, its end, role from a role noun) after a number at `pos`."""
        s, text = self.s, self.text
        toks: list[tuple[str, int, int]] = []
        p = pos
        m_more = _MORE.match(text, p)
        if m_more:
            p = m_more.end()  # (an absolute offset: match() with a start position)
        for _ in range(5):
            m = s.token_rx.match(text, p)
            if not m:
                break
            w = m.group(1)
            lw = w.lower().strip("()")
            if lw in s.roles_noun and not toks:
                # "47 deaths", "12 dead", "30 casualties"; "30 dead junta troops" keeps going
                role = s.roles_noun[lw]
                if lw in _PARTICIPLES:
                    rest, end, _ = self.noun_phrase_tokens(m.end())
                    if rest:
                        return rest, end, role
                    # "12 killed", "5 dead": the participle names the role, not the noun
                    return None, m.end(), role
                return lw, m.end(), role
            if lw in s.stop or w.startswith("(") or w.endswith(")"):
                break
            if toks and lw.endswith("ed") and (toks[-1][0].lower().endswith("s")
                                                or toks[-1][0].lower() in s.people):
                break  # "30 police officers manned ...": the verb after a plural head
            toks.append((w, m.start(1), m.end(1)))
            p = m.end()
        if not toks:
            return None, pos, None
        # drop trailing words that are role-ish participles ("civilians killed")
        return " ".join(t[0] for t in toks), toks[-1][2], None

    def noun_phrase_tokens(self, pos: int) -> tuple[str | None, int, None]:
        s, text = self.s, self.text
        toks = []
        p = pos
        for _ in range(4):
            m = s.token_rx.match(text, p)
            if not m:
                break
            w = m.group(1)
            if w.lower() in s.stop or w.startswith("(") or w.endswith(")"):
                break
            toks.append((w, m.end(1)))
            p = m.end()
        if not toks:
            return None, pos, None
        return " ".join(t[0] for t in toks), toks[-1][1], None

    def passive_role(self, pos: int) -> tuple[str | None, int, bool]:
        """Role from a predicate after the counted phrase: "were killed", "died", "hostage".
        Returns (role, end, plural_aux)."""
        s, text = self.s, self.text
        p = pos
        of_rx, scanned = self.of_scan
        m_of = of_rx.match(scanned, p)
        if m_of:
            p = m_of.end()
        for attempt in range(2):
            m = self._passive_match(p)
            if m:
                aux = text[m.start("aux"):m.end("aux")].lower().split()
                if m.group("obj") and not any(a in ("were", "was", "been", "got", "are", "is")
                                              for a in aux):
                    return None, pos, False  # "three soldiers killed two civilians": active
                if aux[:1] == ["and"]:
                    return None, pos, False  # "killed five civilians ... and destroyed shops": the next clause
                verb = _norm(text[m.start("verb"):m.end("verb")])
                return s.roles_passive[verb], m.end("verb"), any(a in _PLURAL_AUX for a in aux)
            if attempt == 0:
                mp = s.paren_rx.match(text, p)  # skip ", including three children," or "(PDF)"
                if not mp:
                    break
                p = mp.end()
        return None, pos, False

    def _passive_match(self, p: int) -> re.Match | None:
        """s.passive_rx.match(text, p): on folded text its twin, whose relative pronoun may be
        in any case, gives the same match when the pronoun is lower case in the text (the
        twin tries the same readings in the same order, and only accepts more)."""
        s = self.s
        if s.passive_twin is not None and self.folded is not None:
            m = s.passive_twin.match(self.folded, p)
            if m is None or m.group("rel") is None or self.text[m.start("rel"):m.end("rel")].islower():
                return m
        return s.passive_rx.match(self.text, p)

    def active_role(self, pos: int) -> str | None:
        s = self.s
        lo = max(0, pos - 60)
        window = self.text[lo:pos]
        m = None
        if s.active_twin is not None and self.folded is not None:
            # the twin accepts the joined word in any case (see _passive_match)
            m = self._active_twin_search(lo, pos)
            if m is not None and m.group("word") is not None and not _LOWER_WORD.fullmatch(
                    window, m.start("word"), m.end("word")):
                m = s.active_rx.search(window)
        else:
            m = s.active_rx.search(window)
        if m:
            return s.roles_active[_norm(window[m.start("verb"):m.end("verb")])]
        toll_rx, scanned = self.scan_with(s.toll_twin, s.toll_rx)
        window = scanned[lo:pos]
        if toll_rx is s.toll_twin and s.toll_keys is not None and not any(
                k in window for k in s.toll_keys):
            return None  # no toll phrase in the window
        if toll_rx.search(window):
            return "killed"
        return None

    def _active_twin_search(self, lo: int, pos: int) -> re.Match | None:
        """s.active_twin.search(self.folded[lo:pos]), tried only where a match can start: at
        the window's start (where its lookbehind sees nothing) and where a token that is the
        first word of an active verb starts. Anywhere else the lookbehind or the verb fails:
        a match after the start opens with a letter after a character that is no letter, so
        a token starts there, and the verb's first word is followed by a space, so it is that
        whole token. (One search costs as much as a dozen such tries.)"""
        rx, folded = self.s.active_twin, self.folded
        assert rx is not None and folded is not None  # (active_role calls it only with both)
        window = folded[lo:pos]
        if not self.s.active_firsts_only:
            return rx.search(window)
        m = rx.match(window)
        if m is not None:
            return m
        firsts = self.active_firsts()
        for p in firsts[bisect_right(firsts, lo):bisect_left(firsts, pos)]:
            m = rx.match(window, p - lo)
            if m is not None:
                return m
        return None

    def active_firsts(self) -> list[int]:
        """Where the tokens that are the first word of an active verb start (any case)."""
        if self._active_firsts is None:
            self._active_firsts = list(compress(
                self.token_starts, map(self.s.active_first_words.__contains__, self.lowered)))
        return self._active_firsts

    def is_subset(self, pos: int) -> bool:
        """A figure inside an "including ..." list is part of a figure already counted
        ("seven civilians, including three children and four adults")."""
        start = max(self.sentence_start(pos), pos - 100)
        # Every match of subset_rx starts with a match of _SUBSET_HINT: with none in the
        # window there is nothing to find (most figures). (A search of the window costs less
        # than listing the hints of the whole text: "of" and "among" are rare near figures.)
        hint, scanned = self.subset_hint
        if hint.search(scanned, start, pos) is None:
            return False
        chunk = self.text[start:pos]
        last = None
        for last in self.s.subset_rx.finditer(chunk):
            pass
        if last is None:
            return False
        # the list ends at a predicate or a closing bracket/dash; after that we are back in
        # the main clause
        return not _LIST_END.search(chunk[last.end():])

    def is_identifier(self, pos: int) -> bool:
        before = self.text[max(0, pos - 30):pos]
        m = _ID_WORD.search(before)
        if not m:
            return bool(_ID_SIGN.search(before))
        w = m.group(1).lower().rstrip(".")
        if w in self.s.id_words:
            return True
        m2 = _ID_TWO.search(before)
        return bool(m2 and _norm(m2.group(1)) in self.s.id_words)

    def near_date(self, a: int, b: int, raw: str) -> bool:
        """Digits that are part of a date ("July 20", "20 July 2023", "in 2021")."""
        if not raw[0].isdigit():
            return False
        before = self.text[max(0, a - 12):a]
        after = self.text[b:b + 12]
        if _MONTH_BEFORE.search(before) or _MONTH_AFTER.match(after):
            return True
        digits = raw.replace(",", "")
        if (digits.isdigit() and len(digits) == 4 and 1800 <= int(digits) <= 2100
                and "," not in raw and _YEAR_BEFORE.search(before)):
            return True  # "in 2021", "since 2012": a year; "2000 people" stays a count
        return False

    # -- passes

    def zeros(self) -> None:
        # Each pattern needs one of these words; most articles have none of them.
        zero_iter: Iterable[re.Match[str]]
        if not self.words & {"no", "nobody", "none", "without", "suffer", "didn"}:
            zero_iter = ()
        else:
            zero_rx, scanned = self.scan_with(self.s.zero_twin, self.s.zero_rx)
            if zero_rx is self.s.zero_twin:
                zero_iter = matches_at(zero_rx, scanned, (c.start() for c in _ZERO_STARTS.finditer(scanned)))
            else:
                zero_iter = zero_rx.finditer(scanned)
        for m in zero_iter:
            word = next((self.text[m.start(g):m.end(g)] for g in ("z1v", "z1w", "z1n", "z2v", "z3n", "z4n")
                         if m.group(g)), "").lower()
            if any(k in word for k in ("kill", "death", "died", "lives", "fatal", "life")):
                roles = ["killed"]
            elif any(k in word for k in ("injur", "wound")):
                roles = ["injured"]
            else:  # "casualties", "hurt", "harmed", "losses": neither dead nor wounded
                roles = ["killed", "injured"]
            for r in roles:
                self.add(m.start(), m.end(), _value(0, 0, 0, r, None, None, "explicit_zero"))
            self.taken.append(m.span())
        unknown_rx, scanned = self.scan_with(self.s.unknown_twin, self.s.unknown_rx)
        unknown_iter: Iterable[re.Match[str]]
        if not self.words & {"unknown", "unclear", "known", "clear", "confirmed"}:
            unknown_iter = ()
        elif unknown_rx is self.s.unknown_twin:
            unknown_iter = matches_at(unknown_rx, scanned, (c.start() for c in _UNKNOWN_STARTS.finditer(scanned)))
        else:
            unknown_iter = unknown_rx.finditer(scanned)
        for m in unknown_iter:
            w = self.text[m.start("u"):m.end("u")].lower()
            role = ("killed" if w in ("deaths", "dead", "fatalities", "death toll") else
                    "injured" if w == "injuries" else "casualties")
            self.add(m.start(), m.end(), _value(None, None, None, role, None, w, "unquantified"))
            self.taken.append(m.span())

    def enumerations(self) -> None:
        """"A woman, a boy and two girls were killed" -> killed 4 (items kept as subsets)."""
        s, text = self.s, self.text
        anchors: list[re.Match[str]] = []
        # "were", "been", "are" in any case with no ASCII letter either side: each is a whole
        # alphanumeric run, so they are picked from the runs (no scan of the text)
        lowered = self.lowered
        found = [(self.token_starts[k], self.token_words[k])
                 for k in compress(range(len(lowered)), map(_ANCHOR_WORDS.__contains__, lowered))]
        if s.anchor_twin is not None and self.folded is not None:
            anchor_rx, scanned = s.anchor_twin, self.folded
        else:
            anchor_rx, scanned = s.anchor_rx, text
        for pos, w in found:
            m = anchor_rx.match(scanned, max(0, pos - 1) if w.lower() != "been" else
                                max(0, text.rfind(" ", 0, max(0, pos - 1))))
            if m is not None and (not anchors or m.start() >= anchors[-1].end()):
                anchors.append(m)
        for m in anchors:
            a = m.start()
            start = self.sentence_start(a)
            subject = text[start:a]
            if subject.rstrip().endswith(","):
                continue  # "seven civilians, including three children and four adults, were"
            # the items of the subject, read from the right (the verb's end) back to the first
            # that is not a person
            items = []
            for ia, ib, item in reversed(self._pieces(start, subject)):
                val = self._person_item(item)
                if val is None:
                    # "The group said five soldiers and one of its members were killed": the
                    # list starts after the speech verb
                    said = _LAST_SPEECH.search(item)
                    if said is not None:
                        val = self._person_item(item[said.end():])
                        if val is not None:
                            items.append((ia + said.end(), ib, val))
                    break
                items.append((ia, ib, val))
            if len(items) >= 2:
                self._add_list(items[::-1], s.roles_passive[_norm(text[m.start("v"):m.end("v")])])

    def active_lists(self) -> None:
        """"killed a woman and her daughter" -> killed 2, "killed a man and his two sons" -> 3
        (items kept as subsets): people listed after an active casualty verb."""
        s, text = self.s, self.text
        verb_rx, verb_scanned = self.scan_with(s.active_verb_twin, s.active_verb_rx)
        object_end, end_scanned = self.scan_with(s.object_end_twin, s.object_end_rx)
        # only where a token is the first word of an active verb (most words are not), and
        # only where a list can follow
        for p in self.active_firsts():
            v = verb_rx.match(verb_scanned, p)
            if v is None:
                continue
            lo = v.end()
            window = text[lo:lo + 150]
            possessive = window.lstrip()[:6].lower().startswith(("his ", "her ", "their "))
            if " and " not in window and "," not in window and not possessive:
                continue
            stop = object_end.search(end_scanned, lo, min(len(text), lo + 150))
            hi = stop.start() if stop else min(len(text), lo + 150)
            obj = text[lo:hi]
            if " and " not in obj and "," not in obj:
                # one item at most: the figure scan reads it, but for "wounding his mother"
                one = self._possessive_item(obj) if possessive else None
                if one is not None and one[0] == 1 and one[1].split()[-1].lower().endswith("s"):
                    one = None  # "the bodies of their comrades": how many is not told
                if one is not None and not self.covered(lo, hi):
                    self.add(lo, hi, _value(one[0], None, None, s.roles_active[_norm(v.group("verb"))], None,
                                            one[1], None))
                continue
            # the items of the object, read from the verb on to the first that is not a person
            items = []
            for ia, ib, item in self._pieces(lo, obj):
                val = self._person_item(item)
                if val is None:
                    break
                items.append((ia, ib, val))
            if len(items) >= 2 and not self.covered(items[0][0], items[-1][1]):
                self._add_list(items, s.roles_active[_norm(text[v.start("verb"):v.end("verb")])])

    def _pieces(self, offset: int, phrase: str) -> list[tuple[int, int, str]]:
        """The parts of a list ("a woman, a boy and two girls") as (start, end, text), with
        offsets in the text; `phrase` starts at `offset`."""
        seps = list(self.s.sep_rx.finditer(phrase))
        bounds = [0] + [x.end() for x in seps]
        ends = [x.start() for x in seps] + [len(phrase)]
        return [(offset + b, offset + e, phrase[b:e]) for b, e in zip(bounds, ends)]

    def _person_item(self, item: str) -> tuple[int, str] | None:
        return self._item(item) or self._possessive_item(item) or self._partitive_item(item)

    def one_who_died(self) -> None:
        """"A farmer stepped on a mine near the bridge and died on the spot", "A 60-year-old
        woman was hit by a stray bullet and died": one person, the subject of "died"."""
        text = self.text
        if "died" not in text and "was " not in text:
            return
        for d in _DIED.finditer(text):
            if d.start() and (text[d.start() - 1].isalnum() or text[d.start() - 1] == "_"):
                continue  # inside a word ("Fridaydied" never, "outwas" never: a word of its own)
            role = "injured" if d.group("hurt") else "killed"
            start = self.sentence_start(d.start())
            while start < d.start() and text[start] in " \n\"“'‘":
                start += 1
            # the subject opens the sentence or the clause after its last "and"
            # ("A mother ... was killed and a 12-year-old in Mae Kone village was injured")
            clause = [m.start("art") for m in _AND_ONE.finditer(text, start, d.start())]
            subj = _ONE_PERSON.match(text, clause[-1] if clause else start, d.start())
            if subj is None:
                continue
            # the subject ends at its first person noun ("A 60-year-old woman", not "... woman was")
            words = list(_WORD_AT.finditer(text, subj.start("words"), subj.end("words")))
            head = next((w for w in words if _norm(w.group()) in self.s.people), None) or next(
                (w for w in words if w.group().lower().endswith("-old")), None)  # "a 12-year-old"
            if head is None or self.covered(subj.start(), head.end()) or any(
                    start <= q.start < d.end() and q.value.get("role") == role for q in self.out):
                continue
            self.add(subj.start(), head.end(), _value(1, None, None, role, None, head.group(), None))

    def captives_killed(self) -> None:
        """"They captured five of our comrades and set them on fire": people killed after being
        taken, told by a pronoun, are the figure of their capture in the same sentence."""
        text = self.text
        # (the pronoun first: a literal scan is fast, and few of them follow a killing verb)
        for p in _PRONOUN_OBJECT.finditer(text):
            if _KILLED_BEFORE.search(text, max(0, p.start() - 10), p.start()) is None:
                continue
            start = self.sentence_start(p.start())
            taken = [q for q in self.out if start <= q.start < p.start() and q.value.get("role") in ("captured", "arrested")
                     and q.value.get("n") and _is_people(q.value.get("noun") or "", self.s)]
            if taken:
                q = taken[-1]
                self.add(p.start("who"), p.end("who"), _value(q.value["n"], None, None, "killed", None,
                                                               q.value.get("noun"), None))

    def _partitive_item(self, item: str) -> tuple[int, str] | None:
        """"one of its members" -> (1, "members"), "two of their sons" -> (2, "sons")."""
        m = self.s.partitive_rx.match(item.strip())
        if not m:
            return None
        rest = m.group("rest")
        words = rest.split()
        if len(words) > 3 or not any(w.lower() in self.s.people for w in words):
            return None
        n = parse_number(m.group("n"))
        return (n, rest) if n else None

    def _add_list(self, items: list[tuple[int, int, tuple[int, str]]], role: str) -> None:
        """The total of a list of people, and each item as a subset of it."""
        a0, b0 = items[0][0], items[-1][1]
        self.add(a0, b0, _value(sum(n for _, _, (n, _) in items), None, None, role, None,
                                " and ".join(noun for _, _, (_, noun) in items), None, enumerated=True))
        for ia, ib, (n, noun) in items:
            self.add(ia, ib, _value(n, None, None, role, None, noun, None, subset=True))
        self.taken.append((a0, b0))

    def _possessive_item(self, item: str) -> tuple[int, str] | None:
        """"her daughter" -> (1, "daughter"), "his two sons" -> (2, "sons")."""
        body = item.strip()
        m = self.s.possessive_rx.match(body)
        if not m:
            return None
        rest = body[m.end():]
        words = rest.split()
        if not words or len(words) > 3 or not any(w.lower() in self.s.people for w in words):
            return None
        n = parse_number(m.group("n")) if m.group("n") else 1
        return (n, rest) if n is not None else None

    def _item(self, item: str) -> tuple[int, str] | None:
        s = self.s
        body = item.strip()
        kind = None
        q = s.qual_lead_rx.match(body)
        if q is not None:
            # "at least seven soldiers and 12 militants were killed": a bounded item counts
            # as the ACLED rules read its bound
            kind = s.qual[_norm(q.group("q"))]["kind"]
            body = body[q.end():]
        m = s.detnum_rx.match(body)
        if not m:
            return None
        rest = body[m.end():]
        words = rest.split()
        if not words or len(words) > 5:
            return None
        if any(w.lower() in s.stop and w.lower() not in ("in", "from", "her", "his", "their", "of", "other", "more")
               for w in words):
            return None
        if not any(w.lower().strip(",") in s.people or w.lower().endswith("-old") for w in words):
            return None
        num = m.group(0).strip()
        n = 1 if num.lower() in ("a", "an") else parse_number(num)
        if n is None:
            return None
        if kind is not None:
            bounded = _bounded(n, kind)[0]
            assert bounded is not None  # (_bounded keeps a number a number)
            n = bounded
        if len(words) == 1 and words[0].lower() in s.collective:
            n *= s.collective[words[0].lower()]  # "a couple" are two people
        return n, rest

    def numbers(self) -> None:
        """Try the figure grammar only where a token can start a figure (a digit, a number or
        quantity word, a qualifier, "another", an article): scanning every position of the
        text with it costs several times more."""
        s, text = self.s, self.text
        last_end = 0
        starts, words = self.token_starts, self.token_words
        figure_rx, scanned = self.scan_with(s.figure_twin, s.figure_rx)
        # The tokens that can start a figure, picked by C-level maps: a digit run, or a word
        # that is a start word in any case.
        can_start = map(or_, map(str.isdigit, self.token_words), map(s.start_words.__contains__, self.lowered))
        for i in compress(range(len(words)), can_start):
            pos, w = starts[i], words[i]
            if pos < last_end:
                continue
            seconds = s.second_words.get(self.lowered[i])
            if seconds is not None and (i + 1 == len(words) or self.lowered[i + 1] not in seconds):
                continue  # "in" opens a figure only as "in excess of": not without its next word
            if w in ("a", "an", "A", "An"):
                # Articles are everywhere; only "a dozen", "a hundred" or "a <person>" within
                # three words can be a figure.
                nxt = self.lowered[i + 1:i + 4]
                if not nxt or (nxt[0] not in s.start_words and s.people_or_old.isdisjoint(nxt)):
                    continue
            # the figure grammar, in its two parts (see _Scanner.figure_rx)
            m = figure_rx.match(scanned, pos)
            if m is None:
                m = s.article_rx.match(text, pos)
                if m is None:
                    continue
            last_end = m.end()
            if self.covered(m.start(), m.end()):
                continue
            if m.re is s.article_rx:
                self._article(m)
            elif m.group("num") is not None:
                self._number(m)
            elif m.group("vg") is not None:
                self._vague(m)
            else:
                self._another(m)

    def _number(self, m: re.Match) -> None:
        s, text = self.s, self.text
        raw = text[m.start("num"):m.end("num")]
        if m.group("pct"):
            return  # "17%", "17-year-old", "60-mm": a measure, not a count
        a, b = m.start("num"), m.end("num")
        if raw[0].isdigit() and (self.is_identifier(a) or self.near_date(a, b, raw)):
            return
        n = parse_number(raw)
        if n is None:
            return
        q = text[m.start("q"):m.end("q")] if m.group("q") else None
        qinfo = s.qual.get(_norm(q)) if q else None
        n2 = parse_number(text[m.start("num2"):m.end("num2")]) if m.group("num2") else None
        noun, nend, role = self.noun_phrase(m.end())
        if noun is None:
            # "two of its fighters were killed": the people counted follow "of"
            part = _PARTITIVE_AFTER.match(text, m.end())
            if part is not None:
                words = part.group("noun").split()
                # the head is the first or the second word ("its fighters", "the wounded soldiers")
                k = next((k for k, w in enumerate(words) if _norm(w) in s.people), None)
                if k is not None:
                    noun = " ".join(words[:k + 1])
                    nend = part.start("noun") + len(noun)
                    role = None
        if role in ("arrested", "captured"):
            # "three detainees were killed": a role noun names who they were, the verb what befell them
            said, _, _ = self.passive_role(nend)
            if said in ("killed", "injured"):
                role = said
        if noun and _norm(noun).split()[0] in s.measure:
            return  # "22 months", "18 miles", "8 am"
        if noun is None and not raw[0].isdigit() and raw.lower() in ("one",):
            # bare "one" is usually a pronoun ("one of the ...")
            if not _SING_AUX.match(text, m.end()):
                return
        if role is None and _AND_AFTER.match(text, nend):
            # "killed 12 civilians and arrested 30 others": the verb right before the figure
            # is its own; "and arrested" after it belongs to the next figure
            role = self.active_role(m.start())
        if role is None:
            role, _, _ = self.passive_role(nend)
        if role is None:
            role = self.active_role(m.start())
        elif role in ("arrested", "captured") and noun is None:
            # "executed five captured fighters": the participle describes them, the verb before
            # the figure says what befell them
            act = self.active_role(m.start())
            if act in ("killed", "injured"):
                role = act
                _, pend, _ = self.passive_role(nend)
                named, named_end, _ = self.noun_phrase(pend)
                if named:
                    noun, nend = named, named_end
        if role is None and _HOSTAGE.match(text, nend):
            role = "captured"
        if role in ("captured", "arrested") and noun and not _is_people(noun, s):
            role = "count"  # "seized three bases": things, not people
        if role is None:
            if noun is None:
                return  # a bare number with nothing counted: not a figure we can use
            role = None if _is_people(noun, s) else "count"
        val_n: int | None
        lo: int | None
        hi: int | None
        flag: str | None
        if n2 is not None and n2 > n:
            lo, hi, flag = n, n2, None
            val_n = n
        else:
            val_n, lo, hi, flag = _bounded(n, qinfo["kind"] if qinfo else None)
        conv = _norm(raw) in _numbers().conventional
        if conv and flag is None:
            flag = "acled_convention"
        start = m.start()
        self.add(start, max(nend, m.end()), _value(
            val_n, lo, hi, role, qinfo["label"] if qinfo else None, noun, flag,
            subset=self.is_subset(start)))
        self.last_n_by_sentence[self.sentence_start(start)] = val_n

    def _vague(self, m: re.Match) -> None:
        """"some civilians were killed", "heavy casualties": role known, number not."""
        noun, nend, role = self.noun_phrase(m.end())
        if role is None:
            role, _, _ = self.passive_role(nend if noun else m.end())
        if role is None or role == "count":
            return  # "some houses", "many villages": nothing a casualty figure needs
        if noun is None and role is None:
            return
        self.add(m.start(), max(nend, m.end()),
                 _value(None, None, None, role, None, noun, "unquantified"))

    def _another(self, m: re.Match) -> None:
        """ "another 200 houses" is read as a number; bare "another" counts one more only
        after a stated count of one ("One civilian was killed and another injured")."""
        text = self.text
        nxt = text[m.end():m.end() + 30]
        if _NUM_AFTER.match(nxt):
            return  # the number after it is scanned on its own
        noun, nend, role = self.noun_phrase(m.end())
        if role is None:
            role, _, plural_aux = self.passive_role(nend)
        else:
            plural_aux = False
        if role is None or role == "count":
            return
        prev = self.last_n_by_sentence.get(self.sentence_start(m.start()))
        if prev == 1 and not plural_aux:
            self.add(m.start(), max(nend, m.end()),
                     _value(1, None, None, role, None, noun, None, additional=True))
        else:
            self.add(m.start(), max(nend, m.end()),
                     _value(None, None, None, role, None, noun, "unquantified", additional=True))

    def _article(self, m: re.Match) -> None:
        """ "A civilian was killed": the article is a count of one when a person is the subject
        of a casualty verb."""
        age = _AGE.match(self.text, m.end())  # "a 12-year-old boy", "a 70-year-old"
        noun, nend, role = self.noun_phrase(age.end() if age else m.end())
        if age and noun is None:
            noun, nend = age.group(1), age.end()
        elif not noun or not _is_people(noun, self.s):
            return
        if role is None:
            role, _, plural = self.passive_role(nend)
            if plural:
                return
        if role is None:
            role = self.active_role(m.start())  # "a drone strike killed a woman"
        if role is None or role == "count":
            return
        self.add(m.start(), nend, _value(1, None, None, role, None, noun, None,
                                         subset=self.is_subset(m.start())))
        self.last_n_by_sentence[self.sentence_start(m.start())] = 1


def _is_people(noun: str, s: _Scanner) -> bool:
    try:
        return s.people_memo[noun]
    except KeyError:
        return remember(s.people_memo, noun, lambda: _head_is_people(noun, s), _MEMO_LIMIT)


def _head_is_people(noun: str, s: _Scanner) -> bool:
    # The head (last word) decides: "resistance raids" are things, "PDF fighters" people.
    words = _norm(noun).split()
    head = words[-1].strip("()") if words else ""
    return head in s.people or head.endswith("-old") or side_hint(head) is not None


def _months_alt() -> str:
    return alternation(load_yaml("time_words.yaml")["months"], "")


# What sentence_start looks back for.
_AGE = re.compile(r"\s+(\d{1,3}[- ]years?[- ]old)(?![\w-])")
# (". " or "\n", written to open with a character class: the regex engine then skips the
# other characters in C instead of trying the pattern at every offset.)
_SENTENCE_MARK = re.compile(r"[.;?!\n](?:(?<=\n)| )")
# Where a match of _Scanner.subset_rx can start: a prefix of each of its alternatives. No two
# matches of this can overlap, so finditer finds every such place. ("of them" in full: "of the"
# is in most sentences, and each place found costs a scan of the window in is_subset.)
_SUBSET_HINT = re.compile(r"(?i:incl|among|of\s+wh|of\s+them)")
_SUBSET_HINT_TWIN = caseless_twin(_SUBSET_HINT.pattern)
_LOWER_WORD = re.compile(r"[a-z]+")


def _second_words(phrases: list[str], alone: tuple[str, ...]) -> dict[str, frozenset[str]]:
    """For a word that opens figure phrases ("at least", "in excess of") but is no phrase on
    its own, the words that can follow it in them: the alphanumeric runs of the text
    (mentions.alnum_columns), lower case. Such a word followed by anything else starts no
    figure, and the grammar need not be tried there. (Words in `alone` start a figure by
    themselves: "another", the article, "between" before a number.)"""
    opening_only: dict[str, set[str]] = {}
    single = set(alone)
    for phrase in phrases:
        runs = ALNUM.findall(phrase.lower())
        if len(runs) == 1 or (runs and re.split(r"[\s-]+", phrase.lower())[0] != runs[0]):
            single.add(runs[0])  # a phrase of one word, or one that opens with more than a word
        elif runs:
            opening_only.setdefault(runs[0], set()).add(runs[1])
    return {w: frozenset(nxt) for w, nxt in opening_only.items() if w not in single}


def _word_starts(heads: dict[str, str]) -> re.Pattern:
    """For case-folded text: the places where a word of `heads` (lower case) starts, not after
    a letter, digit, "_" or "-", and is followed by what its value (a lookahead) asks.

    Each alternative opens with a literal letter and checks what precedes it afterwards (a
    lookbehind): the regex engine then skips the offsets that cannot start a match in C,
    where a pattern that opens with an assertion has its full code tried at every offset."""
    return re.compile("|".join(rf"{re.escape(w)}(?<![\w-]{re.escape(w)}){after}"
                               for w, after in heads.items()))


# Where _Scanner.zero_rx can match in folded text: "no" (then a space, "nobody", "none"),
# "did", "without" at the start of a word.
_ZERO_STARTS = _word_starts({"no": r"(?=[\sbn])", "did": "", "without": ""})
# Where _Scanner.unknown_rx can match in folded text: "the" or "number" before a counted
# word, or the counted word itself ("casualties", "deaths", "dead", "death toll", ...).
_UNKNOWN_WORD = r"(?:number|casualties|dea|injuries|fatalities)"
_UNKNOWN_STARTS = _word_starts({"the": rf"(?=\s+{_UNKNOWN_WORD})", "number": r"(?=\s)",
                                "casualties": "", "dea": "", "injuries": "", "fatalities": ""})
_YEAR_BEFORE = re.compile(r"(?<![\w-])(?i:in|since|of|by|until|during|year|from|to|early|"
                          r"late|mid|before|after|between|and)\s*$|[-–]\s*$")
_LIST_END = re.compile(r"\s(?:were|was|are|is|have|has|had)\s|[)—;:]|\s[-–]\s")
_MONTH_BEFORE = re.compile(rf"(?<![A-Za-z]){_months_alt()}\.?\s*$")
_MONTH_AFTER = re.compile(rf"^(?:st|nd|rd|th)?(?:\s+of)?\s+{_months_alt()}(?![a-z])")


def find_quantities(text: str) -> list[Mention]:
    """Every casualty or count figure in `text`, in text order. Never raises on odd input."""
    if not text:
        return []
    f = _Finder(text)
    f.zeros()
    f.enumerations()
    f.active_lists()
    f.numbers()
    f.captives_killed()
    f.one_who_died()
    f.out.sort(key=lambda mm: (mm.start, mm.end))
    return f.out


def _register() -> None:
    from spacy.language import Language

    if "clashmap_quantities" in Language.factories:
        return

    @Language.component("clashmap_quantities")
    def clashmap_quantities(doc):
        """Append quantity mentions for the whole Doc."""
        from clashmap.extract.mentions import doc_text, mentions_of

        mentions_of(doc, KIND).extend(find_quantities(doc_text(doc)))
        return doc


_register()
