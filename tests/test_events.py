"""The coder's definitions, on sentences written for these tests."""

from __future__ import annotations

import pytest

import sitrep


def _code(resources, text: str, published: str | None = "2021-06-10") -> list:
    return sitrep.extract([{"id": "t", "text": text, "published": published}], resources)


def _sub(resources, text: str) -> str | None:
    events = _code(resources, text)
    return events[0].sub_event_type if events else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("An air strike on the market in Kafr Nabl killed nine civilians on Tuesday.", "Air/drone strike"),
        ("Gunmen on motorbikes killed seven villagers in Zurmi on Monday night.", "Attack"),
        (
            "Police fired tear gas to disperse about 300 protesters outside parliament in Nairobi.",
            "Protest with intervention",
        ),
        (
            "Protesters threw stones at police and burned tyres on the main road in Tripoli.",
            "Violent demonstration",
        ),
        ("Hundreds of teachers marched peacefully in Lima to demand higher pay.", "Peaceful protest"),
        (
            "Soldiers shot dead four demonstrators during a rally against the junta in Mandalay.",
            "Excessive force against protesters",
        ),
        ("Militants attacked an army checkpoint near Gao, killing three soldiers.", "Armed clash"),
        (
            "Bomb disposal experts defused a roadside bomb near the police station in Kirkuk.",
            "Disrupted weapons use",
        ),
        (
            "A suicide bomber blew himself up at a checkpoint in Mogadishu, killing four guards.",
            "Suicide bomb",
        ),
        ("Villagers lynched a suspected cattle thief in Kasese on Sunday.", "Mob violence"),
        ("Gunmen abducted 12 passengers from a bus on the Kaduna highway.", "Abduction/forced disappearance"),
        (
            "Al Shabaab militants threw a hand grenade into a tea shop in Beledweyne, wounding five.",
            "Grenade",
        ),
        ("The army and rebels signed a ceasefire agreement in Juba on Thursday.", "Agreement"),
    ],
)
def test_sub_event_types_follow_the_codebook_definitions(resources, text, expected):
    assert _sub(resources, text) == expected


def test_air_strike_that_kills_civilians_is_an_air_strike_not_an_attack(resources):
    assert (
        _sub(resources, "Warplanes bombed a village near Idlib, killing six civilians.") == "Air/drone strike"
    )


def test_grenade_into_a_protest_is_excessive_force(resources):
    text = "A grenade thrown into a rally of opposition protesters in Bujumbura killed two demonstrators."
    assert _sub(resources, text) == "Excessive force against protesters"


def test_returned_fire_turns_a_one_sided_attack_into_a_clash(resources):
    text = "Rebels fired rockets at an army base near Beni, and the soldiers returned fire."
    assert _sub(resources, text) == "Armed clash"


def test_arrest_named_as_a_grievance_is_not_an_intervention(resources):
    text = "Journalists held a protest in Karachi against the arrest of their editor."
    assert _sub(resources, text) == "Peaceful protest"


def test_threatened_strikes_are_not_an_event(resources):
    assert _code(resources, "The defence minister threatened to launch air strikes on rebel bases.") == []


def test_denied_air_strike_is_not_an_event(resources):
    assert _code(resources, "A coalition spokesman said there was no air strike in the area.") == []


@pytest.mark.parametrize(
    "text",
    [
        "A gas cylinder explosion at a restaurant in Karachi killed five diners, police said.",
        "A passenger plane crashed on approach to the airport, killing all 40 people on board.",
        "Flash floods swept through the valley, killing 23 people and destroying bridges.",
        "The striker fired a shot that killed off the visitors' hopes in the title race.",
        "Oil prices came under attack as traders sold off on weak demand.",
        "A man stabbed his wife to death during a quarrel at their home, police said.",
    ],
)
def test_accidents_sport_markets_and_plain_crime_yield_no_event(resources, text):
    assert _code(resources, text) == []


# ------------------------------------------------------------------ ranged fire inside a battle


