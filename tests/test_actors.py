"""Actor extraction: tables of our own sentences -> the canonical actors they name.

Each row is (sentence, [(span text, canonical name), ...]): every listed span must be found as a
mention with that name. Sentences are written for these tests, in the style of conflict news.
"""
from __future__ import annotations

import pytest

from clashmap.extract.actors import find_actors
from clashmap.knowledge.actors import actor_dictionary, canonical

MIL = "Military Forces of Myanmar (2021-)"
POL = "Police Forces of Myanmar (2021-)"
CIV = "Civilians (Myanmar)"
UAG = "Unidentified Armed Group (Myanmar)"
PDF = "PDF: People's Defense Force"
NUG = "NUG: National Unity Government"
KIA = "KIA: Kachin Independence Army"
TNLA = "TNLA: Ta'ang National Liberation Army"
MNDAA = "MNDAA: Myanmar National Democratic Alliance Army"
AA = "AA: Arakan Army"
KNU = "KNU: Karen National Union"
KNLA = "KNLA: Karen National Liberation Army"
KNDO = "KNDO: Karen National Defence Organisation"
KNDF = "KNDF: Karenni Nationalities Defense Force"
KA = "KA: Karenni Army"
KNPP = "KNPP: Karenni National Progressive Party"
CDF = "CDF: Chinland Defense Force"
CNF = "CNF: Chin National Front"
CNA = "CNA: Chin National Army"
PSH = "Pyu Saw Htee Militia"
TBA = "Three Brotherhood Alliance"
SSPP = "SSPP/SSA-N: Shan State Progress Party/Shan State Army-North"
RCSS = "RCSS/SSA-S: Restoration Council of Shan State/Shan State Army-South"
UWSA = "UWSA: United Wa State Army"
PNLO = "PNLO: Pa-O National Liberation Organization"
NSCN = "NSCN-K: National Socialist Council of Nagaland-Khaplang"
DKBA = "DKBA: Democratic Karen Benevolent Army"
LDF = "LDF: Local Defense Force"
BGF = "BGF: Border Guard Force"


def found(text: str, country: str = "MMR") -> list[tuple[str, str]]:
    return [(m.text, m.value["name"]) for m in find_actors(text, country)]


