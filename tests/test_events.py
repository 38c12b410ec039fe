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
