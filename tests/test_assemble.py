"""Assembly end to end: short reports in our own words -> the events a careful coder would make."""
from datetime import date

import pytest

from clashmap.extract.pipeline import Extractor
from clashmap.model import Article

MIL = "Military Forces of Myanmar (2021-)"
CIV = "Civilians (Myanmar)"


@pytest.fixture(scope="module")
def extractor():
    return Extractor()


def run(extractor, text, day="2024-05-15"):
    return extractor.extract(Article(text=text, date=date.fromisoformat(day)))


def only(events, sub):
    found = [e for e in events if e.sub_event_type == sub]
    assert found, [(e.sub_event_type, e.location) for e in events]
    return found


def test_weekday_airstrike_on_a_village_kills_civilians(extractor):
    # 2024-05-15 is a Wednesday: "on Monday" is 2024-05-13
    evs = run(extractor, "On Monday, junta jets bombed Kyauk Ye village in Banmauk Township, Sagaing Region, "
                         "killing four civilians and injuring seven others, residents said.")
    e = only(evs, "Air/drone strike")[0]
    assert (e.date, e.time_precision) == ("2024-05-13", 1)
    assert (e.admin1, e.admin3) == ("Sagaing", "Banmauk")
    assert e.actor1 == MIL and e.actor2 == CIV
    assert (e.fatalities, e.injuries) == (4, 7)
    assert e.claimant == "residents"
    assert {ev.field for ev in e.evidence} >= {"event_type", "date", "location", "fatalities", "injuries"}


def test_vague_time_gives_no_event(extractor):
    evs = run(extractor, "Near-daily clashes have continued across Sagaing Region in recent days as resistance "
                         "groups attack regime targets.")
    assert evs == []


def test_no_place_gives_no_event(extractor):
    evs = run(extractor, "On Tuesday, soldiers torched dozens of houses, the group said.")
    assert evs == []


def test_several_townships_give_one_event_each(extractor):
    evs = run(extractor, "Since last week the Kachin Independence Army has attacked junta troops in Muse, "
                         "Lashio and Kutkai townships.")
    clashes = only(evs, "Armed clash")
    assert sorted(e.admin3 for e in clashes) == ["Kutkai", "Lashio", "Muse"]
    for e in clashes:
        assert e.actor1.startswith("KIA") and e.actor2 == MIL
        assert (e.date, e.date_end, e.time_precision) == ("2024-05-06", "2024-05-15", 2)


def test_aggregate_is_kept_apart_and_its_breakdown_adds_no_events(extractor):
    evs = run(extractor, "A total of 210 clashes, including 80 shootouts and 40 ambushes, took place in Magway "
                         "Region in April, the resistance group said.")
    aggregates = [e for e in evs if e.aggregate]
    assert [(e.sub_event_type, e.event_count) for e in aggregates] == [("Armed clash", 210)]
    assert aggregates[0].date == "2024-04-01" and aggregates[0].date_end == "2024-04-30"
    assert not [e for e in evs if not e.aggregate]


def test_same_event_told_twice_is_one_event(extractor):
    evs = run(extractor, "Regime troops burned down Nyaung Pin village in Yesagyo Township on Sunday. "
                         "About 80 houses in Nyaung Pin were torched by the troops on Sunday, a villager said.")
    assert len(only(evs, "Looting/property destruction")) == 1


def test_two_days_two_events(extractor):
    evs = run(extractor, "Junta soldiers torched houses in Nyaung Pin village, Yesagyo Township, on Sunday. "
                         "On Tuesday they torched houses in Ywar Thit village, Yesagyo Township.")
    dates = sorted(e.date for e in only(evs, "Looting/property destruction"))
    assert dates == ["2024-05-12", "2024-05-14"]


def test_unquantified_injuries_are_null_and_flagged(extractor):
    evs = run(extractor, "On Monday, a junta airstrike hit Mindat Township, Chin State. Two villagers were "
                         "killed and others were injured.")
    e = only(evs, "Air/drone strike")[0]
    assert e.fatalities == 2
    assert e.injuries is None


def test_more_than_means_one_more(extractor):
    evs = run(extractor, "On Monday, junta shelling killed more than 10 civilians in Kanbalu Township, "
                         "Sagaing Region, according to local sources.")
    e = only(evs, "Shelling/artillery/missile attack")[0]
    assert e.fatalities == 11
    assert e.claimant == "local sources"


def test_outlet_could_not_verify(extractor):
    evs = run(extractor, "On Monday, junta shelling killed three civilians in Kanbalu Township, Sagaing Region, "
                         "according to the National Unity Government. We were unable to independently verify "
                         "the figures.")
    e = only(evs, "Shelling/artillery/missile attack")[0]
    assert e.verified is False
    assert e.claimant.startswith("NUG")


def test_rebels_seizing_a_base_overtake_territory(extractor):
    evs = run(extractor, "The Arakan Army seized a junta battalion headquarters in Buthidaung Township, "
                         "Rakhine State, on Monday after weeks of fighting.")
    e = only(evs, "Non-state actor overtakes territory")[0]
    assert e.event_type == "Battles"
    assert e.actor1.startswith("AA") and e.actor2 == MIL
    assert e.admin3 == "Buthidaung" and e.date == "2024-05-13"


def test_arrests_and_arson_on_one_raid_are_two_event_types(extractor):
    evs = run(extractor, "On Monday, regime troops raided Kan Gyi village in Myaing Township, Magway Region, "
                         "arrested 30 villagers and torched 50 houses, residents said.")
    subs = {e.sub_event_type for e in evs}
    assert {"Arrests", "Looting/property destruction"} <= subs
    for e in evs:
        assert e.actor1 == MIL


def test_other_country_uses_generic_actor_names(extractor):
    evs = run(extractor, "On Monday, an airstrike hit a market in El Fasher, North Darfur, killing 12 "
                         "civilians, witnesses said.")
    e = only(evs, "Air/drone strike")[0]
    assert e.country == "SDN"
    assert e.actor2 == "Civilians (Sudan)"
    assert e.fatalities == 12


def test_every_event_cites_its_trigger_text(extractor):
    text = "On Monday, junta shelling killed two civilians in Kanbalu Township, Sagaing Region."
    for e in run(extractor, text):
        for ev in e.evidence:
            assert text[ev.start:ev.end] == ev.text
        assert e.notes and e.notes.startswith("On ")


@pytest.mark.parametrize("text", [
    "The junta frequently retaliates with airstrikes on villages in Chin State.",
    "Regime troops are committing arson and arbitrary arrests across the country, including in Magway Region.",
    "The military has stepped up its attacks on civilian targets in Sagaing Region.",
])
def test_general_statements_without_a_date_give_no_event(extractor, text):
    assert run(extractor, text) == []


def test_a_general_word_does_not_hide_a_dated_event(extractor):
    evs = run(extractor, "On Monday, troops, who frequently raid the area, torched 20 houses in Nyaung Pin "
                         "village, Yesagyo Township.")
    assert only(evs, "Looting/property destruction")[0].date == "2024-05-13"


def test_the_fighting_refers_back_to_the_battle_told(extractor):
    evs = run(extractor, "On Monday the Arakan Army clashed with junta troops near Ann town, Rakhine State. "
                         "Four soldiers died in the fighting, the group said.")
    clashes = only(evs, "Armed clash")
    assert len(clashes) == 1
    assert clashes[0].fatalities == 4


@pytest.mark.parametrize("dateline", ["Naypyitaw, Example News – ", "BANGKOK: "])
def test_the_dateline_place_is_not_the_event_place(extractor, dateline):
    evs = run(extractor, dateline + "Junta troops torched 40 houses in a village on Monday, residents said.")
    assert evs == []  # the only place named is where the story was filed


def test_the_byline_date_does_not_date_events(extractor):
    evs = run(extractor, "Troops Burn Village By Example News 15 May 2024 Troops torched 40 houses in "
                         "Nyaung Pin village, Yesagyo Township, residents said.")
    assert evs == []  # no date of the event itself


def test_the_next_day_is_a_day_after_the_date_told(extractor):
    evs = run(extractor, "The Kachin Independence Army attacked a junta camp in Kutkai Township, Shan State, "
                         "on Sunday and seized the camp the next day.")
    seized = only(evs, "Non-state actor overtakes territory")[0]
    assert seized.date == "2024-05-13"  # Sunday 12 May + 1


def test_a_date_that_opens_a_running_total_dates_no_event(extractor):
    evs = run(extractor, "The Arakan Army has seized nine towns in Rakhine State since ending its ceasefire "
                         "with the junta in November.")
    assert [e for e in evs if not e.aggregate] == []


def test_a_weekday_names_the_day_of_the_full_date_told_before_it(extractor):
    # A late report: 2024-03-06 is a Wednesday, ten weeks before the paper of 2024-05-15.
    evs = run(extractor, "Junta troops detained eight villagers on March 6 2024 in Sagaing Region. Residents of "
                         "Kani Township said the soldiers shelled Hnaw Kone village on Wednesday before the raid.")
    shelling = only(evs, "Shelling/artillery/missile attack")[0]
    assert shelling.date == "2024-03-06"


def test_a_weekday_after_a_different_weekday_date_keeps_its_own_week(extractor):
    # 2024-03-07 is a Thursday, so "on Monday" is not anchored to it: the latest Monday, 2024-05-13.
    evs = run(extractor, "Junta troops detained eight villagers on March 7 2024 in Sagaing Region. Residents of "
                         "Kani Township said the soldiers shelled Hnaw Kone village on Monday.")
    shelling = only(evs, "Shelling/artillery/missile attack")[0]
    assert shelling.date == "2024-05-13"


def test_an_undated_sentence_deep_in_a_story_tells_the_last_dated_event(extractor):
    evs = run(extractor, "Junta troops raided Hnaw Kone village in Kani Township on Monday, residents said. "
                         "Many families fled into the forest. Most of them are still hiding there. "
                         "A member of the local defence force said his fighters clashed with the troops in "
                         "Kani Township.")
    clash = only(evs, "Armed clash")[0]
    assert clash.date == "2024-05-13" and clash.admin3 == "Kani"


