"""The pure export functions: ACLED CSV, GeoJSON, Parquet and JSON Lines over event dicts."""
from __future__ import annotations

import csv
import io
import json
import math
from datetime import date

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clashmap import export
from clashmap.export import (
    ACLED_COLUMNS, PARQUET_SCHEMA, to_acled_csv, to_geojson, to_jsonl, to_parquet,
)
from clashmap.model import Casualty, Event, Evidence

# The published ACLED export header, written out literally (not imported) so a reordering in
# export.py is caught.
ACLED_HEADER = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,"
    "assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,"
    "country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,"
    "notes,fatalities,tags,timestamp"
)

MUSE_STRIKE = {
    "event_id": "ev-muse-1",
    "article_ids": ["a1", "a2"],
    "event_type": "Explosions/Remote violence",
    "sub_event_type": "Air/drone strike",
    "date": "2023-07-25",
    "date_end": "2023-07-25",
    "time_precision": 1,
    "actor1": "Military Forces of Myanmar (2021-)",
    "assoc_actor_1": [],
    "actor2": "Civilians (Myanmar)",
    "assoc_actor_2": [],
    "inter1": 1,
    "inter2": 7,
    "country": "MMR",
    "admin1": "Shan",
    "admin2": "Muse",
    "admin3": "Muse",
    "location": "Muse",
    "latitude": 23.9936,
    "longitude": 97.9039,
    "geo_precision": 2,
    "pcode": "MMR015301",
    "fatalities": 1,
    "fatalities_low": 1,
    "fatalities_high": 1,
    "injuries": None,
    "casualties": [{"side": "Civilians (Myanmar)", "killed": 1, "injured": None, "claimant": None}],
    "claimant": "Shan News",
    "verified": False,
    "aggregate": False,
    "event_count": None,
    "evidence": [{"field": "event_type", "article_id": "a1", "start": 10, "end": 19,
                  "text": "airstrike"}],
    "flags": ["injuries_unquantified"],
    "notes": "On 25 July 2023, a junta airstrike on a village in Muse township killed 1 civilian.",
    "review_status": "accepted",
}

NUG_AGGREGATE = {
    "event_id": "ev-nug-june",
    "article_ids": ["a1"],
    "event_type": "Battles",
    "sub_event_type": "Armed clash",
    "date": "2023-06-01",
    "date_end": "2023-06-30",
    "time_precision": 3,
    "actor1": "PDF: People's Defense Force",
    "assoc_actor_1": ["NUG: National Unity Government"],
    "actor2": "Military Forces of Myanmar (2021-)",
    "inter1": 3,
    "inter2": 1,
    "country": "MMR",
    "location": "NUG Military Region 1 (Sagaing, Magway, Mandalay, northern Shan)",
    "fatalities": 474,
    "claimant": "NUG: National Unity Government",
    "verified": False,
    "aggregate": True,
    "event_count": 374,
}

OUTLETS = {"a1": "Myanmar Now", "a2": "The Irrawaddy"}


def _csv_rows(events, **kw):
    buf = io.StringIO()
    result = to_acled_csv(events, buf, timestamp=1690000000, **kw)
    buf.seek(0)
    return result, buf.getvalue(), list(csv.DictReader(buf))


# ---------------------------------------------------------------- ACLED CSV

def test_acled_header_is_acleds_columns_in_acleds_order():
    _, text, _ = _csv_rows([MUSE_STRIKE])
    assert text.split("\r\n")[0] == ACLED_HEADER
    assert ",".join(ACLED_COLUMNS) == ACLED_HEADER


def test_acled_values_for_a_civilian_airstrike():
    result, _, rows = _csv_rows([MUSE_STRIKE], outlets=OUTLETS)
    assert result.written == 1
    (row,) = rows
    assert row["event_id_cnty"] == "ev-muse-1"
    assert row["event_date"] == "2023-07-25"
    assert row["year"] == "2023"
    assert row["time_precision"] == "1"
    assert row["disorder_type"] == "Political violence"
    assert row["interaction"] == "17"
    assert row["civilian_targeting"] == "Civilian targeting"
    assert row["iso"] == "104"  # ISO 3166 numeric for Myanmar
    assert row["region"] == "Southeast Asia"
    assert row["country"] == "Myanmar"
    assert (row["admin1"], row["admin2"], row["admin3"]) == ("Shan", "Muse", "Muse")
    assert float(row["latitude"]) == pytest.approx(23.9936)
    assert float(row["longitude"]) == pytest.approx(97.9039)
    assert row["geo_precision"] == "2"
    assert row["source"] == "Myanmar Now; The Irrawaddy"
    assert row["fatalities"] == "1"
    assert row["timestamp"] == "1690000000"
    tags = row["tags"].split("; ")
    assert "claimant=Shan News" in tags
    assert "unverified" in tags
    assert "injuries_unquantified" in tags
    assert "pcode=MMR015301" in tags
    # a one-day event carries no date_end tag
    assert not any(t.startswith("date_end=") for t in tags)


