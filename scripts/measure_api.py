"""Latency of filtered ``/api/events`` queries over HTTP, on a store of any size.

    python scripts/build_synthetic_store.py --db bench-out/events.sqlite --events 100000
    python scripts/measure_api.py --db bench-out/events.sqlite [--rounds 40]

Serves the real app (uvicorn, 127.0.0.1, a free port) in this process and sends each kind of
query ``--rounds`` times from one client over one keep-alive connection, with parameters drawn
from the store's own values; prints the 50th and 95th percentiles and the worst time per kind and
overall. The loops are bounded and talk to loopback only.
"""

from __future__ import annotations

import argparse
import http.client
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from urllib.parse import urlencode

from sitrep.store import open_store
from sitrep.web import create_app, running

Query = Callable[[random.Random], dict[str, object]]


def queries(
    facets: dict[str, list[str]], first: date, last: date, points: list[tuple[float, float]]
) -> dict[str, Query]:
    span = (last - first).days

    def day(rng: random.Random, slack: int = 0) -> date:
        return first + timedelta(days=rng.randrange(max(1, span - slack)))

    def window(rng: random.Random, days: int) -> dict[str, object]:
        start = day(rng, days)
        return {"since": start.isoformat(), "until": (start + timedelta(days=days)).isoformat()}

    countries, admin1s = facets["country"], facets["admin1"]
    types, subs = facets["event_type"], facets["sub_event_type"]
    return {
        "no filter": lambda rng: {},
        "country": lambda rng: {"country": rng.choice(countries)},
        "country + 30 days": lambda rng: {"country": rng.choice(countries), **window(rng, 30)},
        "event type + 90 days": lambda rng: {"event_type": rng.choice(types), **window(rng, 90)},
        "sub-event type + country": lambda rng: {
            "sub_event_type": rng.choice(subs),
            "country": rng.choice(countries),
        },
        "admin1": lambda rng: {"admin1": rng.choice(admin1s)},
        "actor": lambda rng: {
            "actor": rng.choice(["islamic state", "military forces", "hezbollah", "protesters"])
        },
        "min fatalities": lambda rng: {"min_fatalities": rng.choice([5, 10, 50])},
        "bbox": lambda rng: _box(rng, points),
        "contradictions + country": lambda rng: {"contradictions": "true", "country": rng.choice(countries)},
        "everything": lambda rng: {
            "country": rng.choice(countries),
            "event_type": rng.choice(types),
            "min_fatalities": 1,
            "since": day(rng, 180).isoformat(),
        },  # fmt: skip
        "deep page": lambda rng: {"offset": rng.randrange(1000, 50_000), "limit": 100},
    }


def _box(rng: random.Random, points: list[tuple[float, float]]) -> dict[str, object]:
    """A box of about 2 by 2 degrees around a stored event."""
    lat, lon = rng.choice(points)
    return {"bbox": f"{lon - 1:.2f},{max(-90, lat - 1):.2f},{lon + 1:.2f},{min(90, lat + 1):.2f}"}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", required=True)
    parser.add_argument("--rounds", type=int, default=40, help="requests per kind of query")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with open_store(args.db) as store:
        total = store.count_events()
        days = [d for d, *_ in store.daily()]
        sample = [store.page(None, rng.randrange(total), 1).events[0] for _ in range(50)]
        points = [
            (e.latitude, e.longitude) for e in sample if e.latitude is not None and e.longitude is not None
        ]
        kinds = queries(store.facets(), date.fromisoformat(days[0]), date.fromisoformat(days[-1]), points)
        with running(create_app(store)) as base:
            host, port = base.removeprefix("http://").split(":")
            conn = http.client.HTTPConnection(host, int(port), timeout=30)
            timings: dict[str, list[float]] = {name: [] for name in kinds}
            matched: dict[str, list[int]] = {name: [] for name in kinds}
            for _ in range(args.rounds):
                for name, make in kinds.items():
                    params = make(rng)
                    params.setdefault("limit", 100)
                    started = time.perf_counter()
                    conn.request("GET", "/api/events?" + urlencode(params))
                    response = conn.getresponse()
                    body = response.read()
                    timings[name].append((time.perf_counter() - started) * 1000)
                    if response.status != 200:
                        print(f"{name}: HTTP {response.status} {body[:200]!r}", file=sys.stderr)
                        return 1
                    matched[name].append(int(body.split(b'"total":', 1)[1].split(b",", 1)[0]))
            conn.close()
    print(f"store {args.db}: {total} events; {args.rounds} requests per kind, limit 100\n")
    print(f"{'query':28} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'median matches':>15}")
    for name, values in timings.items():
        print(f"{name:28} {percentile(values, 50):8.1f} {percentile(values, 95):8.1f} {max(values):8.1f}"
              f" {statistics.median(matched[name]):15.0f}")  # fmt: skip
    every = [v for values in timings.values() for v in values]
    print(f"{'all':28} {percentile(every, 50):8.1f} {percentile(every, 95):8.1f} {max(every):8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
