"""The actor dictionaries (knowledge/actors/*.yaml): canonical names, aliases, ACLED types, sides.

A country with its own file (mmr.yaml) uses it; any other country gets the templates of
generic.yaml ("Military Forces of {country}", "Civilians ({country})", ...). Well-known groups of
generic.yaml join the countries they fight in. Files are read and validated once per process;
an alias that two actors claim is an error naming both, because a silent winner would code
events against the wrong group.

The matching pattern (one regex per case mode, built as a trie so a thousand aliases cost one
pass over the text) is compiled here, beside the data it comes from; extract/actors.py turns
its matches into mentions.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from clashmap.memo import remember
from clashmap.regexes import caseless_twin, first_chars

SIDES = ("state", "nonstate", "civilians", "other")
ACLED_TYPES = {1: "State forces", 2: "Rebel groups", 3: "Political militias", 4: "Identity militias",
               5: "Rioters", 6: "Protesters", 7: "Civilians", 8: "External/Other forces"}
TEMPLATES = ("military", "police", "civilians", "unidentified", "rioters", "protesters")

# Characters the matcher treats as interchangeable or optional inside an alias. Reports write
# Ta'ang with straight or curly apostrophes, and Pyu Saw Htee with spaces, hyphens or neither.
APOSTROPHES = "'’‘ʼ`´"
SEPARATORS = "-‐‑‒–—/"
_APOS_RE = "[" + re.escape(APOSTROPHES) + "]?"
_SEP_RE = r"[\s" + re.escape(SEPARATORS) + "]*"
_NUM_RE = r"\d{1,4}"
_DROP = re.compile("[\\s" + re.escape(APOSTROPHES + SEPARATORS) + ".]+")
_DIGITS = re.compile(r"\d+")


class ActorDictionaryError(ValueError):
    """A knowledge file that cannot be used: says which file, which actor and why."""


@dataclass(frozen=True)
class Actor:
    name: str
    short: str | None
    acled_type: int
    side: str
    affiliations: tuple[str, ...] = ()
    country: str | None = None
    period: str | None = None
    template: str | None = None  # the country-generic role it fills: military, police, civilians...
    local: str | None = None  # how a township unit is written: "{place} PDF", "CDF-{place}"
    countries: tuple[str, ...] = ()  # where a non-state group fights (groups of generic.yaml)
    tags: tuple[str, ...] = ()  # "resistance", "political"
    antecedent: str | None = None  # what its generic aliases refer back to: "resistance", "armed"

    @property
    def acled_type_label(self) -> str:
        return ACLED_TYPES[self.acled_type]


@dataclass(frozen=True)
class Alias:
    text: str  # as the knowledge file writes it
    actor: Actor
    generic: bool = False  # needs context; the actor is the coding rules' fallback
    attach_only: bool = False  # a head noun that only counts after a named actor
    case_sensitive: bool = False
    unit: bool = False  # carries a number: "LIB {n}"


def is_acronym(alias: str) -> bool:
    """Aliases with no lowercase letter are matched case-sensitively: "AA" must not match "aa"."""
    bare = alias.replace("{n}", "")
    return any(c.isupper() for c in bare) and not any(c.islower() for c in bare)


def alias_key(text: str, case_sensitive: bool) -> str:
    """The lookup key of an alias or of matched text: separators, apostrophes and dots dropped,
    numbers as '#', case folded unless the alias is an acronym."""
    s = text.replace("{n}", "0")
    s = _DIGITS.sub("#", s)
    s = _DROP.sub("", s)
    return s if case_sensitive else s.casefold()


def _atoms(alias: str, case_sensitive: bool) -> list[str]:
    """Regex pieces of one alias, one per character class, for the trie."""
    s = alias if case_sensitive else alias.casefold()
    out: list[str] = []
    i = 0
    while i < len(s):
        if s.startswith("{n}", i):
            out.append(_NUM_RE)
            i += 3
            continue
        c = s[i]
        if c in APOSTROPHES:
            atom = _APOS_RE
        elif c.isspace() or c in SEPARATORS:
            atom = _SEP_RE
        elif c == ".":
            atom = r"\.?"
        else:
            atom = re.escape(c)
        # Runs of separators collapse: "Pa-O  National" is one gap.
        if not (atom == _SEP_RE and out and out[-1] == _SEP_RE):
            out.append(atom)
        i += 1
    return out


def _trie_regex(aliases: list[str], case_sensitive: bool) -> str:
    """One regex for many aliases, with shared prefixes factored out. An alias that ends where a
    longer one continues becomes an optional tail, tried longest first (greedy)."""
    root: dict = {}
    for a in aliases:
        node = root
        for atom in _atoms(a, case_sensitive):
            node = node.setdefault(atom, {})
        node[""] = {}  # end marker

    def emit(node: dict) -> str:
        ends = "" in node
        alts = [atom + emit(child) for atom, child in node.items() if atom != ""]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if ends else body

    return emit(root) if root else "(?!)"


def _lead_lookahead(body: str, case_sensitive: bool) -> str:
    """ "(?=[...])" for the ASCII characters a match of `body` can start with, or ""."""
    try:
        from re import _parser as P  # type: ignore[attr-defined]  # Python >= 3.11

        first = first_chars(list(P.parse(body, 0 if case_sensitive else re.IGNORECASE)))
    except Exception:  # noqa: BLE001 - an unknown parser shape: no shortcut
        return ""
    if not first or not all(c.isascii() for c in first):
        return ""
    chars = set(first) if case_sensitive else {v for c in first for v in (c.lower(), c.upper())}
    if not all(c.isascii() for c in chars):
        return ""
    return "(?=[" + "".join(re.escape(c) for c in sorted(chars)) + "])"


@dataclass
class ActorDictionary:
    """Every actor of one country, its alias index and the compiled matching patterns."""

    country: str
    actors: list[Actor]
    aliases: dict[tuple[bool, str], Alias]  # (case_sensitive, key) -> alias
    by_name: dict[str, Actor]
    home_nationalities: tuple[str, ...]
    nationalities: dict[str, str]  # adjective -> ISO3
    foreign_templates: dict[tuple[str, str], Actor | None]  # (template, ISO3) -> actor, built on demand
    words: dict[str, Any]  # role cues, unit words, stopwords... from generic.yaml
    patterns: dict[bool, re.Pattern] = field(default_factory=dict)  # case_sensitive -> regex
    # case_sensitive -> the regex's twin for case-folded text (regexes.fold_case), or None
    folded_patterns: dict[bool, re.Pattern | None] = field(default_factory=dict)
    # (case_sensitive, matched text) -> its alias: the keys of texts already matched
    matched: dict[tuple[bool, str], Alias | None] = field(default_factory=dict)
    canonical_memo: dict[str, Actor | None] = field(default_factory=dict)  # see canonical()

    def lookup(self, text: str, case_sensitive: bool | None = None) -> Alias | None:
        """The alias that `text` (an exact alias spelling, any separators/apostrophes) is."""
        modes = (True, False) if case_sensitive is None else (case_sensitive,)
        for cs in modes:
            hit = self.aliases.get((cs, alias_key(text, cs)))
            if hit is not None:
                return hit
        return None

    def template_actor(self, template: str, country: str) -> Actor:
        """The country-generic actor ("Military Forces of Thailand") of another country."""
        if country == self.country:
            for a in self.actors:
                if a.template == template:
                    return a
        key = (template, country)
        if key not in self.foreign_templates and (_actors_dir() / f"{country.lower()}.yaml").exists():
            # A country with its own file names its forces its own way ("... (2021-)").
            own = actor_dictionary(country)
            self.foreign_templates[key] = next((a for a in own.actors if a.template == template), None)
        actor = self.foreign_templates.get(key)
        if actor is None:
            spec = next(t for t in _generic()["templates"] if t["template"] == template)
            actor = self.foreign_templates[key] = _template_actor(spec, country)
        return actor


# ------------------------------------------------------------------ loading and validation

def _actors_dir() -> Path:
    return Path(str(resources.files("clashmap.knowledge").joinpath("actors")))


def _read(path: Path) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ActorDictionaryError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise ActorDictionaryError(f"{path}: expected a mapping at the top level")
    return data


@lru_cache(maxsize=1)
def _generic() -> dict:
    return _read(_actors_dir() / "generic.yaml")


def nationalities() -> dict[str, str]:
    """Adjectives (and names) of nationality -> ISO3 ("Thai": "THA"), from generic.yaml."""
    return _generic().get("nationalities") or {}


def country_name(iso3: str) -> str:
    """ACLED's spelling of a country's name, for the templates."""
    names = _generic().get("country_names", {})
    if iso3 in names:
        return names[iso3]
    try:
        import pycountry

        c = pycountry.countries.get(alpha_3=iso3)
    except (ImportError, KeyError, LookupError):
        c = None
    if c is None:
        return iso3
    return getattr(c, "common_name", None) or c.name


def _template_actor(spec: dict, iso3: str) -> Actor:
    return Actor(name=spec["name"].format(country=country_name(iso3)), short=None,
                 acled_type=int(spec["acled_type"]), side=spec["side"], country=iso3,
                 template=spec["template"], antecedent=spec.get("antecedent"))


def _make_actor(entry: dict, where: str, country: str | None) -> Actor:
    if not isinstance(entry, dict) or not entry.get("name"):
        raise ActorDictionaryError(f"{where}: an actor entry without a name: {entry!r}")
    name = entry["name"]
    atype = entry.get("acled_type")
    if atype not in ACLED_TYPES:
        raise ActorDictionaryError(f"{where}: actor {name!r}: acled_type must be one of 1-8, not {atype!r}")
    side = entry.get("side")
    if side not in SIDES:
        raise ActorDictionaryError(f"{where}: actor {name!r}: side must be one of {SIDES}, not {side!r}")
    template = entry.get("template")
    if template is not None and template not in TEMPLATES:
        raise ActorDictionaryError(f"{where}: actor {name!r}: unknown template {template!r}")
    local = entry.get("local")
    if local is not None and "{place}" not in local:
        raise ActorDictionaryError(f"{where}: actor {name!r}: local must contain {{place}}: {local!r}")
    antecedent = entry.get("antecedent")
    if antecedent not in (None, "resistance", "armed"):
        raise ActorDictionaryError(f"{where}: actor {name!r}: antecedent must be resistance or armed, "
                                   f"not {antecedent!r}")
    for key in ("aliases", "generic_aliases"):
        if not isinstance(entry.get(key, []) or [], list):
            raise ActorDictionaryError(f"{where}: actor {name!r}: {key} must be a list")
    countries = tuple(entry.get("countries") or ())
    return Actor(name=name, short=entry.get("short"), acled_type=int(atype), side=side,
                 affiliations=tuple(entry.get("affiliations") or ()),
                 country=entry.get("country") or (countries[0] if countries else country),
                 period=entry.get("period"),
                 template=template, local=local, countries=countries,
                 tags=tuple(entry.get("tags") or ()), antecedent=antecedent)


def _long_form(name: str) -> str | None:
    """'PDF: People's Defense Force' -> "People's Defense Force" (reports write it that way)."""
    return name.split(": ", 1)[1] if ": " in name else None


