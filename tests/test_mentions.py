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


# --------------------------------------------------------------------------- multi-outlet pages


def _page(resources, text: str, published: str = "2022-09-14"):
    events = _events(resources, text, published)
    assert events, "the page should yield its main event"
    return events[0]


def _disputed(event) -> set[str]:
    return {c.field for c in event.contradictions}


def test_toll_said_to_have_risen_replaces_the_first_count(resources):
    text = (
        "Gunmen attacked the village of Tanwalbougou in eastern Burkina Faso on Tuesday, killing 9 civilians, "
        "a local official said.\n\n"
        "By Tuesday night the death toll had risen to 15 after more bodies were found, the official said.\n"
    )
    assert _page(resources, text).fatalities == 15


def test_lowest_figure_wins_when_sources_differ(resources):
    text = (
        "A car bomb exploded at a market in Kirkuk on Tuesday, killing 4 people, police said.\n\n"
        "A hospital source said 6 people had been killed.\n"
    )
    event = _page(resources, text)
    assert event.fatalities == 4 and "fatalities" in _disputed(event)


def test_outlets_naming_different_weapons_dispute_the_type(resources):
    text = (
        "An army air strike hit a fuel depot in Kutum in Sudan's North Darfur state on Tuesday, killing 6 "
        "people, medics said.\n\n"
        "A local radio station, citing residents, reported that the depot had been hit by artillery shells "
        "fired from army positions.\n"
    )
    event = _page(resources, text)
    assert event.sub_event_type == "Air/drone strike" and "sub_event_type" in _disputed(event)


def test_statements_of_who_died_dispute_the_victim_status(resources):
    text = (
        "A drone strike hit a pickup truck near Jilib in southern Somalia on Tuesday, killing 3 people, "
        "officials said.\n\n"
        "A military official said the men were members of al-Shabaab.\n\n"
        "Elders in the nearby village said the three were civilians returning from a market.\n"
    )
    assert "victim_status" in _disputed(_page(resources, text))


def test_army_and_rebels_blaming_each_other_dispute_the_perpetrator(resources):
    text = (
        "Shells hit a camp for displaced people near Bunia in eastern Congo on Tuesday, killing 5 people, "
        "the United Nations said.\n\n"
        "An army spokesman said CODECO militiamen had fired the shells.\n\n"
        "A CODECO spokesman rejected the claim and said the Congolese army had shelled the camp itself.\n"
    )
    assert "perpetrator" in _disputed(_page(resources, text))


def test_conflict_wide_toll_is_not_the_events_toll(resources):
    text = (
        "Gunmen shot dead 2 farmers in a village near Bokkos in Nigeria's Plateau state on Tuesday, police said.\n\n"
        "More than 1,000 people have been killed in the conflict over land in recent years.\n"
    )
    assert _page(resources, text).fatalities == 2


def test_killing_told_as_a_day_earlier_adds_no_toll(resources):
    text = (
        "Militants hurled a grenade at a police post in Anantnag in Indian Kashmir on Tuesday, wounding "
        "4 officers, police said.\n\n"
        "The attack came a day after soldiers killed 2 militants in a gunfight in the same district.\n"
    )
    assert _page(resources, text).fatalities == 0


def test_attack_in_an_earlier_year_gives_no_claims(resources):
    text = (
        "Gunmen killed 3 villagers near Dori in northern Burkina Faso on Tuesday, a local official said.\n\n"
        "In 2021, an attack on the village of Solhan killed more than 130 people.\n"
    )
    event = _page(resources, text)
    background = text.index("In 2021")
    assert event.fatalities == 3
    assert all(c.span[0] < background for c in event.claims if c.field in ("fatalities", "sub_event_type"))


def test_day_given_by_another_outlet_disputes_the_date(resources):
    text = (
        "Gunmen shot dead a local councillor in Iguala in Mexico's Guerrero state late on Monday, state "
        "prosecutors said.\n\n"
        "A local newspaper reported that the shooting happened in the early hours of Tuesday.\n"
    )
    event = _page(resources, text)
    assert event.event_date == "2022-09-12" and "event_date" in _disputed(event)


def test_one_source_naming_two_attackers_is_no_dispute(resources):
    text = (
        "Turkish forces and allied rebel factions shelled the village of Zirgan in Hasakah province on "
        "Tuesday after Kurdish fighters attacked a Turkish outpost, the monitor said.\n"
    )
    assert "perpetrator" not in _disputed(_page(resources, text))


def test_army_describing_the_dead_as_militants_disputes_the_victim_status(resources):
    text = (
        "Soldiers opened fire on a group of men near Kidal in northern Mali on Tuesday, killing 4 of them, "
        "residents said.\n\n"
        "The army described the dead as terrorists in a statement.\n\n"
        "Relatives said the four were herders watering their camels.\n"
    )
    assert "victim_status" in _disputed(_page(resources, text))


def test_the_day_of_a_reporting_verb_is_not_the_events_day_when_the_clause_names_another(resources):
    text = (
        "Residents said on Sunday that 31 people were killed when bandits stormed Kaura Namoda on "
        "Saturday night."
    )
    event = _events(resources, text, "2021-03-02")[0]
    assert event.event_date == "2021-02-27"
    assert any(c.field == "event_date" and c.quote == "Saturday night" for c in event.claims)


def test_a_reporting_day_stays_the_day_when_it_is_the_only_one(resources):
    text = "The army said on Tuesday it had repelled an attack on its base in Kidal."
    assert _events(resources, text, "2021-03-04")[0].event_date == "2021-03-02"


def test_every_coded_key_field_rests_on_a_claim_whose_span_holds_its_quote(resources):
    texts = [
        "Gunmen attacked a police post in Bama on Monday, wounding two officers.",  # no deaths named
        "Hundreds of teachers marched in Lima to demand higher pay.",  # no day: the publication day
        "No one was hurt when a mortar round landed near the market in Kismayo on Sunday.",
    ]
    for text in texts:
        event = _events(resources, text)[0]
        claimed = {c.field for c in event.claims}
        for field in ("event_date", "sub_event_type", "actor1", "location", "fatalities"):
            if getattr(event, field) not in (None, ""):
                assert field in claimed, (field, text)
        assert all(text[c.span[0] : c.span[1]] == c.quote for c in event.claims)
    wounded = _events(resources, texts[0])[0]
    zero = [c for c in wounded.claims if c.field == "fatalities"]
    assert [(c.value, c.quote) for c in zero] == [(0, "wounding two officers")]
