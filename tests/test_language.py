"""The coder reads English, and says so of any other language."""

from __future__ import annotations

import pytest

from sitrep.ingest.language import detect, is_english

ENGLISH = "Gunmen killed six villagers in Zurmi on Sunday, police said, and the governor ordered an inquiry."
FRENCH = "Des hommes armés ont tué six villageois dans le nord du pays dimanche, selon la police qui a ouvert une enquête."
SPANISH = "Hombres armados mataron a seis aldeanos en el norte del país el domingo, según la policía, que abrió una investigación."


@pytest.mark.parametrize(("text", "code"), [(ENGLISH, "en"), (FRENCH, "fr"), (SPANISH, "es"),
                                            ("مسلحون قتلوا ستة قرويين في شمال البلاد", "ar"),
                                            ("Вооруженные люди убили шестерых жителей деревни", "ru")])  # fmt: skip
def test_detect_names_the_language(text, code):
    assert detect(text) == code


def test_an_english_report_full_of_foreign_names_stays_english():
    text = "Fighters of Hay'at Tahrir al-Sham shelled Kafr Nabl and Maarat al-Numan, the Syrian Observatory said."
    assert detect(text) == "en"


def test_a_short_or_empty_text_is_read_as_english():
    assert detect("Le") == "en" and detect("") == "en"


@pytest.mark.parametrize(("tag", "english"), [("en", True), ("en-GB", True), ("eng", True), ("English", True),
                                              (None, True), ("fr", False), ("ar-SA", False)])  # fmt: skip
def test_language_tags(tag, english):
    assert is_english(tag) is english