def build_dictionary(country: str, country_data: dict | None, generic: dict,
                     source: str = "knowledge/actors") -> ActorDictionary:
    """Index one country's actors. `country_data` is its own file (None: use the templates)."""
    country = country.upper()
    entries: list[tuple[dict, str, bool]] = []  # (entry, where, from a template)
    if country_data is not None:
        for e in country_data.get("actors") or []:
            entries.append((e, f"{source}/{country.lower()}.yaml", False))
    else:
        extras = (generic.get("template_extras") or {}).get(country, {})
        for spec in generic["templates"]:
            e = dict(spec)
            e["name"] = spec["name"].format(country=country_name(country))
            e["aliases"] = list(spec.get("aliases") or []) + list(extras.get(spec["template"], []))
            entries.append((e, f"{source}/generic.yaml (templates)", True))
    for g in generic.get("groups") or []:
        if country in (g.get("countries") or []) or g.get("global"):
            entries.append((g, f"{source}/generic.yaml (groups)", False))

    actors: list[Actor] = []
    by_name: dict[str, Actor] = {}
    index: dict[tuple[bool, str], Alias] = {}

    def add(text: str, actor: Actor, where: str, *, generic_: bool = False, attach: bool = False,
            explicit: bool = True) -> None:
        text = str(text).strip()
        if not text:
            raise ActorDictionaryError(f"{where}: actor {actor.name!r} has an empty alias")
        cs = is_acronym(text)
        key = (cs, alias_key(text, cs))
        old = index.get(key)
        if old is not None:
            if old.actor.name == actor.name:
                return  # the same actor written twice (singular/plural, spelling): harmless
            if not explicit:
                return  # a derived alias (acronym, ethnonym) yields to an explicit one
            raise ActorDictionaryError(
                f"{where}: alias {text!r} of {actor.name!r} is already an alias of {old.actor.name!r} "
                f"(as {old.text!r}); an alias must name one actor")
        index[key] = Alias(text, actor, generic_, attach, cs, "{n}" in text)

    for entry, where, _ in entries:
        actor = _make_actor(entry, where, country)
        if actor.name in by_name:
            raise ActorDictionaryError(f"{where}: actor {actor.name!r} is defined twice")
        actors.append(actor)
        by_name[actor.name] = actor
    # Explicit aliases first, so derived ones (acronyms, long forms, ethnonyms) never override them.
    for (entry, where, _), actor in zip(entries, actors):
        for a in entry.get("aliases") or []:
            add(a, actor, where)
        for a in entry.get("generic_aliases") or []:
            add(a, actor, where, generic_=True)
    for (entry, where, _), actor in zip(entries, actors):
        for derived in (actor.short, _long_form(actor.name)):
            if derived:
                add(derived, actor, where, explicit=False)
    if country_data is not None:
        where = f"{source}/{country.lower()}.yaml"
        nouns = generic.get("fighter_nouns") or []
        for ethnonym, name in (country_data.get("ethnonyms") or {}).items():
            if name not in by_name:
                raise ActorDictionaryError(f"{where}: ethnonym {ethnonym!r} names an unknown actor {name!r}")
            for noun in nouns:
                add(f"{ethnonym} {noun}", by_name[name], where, explicit=False)
        for affiliated in actors:
            for parent in affiliated.affiliations:
                if parent not in by_name:
                    raise ActorDictionaryError(
                        f"{where}: actor {affiliated.name!r} is affiliated with unknown actor {parent!r}")
        heads = country_data.get("attach_only") or []
    else:
        heads = []
    # Attach-only heads need an owner; the fallback actor is never used for them.
    placeholder = Actor(name="", short=None, acled_type=8, side="other", country=country)
    for h in heads:
        cs = is_acronym(h)
        index.setdefault((cs, alias_key(h, cs)), Alias(h, placeholder, True, True, cs, False))

    home = tuple((country_data or {}).get("home_nationalities") or ())
    nats = {k: v for k, v in (generic.get("nationalities") or {}).items()}
    words = {k: generic.get(k) or [] for k in ("blocking_prefixes", "unit_words", "local_stopwords")}
    words["role_cues"] = generic.get("role_cues") or {}
    d = ActorDictionary(country, actors, index, by_name, home, nats, {}, words)
    for cs in (True, False):
        texts = [a.text for (mode, _), a in index.items() if mode == cs]
        body = _trie_regex(texts, cs)
        # Whole words only; a plural "s" may follow any alias (PDFs, villagers, KIAs).
        # The lookahead (the characters an alias can start with) changes no match; it lets the
        # regex engine skip the offsets where no alias starts instead of trying the trie there.
        d.patterns[cs] = re.compile(rf"{_lead_lookahead(body, cs)}(?<!\w)(?P<core>{body})(?P<pl>s)?(?!\w)",
                                    0 if cs else re.IGNORECASE)
        # Case-insensitive matching is the slow part of the scan: on folded text a
        # case-sensitive twin finds the same matches (acronyms have none, and need none).
        d.folded_patterns[cs] = caseless_twin(d.patterns[cs].pattern, d.patterns[cs].flags)
    return d


