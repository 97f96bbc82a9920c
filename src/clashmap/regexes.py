"""Small regular-expression helpers shared by the extract components and the knowledge loaders."""
from __future__ import annotations

import re


def alternation(words, flags: str = "") -> str:
    """A regex alternation of literal words (spaces match any run of whitespace), longest first
    so that "September" wins over "Sep"; `flags` ("i") scopes inline flags to the group."""
    words = sorted({str(w) for w in words}, key=len, reverse=True)
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    return f"(?{flags}:{body})" if flags else f"(?:{body})"


def first_chars(items) -> set[str] | None:
    """The characters a match of the parsed pattern `items` (re's parser output) can begin
    with, or None when that is not simply known (an optional start, a wide class, an
    assertion, inline flags)."""
    from re import _constants as C  # type: ignore[attr-defined]  # Python >= 3.11

    for op, av in items:
        if op is C.LITERAL:
            return {chr(av)}
        if op is C.IN:
            out = set()
            for op2, av2 in av:
                if op2 is C.LITERAL:
                    out.add(chr(av2))
                elif op2 is C.RANGE and av2[1] - av2[0] < 64:
                    out.update(chr(c) for c in range(av2[0], av2[1] + 1))
                else:
                    return None
            return out
        if op is C.BRANCH:
            out = set()
            for alt in av[1]:
                first = first_chars(list(alt))
                if first is None:
                    return None
                out |= first
            return out
        if op is C.SUBPATTERN:
            return None if (av[1] or av[2]) else first_chars(list(av[3]))
        if op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[0] >= 1:
            return first_chars(list(av[2]))
        return None
    return None


# ---------------------------------------------------------------------------------------------
# Case-insensitive matching on case-folded text
#
# Python's regex engine runs a case-insensitive pattern two to three times slower than a
# case-sensitive one (every character is folded as it is compared, and no literal prefix can
# be used to skip ahead). When the only characters of a text that have case are ASCII letters,
# lowering those letters (same length, same offsets) and matching a lowered, case-sensitive
# twin of the pattern finds exactly the same spans. `caseless_twin` writes the twin of a
# pattern; `fold_case` gives the lowered text, or None for a text where lowering could change
# what matches (a character outside ASCII that has case: "é", "ſ", the Kelvin sign): callers
# then run the original regex on the original text. Matches on folded text give offsets;
# what was matched is read from the original text.

_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_last_fold: tuple = (None, None)


def fold_case(text: str) -> str | None:
    """`text` with A-Z lowered, or None when a character outside ASCII has case. The result
    for the last text is kept (by identity): every component of a Doc asks for the same one."""
    global _last_fold
    last_text, last_folded = _last_fold
    if last_text is text:
        return last_folded
    # str.lower() is the same as lowering A-Z alone once no other character has case (each
    # of them is then its own lower case), and far faster than str.translate on a text with
    # any character outside Latin-1 (translate looks every character up in a dict).
    folded: str | None = text.lower()
    if not text.isascii():
        for c in set(_NON_ASCII.findall(text)):
            if c.lower() != c or c.upper() != c:
                folded = None  # a cased letter outside ASCII: only the case-insensitive regex
                break
    _last_fold = (text, folded)
    return folded


# The characters outside ASCII that a case-insensitive regex equates with an ASCII letter
# (İ ı ſ and the Kelvin sign: every code point c with re.match("(?i)[a-z]", c)). A pattern
# holding one of them matches ASCII text differently once case-sensitive: it has no twin.
_FOLDS_TO_ASCII = frozenset((0x130, 0x131, 0x17F, 0x212A))


