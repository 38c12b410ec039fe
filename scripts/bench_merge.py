"""Benchmark cross-document merging on synthetic mentions (no model, no gazetteer).

    python scripts/bench_merge.py                 # n = 1,000, 10,000, 100,000, one process each
    python scripts/bench_merge.py --n 100000      # one size

Synthetic incidents spread over a year, 40 countries, 300 places each (a point per place), 12 named
armed groups per country; each incident is told by 1-4 documents with spelling variants, a day of
publication lag in some, tolls that differ and a rising toll in some. Mentions are built before the
clock starts; the figure is ``merge(mentions, documents)`` alone (clustering, field rules,
contradictions, notes) on one core. Peak memory is the process's maximum resident set size.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from datetime import date, timedelta

from sitrep.merge import merge
from sitrep.merge.dedupe import DocInfo
from sitrep.records import Actor, Claim, Mention

SUBS = [
    ("Armed clash", "Battles"),
    ("Air/drone strike", "Explosions/Remote violence"),
    ("Shelling/artillery/missile attack", "Explosions/Remote violence"),
    ("Attack", "Violence against civilians"),
    ("Peaceful protest", "Protests"),
    ("Mob violence", "Riots"),
]
START = date(2020, 1, 1)


def world(rng: random.Random) -> list[dict]:
    countries = []
    for c in range(40):
        lat0, lon0 = rng.uniform(-30, 50), rng.uniform(-100, 120)
        places = [(f"Town{c}x{p}", lat0 + rng.uniform(-4, 4), lon0 + rng.uniform(-4, 4)) for p in range(300)]
        groups = [f"Group {c}-{g}" for g in range(12)]
        countries.append({"iso3": f"C{c:02d}", "places": places, "groups": groups})
    return countries


def incident(rng: random.Random, countries: list[dict], n: int, docs: list[DocInfo]) -> list[Mention]:
    country = rng.choice(countries)
    name, lat, lon = rng.choice(country["places"])
    sub, etype = rng.choice(SUBS)
    day = START + timedelta(days=rng.randrange(365))
    a1, a2 = rng.sample(country["groups"], 2)
    toll = rng.choice([0, 0, 1, 2, 3, 5, 12])
    out = []
    for k in range(rng.choice([1, 1, 2, 3, 4])):
        doc = f"doc-{n}-{k}"
        published = day + timedelta(days=rng.choice([0, 0, 1]))
        docs.append(DocInfo(doc, published.isoformat(), f"Outlet {rng.randrange(50)}"))
        spelled = name if k % 2 == 0 else name.lower().replace("town", "Town-")
        figure = toll + (k if toll and rng.random() < 0.3 else 0)
        claims = tuple(
            Claim(field, value, doc, f"Source {k}", (0, 5), "quote")
            for field, value in (
                ("event_date", day.isoformat()),
                ("sub_event_type", sub),
                ("fatalities", figure),
                ("location", spelled),
                ("actor1", a1),
                ("actor2", a2),
            )
        )
        out.append(
            Mention(
                document=doc,
                trigger="attack",
                trigger_span=(0, 6),
                event_type=etype,
                sub_event_type=sub,
                disorder_type="Political violence",
                event_date=day.isoformat(),
                actor1=Actor(a1, 2),
                actor2=Actor(a2, 2),
                country=country["iso3"],
                iso3=country["iso3"],
                location=spelled,
                latitude=lat,
                longitude=lon,
                geo_precision=1,
                fatalities=figure,
                sources=(f"Source {k}",),
                claims=claims,
            )
        )
    return out


def build(n: int, seed: int = 7) -> tuple[list[Mention], list[DocInfo]]:
    rng = random.Random(seed)
    countries = world(rng)
    mentions: list[Mention] = []
    docs: list[DocInfo] = []
    i = 0
    while len(mentions) < n:
        mentions.extend(incident(rng, countries, i, docs))
        i += 1
    return mentions[:n], docs


def run(n: int) -> dict:
    mentions, docs = build(n)
    started = time.perf_counter()
    events = merge(mentions, docs)
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"mentions": n, "events": len(events), "seconds": round(seconds, 2), "peak_mb": round(peak_mb)}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=None)
    args = parser.parse_args()
    if args.n:
        print(json.dumps(run(args.n)))
        return
    for n in (1_000, 10_000, 100_000):
        # One process per size, so each peak is its own.
        subprocess.run([sys.executable, __file__, "--n", str(n)], check=True)


if __name__ == "__main__":
    main()