def test_acled_aggregate_is_tagged_and_unreported_figures_stay_empty():
    _, _, rows = _csv_rows([NUG_AGGREGATE])
    (row,) = rows
    tags = row["tags"].split("; ")
    assert "aggregate=true" in tags and "event_count=374" in tags
    assert "date_end=2023-06-30" in tags
    assert row["assoc_actor_1"] == "NUG: National Unity Government"
    assert row["interaction"] == "13"  # lower actor type first
    assert row["civilian_targeting"] == ""
    assert row["latitude"] == "" and row["longitude"] == ""
    assert row["admin1"] == ""
    assert row["source"] == ""  # no outlets known: empty, not invented


def test_acled_null_fatalities_are_empty_not_zero():
    ev = dict(MUSE_STRIKE, fatalities=None)
    _, _, rows = _csv_rows([ev])
    assert rows[0]["fatalities"] == ""
    ev = dict(MUSE_STRIKE, fatalities=0)
    _, _, rows = _csv_rows([ev])
    assert rows[0]["fatalities"] == "0"


@pytest.mark.parametrize("event_type, sub, expected", [
    ("Battles", "Armed clash", "Political violence"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", "Political violence"),
    ("Violence against civilians", "Abduction/forced disappearance", "Political violence"),
    ("Protests", "Peaceful protest", "Demonstrations"),
    ("Protests", "Excessive force against protesters", "Political violence; Demonstrations"),
    ("Riots", "Violent demonstration", "Demonstrations"),
    ("Riots", "Mob violence", "Political violence"),
    ("Strategic developments", "Arrests", "Strategic developments"),
    ("Nonsense", "x", ""),
])
def test_disorder_type(event_type, sub, expected):
    assert export.disorder_type(event_type, sub) == expected


@pytest.mark.parametrize("i1, i2, expected", [
    (1, 2, 12), (2, 1, 12), (1, None, 10), (None, 3, 30), (7, 7, 77), (None, None, None),
    (8, 1, 18),
])
def test_interaction(i1, i2, expected):
    assert export.interaction(i1, i2) == expected


def test_country_info_uses_acled_names_and_numeric_codes():
    assert export.country_info("MMR") == ("Myanmar", 104, "Southeast Asia")
    assert export.country_info("COD") == ("Democratic Republic of Congo", 180, "Middle Africa")
    assert export.country_info("SYR") == ("Syria", 760, "Middle East")
    assert export.country_info("mm") == ("Myanmar", 104, "Southeast Asia")  # alpha-2 tolerated
    assert export.country_info(None) == ("", None, "")
    name, numeric, region = export.country_info("ZZZ")
    assert (numeric, region) == (None, "")


def test_source_from_event_sources_dedupes_in_order():
    ev = dict(MUSE_STRIKE, sources=[{"outlet": "RFA"}, {"outlet": "Myanmar Now"}, "RFA"])
    _, _, rows = _csv_rows([ev], outlets=OUTLETS)
    assert rows[0]["source"] == "RFA; Myanmar Now; The Irrawaddy"


def test_acled_unicode_and_quoting_round_trip():
    notes = 'ရွာ "Nam Hpat Kar", 2 killed;\nline two'
    ev = dict(MUSE_STRIKE, notes=notes, location="နမ့်ဖတ်ကာ", assoc_actor_1=["ပကဖ", "KIA"])
    _, text, rows = _csv_rows([ev])
    assert "နမ့်ဖတ်ကာ" in text
    assert rows[0]["notes"] == notes
    assert rows[0]["location"] == "နမ့်ဖတ်ကာ"
    assert rows[0]["assoc_actor_1"] == "ပကဖ; KIA"


def test_acled_empty_input_writes_only_the_header():
    result, text, rows = _csv_rows([])
    assert result.written == 0 and rows == []
    assert text == ACLED_HEADER + "\r\n"  # RFC 4180 line ends


def test_acled_accepts_event_objects_and_date_objects():
    ev = Event(event_type="Battles", sub_event_type="Armed clash", date="2024-01-02",
               country="MMR", inter1=2, inter2=1, casualties=[Casualty(side="x", killed=2)],
               event_id="obj1")
    row = export.acled_row(ev, timestamp=5)
    assert row["event_date"] == "2024-01-02" and row["interaction"] == "12"
    row = export.acled_row(dict(MUSE_STRIKE, date=date(2023, 7, 25)), timestamp=5)
    assert row["event_date"] == "2023-07-25"


def test_acled_timestamp_from_the_events_update_time():
    from datetime import datetime, timezone

    at = datetime(2024, 3, 1, 12, 0, tzinfo=timezone.utc)
    assert export.acled_row(dict(MUSE_STRIKE, updated_at=at), timestamp=5)["timestamp"] == \
        str(int(at.timestamp()))
    assert export.acled_row(dict(MUSE_STRIKE, updated_at=at.isoformat()), timestamp=5)[
        "timestamp"] == str(int(at.timestamp()))
    assert export.acled_row(dict(MUSE_STRIKE, updated_at="garbage"), timestamp=5)["timestamp"] == "5"


def test_acled_rejects_things_that_are_not_events():
    with pytest.raises(TypeError):
        to_acled_csv([42], io.StringIO())


# ---------------------------------------------------------------- GeoJSON

def _is_number(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


def validate_geojson(doc) -> list[str]:
    """Our own check of the RFC 7946 rules the export must meet; returns the problems found."""
    problems = []
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        return ["top level is not a FeatureCollection object"]
    if "crs" in doc:
        problems.append("crs member (removed in RFC 7946)")
    if not isinstance(doc.get("features"), list):
        return problems + ["features is not an array"]
    for i, f in enumerate(doc["features"]):
        where = f"feature {i}"
        if not isinstance(f, dict) or f.get("type") != "Feature":
            problems.append(f"{where}: not a Feature")
            continue
        if "geometry" not in f:
            problems.append(f"{where}: no geometry member (null is allowed, absent is not)")
        if "properties" not in f:
            problems.append(f"{where}: no properties member")
        if "id" in f and not (isinstance(f["id"], str) or _is_number(f["id"])):
            problems.append(f"{where}: id is neither string nor number")
        props = f.get("properties")
        if props is not None and not isinstance(props, dict):
            problems.append(f"{where}: properties not an object")
        for k, v in (props or {}).items():
            # flat: what a GIS attribute table can hold
            if not (v is None or isinstance(v, (str, bool)) or _is_number(v)):
                problems.append(f"{where}: property {k} is not flat ({type(v).__name__})")
        g = f.get("geometry")
        if g is None:
            continue
        if not isinstance(g, dict) or g.get("type") != "Point":
            problems.append(f"{where}: geometry is not a Point")
            continue
        c = g.get("coordinates")
        if not (isinstance(c, list) and len(c) == 2 and all(_is_number(x) for x in c)):
            problems.append(f"{where}: coordinates not [lon, lat]")
            continue
        lon, lat = c
        if not -180 <= lon <= 180:
            problems.append(f"{where}: longitude {lon} out of range")
        if not -90 <= lat <= 90:
            problems.append(f"{where}: latitude {lat} out of range")
    return problems


def _geojson(events):
    buf = io.StringIO()
    result = to_geojson(events, buf, outlets=OUTLETS)
    return result, buf.getvalue(), json.loads(buf.getvalue())


def test_validator_catches_what_it_should():
    # the validator itself must be able to fail, or the tests below prove nothing
    bad = {"type": "FeatureCollection", "crs": {}, "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [10, 200]},
         "properties": {"a": [1]}},
        {"type": "Feature", "properties": {}},
    ]}
    problems = validate_geojson(bad)
    assert any("crs" in p for p in problems)
    assert any("latitude" in p for p in problems)
    assert any("not flat" in p for p in problems)
    assert any("no geometry" in p for p in problems)


