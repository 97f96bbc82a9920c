"""The gazetteer: MIMU read where it lies, aliases as data, spelling-tolerant keys, the world."""
from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

import pytest

from clashmap.knowledge.geonames import COLUMNS, GeoNamesDB, load_dump
from clashmap.knowledge.places import (Gazetteer, gazetteer, loose_key, mimu_db_path, name_variants,
                                       norm_key)

DATA = Path(__file__).parent / "data" / "geonames"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return gazetteer()


# --- what MIMU gives ---------------------------------------------------------------------------


def test_mimu_is_read_where_it_lies_and_read_only():
    path = mimu_db_path()
    assert path.name == "mimu_geo_data_public.db" and "mm_geo_coder" in str(path)
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    with pytest.raises(sqlite3.OperationalError):
        con.execute("CREATE TABLE clashmap_probe (x)")
    con.close()


def test_levels_are_complete(gaz):
    by_level = {}
    for i in range(len(gaz.places)):
        p = gaz._place(i)
        by_level.setdefault(p.level, []).append(p)
    admin1 = {p.name for p in by_level["admin1"]}
    assert admin1 == {"Ayeyarwady", "Bago", "Chin", "Kachin", "Kayah", "Kayin", "Magway", "Mandalay",
                      "Mon", "Nay Pyi Taw", "Rakhine", "Sagaing", "Shan", "Tanintharyi", "Yangon"}
    townships = {p.pcode for p in by_level["admin3"]}
    assert len(townships) >= 330
    assert all(pc.startswith("MMR") and len(pc) == 9 for pc in townships)
    assert len({p.pcode for p in by_level["admin2"]}) >= 70
    assert len(by_level["village"]) > 70000
    assert len(by_level["town"]) > 400


def test_every_township_has_coordinates_inside_myanmar(gaz):
    for p in gaz.township_by_pcode.values():
        assert p.lat is not None and 9 <= p.lat <= 29 and 92 <= p.lon <= 102, p


@pytest.mark.parametrize("part,whole,pcode", [
    ("Shan (North)", "Shan", "MMR015"), ("Shan (South)", "Shan", "MMR014"),
    ("Shan (East)", "Shan", "MMR016"), ("Bago (East)", "Bago", "MMR007"),
    ("Bago (West)", "Bago", "MMR008"),
])
def test_split_states_code_as_the_whole_state(gaz, part, whole, pcode):
    hit = gaz.lookup(part, level="admin1")[0]
    assert (hit.name, hit.admin1, hit.pcode, hit.admin1_part) == (whole, whole, pcode, part)


@pytest.mark.parametrize("qualifier,part", [
    ("northern", "Shan (North)"), ("southern", "Shan (South)"), ("eastern", "Shan (East)"),
    ("North", "Shan (North)"), ("upper", "Shan (North)"),
])
def test_qualifier_picks_the_state_part(gaz, qualifier, part):
    assert gaz.admin1_part("Shan", qualifier) == part


def test_townships_in_shan_carry_admin1_shan(gaz):
    for name in ("Muse", "Lashio", "Kutkai", "Namhkan", "Hseni", "Laukkaing", "Kengtung", "Taunggyi"):
        hit = gaz.township(name)
        assert hit.admin1 == "Shan" and hit.admin1_part.startswith("Shan (")


# --- aliases and spelling variants -----------------------------------------------------------

ADMIN1_ALIASES = [
    ("Magwe", "Magway", "MMR009"), ("Karen", "Kayin", "MMR003"), ("Karenni", "Kayah", "MMR002"),
    ("Arakan", "Rakhine", "MMR012"), ("Irrawaddy", "Ayeyarwady", "MMR017"), ("Pegu", "Bago", None),
    ("Tenasserim", "Tanintharyi", "MMR006"), ("Naypyitaw", "Nay Pyi Taw", "MMR018"),
    ("Naypyidaw", "Nay Pyi Taw", "MMR018"), ("Nay Pyi Daw", "Nay Pyi Taw", "MMR018"),
    ("Rangoon", "Yangon", "MMR013"), ("Ayeyarwaddy", "Ayeyarwady", "MMR017"),
    ("Taninthayi", "Tanintharyi", "MMR006"), ("magway", "Magway", "MMR009"),
    ("SAGAING", "Sagaing", "MMR005"), ("Kachin", "Kachin", "MMR001"), ("Chin", "Chin", "MMR004"),
    ("Mon", "Mon", "MMR011"), ("Mandalay", "Mandalay", "MMR010"), ("Nay-Pyi-Taw", "Nay Pyi Taw", "MMR018"),
]


