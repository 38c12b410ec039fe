"""Build a synthetic event store for the query benchmark (scripts/measure_api.py).

    python scripts/build_synthetic_store.py --db bench-out/events.sqlite --events 100000
    python scripts/build_synthetic_store.py --db postgresql://user:pw@127.0.0.1/bench --events 100000

Events are made up but shaped like real ones: 40 countries with a few divisions each, three years
of days, every event and sub-event type, named actors, a skewed toll, three or four claims each,
one event in eight with a contradiction. The same seed gives the same store.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, timedelta

from sitrep.records import Claim, Contradiction, Event, Version
from sitrep.store import open_store
from sitrep.taxonomy import PRECEDENCE, disorder_type_of

COUNTRIES = [
    ("Syria", "SYR", 35.0, 38.5), ("Iraq", "IRQ", 33.2, 43.7), ("Yemen", "YEM", 15.5, 47.5),
    ("Nigeria", "NGA", 9.1, 8.7), ("Mali", "MLI", 17.6, -4.0), ("Burkina Faso", "BFA", 12.2, -1.6),
    ("Somalia", "SOM", 5.2, 46.2), ("Sudan", "SDN", 15.6, 30.2), ("Ethiopia", "ETH", 9.1, 40.5),
    ("Afghanistan", "AFG", 33.9, 67.7), ("Pakistan", "PAK", 30.4, 69.3), ("India", "IND", 22.0, 79.0),
    ("Myanmar", "MMR", 21.9, 95.9), ("Philippines", "PHL", 12.9, 121.8), ("Ukraine", "UKR", 48.4, 31.2),
    ("Mexico", "MEX", 23.6, -102.5), ("Colombia", "COL", 4.6, -74.3), ("Brazil", "BRA", -14.2, -51.9),
    ("Kenya", "KEN", -0.02, 37.9), ("Cameroon", "CMR", 7.4, 12.4), ("Libya", "LBY", 26.3, 17.2),
    ("Mozambique", "MOZ", -18.7, 35.5), ("Niger", "NER", 17.6, 8.1), ("Chad", "TCD", 15.5, 18.7),
    ("Lebanon", "LBN", 33.9, 35.9), ("Palestine", "PSE", 31.9, 35.2), ("Israel", "ISR", 31.0, 34.9),
    ("Iran", "IRN", 32.4, 53.7), ("Bangladesh", "BGD", 23.7, 90.4), ("Haiti", "HTI", 18.9, -72.3),
    ("Venezuela", "VEN", 6.4, -66.6), ("Peru", "PER", -9.2, -75.0), ("Chile", "CHL", -35.7, -71.5),
    ("France", "FRA", 46.2, 2.2), ("United States", "USA", 38.0, -97.0), ("Uganda", "UGA", 1.4, 32.3),
    ("South Sudan", "SSD", 6.9, 31.3), ("Democratic Republic of Congo", "COD", -4.0, 21.8),
    ("Central African Republic", "CAF", 6.6, 20.9), ("Thailand", "THA", 15.9, 100.9),
]  # fmt: skip
ACTORS = [
    "Military Forces of {c}", "Police Forces of {c}", "Unidentified Armed Group ({c})",
    "Protesters ({c})", "Rioters ({c})", "Civilians ({c})", "Islamic State", "Al Shabaab",
    "JNIM: Group for Support of Islam and Muslims",
    "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad",
    "Wagner Group", "Hezbollah",
]  # fmt: skip
OUTLETS = ["Wire One", "Daily Courier", "Radio Free Plains", "The Observer", "Local Monitor", "State TV"]


def synthetic_event(n: int, rng: random.Random, start: date, days: int) -> Event:
    country, iso3, lat, lon = rng.choice(COUNTRIES)
    admin1 = f"{country} Province {rng.randint(1, 8)}"
    event_type, sub_event_type = rng.choice(PRECEDENCE)
    day = (start + timedelta(days=rng.randrange(days))).isoformat()
    actor1 = rng.choice(ACTORS).format(c=country)
    actor2 = rng.choice(ACTORS).format(c=country) if rng.random() < 0.8 else None
    fatalities = int(rng.paretovariate(1.5)) - 1 if rng.random() < 0.7 else 0
    documents = tuple(f"doc-{n}-{i}" for i in range(rng.randint(1, 4)))
    sources = tuple(rng.sample(OUTLETS, k=min(len(documents), len(OUTLETS))))
    quote = f"{fatalities} people were killed"
    claims = tuple(
        Claim("fatalities", fatalities + i, doc, src, (10, 10 + len(quote)), quote)
        for i, (doc, src) in enumerate(zip(documents, sources, strict=False))
    ) + (Claim("location", f"Town {n % 997}", documents[0], sources[0], (0, 9), f"Town {n % 997}"),)
    contradictions: tuple[Contradiction, ...] = ()
    if len(documents) > 1 and rng.random() < 0.5:
        contradictions = (
            Contradiction(
                "fatalities",
                tuple(
                    Version(c.value, (c.source,), (c.document,)) for c in claims if c.field == "fatalities"
                ),
            ),
        )
    return Event(
        event_id=f"syn{n:07d}",
        documents=documents,
        event_date=day,
        time_precision=1,
        disorder_type=disorder_type_of(sub_event_type),
        event_type=event_type,
        sub_event_type=sub_event_type,
        actor1=actor1,
        actor2=actor2,
        inter1=rng.randint(1, 8),
        inter2=rng.randint(0, 8) if actor2 else 0,
        country=country,
        iso3=iso3,
        admin1=admin1,
        location=f"Town {n % 997}",
        latitude=round(lat + rng.uniform(-3, 3), 4),
        longitude=round(lon + rng.uniform(-3, 3), 4),
        geo_precision=rng.choice((1, 1, 2, 3)),
        fatalities=fatalities,
        source=sources,
        notes=f"Synthetic event {n}: {sub_event_type.lower()} in Town {n % 997}, {admin1}, {country}.",
        claims=claims,
        contradictions=contradictions,
        cameo="190",
        plover="ASSAULT",
        confidence=0.7,
    )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", required=True, help="an SQLite path or a postgresql:// URL (should be empty)")
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--chunk", type=int, default=5_000, help="events per transaction")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    started = time.perf_counter()
    with open_store(args.db) as store:
        if store.count_events():
            print(f"{args.db} already holds events; give an empty store", file=sys.stderr)
            return 2
        for first in range(0, args.events, args.chunk):
            count = min(args.chunk, args.events - first)
            store.import_events(
                synthetic_event(first + i, rng, date(2021, 1, 1), 3 * 365) for i in range(count)
            )
            print(f"\r{first + count} events", end="", file=sys.stderr)
        store.analyze()
        total = store.count_events()
    print(f"\n{total} events in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