@pytest.mark.parametrize("summing_up", [
    "The Arakan Army has seized all of Paletwa Township in Chin State.",
    "Thousands of soldiers have been detained in Paletwa Township since the launch of the offensive.",
])
def test_a_sentence_that_sums_up_borrows_no_distant_date(extractor, summing_up):
    evs = run(extractor, "Junta troops raided Hnaw Kone village in Kani Township on Monday, residents said. "
                         "Many families fled into the forest. Most of them are still hiding there. " + summing_up)
    assert all(e.admin3 != "Paletwa" for e in evs), [(e.sub_event_type, e.admin3) for e in evs]


def test_ongoing_fighting_in_a_neighbouring_place_is_no_event(extractor):
    evs = run(extractor, "Junta jets bombed Kyauk Ye village in Banmauk Township on Monday, residents said. "
                         "Many families fled. Most of them are still hiding. Banmauk borders Kachin State, where "
                         "fighting is ongoing between the Kachin Independence Army and the military.")
    assert not [e for e in evs if e.sub_event_type == "Armed clash"]


def test_a_toll_told_place_by_place_gives_each_place_its_own_figure(extractor):
    evs = run(extractor, "On Monday junta artillery pounded three townships in northern Shan State. Three people "
                         "in Kutkai and one each in Lashio and Hseni were killed in the shelling, a rescue worker said.")
    tolls = {e.admin3: (e.fatalities, e.actor2) for e in only(evs, "Shelling/artillery/missile attack")}
    assert tolls == {"Kutkai": (3, CIV), "Lashio": (1, CIV), "Hseni": (1, CIV)}


def test_one_toll_for_a_list_of_places_is_not_split(extractor):
    evs = run(extractor, "On Monday junta artillery hit Kutkai and Lashio townships in Shan State, and four "
                         "people were killed, a rescue worker said.")
    shelling = only(evs, "Shelling/artillery/missile attack")
    assert sorted(e.admin3 for e in shelling) == ["Kutkai", "Lashio"]
    # the toll is counted once, not once per place and not split
    assert sorted(e.fatalities or 0 for e in shelling) == [0, 4]


def test_a_passive_telling_takes_the_perpetrator_of_the_same_act_told_before(extractor):
    evs = run(extractor, "Junta troops torched 300 houses in Nyaung Pin village, Yesagyo Township, on Monday, "
                         "residents said. The remaining houses were set ablaze on Tuesday morning, a villager said.")
    arson = sorted(only(evs, "Looting/property destruction"), key=lambda e: e.date)
    assert [e.date for e in arson] == ["2024-05-13", "2024-05-14"]
    assert all(e.actor1 == MIL for e in arson)


def test_a_date_right_before_the_speech_verb_is_the_day_of_the_telling(extractor):
    evs = run(extractor, "Residents of Nyaung Pin village in Yesagyo Township on Tuesday reported the arson of "
                         "their homes to reporters.")
    assert evs == []  # the arson itself is not dated


def test_a_group_described_as_fighting_the_junta_is_no_battle(extractor):
    evs = run(extractor, "On Monday soldiers shot dead three farmers in Don Taw village, Salingyi Township. A "
                         "local report said the men belonged to a militia fighting the junta.")
    assert not [e for e in evs if e.sub_event_type == "Armed clash"]
    assert only(evs, "Attack")[0].fatalities == 3


def test_a_background_word_covers_both_triggers_it_joins(extractor):
    evs = run(extractor, "Residents of Ramree Township on Friday reported continuing fighting and junta "
                         "airstrikes.")
    assert evs == []


@pytest.mark.parametrize("habit", [
    "We ambush their troops in Hpakant Township when the time is right.",
    "They attack our posts in Hpakant Township whenever they can.",
])
def test_a_habit_told_in_the_present_is_no_event(extractor, habit):
    evs = run(extractor, "On Monday the Kachin Independence Army seized a police post in Hpakant Township. " + habit)
    assert not [e for e in evs if e.sub_event_type == "Armed clash"]


def test_a_village_told_again_takes_the_date_of_its_own_telling(extractor):
    evs = run(extractor, "On Sunday the Kachin Independence Army captured a police station at Mawhan village in "
                         "Mohnyin Township. On Monday it attacked an army camp in Hpakant Township. The whole "
                         "police station at Mawhan village was burned down, a resident said.")
    arson = only(evs, "Looting/property destruction")[0]
    assert (arson.location, arson.date) == ("Mawhan", "2024-05-12")


def test_a_date_opening_a_sentence_after_a_speech_verb_dates_the_event(extractor):
    evs = run(extractor, "Rebels took a hill camp in western Myanmar, residents told reporters. On Monday evening, "
                         "Arakan Army fighters seized the camp near Ge Laung village in Ann Township.")
    seized = only(evs, "Non-state actor overtakes territory")
    assert [e.date for e in seized] == ["2024-05-13"]


def test_an_attack_on_a_police_station_has_the_police_as_target(extractor):
    evs = run(extractor, "The army has lost ground across Kachin State. On Monday Kachin Independence Army "
                         "fighters attacked the police station in Mawhan village, Mohnyin Township.")
    clash = only(evs, "Armed clash")[0]
    assert clash.actor2 == "Police Forces of Myanmar (2021-)"


def test_police_named_beside_the_army_do_not_replace_it(extractor):
    evs = run(extractor, "On Monday Kachin Independence Army fighters attacked junta troops in Hpakant Township "
                         "while police officers watched.")
    assert only(evs, "Armed clash")[0].actor2 == MIL


def test_both_villages_are_the_villages_named_together_before(extractor):
    evs = run(extractor, "On Monday, Arakan Army fighters seized a camp near Ge Laung and Lone Kauk villages in "
                         "Ann Township. Nobody could be reached for comment. A junta helicopter shot at both "
                         "villages on Monday night, residents said.")
    strike = only(evs, "Air/drone strike")[0]
    assert (strike.admin3, strike.date) == ("Ann", "2024-05-13")


def test_a_figure_since_the_coup_is_a_running_total(extractor):
    evs = run(extractor, "More than 300 people in Thayetchaung Township have been hurt by landmines since the "
                         "attempted coup on February 1st, 2021, a monitor said.")
    assert [e for e in evs if not e.aggregate] == []


def test_people_burned_to_death_is_no_arson(extractor):
    evs = run(extractor, "On Tuesday troops shot eleven villagers in Don Taw village, Salingyi Township. "
                         "Residents said the men had been burned to death.")
    assert not [e for e in evs if e.sub_event_type == "Looting/property destruction"]


def test_where_the_wounded_were_taken_is_not_where_it_happened(extractor):
    evs = run(extractor, "On Monday junta jets bombed Kyauk Ye village in Banmauk Township. Later that day a "
                         "second airstrike hit the area and the wounded were taken to Monywa for treatment.")
    assert all(e.admin3 != "Monywa" for e in evs), [(e.sub_event_type, e.admin3) for e in evs]


def test_a_region_in_the_headline_takes_the_village_the_body_names(extractor):
    evs = run(extractor, "Junta troops massacre 11 villagers in Sagaing. Troops killed 11 villagers in Sagaing "
                         "Region on Tuesday, residents said. Video of the killings spread quickly. The footage "
                         "shocked many. Rights groups condemned it. The victims lived in huts outside Don Taw "
                         "village in Salingyi Township, a villager said.")
    attack = only(evs, "Attack")[0]
    assert (attack.admin3, attack.location, attack.fatalities) == ("Salingyi", "Don Taw", 11)


def test_an_unplaced_act_in_a_story_about_one_township_is_coded_there(extractor):
    evs = run(extractor, "Thousands fled Shwebo Township in Sagaing Region on Tuesday as troops raided villages, "
                         "residents said. One woman is due to give birth soon. She said soldiers looted money "
                         "and phones from her home last week.")
    looting = only(evs, "Looting/property destruction")[0]
    assert (looting.admin3, looting.date, looting.time_precision) == ("Shwebo", "2024-05-06", 2)


def test_villages_told_together_are_coded_at_the_township_the_story_names(extractor):
    evs = run(extractor, "Troops entered Ta Moke village in Khin-U Township on May 6, residents said. Soldiers "
                         "also torched dozens of houses in nearby Kalar Luu and Shar Lwin villages on May 7.")
    arson = [e for e in only(evs, "Looting/property destruction") if e.date == "2024-05-07"][0]
    assert (arson.admin3, arson.location, arson.geo_precision) == ("Khin-U", "Khin-U", 2)


def test_a_hyphenated_place_at_the_start_is_no_dateline(extractor):
    evs = run(extractor, "Troops torched Ta Moke village in Khin-U Township on Monday, residents said.")
    arson = only(evs, "Looting/property destruction")[0]
    assert (arson.admin3, arson.location) == ("Khin-U", "Ta Moke")


def test_thousands_of_people_is_no_tally_of_events(extractor):
    evs = run(extractor, "Thousands More Villagers Flee Junta Raids. Troops torched Ta Moke village in "
                         "Khin-U Township on Monday, residents said.")
    assert not [e for e in evs if e.aggregate]


def test_a_date_in_a_fronted_after_clause_dates_that_clause_only(extractor):
    evs = run(extractor, "Troops burned down Ywarzoe village in Shwebo Township on Tuesday. After suffering "
                         "losses in an ambush by resistance fighters on early Monday, around 200 junta troops "
                         "burned down Ywarzoe village.")
    arson = only(evs, "Looting/property destruction")
    assert [e.date for e in arson] == ["2024-05-14"]
    assert only(evs, "Armed clash")[0].date == "2024-05-13"


def test_troops_occupying_a_village_after_a_rebel_ambush_is_no_change_of_control(extractor):
    evs = run(extractor, "After an ambush by a People's Defense Force unit on Monday, junta troops occupied "
                         "Ywarzoe village in Shwebo Township.")
    assert not [e for e in evs if "territory" in e.sub_event_type]