@pytest.mark.parametrize("variant,canonical,pcode", ADMIN1_ALIASES)
def test_admin1_aliases(gaz, variant, canonical, pcode):
    hit = gaz.lookup(variant, level="admin1")[0]
    assert hit.name == canonical and hit.admin1 == canonical and hit.pcode == pcode


TOWNSHIP_ALIASES = [
    ("Kantbalu", "Kanbalu", "MMR005007"), ("Khin U", "Khin-U", "MMR005005"),
    ("Khin Oo", "Khin-U", "MMR005005"), ("Khin-U", "Khin-U", "MMR005005"),
    ("Kutkai", "Kutkai", "MMR015011"), ("Kukhkaing", "Kutkai", "MMR015011"),
    ("Laukkai", "Laukkaing", "MMR015022"), ("Laukkaing", "Laukkaing", "MMR015022"),
    ("Pyigyidagun", "Pyigyitagon", "MMR010005"), ("North Dagon", "Dagon Myothit (North)", "MMR013019"),
    ("Hpakan", "Hpakant", "MMR001009"), ("Hpakant", "Hpakant", "MMR001009"),
    ("Namkham", "Namhkan", "MMR015010"), ("Namhkan", "Namhkan", "MMR015010"),
    ("Hsenwi", "Hseni", "MMR015002"), ("Theinni", "Hseni", "MMR015002"),
    ("Mrauk U", "Mrauk-U", "MMR012003"), ("Mrauk-U", "Mrauk-U", "MMR012003"),
    ("MRAUK U", "Mrauk-U", "MMR012003"), ("Kyaukphyu", "Kyaukpyu", "MMR012011"),
    ("Kyaukpyu", "Kyaukpyu", "MMR012011"), ("Thayetchaung", "Thayetchaung", "MMR006003"),
    ("Thayet Chaung", "Thayetchaung", "MMR006003"), ("Tha Yet Chaung", "Thayetchaung", "MMR006003"),
    ("Demoso", "Demoso", "MMR002002"), ("Dimawso", "Demoso", "MMR002002"),
    ("Hpruso", "Hpruso", "MMR002003"), ("Hpasawng", "Hpasawng", "MMR002006"),
    ("Kyainseikgyi", "Kyainseikgyi", "MMR003007"), ("Kyain Seikgyi", "Kyainseikgyi", "MMR003007"),
    ("Tamu", "Tamu", "MMR005030"), ("Ayadaw", "Ayadaw", "MMR005014"),
    ("Salingyi", "Salingyi", "MMR005018"), ("Myaing", "Myaing", "MMR009020"),
    ("Yesagyo", "Yesagyo", "MMR009019"), ("Mindat", "Mindat", "MMR004006"),
    ("Thantlang", "Thantlang", "MMR004003"), ("Htantlang", "Thantlang", "MMR004003"),
    ("Falam", "Falam", "MMR004001"), ("Banmauk", "Banmauk", "MMR005023"),
    ("Muse", "Muse", "MMR015009"), ("Lashio", "Lashio", "MMR015001"),
    ("Buthidaung", "Buthidaung", "MMR012010"), ("Ann", "Ann", "MMR012014"),
    ("Gangaw", "Gangaw", "MMR009023"), ("Pauk", "Pauk", "MMR009021"), ("Pale", "Pale", "MMR005019"),
    ("Shwebo", "Shwebo", "MMR005004"), ("Pakokku", "Pakokku", "MMR009018"),
    ("Tilin", "Tilin", "MMR009024"), ("Mohnyin", "Mohnyin", "MMR001007"),
    ("Waingmaw", "Waingmaw", "MMR001002"), ("Myitkyina", "Myitkyina", "MMR001001"),
    ("Bhamo", "Bhamo", "MMR001010"), ("Banmaw", "Bhamo", "MMR001010"),
    ("Kawkareik", "Kawkareik", "MMR003006"), ("Myawaddy", "Myawaddy", "MMR003005"),
    ("Myawadi", "Myawaddy", "MMR003005"), ("Hlaingbwe", "Hlaingbwe", "MMR003002"),
    ("Yinmabin", "Yinmarbin", None), ("Maymyo", "Pyinoolwin", None), ("Pyin Oo Lwin", "Pyinoolwin", None),
    ("Tiddim", "Tedim", None), ("Haka", "Hakha", None), ("Akyab", "Sittwe", None), ("Tavoy", "Dawei", None),
    ("Mergui", "Myeik", None), ("Moulmein", "Mawlamyine", None), ("Kalay", "Kale", None),
    ("Putao", "Puta-O", None), ("Papun", "Hpapun", None), ("Pa-an", "Hpa-An", None),
    ("Naungcho", "Nawnghkio", None), ("Mogok", "Mogoke", None), ("Momeik", "Mongmit", None),
    ("Depayin", "Tabayin", None), ("Kyaingtong", "Kengtung", None), ("Tachilek", "Tachileik", None),
]