def test_geojson_point_is_lon_lat_and_properties_flat():
    result, text, doc = _geojson([MUSE_STRIKE, NUG_AGGREGATE])
    assert validate_geojson(doc) == []
    assert result.written == 2 and result.without_coordinates == 1
    f0, f1 = doc["features"]
    assert f0["id"] == "ev-muse-1"
    assert f0["geometry"] == {"type": "Point", "coordinates": [97.9039, 23.9936]}
    p = f0["properties"]
    assert p["date"] == "2023-07-25" and p["disorder_type"] == "Political violence"
    assert p["source"] == "Myanmar Now; The Irrawaddy"
    assert p["article_ids"] == "a1; a2"
    assert json.loads(p["casualties"]) == MUSE_STRIKE["casualties"]
    assert "evidence" not in p
    # the unlocated aggregate is kept, with a null geometry
    assert f1["geometry"] is None and f1["properties"]["aggregate"] is True
    assert f1["properties"]["assoc_actor_1"] == "NUG: National Unity Government"


@pytest.mark.parametrize("lat, lon", [
    (91.0, 10.0), (-91.0, 10.0), (10.0, 181.0), (10.0, -180.5), (float("nan"), 10.0),
    (10.0, float("inf")), (None, 10.0), (10.0, None), ("", ""),
])
def test_geojson_unusable_coordinates_become_null_geometry(lat, lon):
    result, _, doc = _geojson([dict(MUSE_STRIKE, latitude=lat, longitude=lon)])
    assert validate_geojson(doc) == []
    assert doc["features"][0]["geometry"] is None
    assert result.without_coordinates == 1


