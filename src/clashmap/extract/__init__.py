"""extract: one dated article in, a list of Events (with evidence spans) out.

A pure function of one article (no store, no web), so it maps over a Dask cluster.
"""
from clashmap.extract.pipeline import Extractor, extract_article  # noqa: F401
