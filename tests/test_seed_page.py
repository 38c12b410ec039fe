"""The page that started the project (evaluation data beside the repo; skipped when absent)."""

from __future__ import annotations

import sitrep
from sitrep.records import Document

from .conftest import shared_path


def _seed_events(resources):
    path = shared_path("corpus", "seed", "000_8c38180d701d7488.txt")
    text = path.read_text(encoding="utf-8")
    return text, sitrep.extract([Document(id="seed", text=text)], resources)


def test_seed_page_yields_the_12_february_armed_clash_in_syria(resources):
    _, events = _seed_events(resources)
    main = [e for e in events if e.event_date == "2020-02-12"]
    assert main, events
    event = main[0]
    assert (event.event_type, event.sub_event_type) == ("Battles", "Armed clash")
    assert event.country == "Syria"
    assert event.fatalities == 1


def test_seed_page_records_who_fired_and_who_died_as_contradictions(resources):
    _, events = _seed_events(resources)
    fields = {c.field for c in events[0].contradictions}
    assert {"perpetrator", "victim_status"} <= fields


def test_seed_page_ignores_the_celebrity_headlines_and_quotes_exactly(resources):
    text, events = _seed_events(resources)
    junk = text.index("Gabrielle Union")
    for event in events:
        for claim in event.claims:
            assert claim.span[0] < junk
            assert text[claim.span[0] : claim.span[1]] == claim.quote
