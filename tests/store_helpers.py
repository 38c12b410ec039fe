"""Stores for the tests: SQLite in a temporary folder, and PostgreSQL when a server is reachable.

PostgreSQL tests read the server's URL from ``SITREP_TEST_POSTGRES`` (``.ci/run`` starts a local
server and sets it); each test gets a schema of its own, dropped afterwards. Without a reachable
server they skip and say why.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from sitrep.records import Claim, Contradiction, Document, Event, Version
from sitrep.store import Store, open_store

POSTGRES_ENV = "SITREP_TEST_POSTGRES"
BACKENDS = ("sqlite", "postgres")


def postgres_url() -> str:
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        pytest.skip(f"no PostgreSQL server for the store tests: set {POSTGRES_ENV} (.ci/run starts one)")
    return url


def store_url(backend: str, tmp_path: Path) -> Iterator[str]:
    """A URL for an empty store of this back end; a PostgreSQL schema is dropped afterwards."""
    if backend == "sqlite":
        yield str(tmp_path / "events.sqlite")
        return
    import psycopg

    base = postgres_url()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    try:
        admin = psycopg.connect(base, autocommit=True)
    except psycopg.Error as exc:
        pytest.skip(f"PostgreSQL at {POSTGRES_ENV} cannot be reached: {exc}")
    admin.execute(f"CREATE SCHEMA {schema}")
    joiner = "&" if "?" in base else "?"
    try:
        yield f"{base}{joiner}options={quote(f'-csearch_path={schema}')}"
    finally:
        admin.execute(f"DROP SCHEMA {schema} CASCADE")
        admin.close()


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path) -> Iterator[str]:
    yield from store_url(request.param, tmp_path)


@pytest.fixture
def store(db_url) -> Iterator[Store]:
    opened = open_store(db_url)
    try:
        yield opened
    finally:
        opened.close()


# ---------------------------------------------------------------- texts and events written here

CLASH = [
    Document(
        id="wire-1",
        outlet="Sahel Wire",
        published="2023-03-13",
        text="Soldiers and jihadist fighters clashed in the town of Kidal in northern Mali on Sunday, "
        "and four soldiers were killed, a local official said.",
    ),
    Document(
        id="daily-2",
        outlet="Bamako Daily",
        published="2023-03-13",
        text="The Malian army said its troops fought jihadists in Kidal, Mali, on Sunday. "
        "Two soldiers were killed in the clash, the army said.",
    ),
    Document(
        id="radio-3",
        outlet="Radio Kayes",
        published="2023-03-14",
        text="Fighting between the army and jihadist fighters in Kidal on Sunday left four soldiers dead, "
        "residents told the radio.",
    ),
]
MARCH = Document(
    id="kenya-4",
    outlet="Lake Times",
    published="2023-05-17",
    text="Hundreds of traders marched peacefully through Kisumu on Tuesday to protest against new market fees.",
)

HOSTILE_TEXT = (
    '<script>window.pwned = 1</script> Gunmen <img src=x onerror="window.pwned=2"> attacked '
    "a market in Gao, killing three traders."
)
HOSTILE = Document(
    id="hostile-7",
    outlet='<img src=x onerror="window.pwned=3">Evil FM',
    url="javascript:window.pwned=4",
    title="<script>window.pwned=5</script>",
    published="2023-03-21",
    text=HOSTILE_TEXT,
)


def hand_event(event_id: str = "evt-clash", **changes) -> Event:
    """A coded event written by hand: two documents that disagree on the toll."""
    fields = dict(
        event_id=event_id,
        documents=("wire-1", "daily-2"),
        event_date="2023-03-12",
        time_precision=1,
        disorder_type="Political violence",
        event_type="Battles",
        sub_event_type="Armed clash",
        actor1="Military Forces of Mali (2021-)",
        actor2="JNIM: Group for Support of Islam and Muslims",
        inter1=1,
        inter2=2,
        country="Mali",
        iso3="MLI",
        admin1="Kidal",
        location="Kidal",
        latitude=18.4411,
        longitude=1.4078,
        geo_precision=1,
        fatalities=2,
        source=("Sahel Wire", "Malian army"),
        notes="On 2023-03-12, soldiers and jihadists clashed in Kidal.",
        claims=(
            _claim("fatalities", 4, CLASH[0], "local official", "four soldiers were killed"),
            _claim("location", "Kidal", CLASH[0], "Sahel Wire", "Kidal"),
            _claim("fatalities", 2, CLASH[1], "Malian army", "Two soldiers were killed"),
        ),
        contradictions=(
            Contradiction(
                "fatalities",
                (Version(4, ("local official",), ("wire-1",)), Version(2, ("Malian army",), ("daily-2",))),
            ),
        ),
    )
    fields.update(changes)
    return Event(**fields)


def _claim(field: str, value, document: Document, source: str, quote: str) -> Claim:
    start = document.text.index(quote)
    return Claim(field, value, document.id, source, (start, start + len(quote)), quote)


def hostile_event() -> Event:
    """An event whose every string is an attack on the page that shows it."""
    script = "<script>window.pwned = 1</script>"
    return hand_event(
        "evt-hostile",
        documents=("hostile-7",),
        event_date="2023-03-21",
        location='<b onmouseover="window.pwned=6">Gao</b>',
        latitude=16.27,
        longitude=-0.04,
        source=("<script>window.pwned=7</script>",),
        notes="</script><script>window.pwned=8</script>",
        actor1='"><svg onload="window.pwned=9">',
        claims=(_claim("location", script, HOSTILE, '<img src=x onerror="window.pwned=3">', script),),
        contradictions=(
            Contradiction(
                "fatalities",
                (
                    Version("<svg onload=window.pwned=10>", ("<i>first</i>",), ("hostile-7",)),
                    Version(3, ("Gao Info",), ("hostile-7",)),
                ),
            ),
        ),
    )


def hand_events() -> list[Event]:
    """Four events in three countries over three weeks, for the filters."""
    return [
        hand_event(),
        hand_event(
            "evt-march", documents=("kenya-4",), event_date="2023-05-16", disorder_type="Demonstrations",
            event_type="Protests", sub_event_type="Peaceful protest", actor1="Protesters (Kenya)", actor2=None,
            inter1=6, inter2=0, country="Kenya", iso3="KEN", admin1="Kisumu", location="Kisumu",
            latitude=-0.0917, longitude=34.768, fatalities=0, source=("Lake Times",), claims=(), contradictions=(),
        ),
        hand_event(
            "evt-gao", documents=("gao-5",), event_date="2023-03-20", event_type="Violence against civilians",
            sub_event_type="Attack", actor1="Unidentified Armed Group (Mali)", actor2="Civilians (Mali)",
            inter1=3, inter2=7, admin1="Gao", location="Gao", latitude=16.2717, longitude=-0.0447,
            fatalities=3, source=("Gao Info",), claims=(), contradictions=(),
        ),
        hand_event(
            "evt-undated", documents=("note-6",), event_date=None, time_precision=3, location=None,
            latitude=None, longitude=None, fatalities=None, claims=(), contradictions=(), admin1=None,
        ),
    ]  # fmt: skip
