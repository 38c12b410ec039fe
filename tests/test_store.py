"""The store, on SQLite and on PostgreSQL: the same tests on both back ends."""

from __future__ import annotations

import itertools

import pytest

import sitrep
from sitrep.errors import UsageError
from sitrep.records import Document, Event
from sitrep.store import Store, StoreError, make_filter, open_store
from sitrep.store.ingest import ingest
from sitrep.store.migrations import LATEST
from tests.conftest import shared_path
from tests.store_helpers import CLASH, MARCH, hand_events

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def _events(s: Store) -> list[dict]:
    return sorted((e.to_dict() for e in s.events()), key=lambda d: d["event_id"])


def _batch(documents, resources) -> list[dict]:
    from sitrep.export import event_json

    events = sitrep.extract(documents, resources)
    return sorted((Event.from_dict(event_json(e)).to_dict() for e in events), key=lambda d: d["event_id"])


def _ingest(s: Store, documents, resources) -> list[str]:
    """Each document's outcome, in the order the documents were given."""
    outcomes = {outcome.document: outcome.status for outcome in ingest(s, documents, resources)}
    return [outcomes[d.id] for d in documents]


# ---------------------------------------------------------------- schema


def test_a_new_store_is_migrated_to_the_latest_schema(store: Store) -> None:
    assert store.schema_version() == LATEST
    assert store.migrate() == LATEST  # opening again applies nothing


def test_a_store_from_a_newer_sitrep_is_refused(db_url: str) -> None:
    with open_store(db_url) as s, s._transaction() as cur:
        cur.execute(s._sql("INSERT INTO schema_migrations VALUES (?, ?, ?)"), (LATEST + 1, "future", "now"))
    with pytest.raises(StoreError, match="newer than this sitrep"):
        open_store(db_url)


# ---------------------------------------------------------------- filters and pages


def _ids(s: Store, **values) -> list[str]:
    return [e.event_id for e in s.page(make_filter(**values), 0, 100).events]


def test_events_come_latest_first_and_undated_last(store: Store) -> None:
    store.import_events(hand_events())
    assert _ids(store) == ["evt-march", "evt-gao", "evt-clash", "evt-undated"]


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"since": "2023-03-13"}, ["evt-march", "evt-gao"]),
        ({"until": "2023-03-20"}, ["evt-gao", "evt-clash"]),
        ({"since": "2023-03-12", "until": "2023-03-12"}, ["evt-clash"]),
        ({"country": "Mali"}, ["evt-gao", "evt-clash", "evt-undated"]),
        ({"country": "ken"}, ["evt-march"]),
        ({"admin1": "kidal"}, ["evt-clash"]),
        ({"event_type": "protests"}, ["evt-march"]),
        ({"sub_event_type": "Attack"}, ["evt-gao"]),
        ({"actor": "jnim"}, ["evt-clash", "evt-undated"]),
        ({"actor": "civilians (mali)"}, ["evt-gao"]),
        ({"min_fatalities": "3"}, ["evt-gao"]),
        ({"bbox": "30,-5,40,5"}, ["evt-march"]),
        ({"bbox": "-5,10,5,20"}, ["evt-gao", "evt-clash"]),
        ({"contradictions": "true"}, ["evt-clash"]),
        ({"contradictions": False}, ["evt-march", "evt-gao", "evt-undated"]),
        ({"country": "Mali", "min_fatalities": 1, "since": "2023-03-01"}, ["evt-gao", "evt-clash"]),
    ],
)
def test_each_filter_selects_its_events(store: Store, values: dict, expected: list[str]) -> None:
    store.import_events(hand_events())
    assert _ids(store, **values) == expected


def test_an_actor_filter_matches_wildcards_literally(store: Store) -> None:
    store.import_events(hand_events())
    assert _ids(store, actor="%") == []
    assert _ids(store, actor="_") == []


def test_pages_split_the_events_and_count_them_all(store: Store) -> None:
    store.import_events(hand_events())
    first, second = store.page(None, 0, 3), store.page(None, 3, 3)
    assert (first.total, len(first.events), len(second.events)) == (4, 3, 1)
    assert {e.event_id for e in first.events + second.events} == {e.event_id for e in hand_events()}


def test_bad_filter_values_are_usage_errors_naming_the_value() -> None:
    for values, message in [
        ({"since": "12/03/2023"}, "since must be a date"),
        ({"bbox": "1,2,3"}, "bbox must be four numbers"),
        ({"min_fatalities": "-1"}, "must not be negative"),
        ({"event_type": "Skirmish"}, "unknown event type 'Skirmish'"),
        ({"colour": "red"}, "unknown filter colour"),
    ]:
        with pytest.raises(UsageError, match=message):
            make_filter(**values)


def test_daily_counts_and_facets_reflect_the_events(store: Store) -> None:
    store.import_events(hand_events())
    assert store.daily(make_filter(country="Mali")) == [
        ("2023-03-12", "Battles", 1, 2),
        ("2023-03-20", "Violence against civilians", 1, 3),
    ]
    facets = store.facets()
    assert facets["country"] == ["Kenya", "Mali"]
    assert facets["event_type"] == ["Battles", "Protests", "Violence against civilians"]


