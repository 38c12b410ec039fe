"""Documents screened before coding: encodable text, readable language, one text per id."""

from __future__ import annotations

import logging

from sitrep.ingest.screen import Screen, encodable
from sitrep.records import Document, Failure

TEXT = "Gunmen killed six villagers in Zurmi on Sunday, police said."


def test_lone_surrogates_are_replaced_one_for_one():
    doc = encodable(Document(id="a\ud800", text="Zurmi \udc00 raid", outlet="Daily \ud801"))
    assert doc.id == "a\ufffd" and doc.text == "Zurmi \ufffd raid" and doc.outlet == "Daily \ufffd"
    assert len(doc.text) == len("Zurmi \udc00 raid")


def test_the_same_document_twice_is_skipped_with_a_warning(caplog):
    screen = Screen()
    assert screen.check(Document(id="a", text=TEXT)) is not None
    with caplog.at_level(logging.WARNING):
        assert screen.check(Document(id="a", text=TEXT)) is None
    assert "same document again" in caplog.text


def test_two_texts_under_one_id_are_a_failure_naming_where_the_first_came_from():
    screen = Screen()
    screen.check(Document(id="a", text=TEXT, path="feed.jsonl"))
    out = screen.check(Document(id="a", text=TEXT + " More.", path="other.jsonl"))
    assert isinstance(out, Failure) and out.document == "a" and "feed.jsonl" in out.reason


def test_a_declared_language_other_than_english_is_a_failure():
    out = Screen().check(Document(id="b", text=TEXT, language="es"))
    assert isinstance(out, Failure) and "'es'" in out.reason


def test_a_declared_english_text_is_not_second_guessed():
    doc = Document(id="c", text="Le la les des et du un une est dans que qui pour sur", language="en")
    assert Screen().check(doc) == doc