CASES: list[tuple[str, list[tuple[str, str]]]] = [
    # --- the military, every way it is written
    ("Junta troops torched forty houses in the village on Monday.", [("Junta troops", MIL)]),
    ("The junta denied that its jets hit the market.", [("junta", MIL)]),
    ("Regime forces shelled the township for two days.", [("Regime forces", MIL)]),
    ("About 80 regime troops entered the village at dawn.", [("regime troops", MIL)]),
    ("Two regime soldiers were captured near the bridge.", [("regime soldiers", MIL)]),
    ("The military council announced martial law in eleven townships.", [("military council", MIL)]),
    ("The Military Council's spokesman denied the report.", [("Military Council", MIL)]),
    ("The State Administration Council extended the emergency.", [("State Administration Council", MIL)]),
    ("The SAC appointed a new chief minister.", [("SAC", MIL)]),
    ("SAC troops withdrew from the hilltop camp.", [("SAC troops", MIL)]),
    ("The Tatmadaw said it repelled the attack.", [("Tatmadaw", MIL)]),
    ("The Myanmar army lost an outpost on the ridge.", [("Myanmar army", MIL)]),
    ("Myanmar’s military launched an offensive in the north.", [("Myanmar’s military", MIL)]),
    ("The military said three soldiers died.", [("military", MIL)]),
    ("A junta column of 150 soldiers moved toward the town.", [("junta column", MIL)]),
    ("Light Infantry Battalion 274 is based in the town.", [("Light Infantry Battalion 274", MIL)]),
    ("Fighting broke out near the base of LIB 123 on Sunday.", [("LIB 123", MIL)]),
    ("Troops from LIB-345 burned the monastery.", [("LIB-345", MIL)]),
    ("Soldiers from IB 56 raided the ward.", [("IB 56", MIL)]),
    ("The 33rd Infantry Battalion was overrun.", [("33rd Infantry Battalion", MIL)]),
    ("Infantry Battalion 87 withdrew from its camp.", [("Infantry Battalion 87", MIL)]),
    ("A fighter jet bombed the school compound.", [("fighter jet", MIL)]),
    ("Two fighter jets circled over the village before dropping bombs.", [("fighter jets", MIL)]),
    ("Regime jets struck the camp twice.", [("Regime jets", MIL)]),
    ("The Burma Army attacked the KNLA position.", [("Burma Army", MIL), ("KNLA", KNLA)]),
    ("BA troops retreated after the clash.", [("BA troops", MIL)]),
    ("Government troops opened fire on the crowd.", [("Government troops", MIL)]),
    ("Military Operations Command 17 sent reinforcements.", [("Military Operations Command 17", MIL)]),
    ("The Northeastern Command in Lashio was hit by rockets.", [("Northeastern Command", MIL)]),
    ("A naval vessel fired shells at the coastal village.", [("naval vessel", MIL)]),
    ("Min Aung Hlaing visited the front.", [("Min Aung Hlaing", MIL)]),
    ("The coup regime blocked internet access.", [("coup regime", MIL)]),
    ("Sit-tat soldiers looted the shops.", [("Sit-tat soldiers", MIL)]),
    ("The military regime has lost control of the border.", [("military regime", MIL)]),
    # --- police
    ("Police arrested five youths at the checkpoint.", [("Police", POL)]),
    ("The resistance overran the police station in the town.", [("police station", POL)]),
    ("Police Battalion 31 surrendered to the attackers.", [("Police Battalion 31", POL)]),
    ("Border Guard Police members fled across the river.", [("Border Guard Police members", POL)]),
    ("A police officer was shot dead outside his home.", [("police officer", POL)]),
    ("Junta police raided a printing house.", [("Junta police", POL)]),
    # --- Pyu Saw Htee and pro-junta militias
    ("Soldiers and Pyu Saw Htee militiamen set fire to the houses.", [("Pyu Saw Htee militiamen", PSH)]),
    ("The Pyusawhti militia abducted two farmers.", [("Pyusawhti militia", PSH)]),
    ("Pyu-Saw-Htee members guarded the road.", [("Pyu-Saw-Htee members", PSH)]),
    ("A pro-junta militia planted mines along the path.", [("pro-junta militia", PSH)]),
    ("Troops and allied militias burned the market.", [("allied militias", PSH)]),
    # --- NUG and PDFs
    ("The National Unity Government condemned the airstrike.", [("National Unity Government", NUG)]),
    ("The NUG’s Defense Ministry said 20 soldiers died.", [("NUG’s Defense Ministry", NUG)]),
    ("The civilian government said it would investigate.", [("civilian government", NUG)]),
    ("Myanmar's shadow government issued a statement.", [("shadow government", NUG)]),
    ("The People’s Defense Force ambushed a convoy.", [("People’s Defense Force", PDF)]),
    ("The People's Defence Force claimed the attack.", [("People's Defence Force", PDF)]),
    ("PDFs attacked three outposts overnight.", [("PDFs", PDF)]),
    ("PDF fighters seized a police outpost.", [("PDF fighters", PDF), ("police outpost", POL)]),
    ("The Mandalay PDF said it lost two members.", [("Mandalay PDF", PDF)]),
    ("Two PDF members were killed in the fighting.", [("PDF members", PDF)]),
    ("Resistance forces hit the camp with mortars.", [("Resistance forces", PDF)]),
    ("Local resistance groups blocked the highway.", [("Local resistance groups", PDF)]),
    ("Anti-junta fighters took the hill.", [("Anti-junta fighters", PDF)]),
    ("Local defense forces guarded the village entrance.", [("Local defense forces", LDF)]),
    ("The Yaw Defense Force joined the attack.", [("Yaw Defense Force", "Yaw Defence Force")]),
    ("Yaw Revolution Army fighters hit the convoy.", [("Yaw Revolution Army fighters", "Yaw Revolution Army")]),
    ("The People’s Army to Fight Dictatorship fired mortars at the troops.",
     [("People’s Army to Fight Dictatorship", "People's Army to Fight Dictatorship")]),
    ("Members of the Banmauk Revolution Force said fighting continued.",
     [("Members of the Banmauk Revolution Force", "Banmauk Revolution Force")]),
    # --- ethnic armed organisations
    ("The Kachin Independence Army seized the hilltop base.", [("Kachin Independence Army", KIA)]),
    ("The Kachin Independence Army (KIA) said it captured the camp.", [("Kachin Independence Army (KIA)", KIA)]),
    ("KIA troops and PDF fighters attacked the police post.",
     [("KIA troops", KIA), ("PDF fighters", PDF), ("police post", POL)]),
    ("The KIA’s Brigade 3 fought for six hours.", [("KIA’s Brigade 3", KIA)]),
    ("KIA Brigade 6 said it lost no fighters.", [("KIA Brigade 6", KIA)]),
    ("The Kachin Independence Organisation rejected the talks.", [("Kachin Independence Organisation", KIA)]),
    ("The Ta’ang National Liberation Army captured the town.", [("Ta’ang National Liberation Army", TNLA)]),
    ("The Ta'ang National Liberation Army (TNLA) said the junta shelled it.",
     [("Ta'ang National Liberation Army (TNLA)", TNLA), ("junta", MIL)]),
    ("TNLA troops seized the base on the highway.", [("TNLA troops", TNLA)]),
    ("Ta’ang fighters entered the town.", [("Ta’ang fighters", TNLA)]),
    ("The Myanmar National Democratic Alliance Army took the border gate.",
     [("Myanmar National Democratic Alliance Army", MNDAA)]),
    ("MNDAA forces advanced on Laukkai.", [("MNDAA forces", MNDAA)]),
    ("Kokang troops held the bridge.", [("Kokang troops", MNDAA)]),
    ("The Arakan Army seized the battalion headquarters.", [("Arakan Army", AA)]),
    ("The AA said it captured 40 soldiers.", [("AA", AA)]),
    ("The AA's spokesman said the navy shelled the coast.", [("AA", AA), ("navy", MIL)]),
    ("The United League of Arakan runs the administration there.", [("United League of Arakan", AA)]),
    ("The Three Brotherhood Alliance launched Operation 1027.", [("Three Brotherhood Alliance", TBA)]),
    ("The Brotherhood Alliance announced a ceasefire.", [("Brotherhood Alliance", TBA)]),
    ("The Karen National Union said its forces attacked.", [("Karen National Union", KNU)]),
    ("The Karen National Liberation Army (KNLA) overran the camp.",
     [("Karen National Liberation Army (KNLA)", KNLA)]),
    ("KNLA Brigade 5 fighters ambushed a column.", [("KNLA Brigade 5 fighters", KNLA)]),
    ("The Karen National Defence Organisation joined the attack.", [("Karen National Defence Organisation", KNDO)]),
    ("The Karen National Defense Organization fought beside the KNLA.",
     [("Karen National Defense Organization", KNDO), ("KNLA", KNLA)]),
    ("The Karenni Nationalities Defense Force said three soldiers died.",
     [("Karenni Nationalities Defense Force", KNDF)]),
    ("KNDF and KA fighters attacked the outpost.", [("KNDF", KNDF), ("KA fighters", KA)]),
    ("The Karenni Army (KA) said the clash lasted four hours.", [("Karenni Army (KA)", KA)]),
    ("The Karenni National Progressive Party criticised the vote.", [("Karenni National Progressive Party", KNPP)]),
    ("Karenni fighters retook the ridge.", [("Karenni fighters", KNDF)]),
    ("The Chinland Defense Force attacked the camp.", [("Chinland Defense Force", CDF)]),
    ("The Chin Defense Force-Mindat said it shot down a drone.", [("Chin Defense Force-Mindat", CDF)]),
    ("The CDF-Hakha fought troops near the town.", [("CDF-Hakha", CDF)]),
    ("The Chin National Front signed a deal.", [("Chin National Front", CNF)]),
    ("The Chin National Army seized the camp.", [("Chin National Army", CNA)]),
    ("The Shan State Progress Party stayed neutral.", [("Shan State Progress Party", SSPP)]),
    ("The SSPP/SSA-N moved troops north.", [("SSPP/SSA-N", SSPP)]),
    ("RCSS/SSA-S troops clashed with the TNLA.", [("RCSS/SSA-S troops", RCSS), ("TNLA", TNLA)]),
    ("The United Wa State Army mediated.", [("United Wa State Army", UWSA)]),
    ("The UWSA denied selling weapons.", [("UWSA", UWSA)]),
    ("The Pa-O National Liberation Organization fought the PNO.", [("Pa-O National Liberation Organization", PNLO)]),
    ("The NSCN-K keeps camps in the Naga hills.", [("NSCN-K", NSCN)]),
    ("The DKBA stayed out of the fighting.", [("DKBA", DKBA)]),
    ("The Border Guard Force changed its name.", [("Border Guard Force", BGF)]),
    # --- civilians and unknowns
    ("Three civilians were killed in the airstrike.", [("civilians", CIV)]),
    ("Villagers fled to the forest.", [("Villagers", CIV)]),
    ("A resident said the soldiers looted his shop.", [("resident", CIV)]),
    ("Displaced people sheltered in the monastery.", [("Displaced people", CIV)]),
    ("IDPs at the camp said shells fell nearby.", [("IDPs", CIV)]),
    ("Two children and a monk were wounded.", [("children", CIV), ("monk", CIV)]),
    ("Local residents buried the dead.", [("Local residents", CIV)]),
    ("Unidentified gunmen shot a ward administrator.", [("Unidentified gunmen", UAG)]),
    ("Gunmen on a motorbike opened fire.", [("Gunmen", UAG)]),
    ("AA gunmen stopped the bus.", [("AA gunmen", AA)]),
    ("An ethnic armed group claimed the attack.", [("ethnic armed group", UAG)]),
    ("Protesters marched through the town.", [("Protesters", "Protesters (Myanmar)")]),
    # --- curly and straight apostrophes, hyphens, case
    ("The Ta‘ang National Liberation Army moved in.", [("Ta‘ang National Liberation Army", TNLA)]),
    ("The Taang National Liberation Army moved in.", [("Taang National Liberation Army", TNLA)]),
    ("THE JUNTA BOMBED A CHURCH", [("JUNTA", MIL)]),
    ("KACHIN INDEPENDENCE ARMY TAKES BASE", [("KACHIN INDEPENDENCE ARMY", KIA)]),
    ("Pyu Saw Htee troops and junta soldiers raided it.", [("Pyu Saw Htee troops", PSH), ("junta soldiers", MIL)]),
    ("The Peoples Defense Force ambushed them.", [("Peoples Defense Force", PDF)]),
    # --- foreign forces in a Myanmar story
    ("Thai soldiers reinforced the border.", [("Thai soldiers", "Military Forces of Thailand")]),
    ("Chinese police detained the smugglers.", [("Chinese police", "Police Forces of China")]),
    ("Indian troops patrolled the border.", [("Indian troops", "Military Forces of India")]),
    ("Bangladeshi civilians were hit by stray shells.", [("Bangladeshi civilians", "Civilians (Bangladesh)")]),
]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_sentence_table(text, expected):
    got = found(text)
    for span, name in expected:
        assert (span, name) in got, f"{span!r} -> {name!r} not in {got}"