def test_an_event_round_trips_through_the_store(store: Store) -> None:
    event = hand_events()[0]
    store.import_events([event], CLASH[:2])
    assert store.event("evt-clash") == event
    assert store.event("nothing") is None
    assert [d.id for d in store.documents(["daily-2", "wire-1", "absent"])] == ["daily-2", "wire-1"]
    assert store.documents(["wire-1"])[0] == CLASH[0]


# ---------------------------------------------------------------- ingest


def test_ingesting_the_same_documents_again_adds_nothing(store: Store, resources) -> None:
    assert _ingest(store, [*CLASH, MARCH], resources) == ["stored"] * 4
    before = (store.count_documents(), store.count_mentions(), _events(store))
    assert _ingest(store, [*CLASH, MARCH], resources) == ["skipped"] * 4
    assert (store.count_documents(), store.count_mentions(), _events(store)) == before


def test_a_new_report_of_a_stored_incident_joins_its_event(store: Store, resources) -> None:
    _ingest(store, [CLASH[0], MARCH], resources)
    assert store.count_events() == 2
    _ingest(store, [CLASH[1]], resources)
    clash = next(e for e in store.events() if e.event_type == "Battles")
    assert store.count_events() == 2
    assert set(clash.documents) == {"wire-1", "daily-2"}
    assert [c.field for c in clash.contradictions][:1] == ["fatalities"]


def test_documents_one_at_a_time_in_any_order_give_the_batch_events(store: Store, resources) -> None:
    documents = [*CLASH, MARCH]
    batch = _batch(documents, resources)
    assert len(batch) == 2
    for n, order in enumerate(itertools.islice(itertools.permutations(documents), 0, None, 7)):
        with open_store(store.url) as fresh:
            if n:
                _reset(fresh)
            for document in order:
                _ingest(fresh, [document], resources)
            assert _events(fresh) == batch, [d.id for d in order]


def _reset(s: Store) -> None:
    with s._transaction() as cur:
        for table in ("event_documents", "event_data", "events", "mentions", "documents"):
            cur.execute(f"DELETE FROM {table}")


def test_an_interrupted_ingest_leaves_the_store_as_before_and_a_rerun_resumes(
    store: Store, resources, monkeypatch
) -> None:
    _ingest(store, [CLASH[0], MARCH], resources)
    before = (store.count_documents(), store.count_mentions(), _events(store))
    real = type(store)._insert_events

    def crash(self, cur, events, stamp):
        real(self, cur, events, stamp)
        raise KeyboardInterrupt  # the power goes in the middle of the document's transaction

    monkeypatch.setattr(type(store), "_insert_events", crash)
    with pytest.raises(KeyboardInterrupt):
        _ingest(store, [CLASH[1], CLASH[2]], resources)
    assert (store.count_documents(), store.count_mentions(), _events(store)) == before
    monkeypatch.setattr(type(store), "_insert_events", real)
    assert _ingest(store, [*CLASH, MARCH], resources) == ["skipped", "stored", "stored", "skipped"]
    assert _events(store) == _batch([*CLASH, MARCH], resources)


def test_another_text_under_a_stored_id_is_kept_under_a_new_id(store: Store, resources) -> None:
    from dataclasses import replace

    _ingest(store, [MARCH], resources)
    update = replace(MARCH, text=MARCH.text.replace("Hundreds", "Thousands"))
    outcomes = list(ingest(store, [update], resources))
    assert outcomes[0].status == "stored" and outcomes[0].document.startswith("kenya-4~")
    assert store.count_documents() == 2


def test_khirbet_ammo_one_document_at_a_time_in_reverse_gives_the_batch_events(
    store: Store, resources
) -> None:
    from sitrep.store import engine

    folder = shared_path("corpus", "khirbet-ammo")
    documents = [d for d in engine.read_paths([str(folder)]) if not isinstance(d, sitrep.records.Failure)]
    batch = _batch(documents, resources)
    for document in reversed(documents):
        _ingest(store, [document], resources)
    assert _events(store) == batch
    assert _ingest(store, documents, resources) == ["skipped"] * len(documents)
    assert _events(store) == batch


def test_a_file_that_is_not_a_store_is_a_store_error_naming_it(tmp_path) -> None:
    bogus = tmp_path / "notes.sqlite"
    bogus.write_text("these are notes, not a database\n" * 200, "utf-8")
    with pytest.raises(StoreError, match="notes.sqlite"):
        open_store(str(bogus))


def test_an_unreachable_postgresql_server_is_a_store_error_without_the_password() -> None:
    with pytest.raises(StoreError) as caught:
        open_store("postgresql://someone:secret@127.0.0.1:1/nothing?connect_timeout=2")
    assert "secret" not in str(caught.value) and "someone@127.0.0.1:1" in str(caught.value)


def test_an_undated_report_joins_its_incident_in_any_arrival_order(store: Store, resources) -> None:
    undated = Document(
        id="blog-5",
        outlet="Sahel Notes",
        text="Soldiers and jihadist fighters clashed in Kidal in northern Mali, and four soldiers were killed, "
        "a local official said.",
    )
    documents = [*CLASH[:2], undated, MARCH]
    batch = _batch(documents, resources)
    for n, order in enumerate(([undated, *CLASH[:2], MARCH], [*CLASH[:2], MARCH, undated])):
        with open_store(store.url) as fresh:
            if n:
                _reset(fresh)
            for document in order:
                _ingest(fresh, [document], resources)
            assert _events(fresh) == batch, [d.id for d in order]
