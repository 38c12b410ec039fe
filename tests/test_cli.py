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


# ---------------------------------------------------------------- the store from the command line


def _feed(documents) -> str:
    return "\n".join(json.dumps(d.to_dict()) for d in documents) + "\n"


def test_ingest_then_query_the_store_in_every_format(tmp_path):
    import csv
    import io

    from tests.store_helpers import CLASH, MARCH

    db = str(tmp_path / "events.sqlite")
    first = _run(["ingest", "-", "--db", db], _feed([*CLASH, MARCH]))
    assert first.returncode == 0, first.stderr
    assert "4 stored, 0 already stored, 0 failed; the store holds 2 events" in first.stderr
    again = _run(["ingest", "-", "--db", db], _feed([*CLASH, MARCH]))
    assert "0 stored, 4 already stored, 0 failed; the store holds 2 events" in again.stderr
    kenya = _run(["events", "--db", db, "--country", "Kenya", "--format", "jsonl"])
    assert [json.loads(line)["documents"] for line in kenya.stdout.splitlines()] == [["kenya-4"]]
    table = _run(["events", "--db", db, "--contradictions", "--format", "table"])
    assert "Kidal" in table.stdout and "1 event;" in table.stdout
    current = _run(["events", "--db", db, "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(current.stdout)))
    assert {r["event_date"] for r in rows} == {"2023-03-12", "2023-05-16"}
    assert all(int(r["timestamp"]) > 0 for r in rows)
    old = _run(["events", "--db", db, "--format", "csv", "--acled-layout", "2020"])
    assert old.stdout.startswith("data_id,iso,event_id_cnty")
    geo = _run(["events", "--db", db, "--format", "geojson", "--bbox", "30,-5,40,5"])
    assert len(json.loads(geo.stdout)["features"]) == 1
    report = tmp_path / "report.html"
    made = _run(["report", "--db", db, "--country", "Mali", "-o", str(report)])
    assert made.returncode == 0, made.stderr
    assert "Kidal" in report.read_text("utf-8")


def test_a_bad_filter_is_a_usage_error_naming_the_value(tmp_path):
    proc = _run(["events", "--db", str(tmp_path / "e.sqlite"), "--since", "last week"])
    assert proc.returncode == 2 and "since must be a date YYYY-MM-DD, not 'last week'" in proc.stderr


def test_extract_writes_acleds_current_csv_or_the_2020_layout():
    current = _run(["extract", "--format", "csv", str(ROOT / "examples" / "report.txt")])
    assert current.stdout.startswith("event_id_cnty,event_date,year,time_precision,disorder_type,")
    old = _run(
        ["extract", "--format", "csv", "--acled-layout", "2020", str(ROOT / "examples" / "report.txt")]
    )
    assert old.stdout.startswith("data_id,iso,event_id_cnty,event_id_no_cnty,event_date,")
