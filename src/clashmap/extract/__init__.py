"""extract: one dated article in, a list of Events (with evidence spans) out.

A pure function of one article (no store, no web), so it maps over a Dask cluster.
"""
from clashmap.extract import compiled as _compiled

_compiled.choose()  # before any stage is imported: compiled modules only when they are current

from clashmap.extract.pipeline import Extractor, extract_article  # noqa: E402, F401
