"""Trigger words -> ACLED sub-event types, in our own example sentences."""
import re

import pytest

from clashmap.extract.triggers import find_triggers, vocabulary
from clashmap.knowledge.loader import load_yaml

CASES = [
    ("A retired officer was shot and wounded outside his home.", "shot and wounded", "Attack"),
    ("Two boys died when an unexploded mortar shell went off.", "unexploded mortar shell", "Remote explosive/landmine/IED"),
    ("Junta drones struck a school in the village.", "drones struck", "Air/drone strike"),
    ("Police fired tear gas at the crowd.", "tear gas", "Protest with intervention"),
    ("Security forces dispersed the protest with batons.", "dispersed the protest", "Protest with intervention"),
    ("Soldiers opened fire on the protesters.", "opened fire on the protesters", "Excessive force against protesters"),
    ("Troops shot dead three demonstrators.", "shot dead three demonstrators", "Excessive force against protesters"),
    ("The man was stabbed to death.", "stabbed to death", "Attack"),
    ("The administrator was gunned down.", "gunned down", "Attack"),
    # (sentence, trigger text, sub-event type)
    ("The regime carried out an airstrike on the village.", "airstrike", "Air/drone strike"),
    ("Two air strikes hit the market town.", "air strikes", "Air/drone strike"),
    ("Fighter jets bombed the clinic at dawn.", "Fighter jets", "Air/drone strike"),
    ("A drone strike killed two fighters.", "drone strike", "Air/drone strike"),
    ("The rebels used drones to attack the police post.", "used drones", "Air/drone strike"),
    ("Some of the remaining houses were set ablaze at dawn.", "were set ablaze", "Looting/property destruction"),
    ("A military helicopter shot at both villages after dark.", "helicopter shot at", "Air/drone strike"),
    ("Thirty people died in the air and artillery strikes on the camp.", "air and artillery strikes", "Air/drone strike"),
    ("Troops set the school ablaze before leaving.", "set the school ablaze", "Looting/property destruction"),
    ("The market stalls were burned on Friday.", "were burned", "Looting/property destruction"),
    ("Fighters launched kamikaze drones at the base.", "launched kamikaze drones", "Air/drone strike"),
    ("Aircraft dropped four bombs on the school.", "dropped four bombs", "Air/drone strike"),
    ("Military aircraft circled before the air raid began.", "Military aircraft", "Air/drone strike"),
    ("A helicopter gunship fired on the ferry.", "helicopter gunship", "Air/drone strike"),
    ("Warplanes struck the camp twice.", "Warplanes", "Air/drone strike"),
    ("Soldiers shelled the village from their base.", "shelled", "Shelling/artillery/missile attack"),
    ("Artillery fire continued all night.", "Artillery", "Shelling/artillery/missile attack"),
    ("Resistance fighters fired mortar rounds at the outpost.", "mortar rounds", "Shelling/artillery/missile attack"),
    ("The headquarters was hit by rockets.", "rockets", "Shelling/artillery/missile attack"),
    ("Heavy weapons were used against the town.", "Heavy weapons", "Shelling/artillery/missile attack"),
    ("A missile landed near the port.", "missile", "Shelling/artillery/missile attack"),
    ("A farmer stepped on a landmine near the stream.", "landmine", "Remote explosive/landmine/IED"),
    ("Two land mines exploded on the road.", "land mines", "Remote explosive/landmine/IED"),
    ("An IED destroyed the truck.", "IED", "Remote explosive/landmine/IED"),
    ("Two women died when a second mine exploded near the school.", "mine exploded", "Remote explosive/landmine/IED"),
    ("They captured five men and set them on fire.", "set them on fire", "Attack"),
    ("Troops set the houses on fire.", "set the houses on fire", "Looting/property destruction"),
    ("A farmer stepped on a mine near the stream.", "stepped on a mine", "Remote explosive/landmine/IED"),
    ("A roadside bomb struck the convoy.", "roadside bomb", "Remote explosive/landmine/IED"),
    ("An improvised explosive device went off at the gate.", "improvised explosive device", "Remote explosive/landmine/IED"),
    ("A man threw a grenade into the office.", "grenade", "Grenade"),
    ("A suicide bomber hit the checkpoint.", "suicide bomber", "Suicide bomb"),
    ("Fighting broke out near the bridge.", "Fighting", "Armed clash"),
    ("Clashes erupted on Monday.", "Clashes", "Armed clash"),
    ("The two sides clashed for three hours.", "clashed", "Armed clash"),
    ("Rebels ambushed a convoy on the highway.", "ambushed", "Armed clash"),
    ("A firefight lasted until noon.", "firefight", "Armed clash"),
    ("The groups exchanged fire across the river.", "exchanged fire", "Armed clash"),
    ("A gunfight broke out at the market.", "gunfight", "Armed clash"),
    ("The army launched an offensive on the hills.", "offensive", "Armed clash"),
    ("The battle for the town lasted a week.", "battle", "Armed clash"),
    ("Fighters attacked the police station.", "attacked", "Armed clash"),
    ("Troops raided the village at night.", "raided", "Armed clash"),
    ("The rebels seized the base after a siege.", "seized", "Non-state actor overtakes territory"),
    ("The militia captured the town on Friday.", "captured", "Non-state actor overtakes territory"),
    ("Fighters overran the outpost.", "overran", "Non-state actor overtakes territory"),
    ("The group took control of the border gate.", "took control", "Non-state actor overtakes territory"),
    ("Soldiers torched 40 houses.", "torched", "Looting/property destruction"),
    ("Troops set fire to the monastery.", "set fire", "Looting/property destruction"),
    ("The troops set the village on fire.", "set the village on fire", "Looting/property destruction"),
    ("About 200 homes were burned down.", "homes were burned", "Looting/property destruction"),
    ("Soldiers burned down the school.", "burned down", "Looting/property destruction"),
    ("The arson attack destroyed the market.", "arson attack", "Looting/property destruction"),
    ("Shops were looted in the night.", "looted", "Looting/property destruction"),
    ("The village was razed.", "razed", "Looting/property destruction"),
    ("Police arrested twelve students.", "arrested", "Arrests"),
    ("Soldiers detained the headman.", "detained", "Arrests"),
    ("Troops rounded up men from the ward.", "rounded up", "Arrests"),
    ("Gunmen abducted a teacher.", "abducted", "Abduction/forced disappearance"),
    ("Six villagers were taken hostage.", "taken hostage", "Abduction/forced disappearance"),
    ("The trader was kidnapped on the road.", "kidnapped", "Abduction/forced disappearance"),
    ("A soldier raped a woman in the camp.", "raped", "Sexual violence"),
    ("Troops killed five villagers.", "killed", "Attack"),
    ("Two farmers were shot dead.", "shot dead", "Attack"),
    ("The massacre left 11 dead.", "massacre", "Attack"),
    ("Thousands of people protested in the capital.", "protested", "Peaceful protest"),
    ("A demonstration was held outside the court.", "demonstration", "Peaceful protest"),
    ("Rioters burned cars in the square.", "Rioters", "Violent demonstration"),
    ("A mob lynched the suspect.", "lynched", "Mob violence"),
    ("The parties signed a ceasefire agreement.", "ceasefire agreement", "Agreement"),
    ("Sappers defused two mines on the road.", "defused", "Disrupted weapons use"),
    ("The group set up a new base near the river.", "set up a new base", "Headquarters or base established"),
    ("The army abandoned its hilltop base.", "abandoned its hilltop base", "Non-violent transfer of territory"),
]


