"""Per-file metadata for folders of plain files: a sidecar beside each file, or one CSV per folder.

- ``report.txt.json`` beside ``report.txt``: ``{"published": "2020-02-12", "outlet": "...",
  "url": "...", "title": "...", "language": "en"}`` (any of them);
- ``metadata.csv`` in a folder, with a ``file`` column (a name relative to that folder) and any of
  ``published``, ``outlet``, ``url``, ``title``, ``language``.

A sidecar beside the file wins over the folder's CSV; both win over what a page says of itself,
and the command line's ``--published``/``--outlet``/``--url`` only fill what is still missing.
"""

from __future__ import annotations

import csv
import json
import logging
import os
from collections.abc import Mapping

from sitrep.errors import DocumentError
from sitrep.records import normalise_date

log = logging.getLogger(__name__)

SIDECAR_SUFFIX = ".json"
FOLDER_CSV = "metadata.csv"
FIELDS = ("published", "outlet", "url", "title", "language")

Metadata = dict[str, str]


def is_sidecar(path: str) -> bool:
    """A metadata file, not a document: ``metadata.csv``, or ``X.json`` beside an ``X``."""
    if os.path.basename(path) == FOLDER_CSV:
        return True
    return path.endswith(SIDECAR_SUFFIX) and os.path.isfile(path[: -len(SIDECAR_SUFFIX)])


def metadata_for(path: str, folder_tables: Mapping[str, Mapping[str, Metadata]]) -> Metadata:
    """The metadata declared for ``path``: its folder's CSV row, then its own sidecar on top.

    ``folder_tables`` caches each folder's CSV (``folder_table``). Raises ``DocumentError``
    naming the sidecar when it cannot be read."""
    folder, name = os.path.split(path)
    found = dict(folder_tables.get(folder, {}).get(name, {}))
    sidecar = path + SIDECAR_SUFFIX
    if os.path.isfile(sidecar):
        found.update(_read_sidecar(sidecar))
    return found


def folder_table(folder: str) -> dict[str, Metadata]:
    """The rows of ``folder``'s ``metadata.csv`` by file name (empty when there is none).

    Raises ``DocumentError`` naming the CSV when it cannot be read."""
    path = os.path.join(folder, FOLDER_CSV)
    if not os.path.isfile(path):
        return {}
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as err:
        raise DocumentError(path, f"unreadable metadata: {err}") from err
    if rows and "file" not in rows[0]:
        raise DocumentError(path, "metadata.csv needs a 'file' column")
    return {row["file"].strip(): _clean(row, path) for row in rows if (row.get("file") or "").strip()}


def _read_sidecar(path: str) -> Metadata:
    try:
        with open(path, encoding="utf-8-sig") as handle:
            data = json.load(handle)
    except (OSError, UnicodeDecodeError, ValueError) as err:
        raise DocumentError(path, f"unreadable metadata: {err}") from err
    if not isinstance(data, dict):
        raise DocumentError(path, "metadata must be a JSON object")
    return _clean(data, path)


def _clean(row: Mapping[str, object], where: str) -> Metadata:
    out: Metadata = {}
    for name in FIELDS:
        value = row.get(name)
        if not isinstance(value, str) or not value.strip():
            continue
        if name == "published":
            day = normalise_date(value)
            if day is None:
                log.warning("%s: ignoring published %r, not a date", where, value)
                continue
            value = day
        out[name] = value.strip()
    return out
