"""Per-file metadata for folders of plain files."""

from __future__ import annotations

import json
from pathlib import Path

from sitrep.ingest.read import read_paths
from sitrep.records import Document, Failure

TEXT = "Gunmen killed six villagers in Zurmi on Sunday, police said."


def test_a_sidecar_beside_a_file_gives_its_metadata_and_is_not_a_document(tmp_path: Path):
    (tmp_path / "a.txt").write_text(TEXT, "utf-8")
    (tmp_path / "a.txt.json").write_text(json.dumps({"published": "2021-02-10", "outlet": "Daily Trust"}), "utf-8")
    [doc] = read_paths([str(tmp_path)])
    assert isinstance(doc, Document) and (doc.published, doc.outlet) == ("2021-02-10", "Daily Trust")


def test_a_folder_csv_gives_each_file_its_row_and_a_sidecar_wins(tmp_path: Path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(TEXT, "utf-8")
    (tmp_path / "metadata.csv").write_text("file,published,outlet,url\na.txt,2021-02-10,Daily Trust,\nb.txt,2021-02-11,Punch,https://punch.example/x\n", "utf-8")
    (tmp_path / "b.txt.json").write_text('{"outlet": "The Punch"}', "utf-8")
    a, b = read_paths([str(tmp_path)])
    assert (a.published, a.outlet, a.url) == ("2021-02-10", "Daily Trust", None)
    assert (b.published, b.outlet, b.url) == ("2021-02-11", "The Punch", "https://punch.example/x")


def test_flags_only_fill_what_the_sidecar_leaves_missing(tmp_path: Path):
    (tmp_path / "a.txt").write_text(TEXT, "utf-8")
    (tmp_path / "a.txt.json").write_text('{"published": "2021-02-10"}', "utf-8")
    [doc] = read_paths([str(tmp_path / "a.txt")], published="2020-01-01", outlet="Flag Outlet")
    assert (doc.published, doc.outlet) == ("2021-02-10", "Flag Outlet")


def test_an_unreadable_sidecar_is_a_failure_naming_it(tmp_path: Path):
    (tmp_path / "a.txt").write_text(TEXT, "utf-8")
    (tmp_path / "a.txt.json").write_text("{broken", "utf-8")
    [failure] = read_paths([str(tmp_path)])
    assert isinstance(failure, Failure) and failure.document.endswith("a.txt.json")
