"""Build the spaCy pipeline: blank English + sentence boundaries + clashmap's rule components.

Components are registered by name (spaCy factories) in their own modules; the list below is
configuration, not code, and can be overridden (e.g. to drop a component or add a statistical
model in front).
"""
from __future__ import annotations

import importlib
from functools import lru_cache
from typing import Any

from clashmap.extract.mentions import KINDS, ensure_extensions
from clashmap.model import Article, Event

# (factory name, module that registers it). Order matters: assemble reads what the others found.
DEFAULT_COMPONENTS: list[tuple[str, str]] = [
    ("clashmap_dates", "clashmap.extract.dates"),
    ("clashmap_quantities", "clashmap.extract.quantities"),
    ("clashmap_places", "clashmap.extract.places"),
    ("clashmap_country", "clashmap.extract.country"),
    ("clashmap_actors", "clashmap.extract.actors"),
    ("clashmap_triggers", "clashmap.extract.triggers"),
    ("clashmap_attribution", "clashmap.extract.attribution"),
]


def build_nlp(components: list[tuple[str, str]] | None = None, base: str | None = None):
    """A spaCy Language with our components. `base` names an installed model to start from."""
    import spacy

    ensure_extensions()
    nlp = spacy.load(base, exclude=["ner"]) if base else spacy.blank("en")
    _keep_titles_whole(nlp)
    # spaCy's tokenizer caches the tokens of each whitespace-separated chunk it has split
    # (a look-up instead of the prefix, suffix and infix searches, about ten times dearer),
    # but stops adding at 10,000 chunks, which a few hundred news articles fill: every new
    # name and number after that is split afresh each time. ~70 bytes a chunk.
    tokenizer: Any = nlp.tokenizer  # (typed as any callable: the attribute is spaCy's Tokenizer's)
    if getattr(tokenizer, "max_cache_size", TOKENIZER_CACHE) < TOKENIZER_CACHE:
        tokenizer.max_cache_size = TOKENIZER_CACHE
    if "parser" not in nlp.pipe_names and "senter" not in nlp.pipe_names:
        # spaCy's sentencizer rule, computed on token arrays (see sentences.py): same boundaries
        importlib.import_module("clashmap.extract.sentences")
        nlp.add_pipe("clashmap_sentences")
    for factory, module in components or DEFAULT_COMPONENTS:
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name == module:
                continue  # component not built yet: the pipeline runs without it
            raise
        nlp.add_pipe(factory)
    return nlp


def _keep_titles_whole(nlp) -> None:
    """"Col. Naw Bu said": a title's full stop ends no sentence (knowledge/abbreviations.yaml)."""
    from clashmap.knowledge.loader import load_yaml

    for title in load_yaml("abbreviations.yaml").get("titles", []):
        nlp.tokenizer.add_special_case(title, [{"ORTH": title}])


# Chunks spaCy's tokenizer may keep in its cache (see build_nlp)
TOKENIZER_CACHE = 200_000


class Extractor:
    """Holds a built pipeline; `extract(article)` gives that article's events."""

    def __init__(self, nlp=None):
        self.nlp = nlp or build_nlp()

    def new_doc(self, article: Article):
        """The article tokenized, with the extensions the components read set, no component run."""
        ensure_extensions()
        doc = self.nlp.make_doc(article.text)
        doc._.article_date = article.date
        doc._.clashmap_text = article.text  # == doc.text (tokenization keeps the text); read once
        doc._.mentions = {k: [] for k in KINDS}
        return doc

    def doc(self, article: Article):
        doc = self.new_doc(article)
        for _, proc in self.nlp.pipeline:
            doc = proc(doc)
        return doc

    def extract(self, article: Article) -> list[Event]:
        from clashmap.extract.assemble import assemble

        doc = self.doc(article)
        events = assemble(doc, article)
        for ev in events:
            ev.article_ids = [article.id]
            for e in ev.evidence:
                e.article_id = article.id
            ev.event_id = ev.key()
        return events


@lru_cache(maxsize=1)
def default_extractor() -> Extractor:
    return Extractor()


def extract_article(article: Article) -> list[Event]:
    """The pure function the rest of clashmap calls (CLI, ingest, Dask workers)."""
    return default_extractor().extract(article)
