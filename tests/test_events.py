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
            "Al Shabaab fighters tossed a hand grenade into a tea shop in Beledweyne, wounding five.",
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
    assert (
        _code(resources, "A coalition spokesman denied that there had been an air strike in the area.") == []
    )


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
    text = "Police dispersed hundreds of demonstrators who had barricaded the main roads of Koutiala."
    assert _sub(resources, text) == "Violent demonstration"


def test_road_blocked_to_press_a_demand_is_a_protest_even_after_a_flood(resources):
    text = "Flood victims blocked the main road in Sylhet to demand relief supplies."
    assert _sub(resources, text) == "Peaceful protest"


def test_tour_operators_protesting_is_not_celebrity_news(resources):
    text = "Tour guides staged a protest in Dubrovnik against new visitor fees on Tuesday."
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
    text = "Arsonists set fire to three logging trucks near Tirua on Monday. No people were said to be injured or killed."
    assert _sub(resources, text) == "Looting/property destruction"


def test_fighters_storming_a_post_is_not_a_weather_story(resources):
    assert _sub(resources, "Fighters stormed a police post near Tillaberi on Monday, killing four officers.")


def test_crowd_killing_a_suspected_thief_is_mob_violence_not_plain_crime(resources):
    text = "A crowd of residents killed a suspected thief by burning him alive in Bunia after he was caught robbing a shop."
    assert _sub(resources, text) == "Mob violence"


def test_unknown_actors_are_not_a_celebrity_story(resources):
    assert _code(resources, "Gunfire and blasts by unknown actors were reported in Arish on Monday.")


def test_clashes_dated_a_day_earlier_do_not_absorb_the_shelling(resources):
    text = (
        "Government forces shelled the town of Kafr Zita on Monday, residents said, a day after clashes "
        "along the front left four fighters dead."
    )
    assert _sub(resources, text) == "Shelling/artillery/missile attack"


def test_armed_men_breaking_into_a_house_are_not_a_mob(resources):
    text = "Armed men stormed a family home in La Ceiba on Sunday and shot dead two brothers."
    assert _sub(resources, text) == "Attack"


# ------------------------------------------------------------------ events the coder used to miss


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Rebel fighters fired heavy machine guns at a cement factory outside Dhamar on Monday, and army "
            "units responded to the fire.",
            "Armed clash",
        ),
        (
            "Government forces destroyed a rebel tank with artillery fire near the Shabwa oil refinery on Friday.",
            "Shelling/artillery/missile attack",
        ),
    ],
)
def test_armed_men_firing_on_a_factory_is_not_an_industrial_accident(resources, text, expected):
    assert _sub(resources, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Supporters of the two rival parties fought one another in a market in Gitega, injuring six people.",
        "Two groups clashed in a village near Khandwa over a footpath, leaving 11 people injured.",
    ],
)
def test_unarmed_groups_fighting_each_other_are_mob_violence(resources, text):
    assert _sub(resources, text) == "Mob violence"


def test_smashing_an_office_front_with_sledgehammers_is_property_destruction(resources):
    text = "Activists smashed the windows of a bank branch in Exarchia with sledgehammers overnight."
    assert _sub(resources, text) == "Looting/property destruction"


@pytest.mark.parametrize(
    "text",
    [
        "A man was found by a roadside outside Celaya on Tuesday. The body was burned.",
        "Two men were found dead in a ditch near Iguala with their hands tied and signs of torture.",
    ],
)
def test_bodies_found_with_marks_of_violence_are_attacks(resources, text):
    assert _sub(resources, text) == "Attack"


@pytest.mark.parametrize(
    "text",
    [
        "Nurses padlocked the gates of the district health office in Tlapa to demand protective equipment.",
        "About forty residents gathered outside the town hall in Byblos and voiced their rejection of a landfill.",
        "Mothers of conscripts staged one-person protests outside the defence ministry in Moscow on Saturday.",
    ],
)
def test_gatherings_that_press_a_demand_are_peaceful_protests(resources, text):
    assert _sub(resources, text) == "Peaceful protest"


