"""Exports: event dicts in, files that analysts' tools read out.

Every function here is pure over an iterable of events (dicts as the store returns them, or
`model.Event` objects) and a destination; none of them touches the store, so the CLI, the web app
and a Dask job can all call them. Events are consumed one at a time so an export of a large store
never holds more than one Parquet batch in memory.

Formats
- ACLED-style CSV (`to_acled_csv`): ACLED's 31 public columns in ACLED's order, so scripts written
  against an ACLED download read it unchanged. Fields ACLED has no column for (claimant,
  verification, aggregate counts, flags, end date) go into ACLED's free-text `tags` column.
- GeoJSON (`to_geojson`): an RFC 7946 FeatureCollection. Events without usable coordinates are
  *kept* as Features with `"geometry": null` (RFC 7946 section 3.2 allows it) rather than dropped,
  and counted in the result so the CLI can say how many a map will not show.
- Parquet (`to_parquet`): a typed schema (date32 dates, list<string> lists, list<struct>
  casualties and evidence) so pandas/polars/DuckDB get real types, not strings.
- JSON Lines (`to_jsonl`): the whole record, one event a line, lossless.

Null stays null everywhere: a figure that was not reported is written empty, never as 0 (the
design's rule), even in the ACLED CSV where ACLED itself would write 0.
"""
from __future__ import annotations

import csv
import dataclasses
import json
import math
import os
import time
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import IO, Any, Iterable, Iterator, Mapping

import pyarrow as pa
import pyarrow.parquet as pq

# ACLED's public export columns, in the order of an ACLED download (codebook 2023+).
ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
]

# ACLED joins several associated actors / sources / tags in one cell with "; ".
JOIN = "; "

# ACLED actor-type codes (inter1/inter2).
CIVILIANS_INTER = 7

_POLITICAL_VIOLENCE = "Political violence"
_DEMONSTRATIONS = "Demonstrations"
_STRATEGIC = "Strategic developments"

# disorder_type by event type; the two event types whose disorder depends on the sub-type are
# resolved in `disorder_type()`.
_DISORDER_BY_TYPE = {
    "Battles": _POLITICAL_VIOLENCE,
    "Explosions/Remote violence": _POLITICAL_VIOLENCE,
    "Violence against civilians": _POLITICAL_VIOLENCE,
    "Protests": _DEMONSTRATIONS,
    "Riots": _DEMONSTRATIONS,
    "Strategic developments": _STRATEGIC,
}

# ACLED's regions, as ISO3 lists. ACLED's region is not an ISO or UN grouping (it has "Middle
# East" and "Caucasus and Central Asia"), so pycountry cannot supply it.
_REGIONS = {
    "Western Africa": "BEN BFA CPV CIV GMB GHA GIN GNB LBR MLI MRT NER NGA SEN SLE TGO SHN",
    "Middle Africa": "AGO CMR CAF TCD COG COD GNQ GAB STP",
    "Eastern Africa": "BDI COM DJI ERI ETH KEN MDG MWI MUS MYT MOZ REU RWA SYC SOM SSD TZA UGA "
                      "ZMB ZWE IOT ATF",
    "Southern Africa": "BWA SWZ LSO NAM ZAF",
    "Northern Africa": "DZA EGY LBY MAR SDN TUN ESH",
    "Middle East": "BHR CYP IRN IRQ ISR JOR KWT LBN OMN PSE QAT SAU SYR TUR ARE YEM",
    "South Asia": "AFG BGD BTN IND MDV NPL PAK LKA",
    "Southeast Asia": "BRN KHM IDN LAO MYS MMR PHL SGP THA TLS VNM",
    "East Asia": "CHN HKG MAC JPN MNG PRK KOR TWN",
    "Caucasus and Central Asia": "ARM AZE GEO KAZ KGZ TJK TKM UZB",
    "Europe": "ALB AND AUT BLR BEL BIH BGR HRV CZE DNK EST FIN FRA DEU GIB GRC HUN ISL IRL ITA "
              "XKX LVA LIE LTU LUX MLT MDA MCO MNE NLD MKD NOR POL PRT ROU RUS SMR SRB SVK SVN "
              "ESP SWE CHE UKR GBR VAT FRO GGY JEY IMN ALA SJM",
    "North America": "CAN USA GRL BMU SPM",
    "Central America": "BLZ CRI SLV GTM HND MEX NIC PAN",
    "South America": "ARG BOL BRA CHL COL ECU FLK GUF GUY PRY PER SUR URY VEN SGS",
    "Caribbean": "AIA ATG ABW BHS BRB BES VGB CYM CUB CUW DMA DOM GRD GLP HTI JAM MTQ MSR PRI "
                 "BLM KNA LCA MAF VCT SXM TTO TCA VIR",
    "Oceania": "ASM AUS COK FJI PYF GUM KIR MHL FSM NRU NCL NZL NIU NFK MNP PLW PNG PCN WSM SLB "
               "TKL TON TUV UMI VUT WLF CXR CCK HMD",
    "Antarctica": "ATA BVT",
}
REGION_BY_ISO3 = {iso: region for region, codes in _REGIONS.items() for iso in codes.split()}

