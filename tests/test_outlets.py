"""The outlet prior: where a document's outlets are at home, from its metadata only."""

from __future__ import annotations

import json

import pytest

from sitrep.extractors.sources import SourceLexicon, load_source_lexicon
from sitrep.places.outlets import home_votes, outlet_names

ISO3 = {"Lebanon": "LBN", "Bolivia": "BOL", "United Kingdom": "GBR", "LB": "LBN", "VE": "VEN", "GB": "GBR"}


@pytest.fixture(scope="module")
def lexicon(tmp_path_factory: pytest.TempPathFactory) -> SourceLexicon:
    entries = [
        {"name": "Cedar Herald", "kind": "media", "type": "newspaper", "scale": "National",
         "country": "Lebanon", "aliases": ["Cedar Herald"], "domains": ["cedarherald.com"]},
        {"name": "World Wire", "kind": "agency", "type": "agency", "scale": "International",
         "country": "United Kingdom", "aliases": ["World Wire"], "domains": ["worldwire.co.uk"]},
        {"name": "Valley Monitor", "kind": "monitor", "type": "monitor", "scale": "Other",
         "country": "Bolivia", "aliases": ["Valley Monitor"]},
        {"name": "Andes Army", "kind": "official", "type": "military", "scale": "Other",
         "country": "Bolivia", "aliases": ["Andes Army"]},
    ]  # fmt: skip
    path = tmp_path_factory.mktemp("lex") / "sources.json"
    path.write_text(json.dumps({"sources": entries, "anaphors": []}), encoding="utf-8")
    return load_source_lexicon(path)


def votes(lexicon: SourceLexicon, outlet: str | None, url: str | None = None) -> dict[str, float]:
    return home_votes(outlet, url, lexicon, ISO3.get)


def test_outlet_field_lists_several_outlets() -> None:
    assert outlet_names("Cedar Herald; World Wire") == ["Cedar Herald", "World Wire"]
    assert outlet_names(None) == []


def test_national_outlet_votes_for_its_home_country(lexicon: SourceLexicon) -> None:
    assert votes(lexicon, "Cedar Herald") == {"LBN": 1.0}


def test_single_country_monitor_votes_but_an_army_does_not(lexicon: SourceLexicon) -> None:
    assert votes(lexicon, "Valley Monitor") == {"BOL": 1.0}
    assert votes(lexicon, "Andes Army") == {}


def test_world_agencies_and_unknown_outlets_cast_no_vote(lexicon: SourceLexicon) -> None:
    assert votes(lexicon, "World Wire; Whatsapp") == {}
    assert votes(lexicon, "Cedar Herald; World Wire") == {"LBN": 1.0}


def test_home_votes_are_shared_among_outlets_at_home(lexicon: SourceLexicon) -> None:
    assert votes(lexicon, "Cedar Herald; Valley Monitor") == {"LBN": 0.5, "BOL": 0.5}


def test_unknown_outlet_with_its_country_in_brackets_votes(lexicon: SourceLexicon) -> None:
    assert votes(lexicon, "Radio Sur (Bolivia)") == {"BOL": 1.0}


def test_known_domain_decides_before_the_country_code(lexicon: SourceLexicon) -> None:
    assert votes(lexicon, None, "https://www.cedarherald.com/news/1") == {"LBN": 1.0}
    assert votes(lexicon, None, "https://news.worldwire.co.uk/story") == {}


def test_country_code_domain_votes_unless_sold_as_generic(lexicon: SourceLexicon) -> None:
    assert votes(lexicon, None, "https://diario.example.com.ve/a") == {"VEN": 1.0}
    assert votes(lexicon, None, "http://local.example.lb") == {"LBN": 1.0}
    assert votes(lexicon, None, "https://example.tv/clip") == {}


def test_packaged_lexicon_knows_national_outlets_with_homes() -> None:
    lex = load_source_lexicon()
    homes = {e.country for e in lex.entries if e.country and e.scale in ("National", "Subnational")}
    assert len(homes) >= 30


def test_outlet_prior_reads_an_ambiguous_city_at_home(resources) -> None:
    import sitrep

    text = "Dozens of students staged a sit-in outside the university in Tripoli on Friday over tuition fees."
    at_home = sitrep.extract(
        [{"id": "a", "text": text, "outlet": "An-Nahar", "published": "2020-05-08"}], resources
    )
    unknown = sitrep.extract([{"id": "b", "text": text, "published": "2020-05-08"}], resources)
    assert at_home[0].country == "Lebanon"
    assert unknown[0].country == "Libya"


def test_clear_place_names_outweigh_the_outlet_prior(resources) -> None:
    import sitrep

    text = "Government forces shelled Idlib on Friday, killing three civilians, activists said."
    events = sitrep.extract(
        [{"id": "c", "text": text, "outlet": "An-Nahar", "published": "2020-05-08"}], resources
    )
    assert events[0].country == "Syria"


def test_an_ambiguous_small_namesake_at_home_does_not_take_a_major_city(resources) -> None:
    votes = resources.gazetteer.country_votes("Thousands marched in Paris on Saturday.", prior={"USA": 1.0})
    assert votes[0][0].name == "France"


def test_a_url_that_is_not_one_says_nothing_of_a_home(lexicon):
    assert home_votes(None, "http://[not-a-host/story", lexicon, lambda name: None) == {}