def test_earlier_event_named_as_the_cause_does_not_date_the_protest(resources):
    text = "Hundreds rallied in Tunis on Saturday to demand justice for the victims of last year's shipwreck."
    assert _sub(resources, text) == "Peaceful protest"


def test_protest_dated_last_year_stays_background(resources):
    assert _code(resources, "Protesters rallied in the capital last year against the new tax law.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The army said it had recaptured the town of Kalma from the rebels on Sunday.",
            "Government regains territory",
        ),
        (
            "Police said they had arrested the leader of a banned separatist group in Srinagar on Friday.",
            "Arrests",
        ),
    ],
)
def test_past_perfect_in_reported_speech_is_the_news_not_background(resources, text, expected):
    assert _sub(resources, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Insurgents set fire to a clinic and burned several houses in Ancuabe village.", "Looting/property destruction"),
        ("Rebel fighters moved into the town of Bunia hours after government troops pulled out.",
         "Non-violent transfer of territory"),
        ("Troops set up a new military outpost on a ridge near Amadiya.", "Headquarters or base established"),
        ("Thousands of families sought refuge in Goma after fighting between the army and militias nearby.", "Other"),
    ],
)  # fmt: skip
def test_strategic_developments_by_armed_groups(resources, text, expected):
    assert _sub(resources, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "A fire broke out at a textile factory outside Dhaka on Monday, and firefighters fought the blaze for hours.",
        "An explosion at a fertiliser plant near Homs injured 14 workers, the company said.",
        "A fire destroyed ten shops at the central market in Kumasi overnight, the fire service said.",
        "The family moved into a new house in Nairobi last month.",
        "The company took back its offer to the workers' union on Tuesday.",
        "The two teams clashed in the final at the national stadium on Sunday.",
        "A film crew was filming a documentary about the eruption of the volcano near Goma.",
        "Residents abandoned their homes as floods swept through the district.",
        "A man burned his hand while cooking at home in Lagos.",
    ],
)
def test_look_alikes_of_the_new_cues_stay_uncoded(resources, text):
    assert _code(resources, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Hackers attacked the computer network of a water utility in Tampere, disrupting billing for days.",
        "A boiler blew up in a hotel kitchen in Herat, injuring six staff; police ruled out an attack.",
        "The airline launched an aggressive assault on the regional travel market with cut-price fares.",
    ],
)
def test_cyber_attacks_ruled_out_attacks_and_business_rivalry_stay_uncoded(resources, text):
    assert _code(resources, text) == []


def test_occupied_as_a_place_name_is_not_a_transfer_of_territory(resources):
    text = "Israeli troops raided homes in the occupied West Bank town of Jenin overnight."
    assert _sub(resources, text) != "Non-violent transfer of territory"


def test_arrest_of_a_leader_at_a_court_is_still_an_arrest(resources):
    text = "Police arrested opposition leader Amos Banda outside the High Court in Lusaka on Monday."
    assert _sub(resources, text) == "Arrests"


def test_detainees_exchanged_by_warring_sides_is_an_agreement(resources):
    text = "Army and rebel negotiators exchanged 22 prisoners at a bridge near Kalemie on Sunday."
    assert _sub(resources, text) == "Agreement"


def test_fighters_occupying_an_abandoned_post_is_a_non_violent_transfer(resources):
    text = "Rebel fighters occupied an army post near Rutshuru that soldiers had left the day before."
    assert _sub(resources, text) == "Non-violent transfer of territory"


def test_a_crowd_beating_police_officers_is_mob_violence(resources):
    text = "A group of migrants beat and spat at two police officers who told them to disperse in Cucuta on Sunday."
    assert _sub(resources, text) == "Mob violence"


def test_a_band_of_robbers_is_not_a_crowd(resources):
    assert _code(resources, "A group of robbers beat a shopkeeper and stole his money in Lagos.") == []