# Sentences where an actor word must NOT be read as an actor (or not as that actor).
NEGATIVE: list[tuple[str, str | None, str]] = [
    # (text, forbidden span, why)
    ("Download the pdf of the report.", "pdf", "lowercase pdf is a file format"),
    ("The sac was full of rice.", "sac", "lowercase sac is a word"),
    ("She scored aa on the test.", "aa", "lowercase aa"),
    ("He wrote to Ba Maw.", "Ba", "BA is case-sensitive"),
    ("Anti-junta activists met in Bangkok.", "junta", "anti-junta is an adjective"),
    ("The pro-military party won seats.", "military", "pro-military is an adjective"),
    ("The paramilitary training ended.", "military", "whole words only"),
    ("The armyworm ate the crops.", "army", "whole words only"),
    ("Local time was noon.", "Local", "local is not a civilian"),
    ("The information came from local sources.", "local", "local sources are not civilians"),
]


@pytest.mark.parametrize("text,span,why", NEGATIVE, ids=[n[2] for n in NEGATIVE])
def test_negative_table(text, span, why):
    spans = [m.text for m in find_actors(text)]
    assert span not in spans, why


@pytest.mark.parametrize("text,name", [
    ("The Arakan Army attacked.", AA),
    ("The Kachin Independence Army advanced.", KIA),
    ("The Karen National Liberation Army retreated.", KNLA),
    ("The Myanmar National Democratic Alliance Army held the town.", MNDAA),
    ("The Yaw Revolution Army fired.", "Yaw Revolution Army"),
    ("The Myanmar Royal Dragon Army supported them.", "Myanmar Royal Dragon Army"),
])
def test_army_inside_a_name_is_one_mention(text, name):
    ms = find_actors(text)
    assert [m.value["name"] for m in ms] == [name]


