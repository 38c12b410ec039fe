"""Benchmark cross-document merging on synthetic mentions (no model, no gazetteer).

    python scripts/bench_merge.py                 # n = 1,000, 10,000, 100,000, one process each
    python scripts/bench_merge.py --n 100000      # one size

Synthetic incidents spread over a year, 40 countries, 300 places each (a point per place, each name
different, as pronounceable words), 12 named armed groups per country; each incident is told by 1-4
documents with spelling variants, a day of publication lag in some, tolls that differ and a rising
toll in some; most reports write the day as a date ("12 March"), the rest only as a weekday. The
events it should give are the incidents: ``over_merged`` is the share of incidents joined to
another incident's event, ``split`` the share told in more than one event.
Mentions are built before the clock starts; the figure is ``merge(mentions, documents)`` alone
(clustering, field rules, contradictions, notes) on one core. Peak memory is the process's maximum
resident set size.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from collections import Counter
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


SYLLABLES = (
    "ka", "ra", "bel", "mu", "tan", "so", "di", "gar", "lo", "wen", "zu", "ha", "pim", "ti", "nor", "ek",
)  # fmt: skip


def _names(rng: random.Random, n: int, taken: set[str]) -> list[str]:
    """Pronounceable names, all different, as real places and groups are ("Kabelmu", "Sodigar")."""
    out: list[str] = []
    while len(out) < n:
        name = "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 3, 3, 4)))).capitalize()
        if name not in taken:
            taken.add(name)
            out.append(name)
    return out


def world(rng: random.Random) -> list[dict]:
    countries, taken = [], set()
    for c in range(40):
        lat0, lon0 = rng.uniform(-30, 50), rng.uniform(-100, 120)
        spots = _names(rng, 300, taken)
        places = [(name, lat0 + rng.uniform(-4, 4), lon0 + rng.uniform(-4, 4)) for name in spots]
        groups = [f"{name} Brigade" for name in _names(rng, 12, taken)]
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
        spelled = name if k % 2 == 0 else name.replace("k", "q").replace("u", "ou")  # a respelling
        figure = toll + (k if toll and rng.random() < 0.3 else 0)
        # Quotes as reports write them: most give the day as a date, some only as a weekday.
        written = f"{day.day} {day:%B}" if rng.random() < 0.7 else f"on {day:%A}"
        claims = tuple(
            Claim(field, value, doc, f"Source {k}", (0, len(quote)), quote)
            for field, value, quote in (
                ("event_date", day.isoformat(), written),
                ("sub_event_type", sub, "attack"),
                ("fatalities", figure, f"{figure} killed"),
                ("location", spelled, spelled),
                ("actor1", a1, a1),
                ("actor2", a2, a2),
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


def build(n: int, seed: int = 7) -> tuple[list[Mention], list[DocInfo], int]:
    rng = random.Random(seed)
    countries = world(rng)
    mentions: list[Mention] = []
    docs: list[DocInfo] = []
    i = 0
    while len(mentions) < n:
        mentions.extend(incident(rng, countries, i, docs))
        i += 1
    return mentions[:n], docs, len({m.document.rsplit("-", 1)[0] for m in mentions[:n]})


def run(n: int) -> dict:
    mentions, docs, incidents = build(n)
    started = time.perf_counter()
    events = merge(mentions, docs)
    seconds = time.perf_counter() - started
    incident_of = [{d.rsplit("-", 1)[0] for d in e.documents} for e in events]
    joined = {i for group in incident_of if len(group) > 1 for i in group}
    told = Counter(i for group in incident_of for i in group)
    split = [i for i, events_of_it in told.items() if events_of_it > 1]
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "mentions": n, "incidents": incidents, "events": len(events), "seconds": round(seconds, 2),
        "peak_mb": round(peak_mb), "over_merged": round(len(joined) / incidents, 4),
        "split": round(len(split) / incidents, 4),
    }  # fmt: skip


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