def test_a_coordinated_verb_shares_its_partners_subject(resources):
    text = "Government troops found and destroyed a hidden airstrip near Puerto Lempira."
    assert _sub(resources, text) == "Looting/property destruction"


# ------------------------------------------------------------------ look-alikes of protests and prevention


def test_shells_that_struck_homes_are_shelling_not_a_strike(resources):
    text = (
        "Shells struck a camp for displaced families near Sake on Friday, killing six people, officials said. "
        "The United Nations called for an inquiry."
    )
    assert _sub(resources, text) == "Shelling/artillery/missile attack"


def test_workers_who_struck_are_still_a_strike(resources, nlp):
    from sitrep.extractors.events import scan_sentence

    lexicon = resources.triggers
    struck = next(nlp("Dock workers struck for two days over unpaid wages in Mombasa.").sents)
    hit = next(nlp("Rockets struck two schools in the city overnight.").sents)
    assert any(t.sub_event_type == "Peaceful protest" for t in scan_sentence(struck, 0, lexicon).triggers)
    assert not any(t.sub_event_type == "Peaceful protest" for t in scan_sentence(hit, 0, lexicon).triggers)


def test_fighting_people_fled_is_not_the_event(resources):
    text = (
        "Artillery shells hit a school sheltering families who fled fighting in Rutshuru on Monday, "
        "killing four people, local officials said."
    )
    assert _sub(resources, text) == "Shelling/artillery/missile attack"


def test_a_gun_attack_near_unnamed_blasts_is_not_a_battle(resources):
    text = (
        "Mortar rounds fell on a busy street in Baidoa on Sunday, killing three traders, police said. "
        "The militants said they had fired on army positions. Witnesses said the blasts shook the town."
    )
    assert _sub(resources, text) == "Shelling/artillery/missile attack"


def test_rockets_that_kill_despite_air_defence_are_not_prevented(resources):
    text = (
        "Rockets hit a housing estate in Kharkiv on Monday, killing three people, even though "
        "Ukrainian air defence was active over the city, the governor said."
    )
    assert _sub(resources, text) == "Shelling/artillery/missile attack"


def test_missiles_stopped_by_air_defence_with_no_harm_are_disrupted(resources):
    text = "Air defences intercepted four missiles over Odesa on Tuesday; no damage was reported, officials said."
    assert _sub(resources, text) == "Disrupted weapons use"


def test_stones_alleged_by_police_at_a_march_called_peaceful_is_excessive_force(resources):
    text = (
        "Police shot dead three demonstrators at a march against fuel prices in Kano on Monday. Witnesses "
        "said the march was peaceful. Police said protesters had thrown stones and set fire to a car."
    )
    assert _sub(resources, text) == "Excessive force against protesters"


def test_a_peaceful_march_that_turned_violent_is_a_riot(resources):
    text = (
        "A peaceful march against fuel prices in Kano turned violent on Monday when protesters set fire "
        "to a car, and police shot dead three demonstrators."
    )
    assert _sub(resources, text) == "Violent demonstration"


def test_protesters_urged_to_stay_peaceful_who_burned_tyres_are_rioters(resources):
    text = (
        "Protesters burned tyres and set fire to a car in Kano on Monday and police fired tear gas, "
        "after organisers had urged them to stay peaceful."
    )
    assert _sub(resources, text) == "Violent demonstration"


def test_a_bomb_that_kills_only_its_planters_is_still_disrupted(resources):
    text = (
        "Two militants were killed when a bomb they were carrying exploded prematurely near Kunduz on Friday."
    )
    assert _sub(resources, text) == "Disrupted weapons use"


def test_people_displaced_by_fighting_do_not_turn_shelling_into_a_clash(resources):
    text = "Shells hit a camp for people displaced by fighting near Goma on Friday, killing five."
    assert _sub(resources, text) == "Shelling/artillery/missile attack"


def test_residents_who_fled_the_fighting_are_not_its_fighters(resources):
    text = "Thousands of residents fled heavy fighting between the army and rebels in Rutshuru on Monday."
    assert _sub(resources, text) == "Armed clash"
