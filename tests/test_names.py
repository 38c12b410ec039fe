"""Place-name keys, transliteration skeletons and the same-name rule."""

from __future__ import annotations

from sitrep.places.names import ascii_name, base_key, fold_key, name_key, place_key, same_name


def test_name_key_folds_case_accents_and_punctuation() -> None:
    assert name_key("Al Qāmishlī") == name_key("al-qamishli") == "al qamishli"
    assert name_key("Ta'izz") == name_key("Ta’izz") == "taizz"


def test_base_key_drops_arabic_articles_but_keeps_lone_ones() -> None:
    assert base_key(name_key("al-Qamishli")) == "qamishli"
    assert base_key(name_key("Deir ez-Zor")) == "deir zor"
    assert base_key("al") == "al"


def test_fold_key_merges_transliteration_variants() -> None:
    assert len({fold_key(name_key(n)) for n in ("Qamishli", "Kamishli", "Qamishlo", "al-Qamishli")}) == 1
    assert len({fold_key(name_key(n)) for n in ("Khirbet", "Khirbat", "Kherbet")}) == 1
    assert fold_key("homs") != fold_key("hama")



def test_place_key_folds_accents_articles_hyphens_and_apostrophes() -> None:
    assert place_key("Ma‘arrat an-Nu‘mān") == place_key("Maarrat al-Nu'man") == "maarrat numan"
    assert place_key("Khirbet-Ammo") == "khirbet ammo"
    assert place_key("El Qamishli") == place_key("al-Qamishli") == "qamishli"
    assert place_key("Bogotá") == "bogota"
    assert place_key("the Hague") == "hague"


def test_fold_key_joins_transliterations_of_one_village() -> None:
    assert fold_key("khirbet ammo") == fold_key("kherbet amo")


def test_same_name_tolerates_spelling_articles_and_division_words() -> None:
    assert same_name("khirbet amo", "khirbet hamo")
    assert same_name("Khirbet Ammo", "Khirbat Amo")
    assert same_name("Khirbet-Ammu", "Khirbat Amo")
    assert same_name("Idlib province", "Idlib")
    assert same_name("al-Qamishli", "Qamishli")


def test_same_name_rejects_other_villages_and_short_near_misses() -> None:
    assert not same_name("khirbet ammo", "bweir bouassi")
    assert not same_name("Ain", "Aix")
    assert not same_name("Kawadara", "Kidero")  # one skeleton, but hardly one spelling
    assert not same_name("Abra", "Ibra")
    assert not same_name("", "Idlib")


def test_ascii_name_drops_diacritics_and_straightens_quotes() -> None:
    assert ascii_name("Al Qāmishlī") == "Al Qamishli"
    assert ascii_name("Ma‘arrat") == "Ma'arrat"