@pytest.mark.parametrize("variant,canonical,pcode", TOWNSHIP_ALIASES)
def test_township_aliases(gaz, variant, canonical, pcode):
    hits = gaz.lookup(variant, level="admin3")
    assert hits, variant
    hit = hits[0]
    assert hit.name == canonical and hit.admin3 == canonical
    if pcode:
        assert hit.pcode == pcode
    assert hit.lat is not None and hit.lon is not None


@pytest.mark.parametrize("name", [p[0] for p in TOWNSHIP_ALIASES])
def test_township_spelling_variants_of_variants(gaz, name):
    """Case, hyphens and spaces never matter."""
    want = gaz.lookup(name, level="admin3")[0].pcode
    for variant in (name.lower(), name.upper(), name.replace("-", " "), name.replace(" ", "-")):
        assert gaz.lookup(variant, level="admin3")[0].pcode == want, variant


def test_aliases_are_real_mimu_units(gaz):
    from clashmap.knowledge.loader import load_yaml

    data = load_yaml("places/mmr_aliases.yaml")
    names3 = {p.name for p in gaz.township_by_pcode.values()}
    for name, variants in data["admin3"].items():
        assert name in names3
        assert all(v != name for v in variants), f"{name}: an alias equal to the name"


def test_district_lookup(gaz):
    hit = gaz.lookup("Muse District")[0]
    assert (hit.level, hit.name, hit.admin1, hit.pcode) == ("admin2", "Muse", "Shan", "MMR015D002")
    assert gaz.lookup("Kokang", level="admin2")[0].pcode == "MMR015D221"
    assert gaz.lookup("Pa-O Self-Administered Zone", level="admin2")[0].pcode == "MMR014S002"


def test_town_lookup(gaz):
    hit = gaz.lookup("Tarmoenye", level="town")[0]
    assert (hit.admin3, hit.admin1) == ("Kutkai", "Shan")
    hit = gaz.lookup("Chinshwehaw", level="town")[0]
    assert hit.admin3 == "Laukkaing"
    assert gaz.lookup("Chin Shwe Haw", level="town")[0].pcode == hit.pcode


def test_a_town_mimu_lists_only_as_a_village(gaz):
    # Laiza is MIMU's village Lai Zar (Hpawt Dawt tract, Waingmaw); the alias file makes it a
    # town at that village's point. Another Lai Zar in Waingmaw and La Za in Sumprabum stay apart.
    town = gaz.lookup("Laiza")[0]
    assert (town.level, town.name, town.admin3, town.admin1, town.pcode) == ("town", "Laiza", "Waingmaw", "Kachin", "165816")
    assert town.lat is not None and abs(town.lat - 24.754) < 0.01 and abs(town.lon - 97.558) < 0.01
    assert gaz.resolve_village("Laiza").pcode == "165816"
    assert gaz.resolve_village("Lai Zar") is None  # two villages of that name: no guess
    assert gaz.lookup("La Za")[0].admin3 == "Sumprabum"


def test_parenthesised_township_names_are_found_both_ways(gaz):
    assert gaz.lookup("Aik Chan", level="admin3")[0].pcode == "MMR015311"
    assert gaz.lookup("Ai' Chun", level="admin3")[0].pcode == "MMR015311"
    assert gaz.lookup("Pangsang", level="admin3")[0].pcode == "MMR015005"


def test_within_narrows(gaz):
    hits = gaz.lookup("Kyar Inn", level="village")
    assert len(hits) > 20
    inside = gaz.lookup("Kyar Inn", within="Thayetchaung")
    assert len(inside) == 1 and inside[0].admin3 == "Thayetchaung"
    assert all(p.admin1 == "Tanintharyi" for p in gaz.lookup("Kyar Inn", within="Tenasserim"))
    assert gaz.lookup("Kyar Inn", within="Chin") == []
    assert [p.country for p in gaz.lookup("El Fasher", within="Sudan")] == ["SDN"]
    assert gaz.lookup("El Fasher", within="Myanmar") == []


