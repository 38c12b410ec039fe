"""The whole engine on a made-up multi-source page (written for these tests)."""

from __future__ import annotations

from pathlib import Path

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


# ---------------------------------------------------------------- what the Python API accepts

RAID = "Gunmen killed six villagers in Zurmi, Zamfara state, on Sunday, police said."


def test_a_single_string_is_one_document_not_its_characters(resources):
    [event] = sitrep.extract(RAID, resources)
    assert event.sub_event_type == "Attack" and event.documents == ("doc-0",)


def test_a_dict_with_html_is_read_like_a_json_line(resources):
    page = f"<html><body><article><p>{RAID}</p></article></body></html>"
    [event] = sitrep.extract([{"id": "p1", "html": page, "published": "2021-02-10"}], resources)
    assert event.event_date == "2021-02-07" and event.documents == ("p1",)


def test_a_bad_published_is_dropped_with_a_warning_not_an_error(resources, caplog):
    [event] = sitrep.extract([{"id": "p2", "text": RAID, "published": "last week"}], resources)
    assert event.event_date is None
    assert "p2" in caplog.text and "published" in caplog.text


def test_a_path_to_a_folder_is_read_like_the_command_line_reads_it(resources, tmp_path):
    (tmp_path / "a.txt").write_text(RAID, "utf-8")
    [event] = sitrep.extract(tmp_path, resources)
    assert event.documents == (str(tmp_path / "a.txt"),)


def test_strict_mode_raises_the_error_naming_the_document(resources):
    try:
        sitrep.extract([{"id": "empty-one", "text": "   "}], resources)
    except sitrep.DocumentError as exc:
        assert exc.document == "empty-one"
    else:
        raise AssertionError("no DocumentError")


def test_iter_events_streams_failures_then_events(resources):
    out = list(sitrep.iter_events([{"id": "bad", "text": ""}, {"id": "good", "text": RAID}], resources))
    assert isinstance(out[0], sitrep.Failure) and out[0].document == "bad"
    assert isinstance(out[-1], sitrep.Event) and out[-1].documents == ("good",)


def test_without_merging_each_documents_events_come_as_it_is_coded(resources):
    feed = [{"id": "a", "text": RAID, "published": "2021-02-10"}, {"id": "b", "text": RAID, "published": "2021-02-10"}]
    merged = sitrep.extract(feed, resources)
    streamed = [e for e in sitrep.iter_events(feed, resources, merge=False) if isinstance(e, sitrep.Event)]
    assert [e.documents for e in merged] == [("a", "b")]
    assert [e.documents for e in streamed] == [("a",), ("b",)]


def test_event_ids_come_from_content_not_from_how_a_path_is_spelled(resources, tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(RAID, "utf-8")
    monkeypatch.chdir(tmp_path)
    ids = {sitrep.extract(Path(p), resources)[0].event_id for p in ("a.txt", "./a.txt", str(tmp_path / "a.txt"))}
    assert len(ids) == 1


def test_one_document_id_for_two_texts_is_a_failure_never_a_silent_drop(resources):
    other = "Protesters marched through Accra on 3 May 2021 to demand lower fuel prices."
    out = list(sitrep.iter_events([{"id": "x", "text": RAID}, {"id": "x", "text": other}], resources))
    [failure] = [o for o in out if isinstance(o, sitrep.Failure)]
    assert failure.document == "x" and "duplicate id" in failure.reason
    [event] = [o for o in out if isinstance(o, sitrep.Event)]
    assert event.sub_event_type == "Attack"


def test_a_lone_surrogate_in_text_or_id_is_replaced_and_the_spans_stay_exact(resources):
    text = RAID + " \ud800"
    [event] = sitrep.extract([{"id": "s\udfff", "text": text}], resources)
    assert event.documents == ("s\ufffd",)
    for claim in event.claims:
        assert text.replace("\ud800", "\ufffd")[claim.span[0] : claim.span[1]] == claim.quote


def test_a_document_in_another_language_is_named_with_the_reason(resources):
    french = "Des hommes armés ont tué six villageois dans le nord du pays dimanche, selon la police qui a ouvert une enquête sur les auteurs de cette attaque."
    out = list(sitrep.iter_events([{"id": "fr1", "text": RAID, "language": "fr"}, {"id": "fr2", "text": french}], resources))
    reasons = {o.document: o.reason for o in out if isinstance(o, sitrep.Failure)}
    assert "'fr'" in reasons["fr1"] and "English" in reasons["fr1"]
    assert "'fr'" in reasons["fr2"]


def test_a_publication_day_at_the_calendars_edge_never_takes_the_run_down(resources):
    feed = [{"id": f"edge{k}", "text": "Gunmen killed two farmers yesterday and another on Monday.", "published": day}
            for k, day in enumerate(("0001-01-01", "9999-12-31"))]  # fmt: skip
    out = list(sitrep.iter_events(feed + [{"id": "ok", "text": RAID}], resources))
    assert any(isinstance(o, sitrep.Event) and o.documents == ("ok",) for o in out)
    assert all(not isinstance(o, sitrep.Failure) or "internal error" not in o.reason for o in out)


def test_a_figure_of_thousands_of_digits_never_takes_the_run_down(resources):
    huge = "Gunmen killed " + "9" * 5000 + " people in Zurmi on Sunday."
    out = list(sitrep.iter_events([{"id": "big", "text": huge}, {"id": "ok", "text": RAID}], resources))
    assert any(isinstance(o, sitrep.Event) and o.documents == ("ok",) for o in out)


def test_a_report_published_in_a_known_month_only_is_dated_to_that_month(resources):
    text = "Two witnesses said the army shelled Kidal, killing four, while the governor said three died."
    [event] = sitrep.extract([{"id": "m1", "text": text, "published": "2019-12"}], resources)
    assert event.event_date and event.event_date.startswith("2019-12") and event.time_precision == 3


def test_a_document_with_no_date_at_all_is_named_in_a_warning(resources, caplog):
    sitrep.extract([{"id": "undated-1", "text": "Gunmen killed six villagers in Zurmi, police said."}], resources)
    assert "undated-1: no date" in caplog.text