def _lowered_tree(items, ignorecase: bool):
    """A parse tree (re's parser output) with its ASCII letters lowered and the
    case-insensitive flag dropped, or None when a letter is matched case-sensitively
    somewhere (then no case-sensitive twin exists) or an operator is not known here."""
    from re import _constants as C  # type: ignore[attr-defined]

    def low(c: int) -> int:
        return c | 0x20 if 65 <= c <= 90 else c

    def is_letter(c: int) -> bool:
        return 65 <= c <= 90 or 97 <= c <= 122

    def folds_to_ascii(lo: int, hi: int) -> bool:
        return ignorecase and any(lo <= c <= hi for c in _FOLDS_TO_ASCII)

    out = []
    for op, av in items:
        if op in (C.LITERAL, C.NOT_LITERAL):
            if (is_letter(av) and not ignorecase) or folds_to_ascii(av, av):
                return None
            av = low(av)
        elif op is C.IN:
            letters = set()
            for op2, av2 in av:
                if op2 is C.LITERAL:
                    if folds_to_ascii(av2, av2):
                        return None
                    if is_letter(av2):
                        letters.add(av2)
                elif op2 is C.RANGE:
                    if folds_to_ascii(*av2):
                        return None
                    letters.update(x for x in range(av2[0], min(av2[1], 122) + 1) if is_letter(x))
                elif op2 not in (C.NEGATE, C.CATEGORY):
                    return None
            if all(x ^ 0x20 in letters for x in letters):
                pass  # holds both cases of each of its letters: means the same on folded text
            elif not ignorecase:
                return None
            else:
                members = []
                for op2, av2 in av:
                    if op2 is C.LITERAL:
                        av2 = low(av2)
                    elif op2 is C.RANGE and any(is_letter(x) for x in range(av2[0], min(av2[1], 122) + 1)):
                        lo, hi = av2
                        if not (65 <= lo <= hi <= 90 or 97 <= lo <= hi <= 122):
                            return None  # a range of letters and other characters
                        av2 = (low(lo), low(hi))
                    members.append((op2, av2))
                av = members
        elif op is C.SUBPATTERN:
            group, add, dele, sub = av
            inner = (ignorecase or bool(add & C.SRE_FLAG_IGNORECASE)) and not dele & C.SRE_FLAG_IGNORECASE
            sub = _lowered_tree(sub, inner)
            if sub is None:
                return None
            av = (group, add & ~C.SRE_FLAG_IGNORECASE, dele & ~C.SRE_FLAG_IGNORECASE, sub)
        elif op is C.BRANCH:
            alts = [_lowered_tree(x, ignorecase) for x in av[1]]
            if any(x is None for x in alts):
                return None
            av = (av[0], alts)
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            sub = _lowered_tree(av[2], ignorecase)
            if sub is None:
                return None
            av = (av[0], av[1], sub)
        elif op in (C.ASSERT, C.ASSERT_NOT):
            sub = _lowered_tree(av[1], ignorecase)
            if sub is None:
                return None
            av = (av[0], sub)
        elif op is C.ATOMIC_GROUP:
            av = _lowered_tree(av, ignorecase)
            if av is None:
                return None
        elif op is C.GROUPREF_EXISTS:
            yes = _lowered_tree(av[1], ignorecase)
            no = _lowered_tree(av[2], ignorecase) if av[2] is not None else None
            if yes is None or (av[2] is not None and no is None):
                return None
            av = (av[0], yes, no)
        elif op not in (C.ANY, C.AT, C.GROUPREF):
            return None
        out.append((op, av))
    return out


