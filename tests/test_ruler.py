"""The actor ruler sets exactly the entities spaCy's EntityRuler sets from the same patterns."""

from __future__ import annotations

import pytest
import spacy

from sitrep.actors.ruler import COMPONENT, ActorTable, add_actor_ruler, build_table, fast_patterns
from sitrep.nlp import load_nlp

PATTERNS = [
    {"label": "ACTOR", "pattern": [{"LOWER": "river"}, {"LOWER": "front"}], "id": "alias:river front"},
    {
        "label": "ACTOR",
        "pattern": [{"LOWER": "river"}, {"LOWER": "front"}, {"LOWER": "militia"}],
        "id": "alias:river front militia",
    },
    {"label": "ACTOR", "pattern": [{"LOWER": "front"}, {"LOWER": "militia"}], "id": "alias:front militia"},
    # One phrase under two ids: which id wins is spaCy's PhraseMatcher order.
    {"label": "ACTOR", "pattern": [{"LOWER": "hill"}, {"LOWER": "guards"}], "id": "alias:hill guards"},
    {"label": "ACTOR", "pattern": [{"LOWER": "hill"}, {"LOWER": "guards"}], "id": "word:hill guards"},
    {
        "label": "ACTOR",
        "pattern": [{"LOWER": "al"}, {"LOWER": "-"}, {"LOWER": "nasr"}],
        "id": "alias:al-nasr",
    },
    {
        "label": "ACTOR",
        "pattern": [{"LOWER": {"IN": ["lake", "delta"]}}, {"LOWER": "rangers"}],
        "id": "alias:rangers",
    },
    {"label": "ACTOR", "pattern": [{"ORTH": "RF"}], "id": "alias:RF"},
    {"label": "ACTOR", "pattern": [{"ORTH": "RF"}, {"ORTH": "M"}], "id": "alias:RF M"},
]
TEXTS = [
    "The River Front Militia and the river front clashed with RF fighters near the hill.",
    "HILL GUARDS and Hill Guards met al-Nasr and Al-Nasr men; rf and RF M were not there.",
    "Lake Rangers, delta rangers and lake-rangers crossed the front militia's line.",
    "",
    "River\x00Front militia and river front\x00militia were named in a garbled line.",
    "river front militia river front militia front militia",
]


def _entities(doc) -> list[tuple[int, int, str, str]]:
    return [(e.start, e.end, e.label_, e.id_) for e in doc.ents]


def _entity_ruler(patterns) -> spacy.language.Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"}).add_patterns(
        fast_patterns(patterns)
    )
    return nlp


def _actor_ruler(patterns) -> spacy.language.Language:
    nlp = spacy.blank("en")
    add_actor_ruler(nlp, ActorTable.from_json(build_table(nlp, patterns).to_json()))
    return nlp


@pytest.mark.parametrize("text", TEXTS)
def test_the_actor_ruler_sets_the_entities_spacys_entity_ruler_sets(text: str) -> None:
    expected = _entities(_entity_ruler(PATTERNS)(text))
    assert _entities(_actor_ruler(PATTERNS)(text)) == expected


def test_phrases_are_matched_on_whole_tokens_only() -> None:
    nlp = _actor_ruler(PATTERNS)
    assert _entities(nlp("The riverfront militias and frontmilitia left.")) == []
    assert [e.text for e in nlp("The River Front Militia left.").ents] == ["River Front Militia"]


def test_the_packaged_lexicon_gives_the_entity_rulers_entities(resources) -> None:
    text = (
        "Islamic State fighters and al-Shabaab militants attacked; the Taliban said IS and "
        "Boko Haram (JAS) were not involved, and the US-led coalition struck ISIS positions."
    )
    nlp = load_nlp()
    ruler = nlp.add_pipe("entity_ruler", first=True, config={"phrase_matcher_attr": "LOWER"})
    ruler.add_patterns(fast_patterns(resources.actors.patterns()))
    ours = resources.nlp.get_pipe(COMPONENT)(resources.nlp.make_doc(text))
    assert _entities(ours) == _entities(ruler(nlp.make_doc(text)))
    assert len(ours.ents) >= 5


def test_a_table_survives_json() -> None:
    table = build_table(spacy.blank("en"), PATTERNS)
    assert ActorTable.from_json(table.to_json()) == table


@pytest.mark.parametrize(
    "data", [{}, {"phrases": 3, "tokens": [], "labels": {}}, {"phrases": [[1]], "tokens": []}]
)
def test_what_is_not_a_table_is_refused(data) -> None:
    with pytest.raises(ValueError, match="not an actor table"):
        ActorTable.from_json(data)