def test_place_inside_a_name_belongs_to_the_actor():
    # Kachin, Arakan and Karen are places too; the whole name is one actor mention.
    ms = find_actors("The Kachin Independence Army and the Arakan Army met the Karen National Union.")
    assert [m.text for m in ms] == ["Kachin Independence Army", "Arakan Army", "Karen National Union"]


@pytest.mark.parametrize("text,hint", [
    ("The junta’s offensive stalled in the hills.", "possessive"),
    ("The KIA's statement said ten soldiers died.", "source"),
    ("According to the TNLA, the base fell on Monday.", "source"),
    ("The village was bombed by the junta on Friday.", "agent"),
    ("The AA attacked the camp.", "subject"),
    ("The KNDF captured the outpost.", "subject"),
    ("Three villagers were killed in the strike.", "patient"),
    ("The PDF launched an attack on regime forces.", "subject"),
    ("Resistance fighters launched an attack on the junta.", "subject"),
    ("Mortars were fired at the junta.", "object"),
    ("The KIA fought alongside the PDF.", "subject"),
    ("The KIA said the fighting continued.", "source"),
])
def test_role_hints(text, hint):
    ms = find_actors(text)
    assert ms[0].value["role_hint"] == hint or any(m.value["role_hint"] == hint for m in ms), \
        [(m.text, m.value["role_hint"]) for m in ms]


