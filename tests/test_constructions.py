"""Event types named by a verb and what it acts on, and the protest distinctions, on sentences
written for these tests."""

from __future__ import annotations

import pytest

import sitrep
from sitrep.extractors.constructions import Construction, matches


def _sub(resources, text: str) -> str | None:
    events = sitrep.extract([{"id": "t", "text": text, "published": "2022-03-10"}], resources)
    return events[0].sub_event_type if events else None


def test_a_construction_matches_the_object_of_a_phrasal_verb(nlp):
    base = Construction(frozenset({"set up"}), frozenset({"outpost"}), "Headquarters or base established")
    sent = next(nlp("The militia set up a new outpost near the river.").sents)
    found = [(sent[a:b].text, c.sub) for a, b, c in matches(sent, [base])]
    assert found == [("set up a new outpost", "Headquarters or base established")]


def test_a_construction_reads_passive_subjects_and_what_a_stash_is_of(nlp):
    seized = Construction(frozenset({"find"}), frozenset({"rifle"}), "Disrupted weapons use")
    sent = next(nlp("A stash of rifles and grenades was found in a barn outside the village.").sents)
    assert [c.sub for _, _, c in matches(sent, [seized])] == ["Disrupted weapons use"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The army has set up a new observation post on the hills above Kalaa.", "Headquarters or base established"),
        ("Soldiers found a cache of rifles, grenades and mortar rounds in a cave near Tora.", "Disrupted weapons use"),
        ("Several mortar shells and a box of grenades were discovered by farmers near Mwanza on Monday.",
         "Disrupted weapons use"),
        ("Police recovered two improvised explosive devices hidden under a bridge in Kandi.", "Disrupted weapons use"),
        ("Government troops took full control of the town of Dabo after two days of fighting with the rebels.",
         "Government regains territory"),
        ("Rebel fighters seized the district headquarters town of Kibo on Sunday.", "Non-state actor overtakes territory"),
        ("Army commandos freed three villages from the insurgents on Friday.", "Government regains territory"),
        ("Foreign troops withdrew from their base near Ayun on Tuesday, the ministry said.", "Change to group/activity"),
        ("The peacekeepers handed control of the camp back to the national army on Monday.",
         "Non-violent transfer of territory"),
        ("The militia's fighters entered Kolo without fighting after the garrison left.",
         "Non-violent transfer of territory"),
        ("Vandals attacked the offices and vehicles of the electoral commission in Beni overnight.",
         "Looting/property destruction"),
    ],
)  # fmt: skip
def test_verb_and_object_name_the_type(resources, text, expected):
    assert _sub(resources, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Protesters threw bottles and firecrackers at police during a march against the new tax in Rudo.",
         "Violent demonstration"),
        ("Clashes broke out between police and students protesting against fee rises in Abeni on Tuesday.",
         "Violent demonstration"),
        ("Nine demonstrators were shot dead in clashes with security forces clearing a bridge they had "
         "blocked in Kadi, doctors said.", "Excessive force against protesters"),
        ("Riot police chased demonstrators away from the ministry during a protest over wages in Sali.",
         "Protest with intervention"),
        ("Police used smoke grenades and pepper spray to disperse a rally against the mayor in Toma.",
         "Protest with intervention"),
        ("Officers beat demonstrators with batons at a sit-in outside the courthouse in Lenga.",
         "Excessive force against protesters"),
        ("Residents marched in Kora to demand water, saying they feared they would die of thirst.",
         "Peaceful protest"),
        ("Supporters of the ousted mayor rallied peacefully outside the town hall in Birni.", "Peaceful protest"),
    ],
)  # fmt: skip
def test_protest_types_turn_on_what_each_side_did(resources, text, expected):
    assert _sub(resources, text) == expected


def test_arrests_by_security_forces_are_news_beside_an_anniversary(resources):
    text = (
        "Security forces arrested dozens of opposition activists in Gara ahead of the anniversary of the "
        "uprising, their party said."
    )
    assert _sub(resources, text) == "Arrests"


