"""Per-country default actor names (knowledge/countries.yaml)."""
from __future__ import annotations

from functools import lru_cache

from clashmap.knowledge.actors import country_name
from clashmap.knowledge.loader import load_yaml


@lru_cache(maxsize=64)
def country_defaults(iso3: str | None = None) -> dict:
    data = load_yaml("countries.yaml")
    iso3 = iso3 or data["default_country"]
    own = data["countries"].get(iso3, {})
    name = own.get("name") or country_name(iso3)
    out = {k: (v.format(name=name) if isinstance(v, str) else v) for k, v in data["template"].items()}
    out.update({k: v for k, v in own.items() if k != "name"})
    out["country"] = iso3
    out["name"] = name
    return out
