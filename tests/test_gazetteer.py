"""Gazetteer tests on a small index: the packaged countries and divisions plus a handful of
GeoNames-format rows written here. One test builds or opens the full cache index."""

from __future__ import annotations

import logging
import pickle
import sqlite3
import zipfile
from pathlib import Path

import pytest

from sitrep.errors import ResourceError, UsageError
from sitrep.places import gazetteer as gazmod
from sitrep.places import index as indexmod
from sitrep.places.dumps import import_geonames
from sitrep.places.gazetteer import Gazetteer
from sitrep.places.geometry import haversine_km
from sitrep.places.index import build_index, default_index_path
from sitrep.places.scan import Toponym

# Real GeoNames facts (ids, names, coordinates, populations) for the populated places. The ADM1
# and ADM2 rows and the stream row carry ids and admin2 codes made up for these tests (9000000xx).
_ROWS = [
    ("173377", "Al Qāmishlī", "Al Qamishli", "Qamishli,Al-Qamishli,Kamishli,Qamishlo,KAC", "37.05215",
     "41.23142", "P", "PPLA2", "SY", "01", "T01", "184231"),
    ("169389", "Idlib", "Idlib", "Idleb,Idlip", "35.93062", "36.63393", "P", "PPLA", "SY", "12", "",
     "128840"),
    ("164816", "Saraqib", "Saraqib", "Sarakeb,Saraqeb", "35.86447", "36.80591", "P", "PPL", "SY", "12", "",
     "34231"),
    ("706483", "Kharkiv", "Kharkiv", "Kharkov,Charkiw", "49.98177", "36.25475", "P", "PPLA", "UA", "07", "",
     "1421125"),
    ("1174872", "Karachi", "Karachi", "Karachy", "24.8608", "67.0104", "P", "PPLA", "PK", "05", "",
     "11624219"),
    ("70225", "Taiz", "Taiz", "Ta'izz,Taizz", "13.57952", "44.02091", "P", "PPLA", "YE", "25", "", "940600"),
    ("281133", "Gaza", "Gaza", "Ghazzah", "31.50161", "34.46672", "P", "PPLA", "PS", "GZ", "", "410000"),
    ("900000001", "Muhafazat al Hasakah", "Muhafazat al Hasakah", "Hasakah Governorate", "36.5", "40.9",
     "A", "ADM1", "SY", "01", "", "0"),
    ("900000002", "Test District", "Test District", "", "37.0", "41.2", "A", "ADM2", "SY", "01", "T01", "0"),
    ("900000003", "Test Stream", "Test Stream", "", "37.0", "41.0", "H", "STM", "SY", "01", "", "0"),
]  # fmt: skip


def _line(row: tuple[str, ...]) -> str:
    gid, name, ascii_, alts, lat, lon, fclass, fcode, cc, a1, a2, pop = row
    cols = [gid, name, ascii_, alts, lat, lon, fclass, fcode, cc, "", a1, a2, "", "", pop, "", "0", "Asia/X",
            "2024-01-01"]  # fmt: skip
    return "\t".join(cols)


