"""Table tests for clashmap.extract.quantities, with our own sentences for the bench's patterns."""
from __future__ import annotations

import pytest

from clashmap.extract.quantities import find_quantities, parse_number, side_hint

# ----------------------------------------------------------------------------- parse_number

NUMBERS = [
    ("0", 0), ("7", 7), ("42", 42), ("1,300", 1300), ("18,886", 18886), ("1,000,000", 1000000),
    ("one", 1), ("One", 1), ("two", 2), ("eleven", 11), ("nineteen", 19), ("twenty", 20),
    ("twenty-five", 25), ("twenty five", 25), ("Ninety-Nine", 99), ("forty-two", 42),
    ("a hundred", 100), ("one hundred", 100), ("two hundred and five", 205),
    ("two hundred five", 205), ("three thousand", 3000), ("a thousand", 1000),
    ("two thousand three hundred and twelve", 2312), ("3 million", 3000000),
    ("3.5 million", 3500000), ("2 thousand", 2000),
    ("a dozen", 12), ("dozen", 12), ("dozens", 12), ("dozens of", 12), ("hundreds", 100),
    ("hundreds of", 100), ("thousands", 1000), ("thousands of", 1000), ("several", 3),
    ("a couple of", 2),
    ("a few", None), ("few", None), ("some", None), ("many", None), ("numerous", None),
    ("scores of", None),
    ("", None), ("   ", None), ("ten apples", None), ("10^400", None), ("1e400", None),
    ("9" * 40, None), ("9" * 13, None), ("5,000,000,000", None), ("a", None), ("and", None),
    ("hundred and", 100), ("-", None), ("Tuesday", None), ("1.5", None),
]


@pytest.mark.parametrize("s,n", NUMBERS)
def test_parse_number(s, n):
    assert parse_number(s) == n


@pytest.mark.parametrize("bad", [None, 12, 3.5, b"12", ["12"]])
def test_parse_number_non_strings(bad):
    assert parse_number(bad) is None


# ----------------------------------------------------------------------------- side_hint

SIDES = [
    ("civilians", "civilians"), ("villagers", "civilians"), ("residents", "civilians"),
    ("children", "civilians"), ("Chin State civilians", "civilians"), ("women", "civilians"),
    ("junta troops", "state"), ("junta soldiers", "state"), ("regime forces", "state"),
    ("police officers", "state"), ("soldiers", "state"), ("Pyu Saw Htee members", "state"),
    ("PDF fighters", "nonstate"), ("resistance fighters", "nonstate"), ("KIA members", "nonstate"),
    ("Karenni fighters", "nonstate"), ("comrades", "nonstate"), ("PDF", "nonstate"),
    ("houses", None), ("clashes", None), ("airstrikes", None), ("", None), (None, None),
]


@pytest.mark.parametrize("noun,side", SIDES)
def test_side_hint(noun, side):
    assert side_hint(noun) == side


# ----------------------------------------------------------------------------- find_quantities


def q(text: str) -> list[tuple]:
    """(text, n, role) of every mention that is not a subset of another."""
    return [(m.text, m.value["n"], m.value["role"]) for m in find_quantities(text)
            if not m.value.get("subset")]


def one(text: str, role: str | None = "any"):
    ms = [m for m in find_quantities(text) if not m.value.get("subset")
          and (role == "any" or m.value["role"] == role)]
    assert len(ms) == 1, [(m.text, m.value) for m in ms]
    assert text[ms[0].start:ms[0].end] == ms[0].text
    return ms[0].value


