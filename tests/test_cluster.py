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


TERTER = (40.342, 46.932)
FRONT = (
    "On 3 May 2020, forces of Artsakh fired with unspecified weapons on the positions of the forces of "
    "Azerbaijan assumed to be located near {}, Tartar."
)


def _front_line_note(doc: str, spot: str):
    from tests.merge_helpers import document

    m = mention(
        doc, sub="Armed clash", actor1="Military Forces of Armenia (2018-)",
        actor2="Military Forces of Azerbaijan (2003-)", iso3="AZE", location="Tartar", point=TERTER,
        extra=(("place", spot),),
    )  # fmt: skip
    return m, document(doc, FRONT.format(spot))


def test_front_line_notes_of_one_day_naming_two_spots_stay_apart():
    from sitrep.merge import merge

    (a, doc_a), (b, doc_b) = _front_line_note("a", "Chilaburt"), _front_line_note("b", "Nameless Hills")
    assert len(merge([a, b], [doc_a, doc_b])) == 2


def test_front_line_copies_naming_the_same_spot_are_one_story():
    from sitrep.merge import merge

    (a, doc_a), (b, doc_b) = _front_line_note("a", "Chilaburt"), _front_line_note("b", "Chilaburt")
    assert len(merge([a, b], [doc_a, doc_b])) == 1


def test_two_killings_in_one_town_by_unnamed_gunmen_with_one_toll_stay_apart():
    def killing(doc: str):
        return mention(
            doc, sub="Attack", actor1="Unidentified Armed Group (Brazil)", actor2="Civilians (Brazil)",
            iso3="BRA", location="Manaus", point=(-3.102, -60.025), fatalities=2,
        )  # fmt: skip

    a, b = view_of(0, killing("a")), view_of(1, killing("b"))
    assert (link_score(a, b) or 0.0) < 3.0


def test_one_toll_in_one_village_with_a_named_party_still_links():
    def killing(doc: str):
        return mention(
            doc, sub="Attack", actor1="Military Forces of the United States (2017-2021)",
            actor2="Civilians (Syria)", location="Khirbet Ammo", fatalities=1,
        )  # fmt: skip

    assert link_score(view_of(0, killing("a")), view_of(1, killing("b"))) >= 3.0


def _written(doc: str, day: str, written: str, published: str | None, location: str, toll: int = 1):
    """A report of a US patrol killing at a village near Qamishli, its day written out as a date."""
    from dataclasses import replace

    m = mention(
        doc, day, sub="Attack", actor1="Military Forces of the United States (2017-2021)",
        location=location, point=(37.05, 41.23), geo_precision=2, fatalities=toll,
        extra=(("near", "Al Qamishli"),),
    )  # fmt: skip
    claims = tuple(replace(c, quote=written) if c.field == "event_date" else c for c in m.claims)
    return replace(m, claims=claims, published=published)


def _village_reports():
    return [
        _written(f"r{i}", "2020-02-12", "12 February 2020", "2020-02-12", name)
        for i, name in enumerate(["Khirbet Ammo", "Khirbat Amo", "Khirbet Amo"])
    ]


def test_undated_page_giving_another_day_for_the_same_village_dead_and_party_is_one_incident_misdated():
    from sitrep.merge import merge

    late = _written("late", "2020-02-16", "16 February 2020", None, "Khirbet Hamo")
    (event,) = merge([*_village_reports(), late])
    assert event.event_date == "2020-02-12" and "late" in event.documents
    dates = next(c for c in event.contradictions if c.field == "event_date")
    assert {v.value for v in dates.values} == {"2020-02-12", "2020-02-16"}


def test_two_days_written_out_in_that_days_news_are_two_incidents():
    from sitrep.merge import merge

    again = _written("again", "2020-02-16", "16 February 2020", "2020-02-16", "Khirbet Hamo")
    assert len(merge([*_village_reports(), again])) == 2


def test_another_day_with_another_toll_stays_apart_even_on_an_undated_page():
    from sitrep.merge import merge

    late = _written("late", "2020-02-16", "16 February 2020", None, "Khirbet Hamo", toll=4)
    assert len(merge([*_village_reports(), late])) == 2


def test_village_one_report_cannot_place_matches_the_others_by_name():
    from sitrep.merge.pairs import place_score

    lost = mention("a", location="Koshebe", iso3="NGA", point=(9.06, 7.5), geo_precision=3)
    placed = mention(
        "b", location="Koshobe", iso3="NGA", admin1="Borno", point=(11.93, 13.23), geo_precision=2,
        extra=(("near", "Jere"),),
    )  # fmt: skip
    assert place_score(view_of(0, lost), view_of(1, placed)) == 2.0


def test_province_named_alone_is_not_matched_by_name_like_a_village():
    from sitrep.merge.pairs import place_score

    aleppo = (36.2, 37.16)
    province = mention("a", location="Aleppo", admin1="Aleppo", point=aleppo, geo_precision=3)
    city = mention("b", location="Aleppo", admin1="Aleppo", point=aleppo, geo_precision=1)
    assert place_score(view_of(0, province), view_of(1, city)) == 0.5


def test_a_unit_of_the_countrys_own_police_is_not_a_party_few_incidents_share():
    def raid(doc: str):
        return mention(
            doc, sub="Armed clash", actor1="Police Forces of Brazil (2019-2022) Military Police",
            actor2="Unidentified Armed Group (Brazil)", iso3="BRA", location="Rio de Janeiro",
            point=(-22.906, -43.182),
        )  # fmt: skip

    assert (link_score(view_of(0, raid("a")), view_of(1, raid("b"))) or 0.0) < 3.0


def test_reports_placed_at_a_town_do_not_vote_for_a_village_coded_at_that_towns_point():
    from sitrep.merge import merge

    jere, maiduguri = (11.926, 13.231), (11.847, 13.157)

    def report(doc: str, location: str, point, near: str | None):
        extra = (("near", near),) if near else ()
        return mention(
            doc, sub="Attack", actor1="Boko Haram", iso3="NGA", location=location, point=point,
            admin1="Borno", geo_precision=2 if near else 3, fatalities=43, extra=extra,
        )  # fmt: skip

    reports = [
        report("a", "Koshobe", jere, "Jere"),
        report("b", "Koshobe", maiduguri, "Maiduguri"),
        report("c", "Maiduguri", maiduguri, None),  # "in Borno state", coded at its capital
    ]
    (event,) = merge(reports)
    assert event.location == "Koshobe" and (event.latitude, event.longitude) == jere
