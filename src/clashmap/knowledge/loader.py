"""Small helpers to read the knowledge files that ship inside the package."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml


@lru_cache(maxsize=None)
def load_yaml(name: str):
    """Parse knowledge/<name> once per process."""
    text = resources.files("clashmap.knowledge").joinpath(name).read_text(encoding="utf-8")
    # libyaml's loader when PyYAML has it: the same documents, several times faster to parse
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