@pytest.mark.parametrize("sentence,word,sub", CASES)
def test_trigger_maps_to_sub_event_type(sentence, word, sub):
    found = {(m.text, m.value["sub_event_type"]) for m in find_triggers(sentence)}
    # the trigger may be a longer phrase around the word ("burned down the school")
    assert any(word in text and s == sub for text, s in found), found


NEGATED = [
    "There were no clashes in the town this week.",
    "The army denied carrying out the airstrike.",
    "Residents fear airstrikes may follow.",
    "The group threatened to attack the base.",
    "Villagers heard the sound of fighting in the next village and fled.",
]


@pytest.mark.parametrize("sentence", NEGATED)
def test_negated_or_hypothetical_triggers_are_marked(sentence):
    found = find_triggers(sentence)
    assert found and all(m.value["negated"] for m in found if m.value["strength"] != "harm")


HARM_NEGATION = [
    ("No one was killed in the shelling.", True),
    ("Troops have not killed anyone there.", True),
    ("The soldiers never killed the prisoners, the army said.", True),
    ("Two residents who could not flee were killed.", False),  # "not" belongs to "flee"
    ("Those who did not leave were later killed by the troops.", False),
    ("The army did not say how many were killed.", False),
]


@pytest.mark.parametrize("sentence,negated", HARM_NEGATION)
def test_a_not_negates_its_own_verb_only(sentence, negated):
    killed = [m for m in find_triggers(sentence) if m.text == "killed"]
    assert killed and killed[0].value["negated"] is negated


