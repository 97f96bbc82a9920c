"""Who a figure is attributed to, and the outlet's 'could not verify'."""
import re

import pytest

from clashmap.extract.attribution import find_attributions, generic_label

CLAIMANTS = [
    ("Three people died, according to the Karenni Nationalities Defense Force.", "the Karenni Nationalities Defense Force"),
    ("Five houses burned, according to local residents in the area.", "local residents"),
    ("Nine villagers were hurt, according to a local rescue team.", "a local rescue team"),
    ("Two fighters were wounded, the KIA said.", "the KIA"),
    ("A resident told reporters that the village was empty.", "A resident"),
    ("The militia lost twenty men, the group claimed.", None),
    ("The camp was shelled, said a volunteer at the clinic.", "a volunteer at the clinic"),
    ("Villagers said the troops arrived at dawn.", "Villagers"),
    ("The Chin Defense Force reported four deaths.", "The Chin Defense Force"),
    ("According to the National Unity Government, 40 soldiers died.", "the National Unity Government"),
    ("The column was ambushed near the village, according to a KNLA officer.", "KNLA"),
    ("Two fighters died, a TNLA spokesperson told reporters.", "TNLA"),
    ("Three hundred soldiers died, the NUG’s defence ministry said.", "NUG"),
    ("Four customers were hurt, police said.", "police"),
    ("Drones struck a depot overnight, Russian officials said.", "Russian officials"),
    ("Shelling killed three people, regional governor Oleh Syniehubov said.", "regional governor Oleh Syniehubov"),
    ("The base fell on Monday, the military said.", "the military"),
    ("An official of the relief group said 30 homes were lost.", "An official of the relief group"),
    ("Sources close to the army said the base was hit.", "Sources close to the army"),
    ("“We ran to the forest,” a villager said.", "a villager"),
    ("More houses were set ablaze at dawn, said a Kyauk Ye village resident who did not want to be named for "
     "safety reasons.", "a Kyauk Ye village resident"),
    ("The post fell at noon, said a villager speaking on condition of anonymity.", "a villager"),
    # a speech verb right before another is a noun; of coordinated sources, the first one
    ("Soldiers torched dozens of houses on March 16, locals and media reports said.", "locals"),
    ("Gunmen killed 30 worshippers on Sunday, a security source and residents said.", "a security source"),
    ("The town was retaken on Tuesday, media reports said.", "media reports"),
    ("The fighting lasted two hours, the TNLA claims.", "the TNLA"),
]


@pytest.mark.parametrize("sentence,who", CLAIMANTS)
def test_claimant_phrase(sentence, who):
    found = [m.text for m in find_attributions(sentence) if m.value["form"] != "unverified"]
    if who is None:  # "the group" is no speaker by itself: assemble resolves it to the group before
        assert found == []
    else:
        assert who in found, found


LABELS = [
    ("a resident of the ward", "residents"),
    ("local residents", "residents"),
    ("villagers", "residents"),
    ("a local source", "local sources"),
    ("sources", "local sources"),
    ("witnesses", "witnesses"),
    ("an activist in the city", "activist"),
    ("local media reports", "media reports"),
    ("a local aid group", "rescue workers"),
    ("relief workers", "rescue workers"),
    ("a local resistance group", "resistance forces"),
    ("the resistance forces that conducted the ambush", "resistance forces"),
    ("resistance fighters", "resistance forces"),
    ("a local rescue group", "rescue workers"),
    ("a local resistance committee", "resistance group"),
    ("a human rights group", "activist"),
    ("a conflict monitoring group", "activist"),
    ("a member of the local defense team", "resistance group"),
    # a participle after the head noun ends it, as a preposition does
    ("a member of an emergency volunteer team based in Kutkai", "rescue workers"),
    ("residents living near the base", "residents"),
    ("an official of the relief group", "rescue workers"),
    ("a volunteer with a local rescue group", "rescue workers"),
    ("officials from both sides", "officials"),
    ("regional governor Oleh Syniehubov", "officials"),
    ("Russian officials", "officials"),
    ("his wife", "residents"),
    ("the Arakan Army", None),
    ("the KIA", None),
]


@pytest.mark.parametrize("phrase,label", LABELS)
def test_generic_source_labels(phrase, label):
    assert generic_label(phrase) == label


UNVERIFIED = [
    "The Irrawaddy was unable to independently confirm the figures.",
    "We could not independently verify the claim.",
    "The numbers could not be verified.",
    "This account has not been independently confirmed.",
    "Reporters cannot independently verify reports from the area.",
    "Independent confirmation was not possible.",
    "It was not possible to independently verify the toll.",
]


@pytest.mark.parametrize("sentence", UNVERIFIED)
def test_outlet_says_it_could_not_verify(sentence):
    assert any(m.value.get("verified") is False for m in find_attributions(sentence))


NO_CLAIMANT = [
    "Clashes have reported in the north since last week.",
    "It said nothing more.",
    "They said the road was closed.",
    "The army attacked the village on Monday.",
]


@pytest.mark.parametrize("sentence", NO_CLAIMANT)
def test_no_claimant_where_none_is_named(sentence):
    assert [m for m in find_attributions(sentence) if m.value["form"] != "unverified"] == []


LITERAL_LED = [
    # (alternation, what it is written as, texts that must match alike)
    (r"(?:not possible|impossible) to (?:confirm|verify)|cannot (?:be )?confirmed",
     r"not\x20possible\x20to\x20(?:confirm|verify)|impossible\x20to\x20(?:confirm|verify)|cannot\x20(?:be\x20){0,1}confirmed",
     ["it was impossible to verify", "not possible to confirm it", "cannot be confirmed", "impossible to"]),
    (r"(?:(?:ab|c)d|e)f|g", r"abdf|cdf|ef|g", ["abdf cdf ef g", "abd cd e"]),
    (r"(?:a|b)+c", r"(?:a|b)+c", ["aabc"]),  # a repeat is kept as it is
]


@pytest.mark.parametrize("pattern,written,texts", LITERAL_LED)
def test_literal_led_alternation_matches_alike(pattern, written, texts):
    from clashmap.extract.attribution import _literal_led

    rx = re.compile(pattern)
    led = _literal_led(rx)
    assert led.pattern == written
    for text in texts:
        assert [m.span() for m in led.finditer(text)] == [m.span() for m in rx.finditer(text)]