@pytest.fixture(scope="module")
def dump(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("geonames") / "SY.txt"
    path.write_text("\n".join(_line(r) for r in _ROWS) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def small_index(tmp_path_factory: pytest.TempPathFactory, dump: Path) -> Path:
    path = tmp_path_factory.mktemp("index") / "gaz.sqlite"
    build_index(path, cities=())
    import_geonames(dump, path)
    return path


@pytest.fixture()
def gaz(small_index: Path) -> Gazetteer:
    with Gazetteer.load(small_index) as g:
        yield g


# ---------------------------------------------------------------- name keys


def test_import_keeps_places_and_divisions_and_skips_other_features(tmp_path: Path, dump: Path) -> None:
    path = tmp_path / "gaz.sqlite"
    build_index(path, cities=())
    assert import_geonames(dump, path) == len(_ROWS) - 1


def test_import_reads_zipped_dumps(tmp_path: Path, dump: Path) -> None:
    archive = tmp_path / "SY.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(dump, "SY.txt")
    path = tmp_path / "gaz.sqlite"
    build_index(path, cities=())
    assert import_geonames(archive, path) == len(_ROWS) - 1


def test_import_of_a_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        import_geonames(tmp_path / "nope.txt", tmp_path / "gaz.sqlite")


def test_adm2_rows_name_the_second_level_division_of_places(gaz: Gazetteer) -> None:
    place = gaz.lookup("Qamishli")[0]
    assert place.admin2 == "Test District"


def test_adm1_rows_merge_into_the_existing_division(gaz: Gazetteer) -> None:
    found = [p for p in gaz.lookup("Hasakah Governorate") if p.feature == "admin1"]
    assert [p.name for p in found] == ["Al-Hasakeh"]


# ---------------------------------------------------------------- lookup


def test_lookup_finds_transliteration_variants(gaz: Gazetteer) -> None:
    for name in ("Qamishli", "al-Qamishli", "Kamishli", "Qamishlo", "Qamishliye"):
        top = gaz.lookup(name)[0]
        assert (top.name, top.country, top.iso3, top.admin1) == ("Al Qāmishlī", "Syria", "SYR", "Al-Hasakeh")
    assert gaz.lookup("Qamishliye", fuzzy=False) == []


def test_lookup_ranks_division_before_its_capital(gaz: Gazetteer) -> None:
    places = gaz.lookup("Idlib")
    assert [(p.feature, p.name) for p in places[:2]] == [("admin1", "Idleb"), ("city", "Idlib")]


def test_lookup_accepts_division_suffixes(gaz: Gazetteer) -> None:
    assert gaz.lookup("Idlib province")[0].name == "Idleb"
    assert gaz.lookup("Idlib governorate")[0].feature == "admin1"
    assert gaz.lookup("Luhansk oblast")[0].country == "Ukraine"
    assert gaz.lookup("Rural Damascus")[0].admin1 == "Rural Damascus"
    assert gaz.lookup("Khyber Pakhtunkhwa")[0].country == "Pakistan"


def test_lookup_puts_the_requested_country_first(gaz: Gazetteer) -> None:
    assert gaz.lookup("Punjab", country="India")[0].country == "India"
    assert gaz.lookup("Punjab", country="PAK")[0].country == "Pakistan"


def test_admin1_names_follow_acled_spelling(gaz: Gazetteer) -> None:
    assert gaz.lookup("Taiz")[0].name == "Taizz"
    assert gaz.lookup("Sindh")[0].admin1 == "Sindh"
    assert gaz.lookup("Deir ez-Zor")[0].name == "Deir-ez-Zor"


@pytest.mark.parametrize(
    ("query", "name"),
    [("SY", "Syria"), ("SYR", "Syria"), ("Syrian Arab Republic", "Syria"),
     ("DR Congo", "Democratic Republic of Congo"),
     ("Congo-Kinshasa", "Democratic Republic of Congo"), ("Burma", "Myanmar"), ("the UK", "United Kingdom"),
     ("US", "United States"), ("Cote d'Ivoire", "Ivory Coast"), ("Russian Federation", "Russia")],
)  # fmt: skip
def test_country_accepts_codes_names_and_aliases(gaz: Gazetteer, query: str, name: str) -> None:
    place = gaz.country(query)
    assert place is not None and place.name == name and place.feature == "country"


def test_country_of_demonym_covers_plurals_and_ambiguous_words(gaz: Gazetteer) -> None:
    def name(word: str) -> str | None:
        place = gaz.country_of_demonym(word)
        return place.name if place else None

    assert name("Syrian") == "Syria"
    assert name("Emiratis") == "United Arab Emirates"
    assert name("Congolese") == "Democratic Republic of Congo"
    assert name("South Sudanese") == "South Sudan"
    assert name("Afghan") == "Afghanistan"
    assert name("Martian") is None


# ---------------------------------------------------------------- scan and votes


def test_scan_spans_point_into_the_text(gaz: Gazetteer) -> None:
    text = "Shelling hit al-Qamishli and Saraqib in Idlib province on Monday, residents told AFP."
    found = gaz.scan(text)
    assert [t.text for t in found] == ["al-Qamishli", "Saraqib", "Idlib province"]
    assert all(text[t.start : t.end] == t.text for t in found)
    assert all(p.feature == "admin1" for p in found[2].candidates)


def test_scan_skips_lowercase_words_and_stop_names(gaz: Gazetteer) -> None:
    assert gaz.scan("Police said the kharkiv road was closed.") == []


def test_scan_returns_toponym_records(gaz: Gazetteer) -> None:
    (top,) = gaz.scan("Clashes in Kharkiv.")
    assert isinstance(top, Toponym)
    assert [p.feature for p in top.candidates] == ["admin1", "city"]
    assert top.candidates[1].geonameid == 706483


@pytest.mark.parametrize(
    ("text", "country"),
    [("Shelling was reported near Luhansk overnight.", "Ukraine"),
     ("Protesters blocked roads in Sindh on Friday.", "Pakistan"),
     ("Houthi forces shelled Taiz again.", "Yemen"),
     ("A body was found in Chihuahua.", "Mexico"),
     ("Air strikes hit Idlib.", "Syria"),
     ("A bomb went off in Kirkuk.", "Iraq"),
     ("Prices in Karachi rose as the US dollar climbed.", "Pakistan")],
)  # fmt: skip
def test_country_votes_finds_the_country_a_text_is_about(gaz: Gazetteer, text: str, country: str) -> None:
    votes = gaz.country_votes(text)
    assert votes[0][0].name == country
    assert abs(sum(share for _, share in votes) - 1.0) < 1e-9


def test_country_votes_prefers_the_containing_division(gaz: Gazetteer) -> None:
    votes = gaz.country_votes("An IED exploded in Karak (Dar'a) on Sunday.")
    assert votes[0][0].name == "Syria"


def test_country_votes_breaks_ties_between_same_named_divisions(gaz: Gazetteer) -> None:
    assert gaz.country_votes("Air strikes hit Gaza overnight.")[0][0].name == "Palestine"


def test_country_votes_ignores_currencies_and_counts_modifiers_little(gaz: Gazetteer) -> None:
    votes = dict(
        (p.name, share) for p, share in gaz.country_votes("US forces shelled Kirkuk as the US dollar rose.")
    )
    assert max(votes, key=votes.get) == "Iraq"


def test_country_votes_of_a_text_without_places_is_empty(gaz: Gazetteer) -> None:
    assert gaz.country_votes("Nothing happened here today.") == []


# ---------------------------------------------------------------- resource handling


def test_nearest_finds_places_within_the_radius(gaz: Gazetteer) -> None:
    near = gaz.nearest(35.90, 36.70, radius_km=25)
    assert [p.name for p, _ in near] == ["Idlib", "Saraqib"]
    assert near[0][1] == pytest.approx(haversine_km(35.90, 36.70, 35.93062, 36.63393))


def test_gazetteer_pickles_by_path(gaz: Gazetteer) -> None:
    clone = pickle.loads(pickle.dumps(gaz))
    assert clone.lookup("Kharkov")[0].name == "Kharkiv"
    clone.close()


def test_load_builds_a_missing_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITREP_CACHE", str(tmp_path))
    monkeypatch.setattr(indexmod, "build_index", lambda path: build_index(path, cities=()))
    with Gazetteer.load() as g:
        assert g.path == default_index_path() and default_index_path().parent == tmp_path
        assert g.country("YE") is not None


def test_a_broken_index_is_a_resource_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.sqlite"
    sqlite3.connect(path).close()
    with pytest.raises(ResourceError):
        Gazetteer(path)


def test_full_index_knows_villages_and_loads_fast() -> None:
    import time

    path = indexmod.ensure_index(default_index_path())
    start = time.perf_counter()
    with Gazetteer.load(path) as g:
        elapsed = time.perf_counter() - start
        assert g.lookup("Khirbet Ghazaleh")[0].country == "Syria"
        assert g.country_votes("Fighting in Kharkiv and Kamishli.")[0][0].name in ("Ukraine", "Syria")
    assert elapsed < 1.0


def test_theatre_votes_pin_the_country_of_single_country_missions(gaz: Gazetteer) -> None:
    votes = gaz.theatre_votes("The OSCE SMM recorded 40 explosions near a village; UNAMA said nothing.")
    assert votes == {"UKR": 1, "AFG": 1}
    assert gaz.theatre_votes("Smm and unama are not names here.") == {}


def test_scan_reads_a_possessive_as_the_place_it_follows(gaz: Gazetteer) -> None:
    text = "Protesters gathered in Aleppo's old city."
    assert [t.text for t in gaz.scan(text)] == ["Aleppo"]


def test_scan_never_reads_a_demonym_as_a_place(gaz: Gazetteer) -> None:
    assert [t.text for t in gaz.scan("A Syrian village near Aleppo.")] == ["Aleppo"]


def test_a_neighbouring_country_is_not_where_the_story_is(resources) -> None:
    text = (
        "Farmers near Maktaaral in Turkistan region blocked a road on Monday, saying water released "
        "from a reservoir in the neighbouring Uzbekistan had ruined their fields."
    )
    assert resources.gazetteer.country_votes(text)[0][0].name == "Kazakhstan"


def test_transliteration_guesses_count_less_than_exact_names(resources) -> None:
    votes = resources.gazetteer.country_votes("Observers heard several explosions near Muratove overnight.")
    assert sum(share for _, share in votes) <= gazmod.FUZZY_WEIGHT + 1e-9


def test_iso_second_level_divisions_are_in_the_packaged_index(resources) -> None:
    yagha = resources.gazetteer.lookup("Yagha")[0]
    assert (yagha.iso3, yagha.feature, yagha.admin1) == ("BFA", "admin2", "Sahel")
    # A province outranks a small town of its name abroad.
    assert resources.gazetteer.lookup("Soum")[0].iso3 == "BFA"


def test_a_demonym_with_a_division_suffix_names_the_division(resources) -> None:
    toponyms = resources.gazetteer.scan("Two clans fought over grazing land in the Somali region on Friday.")
    division = next(t for t in toponyms if t.text == "Somali region")
    assert division.candidates[0].iso3 == "ETH"


def test_building_the_index_on_first_use_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog) -> None:
    monkeypatch.setattr(indexmod, "build_index", lambda path: build_index(path, cities=()))
    with caplog.at_level(logging.WARNING):
        indexmod.ensure_index(tmp_path / "new.sqlite")
    assert "building the gazetteer index" in caplog.text and "once per machine" in caplog.text