def test_geojson_edges_of_the_range_are_kept():
    _, _, doc = _geojson([dict(MUSE_STRIKE, latitude=-90, longitude=180),
                          dict(MUSE_STRIKE, latitude=0.0, longitude=0.0)])
    assert [f["geometry"]["coordinates"] for f in doc["features"]] == [[180, -90], [0.0, 0.0]]


def test_geojson_empty_and_unicode():
    result, text, doc = _geojson([])
    assert doc == {"type": "FeatureCollection", "features": []} and result.written == 0
    _, text, doc = _geojson([dict(MUSE_STRIKE, location="မူဆယ်")])
    assert "မူဆယ်" in text  # written as UTF-8, not \u escapes
    assert doc["features"][0]["properties"]["location"] == "မူဆယ်"


# ---------------------------------------------------------------- JSON Lines

def test_jsonl_is_lossless_one_event_a_line():
    buf = io.StringIO()
    ev = dict(MUSE_STRIKE, date=date(2023, 7, 25), location="မူဆယ်")
    result = to_jsonl([ev, NUG_AGGREGATE], buf)
    lines = buf.getvalue().splitlines()
    assert result.written == 2 and len(lines) == 2
    back = json.loads(lines[0])
    assert back == dict(MUSE_STRIKE, location="မူဆယ်")
    assert "မူဆယ်" in lines[0]
    assert json.loads(lines[1]) == NUG_AGGREGATE


def test_jsonl_event_objects_and_nan():
    ev = Event(event_type="Battles", sub_event_type="Armed clash", latitude=float("nan"),
               evidence=[Evidence(field="actor1", start=0, end=4, text="junta")])
    buf = io.StringIO()
    to_jsonl([ev], buf)
    back = json.loads(buf.getvalue())
    assert back["latitude"] is None
    assert back["evidence"][0]["text"] == "junta"


def test_jsonl_empty():
    buf = io.StringIO()
    assert to_jsonl([], buf).written == 0 and buf.getvalue() == ""


# ---------------------------------------------------------------- Parquet

def test_parquet_round_trip_types_and_values(tmp_path):
    path = tmp_path / "events.parquet"
    result = to_parquet([MUSE_STRIKE, NUG_AGGREGATE], path, outlets=OUTLETS)
    assert result.written == 2
    table = pq.read_table(path)
    assert table.schema.equals(PARQUET_SCHEMA)
    assert table.schema.field("date").type == pa.date32()
    assert table.schema.field("assoc_actor_1").type == pa.list_(pa.string())
    assert pa.types.is_struct(table.schema.field("casualties").type.value_type)
    rows = table.to_pylist()
    a, b = rows
    assert a["date"] == date(2023, 7, 25)
    assert a["casualties"] == MUSE_STRIKE["casualties"]
    assert a["evidence"] == MUSE_STRIKE["evidence"]
    assert a["sources"] == ["Myanmar Now", "The Irrawaddy"]
    assert a["interaction"] == 17 and a["disorder_type"] == "Political violence"
    assert a["review_status"] == "accepted"
    assert b["date_end"] == date(2023, 6, 30)
    assert b["aggregate"] is True and b["event_count"] == 374
    assert b["latitude"] is None and b["injuries"] is None  # null stays null
    assert b["casualties"] == [] and b["admin1"] is None


