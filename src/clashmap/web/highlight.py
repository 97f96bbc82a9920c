"""Article text with each field's evidence highlighted, built server-side.

The article is untrusted input (scraped HTML, RSS, anyone's text), so every piece of it is
HTML-escaped before it is wrapped in <mark>; only the tags this module writes are markup.
Spans may overlap (the same words can be evidence for actor1 and for the event type), so the
text is cut at every span boundary and each piece is marked with all the fields that cover it.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from markupsafe import Markup, escape


def _locate(text: str, start: Any, end: Any, quote: str | None) -> tuple[int, int] | None:
    """The span to mark, trusting the offsets but checking them against the quoted text.

    If the offsets do not point at the quote (an article re-normalised after extraction), the
    quote is searched for instead; a span that can be placed nowhere is dropped, not guessed.
    """
    try:
        s, e = int(start), int(end)
    except (TypeError, ValueError):
        s = e = -1
    if 0 <= s < e <= len(text) and (not quote or text[s:e] == quote):
        return s, e
    if quote:
        i = text.find(quote)
        if i >= 0:
            return i, i + len(quote)
    return None


def spans_for(text: str, evidence: Iterable[Mapping[str, Any]]) -> list[tuple[int, int, str]]:
    out = []
    for ev in evidence:
        loc = _locate(text, ev.get("start"), ev.get("end"), ev.get("text"))
        if loc:
            out.append((loc[0], loc[1], str(ev.get("field") or "")))
    return out


def highlight(text: str, evidence: Iterable[Mapping[str, Any]]) -> Markup:
    """Escaped `text` with <mark> around every evidence span (dicts with field/start/end/text)."""
    text = text or ""
    spans = spans_for(text, evidence)
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    parts: list[str] = []
    for a, b in zip(cuts, cuts[1:]):
        piece = escape(text[a:b])
        fields = sorted({f for s, e, f in spans if s <= a and b <= e})
        if fields:
            names = escape(" ".join(fields))
            parts.append(f'<mark class="ev" data-fields="{names}" title="{escape(", ".join(fields))}">'
                         f"{piece}</mark>")
        else:
            parts.append(str(piece))
    return Markup("".join(parts))