def test_more_villages_in_the_area_are_where_the_same_act_was_told(extractor):
    evs = run(extractor, "On Friday, junta troops torched Sin Te village in Yesagyo Township, residents said. "
                         "The damage is not yet known. On Saturday morning, soldiers burned down five more "
                         "villages in the area.")
    arson = {e.date: e for e in only(evs, "Looting/property destruction")}
    assert arson["2024-05-11"].admin3 == "Yesagyo"


def test_several_villages_including_named_ones_are_coded_at_the_township(extractor):
    evs = run(extractor, "On Friday, the junta torched five villages, including Sin Te, in Yesagyo Township.")
    arson = only(evs, "Looting/property destruction")[0]
    assert (arson.location, arson.geo_precision) == ("Yesagyo", 2)


def test_one_named_survivor_is_one_injured_and_no_dead(extractor):
    evs = run(extractor, "On Monday a farmer stepped on a landmine near Kyar Inn village in Thayetchaung "
                         "Township. She sustained injuries to both legs.")
    mine = only(evs, "Remote explosive/landmine/IED")[0]
    assert (mine.fatalities, mine.injuries) == (0, 1)


def test_one_person_killed_is_one_dead(extractor):
    evs = run(extractor, "On Monday a farmer stepped on a landmine near Kyar Inn village in Thayetchaung "
                         "Township. He was killed instantly.")
    mine = only(evs, "Remote explosive/landmine/IED")[0]
    assert mine.fatalities == 1 and mine.injuries is None


def test_a_strike_near_a_village_with_no_one_hurt_has_no_target(extractor):
    evs = run(extractor, "Another airstrike took place on Sunday afternoon near Kyaung Lae village in Banmauk "
                         "Township, although residents reported no casualties.")
    strike = only(evs, "Air/drone strike")[0]
    assert (strike.actor2, strike.fatalities) == (None, 0)


def test_shelling_after_a_rebel_attack_targets_the_rebels(extractor):
    evs = run(extractor, "On Monday the Arakan Army attacked the Koe Tan Kauk border outpost in Rathedaung "
                         "Township and junta troops shelled the area.")
    shelling = only(evs, "Shelling/artillery/missile attack")[0]
    assert shelling.actor2.startswith("AA")


def test_shelling_that_kills_villagers_targets_civilians_even_amid_fighting(extractor):
    evs = run(extractor, "On Monday the Arakan Army attacked the border outpost in Rathedaung Township and "
                         "junta shelling killed two villagers.")
    assert only(evs, "Shelling/artillery/missile attack")[0].actor2 == CIV


def test_a_police_battalion_seized_in_the_passive_has_the_police_as_loser(extractor):
    evs = run(extractor, "Police Battalion 31 in Mrauk U was seized by the Arakan Army on Monday, the group said.")
    seized = only(evs, "Non-state actor overtakes territory")[0]
    assert seized.actor1.startswith("AA") and seized.actor2 == "Police Forces of Myanmar (2021-)"


@pytest.mark.parametrize("ongoing", [
    "The Arakan Army is also attacking the remaining junta bases in Maungdaw Township, it said on Monday.",
    "The junta is murdering and deliberately attacking civilians in Maungdaw Township, the group said on Monday.",
])
def test_the_present_progressive_tells_what_goes_on_not_an_event(extractor, ongoing):
    assert [e for e in run(extractor, ongoing) if e.sub_event_type == "Armed clash"] == []


def test_a_conditional_act_is_no_event(extractor):
    evs = run(extractor, "If the military launches air raids on Mawhan village in Mohnyin Township on Monday, "
                         "villagers will flee.")
    assert evs == []


def test_a_base_taken_after_weeks_of_clashes_is_one_territory_event(extractor):
    evs = run(extractor, "The Arakan Army has taken complete control of a junta battalion headquarters in "
                         "Buthidaung Township, it said. The group took control of the headquarters on Monday "
                         "after 32 days of intense clashes, it said.")
    assert [e.sub_event_type for e in evs] == ["Non-state actor overtakes territory"]
    assert evs[0].date == "2024-05-13" and evs[0].admin3 == "Buthidaung"


def test_fighting_since_the_military_seized_power_is_a_running_total(extractor):
    evs = run(extractor, "Fighting between the army and armed groups has increased in Kayin State since the "
                         "military overthrew the government on 1 February.")
    assert [e for e in evs if not e.aggregate] == []


def test_a_summary_over_a_named_military_region_is_placed_at_that_region(extractor):
    evs = run(extractor, "A total of 210 clashes were reported in April in the KNU's Military Region 2, which "
                         "comprises Bago Region and southern Shan State, the group said.", day="2024-05-15")
    summary = [e for e in evs if e.aggregate][0]
    assert summary.event_count == 210 and summary.admin1 is None
    assert summary.location == "KNU Military Region 2 (Bago, southern Shan)"


def test_clashes_reported_in_a_month_happened_in_that_month(extractor):
    evs = run(extractor, "A total of 64 clashes were reported in April in Sagaing Region, the group said.")
    summary = [e for e in evs if e.aggregate][0]
    assert (summary.date, summary.date_end, summary.time_precision) == ("2024-04-01", "2024-04-30", 3)


def test_it_said_gives_the_claim_to_the_group_that_spoke_before(extractor):
    evs = run(extractor, "The Arakan Army said it sank two navy boats last month. Police Battalion 31 in Mrauk U "
                         "was seized by the group on Monday, it said.")
    seized = only(evs, "Non-state actor overtakes territory")[0]
    assert seized.claimant == "AA: Arakan Army"


def test_it_said_with_no_group_speaking_before_gives_no_claimant(extractor):
    evs = run(extractor, "Police Battalion 31 in Mrauk U was seized by the Arakan Army on Monday, it said.")
    assert only(evs, "Non-state actor overtakes territory")[0].claimant is None


def test_a_tally_that_goes_on_after_a_since_clause_is_no_event_and_lends_no_figures(extractor):
    evs = run(extractor, "On Friday junta jets bombed Zel Lent village in Muse Township, media said. The group "
                         "said 200 houses had been destroyed by airstrikes since the launch of its offensive on "
                         "October 27. It said more than 60 civilians had been killed by junta airstrikes.")
    strikes = only(evs, "Air/drone strike")
    assert [(e.location, e.fatalities) for e in strikes] == [("Zel Lent", None)]


def test_previous_clashes_at_a_named_village_are_background(extractor):
    evs = run(extractor, "On Tuesday troops, who were hurt in previous Twinma village clashes, raided villages "
                         "in Myaing Township and arrested 40 civilians.")
    assert not [e for e in evs if e.sub_event_type == "Armed clash"]


def test_a_group_attacking_in_one_clause_and_troops_shelling_in_the_next_are_two_events(extractor):
    evs = run(extractor, "The Arakan Army attacked the Koe Tan Kauk border outpost in Rathedaung Township on "
                         "Monday and junta troops in Rathedaung shelled the area.")
    kinds = sorted(e.sub_event_type for e in evs)
    assert kinds == ["Armed clash", "Shelling/artillery/missile attack"]
    clash = only(evs, "Armed clash")[0]
    assert clash.actor1.startswith("AA") and clash.actor2 == MIL


def test_the_fighting_that_opens_a_sentence_with_its_own_place_and_date_is_an_event(extractor):
    evs = run(extractor, "Five resistance fighters were killed in Demoso Township, the group said. The fighting "
                         "near Ta Nee Lar Le village in Demoso Township between the army and the Karenni "
                         "Nationalities Defense Force started on 4 May.")
    clash = only(evs, "Armed clash")[0]
    assert (clash.date, clash.location) == ("2024-05-04", "Ta Nee Lar Le")


def test_the_ends_of_a_route_are_not_where_an_ambush_happened(extractor):
    evs = run(extractor, "The Yaw Revolution Army ambushed a junta convoy in Tilin Township on 5 May. The ambushes "
                         "began on 5 May as the convoy was carrying troops from Pakokku to Kyaukhtu.")
    assert [e.admin3 for e in only(evs, "Armed clash")] == ["Tilin"]


def test_weapons_fired_day_and_night_is_a_general_statement(extractor):
    evs = run(extractor, "Day and night, heavy weapons are also fired into Demoso Township.")
    assert evs == []


def test_a_figure_told_again_joins_the_event_that_first_gave_it(extractor):
    evs = run(extractor, "The Kachin Independence Army seized a junta camp in Kutkai Township on Monday, inflicting "
                         "at least 30 casualties, the group said. It had launched an attack on the camp on Sunday. "
                         "A KIA official said the group found the bodies of at least 30 dead junta troops.")
    seized = only(evs, "Non-state actor overtakes territory")[0]
    assert seized.fatalities == 30
    assert all(e.fatalities is None for e in evs if e.sub_event_type == "Armed clash")


def test_an_account_told_on_keeps_the_source_of_the_sentence_before(extractor):
    evs = run(extractor, "Residents of Nyaung Pin village in Yesagyo Township said troops raided the village on "
                         "Monday. The soldiers torched 40 houses before leaving.")
    assert only(evs, "Looting/property destruction")[0].claimant == "residents"


def test_the_landmine_with_no_time_or_place_of_its_own_is_the_one_told_before(extractor):
    evs = run(extractor, "On May 12 a farmer stepped on a landmine near Kyar Inn village in Thayetchaung "
                         "Township. In the first week of April, the junta launched operations in the area. "
                         "Residents said the landmine was planted by the junta.")
    mines = only(evs, "Remote explosive/landmine/IED")
    assert [e.date for e in mines] == ["2024-05-12"]


def test_during_the_airstrikes_joins_the_strike_told_before(extractor):
    evs = run(extractor, "Junta jets bombed Peik Ka Yar village in Mingin Township on Thursday, killing four "
                         "civilians. One resistance fighter was hurt while rescuing villagers during the airstrikes.")
    assert len(only(evs, "Air/drone strike")) == 1