def test_role_hint_of_object_after_preposition():
    ms = find_actors("Mortars were fired at the junta.")
    assert [(m.text, m.value["role_hint"]) for m in ms] == [("junta", "object")]


def test_with_hint():
    ms = find_actors("Soldiers fought alongside the Pyu Saw Htee.")
    assert ms[-1].value["role_hint"] == "with"


@pytest.mark.parametrize("text,generic", [
    ("Troops entered the village.", True),
    ("Soldiers burned the houses.", True),
    ("Resistance groups attacked the camp.", True),
    ("An armed group attacked the bank.", True),
    ("Junta troops entered the village.", False),
    ("Myanmar troops entered the village.", False),
    ("KIA troops entered the village.", False),
    ("The PDF attacked the camp.", False),
])
def test_generic_flag(text, generic):
    assert find_actors(text)[0].value["generic"] is generic


def test_generic_noun_after_a_named_actor_joins_it():
    ms = find_actors("TNLA’s forces and MNDAA soldiers advanced.")
    assert [(m.text, m.value["name"], m.value["generic"]) for m in ms] == [
        ("TNLA’s forces", TNLA, False), ("MNDAA soldiers", MNDAA, False)]


@pytest.mark.parametrize("text,span,name,unit", [
    ("Battalion 36 of KIA Brigade 6 fought for hours.", "Battalion 36 of KIA Brigade 6", KIA, "Battalion 36 of Brigade 6"),
    ("Soldiers of the AA stopped the boat.", "Soldiers of the AA", AA, None),
    ("Members of the PDF were wounded.", "Members of the PDF", PDF, None),
    ("They fought BA Light Infantry Battalion 332.", "BA Light Infantry Battalion 332", MIL,
     "Light Infantry Battalion 332"),
    ("The battalion 12 withdrew.", "battalion 12", MIL, "battalion 12"),
    ("PDF Battalion 3 fighters attacked.", "PDF Battalion 3 fighters", PDF, "Battalion 3"),
])
def test_units_and_of_phrases(text, span, name, unit):
    m = next(m for m in find_actors(text) if m.value["name"] == name)
    assert (m.text, m.value["unit"]) == (span, unit)


