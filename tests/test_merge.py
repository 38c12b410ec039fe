"""Cross-document merging: which reports become one event, and what the event says."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.merge import Merger, merge
from sitrep.merge.cluster import view_of
from sitrep.merge.pairs import place_score
from sitrep.records import Mention
from tests.merge_helpers import KAFRANBEL, MAARRAT, document, mention

WIRE = (
    "An air strike hit the vegetable market in Maarrat al-Numan on Friday morning and killed twenty-two "
    "people, rescuers said, as warplanes circled over the southern Idlib countryside for hours afterwards."
)


def _docs(events):
    return sorted(sorted(e.documents) for e in events)


def _field(event, name):
    return next((c for c in event.contradictions if c.field == name), None)


def test_three_outlets_on_one_strike_become_one_event():
    mentions = [
        mention("a", location="Maarrat al-Numan", point=MAARRAT, fatalities=22, source="Idlib Post"),
        mention("b", location="Maaret al-Numan", point=MAARRAT, fatalities=22, source="Levant Monitor"),
        mention("c", location="Maarat al Nouman", point=MAARRAT, source="Radio Norte"),
    ]
    assert _docs(merge(mentions)) == [["a", "b", "c"]]


def test_a_day_of_lag_is_forgiven_for_the_same_place_and_toll():
    mentions = [
        mention("a", "2019-12-20", location="Maarrat al-Numan", point=MAARRAT, fatalities=7),
        mention("b", "2019-12-21", location="Maaret al-Numan", point=MAARRAT, fatalities=7),
        mention("c", "2019-12-21", location="Maaret al-Numan", point=MAARRAT, fatalities=2, span=(9, 12)),
    ]
    assert _docs(merge(mentions)) == [["a", "b"], ["c"]]


def test_same_place_on_the_next_day_is_another_event():
    mentions = [
        mention("a", "2019-12-20", location="Kafranbel", point=KAFRANBEL),
        mention("b", "2019-12-21", location="Kafranbel", point=KAFRANBEL),
    ]
    assert len(merge(mentions)) == 2


def test_same_day_attack_in_neighbouring_town_stays_apart():
    mentions = [
        mention("a", location="Maarrat al-Numan", point=MAARRAT),
        mention("b", location="Kafranbel", point=KAFRANBEL),
    ]
    assert _docs(merge(mentions)) == [["a"], ["b"]]


def test_neighbouring_villages_without_coordinates_stay_apart():
    mentions = [mention("a", location="Khirbet Ammo"), mention("b", location="Bweir al-Bouassi")]
    assert len(merge(mentions)) == 2


def test_same_village_a_year_later_stays_apart():
    mentions = [
        mention("a", "2019-12-20", location="Maarrat al-Numan", point=MAARRAT),
        mention("b", "2020-12-20", location="Maarrat al-Numan", point=MAARRAT),
    ]
    assert len(merge(mentions)) == 2


def test_two_mentions_of_one_document_never_merge():
    mentions = [
        mention("a", location="Maarrat al-Numan", point=MAARRAT, span=(0, 6)),
        mention("a", location="Maarrat al-Numan", point=MAARRAT, span=(40, 46)),
    ]
    assert len(merge(mentions)) == 2


def test_vague_report_does_not_chain_two_villages_together():
    near = mention("c", location="Maarrat al-Numan", point=MAARRAT, geo_precision=2)
    mentions = [
        mention("a", location="Maarrat al-Numan", point=MAARRAT),
        mention("b", location="Kafranbel", point=KAFRANBEL),
        near,
    ]
    groups = _docs(merge(mentions))
    assert ["a", "b"] not in [g[:2] for g in groups] and len(groups) == 2


def test_spellings_of_one_village_match_without_coordinates():
    spellings = ["Khirbet Ammo", "Khirbat Amo", "Khirbet-Ammu", "KHIRBET AMMO"]
    mentions = [mention(f"d{i}", location=name) for i, name in enumerate(spellings)]
    assert len(merge(mentions)) == 1


def test_accented_and_article_spellings_match():
    mentions = [
        mention("a", location="Maarrat al-Nu'man"),
        mention("b", location="Ma‘arrat an-Nu‘mān"),
        mention("c", location="Maarat El Numan"),
    ]
    assert len(merge(mentions)) == 1


def test_country_and_day_alone_do_not_merge_protests():
    mentions = [
        mention("a", sub="Peaceful protest", actor1="Protesters (Syria)", actor2=None),
        mention("b", sub="Peaceful protest", actor1="Protesters (Syria)", actor2=None),
    ]
    assert len(merge(mentions)) == 2


def test_reports_without_place_merge_on_named_actor_and_day():
    mentions = [
        mention("a", actor1="Military Forces of Russia (2000-)", fatalities=3),
        mention("b", actor1="Military Forces of Russia (2000-)", fatalities=3),
    ]
    assert len(merge(mentions)) == 1


def test_clash_and_air_strike_versions_of_one_incident_merge():
    mentions = [
        mention("a", sub="Armed clash", location="Maarrat al-Numan", point=MAARRAT),
        mention("b", sub="Attack", location="Maarrat al-Numan", point=MAARRAT),
    ]
    assert len(merge(mentions)) == 1


def test_arrests_never_merge_with_an_attack():
    mentions = [
        mention("a", sub="Arrests", location="Maarrat al-Numan", point=MAARRAT),
        mention("b", sub="Attack", location="Maarrat al-Numan", point=MAARRAT),
    ]
    assert len(merge(mentions)) == 2


def test_a_dateline_region_counts_against_a_link_but_does_not_forbid_it():
    a = view_of(0, mention("a", location="Maarrat al-Numan", point=MAARRAT, admin1="Idlib"))
    b = view_of(
        1, mention("b", location="Damascus", point=(33.51, 36.29), admin1="Damascus", geo_precision=3)
    )
    far = view_of(2, mention("c", location="Damascus", point=(33.51, 36.29), admin1="Damascus"))
    assert place_score(a, b) is not None and place_score(a, b) < 0
    assert place_score(a, far) is None


# --------------------------------------------------------------------------- fields


def test_rising_toll_from_one_source_is_an_update_with_latest_figure():
    mentions = [
        mention("a", fatalities=22, location="Maarrat al-Numan", source="Civil Defence"),
        mention("b", fatalities=33, location="Maarrat al-Numan", source="Civil Defence"),
    ]
    docs = [document("a", "first report", "2019-12-20"), document("b", "second report", "2019-12-21")]
    (event,) = merge(mentions, docs)
    assert event.fatalities == 33
    toll = _field(event, "fatalities")
    assert toll.kind == "update"
    assert [v.value for v in toll.values if v.latest] == [33]


def test_figures_from_different_sources_on_one_day_are_a_dispute_and_the_lowest_counts():
    mentions = [
        mention("a", fatalities=22, location="Maarrat al-Numan", source="Civil Defence"),
        mention("b", fatalities=30, location="Maarrat al-Numan", source="Monitoring group"),
    ]
    docs = [document("a", "first report", "2019-12-20"), document("b", "second report", "2019-12-20")]
    (event,) = merge(mentions, docs)
    assert event.fatalities == 22
    assert _field(event, "fatalities").kind == "dispute"


def test_a_higher_figure_published_days_later_is_the_toll_risen():
    mentions = [
        mention("a", fatalities=22, location="Maarrat al-Numan", source="Civil Defence"),
        mention("b", fatalities=30, location="Maarrat al-Numan", source="Monitoring group"),
    ]
    docs = [document("a", "first report", "2019-12-20"), document("b", "second report", "2019-12-22")]
    (event,) = merge(mentions, docs)
    assert event.fatalities == 30


def test_the_count_several_sources_settle_on_is_coded():
    mentions = [
        mention("a", fatalities=2, location="Maarrat al-Numan", source="Civil Defence"),
        mention("b", fatalities=25, location="Maarrat al-Numan", source="Health office"),
        mention("c", fatalities=29, location="Maarrat al-Numan", source="Police"),
        mention("d", fatalities=25, location="Maarrat al-Numan", source="Rights group"),
    ]
    (event,) = merge(_with_quotes(mentions))
    assert event.fatalities == 25


def test_without_publication_days_a_higher_toll_is_a_dispute():
    mentions = [
        mention("a", fatalities=22, location="Maarrat al-Numan", source="Civil Defence"),
        mention("b", fatalities=33, location="Maarrat al-Numan", source="Civil Defence"),
    ]
    (event,) = merge(mentions)
    assert event.fatalities == 22 and _field(event, "fatalities").kind == "dispute"


def test_syndicated_copies_share_one_vote_on_the_date():
    copies = [mention(f"wire{i}", "2019-12-19", location="Maarrat al-Numan", precision=2) for i in range(3)]
    others = [mention(f"own{i}", "2019-12-20", location="Maarrat al-Numan") for i in range(2)]
    docs = [document(f"wire{i}", f"Headline {i}\n{WIRE}") for i in range(3)]
    docs += [document("own0", "A reporter in the town counted the dead at the market on Friday."),
             document("own1", "Rescue workers pulled bodies from the rubble of the market in the town.")]  # fmt: skip
    assert merge(copies + others)[0].event_date == "2019-12-19"
    (event,) = merge(copies + others, docs)
    assert event.event_date == "2019-12-20"
    assert "syndicated" in event.notes


def test_date_most_sources_support_wins_and_the_other_is_a_contradiction():
    mentions = [
        mention("a", "2020-02-12", location="Khirbet Ammo", source="A"),
        mention("b", "2020-02-12", location="Khirbet Amo", source="B"),
        mention("c", "2020-02-14", location="Khirbet Hamo", source="C", precision=2),
    ]
    (event,) = merge(mentions)
    assert (event.event_date, event.time_precision) == ("2020-02-12", 1)
    dates = _field(event, "event_date")
    assert {v.value: v.sources for v in dates.values} == {"2020-02-12": ("A", "B"), "2020-02-14": ("C",)}


def test_spellings_of_one_place_are_one_version_not_a_dispute():
    mentions = [mention("a", location="Khirbet Ammo"), mention("b", location="Khirbet-Ammo")]
    (event,) = merge(mentions)
    assert _field(event, "location") is None


def test_most_precise_place_agreeing_with_the_rest_is_chosen():
    mentions = [
        mention("a", location="Maarrat al-Numan", point=MAARRAT, geo_precision=2),
        mention("b", location="Maarrat al-Numan", point=MAARRAT, geo_precision=1),
        mention("c", location="Maarat al-Numan", geo_precision=2),
    ]
    (event,) = merge(mentions)
    assert (event.location, event.geo_precision) == ("Maarrat al-Numan", 1)


def test_actors_are_voted_without_regime_years_and_named_groups_beat_generic_ones():
    mentions = [
        mention("a", actor2="Unidentified Armed Group (Syria)", location="Kafranbel"),
        mention("b", actor1="Military Forces of Russia", actor2="Hayat Tahrir al-Sham", location="Kafranbel"),
        mention("c", actor2="Unidentified Armed Group (Syria)", location="Kafranbel"),
    ]
    (event,) = merge(mentions)
    assert event.actor1.startswith("Military Forces of Russia")
    assert _field(event, "actor1") is None


def test_every_claim_stays_attached_with_document_and_source():
    mentions = [
        mention("a", location="Kafranbel", source="A"),
        mention("b", location="Kafranbel", source="B"),
    ]
    (event,) = merge(mentions)
    assert {(c.document, c.source) for c in event.claims} == {("a", "A"), ("b", "B")}
    assert set(event.source) == {"A", "B"}


def test_notes_say_who_reported_what():
    mentions = [
        mention("a", location="Kafranbel", source="Civil Defence", extra=(("victim_status", "civilian"),)),
        mention("b", location="Kafranbel", source="Army statement", extra=(("victim_status", "militant"),)),
    ]
    (event,) = merge(mentions)
    assert "According to Civil Defence, the victims were civilians" in event.notes
    assert "Army statement said they were militants" in event.notes


def test_event_id_is_the_same_whatever_the_order():
    mentions = [mention("a", location="Kafranbel"), mention("b", location="Kafranbel")]
    assert merge(mentions)[0].event_id == merge(mentions[::-1])[0].event_id


# --------------------------------------------------------------------------- incremental


def _pool():
    return [
        mention("a", location="Maarrat al-Numan", point=MAARRAT, fatalities=22, source="Civil Defence"),
        mention("b", location="Maaret al-Numan", point=MAARRAT, fatalities=33, source="Civil Defence"),
        mention("c", "2019-12-21", location="Maarat al Nouman", point=MAARRAT, geo_precision=2, source="C"),
        mention("d", location="Kafranbel", point=KAFRANBEL, sub="Shelling/artillery/missile attack"),
        mention("e", location="Maarrat al-Numan", point=MAARRAT, geo_precision=2, source="E"),
        mention("f", "2020-12-20", location="Maarrat al-Numan", point=MAARRAT),
        mention("g", sub="Peaceful protest", actor1="Protesters (Syria)", actor2=None),
        mention("h", "2019-12-21", actor1="Military Forces of Russia (2000-)", fatalities=22),
        mention("a", location="Kafranbel", point=KAFRANBEL, span=(50, 56)),
    ]


POOL_DOCS = [
    document(d, f"Report {d} about the strike.", f"2019-12-{20 + i % 2}") for i, d in enumerate("abcdefgh")
]


def _as_dicts(events):
    return sorted((e.to_dict() for e in events), key=lambda d: d["event_id"])


@settings(max_examples=60, deadline=None)
@given(st.permutations(range(9)), st.integers(min_value=1, max_value=9))
def test_merger_gives_the_batch_events_in_any_arrival_order(order, batch):
    pool = _pool()
    expected = _as_dicts(merge(pool, POOL_DOCS))
    merger = Merger()
    items = [pool[i] for i in order]
    docs = [POOL_DOCS[i % len(POOL_DOCS)] for i in order]
    for start in range(0, len(items), batch):
        merger.add_documents(docs[start : start + batch])
        merger.add_all(items[start : start + batch])
        merger.events()  # asking in between changes nothing
    merger.add_documents(POOL_DOCS)
    assert _as_dicts(merger.events()) == expected


def test_the_same_mention_added_twice_counts_once():
    merger = Merger()
    merger.add(mention("a", location="Kafranbel"))
    merger.add(mention("a", location="Kafranbel"))
    assert len(merger) == 1


def test_keep_documents_passes_items_through_and_keeps_no_text():
    merger = Merger()
    docs = [document("a", WIRE), document("b", WIRE)]
    assert list(merger.keep_documents(docs)) == docs
    merger.add_all([mention("a", location="Kafranbel"), mention("b", location="Kafranbel")])
    (event,) = merger.events()
    assert "syndicated" in event.notes


# --------------------------------------------------------------------------- multi-outlet fixture sets

MULTI = sorted((Path(__file__).parent / "fixtures" / "multi").glob("*.json"))


@pytest.mark.parametrize("path", MULTI, ids=lambda p: p.stem)
def test_multi_outlet_fixture_sets_merge_as_expected(path, resources):
    import sitrep

    fixture = json.loads(path.read_text(encoding="utf-8"))
    expect = fixture["expect"]
    events = sitrep.extract(fixture["documents"], resources)
    by_doc = {d: e for e in events for d in e.documents}
    main = by_doc[expect["main"][0]]
    assert sorted(main.documents) == sorted(expect["main"])
    assert not any(d in main.documents for group in expect["separate"] for d in group)
    assert (main.event_date, main.fatalities) == (expect["event_date"], expect["fatalities"])
    assert set(expect["contradicted"]) <= {c.field for c in main.contradictions}


def test_a_mention_without_a_date_is_its_own_event():
    events = merge([mention("a", None), mention("b", location="Kafranbel")])
    assert sorted(e.documents for e in events) == [("a",), ("b",)]


def test_report_dated_days_off_joins_when_place_army_and_toll_agree():
    mentions = [
        mention("a", "2019-12-20", location="Maarrat al-Numan", point=MAARRAT, fatalities=7),
        mention("b", "2019-12-20", location="Maaret al-Numan", point=MAARRAT, fatalities=7),
        mention("c", "2019-12-24", location="Maarat al Nouman", point=MAARRAT, fatalities=7),
    ]
    events = merge(mentions)
    assert _docs(events) == [["a", "b", "c"]]
    assert events[0].event_date == "2019-12-20"
    dates = _field(events[0], "event_date")
    assert dates is not None and {v.value for v in dates.values} == {"2019-12-20", "2019-12-24"}


def test_report_days_off_with_another_toll_stays_apart():
    mentions = [
        mention("a", "2019-12-20", location="Maarrat al-Numan", point=MAARRAT, fatalities=7),
        mention("b", "2019-12-24", location="Maaret al-Numan", point=MAARRAT, fatalities=3),
    ]
    assert len(merge(mentions)) == 2


def test_same_place_army_and_toll_a_month_later_stays_apart():
    mentions = [
        mention("a", "2019-12-20", location="Maarrat al-Numan", point=MAARRAT, fatalities=7),
        mention("b", "2020-01-20", location="Maaret al-Numan", point=MAARRAT, fatalities=7),
    ]
    assert len(merge(mentions)) == 2


def test_misdated_report_never_outvotes_the_reports_of_the_day():
    mentions = [
        mention("a", "2019-12-20", location="Maarrat al-Numan", point=MAARRAT, fatalities=7),
        mention("b", "2019-12-20", location="Maaret al-Numan", point=MAARRAT, fatalities=7),
        mention("c", "2019-12-20", location="Maarat al Nouman", point=MAARRAT, fatalities=5),
        mention("d", "2019-12-23", location="Maarrat al-Numan", point=MAARRAT, fatalities=7),
    ]
    events = merge(mentions)
    main = max(events, key=lambda e: len(e.documents))
    assert main.event_date == "2019-12-20" and {"a", "b", "c"} <= set(main.documents)


def test_toll_the_text_says_has_risen_is_an_update_not_a_dispute():
    from sitrep.merge.reconcile import contradictions
    from sitrep.records import Claim

    claims = [
        Claim("fatalities", 12, "p", "Radio A", (0, 6), "killed", "casualties"),
        Claim("fatalities", 19, "p", "Officials", (10, 16), "risen", "casualties.update"),
    ]
    (toll,) = contradictions(claims)
    assert toll.kind == "update"
    assert [v.latest for v in toll.values] == [False, True]


def test_lower_toll_after_a_rise_stays_a_dispute():
    from sitrep.merge.reconcile import contradictions
    from sitrep.records import Claim

    claims = [
        Claim("fatalities", 25, "p", "Radio A", (0, 6), "killed", "casualties"),
        Claim("fatalities", 19, "p", "Officials", (10, 16), "risen", "casualties.update"),
    ]
    (toll,) = contradictions(claims)
    assert toll.kind == "dispute"


def _with_quotes(mentions: list[Mention]) -> list[Mention]:
    """The mentions with their toll claims quoted as a report writes them ("25 killed")."""
    return [
        replace(m, claims=tuple(
            replace(c, quote=f"{c.value} killed") if c.field == "fatalities" else c for c in m.claims
        ))
        for m in mentions
    ]  # fmt: skip


RAID = [
    {"id": "herald", "published": "2021-03-14", "outlet": "Sokoto Herald",
     "text": "Gunmen kill 12 in Zamfara village raid\n\nGunmen on motorcycles raided the village of Tungan Kawo"
             " in Zamfara state on Saturday night, killing 12 villagers and burning several houses, police said."},
    {"id": "courier", "published": "2021-03-16", "outlet": "Northern Courier",
     "text": "Toll in Tungan Kawo attack rises to 19\n\nThe number of people killed when bandits stormed Tungan"
             " Kawo village in Zamfara state on Saturday has risen to 19, a local official said on Monday."
             " Residents said the attackers rode in on motorcycles."},
]  # fmt: skip


def test_two_outlets_tell_one_raid_on_different_days_with_different_tolls(resources):
    import sitrep

    (event,) = sitrep.extract(RAID, resources)
    assert sorted(event.documents) == ["courier", "herald"]
    assert event.event_date == "2021-03-13"  # the Saturday of the raid, not either report's day
    assert event.location == "Tungan Kawo"
    toll = _field(event, "fatalities")
    assert {v.value for v in toll.values} == {12, 19}
    assert len(event.notes) <= 800 and "Tungan Kawo" in event.notes


def test_a_month_only_report_fits_a_day_of_that_month_and_not_another_year():
    day = mention("a", "2019-12-28", location="Maarrat al-Numan", point=MAARRAT, fatalities=30)
    month = mention("b", "2019-12-01", location="Maarrat al-Numan", point=MAARRAT, fatalities=25, precision=3)
    later = mention("c", "2021-06-05", location="Maarrat al-Numan", point=MAARRAT, fatalities=2)
    assert _docs(merge([day, month, later])) == [["a", "b"], ["c"]]


def test_notes_are_one_short_paragraph_attributing_each_version_once():
    mentions = [
        mention(d, location="Kafranbel", source=s, fatalities=n, extra=(("victim_status", v),))
        for d, s, n, v in [("a", "Civil Defence", 9, "civilian"), ("b", "Army statement", 12, "militant"),
                           ("c", "Monitor", 9, "civilian")]
    ]  # fmt: skip
    (event,) = merge(mentions)
    assert "\n" not in event.notes and len(event.notes) <= 800
    assert event.notes.count("Civil Defence") == 1
    assert "fatalities coded as 9" in event.notes
