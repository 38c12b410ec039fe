"""The command line as a user runs it: a real subprocess, JSON lines in and out."""

from __future__ import annotations

import json
import os
import signal
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


RAID = "Gunmen killed six villagers in Zurmi, Zamfara state, on 7 February 2021, police said."


def test_verbose_after_the_subcommand_says_why_each_field_was_chosen(tmp_path):
    story = tmp_path / "raid.txt"
    story.write_text(RAID, "utf-8")
    proc = _run(["extract", "--format", "jsonl", str(story), "-v"])
    assert proc.returncode == 0, proc.stderr
    assert "date 2021-02-07 from '7 February 2021'" in proc.stderr
    assert "actor1 Unidentified Armed Group (Nigeria) from 'Gunmen'" in proc.stderr


def test_plain_text_on_standard_input_is_read_as_one_document():
    proc = _run(["extract", "--format", "jsonl", "-"], RAID + "\n")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["documents"] == ["<stdin>"]


def test_without_merging_events_are_written_per_document_as_they_come():
    feed = "\n".join(json.dumps({"id": i, "text": RAID}) for i in ("a", "b"))
    proc = _run(["extract", "--no-merge", "--format", "jsonl", "-"], feed)
    assert [json.loads(line)["documents"] for line in proc.stdout.splitlines()] == [["a"], ["b"]]


def test_closed_standard_output_is_a_usage_error(tmp_path):
    story = tmp_path / "raid.txt"
    story.write_text(RAID, "utf-8")
    proc = subprocess.run([sys.executable, "-m", "sitrep.cli", "extract", str(story)], stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True, timeout=300, preexec_fn=lambda: os.close(1))  # fmt: skip
    assert proc.returncode == 2 and "standard output is closed" in proc.stderr


def test_closed_standard_input_without_dash_reads_the_files(tmp_path):
    story = tmp_path / "raid.txt"
    story.write_text(RAID, "utf-8")
    proc = subprocess.run([sys.executable, "-m", "sitrep.cli", "extract", "--format", "jsonl", str(story)],
                          capture_output=True, text=True, timeout=300,
                          preexec_fn=lambda: os.close(0))  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["sub_event_type"] == "Attack"


def test_a_long_and_a_huge_text_among_short_ones_never_take_the_run_down(tmp_path):
    (tmp_path / "a_short.txt").write_text(RAID, "utf-8")
    (tmp_path / "b_long.txt").write_text("The market reopened on Monday. " * 40_000, "utf-8")
    (tmp_path / "c_huge.txt").write_text("x " * 1_200_000, "utf-8")
    proc = _run(["extract", "--format", "jsonl", "--max-bytes", "40000000", str(tmp_path)])
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "c_huge.txt: too long to code as one report" in proc.stderr
    assert [json.loads(line)["documents"] for line in proc.stdout.splitlines()] == [[str(tmp_path / "a_short.txt")]]


def test_sigterm_writes_the_events_merged_so_far():
    proc = subprocess.Popen([sys.executable, "-m", "sitrep.cli", "extract", "--format", "jsonl", "--batch-size", "1",
                             "-vv", "-"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)  # fmt: skip
    proc.stdin.write(json.dumps({"id": "first", "text": RAID}) + "\n")
    proc.stdin.flush()
    for line in proc.stderr:
        if "first: coded" in line:
            break
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 143, err
    assert [json.loads(line)["documents"] for line in out.splitlines()] == [["first"]]
    assert "interrupted: wrote the 1 events merged so far" in err


def test_an_internal_error_has_its_own_exit_code_and_no_traceback(tmp_path):
    story = tmp_path / "raid.txt"
    story.write_text(RAID, "utf-8")
    code = ("import sys, sitrep.pipeline as p, sitrep.cli as c\n"
            "def boom(self, items): raise RuntimeError('broken on purpose')\n"
            "p.Runner.run = boom\n"
            f"sys.argv = ['sitrep', 'extract', {str(story)!r}]\nc.main()")  # fmt: skip
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 4
    assert "internal error" in proc.stderr and "Traceback" not in proc.stderr


def test_gazetteer_import_refuses_a_file_that_is_not_a_geonames_dump(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("My notes on the trip.\nNothing tabular here.\n", "utf-8")
    proc = _run(["gazetteer", "import", str(notes), "--index", str(tmp_path / "gaz.sqlite")])
    assert proc.returncode == 2
    assert "not a GeoNames dump" in proc.stderr
    assert not (tmp_path / "gaz.sqlite").exists()


def test_gazetteer_path_and_info_say_where_the_index_is(tmp_path):
    proc = _run(["gazetteer", "path"])
    assert proc.returncode == 0 and proc.stdout.strip().endswith(".sqlite")
    info = _run(["gazetteer", "info", "--index", str(tmp_path / "none.sqlite")])
    assert info.returncode == 0 and "not built yet" in info.stdout


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