# Where ACLED's country name differs from ISO 3166's (and from pycountry's common name).
_ACLED_COUNTRY_NAMES = {
    "COD": "Democratic Republic of Congo",
    "COG": "Republic of Congo",
    "CIV": "Ivory Coast",
    "PSE": "Palestine",
    "RUS": "Russia",
    "XKX": "Kosovo",
    "CZE": "Czech Republic",
    "MKD": "North Macedonia",
    "FSM": "Micronesia",
    "VAT": "Vatican City",
    "BRN": "Brunei",
    "CPV": "Cape Verde",
    "SWZ": "eSwatini",
}


@dataclass
class ExportResult:
    """What an export wrote: `written` events; `without_coordinates` of them (GeoJSON only) carry
    a null geometry because they have no usable latitude/longitude."""

    written: int = 0
    without_coordinates: int = 0


# ---------------------------------------------------------------- normalising the input records

def _as_dict(event: Any) -> dict[str, Any]:
    if isinstance(event, Mapping):
        return dict(event)
    if dataclasses.is_dataclass(event) and not isinstance(event, type):
        return dataclasses.asdict(event)
    raise TypeError(f"cannot export {type(event).__name__}: expected a dict or an Event")


def _iso_date(value: Any) -> str | None:
    """An ISO yyyy-mm-dd string from what the store hands back (str, date or datetime)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return date.fromisoformat(str(value)[:10]).isoformat()


def _as_date(value: Any) -> date | None:
    iso = _iso_date(value)
    return date.fromisoformat(iso) if iso else None


def _finite(value: Any) -> float | None:
    if value is None or value == "":
        return None
    try:
        f = float(value)
    except (TypeError, ValueError):
        return None
    return f if math.isfinite(f) else None


def _str_list(value: Any) -> list[str]:
    """Lists of names arrive as lists, or (from some stores) as one "; "-joined string."""
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [p.strip() for p in value.split(";") if p.strip()]
    return [str(v) for v in value if v is not None and str(v) != ""]


def _record_list(value: Any) -> list[dict[str, Any]]:
    return [_as_dict(v) for v in (value or [])]


def outlets_of(event: Mapping[str, Any], outlets: Mapping[str, str] | None = None) -> list[str]:
    """The outlets that reported an event, first-seen order, each once.

    Taken from the event itself when it carries them (`outlets`: names, or `sources`: dicts with
    an `outlet`), else looked up by article id in `outlets` (article_id -> outlet)."""
    names: list[str] = []
    if event.get("outlets"):
        names += _str_list(event["outlets"])
    for src in event.get("sources") or []:
        name = src.get("outlet") if isinstance(src, Mapping) else src
        if name:
            names.append(str(name))
    if outlets:
        for aid in event.get("article_ids") or []:
            name = outlets.get(aid)  # .get only: the CLI passes a lazy lookup, not a dict
            if name:
                names.append(name)
    seen: dict[str, None] = {}
    for n in names:
        seen.setdefault(n.strip(), None)
    return [n for n in seen if n]


# ---------------------------------------------------------------- ACLED derived fields

def disorder_type(event_type: str | None, sub_event_type: str | None = None) -> str:
    """ACLED's disorder_type from the event type (and, for Protests/Riots, the sub-type)."""
    if event_type == "Riots" and sub_event_type == "Mob violence":
        return _POLITICAL_VIOLENCE
    if event_type == "Protests" and sub_event_type == "Excessive force against protesters":
        # ACLED codes state violence against peaceful protesters as both.
        return f"{_POLITICAL_VIOLENCE}; {_DEMONSTRATIONS}"
    return _DISORDER_BY_TYPE.get(event_type or "", "")


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's two-digit interaction code: the two actor types, lower digit first; a lone actor
    of type N is N0 (e.g. 10: state forces acting alone)."""
    codes = sorted(int(c) for c in (inter1, inter2) if c not in (None, "", 0))
    if not codes:
        return None
    if len(codes) == 1:
        return codes[0] * 10
    return codes[0] * 10 + codes[1]


def civilian_targeting(event: Mapping[str, Any]) -> str:
    """ACLED marks an event "Civilian targeting" when civilians are the target (actor2)."""
    actor2 = event.get("actor2") or ""
    if _int_or_none(event.get("inter2")) == CIVILIANS_INTER or actor2.lower().startswith("civilians"):
        return "Civilian targeting"
    return ""


def country_info(iso3: str | None) -> tuple[str, int | None, str]:
    """(ACLED country name, ISO 3166 numeric code, ACLED region) for an ISO3 code."""
    if not iso3:
        return "", None, ""
    import pycountry  # imported here: only exports that carry a country need its database

    code = iso3.strip().upper()
    rec = pycountry.countries.get(alpha_3=code)
    if rec is None:
        try:  # tolerate a country stored by name or alpha-2
            rec = pycountry.countries.lookup(iso3.strip())
            code = rec.alpha_3
        except LookupError:
            rec = None
    name = _ACLED_COUNTRY_NAMES.get(code) or (
        (getattr(rec, "common_name", None) or rec.name) if rec else iso3)
    numeric = int(rec.numeric) if rec is not None else None
    return name, numeric, REGION_BY_ISO3.get(code, "")


def _int_or_none(value: Any) -> int | None:
    if value is None or value == "":
        return None
    return int(value)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def acled_tags(event: Mapping[str, Any]) -> list[str]:
    """What the event record has beyond ACLED's columns, as ACLED-style `key=value` tags."""
    tags = []
    if event.get("aggregate"):
        tags.append("aggregate=true")
        if event.get("event_count") is not None:
            tags.append(f"event_count={event['event_count']}")
    if event.get("date_end") and _iso_date(event.get("date_end")) != _iso_date(event.get("date")):
        tags.append(f"date_end={_iso_date(event['date_end'])}")
    if event.get("claimant"):
        tags.append(f"claimant={event['claimant']}")
    if event.get("verified") is False:
        tags.append("unverified")
    for key in ("fatalities_low", "fatalities_high", "injuries"):
        if event.get(key) is not None:
            tags.append(f"{key}={event[key]}")
    if event.get("pcode"):
        tags.append(f"pcode={event['pcode']}")
    if event.get("review_status"):
        tags.append(f"review={event['review_status']}")
    tags += [str(f) for f in event.get("flags") or []]
    return tags


