"""GeoNames dumps into the gazetteer index: ``sitrep gazetteer import SY.zip`` for village precision.

Any GeoNames dump (allCountries, a country file, citiesN; ``.txt``, ``.zip`` or ``.gz``) adds its
populated places, ADM1/ADM2 divisions and a few strategic sites and natural features.
"""

from __future__ import annotations

import gzip
import io
import itertools
import logging
import math
import sqlite3
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from sitrep.errors import UsageError
from sitrep.places.index import IndexWriter, add_admin2_places, default_index_path, ensure_index, finish
from sitrep.places.names import usable_name

log = logging.getLogger(__name__)

# ---------------------------------------------------------------- GeoNames dumps

_KEEP_SITES = {
    "S": frozenset({"MILB", "AIRB", "AIRP", "AIRF", "DAM", "CMPRF", "PRN", "BDG", "PSTB", "PSTC", "INSM",
                    "OILF", "RFC"}),
    "T": frozenset({"MT", "MTS", "PASS", "VAL", "DSRT", "OAS"}),
}  # fmt: skip


def _open_dump(path: Path) -> Iterator[str]:
    if not path.exists():
        raise UsageError(f"no such GeoNames file: {path}")
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as zf:
            inner = [n for n in zf.namelist() if n.endswith(".txt") and not n.lower().startswith("readme")]
            if not inner:
                raise UsageError(f"{path}: no .txt file inside")
            with zf.open(inner[0]) as raw:
                yield from io.TextIOWrapper(raw, encoding="utf-8")
        return
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        yield from fh


def _dump_rows(path: Path) -> Iterator[list[str]]:
    for line in _open_dump(path):
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 19 or not cols[0].isdigit():
            continue
        yield cols


def _feature(cls: str, code: str) -> str | None:
    if cls == "P":
        return "city"
    if cls == "A" and code in ("ADM1", "ADM2"):
        return "admin1" if code == "ADM1" else "admin2"
    if code in _KEEP_SITES.get(cls, ()):
        return "site" if cls == "S" else "natural"
    return None


def import_rows(conn: sqlite3.Connection, rows: Iterable[list[str]]) -> int:
    """GeoNames rows (19 columns) into an open index; returns the places written or merged."""
    writer = IndexWriter(conn)
    admin1 = {(cc, code): place for cc, code, place in conn.execute("SELECT cc, code, place FROM admin1")}
    count = 0
    for cols in rows:
        feature = _feature(cols[6], cols[7])
        if feature is None:
            continue
        names = [cols[1], cols[2]] + [n for n in cols[3].split(",") if usable_name(n)]
        cc, a1, a2 = cols[8], cols[10], cols[11]
        if feature == "admin1" and (cc, a1) in admin1:
            writer.add_names(admin1[(cc, a1)], names)
            conn.execute("UPDATE places SET geonameid=? WHERE id=?", (int(cols[0]), admin1[(cc, a1)]))
        elif feature == "admin2":
            conn.execute(
                "INSERT OR REPLACE INTO admin2codes VALUES(?, ?, ?, ?)", (cc, a1, a2, cols[2] or cols[1])
            )
        else:
            writer.add_place(
                {"geonameid": int(cols[0]), "name": cols[1], "cc": cc, "a1": a1, "a2code": a2 or None,
                 "lat": float(cols[4]), "lon": float(cols[5]), "population": int(cols[14] or 0),
                 "feature": feature},
                names,
            )  # fmt: skip
        count += 1
    writer.flush()
    return count


GEONAMES_COLUMNS = 19
_SAMPLE_LINES = 5


def check_dump(path: Path) -> None:
    """Raise ``UsageError`` unless ``path`` reads as a GeoNames dump: tab-separated rows of 19
    columns, a numeric geonameid first, latitude and longitude in columns 5 and 6."""
    try:
        sample = [line for line in itertools.islice(_open_dump(path), 50) if line.strip()][:_SAMPLE_LINES]
    except (OSError, UnicodeDecodeError, zipfile.BadZipFile, EOFError) as exc:
        raise UsageError(f"{path}: not a readable GeoNames dump ({exc})") from exc
    if not sample:
        raise UsageError(f"{path}: empty, not a GeoNames dump")
    for number, line in enumerate(sample, start=1):
        cols = line.rstrip("\n").split("\t")
        if len(cols) < GEONAMES_COLUMNS or not cols[0].isdigit() or not _numbers(cols[4], cols[5]):
            raise UsageError(
                f"{path}: not a GeoNames dump: line {number} has {len(cols)} tab-separated columns"
                f" (a GeoNames row has {GEONAMES_COLUMNS}: geonameid, name, asciiname, alternatenames,"
                " latitude, longitude, ...); download one from https://download.geonames.org/export/dump/"
            )


def _numbers(*values: str) -> bool:
    try:
        return all(math.isfinite(float(v)) for v in values)
    except ValueError:
        return False


def import_geonames(path: Path, gaz_path: Path | None = None) -> int:
    """Load a GeoNames dump (allCountries, a country file, citiesN; .txt, .zip or .gz) into the index.

    Populated places, ADM1/ADM2 divisions and a few strategic sites and natural features are kept
    (village precision). ADM2 rows name the second-level divisions of the places imported. The
    index at ``gaz_path`` (default: the cache index) is built first if missing. Returns rows kept.
    Raises ``UsageError`` for a file that is not a GeoNames dump; the index is then unchanged.
    """
    if not path.exists():
        raise UsageError(f"no such GeoNames file: {path}")
    check_dump(path)
    target = ensure_index(gaz_path or default_index_path())
    conn = sqlite3.connect(target)
    try:
        conn.executescript("PRAGMA synchronous=OFF;")
        count = import_rows(conn, _dump_rows(path))
        conn.execute("INSERT OR REPLACE INTO meta VALUES(?, ?)", (f"import:{path.name}", str(count)))
        conn.execute(
            "UPDATE places SET admin2 = (SELECT name FROM admin2codes a WHERE a.cc = places.cc"
            " AND a.a1 = places.a1 AND a.code = places.a2code) WHERE a2code IS NOT NULL AND EXISTS"
            " (SELECT 1 FROM admin2codes a WHERE a.cc = places.cc AND a.a1 = places.a1"
            " AND a.code = places.a2code)"
        )
        writer = IndexWriter(conn)
        add_admin2_places(writer)
        finish(conn, writer)
    finally:
        conn.close()
    log.info("imported %d GeoNames rows from %s into %s", count, path, target)
    return count
