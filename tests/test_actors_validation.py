"""The actor dictionary refuses knowledge files it cannot use, with a message naming the problem."""
from __future__ import annotations

import textwrap

import pytest

from clashmap.extract.actors import find_actors
from clashmap.knowledge.actors import (ActorDictionaryError, actor_dictionary, alias_key, is_acronym,
                                       load_dictionary_files)


def write(tmp_path, text: str, name: str = "zzz.yaml"):
    p = tmp_path / name
    p.write_text(textwrap.dedent(text), encoding="utf-8")
    return p


GOOD = """
country: ZZZ
actors:
  - name: "Alpha Front"
    short: ALF
    acled_type: 2
    side: nonstate
    aliases: [Alpha Front, alpha fighters]
  - name: "Beta Army"
    short: null
    acled_type: 1
    side: state
    template: military
    aliases: [Beta Army]
    generic_aliases: [troops]
"""


def test_a_good_file_loads(tmp_path):
    d = load_dictionary_files("ZZZ", write(tmp_path, GOOD))
    assert {a.name for a in d.actors} >= {"Alpha Front", "Beta Army"}
    assert d.lookup("ALF").actor.name == "Alpha Front"
    assert d.lookup("alpha fighter") is None  # the plural is the regex's job, not the index's
    assert d.lookup("Troops").generic


def test_duplicate_alias_names_both_actors(tmp_path):
    bad = GOOD.replace("aliases: [Beta Army]", "aliases: [Beta Army, Alpha Front]")
    with pytest.raises(ActorDictionaryError) as err:
        load_dictionary_files("ZZZ", write(tmp_path, bad))
    msg = str(err.value)
    assert "Alpha Front" in msg and "Beta Army" in msg and "zzz.yaml" in msg


def test_duplicate_alias_differing_only_in_spelling(tmp_path):
    # "Alpha-Front" and "Alpha Front" are the same alias to the matcher.
    bad = GOOD.replace("aliases: [Beta Army]", "aliases: [Beta Army, alpha-front]")
    with pytest.raises(ActorDictionaryError, match="already an alias of 'Alpha Front'"):
        load_dictionary_files("ZZZ", write(tmp_path, bad))


def test_generic_alias_clash_is_an_error_too(tmp_path):
    bad = GOOD.replace("aliases: [Alpha Front, alpha fighters]", "aliases: [Alpha Front, troops]")
    with pytest.raises(ActorDictionaryError, match="troops"):
        load_dictionary_files("ZZZ", write(tmp_path, bad))


def test_same_alias_twice_for_one_actor_is_fine(tmp_path):
    ok = GOOD.replace("aliases: [Beta Army]", "aliases: [Beta Army, Beta Army, beta army]")
    load_dictionary_files("ZZZ", write(tmp_path, ok))


@pytest.mark.parametrize("change,message", [
    (("acled_type: 2", "acled_type: 9"), "acled_type"),
    (("side: nonstate", "side: rebels"), "side must be one of"),
    (("template: military", "template: navy"), "unknown template"),
    (('name: "Alpha Front"', "name: "), "without a name"),
])
def test_bad_fields(tmp_path, change, message):
    with pytest.raises(ActorDictionaryError, match=message):
        load_dictionary_files("ZZZ", write(tmp_path, GOOD.replace(*change, 1)))


def test_unknown_affiliation(tmp_path):
    bad = GOOD.replace("    short: ALF\n", "    short: ALF\n    affiliations: [Gamma Council]\n")
    with pytest.raises(ActorDictionaryError, match="Gamma Council"):
        load_dictionary_files("ZZZ", write(tmp_path, bad))


def test_unknown_ethnonym_target(tmp_path):
    bad = GOOD + "ethnonyms:\n  Deltan: Delta Army\n"
    with pytest.raises(ActorDictionaryError, match="Delta Army"):
        load_dictionary_files("ZZZ", write(tmp_path, bad))


def test_local_needs_a_place(tmp_path):
    bad = GOOD.replace("    short: ALF\n", "    short: ALF\n    local: ALF unit\n")
    with pytest.raises(ActorDictionaryError, match="local"):
        load_dictionary_files("ZZZ", write(tmp_path, bad))


def test_actor_defined_twice(tmp_path):
    bad = GOOD + GOOD.split("actors:\n", 1)[1].split("  - name: \"Beta Army\"")[0]
    with pytest.raises(ActorDictionaryError, match="defined twice"):
        load_dictionary_files("ZZZ", write(tmp_path, bad))


def test_broken_yaml(tmp_path):
    with pytest.raises(ActorDictionaryError, match="not valid YAML"):
        load_dictionary_files("ZZZ", write(tmp_path, "actors: [\n  - name: x"))


def test_not_a_mapping(tmp_path):
    with pytest.raises(ActorDictionaryError, match="mapping"):
        load_dictionary_files("ZZZ", write(tmp_path, "- a\n- b\n"))


def test_shipped_files_are_valid():
    for country in ("MMR", "SDN", "COD", "UKR", "ISR", "NGA", "MLI", "FRA"):
        d = actor_dictionary(country)
        assert d.actors and d.patterns[True] and d.patterns[False]


def test_acronym_rule():
    assert is_acronym("AA") and is_acronym("LIB {n}") and is_acronym("M23") and is_acronym("SSA-N")
    assert not is_acronym("Arakan Army") and not is_acronym("CDF-Mindat") and not is_acronym("junta")


def test_alias_key_ignores_spelling_noise():
    assert alias_key("Ta’ang", False) == alias_key("Ta'ang", False) == alias_key("taang", False)
    assert alias_key("Pyu Saw Htee", False) == alias_key("Pyu-Saw-Htee", False) == alias_key("pyusawhtee", False)
    assert alias_key("LIB {n}", True) == alias_key("LIB 274", True) == alias_key("LIB-5", True)
    assert alias_key("AA", True) != alias_key("aa", True)


def test_a_user_file_drives_extraction(tmp_path):
    # The matcher of a dictionary built from a user's file finds that file's actors.
    d = load_dictionary_files("ZZZ", write(tmp_path, GOOD))
    m = d.patterns[False].search("Yesterday alpha fighters raided a farm.")
    assert m and d.lookup(m.group("core")).actor.name == "Alpha Front"
    # and the shipped dictionaries are untouched by it
    assert "Alpha Front" not in {m.value["name"] for m in find_actors("Alpha Front fighters attacked.")}