# (sentence, n, low, high, role, qualifier, noun, flag)
CASES = [
    # qualifiers (design.md)
    ("More than 425 regime soldiers were killed in the fighting.", 426, 426, None, "killed",
     "more than", "regime soldiers", None),
    ("At least 20 villagers were killed by shells.", 20, 20, None, "killed", "at least",
     "villagers", None),
    ("Over 10 people were wounded.", 11, 11, None, "injured", "more than", "people", None),
    ("About 170 people died in the strike.", 170, None, None, "killed", "about", "people", None),
    ("Around 170 people died in the strike.", 170, None, None, "killed", "about", "people", None),
    ("Some 300 residents were detained.", 300, None, None, "arrested", "about", "residents", None),
    ("Nearly 30 villagers were arrested.", 30, None, 30, "arrested", "about", "villagers", None),
    ("As many as a dozen civilians were killed.", 12, None, 12, "killed", "as many as",
     "civilians", "upper_bound"),
    ("Up to 40 troops were killed.", 40, None, 40, "killed", "up to", "troops", "upper_bound"),
    ("No fewer than 9 students were hurt.", 9, 9, None, "injured", "at least", "students", None),
    ("Between 10 and 15 people were killed.", 10, 10, 15, "killed", None, "people", None),
    ("Ten to fifteen farmers died.", 10, 10, 15, "killed", None, "farmers", None),
    ("Dozens of houses were torched.", 12, None, None, "count", None, "houses",
     "acled_convention"),
    ("Hundreds of homes were burned.", 100, None, None, "count", None, "homes", "acled_convention"),
    ("Several villagers were detained.", 3, None, None, "arrested", None, "villagers",
     "acled_convention"),
    # passive and noun roles
    ("Nine civilians were killed.", 9, None, None, "killed", None, "civilians", None),
    ("Two resistance fighters died in the clash.", 2, None, None, "killed", None,
     "resistance fighters", None),
    ("Five Karenni fighters were reportedly killed.", 5, None, None, "killed", None,
     "Karenni fighters", None),
    ("The raid left 12 dead.", 12, None, None, "killed", None, None, None),
    ("Rebels reported 15 deaths.", 15, None, None, "killed", None, "deaths", None),
    ("Medics counted 33 injuries.", 33, None, None, "injured", None, "injuries", None),
    ("Three villagers were injured by a mine.", 3, None, None, "injured", None, "villagers", None),
    ("Seven students were wounded.", 7, None, None, "injured", None, "students", None),
    ("Four monks were hurt.", 4, None, None, "injured", None, "monks", None),
    ("Six farmers were taken hostage by troops.", 6, None, None, "captured", None, "farmers", None),
    ("Eight youths were abducted from the market.", 8, None, None, "captured", None, "youths", None),
    ("Eleven teachers were arrested on their way home.", 11, None, None, "arrested", None,
     "teachers", None),
    ("Two boys are still missing.", 2, None, None, "missing", None, "boys", None),
    ("About 30 junta troops were taken prisoner.", 30, None, None, "captured", "about",
     "junta troops", None),
    ("At least 18 bodies were found in the camp.", 18, 18, None, "killed", "at least", None, None),
    ("Bodies of at least 30 dead junta troops were recovered.", 30, 30, None, "killed",
     "at least", "junta troops", None),
    ("Fourteen civilians lost their lives in the shelling.", 14, None, None, "killed", None,
     "civilians", None),
    ("Two villagers were shot dead after being detained.", 2, None, None, "killed", None,
     "villagers", None),
    ("The KIA said 40 casualties were inflicted.", 40, None, None, "casualties", None,
     "casualties", None),
    # active roles
    ("The strike killed 21 people in the market.", 21, None, None, "killed", None, "people", None),
    ("Troops arrested 30 people in the raid.", 30, None, None, "arrested", None, "people", None),
    ("Soldiers detained more than 140 villagers.", 141, 141, None, "arrested", "more than",
     "villagers", None),
    ("Troops arrested and questioned 143 civilians.", 143, None, None, "arrested", None,
     "civilians", None),
    ("Troops torched 50 houses in the village.", 50, None, None, "count", None, "houses", None),
    ("Soldiers burned more than 200 homes.", 201, 201, None, "count", "more than", "homes", None),
    ("The army abducted four villagers.", 4, None, None, "captured", None, "villagers", None),
    ("Soldiers took six villagers hostage.", 6, None, None, "captured", None, "villagers", None),
    ("The death toll rose to 12 on Monday.", 12, None, None, "killed", None, None, None),
    ("The death toll has reached 57.", 57, None, None, "killed", None, None, None),
    ("The junta responded with 26 airstrikes.", 26, None, None, "count", None, "airstrikes", None),
    ("The ministry counted 374 clashes in June.", 374, None, None, "count", None, "clashes", None),
    # enumerations
    ("A woman, a four-year-old and a 17-year-old girl were killed in the blast.", 3, None, None,
     "killed", None, "woman and four-year-old and 17-year-old girl", None),
    ("Two men and four women were injured, medics said.", 6, None, None, "injured", None,
     "men and four women", None),
    ("A monk, two nuns and a boy were wounded.", 4, None, None, "injured", None,
     "monk and nuns and boy", None),
    # people listed after an active verb
    ("The drone strike killed a woman and her daughter.", 2, None, None, "killed", None, "woman and daughter", None),
    ("Troops killed a man and his two sons.", 3, None, None, "killed", None, "man and sons", None),
    ("The attack killed a police commander and two other officers while others fled.", 3, None, None,
     "killed", None, "police commander and other officers", None),
    # a clause between the counted people and their verb
    ("Two elderly residents who could not flee were killed.", 2, None, None, "killed", None,
     "elderly residents", None),
    ("A ward administrator appointed by the council was stabbed to death.", 1, None, None, "killed", None,
     "ward administrator", None),
    ("Three members of a pro-junta Pyu Saw Htee militia were shot dead.", 3, None, None, "killed", None,
     "members", None),
    # an article after an active verb
    ("The shell killed a teacher.", 1, None, None, "killed", None, "teacher", None),
    # a clause joined by "and" after the figure is the subject's next act, not the figure's verb
    ("The strike killed five civilians, including a monk, and destroyed shops.", 5, None, None, "killed", None,
     "civilians", None),
    ("The bodies of four men were found near the road.", 4, None, None, "killed", None, "men", None),
    ("The group said two of its fighters were also killed.", 2, None, None, "killed", None, "fighters", None),
    ("A 15-year-old girl was raped and killed by soldiers.", 1, None, None, "killed", None, "girl", None),
    ("Five men were arrested and then killed.", 5, None, None, "killed", None, "men", None),
    ("An eight-year-old girl and her grandmother were injured.", 2, None, None, "injured", None, "girl and grandmother",
     None),
    # an age before the person, or for the person
    ("The blast killed a 12-year-old boy.", 1, None, None, "killed", None, "boy", None),
    ("A 70-year-old was wounded.", 1, None, None, "injured", None, "70-year-old", None),
]