def test_we_in_a_spokesmans_quote_is_the_group_that_spoke(extractor):
    evs = run(extractor, "An official from the drone unit led by the KNLA informed reporters about the fighting. "
                         "“Yesterday we used drones to attack the junta outposts in Kyainseikgyi Township,” the "
                         "official said.")
    strike = only(evs, "Air/drone strike")[0]
    assert strike.actor1.startswith("KNLA") and strike.actor2 == MIL
    assert strike.date == "2024-05-14"


def test_we_with_no_group_speaking_names_no_one(extractor):
    evs = run(extractor, "“Yesterday we used drones to attack the junta outposts in Kyainseikgyi Township,” a "
                         "man said.")
    assert not only(evs, "Air/drone strike")[0].actor1.startswith("KNLA")


def test_killings_beside_arrests_are_an_attack_of_their_own(extractor):
    evs = run(extractor, "On Monday troops killed four villagers and arrested 20 others in Nyaung Pin village, "
                         "Yesagyo Township, residents said.")
    attack = only(evs, "Attack")[0]
    arrests = only(evs, "Arrests")[0]
    assert attack.fatalities == 4 and arrests.fatalities is None


def test_a_regions_monthly_toll_is_a_summary_apart_from_the_single_events_in_it(extractor):
    evs = run(extractor, "The military killed a dozen civilians in Magway Region in the month of April, residents "
                         "said. Sources in Gangaw Township said 10 people were killed from April 8 to April 10 as "
                         "troops raided four villages.")
    summary = [e for e in evs if e.aggregate and e.sub_event_type == "Attack"]
    single = [e for e in evs if not e.aggregate and e.sub_event_type == "Attack"]
    assert [e.fatalities for e in summary] == [12] and [e.fatalities for e in single] == [10]


def test_others_hurt_in_the_attacks_join_the_strike_told_before(extractor):
    evs = run(extractor, "On Monday a junta airstrike on a camp in Waingmaw Township killed 29 people, including "
                         "11 children. At least 57 others were injured in the attacks.")
    strike = only(evs, "Air/drone strike")[0]
    assert (strike.fatalities, strike.injuries, strike.actor2) == (29, 57, CIV)
    assert len(evs) == 1


def test_a_group_whose_spokesman_tells_the_toll_is_the_claimant(extractor):
    evs = run(extractor, "Kachin Independence Army (KIA) spokesperson Col. Naw Bu said that 29 people were killed "
                         "in a junta airstrike on a camp in Waingmaw Township on Monday.")
    assert only(evs, "Air/drone strike")[0].claimant == "KIA: Kachin Independence Army"


def test_shelling_is_coded_where_the_shells_fell_not_where_they_were_fired_from(extractor):
    evs = run(extractor, "On Monday Light Infantry Battalion 344 in Sittwe shelled Kun Taung village in Ponnagyun "
                         "Township, the group said.")
    assert [e.admin3 for e in only(evs, "Shelling/artillery/missile attack")] == ["Ponnagyun"]


def test_a_sentence_with_its_own_named_speaker_does_not_borrow_the_source_before(extractor):
    evs = run(extractor, "The Rapid Support Forces shelled a market in Omdurman on Monday, killing 12 civilians, "
                         "local volunteers said. On Tuesday, the army carried out airstrikes on RSF positions in "
                         "Nyala, South Darfur, the military said.", day="2024-06-13")
    strike = only(evs, "Air/drone strike")[0]
    assert strike.country == "SDN" and strike.claimant == "Military Forces of Sudan"
    # rescue workers are named as written: gold and readers keep "emergency volunteer team" whole
    assert only(evs, "Shelling/artillery/missile attack")[0].claimant == "local volunteers"


def test_groups_of_rescuers_monitors_and_committees_are_named_as_written(extractor):
    evs = run(extractor, "Regime troops bombed Kawlin town in Sagaing Region on Monday, killing two civilians, "
                         "according to a local rescue group.")
    assert only(evs, "Air/drone strike")[0].claimant == "local rescue group"
    evs = run(extractor, "Shelling by the Rapid Support Forces killed 21 people in a market in El Fasher on Sunday, "
                         "a local resistance committee said.", day="2024-09-02")
    assert only(evs, "Shelling/artillery/missile attack")[0].claimant == "local resistance committee"


def test_an_attack_told_again_as_mortar_fire_is_one_shelling(extractor):
    evs = run(extractor, "On Monday troops torched Inn Sa village in Sagaing Township. The People's Army to Fight "
                         "Dictatorship resistance group said three regime soldiers were killed in a resistance "
                         "attack on the raiding party. “We shelled them in the village,” said a member of the "
                         "group.")
    assert not [e for e in evs if e.sub_event_type == "Armed clash"]
    shelling = only(evs, "Shelling/artillery/missile attack")[0]
    assert shelling.actor1 == "People's Army to Fight Dictatorship" and shelling.fatalities == 3


def test_killings_told_before_an_abduction_are_an_attack_of_their_own(extractor):
    evs = run(extractor, "At least nine people were killed when junta soldiers opened fire on villagers in Kyauk Ka "
                         "village, Monywa Township, on Monday, local sources said. The troops also abducted six men "
                         "and used them as human shields.")
    assert only(evs, "Attack")[0].fatalities == 9
    assert only(evs, "Abduction/forced disappearance")[0].fatalities is None


def test_a_town_that_is_its_townships_seat_names_the_township(extractor):
    evs = run(extractor, "The regime shelled Hpruso town in Karenni State on Saturday, damaging a school, "
                         "residents said.", day="2024-01-08")
    e = only(evs, "Shelling/artillery/missile attack")[0]
    assert (e.admin1, e.admin3, e.location, e.date) == ("Kayah", "Hpruso", "Hpruso", "2024-01-06")


def test_the_agent_after_by_did_it_and_the_armed_group_before_the_passive_suffered_it(extractor):
    evs = run(extractor, "Three members of a pro-junta Pyu Saw Htee militia were shot dead by unknown gunmen in "
                         "Taze Township on Wednesday night, local media reported.", day="2023-08-18")
    e = only(evs, "Attack")[0]
    assert (e.actor1, e.actor2, e.date) == ("Unidentified Armed Group (Myanmar)", "Pyu Saw Htee Militia", "2023-08-16")


def test_a_group_in_the_victims_description_is_not_the_killer(extractor):
    evs = run(extractor, "On Tuesday a ward administrator appointed by the military council was stabbed to death "
                         "in Kalay town, residents said.", day="2023-08-18")
    e = only(evs, "Attack")[0]
    assert (e.actor1, e.actor2) == ("Unidentified Armed Group (Myanmar)", CIV)
    assert (e.admin3, e.date) == ("Kale", "2023-08-15")


def test_weeks_of_fighting_before_a_capture_are_its_lead_up_not_an_event(extractor):
    evs = run(extractor, "Arakan Army fighters seized the town of Pauktaw on Sunday after weeks of fighting, the "
                         "group announced on Monday.", day="2024-03-12")
    assert [e.sub_event_type for e in evs] == ["Non-state actor overtakes territory"]
    assert evs[0].date == "2024-03-10"


def test_a_named_group_leads_the_generic_allies_told_with_it(extractor):
    evs = run(extractor, "The Kachin Independence Army and allied resistance forces captured a junta camp in Bhamo "
                         "Township on Sunday, the KIA said.", day="2024-05-02")
    e = only(evs, "Non-state actor overtakes territory")[0]
    assert e.actor1 == "KIA: Kachin Independence Army" and e.actor2 == MIL


def test_the_town_is_the_last_town_the_story_named(extractor):
    evs = run(extractor, "Arakan Army fighters seized the town of Pauktaw on Sunday. About 30 junta soldiers "
                         "surrendered, and the AA said it had taken weapons. The military responded with airstrikes "
                         "on the town on Monday afternoon, killing at least seven civilians.", day="2024-03-12")
    e = only(evs, "Air/drone strike")[0]
    assert (e.admin3, e.date, e.fatalities) == ("Pauktaw", "2024-03-11", 7)


PROTESTERS = "Protesters (Myanmar)"


@pytest.mark.parametrize("text,sub,actor2,killed", [
    ("Hundreds of residents of Yinmabin Township staged an anti-junta protest on Wednesday morning.",
     "Peaceful protest", None, None),
    ("Protesters marched through Chanayethazan Township in Mandalay on Sunday until police fired tear gas at them.",
     "Protest with intervention", "Police Forces of Myanmar (2021-)", None),
    ("On Sunday police opened fire on protesters in Monywa, killing three and injuring 10.",
     "Excessive force against protesters", "Police Forces of Myanmar (2021-)", 3),
    ("On Sunday soldiers shot dead two protesters in Monywa.",
     "Excessive force against protesters", MIL, 2),
])
def test_protests_are_coded_with_the_protesters_as_actor1(extractor, text, sub, actor2, killed):
    evs = run(extractor, text, day="2022-11-03")
    assert [e.sub_event_type for e in evs] == [sub]
    assert (evs[0].actor1, evs[0].actor2, evs[0].fatalities) == (PROTESTERS, actor2, killed)


def test_a_summary_keeps_its_period_when_it_absorbs_a_dated_act(extractor):
    evs = run(extractor, "Junta troops torched more than 700 houses in 18 villages of Magway Region in the month of "
                         "March, residents said. Troops raided Letpan Hla village on March 3 and burned down 50 "
                         "houses. A PDF member said the raid came after an attack. “They set them on fire,” said "
                         "the PDF member.", day="2022-04-01")
    summary = [e for e in evs if e.aggregate]
    assert summary and (summary[0].date, summary[0].date_end) == ("2022-03-01", "2022-03-31")


def test_shells_fired_count_munitions_not_events(extractor):
    evs = run(extractor, "Light Infantry Battalion 228 fired more than 20 artillery shells into Hnan Khar village in "
                         "Gangaw Township at about 10 pm on Thursday, killing a 12-year-old boy and wounding three "
                         "others, a local resistance group said.", day="2023-06-10")
    assert [(e.sub_event_type, e.aggregate) for e in evs] == [("Shelling/artillery/missile attack", False)]
    assert (evs[0].location, evs[0].date, evs[0].fatalities, evs[0].injuries) == ("Hnan Khar", "2023-06-08", 1, 3)


