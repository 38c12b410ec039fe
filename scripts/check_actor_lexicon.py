"""Coverage of an ACLED export's actor names by the actor lexicon.

Reads an ACLED CSV (31-column export) and counts its actor1/actor2 mentions by how the lexicon knows
each name: ``exact`` (the lexicon produces that name), ``regime`` (the same government period under
another label, such as an older export's open end ``(2017-)``), ``pattern`` (a generic template with
a free label, e.g. a communal militia named after a place) or missing. Prints figures and the most
frequent missing names; writes nothing.

    python scripts/check_actor_lexicon.py ../shared/eval/dev/acled/acled_2020_dev.csv [--top 40]
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from pathlib import Path

from sitrep.actors.lexicon import ActorLexicon, load_actor_lexicon


def coverage(rows: list[dict[str, str]], lexicon: ActorLexicon) -> tuple[Counter[str], Counter[str]]:
    """Mentions per match kind, and missing names with their mention counts."""
    kinds: Counter[str] = Counter()
    missing: Counter[str] = Counter()
    for row in rows:
        for column in ("actor1", "actor2"):
            name = (row.get(column) or "").strip()
            if not name:
                continue
            match = lexicon.classify_name(name)
            kinds[match.how if match else "missing"] += 1
            if match is None:
                missing[name] += 1
    return kinds, missing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", type=Path, help="ACLED export (CSV)")
    parser.add_argument("--top", type=int, default=30, help="how many missing names to list")
    parser.add_argument("--lexicon", type=Path, default=None, help="actor lexicon JSON (default: packaged)")
    args = parser.parse_args(argv)
    with args.csv.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    kinds, missing = coverage(rows, load_actor_lexicon(args.lexicon))
    total = sum(kinds.values())
    if not total:
        print("no actor mentions found")
        return 1
    print(f"rows: {len(rows)}  actor mentions: {total}  distinct names missing: {len(missing)}")
    for kind in ("exact", "regime", "pattern", "missing"):
        print(f"  {kind:8} {kinds[kind]:6}  {100 * kinds[kind] / total:5.1f}%")
    known = total - kinds["missing"]
    print(f"covered (exact+regime+pattern): {100 * known / total:.1f}%")
    print(f"covered strictly (exact+regime): {100 * (kinds['exact'] + kinds['regime']) / total:.1f}%")
    for name, count in missing.most_common(args.top):
        print(f"  missing {count:4}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