@pytest.mark.parametrize("text,span,name,fallback", [
    ("The TNLA said its troops seized the base.", "troops", TNLA, MIL),
    ("The junta said its troops repelled the attack.", "troops", MIL, None),
    # the owner of an object is passed over: "its" is the group that acts
    ("The TNLA attacked the junta’s base for weeks and its troops seized it.", "troops", TNLA, MIL),
    ("The KIA attacked a camp. The ethnic army said ten soldiers died.", "ethnic army", KIA, UAG),
    ("The AA took the town. The rebel army now controls the coast.", "rebel army", AA, UAG),
    ("Ethnic army seizes border town. The MNDAA said on Monday it took the gate.", "Ethnic army", MNDAA, UAG),
    ("The Yaw Revolution Army said resistance fighters held the road.", "resistance fighters",
     "Yaw Revolution Army", PDF),
    ("The KIA said resistance forces joined the attack.", "resistance forces", PDF, None),
    ("The NUG said an armed group attacked.", "armed group", UAG, None),
    ("An armed group attacked the bank.", "armed group", UAG, None),
    ("Soldiers burned the village.", "Soldiers", MIL, None),
])
def test_generic_words_resolved_from_context(text, span, name, fallback):
    m = next(m for m in find_actors(text) if m.text == span)
    assert m.value["generic"] is True
    assert (m.value["name"], m.value["fallback"]) == (name, fallback)


def test_attach_only_noun_alone_is_no_actor():
    assert find_actors("The forces moved north and the members left.") == []


def test_unit_and_local_fields():
    m = find_actors("The Myaing PDF Brigade 1 said it killed five soldiers.")[0]
    assert m.value["name"] == PDF
    assert m.value["local"] == "Myaing PDF Brigade 1"
    assert m.value["unit"] == "Brigade 1"
    m = find_actors("Soldiers from Light Infantry Battalion 552 raided the ward.")[1]
    assert m.value["unit"] == "Light Infantry Battalion 552"


@pytest.mark.parametrize("text,local", [
    ("The Ayadaw PDF ambushed a convoy.", "Ayadaw PDF"),
    ("Yesterday the Yinmabin People’s Defense Force attacked.", "Yinmabin PDF"),
    ("Members of the Ayadaw township’s People’s Defense Force fled.", "Ayadaw PDF"),
    ("Kani Township PDF fighters were wounded.", "Kani PDF"),
    ("Two PDF fighters died.", None),
    ("The PDF attacked.", None),
    ("NUG PDF units attacked.", None),
    ("The CDF-Mindat shot down a drone.", "CDF-Mindat"),
    ("The Mindat CDF shot down a drone.", "CDF-Mindat"),
])
def test_local_units(text, local):
    ms = [m for m in find_actors(text) if m.value["short"] in ("PDF", "CDF")]
    assert ms and ms[0].value["local"] == local


def test_offsets_slice_the_text():
    text = "On Tuesday, junta troops and the KIA’s fighters clashed near the Ta’ang National Liberation Army camp."
    for m in find_actors(text):
        assert text[m.start:m.end] == m.text


def test_mentions_are_ordered_and_disjoint():
    text = ("Regime forces, PDFs, the AA (Arakan Army), KNDF and KA fighters, Pyu Saw Htee militias and "
            "villagers were all named in the report by the NUG.")
    ms = find_actors(text)
    assert all(a.end <= b.start for a, b in zip(ms, ms[1:]))
    assert len(ms) == 8


def test_value_fields():
    m = find_actors("The TNLA seized the town.")[0]
    v = m.value
    assert v["name"] == TNLA and v["short"] == "TNLA" and v["acled_type"] == 2 and v["side"] == "nonstate"
    assert v["affiliations"] == [TBA] and v["country"] == "MMR"
    assert m.kind == "actors"
    mil = find_actors("The junta attacked.")[0].value
    assert mil["acled_type"] == 1 and mil["side"] == "state" and mil["period"] == "2021-"
    pdf = find_actors("The PDF attacked.")[0].value
    assert pdf["affiliations"] == [NUG]
    psh = find_actors("Pyu Saw Htee members attacked.")[0].value
    assert psh["side"] == "state" and psh["acled_type"] == 3
    civ = find_actors("Villagers fled.")[0].value
    assert civ["side"] == "civilians" and civ["acled_type"] == 7