def test_a_state_body_that_reports_a_bombing_after_the_fact_did_not_do_it(extractor):
    evs = run(extractor, "A bomb exploded at a tea shop in Yangon’s Hlaing Tharyar Township on Monday evening, "
                         "injuring four customers, police said.", day="2023-04-05")
    e = only(evs, "Remote explosive/landmine/IED")[0]
    assert (e.actor1, e.actor2, e.injuries) == ("Unidentified Armed Group (Myanmar)", CIV, 4)
    assert e.claimant == "Police Forces of Myanmar (2021-)"


def test_a_side_that_lost_control_is_the_loser_and_the_report_date_dates_it(extractor):
    evs = run(extractor, "Myanmar’s military regime has lost control of the eastern border town of Myawaddy after a "
                         "Karen National Union-led offensive, the KNU said on Saturday. The Border Guard Force, "
                         "which switched sides in January, did not take part in the fighting, a BGF officer said.",
              day="2024-04-22")
    assert [(e.sub_event_type, e.date, e.admin3) for e in evs] == [
        ("Non-state actor overtakes territory", "2024-04-20", "Myawaddy")]
    assert evs[0].actor1 == "KNU: Karen National Union" and evs[0].actor2 == MIL


def test_a_ward_of_a_township_named_by_a_possessive_and_a_victim_tortured_to_death(extractor):
    evs = run(extractor, "On 14 May, soldiers arrested a 45-year-old man in Monywa’s Nandawun ward and tortured him "
                         "to death during interrogation, his family said.", day="2022-05-16")
    e = only(evs, "Attack")[0]
    assert (e.admin3, e.location, e.date, e.fatalities, e.claimant) == ("Monywa", "Nandawun", "2022-05-14", 1, "residents")


@pytest.mark.parametrize("text,actor2", [
    ("The TNLA and the RCSS fought near Namtu in Namtu Township on Tuesday.", "RCSS"),
    ("Clashes between the TNLA and the RCSS broke out in Kyaukme Township on Tuesday.", "RCSS"),
    ("The TNLA attacked RCSS positions in Kyaukme Township on Tuesday.", "RCSS"),
    ("The TNLA and allied RCSS troops fought in Kyaukme Township on Tuesday.", MIL),  # allies: the state is the foe
])
def test_two_armed_groups_that_fight_each_other_are_actor1_and_actor2(extractor, text, actor2):
    e = only(run(extractor, text, day="2023-07-07"), "Armed clash")[0]
    assert e.actor1.startswith("TNLA") and e.actor2.startswith(actor2)


def test_troops_backed_by_a_militia_lead_the_act(extractor):
    evs = run(extractor, "Junta troops backed by Pyu Saw Htee militia members raided four villages in Sagaing "
                         "Region’s Kani Township between September 5 and 8, killing seven civilians, local "
                         "resistance groups said.", day="2024-09-12")
    e = only(evs, "Attack")[0]
    assert (e.actor1, e.actor2, e.fatalities, e.admin3) == (MIL, CIV, 7, "Kani")
    assert (e.date, e.date_end) == ("2024-09-05", "2024-09-08")


def test_a_headline_run_into_the_text_does_not_double_the_toll_and_the_previous_day_follows_the_story(extractor):
    evs = run(extractor, "Junta Jets Bomb Village in Magway, Killing Nine Photo: Supplied Military aircraft bombed "
                         "Tha Pyay Aing village in Magway Region’s Pauk Township at around 3 pm on 3 March 2023, "
                         "killing nine villagers, according to the Pauk Township People’s Defense Force. The "
                         "previous day, troops had burned 20 houses in nearby Kyee Kan village.", day="2023-03-06")
    strike = only(evs, "Air/drone strike")[0]
    assert (strike.fatalities, strike.date, strike.location) == (9, "2023-03-03", "Tha Pyay Aing")
    assert only(evs, "Looting/property destruction")[0].date == "2023-03-02"


def test_a_groups_own_losses_to_its_own_mine_name_no_civilians(extractor):
    evs = run(extractor, "Two PDF members died and one was injured when a landmine they were laying exploded "
                         "prematurely in Kyunhla Township on Sunday, the township’s defence force said.",
              day="2023-05-09")
    e = only(evs, "Remote explosive/landmine/IED")[0]
    assert (e.actor1, e.actor2, e.fatalities, e.injuries) == ("PDF: People's Defense Force", None, 2, 1)


def test_an_act_told_in_the_past_perfect_of_a_report_takes_the_day_of_the_report(extractor):
    evs = run(extractor, "The Arakan Army announced on Sunday that it had captured all junta bases in Maungdaw "
                         "Township after months of fighting.", day="2024-11-11")
    assert [(e.sub_event_type, e.date, e.admin3) for e in evs] == [
        ("Non-state actor overtakes territory", "2024-11-10", "Maungdaw")]


def test_each_sides_losses_told_apart_add_up(extractor):
    evs = run(extractor, "The KNDF killed 20 junta soldiers during fighting in Pekon Township on June 15. Two KNDF "
                         "fighters were also killed.", day="2022-06-20")
    assert only(evs, "Armed clash")[0].fatalities == 22


def test_tolls_told_after_a_two_day_clash_join_it(extractor):
    evs = run(extractor, "Heavy fighting broke out between the Arakan Army and junta troops near Paletwa in Chin "
                         "State on Saturday and continued until Sunday evening. The AA said 11 soldiers were "
                         "killed. Three AA fighters were also killed, a source close to the group said.",
              day="2023-09-04")
    assert [(e.sub_event_type, e.fatalities) for e in evs] == [("Armed clash", 14)]


def test_a_drone_raid_on_a_police_station_is_the_attackers_against_the_police(extractor):
    evs = run(extractor, "Resistance forces in Sagaing Region’s Myinmu Township attacked a police station in Myinmu "
                         "town with drones on Friday night, killing three police officers, the Myinmu People’s "
                         "Defense Force said on Saturday. The PDF said it dropped six bombs on the station.",
              day="2023-12-18")
    e = only(evs, "Air/drone strike")[0]
    assert (e.actor1, e.actor2, e.fatalities, e.date) == (
        "PDF: People's Defense Force", "Police Forces of Myanmar (2021-)", 3, "2023-12-15")


# "according to the resistance": the one armed group outside the state that the article names
# is the group that speaks; with several, with none, or where that group is the one attacking
# civilians, the phrase stays as written.
RESISTANCE_SPEAKS = [
    ("After losses in an ambush by combined people’s defense forces (PDFs) on Monday, junta troops "
     "burned down Ywarzoe village in Shwebo Township. Two villagers were shot dead after being "
     "detained, according to the resistance forces that conducted the ambush.", "2022-01-26",
     "Attack", "PDF: People's Defense Force"),
    ("Junta jets bombed Hnar Char village in Mindat Township on Sunday, killing two civilians, "
     "according to southern Chin State resistance groups. The Chinland Defense Force (CDF) said it "
     "had attacked a junta convoy in the township last week.", "2023-04-18",
     "Air/drone strike", "CDF: Chinland Defense Force"),
    ("Troops torched 30 houses in Hnin Si Kan village in Myaing Township on Tuesday, according to "
     "resistance sources. Myaing PDF Brigade 1 later ambushed the column.", "2022-08-11",
     "Looting/property destruction", "Myaing PDF Brigade 1"),
    # two groups named: which spoke is not told
    ("Junta jets bombed Hnar Char village in Mindat Township on Sunday, killing two civilians, "
     "according to local resistance groups. The CDF and the PDF said they had attacked a junta "
     "convoy in the township last week.", "2023-04-18", "Air/drone strike", "local resistance groups"),
    # none named
    ("Junta jets bombed Hnar Char village in Mindat Township on Sunday, killing two civilians, "
     "according to local resistance groups.", "2023-04-18", "Air/drone strike", "local resistance groups"),
    # the named group is the one that attacked civilians
    ("The KIA shelled Hpakant town on Monday, killing three civilians, according to local resistance "
     "groups.", "2024-05-15", "Shelling/artillery/missile attack", "local resistance groups"),
    ("Shelling by the Rapid Support Forces killed 21 people in a market in El Fasher on Sunday, "
     "according to local resistance groups.", "2024-09-02", "Shelling/artillery/missile attack",
     "local resistance groups"),
    # a committee is named as written, whatever groups the article names
    ("Shelling by the Rapid Support Forces killed 21 people in a market in El Fasher on Sunday, "
     "a local resistance committee said.", "2024-09-02", "Shelling/artillery/missile attack",
     "local resistance committee"),
]


@pytest.mark.parametrize("text,day,sub,claimant", RESISTANCE_SPEAKS)
def test_the_resistance_that_speaks_is_the_one_armed_group_named(extractor, text, day, sub, claimant):
    evs = run(extractor, text, day=day)
    assert only(evs, sub)[0].claimant == claimant, [(e.sub_event_type, e.claimant) for e in evs]


def test_a_local_unit_is_the_claimant_under_its_own_name(extractor):
    evs = run(extractor, "Troops torched 30 houses in Hnin Si Kan village in Myaing Township on Tuesday, the "
                         "commander of Myaing PDF Brigade 1 said.", day="2022-08-11")
    e = only(evs, "Looting/property destruction")[0]
    assert e.claimant == "Myaing PDF Brigade 1"


def test_the_groups_spokesman_speaks_for_the_armed_group_named_before(extractor):
    evs = run(extractor, "The TNLA has been attacking junta bases in northern Shan State. The group’s spokesman "
                         "said junta jets bombed Namhsan town on Thursday, killing two civilians.", day="2023-11-24")
    e = only(evs, "Air/drone strike")[0]
    assert e.claimant == "TNLA: Ta'ang National Liberation Army"


