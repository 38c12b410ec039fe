"""Development aid: how often the geocoder picks the annotated event location.

    python scripts/location_report.py LABELED.jsonl [--limit 2000] [--show 20]

Reads event-location annotations in the Prodigy-style format (``text`` plus ``spans`` labelled
``VERB`` for the event word and ``LOCATION`` for where it happened; evaluation data kept outside
the project) and, for every sentence with both, asks ``geocode.locate`` for the event's place
with the VERB as trigger. A hit is a chosen place whose span overlaps an annotated LOCATION span.
Sentences whose annotated place the gazetteer cannot find at all are counted apart.
"""

from __future__ import annotations

import argparse
import json
import random
import time

from sitrep.places import geocode
from sitrep.places.gazetteer import Gazetteer


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _span(text: str, span: dict) -> tuple[int, int]:
    """The annotated span; some annotations carry the right text but empty offsets."""
    start, end = span["start"], span["end"]
    quote = span.get("text")
    if quote and text[start:end] != quote and quote in text:
        start = text.index(quote)
        end = start + len(quote)
    return start, end


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("jsonl")
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--show", type=int, default=0)
    args = parser.parse_args()
    with open(args.jsonl, encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    rows = [r for r in rows if {s["label"] for s in r.get("spans", [])} >= {"VERB", "LOCATION"}]
    if args.limit:
        rows = random.Random(7).sample(rows, min(args.limit, len(rows)))
    gazetteer = Gazetteer.load()
    counts = {"sentences": len(rows), "hit": 0, "wrong": 0, "none": 0, "gold_not_found": 0}
    shown = 0
    started = time.perf_counter()
    for row in rows:
        text = row["text"]
        verb = next(s for s in row["spans"] if s["label"] == "VERB")
        golds = [_span(text, s) for s in row["spans"] if s["label"] == "LOCATION"]
        votes = gazetteer.country_votes(text)
        iso3 = votes[0][0].iso3 if votes else None
        places = geocode.find_places(text, gazetteer, iso3)
        if not any(_overlaps((p.start, p.end), g) for p in places for g in golds):
            counts["gold_not_found"] += 1
        loc = geocode.locate(text, places, (verb["start"], verb["end"]), [(0, len(text))], gazetteer, iso3)
        if loc is None:
            counts["none"] += 1
        elif any(_overlaps((loc.start, loc.end), g) for g in golds):
            counts["hit"] += 1
        else:
            counts["wrong"] += 1
            if shown < args.show:
                shown += 1
                wanted = ", ".join(text[a:b] for a, b in golds)
                print(f"chose {text[loc.start : loc.end]!r}, wanted {wanted!r}\n   {text[:200]}")
    n = counts["sentences"] or 1
    found = n - counts["gold_not_found"]
    counts["hit_rate"] = round(counts["hit"] / n, 3)  # type: ignore[assignment]
    counts["hit_rate_when_gazetteer_finds_it"] = round(counts["hit"] / found, 3) if found else 0.0  # type: ignore[assignment]
    counts["sentences_per_s"] = round(n / (time.perf_counter() - started), 1)  # type: ignore[assignment]
    print(json.dumps(counts, indent=1))


if __name__ == "__main__":
    main()
