"""Long texts are coded in parts that end at boundaries, and every claim still quotes the text."""

from __future__ import annotations

import sitrep
from sitrep import chunks, pipeline
from sitrep.chunks import parts

RAID = "Gunmen killed six villagers in Zurmi, Zamfara state, on Sunday, police said.\n"
MARCH = "Teachers marched through Kisumu on Tuesday to demand unpaid wages, witnesses said.\n"


def test_parts_cover_the_text_and_end_at_line_breaks():
    text = (RAID + MARCH) * 30
    found = list(parts(text, size=500))
    assert found[0][0] == 0 and found[-1][1] == len(text)
    assert all(a == b for (_, a), (b, _) in zip(found, found[1:], strict=False))
    assert all(end - start <= 500 for start, end in found)
    assert all(text[end - 1] == "\n" for _, end in found[:-1])


def test_a_paragraph_longer_than_a_part_is_cut_after_a_sentence():
    text = "The market reopened on Monday. " * 100
    found = list(parts(text, size=400))
    assert all(text[end - 2 : end] == ". " for _, end in found[:-1])


def test_a_text_without_breaks_is_cut_at_a_space_or_hard():
    assert [b - a for a, b in parts("x" * 1000, size=300)] == [300, 300, 300, 100]


def test_a_long_text_gives_events_from_its_parts_with_exact_quotes(resources, monkeypatch):
    monkeypatch.setattr(pipeline, "PART_CHARS", 300)
    text = RAID + "\n" * 3 + "The council met to discuss the budget on Wednesday.\n" * 8 + MARCH
    events = sitrep.extract([{"id": "long", "text": text, "published": "2021-02-10"}], resources)
    assert sorted(e.sub_event_type for e in events) == ["Attack", "Peaceful protest"]
    for event in events:
        for claim in event.claims:
            assert text[claim.span[0] : claim.span[1]] == claim.quote


def test_a_text_over_the_limit_is_refused_with_its_length(resources, monkeypatch):
    monkeypatch.setattr(pipeline, "MAX_TEXT_CHARS", 100)
    [failure] = [o for o in sitrep.iter_events([{"id": "huge", "text": RAID * 3}], resources) if isinstance(o, sitrep.Failure)]
    assert failure.document == "huge" and "too long" in failure.reason and str(len(RAID * 3)) in failure.reason


def test_shifted_moves_every_offset_of_a_mention():
    claim = sitrep.Claim("fatalities", 6, "d", "Police", (10, 20), "six villag")
    mention = sitrep.records.Mention("d", "killed", (5, 11), "Violence against civilians", "Attack",
                                     "Political violence", claims=(claim,))  # fmt: skip
    moved = chunks.shifted(mention, 100)
    assert moved.trigger_span == (105, 111) and moved.claims[0].span == (110, 120)