def test_soldiers_and_a_militia_together_are_the_military_with_the_militia_associated(extractor):
    evs = run(extractor, "About 30 soldiers and Pyu Saw Htee members entered Chaung Gyi village in Ayadaw Township "
                         "on November 25, where they shot dead two men, according to the Ayadaw Township PDF.",
              day="2022-11-28")
    e = only(evs, "Attack")[0]
    assert (e.actor1, e.assoc_actor_1, e.fatalities) == (MIL, ["Pyu Saw Htee Militia"], 2)


def test_nobody_hurt_told_after_a_strike_gives_it_zero_casualties(extractor):
    evs = run(extractor, "Regime forces carried out airstrikes on Namhkan town in northern Shan State on January 7, "
                         "destroying a hospital, the TNLA said. Nobody was hurt.", day="2023-01-09")
    e = only(evs, "Air/drone strike")[0]
    assert (e.fatalities, e.injuries) == (0, 0)


def test_a_figure_beats_a_no_casualties_told_of_the_same_event(extractor):
    evs = run(extractor, "Resistance fighters ambushed a junta convoy near Kyauk Ka village in Monywa Township on "
                         "Monday. No casualties were reported at first. Later the group said 12 soldiers were "
                         "killed in the ambush.", day="2023-03-15")
    assert only(evs, "Armed clash")[0].fatalities == 12


def test_they_the_next_day_are_the_troops_of_the_sentence_before_a_day_later(extractor):
    evs = run(extractor, "The military council’s troops raided Pauk Taw village in Myaung Township, Sagaing Region, "
                         "on August 18 and arrested 12 people. The next day, they torched more than 50 houses in the "
                         "village, residents said.", day="2023-08-21")
    e = only(evs, "Looting/property destruction")[0]
    assert (e.actor1, e.date, e.location) == (MIL, "2023-08-19", "Pauk Taw")


def test_a_group_told_together_with_allies_leads_them(extractor):
    evs = run(extractor, "KNU’s armed wing, the KNLA, together with PDF forces, overran a junta outpost near "
                         "Kawkareik town on Friday, capturing 15 soldiers, KNU officials said.", day="2024-03-18")
    e = only(evs, "Non-state actor overtakes territory")[0]
    assert e.actor1 == "KNLA: Karen National Liberation Army" and e.actor2 == MIL


def test_an_unexploded_shell_that_goes_off_is_an_explosive_not_a_shelling(extractor):
    evs = run(extractor, "Two teenage boys were killed on Saturday when an unexploded artillery shell they found "
                         "near their home in Ywar Thit village, Minbu Township, exploded, local media reported.",
              day="2023-10-02")
    assert [(e.sub_event_type, e.fatalities) for e in evs] == [("Remote explosive/landmine/IED", 2)]


def test_a_headline_region_followed_by_village_is_no_village(extractor):
    evs = run(extractor, "Junta Airstrike Kills 12 in Sagaing Village A junta airstrike killed 12 civilians, including "
                         "three children, in Let Pan Hla village in Sagaing Region’s Ye-U Township on Tuesday "
                         "(March 5), residents told The Irrawaddy.", day="2024-03-07")
    e = only(evs, "Air/drone strike")[0]
    assert (e.admin3, e.location, e.fatalities, e.date) == ("Ye-U", "Let Pan Hla", 12, "2024-03-05")


def test_taking_control_of_a_named_town_is_a_change_of_territory(extractor):
    evs = run(extractor, "The Myanmar National Democratic Alliance Army (MNDAA) took full control of Lashio, the "
                         "capital of northern Shan State, on August 3, the group said.", day="2024-08-26")
    assert [(e.sub_event_type, e.date, e.admin3, e.actor1[:5]) for e in evs] == [
        ("Non-state actor overtakes territory", "2024-08-03", "Lashio", "MNDAA")]


def test_a_bomb_planted_that_exploded_is_an_explosive(extractor):
    evs = run(extractor, "At least five people were killed when a bomb planted by unknown perpetrators exploded at a "
                         "bus station in Thanbyuzayat town in Mon State on Sunday morning, police said.",
              day="2023-02-13")
    assert [(e.sub_event_type, e.fatalities) for e in evs] == [("Remote explosive/landmine/IED", 5)]


def test_shelling_is_coded_where_it_fell_not_where_the_gunners_were_stationed(extractor):
    evs = run(extractor, "Junta soldiers stationed at a monastery in Tant Se village, Budalin Township, fired "
                         "artillery at nearby Ma Gyi Sauk village on June 3 and 4, residents said, adding that "
                         "several houses were destroyed but nobody was killed.", day="2023-06-05")
    e = only(evs, "Shelling/artillery/missile attack")[0]
    assert (e.location, e.admin3, e.date, e.date_end, e.fatalities) == ("Ma Gyi Sauk", "Budalin", "2023-06-03",
                                                                       "2023-06-04", 0)


def test_an_ambush_on_the_road_between_two_towns_is_one_event_on_that_road(extractor):
    evs = run(extractor, "The KNDF said its fighters ambushed a junta convoy on the road between Loikaw and Demoso "
                         "in Kayah State on Sunday, killing nine soldiers. Three KNDF members were also wounded in "
                         "the attack, the group said.", day="2024-08-14")
    [clash] = only(evs, "Armed clash")
    assert (clash.location, clash.admin1, clash.admin3) == ("Loikaw-Demoso road", "Kayah", None)
    assert (clash.fatalities, clash.injuries) == (9, 3)


def test_a_separate_incident_with_no_known_place_is_coded_in_the_state_told_before(extractor):
    evs = run(extractor, "Gunmen abducted 14 passengers from a bus near Kaduna in Nigeria's Kaduna state on Sunday, "
                         "police said. Police said officers had been deployed. In a separate incident, gunmen killed "
                         "five farmers in a rural district on Saturday, residents said.", day="2024-01-22")
    [attack] = only(evs, "Attack")
    assert (attack.admin1, attack.fatalities, attack.date) == ("Kaduna", 5, "2024-01-20")


def test_a_separate_incident_does_not_borrow_the_village_of_the_event_before(extractor):
    evs = run(extractor, "Junta troops burned 40 houses in Kyauk Ye village in Banmauk Township, Sagaing Region, on "
                         "Monday. In a separate incident, soldiers shot dead two farmers on Tuesday, residents said.")
    killing = [e for e in evs if e.fatalities == 2]
    assert killing and all(e.location != "Kyauk Ye" for e in killing)


@pytest.mark.parametrize("where", ["in the town of Mellit, north of El Fasher,", "in Mellit, about 60 km north of El Fasher,",
                                   "in Mellit, north-west of El Fasher,"])
def test_a_place_told_as_a_bearing_for_another_is_not_a_second_event(extractor, where):
    evs = run(extractor, f"An army drone strike on a gathering {where} killed 12 people on Saturday, activists said.",
              day="2024-09-02")
    assert [(e.sub_event_type, e.location) for e in evs] == [("Air/drone strike", "Mellit")]


def test_a_bearing_alone_still_places_the_event(extractor):
    evs = run(extractor, "An army drone strike on a market 20 km north of El Fasher killed 12 people on Saturday.",
              day="2024-09-02")
    assert [e.location for e in evs] == ["El Fasher"]


def test_a_summary_is_coded_in_the_area_its_sentence_names(extractor):
    evs = run(extractor, "The junta carried out 12 airstrikes in Sagaing Region in September, killing at least 35 "
                         "civilians, according to data compiled by a local monitoring group.", day="2024-10-02")
    [summary] = [e for e in evs if e.aggregate]
    assert (summary.admin1, summary.admin3, summary.event_count, summary.fatalities) == ("Sagaing", None, 12, 35)
    assert summary.claimant == "local monitoring group"


def test_a_summary_over_townships_of_one_state_is_coded_in_that_state(extractor):
    evs = run(extractor, "Regime forces carried out 14 airstrikes on Mrauk-U and Kyauktaw townships in Rakhine State "
                         "in May, the Arakan Army said.", day="2024-06-05")
    [summary] = [e for e in evs if e.aggregate]
    assert (summary.admin1, summary.admin3, summary.location) == ("Rakhine", None, "Rakhine")


def test_a_report_of_strikes_in_two_countries_names_each_countrys_civilians_and_forces(extractor):
    evs = run(extractor, "Ukrainian drones struck an oil refinery in Russia's Samara region overnight, the regional "
                         "governor said. Earlier, Russian forces shelled the Ukrainian city of Kherson, killing two "
                         "people and wounding five, the regional administration said.", day="2024-04-09")
    strike = only(evs, "Air/drone strike")[0]
    assert (strike.actor1, strike.admin1, strike.country) == ("Military Forces of Ukraine", "Samarskaya oblast'", "RUS")
    shelling = only(evs, "Shelling/artillery/missile attack")[0]
    assert (shelling.actor1, shelling.actor2) == ("Military Forces of Russia", "Civilians (Ukraine)")
    assert (shelling.location, shelling.fatalities, shelling.injuries, shelling.date) == ("Kherson", 2, 5, "2024-04-08")
    assert shelling.claimant == "officials"


def test_a_source_close_to_the_military_is_a_local_source_and_then_goes_on_where_the_act_was(extractor):
    evs = run(extractor, "A drone attack by resistance forces on a junta checkpoint in Kyaukse town, Mandalay Region, "
                         "on Wednesday night killed two soldiers and wounded three others, a source close to the "
                         "military said. The Mandalay People's Defense Force claimed responsibility for the attack. "
                         "Junta troops then searched nearby houses and detained at least 10 residents.",
              day="2024-08-30")
    assert only(evs, "Air/drone strike")[0].claimant == "local sources"
    [arrests] = only(evs, "Arrests")
    assert (arrests.location, arrests.date, arrests.actor1) == ("Kyaukse", "2024-08-28", MIL)


def test_without_then_an_undated_unplaced_act_two_sentences_on_is_no_event(extractor):
    evs = run(extractor, "A drone attack by resistance forces on a junta checkpoint in Kyaukse town on Wednesday night "
                         "killed two soldiers. The Mandalay People's Defense Force claimed responsibility for the "
                         "attack. Junta troops detained residents in several places.", day="2024-08-30")
    assert not [e for e in evs if e.sub_event_type == "Arrests"]