def _unparse(items, names: dict[int, str]) -> str | None:
    """Regex source for a parse tree (the inverse of re's parser), or None for an operator
    this does not write."""
    from re import _constants as C  # type: ignore[attr-defined]

    def lit(c: int) -> str:
        ch = chr(c)
        if ch.isascii() and not ch.isalnum():
            return f"\\x{c:02x}"  # punctuation, space, controls: never special this way
        return ch

    ats = {C.AT_BEGINNING: "^", C.AT_BEGINNING_STRING: "\\A", C.AT_END: "$",
           C.AT_END_STRING: "\\Z", C.AT_BOUNDARY: "\\b", C.AT_NON_BOUNDARY: "\\B"}
    categories = {C.CATEGORY_DIGIT: "\\d", C.CATEGORY_NOT_DIGIT: "\\D", C.CATEGORY_SPACE: "\\s",
                  C.CATEGORY_NOT_SPACE: "\\S", C.CATEGORY_WORD: "\\w", C.CATEGORY_NOT_WORD: "\\W"}

    def group_ref(g: int) -> str:
        return names.get(g, str(g))

    def flag_letters(bits: int) -> str:
        return "".join(ch for ch, f in (("a", C.SRE_FLAG_ASCII), ("i", C.SRE_FLAG_IGNORECASE),
                                          ("L", C.SRE_FLAG_LOCALE), ("m", C.SRE_FLAG_MULTILINE),
                                          ("s", C.SRE_FLAG_DOTALL), ("u", C.SRE_FLAG_UNICODE),
                                          ("x", C.SRE_FLAG_VERBOSE)) if bits & f)

    out = []
    for op, av in items:
        if op is C.LITERAL:
            out.append(lit(av))
        elif op is C.NOT_LITERAL:
            out.append(f"[^{lit(av)}]")
        elif op is C.ANY:
            out.append(".")
        elif op is C.AT:
            if av not in ats:
                return None
            out.append(ats[av])
        elif op is C.IN:
            members = []
            for op2, av2 in av:
                if op2 is C.NEGATE:
                    members.append("^")
                elif op2 is C.LITERAL:
                    members.append(lit(av2))
                elif op2 is C.RANGE:
                    members.append(f"{lit(av2[0])}-{lit(av2[1])}")
                elif op2 is C.CATEGORY and av2 in categories:
                    members.append(categories[av2])
                else:
                    return None
            out.append("[" + "".join(members) + "]")
        elif op is C.BRANCH:
            alts = []
            for x in av[1]:
                alt = _unparse(x, names)
                if alt is None:
                    return None
                alts.append(alt)
            out.append("(?:" + "|".join(alts) + ")")
        elif op is C.SUBPATTERN:
            group, add, dele, sub = av
            body = _unparse(sub, names)
            if body is None:
                return None
            if group is not None:
                out.append(f"(?P<{names[group]}>{body})" if group in names else f"({body})")
            else:
                flags = flag_letters(add) + ("-" + flag_letters(dele) if dele else "")
                out.append(f"(?{flags}:{body})")
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            lo, hi, sub = av
            body = _unparse(sub, names)
            if body is None:
                return None
            count = f"{{{lo},{'' if hi is C.MAXREPEAT else hi}}}"
            out.append(f"(?:{body}){count}" + {C.MIN_REPEAT: "?", C.POSSESSIVE_REPEAT: "+"}.get(op, ""))
        elif op in (C.ASSERT, C.ASSERT_NOT):
            direction, sub = av
            body = _unparse(sub, names)
            if body is None:
                return None
            kind = ("=" if op is C.ASSERT else "!") if direction == 1 else ("<=" if op is C.ASSERT else "<!")
            out.append(f"(?{kind}{body})")
        elif op is C.ATOMIC_GROUP:
            body = _unparse(av, names)
            if body is None:
                return None
            out.append(f"(?>{body})")
        elif op is C.GROUPREF:
            out.append(f"(?P={names[av]})" if av in names else f"(?:\\{av})")
        elif op is C.GROUPREF_EXISTS:
            group, yes, no = av
            yes_s = _unparse(yes, names)
            no_s = _unparse(no, names) if no is not None else ""
            if yes_s is None or no_s is None:
                return None
            out.append(f"(?({group_ref(group)}){yes_s}" + (f"|{no_s}" if no is not None else "") + ")")
        else:
            return None
    return "".join(out)


def _as_tuples(items):
    """A parse tree as nested tuples of plain values, for comparing two parses."""
    if isinstance(items, (list, tuple)) or type(items).__name__ == "SubPattern":
        return tuple(_as_tuples(x) for x in items)
    return items


def caseless_twin(pattern: str, flags: int = 0) -> re.Pattern | None:
    """A case-sensitive regex that matches fold_case(text) exactly where `pattern` (with
    `flags`) matches text, for every text fold_case accepts; None when there is none (a letter
    matched case-sensitively, verbose or locale syntax, an unknown construct).

    The twin is written from the pattern's parse with its letters lowered. Lowering keeps
    every match: in a folded text every cased character is a small ASCII letter, which a
    lowered literal matches exactly where the case-insensitive one matched it or its capital.
    The writer is checked on the original first: re-reading what it writes for the unlowered
    parse must give that parse back, or there is no twin."""
    from re import _constants as C  # type: ignore[attr-defined]
    from re import _parser as P  # type: ignore[attr-defined]

    if flags & (re.VERBOSE | re.LOCALE):
        return None
    try:
        original = P.parse(pattern, flags)
        state_flags = original.state.flags
        if state_flags & (C.SRE_FLAG_VERBOSE | C.SRE_FLAG_LOCALE):
            return None
        names = {g: name for name, g in original.state.groupdict.items()}
        written = _unparse(list(original), names)
        if written is None:
            return None
        reread = P.parse(written, state_flags)
        if (_as_tuples(list(reread)) != _as_tuples(list(original))
                or reread.state.groupdict != original.state.groupdict):
            return None
        lowered = _lowered_tree(list(original), bool(state_flags & C.SRE_FLAG_IGNORECASE))
        source = _unparse(lowered, names) if lowered is not None else None
        if source is None:
            return None
        twin = re.compile(source, state_flags & ~(re.IGNORECASE | re.UNICODE))
        return twin if dict(twin.groupindex) == dict(original.state.groupdict) else None
    except (re.error, ValueError, KeyError, RecursionError):
        return None
