"""actor1 and actor2: the perpetrator the text names, claims of responsibility, and regime years
taken from the event's day, on sentences written for these tests."""

from __future__ import annotations

import re

import sitrep


def _event(resources, text: str, published: str | None = "2023-05-10"):
    events = sitrep.extract([{"id": "t", "text": text, "published": published}], resources)
    assert events, text
    return events[0]


def test_a_nations_artillery_is_its_armed_forces(resources):
    text = (
        "KHERSON, Ukraine - Russian artillery shelled a residential district of Kherson on Tuesday, "
        "killing two civilians, the regional governor said."
    )
    event = _event(resources, text)
    assert event.actor1 == "Military Forces of Russia (2000-)"
    assert event.inter1 == 8  # state forces outside their own country
    assert event.actor2 == "Civilians (Ukraine)"
    assert any(c.field == "actor1" and c.quote == "Russian artillery" for c in event.claims)


def test_a_nations_aircraft_are_its_armed_forces(resources):
    event = _event(
        resources, "Turkish drones struck a vehicle near Qamishli on Sunday, killing two fighters."
    )
    assert event.actor1.startswith("Military Forces of Turkey")


def test_the_group_that_claims_the_attack_is_actor1(resources):
    text = (
        "A roadside bomb killed four soldiers near Menaka on Monday. Islamic State Sahel Province "
        "claimed responsibility for the attack in a statement."
    )
    event = _event(resources, text, "2022-03-10")
    assert event.actor1 == "Islamic State (Greater Sahara)"
    assert any(c.field == "actor1" and c.quote == "Islamic State Sahel Province" for c in event.claims)


def test_a_claim_told_first_names_the_attacker_too(resources):
    text = "Al Shabaab claimed responsibility for a suicide bombing that killed 12 people at a cafe in Mogadishu."
    assert _event(resources, text, "2022-03-10").actor1 == "Al Shabaab"


def test_nobody_claiming_leaves_the_attacker_unidentified(resources):
    text = "A car bomb killed six people at a market in Baidoa on Friday. No group claimed responsibility."
    assert _event(resources, text, "2022-03-10").actor1.startswith("Unidentified Armed Group")


def test_regime_years_follow_the_event_day_not_the_publication_day(resources):
    # Published after a change of government, about an event before it.
    text = "On 3 May 2020, Nigerian troops clashed with bandits in Zamfara, the army said."
    assert _event(resources, text, "2023-06-20").actor1 == "Military Forces of Nigeria (2015-2023)"


def test_regime_years_follow_the_publication_day_when_the_text_gives_none(resources):
    text = "Nigerian troops clashed with bandits in Zamfara, the army said."
    assert _event(resources, text, "2020-05-06").actor1 == "Military Forces of Nigeria (2015-2023)"


def test_with_no_day_at_all_names_carry_no_regime_years(resources):
    event = _event(resources, "Nigerian troops clashed with bandits in Zamfara, the army said.", None)
    assert event.actor1 == "Military Forces of Nigeria"
    assert not re.search(r"\(\d{4}-", event.actor1 or "")


def test_a_person_captured_is_no_territory_taken_but_a_town_is(resources):
    import sitrep

    def sub(text):
        events = sitrep.extract([{"id": "t", "text": text, "published": "2019-02-17"}], resources)
        return events[0].sub_event_type if events else None

    assert sub("Militants captured a journalist and two nurses near Gao on Sunday.") == "Abduction/forced disappearance"
    assert sub("Rebels captured Manbij on Tuesday after heavy fighting, a monitor said.") == (
        "Non-state actor overtakes territory"
    )
