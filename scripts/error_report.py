"""Development aid: run sitrep in-process over ACLED-format rows and list disagreements per field.

    python scripts/error_report.py ACLED.csv --field sub_event_type [--limit 300] [--show 40]

Reads the CSV given on the command line (the user's own ACLED export, or evaluation data kept
outside the project) and prints rows where sitrep's value differs from the coded one.
"""

from __future__ import annotations

import argparse
import collections
import csv
import datetime as dt
import random

import sitrep
from sitrep.records import Document


def _date(text: str) -> str | None:
    for fmt in ("%d-%b-%y", "%d %B %Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text.strip(), fmt).date().isoformat()
        except ValueError:
            pass
    return None


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("csv")
    parser.add_argument("--field", default="sub_event_type")
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--show", type=int, default=40)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    with open(args.csv, encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r.get("notes")]
    if args.limit:
        rows = random.Random(args.seed).sample(rows, min(args.limit, len(rows)))
    res = sitrep.load_resources()
    confusion: collections.Counter[tuple[str, str]] = collections.Counter()
    shown = 0
    for n, row in enumerate(rows):
        doc = Document(
            id=f"r{n}", text=row["notes"], published=_date(row["event_date"]), outlet=row["source"]
        )
        events = sitrep.extract([doc], res)
        event = max(events, key=lambda e: e.confidence, default=None)
        got = getattr(event, args.field, None) if event else None
        want = row.get(args.field)
        if args.field == "event_date":
            want = _date(want or "")
        if str(got) != str(want):
            confusion[(str(want), str(got))] += 1
            if shown < args.show:
                shown += 1
                print(f"want={want!r} got={got!r}\n   {row['notes'][:300]}")
    print(f"\n{sum(confusion.values())} of {len(rows)} differ")
    for (want, got), count in confusion.most_common(25):
        print(f"{count:4d}  {want} -> {got}")


if __name__ == "__main__":
    main()
