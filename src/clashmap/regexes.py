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
    from re import _constants as C  # Python >= 3.11

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