def test_a_protest_and_its_dispersal_are_one_event_of_the_stronger_type_with_its_injured(extractor):
    evs = run(extractor, "Hundreds of residents of Lashio staged a protest on Monday against the new law. Security "
                         "forces used tear gas to disperse the crowd, witnesses said. Two protesters were injured.",
              day="2024-06-05")
    protests = [e for e in evs if e.event_type == "Protests"]
    assert [(e.sub_event_type, e.injuries) for e in protests] == [("Protest with intervention", 2)]


def test_fighting_on_the_day_a_post_falls_is_the_taking_of_it_and_the_group_said_is_that_group(extractor):
    evs = run(extractor, "The junta extended the state of emergency, state media said on Thursday. Meanwhile, fighting "
                         "continued in Rakhine State, where the Arakan Army overran a police outpost in Minbya Township "
                         "on Saturday, the group said.", day="2024-02-05")
    assert [(e.sub_event_type, e.date, e.claimant) for e in evs] == [
        ("Non-state actor overtakes territory", "2024-02-03", "AA: Arakan Army")]


def test_fighting_on_days_before_the_fall_stays_a_clash(extractor):
    evs = run(extractor, "The Arakan Army attacked the outpost in Minbya Township on Thursday. The group overran the "
                         "outpost on Saturday after two days of fighting, it said.", day="2024-02-05")
    assert ("Armed clash", "2024-02-01") in [(e.sub_event_type, e.date) for e in evs]
    assert ("Non-state actor overtakes territory", "2024-02-03") in [(e.sub_event_type, e.date) for e in evs]


@pytest.mark.parametrize("second", ["The fighting continued into Sunday, residents said.",
                                    "The clashes lasted until Sunday, residents said."])
def test_fighting_that_went_on_into_a_later_day_is_one_event_over_both_days(extractor, second):
    evs = run(extractor, "Fierce clashes broke out early on Saturday between the MNDAA and junta troops in Kutkai "
                         f"Township, northern Shan State. {second}", day="2024-05-13")
    assert [(e.sub_event_type, e.date, e.date_end) for e in evs] == [("Armed clash", "2024-05-11", "2024-05-12")]


def test_fighting_told_again_a_week_later_is_not_stretched(extractor):
    evs = run(extractor, "Clashes broke out on May 1 in Kutkai Township. Fighting resumed there on May 11, "
                         "residents said.", day="2024-05-13")
    assert all(e.date_end in (None, e.date) for e in evs)


def test_capturing_the_towns_compound_is_taking_territory_in_that_town(extractor):
    evs = run(extractor, "Heavy fighting has been raging around Bhamo, Kachin State, as the Kachin Independence Army "
                         "tries to take it. The KIA said on Sunday its troops had captured the town's university "
                         "compound and a police station on Saturday.", day="2024-09-09")
    [taken] = only(evs, "Non-state actor overtakes territory")
    assert (taken.date, taken.admin3, taken.actor1) == ("2024-09-07", "Bhamo", "KIA: Kachin Independence Army")


def test_an_armed_group_reporting_civilian_deaths_is_not_the_target(extractor):
    evs = run(extractor, "On Sunday, two fighter jets bombed Hpa Lan village in Chin State's Falam Township, killing "
                         "a couple and their daughter, the Chin National Front said.", day="2024-04-02")
    [strike] = only(evs, "Air/drone strike")
    assert (strike.actor2, strike.fatalities, strike.claimant) == (CIV, 3, "CNF: Chin National Front")


def test_fighters_killed_go_to_the_clash_their_side_fought_not_a_shelling_told_after_it(extractor):
    evs = run(extractor, "The TNLA said its troops clashed with junta soldiers near Ohn Chaw village in Nawnghkio "
                         "Township on Tuesday, and that the military shelled the village, injuring four residents. "
                         "A TNLA spokesman said two of its fighters were killed.", day="2024-07-19")
    assert only(evs, "Armed clash")[0].fatalities == 2
    shelling = only(evs, "Shelling/artillery/missile attack")[0]
    assert (shelling.fatalities, shelling.injuries) == (None, 4)


def test_a_perfect_tense_act_is_dated_and_placed_by_the_next_sentence_that_tells_no_act(extractor):
    evs = run(extractor, "Myanmar's junta has arrested the abbot of a monastery in Mandalay for sheltering young men, a "
                         "monk said. The abbot was taken from the monastery in Chanayethazan Township on Saturday night.",
              day="2024-04-29")
    [arrest] = only(evs, "Arrests")
    assert (arrest.date, arrest.admin3) == ("2024-04-27", "Chanayethazan")


def test_a_perfect_tense_act_does_not_take_the_date_of_a_next_act(extractor):
    evs = run(extractor, "Myanmar's junta has arrested the abbot of a monastery in Mandalay, a monk said. Troops shelled "
                         "a village in Chanayethazan Township on Saturday.", day="2024-04-29")
    assert not [e for e in evs if e.sub_event_type == "Arrests" and e.date == "2024-04-27"]


def test_the_group_a_town_was_captured_from_is_the_loser(extractor):
    evs = run(extractor, "Regime troops looted shops and homes in Kani town, Sagaing Region, after capturing it from "
                         "resistance forces on Thursday, residents said.", day="2024-07-22")
    [taken] = [e for e in evs if e.sub_event_type in ("Government regains territory", "Non-state actor overtakes territory")]
    assert (taken.sub_event_type, taken.actor1, taken.actor2) == (
        "Government regains territory", MIL, "PDF: People's Defense Force")


def test_abductees_found_dead_are_killed_by_the_abductors(extractor):
    evs = run(extractor, "Junta soldiers abducted 11 villagers from Kyun Taw village in Shwebo Township on Friday and "
                         "used them as human shields, the Shwebo PDF said. Two of the abductees were later found dead.",
              day="2024-03-04")
    [killing] = only(evs, "Attack")
    assert (killing.actor1, killing.actor2, killing.fatalities) == (MIL, CIV, 2)
    assert only(evs, "Abduction/forced disappearance")[0].fatalities is None


def test_executing_captured_fighters_is_an_attack_on_their_group_and_their_capture_no_territory(extractor):
    evs = run(extractor, "Junta troops executed five captured resistance fighters in Myinmu Township last week. "
                         "According to a member of the Myinmu PDF, the fighters were captured during a clash near "
                         "Sar Taung village on April 30.", day="2024-05-08")
    [attack] = only(evs, "Attack")
    assert (attack.actor1, attack.actor2, attack.fatalities) == (MIL, "PDF: People's Defense Force", 5)
    assert not [e for e in evs if e.sub_event_type == "Non-state actor overtakes territory"]
    assert only(evs, "Armed clash")[0].date == "2024-04-30"


def test_each_clause_of_a_sentence_takes_its_own_place_and_day(extractor):
    evs = run(extractor, "The military council's troops raided Thit Chat Seik village in Monywa Township on March 20 "
                         "and arrested 15 men, then raided neighbouring Ma Gyi Kone village the next day and burned "
                         "about 20 houses, residents said.", day="2024-03-25")
    assert (only(evs, "Arrests")[0].location, only(evs, "Arrests")[0].date) == ("Thit Chat Seik", "2024-03-20")
    burned = only(evs, "Looting/property destruction")[0]
    assert (burned.location, burned.date) == ("Ma Gyi Kone", "2024-03-21")


def test_each_place_listed_with_its_own_date_takes_that_date(extractor):
    evs = run(extractor, "Junta aircraft bombed Let Pan village in Wetlet Township on June 12 and Nyaung Kone village in "
                         "Shwebo Township on June 14, the NUG said.", day="2024-06-17")
    assert sorted((e.admin3, e.date) for e in only(evs, "Air/drone strike")) == [
        ("Shwebo", "2024-06-14"), ("Wetlet", "2024-06-12")]


def test_captured_fighters_set_on_fire_are_an_attack_by_the_captors_on_their_group(extractor):
    evs = run(extractor, "Junta forces raided Letpan Hla village in Pauk Township on March 3 and burned down 50 houses. "
                         "A PDF member said the raid came in response to an attack by his group on the military. "
                         "“We couldn’t stand it anymore,” said the PDF member. “They captured five of our comrades "
                         "alive and they set them on fire.”", day="2022-04-01")
    [attack] = only(evs, "Attack")
    assert (attack.actor1, attack.actor2, attack.fatalities) == (MIL, "PDF: People's Defense Force", 5)


def test_an_abandoned_base_taken_over_names_the_side_that_gains_it_first(extractor):
    evs = run(extractor, "The junta's troops in Paletwa abandoned their last base in the town on Sunday night, allowing "
                         "the Arakan Army to take over without a fight, the AA said.", day="2024-01-23")
    [handover] = only(evs, "Non-violent transfer of territory")
    assert (handover.actor1, handover.actor2) == ("AA: Arakan Army", MIL)


def test_a_civilian_who_died_in_crossfire_counts_in_the_clash(extractor):
    evs = run(extractor, "Junta troops and TNLA fighters exchanged fire on the edge of Kyaukme town on Sunday. A "
                         "60-year-old woman was hit by a stray bullet and died on the way to hospital, her son said.",
              day="2024-06-11")
    assert only(evs, "Armed clash")[0].fatalities == 1


def test_a_junta_run_office_bombed_and_blamed_on_terrorists_has_no_known_author(extractor):
    evs = run(extractor, "A car bomb exploded outside a junta-run administration office in Pyinmana on Sunday "
                         "afternoon, injuring at least three staff members, state media reported. The regime blamed "
                         "\"terrorists\" for the attack, its usual term for resistance groups.", day="2024-11-11")
    [bomb] = only(evs, "Remote explosive/landmine/IED")
    assert (bomb.actor1, bomb.injuries) == ("Unidentified Armed Group (Myanmar)", 3)


