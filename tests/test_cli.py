"""The command line as a user runs it: a real subprocess, JSON lines in and out."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(args: list[str], stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sitrep.cli", *args], input=stdin, capture_output=True, text=True, timeout=300
    )


def test_jsonl_feed_in_gives_contract_events_out_and_names_bad_lines():
    feed = "\n".join(
        [
            json.dumps(
                {
                    "id": "a",
                    "text": "Gunmen killed six villagers in Zurmi on Sunday.",
                    "published": "2021-02-10",
                }
            ),
            "{not json",
            json.dumps({"id": "c", "text": "The league leaders won 3-0 at home on Saturday."}),
        ]
    )
    proc = _run(["extract", "--format", "jsonl", "-"], feed)
    assert proc.returncode == 1, proc.stderr
    events = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [e["documents"] for e in events] == [["a"]]
    event = events[0]
    assert event["sub_event_type"] == "Attack"
    assert event["event_date"] == "2021-02-07"
    assert event["country"] == "Nigeria"
    for field in ("event_id", "claims", "contradictions", "cameo", "plover", "confidence", "notes", "source"):
        assert field in event
    assert "<stdin>:2" in proc.stderr


def test_bundled_example_runs_in_every_format(tmp_path):
    for fmt in ("jsonl", "csv", "geojson", "table"):
        proc = _run(["extract", "--format", fmt, str(ROOT / "examples" / "report.txt")])
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout.strip()


def test_unknown_format_is_a_usage_error():
    proc = _run(["extract", "--format", "xml", "-"])
    assert proc.returncode == 2


def test_missing_file_is_named_and_the_run_goes_on(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Protesters marched through Accra on 3 May 2021 to demand lower fuel prices.", "utf-8")
    proc = _run(["extract", "--format", "jsonl", str(tmp_path / "missing.txt"), str(good)])
    assert proc.returncode == 1
    assert "missing.txt" in proc.stderr
    assert json.loads(proc.stdout.splitlines()[0])["sub_event_type"] == "Peaceful protest"