@pytest.mark.parametrize("text,n,low,high,role,qual,noun,flag", CASES)
def test_table(text, n, low, high, role, qual, noun, flag):
    v = one(text)
    got = (v["n"], v["low"], v["high"], v["role"], v["qualifier"], v["flag"])
    assert got == (n, low, high, role, qual, flag), v
    if noun is not None and not v.get("enumerated"):
        assert v["noun"] == noun
    elif noun is None:
        assert v["noun"] is None or v["noun"] in ("deaths", "casualties", "bodies"), v


def test_seed_more_than_425():
    v = one("More than 425 junta troops died in upper Myanmar last month, the NUG said.")
    assert (v["n"], v["low"], v["qualifier"], v["role"]) == (426, 426, "more than", "killed")
    assert v["side"] == "state"


def test_seed_another_were_injured_is_unquantified():
    got = q("The ministry said 427 regime troops were killed and another were injured.")
    assert got == [("427 regime troops", 427, "killed"), ("another", None, "injured")]
    v = [m.value for m in find_quantities(
        "The ministry said 427 regime troops were killed and another were injured.")][1]
    assert v["flag"] == "unquantified" and v["n"] is None


def test_seed_one_killed_and_another_injured_is_one_more():
    ms = find_quantities("A villager was killed and another injured in the airstrike.")
    assert [(m.text, m.value["n"], m.value["role"]) for m in ms] == [
        ("A villager", 1, "killed"), ("another injured", 1, "injured")]
    ms = find_quantities("One civilian was killed and another was injured in the strike.")
    assert [(m.value["n"], m.value["role"]) for m in ms] == [(1, "killed"), (1, "injured")]