@pytest.mark.parametrize(
    "text",
    [
        "Army units and rebels clashed near Kidal on Tuesday amid heavy shelling of rebel positions.",
        "Government and rebel forces exchanged artillery fire across the river near Malakal on Monday.",
        "Special forces, backed by air strikes, killed 12 insurgents in an operation in Kunduz on Monday.",
        "Gunmen attacked a police patrol with grenades and rifles in San Pedro Sula, killing two officers.",
    ],
)
def test_ranged_fire_inside_ground_fighting_is_an_armed_clash(resources, text):
    assert _sub(resources, text) == "Armed clash"


def test_shelling_fired_back_on_is_an_armed_clash(resources):
    text = "Rebels shelled army positions outside Ndele on Friday. The soldiers fired back, killing three rebels."
    assert _sub(resources, text) == "Armed clash"


# ------------------------------------------------------------------ seizures are not territory


def test_police_seizing_drugs_is_a_property_seizure_not_territory(resources):
    text = "Federal police seized two tons of cocaine hidden in a truck near Foz do Iguacu on Monday."
    assert _sub(resources, text) == "Looting/property destruction"


def test_seized_ammunition_is_disrupted_weapons_use(resources):
    text = "Soldiers seized a truckload of ammunition at a checkpoint near Menaka on Monday."
    assert _sub(resources, text) == "Disrupted weapons use"


# ------------------------------------------------------------------ crowds: how they protested


def test_tyres_burned_as_the_protest_itself_make_a_violent_demonstration(resources):
    text = "Residents demonstrated by burning tyres on the highway in Gonaives to demand electricity."
    assert _sub(resources, text) == "Violent demonstration"


def test_demonstrators_barricading_roads_make_a_violent_demonstration(resources):
    text = "Police dispersed a large number of demonstrators barricading the main roads of Koutiala."
    assert _sub(resources, text) == "Violent demonstration"


def test_road_blocked_to_press_a_demand_is_a_protest_even_after_a_flood(resources):
    text = "Flood victims blocked the main road in Sylhet to demand relief supplies."
    assert _sub(resources, text) == "Peaceful protest"


def test_tour_operators_protesting_is_not_celebrity_news(resources):
    text = "Tour operators held a protest in Dubrovnik against new visitor fees on Tuesday."
    assert _sub(resources, text) == "Peaceful protest"


# ------------------------------------------------------------------ property and people


def test_coordinated_verb_is_not_made_hypothetical_by_its_partner(resources):
    text = "Militants stopped and looted a fuel truck near Mocimboa da Praia on Monday."
    assert _sub(resources, text) == "Looting/property destruction"


def test_arson_attack_on_a_building_is_property_destruction(resources):
    text = "Anarchists carried out an arson attack on a bank branch in Thessaloniki, causing heavy damage."
    assert _sub(resources, text) == "Looting/property destruction"


def test_looting_in_which_people_are_killed_is_an_attack(resources):
    text = "Bandits killed two traders and looted their shops in Zamfara on Sunday."
    assert _sub(resources, text) == "Attack"


def test_denied_injuries_do_not_turn_arson_into_an_attack(resources):
    text = "Arsonists set fire to three logging trucks near Tirua on Monday. No people were reported injured or killed."
    assert _sub(resources, text) == "Looting/property destruction"


def test_fighters_storming_a_post_is_not_a_weather_story(resources):
    assert _sub(resources, "Fighters stormed a police post near Tillaberi on Monday, killing four officers.")


def test_crowd_killing_a_suspected_thief_is_mob_violence_not_plain_crime(resources):
    text = "A group of residents killed a man by setting him on fire in Bunia after he was caught robbing a shop."
    assert _sub(resources, text) == "Mob violence"


def test_unknown_actors_are_not_a_celebrity_story(resources):
    assert _code(
        resources, "Gunshots and explosions involving unknown actors were reported in Arish on Monday."
    )


def test_clashes_dated_a_day_earlier_do_not_absorb_the_shelling(resources):
    text = (
        "Government forces shelled the town of Kafr Zita on Monday, residents said, a day after clashes "
        "along the front left four fighters dead."
    )
    assert _sub(resources, text) == "Shelling/artillery/missile attack"


def test_armed_men_breaking_into_a_house_are_not_a_mob(resources):
    text = "Armed men broke into a house in La Ceiba on Sunday and shot dead two brothers."
    assert _sub(resources, text) == "Attack"
