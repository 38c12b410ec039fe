"""Definitions that turn on who the actors are, and the document's event date."""

from __future__ import annotations

import sitrep


def _events(resources, text: str, published: str = "2021-06-10") -> list:
    return sitrep.extract([{"id": "t", "text": text, "published": published}], resources)


def _sub(resources, text: str) -> str | None:
    events = _events(resources, text)
    return events[0].sub_event_type if events else None


def test_shooting_an_on_duty_soldier_is_an_armed_clash(resources):
    assert (
        _sub(resources, "Unknown gunmen shot dead a soldier at a checkpoint near Gao on Friday.")
        == "Armed clash"
    )


def test_shooting_an_off_duty_soldier_at_home_stays_an_attack(resources):
    text = "Gunmen shot dead an off-duty soldier at his home in Maiduguri on Friday."
    assert _sub(resources, text) == "Attack"


def test_arrests_by_a_non_state_group_are_abductions(resources):
    text = "Al Shabaab fighters arrested three clan elders in Jilib on Tuesday."
    assert _sub(resources, text) == "Abduction/forced disappearance"


def test_arrest_by_state_police_stays_an_arrest(resources):
    text = "Police arrested the opposition leader at his home in Kampala on Tuesday."
    assert _sub(resources, text) == "Arrests"


def test_armed_group_handing_out_food_is_a_change_of_activity(resources):
    text = "Members of the Gulf Cartel distributed food parcels to families in Reynosa on Saturday."
    assert _sub(resources, text) == "Change to group/activity"


def test_council_handing_out_food_is_no_event(resources):
    assert (
        _events(resources, "The city council distributed food parcels to families in Reynosa on Saturday.")
        == []
    )


def test_parenthesised_range_after_the_stated_day_keeps_the_stated_day(resources):
    text = "Around 8 June 2021 (6-8 June), herders and farmers clashed with machetes near Bouna."
    events = _events(resources, text)
    assert events and events[0].event_date == "2021-06-08"