def test_another_after_a_plural_count_is_unquantified():
    ms = find_quantities("Three soldiers were killed and another injured.")
    assert [(m.value["n"], m.value["role"], m.value["flag"]) for m in ms] == [
        (3, "killed", None), (None, "injured", "unquantified")]


def test_another_with_a_number_is_that_number():
    assert q("Two died and another 15 civilians were injured.") == [
        ("15 civilians", 15, "injured")] or q(
        "Two died and another 15 civilians were injured.")[-1] == ("15 civilians", 15, "injured")


def test_deaths_and_injuries_pair():
    assert q("Resistance groups suffered 47 deaths and 134 injuries.") == [
        ("47 deaths", 47, "killed"), ("134 injuries", 134, "injured")]


def test_killing_and_injuring():
    assert q("Jets bombed the camp, killing 9 and injuring 14.") == [
        ("9", 9, "killed"), ("14", 14, "injured")]


def test_killed_and_injured_pair():
    assert q("The blast left 5 killed and 8 injured.") == [
        ("5 killed", 5, "killed"), ("8 injured", 8, "injured")]
    assert q("Four soldiers were killed and three injured.") == [
        ("Four soldiers", 4, "killed"), ("three injured", 3, "injured")]


def test_killed_168_injured_16():
    assert q("The strike killed at least 168 people and injured 16, the NUG said.") == [
        ("at least 168 people", 168, "killed"), ("16", 16, "injured")]


def test_including_marks_subsets():
    ms = find_quantities("At least seven civilians, including three children and four adults, "
                         "were killed.")
    main = [m for m in ms if not m.value.get("subset")]
    subs = [m for m in ms if m.value.get("subset")]
    assert [(m.value["n"], m.value["role"]) for m in main] == [(7, "killed")]
    assert sorted(m.value["n"] for m in subs) == [3, 4]


def test_including_without_commas_links_to_verb():
    ms = find_quantities("Rebels said 29 people, including 11 children, were killed.")
    main = [m for m in ms if not m.value.get("subset")]
    assert [(m.value["n"], m.value["role"]) for m in main] == [(29, "killed")]


def test_breakdown_after_dash_is_subset():
    ms = find_quantities("A total of 90 clashes—including 30 raids, 25 ambushes and 35 "
                         "shootouts—were reported.")
    assert [(m.value["n"], bool(m.value.get("subset"))) for m in ms] == [
        (90, False), (30, True), (25, True), (35, True)]


def test_enumeration_items_are_subsets_with_sides():
    ms = find_quantities("Two soldiers and three villagers were killed.")
    total = [m for m in ms if m.value.get("enumerated")]
    items = [m for m in ms if m.value.get("subset")]
    assert total[0].value["n"] == 5 and total[0].value["role"] == "killed"
    assert [(m.text, m.value["n"], m.value.get("side")) for m in items] == [
        ("Two soldiers", 2, "state"), ("three villagers", 3, "civilians")]


UNQUANTIFIED = [
    ("Some civilians were killed by the shelling.", "killed"),
    ("Some civilians were hit and killed by shells.", "killed"),
    ("The junta suffered heavy casualties.", "casualties"),
    ("Many villagers were detained.", "arrested"),
    ("Many others were detained.", "arrested"),
    ("Numerous soldiers were killed.", "killed"),
    ("A few residents were wounded.", "injured"),
    ("The casualties on both sides were unknown.", "casualties"),
    ("The number of casualties is still unknown.", "casualties"),
    ("The death toll remains unclear.", "killed"),
    ("Many BA soldiers, including a commander, died in the fight.", "killed"),
]


