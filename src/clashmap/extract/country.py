"""The article's country: the one its places belong to, most often. Later components (actors,
assembly) read doc._.country to name the state, its civilians and unidentified groups."""
from __future__ import annotations

from collections import Counter

from spacy.language import Language

from clashmap.extract.mentions import mentions_of


def dominant_country(places) -> str | None:
    # A township or village says more than a passing country name ("fled to Thailand").
    weight = {"country": 1, "admin1": 2}
    votes: Counter[str] = Counter()
    for p in places:
        c = p.value.get("country")
        if c:
            votes[c] += weight.get(p.value.get("level"), 3)
    return votes.most_common(1)[0][0] if votes else None


@Language.component("clashmap_country")
def country_component(doc):
    doc._.country = dominant_country(mentions_of(doc, "places"))
    return doc
