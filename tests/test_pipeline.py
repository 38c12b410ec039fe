"""The whole engine on a made-up multi-source page (written for these tests)."""

from __future__ import annotations

import sitrep
from sitrep.records import Document

PAGE = """Soldiers and gunmen clash near Menaka

Clash between Malian troops and gunmen near Menaka on 14 March 2023

Mali: army patrol ambushed near Menaka, killing 3

A Malian army patrol came under fire from gunmen near the town of Menaka on Tuesday, the army said in a statement. The soldiers returned fire and the attackers fled, the statement said.

Three soldiers were killed in the ambush, the army said.

A local official told Reuters that five people died, including two herders who were not involved in the fighting.

The local official said it was not clear whether the dead herders were civilians or members of a militia.

In 2019, an attack on a nearby base killed dozens of soldiers.

Related: Singer announces world tour after record album sales
Celebrity chef opens new restaurant in Paris
"""


def _events(resources, text=PAGE, published="2023-03-15"):
    return sitrep.extract([Document(id="page-1", text=text, published=published)], resources)


def test_page_yields_one_armed_clash_on_the_event_day(resources):
    events = _events(resources)
    assert len(events) == 1
    event = events[0]
    assert event.sub_event_type == "Armed clash"
    assert event.event_type == "Battles"
    assert event.event_date == "2023-03-14"
    assert event.country == "Mali"
    assert event.iso3 == "MLI"
    assert event.cameo and event.plover == "ASSAULT"


def test_lowest_credible_toll_wins_and_the_dispute_is_recorded(resources):
    event = _events(resources)[0]
    assert event.fatalities == 3
    fields = {c.field for c in event.contradictions}
    assert "fatalities" in fields
    assert "victim_status" in fields


def test_every_claim_quotes_its_span_exactly(resources):
    event = _events(resources)[0]
    assert event.claims
    for claim in event.claims:
        start, end = claim.span
        assert PAGE[start:end] == claim.quote


def test_junk_and_background_never_become_claims(resources):
    event = _events(resources)[0]
    junk_start = PAGE.index("Related:")
    background = PAGE.index("In 2019")
    for claim in event.claims:
        assert claim.span[0] < junk_start
        assert not (background <= claim.span[0] < background + 60)
    assert "dozens" not in {c.quote for c in event.claims}


def test_claims_name_who_makes_them(resources):
    event = _events(resources)[0]
    sources = {c.source for c in event.claims if c.field == "fatalities"}
    assert len(sources) >= 2
    assert event.notes and "3" in event.notes


def test_relative_day_resolves_against_publication_date(resources):
    text = "Gunmen killed four farmers in Zurmi on Sunday, police said."
    events = _events(resources, text, published="2022-05-18")
    assert events[0].event_date == "2022-05-15"


def test_same_input_gives_the_same_event_id(resources):
    assert _events(resources)[0].event_id == _events(resources)[0].event_id


def test_document_with_no_violence_yields_nothing(resources):
    text = "The central bank kept interest rates unchanged on Wednesday, citing slowing inflation."
    assert _events(resources, text) == []


def test_a_division_the_model_takes_for_a_person_still_places_the_event(resources) -> None:
    text = "Police said a gunman was shot dead at a roadblock outside Marin, Nuevo Leon, late on Sunday."
    events = sitrep.extract([{"id": "nl", "text": text, "published": "2020-04-28"}], resources)
    assert events[0].country == "Mexico"


def test_part_of_an_unknown_village_name_does_not_move_the_story_abroad(resources) -> None:
    text = "Dozens of students marched through Ain er Roummaneh, in Aley district, on Wednesday over fees."
    events = sitrep.extract([{"id": "ar", "text": text, "published": "2020-04-30"}], resources)
    assert events[0].country == "Lebanon"


def test_a_village_with_its_divisions_in_brackets_is_never_blanked_as_a_name(resources) -> None:
    text = "Troops killed a suspected arms courier on Sunday by the Kali hills outside Boundore (Boundore, Yagha)."
    events = sitrep.extract([{"id": "bf", "text": text, "published": "2020-05-08"}], resources)
    assert events[0].country == "Burkina Faso"


def test_a_rebel_group_of_several_countries_is_placed_where_the_places_are(resources) -> None:
    text = (
        "HPG fighters said Turkish drones struck one of their hideouts in the mountains near Amadiya, "
        "Dahuk, on Wednesday."
    )
    events = sitrep.extract([{"id": "pkk", "text": text, "published": "2020-04-30"}], resources)
    assert events[0].country == "Iraq"