@pytest.mark.parametrize("text,role", UNQUANTIFIED)
def test_unquantified(text, role):
    v = one(text)
    assert v["n"] is None and v["flag"] == "unquantified" and v["role"] == role


ZEROS = [
    ("Residents reported no casualties.", {"killed", "injured"}),
    ("No casualties were reported.", {"killed", "injured"}),
    ("No one was hurt in the blast.", {"killed", "injured"}),
    ("Nobody was killed in the attack.", {"killed"}),
    ("No one was injured.", {"injured"}),
    ("There were no deaths.", {"killed"}),
    ("The PDF did not suffer any casualty.", {"killed", "injured"}),
    ("The post fell without any casualties.", {"killed", "injured"}),
]


@pytest.mark.parametrize("text,roles", ZEROS)
def test_explicit_zero(text, roles):
    ms = find_quantities(text)
    assert {m.value["role"] for m in ms} == roles
    for m in ms:
        assert m.value["n"] == 0 and m.value["flag"] == "explicit_zero"
        assert text[m.start:m.end] == m.text


NOT_FIGURES = [
    "Light Infantry Battalion 274 fired shells at the village.",
    "The junta's Military Region 1 was set up in June.",
    "Operation 1027 began last year.",
    "The clash happened on July 20, 2023.",
    "The post fell on 20 July.",
    "Fighting has raged since 2021.",
    "A 17-year-old was seen near the post.",
    "The 60mm mortar rounds landed nearby.",
    "About 17% of the land is mined.",
    "The convoy travelled 18 miles.",
    "The fighting lasted 22 months.",
    "The fighting started at 8 am.",
    "Fuel costs 3,000 kyats a litre.",
    "One of the villages was empty.",
    "Brigade 6 fought near the hill.",
    "Some say the war will end.",
    "Many hope for peace.",
    "Residents said the troops were nearby.",
    "",
]


@pytest.mark.parametrize("text", NOT_FIGURES)
def test_not_figures(text):
    assert q(text) == []


def test_garrison_size_has_no_casualty_role():
    v = one("At least 30 police officers manned the station.")
    assert v["role"] is None and v["n"] == 30


def test_active_subject_is_not_a_victim():
    assert q("Three soldiers killed two civilians.") == [
        ("Three soldiers", 3, None), ("two civilians", 2, "killed")]


def test_headline_capitalised_noun():
    v = one("Nine Myanmar Civilians Injured by Landmines")
    assert v["n"] == 9 and v["role"] == "injured"


def test_mentions_are_in_text_order_with_offsets():
    text = ("Jets killed 12 villagers and injured 30 more; troops then burned 80 houses. "
            "Residents reported no casualties from the second strike.")
    ms = find_quantities(text)
    assert [m.start for m in ms] == sorted(m.start for m in ms)
    for m in ms:
        assert text[m.start:m.end] == m.text and m.kind == "quantities"
    assert [(m.value["n"], m.value["role"]) for m in ms] == [
        (12, "killed"), (30, "injured"), (80, "count"), (0, "killed"), (0, "injured")]


def test_component_runs_in_a_pipeline():
    import spacy

    from clashmap.extract.mentions import ensure_extensions, mentions_of

    ensure_extensions()
    nlp = spacy.blank("en")
    nlp.add_pipe("clashmap_quantities")
    doc = nlp("Shelling killed 4 villagers and injured 9.")
    got = [(m.text, m.value["n"], m.value["role"]) for m in mentions_of(doc, "quantities")]
    assert got == [("4 villagers", 4, "killed"), ("9", 9, "injured")]