def test_unknown_level_is_an_error(gaz):
    with pytest.raises(ValueError):
        gaz.lookup("Muse", level="province")


@pytest.mark.parametrize("name", ["", "   ", "!!!", "Qwxzqwxz Pqlk"])
def test_nothing_found(gaz, name):
    assert gaz.lookup(name) == []


# --- keys --------------------------------------------------------------------------------------

KEY_PAIRS = [
    ("Mrauk-U", "Mrauk U"), ("Khin-U", "Khin U"), ("Nga Ta Yaw", "Ngatayaw"),
    ("Kyain Seikgyi", "Kyainseikgyi"), ("Ta'ang", "Taang"), ("Ta’ang", "Ta'ang"),
    ("Hpa-An", "Hpa An"), ("Nay Pyi Taw", "NAYPYITAW"), ("Yangon", "yangon"),
]


@pytest.mark.parametrize("a,b", KEY_PAIRS)
def test_norm_key_ignores_case_hyphens_spaces(a, b):
    assert norm_key(a) == norm_key(b)


LOOSE_PAIRS = [
    ("Yay Lal Kyun", "Yay Lel Kyun"), ("Kyaung Lae", "Kyaung Lel"), ("Done Taw", "Don Taw"),
    ("Pazi Gyi", "Pa Zi Kyi"), ("Khin Oo", "Khin U"), ("Hpakant", "Pakant"), ("Baw Kone", "Baw Kon"),
    ("Kyee", "Kyi"), ("Yae Lel", "Yay Lel"),
]


@pytest.mark.parametrize("a,b", LOOSE_PAIRS)
def test_loose_key_folds_romanisation(a, b):
    assert loose_key(a) == loose_key(b)


@pytest.mark.parametrize("a,b", [("Muse", "Mese"), ("Pale", "Pauk"), ("Sagaing", "Saw"), ("Ann", "Aunglan")])
def test_loose_key_keeps_different_names_apart(a, b):
    assert loose_key(a) != loose_key(b)


def test_loose_lookup_finds_a_romanisation_variant(gaz):
    hit = gaz.lookup("Kyaung Lae", within="Banmauk")
    assert hit and hit[0].name == "Kyaung Lel"
    assert gaz.lookup("Don Taw")[0].name == "Done Taw"


def test_name_variants():
    assert name_variants("Aik Chan (Ai' Chun)") == ["Aik Chan (Ai' Chun)", "Aik Chan", "Ai' Chun"]
    assert name_variants("Kan Su (East)") == ["Kan Su (East)", "Kan Su"]
    assert name_variants("Laukkaing (Kokang SAZ)") == ["Laukkaing (Kokang SAZ)", "Laukkaing"]


# --- villages --------------------------------------------------------------------------------

VILLAGES = [
    # name, township, state, expected township (None: not resolvable)
    ("Kyar Inn", "Thayetchaung", None, "Thayetchaung"),
    ("Kyar Inn", None, None, None),  # 47 villages: no context, no answer
    ("Kyar Inn", None, "Tanintharyi", "Thayetchaung"),
    ("Kyar Inn", None, "Tenasserim", "Thayetchaung"),
    ("Pan Par", None, None, "Mindat"),  # one village in all Myanmar
    ("Pan Par", "Mindat", "Chin", "Mindat"),
    ("Pan Par", "Falam", None, None),
    ("Nga Ta Yaw", "Yesagyo", None, "Yesagyo"),
    ("Ngatayaw", "Yesagyo", None, "Yesagyo"),
    ("Ngatayaw", None, "Magway", "Yesagyo"),
    ("Ngatayaw", None, "Magwe", "Yesagyo"),
    ("Ngatayaw", None, None, None),  # also in Sagaing Township
    ("Ngatayaw", None, "Sagaing", "Sagaing"),
    ("Done Taw", "Salingyi", None, "Salingyi"),
    ("Don Taw", "Salingyi", None, "Salingyi"),
    ("Baw Kone", "Ayadaw", None, None),  # two villages of that name in two tracts of Ayadaw
    ("Baw Kone", None, None, None),
    ("Maw Han", "Mohnyin", None, "Mohnyin"),
    ("Mawhan", "Mohnyin", None, "Mohnyin"),
    ("Maw Han", None, "Kachin", "Mohnyin"),
    ("Maw Han", None, "Shan", "Kutkai"),
    ("Maw Han", None, None, None),
    ("Inn Sa", None, None, "Sagaing"),
    ("Peik Ka Yar", "Mingin", None, "Mingin"),
    ("Pazi Gyi", "Kanbalu", None, "Kanbalu"),
    ("Pazi Gyi", "Kantbalu", None, "Kanbalu"),
    ("Nar Nant Htun", "Banmauk", None, "Banmauk"),
    ("Kyaung Lae", "Banmauk", None, "Banmauk"),
    ("Kyaung Lae", None, "Sagaing", None),  # Banmauk and Kani
    ("Koe Tan Kauk", "Rathedaung", None, "Rathedaung"),
    ("Ta Moke", "Khin-U", None, "Khin-U"),
    ("Ta Moke", "Khin U", None, "Khin-U"),
    ("Ta Moke", None, None, None),
    ("Khuafo", None, None, "Thantlang"),
    ("Let Pan Hla", "Pauk", None, "Pauk"),
    ("Let Pan Hla", None, "Magway", None),
    ("Pauk Chaing", "Shwebo", None, "Shwebo"),
    ("Pauk Chaing", None, "Mandalay", "Amarapura"),
    ("Taung Kyar", "Sagaing", None, "Sagaing"),
    ("Laiza", None, None, "Waingmaw"),  # MIMU's "Lai Zar" (an alias); not Sumprabum's La Za
    ("Laiza", None, "Kachin", "Waingmaw"),
    ("La Za", None, None, "Sumprabum"),
    ("Zzzz Nowhere", None, None, None),
]