# ------------------------------------------------------------------ canonical()

@pytest.mark.parametrize("alias,name", [
    ("junta", MIL), ("Junta", MIL), ("junta's", MIL), ("junta’s", MIL), ("regime forces", MIL),
    ("military", MIL), ("SAC", MIL), ("Tatmadaw", MIL), ("LIB 274", MIL), ("Light Infantry Battalion 99", MIL),
    ("fighter jets", MIL), ("Military Forces of Myanmar (2021-)", MIL), ("police", POL),
    ("Border Guard Police", POL), ("PDF", PDF), ("PDFs", PDF), ("People’s Defense Force", PDF),
    ("PDF: People's Defense Force", PDF), ("NUG", NUG), ("civilian government", NUG), ("KIA", KIA),
    ("KIO", KIA), ("Ta'ang National Liberation Army", TNLA), ("Ta’ang National Liberation Army", TNLA),
    ("TNLA", TNLA), ("Kokang army", MNDAA), ("Arakan Army", AA), ("ULA", AA), ("KNU", KNU), ("KNLA", KNLA),
    ("KNDO", KNDO), ("KNDF", KNDF), ("KA", KA), ("Karenni Army", KA), ("CDF", CDF),
    ("Chinland Defence Force", CDF), ("Pyu Saw Htee", PSH), ("Pyusawhti", PSH), ("Pyu-Saw-Htee", PSH),
    ("villagers", CIV), ("IDPs", CIV), ("gunmen", UAG), ("Three Brotherhood Alliance", TBA),
])
def test_canonical(alias, name):
    actor = canonical(alias)
    assert actor is not None and actor.name == name


@pytest.mark.parametrize("text", ["", "   ", "pdf", "aa", "sac", "hello world", "forces", "Yangon"])
def test_canonical_unknown(text):
    assert canonical(text) is None


def test_actor_dataclass():
    a = canonical("TNLA")
    assert (a.name, a.short, a.acled_type, a.side, a.affiliations, a.country) == (
        TNLA, "TNLA", 2, "nonstate", (TBA,), "MMR")
    assert a.acled_type_label == "Rebel groups"


# ------------------------------------------------------------------ every alias in the data

def _all_aliases():
    d = actor_dictionary("MMR")
    return sorted({(a.text, a.actor.name, a.generic) for a in d.aliases.values() if not a.attach_only})


ALL = _all_aliases()


def test_the_dictionary_is_large():
    d = actor_dictionary("MMR")
    assert len(d.actors) >= 50
    assert len(ALL) >= 500


@pytest.mark.parametrize("alias,name,generic", ALL, ids=[f"{a[0]}->{a[1][:12]}" for a in ALL])
def test_every_alias_is_found_in_a_sentence(alias, name, generic):
    written = alias.replace("{n}", "42")
    text = f"Reports said {written} were seen near the village."
    ms = find_actors(text)
    assert any(m.value["name"] == name and written in m.text for m in ms), \
        [(m.text, m.value["name"]) for m in ms]
    if alias != "{n}":
        assert canonical(written).name == name


# ------------------------------------------------------------------ other countries