@lru_cache(maxsize=32)
def actor_dictionary(country: str = "MMR") -> ActorDictionary:
    """The actor dictionary of an ISO3 country, loaded and validated once per process."""
    country = (country or "MMR").upper()
    path = _actors_dir() / f"{country.lower()}.yaml"
    own = _read(path) if path.exists() else None
    return build_dictionary(country, own, _generic())


def load_dictionary_files(country: str, country_file: str | Path | None,
                          generic_file: str | Path | None = None) -> ActorDictionary:
    """Build a dictionary from explicit files (a user's own country file, or tests)."""
    own = _read(Path(country_file)) if country_file else None
    generic = _read(Path(generic_file)) if generic_file else _generic()
    return build_dictionary(country, own, generic, source=str(Path(country_file).parent) if country_file else "")


def canonical(alias_or_name: str, country: str = "MMR") -> Actor | None:
    """The actor a canonical name, acronym or alias names: canonical("junta") -> Military Forces
    of Myanmar (2021-). Plurals and possessives are tolerated ("PDFs", "junta's")."""
    d = actor_dictionary(country)
    text = (alias_or_name or "").strip()
    if not text:
        return None
    # Assembly asks for the same few names many times per article: answers are kept on the
    # dictionary they come from.
    return remember(d.canonical_memo, text, lambda: _canonical(d, text), 100_000)


def _canonical(d: ActorDictionary, text: str) -> Actor | None:
    if text in d.by_name:
        return d.by_name[text]
    stripped = re.sub(r"[" + re.escape(APOSTROPHES) + r"]s?$", "", text)
    for candidate in (text, stripped, stripped[:-1] if stripped.endswith("s") else None):
        if candidate:
            hit = d.lookup(candidate)
            if hit is not None and not hit.attach_only:
                return hit.actor
    return None
