"""Sentences of a page about other, earlier events."""

from __future__ import annotations

import sitrep


def _claims(resources, text: str, published: str = "2023-05-10"):
    events = sitrep.extract([{"id": "t", "text": text, "published": published}], resources)
    assert events
    return events[0]


def test_separate_incident_lends_no_toll(resources):
    text = (
        "Rockets hit a school in Kharkiv on Tuesday, killing 3 people, the regional governor said.\n\n"
        "Separately, shelling killed 2 people in the town of Kupiansk on Tuesday, officials said.\n"
    )
    events = sitrep.extract([{"id": "t", "text": text, "published": "2023-05-10"}], resources)
    by_place = {e.location: e.fatalities for e in events}
    assert by_place["Kharkiv"] == 3


def test_separate_incident_is_its_own_event_where_the_text_places_it(resources):
    text = (
        "Rockets hit a school in Kharkiv on Tuesday, killing 3 people, the regional governor said.\n\n"
        "Separately, shelling killed 2 people in the town of Kupiansk on Tuesday, officials said.\n"
    )
    events = sitrep.extract([{"id": "t", "text": text, "published": "2023-05-10"}], resources)
    assert sorted((e.location, e.fatalities) for e in events) == [("Kharkiv", 3), ("Kupyansk", 2)]


def test_separate_sentence_in_the_same_place_adds_no_event(resources):
    text = (
        "Rockets hit a school in Kharkiv on Tuesday, killing 3 people, the regional governor said.\n\n"
        "Separately, police in Kharkiv arrested two men who filmed the strike, officials said.\n"
    )
    events = sitrep.extract([{"id": "t", "text": text, "published": "2023-05-10"}], resources)
    assert [e.location for e in events] == ["Kharkiv"]


def test_paragraph_opened_by_an_earlier_attack_stays_background(resources):
    text = (
        "Gunmen killed 4 villagers near Dori in northern Burkina Faso on Tuesday, a local official said.\n\n"
        "In 2022, an attack on the town of Seytenga killed 86 people. The assault was the deadliest in "
        "the region, with 50 more people killed in nearby hamlets.\n"
    )
    event = _claims(resources, text)
    start = text.index("In 2022")
    assert event.fatalities == 4
    assert all(c.span[0] < start for c in event.claims if c.field == "fatalities")


def test_lead_with_an_old_year_is_still_the_event(resources):
    text = (
        "Gunmen killed 4 villagers near Dori, the worst attack there since 2019, officials said on Tuesday.\n"
    )
    assert _claims(resources, text).fatalities == 4