@pytest.mark.parametrize("text,span,n,noun", [
    ("It damaged at least seven other naval vessels on the river last month.",
     "at least seven other naval vessels", 7, "naval vessels"),
    ("One died on Monday and two other fighters were killed on Tuesday.", "two other fighters", 2, "fighters"),
    ("Troops killed three more villagers on Monday.", "three more villagers", 3, "villagers"),
    ("Five further houses burned. The market stayed shut.", "Five further houses", 5, "houses"),
])
def test_other_and_more_before_the_noun_keep_the_noun_in_its_own_sentence(text, span, n, noun):
    found = [q for q in find_quantities(text) if q.text == span]
    assert found, [(q.text, q.value) for q in find_quantities(text)]
    assert (found[0].value["n"], found[0].value["noun"]) == (n, noun)


@pytest.mark.parametrize("text,roles", [
    ("The army killed 12 civilians and arrested nearly 30 others in March.", [("12 civilians", "killed"),
                                                                              ("nearly 30 others", "arrested")]),
    ("Four adults were also killed and another 15 civilians injured in the strike.",
     [("Four adults", "killed"), ("15 civilians", "injured")]),
])
def test_each_figure_takes_its_own_verb_in_coordinated_clauses(text, roles):
    assert [(q.text, q.value["role"]) for q in find_quantities(text)] == roles


@pytest.mark.parametrize("text,span,role", [
    ("A farmer was killed when he stepped on a landmine.", "A farmer", "killed"),
    ("A novice was injured by shrapnel.", "A novice", "injured"),
    ("An infant was killed in the airstrike.", "An infant", "killed"),
    ("A street vendor was wounded in the blast.", "A street vendor", "injured"),
    ("A protester was shot dead near the market.", "A protester", "killed"),
])
def test_one_person_named_by_an_occupation_or_age_counts_one(text, span, role):
    assert [(q.text, q.value["n"], q.value["role"]) for q in find_quantities(text)] == [(span, 1, role)]


@pytest.mark.parametrize("text,total", [
    ("Jets bombed the village, killing a couple and their daughter.", 3),
    ("A couple was killed when the shell hit their house.", 2),
])
def test_a_couple_counts_two_people(text, total):
    assert max(q.value["n"] for q in find_quantities(text) if q.value["role"] == "killed") == total


@pytest.mark.parametrize("text,expected", [
    ("The group said five soldiers and one of its members were killed in the fighting.",
     ("five soldiers and one of its members", 6, "killed")),
    ("Five soldiers and two of their commanders were killed.", ("Five soldiers and two of their commanders", 7, "killed")),
    ("A drone dropped bombs on a camp, killing a 10-year-old boy and wounding his mother.", ("his mother", 1, "injured")),
    ("Soldiers shot dead her husband on Monday.", ("her husband", 1, "killed")),
])
def test_partitives_and_a_possessive_object_count_people(text, expected):
    assert expected in [(q.text, q.value["n"], q.value["role"]) for q in find_quantities(text)]


def test_a_plural_possessive_with_no_number_is_no_count():
    assert not [q for q in find_quantities("Soldiers burnt the bodies of their comrades in the village.")
                if q.value["role"] == "killed" and q.value["n"] == 1]


@pytest.mark.parametrize("text,expected", [
    ("Two of its fighters were killed.", ("Two of its fighters", 2, "killed", "nonstate")),
    ("A TNLA spokesman said two of its fighters were killed.", ("two of its fighters", 2, "killed", "nonstate")),
    ("One of its members was killed.", ("One of its members", 1, "killed", None)),
])
def test_a_partitive_figure_counts_the_people_after_of(text, expected):
    assert expected in [(q.text, q.value["n"], q.value["role"], q.value.get("side")) for q in find_quantities(text)]


def test_a_partitive_of_things_is_no_count_of_people():
    assert not [q for q in find_quantities("One of the worst attacks happened.") if q.value["role"] == "killed"]


