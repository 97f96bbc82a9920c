"""A local GeoNames cache: load a GeoNames country dump into SQLite, look names up by key.

GeoNames (https://www.geonames.org, CC BY 4.0) publishes one tab-separated file per country
(e.g. SD.txt inside SD.zip) with 19 columns. Users with internet download one; clashmap never
downloads at run time. `load_dump` reads the .txt or the .zip into a SQLite file (by default
~/.cache/clashmap/geonames.sqlite) that the Gazetteer consults when it exists.
"""
from __future__ import annotations

import io
import os
import sqlite3
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

# The documented columns of a GeoNames dump, in order.
COLUMNS = ("geonameid", "name", "asciiname", "alternatenames", "latitude", "longitude",
           "feature_class", "feature_code", "country_code", "cc2", "admin1_code", "admin2_code",
           "admin3_code", "admin4_code", "population", "elevation", "dem", "timezone",
           "modification_date")

SCHEMA = """
CREATE TABLE IF NOT EXISTS geonames (
  geonameid INTEGER PRIMARY KEY, name TEXT NOT NULL, asciiname TEXT, latitude REAL, longitude REAL,
  feature_class TEXT, feature_code TEXT, country_code TEXT, admin1_code TEXT, admin2_code TEXT,
  population INTEGER
);
CREATE TABLE IF NOT EXISTS names (key TEXT NOT NULL, geonameid INTEGER NOT NULL,
  PRIMARY KEY (key, geonameid)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS names_id ON names(geonameid);
"""

# Alternate names longer than this are descriptions, not names a news report would use.
MAX_NAME = 80


def default_db_path() -> Path:
    env = os.environ.get("CLASHMAP_GEONAMES_DB")
    if env:
        return Path(env)
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "clashmap" / "geonames.sqlite"


@dataclass
class LoadReport:
    rows: int = 0
    skipped: int = 0
    errors: list[str] = field(default_factory=list)  # "FILE:LINE: reason", the first 20

    def add_error(self, msg: str) -> None:
        self.skipped += 1
        if len(self.errors) < 20:
            self.errors.append(msg)


def _open_text(path: Path):
    """The dump's text: the file itself, or the one .txt inside a GeoNames .zip."""
    if zipfile.is_zipfile(path):
        zf = zipfile.ZipFile(path)
        members = [n for n in zf.namelist() if n.endswith(".txt") and not n.lower().startswith("readme")]
        if not members:
            raise ValueError(f"{path}: no .txt dump inside the zip")
        return io.TextIOWrapper(zf.open(members[0]), encoding="utf-8"), f"{path}!{members[0]}"
    return open(path, encoding="utf-8"), str(path)


def _parse(line: str, where: str, report: LoadReport):
    parts = line.rstrip("\n").rstrip("\r").split("\t")
    if len(parts) != len(COLUMNS):
        report.add_error(f"{where}: expected {len(COLUMNS)} tab-separated columns, found {len(parts)}")
        return None
    rec = dict(zip(COLUMNS, parts))
    try:
        gid = int(rec["geonameid"])
        lat, lon = float(rec["latitude"]), float(rec["longitude"])
        pop = int(rec["population"]) if rec["population"] else 0
    except ValueError as exc:
        report.add_error(f"{where}: {exc}")
        return None
    if not rec["name"]:
        report.add_error(f"{where}: empty name")
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        report.add_error(f"{where}: coordinates out of range ({lat}, {lon})")
        return None
    return gid, rec, lat, lon, pop


