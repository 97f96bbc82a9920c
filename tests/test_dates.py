"""Table tests for clashmap.extract.dates: our own sentences showing the patterns of the bench."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from clashmap.extract.dates import find_dates

WED = date(2023, 7, 26)  # the seed article's date, a Wednesday


def only(text: str, art: date | None = WED):
    ms = find_dates(text, art)
    assert len(ms) == 1, [(m.text, m.value) for m in ms]
    return ms[0]


# (sentence, article date, span text, date, date_end, precision)
CASES = [
    # seed traps
    ("On Tuesday, jets bombed a hamlet near the border.", WED, "On Tuesday", "2023-07-25", None, 1),
    ("Fighting has gone on since last week around the town.", WED, "since last week",
     "2023-07-17", "2023-07-26", 2),
    ("Rebels said 300 troops died last month.", WED, "last month", "2023-06-01", "2023-06-30", 3),
    ("A total of 90 clashes were counted in June across the region.", WED, "in June",
     "2023-06-01", "2023-06-30", 3),
    ("Troops burned 300 homes in the month of June alone.", WED, "in the month of June",
     "2023-06-01", "2023-06-30", 3),
    # explicit dates
    ("The post fell on July 20.", WED, "on July 20", "2023-07-20", None, 1),
    ("The post fell on 20 July 2023.", WED, "on 20 July 2023", "2023-07-20", None, 1),
    ("The post fell on July 20, 2023, residents said.", WED, "on July 20, 2023", "2023-07-20", None, 1),
    ("Shells landed on Feb. 7 near the school.", WED, "on Feb. 7", "2023-02-07", None, 1),
    ("Shells landed on Sept. 3 near the school.", WED, "on Sept. 3", "2022-09-03", None, 1),
    ("The record shows 2023-07-20 as the day of the raid.", WED, "2023-07-20", "2023-07-20", None, 1),
    ("A raid took place on the night of March 5.", WED, "on the night of March 5", "2023-03-05",
     None, 1),
    ("The attack came on October 27th.", date(2023, 11, 5), "on October 27th", "2023-10-27", None, 1),
    ("On November 2nd, drones struck the outpost.", date(2023, 11, 5), "On November 2nd",
     "2023-11-02", None, 1),
    ("The convoy was hit on the 3rd of November.", date(2023, 11, 5), "on the 3rd of November",
     "2023-11-03", None, 1),
    ("Troops arrived on 14 May.", date(2023, 5, 24), "on 14 May", "2023-05-14", None, 1),
    ("Villagers fled on May 24 2023 after the raid.", date(2023, 8, 6), "on May 24 2023",
     "2023-05-24", None, 1),
    ("The landmine went off on February 25.", date(2023, 3, 3), "on February 25", "2023-02-25",
     None, 1),
    ("The shelling on Dec. 28 hit a school.", date(2024, 1, 3), "on Dec. 28", "2023-12-28", None, 1),
    ("The shelling on JULY 4 hit a school.", WED, "on JULY 4", "2023-07-04", None, 1),
    ("Since Nov. 13 last year the army lost 170 posts.", date(2024, 3, 27), "Since Nov. 13 last year",
     "2023-11-13", "2024-03-27", 3),
    ("It happened on Thursday 9 September in the hills.", date(2021, 9, 10),
     "on Thursday 9 September", "2021-09-09", None, 1),
    ("It happened on Thursday, September 9, 2021.", date(2021, 9, 10),
     "on Thursday, September 9, 2021", "2021-09-09", None, 1),
    # ranges
    ("Clashes ran from April 7 to 10 in the valley.", WED, "from April 7 to 10", "2023-04-07",
     "2023-04-10", 2),
    ("Clashes ran April 7-10 in the valley.", WED, "April 7-10", "2023-04-07", "2023-04-10", 2),
    ("Clashes ran 7-10 April in the valley.", WED, "7-10 April", "2023-04-07", "2023-04-10", 2),
    ("Houses burned between May 24 and 25.", WED, "between May 24 and 25", "2023-05-24",
     "2023-05-25", 2),
    ("Ten people died from Feb. 28 to March 2 as troops raided.", date(2022, 4, 1),
     "from Feb. 28 to March 2", "2022-02-28", "2022-03-02", 2),
    ("The data run from Feb. 1, 2021 to May 31, 2022.", date(2022, 8, 11),
     "from Feb. 1, 2021 to May 31, 2022", "2021-02-01", "2022-05-31", 3),
    ("The siege lasted from Dec. 28 to Jan. 3.", date(2024, 1, 10), "from Dec. 28 to Jan. 3",
     "2023-12-28", "2024-01-03", 2),
    ("Fighting lasted from 14 to 22 May.", date(2023, 5, 24), "from 14 to 22 May", "2023-05-14",
     "2023-05-22", 2),
    # months
    ("In March, two villages burned.", WED, "In March", "2023-03-01", "2023-03-31", 3),
    ("The bombing in September killed four.", WED, "in September", "2022-09-01", "2022-09-30", 3),
    ("The bombing in July killed four.", WED, "in July", "2023-07-01", "2023-07-31", 3),
    ("The hospital was bombed in October 2022.", WED, "in October 2022", "2022-10-01",
     "2022-10-31", 3),
    ("The raids of last May were the worst.", WED, "last May", "2023-05-01", "2023-05-31", 3),
    ("The raids of last July were the worst.", WED, "last July", "2022-07-01", "2022-07-31", 3),
    ("Troops moved in early June.", WED, "in early June", "2023-06-01", "2023-06-10", 2),
    ("Troops moved in mid-June.", WED, "in mid-June", "2023-06-11", "2023-06-20", 2),
    ("Troops moved in late June.", WED, "in late June", "2023-06-21", "2023-06-30", 2),
    ("Troops moved at the end of May.", WED, "the end of May", "2023-05-21", "2023-05-31", 2),
    ("Troops moved in late February.", date(2024, 3, 5), "in late February", "2024-02-21",
     "2024-02-29", 2),
    ("Raids followed in the third week of January.", date(2024, 2, 15),
     "in the third week of January", "2024-01-15", "2024-01-21", 2),
    ("Raids followed in the first week of May.", WED, "in the first week of May", "2023-05-01",
     "2023-05-07", 2),
    # relative months and weeks
    ("The camp was shelled early this month.", WED, "early this month", "2023-07-01",
     "2023-07-10", 2),
    ("The camp was shelled late last month.", WED, "late last month", "2023-06-21", "2023-06-30", 2),
    ("The camp was shelled earlier this month.", WED, "earlier this month", "2023-07-01",
     "2023-07-26", 3),
    ("The camp was shelled this month.", WED, "this month", "2023-07-01", "2023-07-31", 3),
    ("Last month, jets hit the market.", date(2023, 1, 12), "Last month", "2022-12-01",
     "2022-12-31", 3),
    ("Clashes broke out last week near the dam.", date(2023, 3, 27), "last week", "2023-03-20",
     "2023-03-26", 2),
    ("Last week troops looted the village.", date(2022, 1, 26), "Last week", "2022-01-17",
     "2022-01-23", 2),
    ("Fighting in the district last week was heavy.", date(2022, 1, 10), "last week", "2022-01-03",
     "2022-01-09", 2),
    ("Raids went on this week.", WED, "this week", "2023-07-24", "2023-07-26", 2),
    ("Raids went on over the past week.", WED, "over the past week", "2023-07-19", "2023-07-26", 2),
    ("Raids went on over the past three days.", WED, "over the past three days", "2023-07-23", "2023-07-26", 2),
    ("Shelling went on in the last 48 hours.", WED, "in the last 48 hours", "2023-07-24", "2023-07-26", 2),
    ("The clashes over the weekend left two dead.", WED, "over the weekend", "2023-07-22",
     "2023-07-23", 2),
    ("The clashes last weekend left two dead.", WED, "last weekend", "2023-07-22", "2023-07-23", 2),
    # days
    ("Jets struck the town yesterday.", WED, "yesterday", "2023-07-25", None, 1),
    ("Jets struck the town today.", WED, "today", "2023-07-26", None, 1),
    ("Jets struck the town last night.", WED, "last night", "2023-07-25", None, 1),
    ("Troops entered the village this morning.", WED, "this morning", "2023-07-26", None, 1),
    ("Shelling continued tonight, locals said.", WED, "tonight", "2023-07-26", None, 1),
    ("The post fell two days ago.", WED, "two days ago", "2023-07-24", None, 1),
    ("The post fell 3 days ago.", WED, "3 days ago", "2023-07-23", None, 1),
    ("The post fell a week ago.", WED, "a week ago", "2023-07-19", None, 2),
    ("The post fell almost a month ago.", WED, "almost a month ago", "2023-06-26", None, 3),
    # weekdays with parts and ranges
    ("The bombs fell on Sunday afternoon.", date(2023, 4, 18), "on Sunday afternoon", "2023-04-16",
     None, 1),
    ("A strike hit the camp late Monday.", date(2023, 10, 10), "late Monday", "2023-10-09", None, 1),
    ("Troops raided the area on early Monday.", date(2022, 1, 26), "on early Monday", "2022-01-24",
     None, 1),
    ("Houses burned on Tuesday and Wednesday.", date(2022, 1, 26), "on Tuesday and Wednesday",
     "2022-01-25", "2022-01-26", 2),
    ("Villages burned on Thursday and Friday.", date(2022, 7, 8), "on Thursday and Friday",
     "2022-07-07", "2022-07-08", 2),
    ("Landing craft sank on Wednesday and Thursday.", date(2024, 2, 9),
     "on Wednesday and Thursday", "2024-02-07", "2024-02-08", 2),
    ("Rebels have hit posts since Friday.", date(2023, 10, 28), "since Friday", "2023-10-27",
     "2023-10-28", 2),
    ("The outpost fell on Wednesday evening.", date(2024, 3, 28), "on Wednesday evening",
     "2024-03-27", None, 1),
    ("The battalion fell on Monday.", date(2024, 3, 27), "on Monday", "2024-03-25", None, 1),
    ("Shells hit the town on Friday.", date(2023, 3, 27), "on Friday", "2023-03-24", None, 1),
    ("Shells hit the town on Thursday.", date(2023, 5, 6), "on Thursday", "2023-05-04", None, 1),
    ("A commander said Thursday that posts fell.", date(2022, 2, 4), "Thursday", "2022-02-03",
     None, 1),
    ("Residents said that the village burned Tuesday morning.", WED, "Tuesday morning",
     "2023-07-25", None, 1),
    # since / cumulative
    ("Since Feb. 1 the rebels took six posts.", date(2022, 2, 4), "Since Feb. 1", "2022-02-01",
     "2022-02-04", 2),
]


@pytest.mark.parametrize("text,art,span,d,d_end,prec", CASES)
def test_table(text, art, span, d, d_end, prec):
    ms = [m for m in find_dates(text, art) if not m.value.get("vague")]
    assert [m.text for m in ms] == [span], [(m.text, m.value) for m in ms]
    v = ms[0].value
    assert (v["date"], v["date_end"], v["precision"]) == (d, d_end, prec), v
    assert text[ms[0].start:ms[0].end] == span


# Every weekday named against an article of every weekday: the most recent such day strictly
# before the article (ACLED practice; the same weekday means a week earlier by default).
WEEK = [date(2023, 7, 24) + timedelta(days=i) for i in range(7)]  # Mon 24 .. Sun 30
NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@pytest.mark.parametrize("art", WEEK, ids=[d.isoformat() for d in WEEK])
@pytest.mark.parametrize("wd", range(7), ids=NAMES)
def test_weekday_matrix(art, wd):
    m = only(f"Jets hit the town on {NAMES[wd]}, locals said.", art)
    got = date.fromisoformat(m.value["date"])
    assert got < art and (art - got).days <= 7
    assert got.weekday() == wd
    assert m.value["expr"] == "weekday" and m.value["relative"] is True
    if wd == art.weekday():
        assert (art - got).days == 7
        assert m.value["same_weekday"] is True
        assert m.value["alt_date"] == art.isoformat()
    else:
        assert "same_weekday" not in m.value


@pytest.mark.parametrize("art", WEEK, ids=[d.isoformat() for d in WEEK])
def test_last_week_is_previous_monday_to_sunday(art):
    m = only("Clashes broke out last week.", art)
    start, end = date.fromisoformat(m.value["date"]), date.fromisoformat(m.value["date_end"])
    assert start.weekday() == 0 and end.weekday() == 6 and (end - start).days == 6
    assert end < art and (art - end).days <= 7
    assert m.value["precision"] == 2


@pytest.mark.parametrize("month", range(1, 13))
@pytest.mark.parametrize("art_month", [1, 6, 12])
def test_month_is_most_recent_not_after_article(month, art_month):
    art = date(2023, art_month, 15)
    name = ["January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December"][month - 1]
    m = only(f"The bombing in {name} killed four.", art)
    year = 2023 if month <= art_month else 2022
    assert m.value["date"] == date(year, month, 1).isoformat()
    assert m.value["precision"] == 3


# Things that are not dates.
NOT_DATES = [
    "Fighting spread across Mon State and Kayin State.",
    "The regime may be weaker than it looks.",
    "Junta troops may attack the town.",
    "The march through the city was peaceful.",
    "Now the junta is losing ground.",
    "Protesters planned a March on the capital.",
    "Mon and Karen groups met the envoy.",
    "The junta's 20th battalion moved in.",
    "The juntas of the region met.",
    "Light Infantry Battalion 274 fired shells.",
    "He was born in the town of May Myo.",
    "Myanmar Today reported the clash.",
    "Operation 1027 took the town.",
    "The blast killed 17 people.",
    "",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_dates(text):
    assert [m.text for m in find_dates(text, WED)] == []


VAGUE = [
    ("Attacks have escalated in recent days.", "in recent days"),
    ("Near-daily clashes continue in the north.", "Near-daily"),
    ("Resistance groups attack bases on a daily basis.", "on a daily basis"),
    ("The army recently lost a base.", "recently"),
    ("Airstrikes hit almost every day.", "almost every day"),
    ("Clashes may continue in the coming days.", "in the coming days"),
]


@pytest.mark.parametrize("text,span", VAGUE)
def test_vague(text, span):
    m = only(text)
    assert m.text == span and m.value["vague"] is True
    assert m.value["date"] is None


CUMULATIVE = [
    ("Thousands have died since the coup.", "since the coup", "2021-02-01"),
    ("Thousands have died since the military coup.", "since the military coup", "2021-02-01"),
    ("Bases have fallen since Operation 1027.", "since Operation 1027", "2023-10-27"),
    ("Thousands have died since 2021.", "since 2021", "2021-01-01"),
    ("Many have died since June.", "since June", "2023-06-01"),
    ("Many have died since November.", "since November", "2023-11-01"),
    ("Many have died since April 10.", "since April 10", "2023-04-10"),
]


@pytest.mark.parametrize("text,span,start", CUMULATIVE)
def test_cumulative(text, span, start):
    art = date(2024, 1, 10)
    m = only(text, art)
    assert m.text == span and m.value["cumulative"] is True
    assert m.value["date"] == start and m.value["date_end"] == art.isoformat()


def test_year_alone_is_vague_month_precision():
    m = only("The group was founded in 2012 in the hills.")
    assert m.value["vague"] is True and m.value["date"] == "2012-01-01"
    assert m.value["date_end"] == "2012-12-31" and m.value["precision"] == 3


def test_last_year_is_vague():
    m = only("Landmines killed hundreds last year.")
    assert m.value["vague"] is True and m.value["date"] == "2022-01-01"


def test_today_is_the_article_date_not_a_week_back():
    ms = find_dates("On Wednesday morning troops came back, and today they burned more.", WED)
    assert [m.text for m in ms] == ["On Wednesday morning", "today"]
    assert ms[0].value["same_weekday"] is True and ms[0].value["alt_date"] == "2023-07-26"
    assert ms[0].value["date"] == "2023-07-19" and ms[0].value["day_part"] == "morning"
    assert ms[1].value["date"] == "2023-07-26"


def test_this_weekday_may_be_today():
    m = only("The raid happened this Wednesday.")
    assert m.value["date"] == "2023-07-26"


def test_two_dates_in_one_sentence_keep_their_offsets():
    text = "Jets struck on May 3 and troops raided the village on Tuesday."
    ms = find_dates(text, WED)
    assert [(m.text, m.value["date"]) for m in ms] == [("on May 3", "2023-05-03"),
                                                       ("on Tuesday", "2023-07-25")]
    for m in ms:
        assert text[m.start:m.end] == m.text


@pytest.mark.parametrize("text", ["on Feb 30", "on February 30, 2023", "on 31 April",
                                  "on 2023-02-30", "on 2023-13-01", "on Feb. 29, 2023"])
def test_invalid_dates_are_skipped(text):
    assert [m for m in find_dates(text, WED) if m.value["expr"] == "explicit"] == []


def test_leap_day_is_valid():
    m = only("on Feb. 29, 2024", date(2024, 3, 1))
    assert m.value["date"] == "2024-02-29"


@pytest.mark.parametrize("text", ["on 3 March 1066", "in 9999", "on March 3, 3023",
                                  "0001-01-01", "9999-12-31"])
def test_far_past_or_future_is_skipped(text):
    assert find_dates(text, WED) == []


def test_no_article_date_keeps_only_dates_with_a_year():
    text = "On Tuesday, on July 20 and on 20 July 2023, and last week, since 2021."
    ms = find_dates(text, None)
    assert [m.text for m in ms] == ["on 20 July 2023", "since 2021"]
    assert ms[0].value["date"] == "2023-07-20"


def test_future_date_is_flagged():
    m = only("Elections are due on August 14.", WED)
    assert m.value["future"] is True and m.value["date"] == "2023-08-14"


def test_weekday_checks_the_year_of_a_yearless_date():
    # 9 September 2021 is a Thursday; a year-less date with its weekday picks that year.
    m = only("Fighting on Thursday 9 September.", date(2021, 8, 20))
    assert m.value["date"] == "2021-09-09"


def test_component_runs_in_a_pipeline():
    import spacy

    from clashmap.extract.dates import KIND
    from clashmap.extract.mentions import KINDS, ensure_extensions, mentions_of

    ensure_extensions()
    nlp = spacy.blank("en")
    nlp.add_pipe("clashmap_dates")
    doc = nlp.make_doc("On Tuesday jets bombed the town; since last week 40 died.")
    doc._.article_date = WED
    doc._.mentions = {k: [] for k in KINDS}
    doc = nlp.get_pipe("clashmap_dates")(doc)
    got = [(m.text, m.value["date"]) for m in mentions_of(doc, KIND)]
    assert got == [("On Tuesday", "2023-07-25"), ("since last week", "2023-07-17")]


def test_component_without_article_date():
    import spacy

    from clashmap.extract.mentions import ensure_extensions, mentions_of

    ensure_extensions()
    nlp = spacy.blank("en")
    nlp.add_pipe("clashmap_dates")
    doc = nlp("On Tuesday, on 20 July 2023, troops came.")
    assert [m.text for m in mentions_of(doc, "dates")] == ["on 20 July 2023"]
