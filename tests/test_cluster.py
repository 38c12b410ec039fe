"""Pair scores and blocking behind cross-document merging."""

from __future__ import annotations

from sitrep.merge.cluster import BlockIndex, link_score, view_of
from tests.merge_helpers import KAFRANBEL, MAARRAT, mention


def test_a_report_without_a_day_fits_any_day():
    dated = view_of(0, mention("a", location="Maarrat al-Numan", point=MAARRAT, fatalities=3))
    undated = view_of(1, mention("b", None, location="Maarrat al-Numan", point=MAARRAT, fatalities=5))
    assert link_score(dated, undated) >= 3.0


def test_link_score_is_symmetric():
    a = view_of(0, mention("a", location="Maarrat al-Numan", point=MAARRAT, fatalities=3))
    b = view_of(
        1, mention("b", sub="Armed clash", location="Maaret al-Numan", point=MAARRAT, geo_precision=2)
    )
    assert link_score(a, b) == link_score(b, a)


def test_two_towns_eleven_km_apart_cannot_link():
    a = view_of(0, mention("a", location="Maarrat al-Numan", point=MAARRAT))
    b = view_of(1, mention("b", location="Kafranbel", point=KAFRANBEL))
    assert link_score(a, b) is None


def test_town_and_village_coded_near_it_are_compatible():
    town = view_of(0, mention("a", location="Al Qamishli", point=(37.05, 41.23), geo_precision=2))
    village = mention(
        "b", location="Khirbet Amo", point=(37.05, 41.23), geo_precision=2, extra=(("near", "Qamishli"),)
    )
    assert link_score(town, view_of(1, village)) > 0


def test_blocking_finds_a_respelled_village_and_not_another_month():
    index = BlockIndex()
    first = view_of(0, mention("a", location="Khirbet Ammo"))
    index.add(first)
    assert index.candidates(view_of(1, mention("b", location="Khirbat Hamo"))) == {0}
    assert index.candidates(view_of(2, mention("c", "2020-03-20", location="Khirbet Ammo"))) == set()


def test_two_villages_coded_near_one_town_stay_apart():
    def village(doc, name):
        extra = (("near", "Al Qamishli"),)
        return mention(doc, location=name, point=(37.05, 41.23), geo_precision=2, extra=extra)

    a, b = view_of(0, village("a", "Khirbet Ammo")), view_of(1, village("b", "Bweir al-Bouassi"))
    assert (link_score(a, b) or 0.0) < 3.0