def load_dump(path: str | Path, db_path: str | Path | None = None) -> LoadReport:
    """Load (or reload: rows are replaced by geonameid, so loading twice changes nothing)."""
    from clashmap.knowledge.places import norm_key

    path = Path(path)
    db_path = Path(db_path) if db_path else default_db_path()
    db_path.parent.mkdir(parents=True, exist_ok=True)
    report = LoadReport()
    fh, label = _open_text(path)
    con = sqlite3.connect(db_path)
    try:
        con.executescript(SCHEMA)
        with con, fh:
            for lineno, line in enumerate(fh, 1):
                if not line.strip() or line.startswith("#"):
                    continue
                parsed = _parse(line, f"{label}:{lineno}", report)
                if parsed is None:
                    continue
                gid, rec, lat, lon, pop = parsed
                con.execute("INSERT OR REPLACE INTO geonames VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                            (gid, rec["name"], rec["asciiname"], lat, lon, rec["feature_class"],
                             rec["feature_code"], rec["country_code"], rec["admin1_code"],
                             rec["admin2_code"], pop))
                con.execute("DELETE FROM names WHERE geonameid = ?", (gid,))
                names = {rec["name"], rec["asciiname"]}
                names.update(a for a in rec["alternatenames"].split(",") if a and len(a) <= MAX_NAME)
                keys = {norm_key(n) for n in names} - {""}
                con.executemany("INSERT OR IGNORE INTO names VALUES (?, ?)", [(k, gid) for k in keys])
                report.rows += 1
    finally:
        con.close()
    return report


def _level(fclass: str, fcode: str, population: int) -> str:
    if fcode.startswith("PCL"):
        return "country"
    if fcode in ("ADM1", "ADM1H"):
        return "admin1"
    if fcode in ("ADM2", "ADM2H"):
        return "admin2"
    if fcode in ("ADM3", "ADM3H"):
        return "admin3"
    if fclass == "P" and (population >= 10000 or fcode in ("PPLC", "PPLA", "PPLA2", "PPLA3")):
        return "town"
    # Small populated places and every other named feature (camps, hills, bases): points.
    return "village"


class GeoNamesDB:
    """Read-only lookups in a cache that load_dump filled."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._con = sqlite3.connect(f"file:{self.path.as_posix()}?mode=ro", uri=True,
                                    check_same_thread=False)
        self._admin1: dict[tuple[str, str], str] = {}
        self._admin2: dict[tuple[str, str, str], str] = {}
        for cc, a1, a2, name, fcode in self._con.execute(
                "SELECT country_code, admin1_code, admin2_code, name, feature_code FROM geonames"
                " WHERE feature_code IN ('ADM1', 'ADM2')"):
            if fcode == "ADM1":
                self._admin1[(cc, a1)] = name
            else:
                self._admin2[(cc, a1, a2)] = name
        self._iso3: dict[str, str | None] = {}

    def iso3(self, cc: str) -> str | None:
        if cc not in self._iso3:
            import pycountry

            c = pycountry.countries.get(alpha_2=cc) if cc else None
            self._iso3[cc] = c.alpha_3 if c else None
        return self._iso3[cc]

    def lookup_key(self, key: str):
        from clashmap.knowledge.places import Place

        rows = self._con.execute(
            "SELECT g.geonameid, g.name, g.latitude, g.longitude, g.feature_class, g.feature_code,"
            " g.country_code, g.admin1_code, g.admin2_code, g.population FROM names n"
            " JOIN geonames g USING (geonameid) WHERE n.key = ? ORDER BY g.population DESC", (key,))
        out = []
        for gid, name, lat, lon, fclass, fcode, cc, a1, a2, pop in rows:
            level = _level(fclass or "", fcode or "", pop or 0)
            admin1 = self._admin1.get((cc, a1))
            admin2 = self._admin2.get((cc, a1, a2))
            out.append(Place(name, level, country=self.iso3(cc) or cc, admin1=admin1 if level != "country" else None,
                             admin2=admin2, pcode=f"geonames:{gid}", lat=lat, lon=lon,
                             feature=fcode, population=pop or None, source="geonames"))
        return out

    def count(self) -> int:
        return self._con.execute("SELECT count(*) FROM geonames").fetchone()[0]

    def close(self) -> None:
        self._con.close()