@pytest.mark.parametrize("country,text,expected", [
    ("SDN", "The RSF shelled El Fasher as the army held the airport.",
     [("RSF", "RSF: Rapid Support Forces"), ("army", "Military Forces of Sudan")]),
    ("SDN", "The SAF said police arrested looters.",
     [("SAF", "Military Forces of Sudan"), ("police", "Police Forces of Sudan")]),
    ("COD", "M23 rebels seized the town from FARDC troops.",
     [("M23 rebels", "M23: March 23 Movement"), ("FARDC troops", "Military Forces of Democratic Republic of Congo")]),
    ("COD", "ADF militants killed twelve civilians.",
     [("ADF militants", "ADF: Allied Democratic Forces"), ("civilians", "Civilians (Democratic Republic of Congo)")]),
    ("MLI", "JNIM fighters attacked a convoy escorted by Wagner mercenaries.",
     [("JNIM fighters", "JNIM: Jama'a Nusrat al-Islam wal-Muslimin"), ("Wagner mercenaries", "Wagner Group")]),
    ("NGA", "ISWAP and Boko Haram clashed near Lake Chad.",
     [("ISWAP", "Islamic State (West Africa) - Lake Chad Faction"),
      ("Boko Haram", "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad")]),
    ("SOM", "Al-Shabaab gunmen stormed a hotel.", [("Al-Shabaab gunmen", "Al Shabaab")]),
    ("YEM", "The Houthis fired a missile.", [("Houthis", "Houthi Movement")]),
    ("ISR", "Hamas and the IDF exchanged fire; Hezbollah fired rockets.",
     [("Hamas", "Hamas Movement"), ("IDF", "Military Forces of Israel"), ("Hezbollah", "Hezbollah")]),
    ("FRA", "Protesters clashed with police; rioters burned cars.",
     [("Protesters", "Protesters (France)"), ("police", "Police Forces of France"), ("rioters", "Rioters (France)")]),
    ("UKR", "Russian troops shelled the town; Ukrainian soldiers held.",
     [("Russian troops", "Military Forces of Russia"), ("Ukrainian soldiers", "Military Forces of Ukraine")]),
    ("ETH", "Fano militiamen and the ENDF fought.",
     [("Fano militiamen", "Fano Militia"), ("ENDF", "Military Forces of Ethiopia")]),
    ("SDN", "Unidentified gunmen killed two farmers.",
     [("Unidentified gunmen", "Unidentified Armed Group (Sudan)"), ("farmers", "Civilians (Sudan)")]),
])
def test_other_countries(country, text, expected):
    got = found(text, country)
    for pair in expected:
        assert pair in got, (pair, got)


def test_generic_dictionary_has_no_myanmar_names():
    names = {a.name for a in actor_dictionary("SDN").actors}
    assert "Military Forces of Sudan" in names and "Civilians (Sudan)" in names
    assert not any("Myanmar" in n for n in names)
    assert found("The KIA attacked.", "SDN") == []


def test_groups_join_only_their_countries():
    assert found("The RSF attacked.", "NGA") == []
    assert found("Wagner fighters arrived.", "CAF") == [("Wagner fighters", "Wagner Group")]


def test_myanmar_forces_in_a_foreign_story_use_the_myanmar_name():
    assert ("Myanmar troops", MIL) in found("Myanmar troops crossed into the district.", "BGD")


def test_canonical_other_country():
    assert canonical("army", "SDN").name == "Military Forces of Sudan"
    assert canonical("RSF", "SDN").name == "RSF: Rapid Support Forces"
    assert canonical("RSF", "MMR") is None


def test_unknown_country_code_still_works():
    ms = find_actors("Soldiers and police fired on protesters.", "XKX")
    assert [m.value["name"] for m in ms] == ["Military Forces of XKX", "Police Forces of XKX", "Protesters (XKX)"]


def test_pipeline_component():
    import spacy

    import clashmap.extract.actors  # noqa: F401  registers the factory
    from clashmap.extract.mentions import ensure_extensions, mentions_of

    ensure_extensions()
    nlp = spacy.blank("en")
    nlp.add_pipe("clashmap_actors")
    doc = nlp("Junta troops and Pyu Saw Htee militiamen burned the village; the PDF retaliated.")
    assert [m.value["name"] for m in mentions_of(doc, "actors")] == [MIL, PSH, PDF]
    nlp2 = spacy.blank("en")
    nlp2.add_pipe("clashmap_actors", config={"country": "SDN"})
    doc = nlp2("The RSF attacked.")
    assert [m.value["name"] for m in mentions_of(doc, "actors")] == ["RSF: Rapid Support Forces"]


def test_build_nlp_includes_the_component():
    from clashmap.extract.pipeline import build_nlp

    nlp = build_nlp([("clashmap_actors", "clashmap.extract.actors")])
    assert "clashmap_actors" in nlp.pipe_names
