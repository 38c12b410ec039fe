"""A fuzz campaign over sitrep's inputs, outside the test suite (it runs for minutes, not seconds).

    python scripts/fuzz.py [--api 20000] [--html 2000] [--cli] [--seed 7]

Generates hostile inputs and runs them through the Python API (``sitrep.iter_events``, in
batches, as a long run would) and, with ``--cli``, through ``sitrep extract`` in subprocesses.
Every input must come out as events whose claims quote their spans exactly, or as a ``Failure``
naming the document and the reason; anything else (an exception that escapes, a quote that does
not match, a record that cannot be written as JSON, an internal error) is a finding. Prints one
JSON object: how many inputs were tried of each kind and what was found.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import sitrep
from sitrep.ingest.screen import encodable
from sitrep.pipeline import as_documents

WORDS = [
    "gunmen",
    "killed",
    "wounded",
    "12",
    "three",
    "protesters",
    "police",
    "fired",
    "tear",
    "gas",
    "in",
    "Kabul",
    "Zurmi",
    "Kidal",
    "Mali",
    "on",
    "Sunday",
    "yesterday",
    "said",
    "according",
    "to",
    "Reuters",
    "the",
    "army",
    "air",
    "strike",
    "drone",
    "IED",
    "exploded",
    "near",
    "village",
    "of",
    "civilians",
    "soldiers",
    "clashes",
    "rebels",
    "al-Shabaab",
    "Islamic",
    "State",
    "at",
    "least",
    "dozens",
    "no",
    "one",
    "was",
    "hurt",
    "1,000,000,000,000",
    "-5",
    "1999",
    "10000",
    "killed",
    "--",
    "(AP)",
    "BEIRUT,",
    "—",
    "“",
    "”",
    "3",
    "May",
    "2020",
    "Monday",
    "last",
    "week",
]
HOSTILE = [
    "\ud800",
    "\udfff",
    "\x00",
    "\u200b",
    "\u202e",
    "\ufeff",
    "\r",
    "\n\n\n",
    "\t",
    "\u2028",
    "\x1b[31m",
    "<script>alert(1)</script>",
    "9" * 5000,
    "é" * 50,
    "ﷺ",
    "🙂",
    "\\u0000",
    "%s%n",
    "' OR 1=1 --",
    "A" * 3000,
    "(" * 200,
    "in " * 500,
    "police said " * 300,
    "0001-01-01",
    "9999-12-31",
]
PUBLISHED = ["2020-02-12", "0001-01-01", "9999-12-31", "2019-12", "not a date", "", None, 12, "2020-02-30"]


def random_text(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(0, 80)):
        parts.append(rng.choice(HOSTILE) if rng.random() < 0.08 else rng.choice(WORDS))
        if rng.random() < 0.1:
            parts.append(rng.choice([".", "\n", ",", ";", "!"]))
    return " ".join(parts)


def random_item(rng: random.Random, n: int) -> Any:
    kind = rng.random()
    if kind < 0.1:
        return random_text(rng)  # a bare string
    item: dict[str, Any] = {"id": rng.choice([f"f{n}", f"f{n}\ud800", n, None, True, "", "dup"])}
    if rng.random() < 0.15:
        item["html"] = random_html(rng)
    else:
        item["text"] = rng.choice([random_text(rng), random_text(rng), "", "   ", 42, None, ["x"]])
    for field in ("published", "outlet", "url", "title", "language"):
        if rng.random() < 0.4:
            choices = PUBLISHED if field == "published" else [random_text(rng)[:40], None, 3, "fr", "en"]
            item[field] = rng.choice(choices)
    return item


def random_html(rng: random.Random) -> str:
    tags = [
        "<p>",
        "</p>",
        "<div>",
        "<script>",
        "</script>",
        "<!--",
        "-->",
        "<!DOCTYPE html>",
        "<html>",
        "<body>",
        "<a href='javascript:alert(1)'>",
        "</a>",
        "<nav>",
        "<table><tr><td>",
        "<br>",
        "&amp;",
        "&#0;",
        "&#xD800;",
        "<![CDATA[",
        "]]>",
        "<svg onload=alert(1)>",
        "<title>",
        "</title>",
    ]
    out = []
    for _ in range(rng.randint(0, 60)):
        out.append(rng.choice(tags) if rng.random() < 0.4 else random_text(rng)[:80])
    return "".join(out)


def check_event(event: sitrep.Event, texts: dict[str, str], found: Counter[str]) -> None:
    try:
        json.dumps(event.to_dict(), ensure_ascii=False).encode("utf-8")
    except (TypeError, ValueError, UnicodeEncodeError):
        found["event not writable as JSON"] += 1
    for claim in event.claims:
        text = texts.get(claim.document)
        if text is not None and text[claim.span[0] : claim.span[1]] != claim.quote:
            found["claim quote does not match its span"] += 1


def _coded(item: Any) -> sitrep.Document | None:
    """The document as the coder will read it (what its claims quote)."""
    return encodable(item) if isinstance(item, sitrep.Document) else None


def api_campaign(
    count: int, rng: random.Random, resources: Any, found: Counter[str], tried: Counter[str]
) -> None:
    batch = 200
    for start in range(0, count, batch):
        items = [random_item(rng, n) for n in range(start, min(count, start + batch))]
        tried["api inputs"] += len(items)
        texts: dict[str, str] = {}
        for doc in map(_coded, as_documents(items)):
            if doc is not None:
                texts.setdefault(doc.id, doc.text)  # a later text under a used id is refused
        try:
            for out in sitrep.iter_events(items, resources):
                if isinstance(out, sitrep.Failure):
                    tried["named failures"] += 1
                    if "internal error" in out.reason:
                        found[f"internal error: {out.reason[:80]}"] += 1
                else:
                    tried["events"] += 1
                    check_event(out, texts, found)
        except Exception as exc:  # noqa: BLE001 - a finding, reported
            found[f"escaped: {exc!r}"[:120]] += 1


def cli_campaign(rng: random.Random, found: Counter[str], tried: Counter[str]) -> None:
    """Command lines a user or a pipeline could give, each must end with 0, 1 or 2 and no traceback."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "ok.txt").write_text("Gunmen killed five villagers in Zurmi on 3 May 2021.", "utf-8")
        (root / "empty.txt").write_text("", "utf-8")
        (root / "bin.txt").write_bytes(os.urandom(2000))
        os.mkfifo(root / "pipe.txt")
        with open(os.path.join(os.fsencode(root), b"\xff.txt"), "wb") as handle:
            handle.write(b"Police fired tear gas at protesters in Nairobi on Monday.")
        (root / "feed.jsonl").write_text(
            "\n".join(json.dumps(random_item(rng, n)) for n in range(50)), "utf-8"
        )
        cases = [
            (["extract", str(root)], None, {}),
            (["extract", "-"], "plain text, not JSON\n", {}),
            (["extract", "-"], "{broken\n" * 5, {}),
            (["extract", str(root / "ok.txt")], None, {"stdin": subprocess.DEVNULL}),
            (["extract", "--format", "xml", "-"], "", {}),
            (["extract", "--published", "yesterday", str(root / "ok.txt")], None, {}),
            (["extract", "--max-bytes", "0", str(root)], None, {}),
            (["extract", str(root / "missing")], None, {}),
            (["extract", str(root / "feed.jsonl"), "-v"], None, {}),
            (["extract", "--no-merge", str(root)], None, {}),
            (["gazetteer", "import", str(root / "ok.txt"), "--index", str(root / "g.sqlite")], None, {}),
            (["gazetteer", "info", "--index", str(root / "none.sqlite")], None, {}),
            (["events", "--db", str(root / "none-such-dir" / "s.sqlite")], None, {}),
        ]
        for args, stdin, extra in cases:
            tried["cli cases"] += 1
            proc = subprocess.run(
                [sys.executable, "-m", "sitrep.cli", *args],
                input=stdin,
                capture_output=True,
                text=True,
                timeout=600,
                **({"stdin": extra["stdin"]} if "stdin" in extra else {}),
            )
            if proc.returncode not in (0, 1, 2) or "Traceback" in proc.stderr:
                found[f"cli {' '.join(args[:2])}: exit {proc.returncode}"] += 1


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--api", type=int, default=20000, help="random documents through the Python API")
    parser.add_argument("--html", type=int, default=2000, help="random HTML pages through the Python API")
    parser.add_argument("--cli", action="store_true", help="also run command lines in subprocesses")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    found: Counter[str] = Counter()
    tried: Counter[str] = Counter()
    started = time.perf_counter()
    resources = sitrep.load_resources()
    api_campaign(args.api, rng, resources, found, tried)
    pages = [{"id": f"h{n}", "html": random_html(rng)} for n in range(args.html)]
    tried["html pages"] += len(pages)
    try:
        for out in sitrep.iter_events(pages, resources):
            if isinstance(out, sitrep.Failure) and "internal error" in out.reason:
                found[f"internal error (html): {out.reason[:80]}"] += 1
    except Exception as exc:  # noqa: BLE001 - a finding, reported
        found[f"escaped (html): {exc!r}"[:120]] += 1
    if args.cli:
        cli_campaign(rng, found, tried)
    print(
        json.dumps(
            {
                "seed": args.seed,
                "tried": tried,
                "found": found,
                "seconds": round(time.perf_counter() - started),
            },
            indent=1,
        )
    )
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