NOT_TRIGGERS = [
    "The Mine Kyat road runs north.",  # a place name, not a mine
    "The shelter was full of children.",
    "She attended a mineral fair.",
    "The fighter's family waited.",
]


@pytest.mark.parametrize("sentence", NOT_TRIGGERS)
def test_words_that_only_look_like_triggers(sentence):
    strong = [m for m in find_triggers(sentence) if m.value["strength"] in ("strong", "territory")]
    # "fighter's" alone and "Mine Kyat" must not be a strong event trigger
    assert not [m for m in strong if m.text.lower() in ("mine", "fighter", "shelter", "mineral")]


def test_offsets_slice_the_text():
    text = "On Monday troops shelled the ward, then torched 30 houses and arrested 5 men."
    for m in find_triggers(text):
        assert text[m.start:m.end] == m.text


def test_every_sub_event_type_in_the_vocabulary_is_in_the_taxonomy():
    vocab = vocabulary()
    subs = {e["sub"] for e in vocab.entries}
    taxonomy = load_yaml("taxonomy.yaml")["event_types"]
    all_subs = {s for spec in taxonomy.values() for s in spec["sub_event_types"]}
    assert len(all_subs) == 25
    assert subs <= all_subs
    # every event type can be reached by at least one trigger
    assert {vocab.taxonomy[s] for s in subs} == set(taxonomy)


LEADING_PAIRS = [
    ("air ?strikes?", {"ai"}),
    ("(?:drone|jet)s? strikes?", {"dr", "je"}),
    ("IEDs?", {"ie"}),
    ("(?:ab|c)?d", {"ab", "cd", "d"}),  # "d": a one-character match
    ("a{2,5}b", {"aa"}),
    ("land[ -]?mines?", {"la"}),
    ("(?:\\w+ )?fired", None),  # a class too wide to list
    ("(?i:x)y", None),  # inline flags
]


@pytest.mark.parametrize("pattern,pairs", LEADING_PAIRS)
def test_leading_pairs_of_a_pattern(pattern, pairs):
    from re import _parser

    from clashmap.extract.triggers import _leading_pairs

    assert _leading_pairs(_parser.parse(f"(?:{pattern})", re.IGNORECASE)) == pairs


def test_folded_scanner_finds_the_spans_of_the_full_regex():
    from clashmap.regexes import fold_case

    vocab = vocabulary()
    scanner = vocab.by_first.folded_scanner()
    assert scanner is not None
    sentences = [s for s, _, _ in CASES] + NEGATED + [s for s, _ in HARM_NEGATION] + NOT_TRIGGERS
    text = " ".join(sentences) + " Landmines, air-strikes and IEDs; 3 shellings."
    assert [m.span() for m in scanner.finditer(fold_case(text))] == [m.span() for m in vocab.regex.finditer(text)]


@pytest.mark.parametrize("sentence,word", [
    ("At least two villagers were shot dead after being detained by troops.", "detained"),
    ("He died in hospital after having been tortured.", "tortured"),
    ("Residents fled after previous clashes in the area.", "clashes"),
])
def test_a_circumstance_or_an_earlier_act_is_background(sentence, word):
    found = [m for m in find_triggers(sentence) if m.text.startswith(word)]
    assert found and all(m.value["background"] for m in found)


@pytest.mark.parametrize("sentence,handover", [
    ("Junta troops abandoned the base on Sunday, allowing the AA to take over.", True),
    ("TNLA troops abandoned the base because of junta airstrikes but retook it on Friday.", False),
    ("The soldiers abandoned their positions under heavy shelling.", False),
])
def test_a_base_abandoned_under_fire_is_no_handover(sentence, handover):
    subs = [m.value["sub_event_type"] for m in find_triggers(sentence)]
    assert ("Non-violent transfer of territory" in subs) is handover