def acled_row(event: Any, outlets: Mapping[str, str] | None = None,
              timestamp: int | None = None) -> dict[str, str]:
    """One event as an ACLED CSV row (column name -> cell text)."""
    ev = _as_dict(event)
    d = _iso_date(ev.get("date"))
    name, numeric, region = country_info(ev.get("country"))
    inter1, inter2 = _int_or_none(ev.get("inter1")), _int_or_none(ev.get("inter2"))
    lat, lon = _finite(ev.get("latitude")), _finite(ev.get("longitude"))
    stamp = ev.get("timestamp") or ev.get("updated_at")
    if isinstance(stamp, str):
        try:  # an ISO time as JSON carries it; ACLED's timestamp is Unix seconds
            stamp = datetime.fromisoformat(stamp)
        except ValueError:
            stamp = None
    if isinstance(stamp, datetime):
        stamp = int(stamp.timestamp())
    elif stamp is None:
        stamp = timestamp
    row = {
        # Our event_id is already unique across countries; keeping it unchanged lets a row be
        # joined back to the JSONL/Parquet export and the web app's event page.
        "event_id_cnty": ev.get("event_id") or "",
        "event_date": d or "",
        "year": d[:4] if d else "",
        "time_precision": ev.get("time_precision"),
        "disorder_type": disorder_type(ev.get("event_type"), ev.get("sub_event_type")),
        "event_type": ev.get("event_type"),
        "sub_event_type": ev.get("sub_event_type"),
        "actor1": ev.get("actor1"),
        "assoc_actor_1": JOIN.join(_str_list(ev.get("assoc_actor_1"))),
        "inter1": inter1,
        "actor2": ev.get("actor2"),
        "assoc_actor_2": JOIN.join(_str_list(ev.get("assoc_actor_2"))),
        "inter2": inter2,
        "interaction": interaction(inter1, inter2),
        "civilian_targeting": civilian_targeting(ev),
        "iso": numeric,
        "region": region,
        "country": name,
        "admin1": ev.get("admin1"),
        "admin2": ev.get("admin2"),
        "admin3": ev.get("admin3"),
        "location": ev.get("location"),
        "latitude": lat,
        "longitude": lon,
        "geo_precision": ev.get("geo_precision"),
        "source": JOIN.join(outlets_of(ev, outlets)),
        "source_scale": ev.get("source_scale"),  # not derived: we do not know an outlet's reach
        "notes": ev.get("notes"),
        "fatalities": ev.get("fatalities"),
        "tags": JOIN.join(acled_tags(ev)),
        "timestamp": stamp,
    }
    return {k: _cell(v) for k, v in row.items()}