def test_parquet_empty_has_the_schema(tmp_path):
    path = tmp_path / "empty.parquet"
    assert to_parquet([], path).written == 0
    table = pq.read_table(path)
    assert table.num_rows == 0 and table.schema.equals(PARQUET_SCHEMA)


def test_parquet_batches_into_row_groups(tmp_path):
    path = tmp_path / "many.parquet"
    events = (dict(MUSE_STRIKE, event_id=f"e{i}") for i in range(25))  # a generator: streamed
    assert to_parquet(events, path, batch_size=10).written == 25
    meta = pq.ParquetFile(path).metadata
    assert meta.num_row_groups == 3 and meta.num_rows == 25
    assert pq.read_table(path, columns=["event_id"]).column(0).to_pylist()[-1] == "e24"


def test_parquet_rejects_bad_dates_and_out_of_range_codes(tmp_path):
    with pytest.raises(ValueError):
        to_parquet([dict(MUSE_STRIKE, date="25 July 2023")], tmp_path / "x.parquet")
    with pytest.raises((pa.ArrowInvalid, OverflowError)):
        to_parquet([dict(MUSE_STRIKE, time_precision=1000)], tmp_path / "y.parquet")


# ---------------------------------------------------------------- properties over random events

_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
_opt_int = st.none() | st.integers(0, 10_000)
_events = st.fixed_dictionaries({
    "event_id": st.text("abcdef0123456789", min_size=1, max_size=16),
    "event_type": st.sampled_from(sorted(export._DISORDER_BY_TYPE)),
    "sub_event_type": _text,
    "date": st.none() | st.dates(date(1990, 1, 1), date(2040, 1, 1)).map(date.isoformat),
    "actor1": st.none() | _text,
    "assoc_actor_1": st.lists(_text.filter(lambda s: s.strip() and ";" not in s), max_size=3),
    "actor2": st.none() | _text,
    "inter1": st.none() | st.integers(1, 8),
    "inter2": st.none() | st.integers(1, 8),
    "country": st.none() | st.sampled_from(["MMR", "THA", "UKR", "SDN"]),
    "location": st.none() | _text,
    "latitude": st.none() | st.floats(allow_nan=True, allow_infinity=True),
    "longitude": st.none() | st.floats(allow_nan=True, allow_infinity=True),
    "fatalities": _opt_int,
    "casualties": st.lists(st.fixed_dictionaries(
        {"side": _text, "killed": _opt_int, "injured": _opt_int, "claimant": st.none() | _text}),
        max_size=2),
    "aggregate": st.booleans(),
    "notes": st.none() | _text,
})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_events, max_size=5))
def test_every_format_writes_every_event(tmp_path_factory, events):
    _, _, rows = _csv_rows(events)  # also: every stray \r or \n in text must be quoted
    assert len(rows) == len(events)
    for row, ev in zip(rows, events):
        assert list(row) == ACLED_COLUMNS
        assert row["notes"] == (ev["notes"] or "")
        assert row["assoc_actor_1"].split("; ") == (ev["assoc_actor_1"] or [""])

    result, _, doc = _geojson(events)
    assert validate_geojson(doc) == []
    assert result.written == len(doc["features"]) == len(events)
    assert result.without_coordinates == sum(f["geometry"] is None for f in doc["features"])

    buf = io.StringIO()
    to_jsonl(events, buf)
    # splitlines() also breaks on U+2028, U+0085...: one event must still be one line
    lines = buf.getvalue().splitlines()
    assert len(lines) == len(events)
    assert [json.loads(line)["notes"] for line in lines] == [e["notes"] for e in events]

    path = tmp_path_factory.mktemp("pq") / "p.parquet"
    to_parquet(events, path)
    back = pq.read_table(path).to_pylist()
    assert [r["event_id"] for r in back] == [e["event_id"] for e in events]
    assert [r["casualties"] for r in back] == [e["casualties"] for e in events]


def test_found_by_hypothesis_bare_cr_and_unicode_line_separators():
    # a bare "\r" went out unquoted when the CSV terminator was "\n"; U+2028 split a JSONL line
    ev = dict(MUSE_STRIKE, sub_event_type="\r", notes="a\u2028b\x85c\rd")
    _, _, rows = _csv_rows([ev])
    assert rows[0]["sub_event_type"] == "\r" and rows[0]["notes"] == "a\u2028b\x85c\rd"
    buf = io.StringIO()
    to_jsonl([ev], buf)
    assert len(buf.getvalue().splitlines()) == 1
    assert json.loads(buf.getvalue())["notes"] == "a\u2028b\x85c\rd"