@pytest.mark.parametrize("text,expected", [
    ("Three detainees were killed.", ("Three detainees", 3, "killed")),
    ("Two of the abductees were later found dead.", ("Two of the abductees", 2, "killed")),
    ("Five detainees were released.", ("Five detainees", 5, "arrested")),
])
def test_a_role_noun_yields_to_the_casualty_verb_told_of_it(text, expected):
    assert expected in [(q.text, q.value["n"], q.value["role"]) for q in find_quantities(text)]


@pytest.mark.parametrize("text,span,total", [
    ("At least seven soldiers and 12 militants were killed, he said.", "At least seven soldiers and 12 militants", 19),
    ("More than 20 soldiers and three of its fighters were killed.", "More than 20 soldiers and three of its fighters", 24),
])
def test_a_bounded_first_item_counts_in_a_list(text, span, total):
    assert (span, total) in [(q.text, q.value["n"]) for q in find_quantities(text)]


@pytest.mark.parametrize("text,expected", [
    ("Junta troops executed five captured resistance fighters in Myinmu Township.",
     ("five captured resistance fighters", 5, "killed", "nonstate")),
    ("Soldiers killed three captured PDF members.", ("three captured PDF members", 3, "killed", "nonstate")),
    ("Troops captured five fighters.", ("five fighters", 5, "captured", "nonstate")),
])
def test_a_participle_before_the_counted_people_yields_to_the_verb_before_the_figure(text, expected):
    assert expected in [(q.text, q.value["n"], q.value["role"], q.value.get("side")) for q in find_quantities(text)]


@pytest.mark.parametrize("text,n", [
    ("They captured five of our comrades alive and they set them on fire.", 5),
    ("Soldiers detained three villagers and later shot them dead.", 3),
])
def test_captives_killed_by_pronoun_are_the_figure_of_their_capture(text, n):
    assert ("killed", n) in [(q.value["role"], q.value["n"]) for q in find_quantities(text) if q.text in ("them",)]


def test_a_pronoun_killing_with_no_capture_told_counts_nothing():
    assert not [q for q in find_quantities("Soldiers found them and set them on fire.") if q.value["role"] == "killed"]


@pytest.mark.parametrize("text,span", [
    ("A farmer stepped on a mine near the bridge on Monday and died on the spot.", "A farmer"),
    ("A 60-year-old woman was hit by a stray bullet and died on the way to hospital.", "A 60-year-old woman"),
    ("One soldier died.", "One soldier"),
])
def test_one_person_who_died_counts_one_killed(text, span):
    assert (span, 1, "killed") in [(q.text, q.value["n"], q.value["role"]) for q in find_quantities(text)]


def test_a_thing_that_died_down_is_no_person():
    assert not [q for q in find_quantities("A fire broke out and the noise died down.") if q.value["role"] == "killed"]


def test_a_list_after_told_the_outlet_that_counts_every_item():
    text = ("Ko Nway Oo told The Irrawaddy that a child from Mae Kone and an elderly woman and two others from Hlay "
            "Khoke village were also reportedly killed on Friday.")
    assert 4 in [q.value["n"] for q in find_quantities(text) if q.value["role"] == "killed"]


@pytest.mark.parametrize("text,expected", [
    ("A mother of three, Daw Hla Hla, 41, from Mi Pha Yar village was killed and a 12-year-old in Mae Kone village "
     "was injured on Friday.", [("A mother", 1, "killed"), ("a 12-year-old", 1, "injured")]),
    ("A 45-year-old man, U Aung Myo, was shot dead by soldiers.", [("A 45-year-old man", 1, "killed")]),
    ("Troops entered the village and a farmer was killed.", [("a farmer", 1, "killed")]),
])
def test_one_person_with_a_name_age_or_home_between_subject_and_verb_counts_one(text, expected):
    got = [(q.text, q.value["n"], q.value["role"]) for q in find_quantities(text)]
    assert all(e in got for e in expected), got


def test_a_thing_that_was_done_is_no_person():
    assert find_quantities("A statement was issued and a curfew was imposed.") == []