def to_acled_csv(events: Iterable[Any], fh: IO[str], *, outlets: Mapping[str, str] | None = None,
                 timestamp: int | None = None) -> ExportResult:
    """Write events as an ACLED-style CSV (header + one row per event) to a text file.

    `outlets` maps article_id -> outlet name for events that do not carry their outlets;
    `timestamp` (Unix seconds) fills ACLED's `timestamp` for events with no update time of their
    own, default: now."""
    if timestamp is None:
        timestamp = int(time.time())
    # csv's default CRLF terminator (RFC 4180) on purpose: the csv module quotes a field only for
    # the characters of the terminator, so with a bare "\n" terminator a stray "\r" in article
    # text would go out unquoted and break every reader.
    writer = csv.DictWriter(fh, fieldnames=ACLED_COLUMNS)
    writer.writeheader()
    result = ExportResult()
    for ev in events:
        writer.writerow(acled_row(ev, outlets, timestamp))
        result.written += 1
    return result


# ---------------------------------------------------------------- JSON Lines

def _json_default(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def _clean_floats(value: Any) -> Any:
    """NaN/inf are not JSON; a store that returns them means "unknown", i.e. null."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _clean_floats(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean_floats(v) for v in value]
    return value


def jsonl_record(event: Any) -> dict[str, Any]:
    ev = _as_dict(event)
    for key in ("date", "date_end"):
        if key in ev:
            ev[key] = _iso_date(ev[key])
    return _clean_floats(ev)


# Characters that Python's str.splitlines() (and JavaScript before ES2019) treat as line breaks
# but json.dumps(ensure_ascii=False) leaves raw: escaped so that one event stays one line for
# every reader. They can only occur inside JSON strings, so the replacement is always valid.
_LINE_BREAKS = {"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def _dumps(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, default=_json_default, allow_nan=False)
    for raw, escaped in _LINE_BREAKS.items():
        if raw in text:
            text = text.replace(raw, escaped)
    return text


def to_jsonl(events: Iterable[Any], fh: IO[str]) -> ExportResult:
    """Write every field of every event, one JSON object a line (UTF-8 text, not \\u escapes)."""
    result = ExportResult()
    for ev in events:
        fh.write(_dumps(jsonl_record(ev)))
        fh.write("\n")
        result.written += 1
    return result


# ---------------------------------------------------------------- GeoJSON

# Properties a map needs; evidence is left out (it is long and nested: JSONL/Parquet carry it).
GEOJSON_PROPERTIES = [
    "event_id", "event_type", "sub_event_type", "disorder_type", "date", "date_end",
    "time_precision", "actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "inter1", "inter2",
    "country", "admin1", "admin2", "admin3", "location", "geo_precision", "pcode", "fatalities",
    "fatalities_low", "fatalities_high", "injuries", "casualties", "claimant", "verified",
    "aggregate", "event_count", "flags", "notes", "source", "article_ids", "review_status",
]

# Decimal places kept in coordinates: 6 is ~0.1 m, far finer than any geo_precision we record;
# RFC 7946 section 11.2 advises against spurious precision.
COORD_DECIMALS = 6


def point_of(event: Mapping[str, Any]) -> list[float] | None:
    """[longitude, latitude] (RFC 7946 order) or None when either is missing or out of range."""
    lat, lon = _finite(event.get("latitude")), _finite(event.get("longitude"))
    if lat is None or lon is None or not (-90 <= lat <= 90) or not (-180 <= lon <= 180):
        return None
    return [round(lon, COORD_DECIMALS), round(lat, COORD_DECIMALS)]


def geojson_feature(event: Any, outlets: Mapping[str, str] | None = None) -> dict[str, Any]:
    """One event as a GeoJSON Feature with flat properties: every value a string, number,
    boolean or null, because GIS tools (QGIS, ogr2ogr, Kepler) do not read nested members.
    Lists of names are "; "-joined as in ACLED; casualties become a JSON string."""
    ev = _as_dict(event)
    point = point_of(ev)
    props: dict[str, Any] = {}
    for key in GEOJSON_PROPERTIES:
        if key == "disorder_type":
            value: Any = disorder_type(ev.get("event_type"), ev.get("sub_event_type"))
        elif key == "source":
            value = JOIN.join(outlets_of(ev, outlets))
        elif key in ("date", "date_end"):
            value = _iso_date(ev.get(key))
        elif key in ("assoc_actor_1", "assoc_actor_2", "flags", "article_ids"):
            value = JOIN.join(_str_list(ev.get(key)))
        elif key == "casualties":
            cas = _record_list(ev.get(key))
            value = json.dumps(cas, ensure_ascii=False) if cas else None
        else:
            value = ev.get(key)
        if isinstance(value, float) and not math.isfinite(value):
            value = None
        props[key] = value
    feature: dict[str, Any] = {"type": "Feature"}
    if ev.get("event_id"):
        feature["id"] = str(ev["event_id"])
    feature["geometry"] = {"type": "Point", "coordinates": point} if point else None
    feature["properties"] = props
    return feature


def to_geojson(events: Iterable[Any], fh: IO[str], *,
               outlets: Mapping[str, str] | None = None) -> ExportResult:
    """Write an RFC 7946 FeatureCollection, one Feature per event, streamed feature by feature.

    No `crs` member (RFC 7946 fixes WGS 84). Events without usable coordinates are written with
    `"geometry": null` and counted in `without_coordinates`, so nothing is silently dropped."""
    result = ExportResult()
    fh.write('{"type": "FeatureCollection", "features": [')
    for ev in events:
        feature = geojson_feature(ev, outlets)
        fh.write("\n" if result.written == 0 else ",\n")
        fh.write(_dumps(feature))
        result.written += 1
        if feature["geometry"] is None:
            result.without_coordinates += 1
    fh.write("\n]}\n")
    return result


# ---------------------------------------------------------------- Parquet

CASUALTY_TYPE = pa.struct([
    ("side", pa.string()), ("killed", pa.int64()), ("injured", pa.int64()),
    ("claimant", pa.string()),
])
EVIDENCE_TYPE = pa.struct([
    ("field", pa.string()), ("article_id", pa.string()), ("start", pa.int64()),
    ("end", pa.int64()), ("text", pa.string()),
])
_STRINGS = pa.list_(pa.string())

PARQUET_SCHEMA = pa.schema([
    ("event_id", pa.string()),
    ("article_ids", _STRINGS),
    ("event_type", pa.string()),
    ("sub_event_type", pa.string()),
    ("disorder_type", pa.string()),
    ("date", pa.date32()),
    ("date_end", pa.date32()),
    ("time_precision", pa.int8()),
    ("actor1", pa.string()),
    ("assoc_actor_1", _STRINGS),
    ("actor2", pa.string()),
    ("assoc_actor_2", _STRINGS),
    ("inter1", pa.int8()),
    ("inter2", pa.int8()),
    ("interaction", pa.int16()),
    ("country", pa.string()),
    ("admin1", pa.string()),
    ("admin2", pa.string()),
    ("admin3", pa.string()),
    ("location", pa.string()),
    ("latitude", pa.float64()),
    ("longitude", pa.float64()),
    ("geo_precision", pa.int8()),
    ("pcode", pa.string()),
    ("fatalities", pa.int64()),
    ("fatalities_low", pa.int64()),
    ("fatalities_high", pa.int64()),
    ("injuries", pa.int64()),
    ("casualties", pa.list_(CASUALTY_TYPE)),
    ("claimant", pa.string()),
    ("verified", pa.bool_()),
    ("aggregate", pa.bool_()),
    ("event_count", pa.int64()),
    ("evidence", pa.list_(EVIDENCE_TYPE)),
    ("flags", _STRINGS),
    ("notes", pa.string()),
    ("sources", _STRINGS),
    ("review_status", pa.string()),
])

# Rows per row group: bounds memory while writing and keeps row groups a useful size to scan.
PARQUET_BATCH = 10_000


def parquet_row(event: Any, outlets: Mapping[str, str] | None = None) -> dict[str, Any]:
    ev = _as_dict(event)
    inter1, inter2 = _int_or_none(ev.get("inter1")), _int_or_none(ev.get("inter2"))
    cas_fields = [f.name for f in CASUALTY_TYPE]
    ev_fields = [f.name for f in EVIDENCE_TYPE]
    return {
        **{k: ev.get(k) for k in PARQUET_SCHEMA.names},
        "article_ids": _str_list(ev.get("article_ids")),
        "disorder_type": disorder_type(ev.get("event_type"), ev.get("sub_event_type")) or None,
        "date": _as_date(ev.get("date")),
        "date_end": _as_date(ev.get("date_end")),
        "assoc_actor_1": _str_list(ev.get("assoc_actor_1")),
        "assoc_actor_2": _str_list(ev.get("assoc_actor_2")),
        "inter1": inter1,
        "inter2": inter2,
        "interaction": interaction(inter1, inter2),
        "latitude": _finite(ev.get("latitude")),
        "longitude": _finite(ev.get("longitude")),
        "casualties": [{k: c.get(k) for k in cas_fields} for c in _record_list(ev.get("casualties"))],
        "evidence": [{k: e.get(k) for k in ev_fields} for e in _record_list(ev.get("evidence"))],
        "flags": _str_list(ev.get("flags")),
        "aggregate": bool(ev.get("aggregate")),
        "sources": outlets_of(ev, outlets),
    }


def _batches(events: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for ev in events:
        batch.append(ev)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def to_parquet(events: Iterable[Any], path: str | os.PathLike[str] | IO[bytes], *,
               outlets: Mapping[str, str] | None = None,
               batch_size: int = PARQUET_BATCH) -> ExportResult:
    """Write events to one Parquet file with `PARQUET_SCHEMA`, one row group per `batch_size`.

    An empty input still writes a valid file with the schema and no rows, so downstream readers
    see the columns rather than a missing file."""
    result = ExportResult()
    with pq.ParquetWriter(path, PARQUET_SCHEMA, compression="zstd") as writer:
        for batch in _batches(events, batch_size):
            rows = [parquet_row(ev, outlets) for ev in batch]
            writer.write_table(pa.Table.from_pylist(rows, schema=PARQUET_SCHEMA))
            result.written += len(rows)
        if result.written == 0:
            writer.write_table(PARQUET_SCHEMA.empty_table())
    return result


FORMATS = {
    "acled-csv": to_acled_csv,
    "geojson": to_geojson,
    "parquet": to_parquet,
    "jsonl": to_jsonl,
}