@pytest.mark.parametrize("name,admin3,admin1,want", VILLAGES)
def test_resolve_village(gaz, name, admin3, admin1, want):
    place = gaz.resolve_village(name, admin3=admin3, admin1=admin1)
    if want is None:
        assert place is None
    else:
        assert place is not None and place.admin3 == want and place.level == "village"
        assert place.pcode and place.village_tract


def test_resolve_village_reports_the_count(gaz):
    place, n = gaz.resolve_village("Kyar Inn", with_count=True)
    assert place is None and n > 20
    place, n = gaz.resolve_village("Kyar Inn", admin3="Thayetchaung", with_count=True)
    assert place is not None and n == 1
    assert gaz.resolve_village("Nowhere Qq", with_count=True) == (None, 0)


# --- other countries -------------------------------------------------------------------------

WORLD = [
    ("El Fasher", "town", "SDN"), ("Al Fashir", "town", "SDN"), ("North Darfur", "admin1", "SDN"),
    ("Sudan", "country", "SDN"), ("Khartoum", "admin1", "SDN"), ("Kyiv", "admin1", "UKR"),
    ("Kharkiv", "town", "UKR"), ("Thailand", "country", "THA"), ("Burma", "country", "MMR"),
    ("Bangladesh", "country", "BGD"), ("Mae Sot", "town", "THA"), ("Cox's Bazar", "town", "BGD"),
    ("Ruili", "town", "CHN"), ("Goma", "town", "COD"), ("DR Congo", "country", "COD"),
    ("Gaza", "country", "PSE"), ("Syria", "country", "SYR"), ("Aleppo", "town", "SYR"),
    ("Mogadishu", "town", "SOM"), ("Chiang Mai", "admin1", "THA"),
]


@pytest.mark.parametrize("name,level,country", WORLD)
def test_world_places(gaz, name, level, country):
    hits = [p for p in gaz.lookup(name) if p.country != "MMR" or country == "MMR"]
    assert hits, name
    assert (hits[0].level, hits[0].country) == (level, country)


def test_myanmar_places_come_before_the_world(gaz):
    hits = gaz.lookup("Mandalay")
    assert hits[0].country == "MMR" and hits[0].source == "mimu"


# --- GeoNames cache ----------------------------------------------------------------------------


def test_sample_file_has_the_documented_layout():
    for line in (DATA / "SD_sample.txt").read_text(encoding="utf-8").splitlines():
        assert len(line.split("\t")) == len(COLUMNS) == 19


def test_load_geonames_and_look_up(tmp_path):
    db = tmp_path / "gn.sqlite"
    report = load_dump(DATA / "SD_sample.txt", db)
    assert report.rows == 8 and report.skipped == 0
    gn = GeoNamesDB(db)
    assert gn.count() == 8
    tawila = gn.lookup_key(norm_key("Tawilah"))[0]
    assert (tawila.name, tawila.country, tawila.admin1, tawila.level) == ("Tawila", "SDN", "North Darfur", "village")
    assert gn.lookup_key(norm_key("Kabkabiya"))[0].level == "town"
    assert gn.lookup_key(norm_key("Sudan"))[0].level == "country"
    accented = gn.lookup_key(norm_key("Hillat Umm Sa'd"))
    assert accented and accented[0].name == "Ḩillat Umm Sa‘d"
    gn.close()