def test_a_firefighter_battling_a_blaze_is_no_armed_doer(resources):
    assert _sub(resources, "Firefighters battled a blaze at a warehouse in Lagos for six hours.") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Police continue to arrest opposition activists in Lusa, their lawyers said on Tuesday.", "Arrests"),
        ("Police detained a dozen union leaders in Bara ahead of planned protests against the budget.", "Arrests"),
        ("Jets fired missiles at a market in Kassa on Sunday, killing four people.", "Air/drone strike"),
        ("Two militants blew themselves up at the gate of the police station in Tarn.", "Suicide bomb"),
        ("Rebel fighters attacked the army post at Kudu but were fended off after an hour.", "Armed clash"),
        ("Some 3,000 people have fled their villages near Dara because of attacks by the militia.", "Other"),
        ("Gunmen fired on a bus near Sora in retaliation for a poison gas attack on their town.", "Attack"),
    ],
)  # fmt: skip
def test_what_the_clause_reports_decides(resources, text, expected):
    assert _sub(resources, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The government withdrew from a missile pact with its neighbour on Thursday.",
        "The navy's new aircraft carrier sailed into port at Toulon on Monday.",
        "Gas cylinders exploded during a fire in a garage in Kasa, and fire fighters rescued two dogs.",
        "Chlorine gas leakage from a water plant sent forty people in Tema to hospital.",
    ],
)
def test_weapon_words_that_name_things_or_accidents_code_nothing(resources, text):
    assert _sub(resources, text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hand grenades were thrown into the market in Kismu during clashes between the army and rebels, "
         "wounding nine shoppers.", "Grenade"),
        ("Army helicopters fired rockets at rebel lines in Dala during clashes between the army and the rebels.",
         "Armed clash"),
        ("Rebels shot down an army helicopter with a rocket-propelled grenade near Tula on Friday.",
         "Shelling/artillery/missile attack"),
        ("Soldiers shot down a surveillance drone over the base at Mora on Sunday.", "Disrupted weapons use"),
        ("Troops cleared the fighters from Kanta and restored government control of the town.",
         "Government regains territory"),
    ],
)  # fmt: skip
def test_who_fired_and_what_was_hit_decide_the_weapon_type(resources, text, expected):
    assert _sub(resources, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Forty shops were burned down following a clash between two rival gangs in Mushin, police said.",
         "Looting/property destruction"),
        ("A roadside bomb was found and defused near the airport in Jaffna, the army said, after blasts "
         "killed 30 people in the city last week.", "Disrupted weapons use"),
        ("Congolese soldiers drove the rebels out of Kibumba after fierce fighting on Saturday.",
         "Government regains territory"),
        ("Twelve youths were arrested after they attacked police officers with sticks and stones in Kisumu.",
         "Mob violence"),
        ("Another night of protests in Rosario, where thousands marched and some smashed shop windows.",
         "Violent demonstration"),
    ],
)  # fmt: skip
def test_what_came_first_does_not_type_the_event(resources, text, expected):
    assert _sub(resources, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The chamber of commerce said the attacks on shops and warehouses in Aba had hurt the city.",
         "Looting/property destruction"),
        ("Soldiers captured a senior commander who led the unit that carried out a mortar attack on Baidoa.",
         "Arrests"),
        ("A patrol of soldiers was attacked with a grenade in the market of Baidoa on Sunday.", "Grenade"),
        ("Supporters of the governor attacked the army convoy at Ras, and the troops came under fire before "
         "they withdrew.", "Armed clash"),
        ("A group of men attacked a peaceful rally of teachers in Osh, injuring two.", "Protest with intervention"),
        ("Militiamen killed nine herders near Dilling, in revenge for a recent attack on their village.",
         "Attack"),
    ],
)  # fmt: skip
def test_whom_an_act_is_aimed_at_decides(resources, text, expected):
    assert _sub(resources, text) == expected


def test_weapons_seized_in_a_raid_are_a_seizure_not_a_fight(resources):
    assert (
        _sub(resources, "Police seized guns and ammunition in a raid on two houses in Kano.")
        == "Disrupted weapons use"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dozens of foreign-owned shops were looted in Jeppe overnight, police said.", "Looting/property destruction"),
        ("Attackers burned twenty houses in the village of Kuru on Sunday.", "Looting/property destruction"),
        ("The seizure of weapons at the port of Tema was the largest this year, the navy said.",
         "Disrupted weapons use"),
    ],
)  # fmt: skip
def test_property_and_seizures_named_as_such(resources, text, expected):
    assert _sub(resources, text) == expected


def test_a_fire_that_destroys_houses_is_no_actor(resources):
    assert (
        _sub(resources, "A fire destroyed twenty houses in Mathare overnight, the fire brigade said.") is None
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Riot police dispersed a crowd of opposition supporters with batons in Bujumbura.",
         "Protest with intervention"),
        ("Villagers beat to death two suspected cattle thieves near Kisii.", "Mob violence"),
        ("A crowd set upon a woman accused of witchcraft and burned her alive in Kilifi.", "Mob violence"),
        ("Thousands of residents were displaced by fighting in the north of the region, the UN said.", "Other"),
    ],
)  # fmt: skip
def test_crowds_and_the_displaced(resources, text, expected):
    assert _sub(resources, text) == expected


def test_a_planned_protest_has_not_happened(resources):
    assert _sub(resources, "Protests are planned for Saturday in several cities, organisers said.") is None


@pytest.mark.parametrize(
    "text",
    [
        "Nobody has been held to account for the use of barrel bombs in the long war, the envoy wrote.",
        "The regime has used chemical weapons more than 50 times since the war began, the report argues.",
        "Critics say the air force repeatedly used cluster munitions, and the courts have done nothing.",
        "The ministers discussed funding for the Organisation for the Prohibition of Chemical Weapons.",
    ],
)
def test_a_weapon_told_as_a_practice_or_in_a_name_is_no_event(resources, text):
    assert _sub(resources, text) is None


def test_a_weapon_used_on_a_day_in_a_place_is_an_event(resources):
    text = "The use of chlorine gas in Saraqib on Sunday left eleven people struggling to breathe, medics said."
    assert _sub(resources, text) == "Chemical weapon"


@pytest.mark.parametrize(
    "text",
    [
        "The summit was staged to demonstrate the president's ability to wield influence, analysts said.",
        "Her courage demonstrated the strength of the movement, her comrades wrote.",
        "The naval drill off the coast was a demonstration of force, the ministry said.",
        "Ankara has long protested at the alliance between Washington and the Kurdish militia.",
    ],
)
def test_showing_something_and_a_state_objecting_are_no_protest(resources, text):
    assert _sub(resources, text) is None


def test_people_who_demonstrate_somewhere_protest(resources):
    assert _sub(resources, "Thousands demonstrated in Ankara on Sunday against the decision.") == "Peaceful protest"


def test_a_place_described_as_retaken_is_no_news_of_its_taking(resources):
    assert _sub(resources, "Families are slowly returning to villages recaptured from the militants, an aid agency said.") is None
    assert _sub(resources, "The army retook three districts from the militants on Friday, the governor said.") == (
        "Government regains territory"
    )


def test_gunmen_who_struck_made_an_attack_not_a_strike(resources):
    text = "Gunmen riding motorcycles struck in the early afternoon, attacking farmers in their fields near Dikwa."
    assert _sub(resources, text) == "Attack"
