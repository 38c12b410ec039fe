"""Speed and memory of sitrep against a bare spaCy pass over the same texts.

    python scripts/benchmark.py CORPUS [--limit N] [--repeat 1]

CORPUS is a folder of .txt files, a JSON-lines file ({"id", "text"}), or a CSV (optionally
zipped) with a ``text`` column. Each mode runs in its own subprocess so peak memory (max RSS) is
its own. Modes: ``spacy`` (the pinned model's nlp.pipe, nothing else), ``sitrep`` (the whole
engine: clean, parse, extract, merge; resources loaded once, load time reported apart).
Prints one JSON object per mode.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import resource
import subprocess
import sys
import time
import zipfile
from pathlib import Path


def read_corpus(path: Path, limit: int) -> list[dict[str, str]]:
    docs: list[dict[str, str]] = []
    if path.is_dir():
        for file in sorted(path.rglob("*.txt")):
            docs.append({"id": str(file), "text": file.read_text("utf-8", errors="replace")})
    elif path.suffix == ".jsonl":
        docs = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    else:
        csv.field_size_limit(2**31 - 1)
        if path.suffix == ".zip":
            archive = zipfile.ZipFile(path)
            handle = io.TextIOWrapper(archive.open(archive.namelist()[0]), encoding="utf-8")
        else:
            handle = path.open(encoding="utf-8")
        with handle:
            for n, row in enumerate(csv.DictReader(handle)):
                docs.append({"id": f"row-{n}", "text": row["text"], "published": row.get("date") or ""})
    docs = [d for d in docs if d.get("text", "").strip()]
    return docs[:limit] if limit else docs


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_mode(mode: str, path: Path, limit: int) -> dict[str, object]:
    docs = read_corpus(path, limit)
    chars = sum(len(d["text"]) for d in docs)
    start = time.perf_counter()
    if mode == "spacy":
        from sitrep.nlp import load_nlp

        nlp = load_nlp()
        loaded = time.perf_counter()
        for _ in nlp.pipe((d["text"] for d in docs), batch_size=32):
            pass
        events = None
    else:
        import sitrep
        from sitrep.records import Document

        res = sitrep.load_resources()
        loaded = time.perf_counter()
        items = [Document(id=d["id"], text=d["text"], published=d.get("published") or None) for d in docs]
        events = len(sitrep.extract(items, res, strict=False))
    done = time.perf_counter()
    work = done - loaded
    return {
        "mode": mode,
        "documents": len(docs),
        "characters": chars,
        "load_s": round(loaded - start, 2),
        "run_s": round(work, 2),
        "docs_per_s": round(len(docs) / work, 2),
        "kchars_per_s": round(chars / work / 1000, 1),
        "peak_rss_mb": round(peak_mb(), 1),
        "events": events,
    }


def main() -> None:
    fmt = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=fmt)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--mode", choices=["spacy", "sitrep"], default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.mode:
        print(json.dumps(run_mode(args.mode, args.corpus, args.limit)))
        return
    for mode in ("spacy", "sitrep"):
        cmd = [sys.executable, __file__, str(args.corpus), "--mode", mode, "--limit", str(args.limit)]
        out = subprocess.run(cmd, capture_output=True, text=True, check=True)
        print(out.stdout.strip())


if __name__ == "__main__":
    main()