def test_load_geonames_twice_changes_nothing(tmp_path):
    db = tmp_path / "gn.sqlite"
    load_dump(DATA / "SD_sample.txt", db)
    load_dump(DATA / "SD_sample.txt", db)
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM geonames").fetchone()[0] == 8
    assert con.execute("SELECT count(*) FROM names WHERE key = 'tawila'").fetchone()[0] == 1
    con.close()


def test_load_geonames_reports_bad_lines_and_keeps_the_rest(tmp_path):
    report = load_dump(DATA / "bad_lines.txt", tmp_path / "gn.sqlite")
    assert report.rows == 1 and report.skipped == 3
    assert any(":2:" in e and "19" in e for e in report.errors)
    assert any(":3:" in e for e in report.errors) and any("out of range" in e for e in report.errors)


def test_load_geonames_from_a_zip(tmp_path):
    z = tmp_path / "SD.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.write(DATA / "SD_sample.txt", "SD.txt")
        zf.writestr("readme.txt", "not a dump")
    report = load_dump(z, tmp_path / "gn.sqlite")
    assert report.rows == 8


def test_gazetteer_consults_the_geonames_cache(tmp_path):
    db = tmp_path / "gn.sqlite"
    load_dump(DATA / "SD_sample.txt", db)
    gz = Gazetteer(geonames_path=db)
    hit = gz.lookup("Zamzam")[0]
    assert (hit.name, hit.country, hit.source) == ("Zamzam Camp", "SDN", "geonames")
    laiza = gz.lookup("Laiza")
    # MIMU's Laiza first; the dump's row for it is still consulted, after it
    assert [p.source for p in laiza][:1] == ["mimu"], laiza
    assert any(p.source == "geonames" and p.country == "MMR" for p in laiza), laiza
    assert gz.lookup("Tawila", within="North Darfur")[0].name == "Tawila"
    # without a cache the same name is unknown
    assert Gazetteer(geonames_path=tmp_path / "absent.sqlite").lookup("Zamzam") == []


# --- CLI ---------------------------------------------------------------------------------------


def test_cli_load_and_lookup(tmp_path, capsys):
    from clashmap.cli import main

    db = tmp_path / "gn.sqlite"
    assert main(["places", "load-geonames", str(DATA / "SD_sample.txt"), "--db", str(db)]) == 0
    assert "loaded 8 places" in capsys.readouterr().out
    assert main(["places", "lookup", "Tawila", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "Tawila" in out and "SDN" in out
    assert main(["places", "lookup", "Kyar Inn", "--within", "Thayetchaung"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and "177242" in out[0] and "Thayetchaung" in out[0]
    assert main(["places", "lookup", "Magwe", "--json"]) == 0
    assert '"name": "Magway"' in capsys.readouterr().out
    assert main(["places", "lookup", "Qqqzzz Nowhere"]) == 1
    assert main(["places", "load-geonames", str(tmp_path / "missing.txt"), "--db", str(db)]) == 2


@pytest.mark.parametrize("slip,township", [
    ("Kyainseikgy", "Kyainseikgyi"),   # a letter dropped
    ("Buthidaug", "Buthidaung"),
    ("Hpakantt", "Hpakant"),           # a letter doubled
    ("Kyaukpadaunk", "Kyaukpadaung"),  # a letter changed
])
def test_a_long_township_name_one_slip_away_is_found(gaz, slip, township):
    assert [p.name for p in gaz.misspelt_unit(slip) if p.level == "admin3"] == [township]


@pytest.mark.parametrize("word", ["Commander", "Townships", "Pakokuu", "Mawlamyaing", "Ministers"])
def test_short_or_two_slips_away_or_ordinary_words_are_not_units(gaz, word):
    # "Pakokuu" is under 8 letters; "Mawlamyaing" is two slips from Mawlamyine.
    assert gaz.misspelt_unit(word) == []


def test_a_misspelt_township_is_found_in_running_text():
    from clashmap.extract.places import find_places

    found = [m.value for m in find_places("Artillery shells hit homes in Kyainseikgy on Monday.")]
    assert [(v["level"], v["name"], v["admin1"]) for v in found] == [("admin3", "Kyainseikgyi", "Kayin")]