def test_a_junta_backed_militia_is_the_militia_not_the_junta(extractor):
    evs = run(extractor, "Members of the junta-backed Pyu Saw Htee militia abducted three villagers from Chaung Kwa "
                         "village in Kani Township on Wednesday, a relative said.", day="2024-03-29")
    assert only(evs, "Abduction/forced disappearance")[0].actor1 == "Pyu Saw Htee Militia"


def test_a_nationality_before_a_strike_names_that_countrys_jets(extractor):
    evs = run(extractor, "Israeli airstrikes on the southern Lebanese city of Nabatieh killed 12 people on Sunday, the "
                         "Lebanese health ministry said.", day="2024-09-30")
    [strike] = only(evs, "Air/drone strike")
    assert (strike.actor1, strike.actor2, strike.claimant) == ("Military Forces of Israel", "Civilians (Lebanon)",
                                                               "officials")


def test_victims_also_killed_add_to_those_told_before_and_a_speaker_is_not_the_killer(extractor):
    evs = run(extractor, "Junta troops shelled Mi Pha Yar village in Yesagyo Township on Friday, killing a woman and "
                         "injuring a 12-year-old boy, according to the local PDF. Ko Nway Oo, "
                         "leader of a resistance group, told The Irrawaddy that a child and an elderly woman were also "
                         "killed in the shelling.", day="2023-05-27")
    [shelling] = only(evs, "Shelling/artillery/missile attack")
    assert (shelling.actor1, shelling.fatalities, shelling.injuries) == (MIL, 3, 1)


def test_local_resistance_groups_as_a_source_are_named_as_written(extractor):
    evs = run(extractor, "The regime's Air Force bombed a market in Tabayin Township's Nyaung Pin Wun village on "
                         "Friday, killing at least 14 people, according to local resistance groups.", day="2024-10-28")
    assert only(evs, "Air/drone strike")[0].claimant == "local resistance groups"


def test_an_act_told_over_two_days_keeps_both_when_retold_on_one_of_them(extractor):
    evs = run(extractor, "Regime troops burned houses in Saiphyu village in Pakokku Township on Friday, residents said. "
                         "About 70 troops raided Saiphyu village on Thursday and Friday and burned houses, according to "
                         "residents.", day="2022-07-08")
    [arson] = only(evs, "Looting/property destruction")
    assert (arson.date, arson.date_end) == ("2022-07-07", "2022-07-08")


def test_a_fall_keeps_its_day_inside_days_of_fighting(extractor):
    evs = run(extractor, "The Arakan Army said it captured the town of Mrauk-U on Thursday after fighting on Wednesday "
                         "and Thursday.", day="2024-02-09")
    [taken] = only(evs, "Non-state actor overtakes territory")
    assert (taken.date, taken.date_end) == ("2024-02-08", None)


def test_a_date_told_with_the_act_beats_one_borrowed_and_the_fighting_referred_to_keeps_its_week(extractor):
    evs = run(extractor, "Regime airstrikes killed three civilians in Banmauk Township on Friday. The bombardment "
                         "followed fierce fighting between the military and local resistance forces. Clashes broke "
                         "out last week in the west of Banmauk Township. Junta forces took heavy casualties in the "
                         "fighting and responded on Friday afternoon by launching airstrikes.", day="2023-03-27")
    [clash] = only(evs, "Armed clash")
    assert (clash.date, clash.date_end) == ("2023-03-20", "2023-03-26")
    assert only(evs, "Air/drone strike")[0].date == "2023-03-24"


def test_actor_inputs_tell_any_change_of_what_fill_actors_reads():
    from clashmap.extract import assemble as asm
    from clashmap.extract.mentions import Mention

    def m(start, side="state"):
        return Mention("actors", start, start + 5, "troop", {"name": "X", "side": side})

    trig = Mention("triggers", 30, 37, "shelled", {"sub_event_type": "Shelling/artillery/missile attack"})
    f = asm.Frame("Shelling/artillery/missile attack", "Explosions/Remote violence", 0, trig, triggers=[trig],
                  pool=[m(0)], killed=[m(50, "civilians")], place={"name": "A", "level": "village"})
    seen = asm._actor_inputs(f)
    assert asm._same_objects(seen, asm._actor_inputs(f))
    assert not asm._same_objects(None, asm._actor_inputs(f))  # never filled
    changes = [lambda: f.pool.append(m(10)),  # grown in place (_absorb's +=)
               lambda: setattr(f, "killed", list(f.killed)),  # the same figures, another list: same objects
               lambda: setattr(f, "injured", [m(60, "civilians")]),
               lambda: setattr(f, "place", dict(f.place)),  # an equal place, yet another object
               lambda: setattr(f, "place_near", True),
               lambda: setattr(f, "sub_event_type", "Air/drone strike"),
               lambda: f.triggers.append(trig),
               lambda: setattr(f, "aggregate", True)]
    for k, change in enumerate(changes):
        before = asm._actor_inputs(f)
        change()
        same = asm._same_objects(before, asm._actor_inputs(f))
        assert same == (k == 1), k


def test_second_actor_filling_skipped_only_where_it_would_give_the_same(extractor, monkeypatch):
    # every frame filled again (as before the skip) gives the very same events
    from pathlib import Path

    from clashmap.extract import assemble as asm

    lines = (Path(__file__).resolve().parents[1] / "bench" / "reports_of_our_own.txt").read_text().splitlines()
    reports = [(line.split(" ", 2)[2], line.split(" ", 2)[1]) for line in lines if line.startswith("date ")]
    assert len(reports) >= 100
    skipped = [[e.to_dict() for e in run(extractor, text, day)] for text, day in reports]
    monkeypatch.setattr(asm, "_same_objects", lambda a, b: False)
    always = [[e.to_dict() for e in run(extractor, text, day)] for text, day in reports]
    assert skipped == always


def test_the_next_step_in_another_village_is_an_event_of_its_own(extractor):
    evs = run(extractor, "Junta forces burned down most of the houses in a Sagaing Township village on Friday morning, "
                         "according to residents. The regime forces then torched 10 houses in adjacent Ywa Thit village.",
              day="2023-04-22")
    assert sorted(e.location for e in only(evs, "Looting/property destruction")) == ["Sagaing", "Ywa Thit"]


def test_villagers_detained_and_used_as_human_shields_were_abducted_not_arrested(extractor):
    evs = run(extractor, "A column of SAC troops entered Hnan Khar village in Gangaw Township on Sunday and detained more "
                         "than a dozen villagers, including women and children, and used them as human shields, the "
                         "local PDF said.", day="2024-02-07")
    assert "Abduction/forced disappearance" in [e.sub_event_type for e in evs]
    assert "Arrests" not in [e.sub_event_type for e in evs]


def test_speaking_groups_by_bisection_agree_with_a_scan():
    # the groups in the order of the text are looked up by bisection; a scan of every group
    # (the way taken for groups out of order) must find the same speakers
    import random

    from clashmap.extract import assemble as asm
    from clashmap.extract.mentions import Mention

    rng = random.Random(5)
    words = ["the", "KIA", "said", "told", "it", "and", "troops", ".", "reported", "PDF", "officials", ","]
    for _ in range(300):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(5, 60)))
        actors, at = [], 0
        while True:
            at = text.find(rng.choice(["KIA", "PDF", "troops"]), at)
            if at < 0:
                break
            end = at + rng.choice([3, 6, 12])  # some groups reach over the next ones
            actors.append(Mention("actors", at, min(end, len(text)), text[at:end],
                                  {"name": text[at:at + 3], "side": rng.choice(["nonstate", "state", "civilians"]),
                                   "generic": rng.random() < 0.1}))
            at += 1
        tellings = []
        for _ in range(rng.randint(0, 4)):
            a = rng.randrange(len(text))
            tellings.append(Mention("attributions", a, min(len(text), a + rng.randint(1, 20)), "", {"form": "said"}))
        tellings.sort(key=lambda m: m.start)
        armed = [x for x in actors if x.value["side"] in ("nonstate", "state") and not x.value["generic"]]
        assert asm._speaking_groups(tellings, actors, text) == asm._speaking_groups_unordered(tellings, armed, text)


def test_a_frame_copied_for_a_place_keeps_every_field_and_owns_its_lists():
    from dataclasses import fields

    from clashmap.extract import assemble as asm
    from clashmap.extract.mentions import Mention

    trig = Mention("triggers", 30, 37, "shelled", {"sub_event_type": "Shelling/artillery/missile attack"})
    f = asm.Frame("Shelling/artillery/missile attack", "Explosions/Remote violence", 0, trig)
    # a value of its own type in every field, distinct where the type allows, so a field
    # dropped or two fields swapped show (the compiled Frame checks the types)
    # each field's annotation as written in the source (a compiled Frame keeps no "X | None")
    import ast
    from pathlib import Path

    tree = ast.parse((Path(asm.__file__).parent / "assemble.py").read_text(encoding="utf-8"))
    frame_class = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "Frame")
    written = {n.target.id: ast.unparse(n.annotation) for n in frame_class.body if isinstance(n, ast.AnnAssign)}

    def value(annotation: str, k: int):
        kind = annotation.split(" |")[0]
        if kind.startswith("list"):
            return [Mention("actors", k, k + 1, "x", {})]
        return {"str": f"v{k}", "int": 1000 + k, "bool": k % 2 == 0, "dict": {"k": k}, "set": {k},
                "tuple": (k,), "Mention": Mention("actors", k, k + 1, "x", {})}[kind]

    for k, fld in enumerate(fields(asm.Frame)):
        setattr(f, fld.name, value(written[fld.name], k))
    pool = [Mention("actors", 0, 5, "troop", {})]
    g = f.copy_for_place(pool)
    for fld in fields(asm.Frame):
        got, had = getattr(g, fld.name), getattr(f, fld.name)
        if fld.name == "pool":
            assert got is pool
        elif fld.name in ("killed", "injured", "triggers"):
            assert got == had and got is not had, fld.name  # its own list: a place adds its own
        else:
            assert got == had and (got is had or isinstance(got, int)), fld.name  # (compiled ints are re-boxed)
