"""resolve.py on our own multi-outlet examples: which reports are one happening, and what their
figures add up to."""
from __future__ import annotations

from hypothesis import given, strategies as st

from clashmap.model import Casualty, Event
from clashmap.resolve import distance_km, merge_events, same_happening, summarise_fatalities

JUNTA = "Military Forces of Myanmar (2021-)"
PDF = "PDF: People's Defense Force"


def strike(**kw) -> Event:
    base = dict(event_type="Explosions/Remote violence", sub_event_type="Air/drone strike", date="2024-06-04",
                actor1=JUNTA, country="MMR", admin1="Sagaing", admin3="Kani", location="Kani",
                latitude=22.44, longitude=94.85)
    base.update(kw)
    return Event(**base)


def test_one_airstrike_told_twice():
    a = strike(fatalities=8)
    b = strike(fatalities=11, location="Kani Township", date="2024-06-05")  # a day later by this outlet
    assert same_happening(a, b) and same_happening(b, a)
    assert same_happening(a.to_dict(), b)  # dict or Event alike


def test_not_the_same_happening():
    a = strike()
    assert not same_happening(a, strike(date="2024-06-07"))  # same township, other day
    assert not same_happening(a, strike(admin3="Yinmabin", location="Yinmabin", latitude=22.08, longitude=94.90))
    assert not same_happening(a, strike(admin3="Pale", latitude=22.44, longitude=94.86))  # named townships differ
    assert not same_happening(a, strike(event_type="Battles", sub_event_type="Armed clash"))
    assert not same_happening(a, strike(actor1=PDF))
    assert not same_happening(a, strike(date=None))  # undated: cannot tell
    assert not same_happening(a, strike(admin1="Magway"))
    assert not same_happening(a, strike(location="Taw Pon village", admin3=None, latitude=None, longitude=None))


def test_aggregate_never_merges():
    single = strike()
    summary = strike(aggregate=True, event_count=26, date="2024-06-01", date_end="2024-06-30")
    assert not same_happening(single, summary)
    assert not same_happening(summary, single)
    assert not same_happening(summary, strike(aggregate=True, event_count=26, date="2024-06-01",
                                              date_end="2024-06-30"))


def test_place_by_distance_when_township_is_unknown():
    a = strike(admin3=None, location=None)
    near = strike(admin3=None, location=None, latitude=22.50, longitude=94.90)  # ~8 km
    far = strike(admin3=None, location=None, latitude=22.80, longitude=94.85)  # ~40 km
    assert same_happening(a, near)
    assert not same_happening(a, far)
    assert same_happening(a, far, max_km=50)
    assert not same_happening(strike(admin3=None, latitude=None, longitude=None),
                              strike(admin3=None, latitude=None, longitude=None))  # only a region in common


def test_actors_missing_or_swapped_are_compatible():
    clash = dict(event_type="Battles", sub_event_type="Armed clash")
    a = strike(actor1=PDF, actor2=JUNTA, **clash)
    assert same_happening(a, strike(actor1=JUNTA, actor2=PDF, **clash))
    assert same_happening(a, strike(actor1=PDF, actor2=None, **clash))
    assert same_happening(a, strike(actor1=None, actor2=None, **clash))
    assert same_happening(strike(actor1=JUNTA, **clash), strike(actor1=None, actor2=JUNTA, **clash))
    assert not same_happening(a, strike(actor1=PDF, actor2="KIA: Kachin Independence Army", **clash))


def test_date_ranges_overlap_with_slack():
    week = strike(date="2024-06-01", date_end="2024-06-07", time_precision=2)
    assert same_happening(week, strike(date="2024-06-08"))  # one day of slack
    assert not same_happening(week, strike(date="2024-06-09"))
    assert not same_happening(strike(date="2024-06-04"), strike(date="2024-06-05"), date_slack_days=0)


def test_distance_km():
    assert abs(distance_km(22.44, 94.85, 22.44, 94.85)) < 1e-9
    assert 105 < distance_km(0, 0, 1, 0) < 115  # a degree of latitude


def test_summarise_fatalities():
    assert summarise_fatalities([{"article_id": "a", "killed": 8}, {"article_id": "b", "killed": 11}]) == (8, 8, 11)
    # per-side claims of one article add up before sources are compared
    claims = [Casualty("junta", killed=5), Casualty("civilians", killed=6)]
    for c in claims:
        c.article_id = "a"
    assert summarise_fatalities([*claims, {"article_id": "b", "killed": 9}]) == (9, 9, 11)
    assert summarise_fatalities([{"article_id": "a", "killed": 20, "low": 20}]) == (20, 20, None)  # "at least 20"
    assert summarise_fatalities([{"killed": None}, {"killed": None}]) == (None, None, None)  # unknown, not 0
    assert summarise_fatalities([]) == (None, None, None)
    assert summarise_fatalities([{"article_id": "a", "killed": 3}, {"article_id": "b", "killed": None}]) == (None, 3, None)
    assert summarise_fatalities([{"article_id": "a", "killed": 10, "low": 8, "high": 15},
                                 {"article_id": "b", "killed": 12}]) == (8, 10, 15)


@given(st.lists(st.tuples(st.integers(0, 500), st.one_of(st.none(), st.integers(0, 500))), min_size=2, max_size=6))
def test_summary_is_ordered(figures):
    claims = [{"article_id": str(i), "killed": k, "high": None if h is None else k + h} for i, (k, h) in enumerate(figures)]
    low, best, high = summarise_fatalities(claims)
    assert low <= best <= high
    assert best == min(k for k, _ in figures)


@given(st.integers(-3, 3), st.floats(-0.5, 0.5), st.booleans())
def test_same_happening_is_symmetric(days, dlat, township):
    a = strike()
    b = strike(date=f"2024-06-{4 + days:02d}", latitude=22.44 + dlat, admin3="Kani" if township else None)
    assert same_happening(a, b) == same_happening(b, a)


def test_merge_events():
    a = strike(fatalities=8, time_precision=2, date="2024-06-03", date_end="2024-06-09", geo_precision=2,
               casualties=[Casualty("civilians", 8, claimant="villagers")], verified=False, article_ids=["a"])
    b = strike(fatalities=11, time_precision=1, geo_precision=1, location="Kani town", actor1=None,
               assoc_actor_1=["Air Force"], injuries=4, casualties=[Casualty("civilians", 11)], verified=True,
               article_ids=["b"])
    m = merge_events([a.to_dict(), b.to_dict()])
    assert (m["date"], m["date_end"], m["time_precision"]) == ("2024-06-04", None, 1)  # the more precise date
    assert m["location"] == "Kani town" and m["geo_precision"] == 1
    assert m["actor1"] == JUNTA and m["assoc_actor_1"] == ["Air Force"]
    assert (m["fatalities_low"], m["fatalities"], m["fatalities_high"]) == (8, 8, 11)
    assert m["injuries"] == 4 and m["verified"] is True and m["article_ids"] == ["a", "b"]
    assert len(m["casualties"]) == 2 and "evidence" not in m
    single = merge_events([a.to_dict()])
    assert single["fatalities_high"] is None and single["date"] == "2024-06-03"
