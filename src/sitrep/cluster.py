"""Which mentions from different documents tell the same incident.

A pair of mentions is scored on date, place, type, actors and toll (``link_score``). A score of
``None`` means the two cannot be one incident (same document, dates too far apart, two different
named villages, incompatible types); a score at or above ``LINK_THRESHOLD`` links them. Events are
the connected components of the link graph, split again where a component holds a pair that
cannot be one incident, so a vague report ("near Qamishli") never chains two villages together.

Candidate pairs come from blocking keys (country, place name, map cell, actor) over a window of
days, so the work grows with the mentions per key and day, not with the square of all mentions.
Everything here depends on the pair alone, never on arrival order, so incremental and batch
merging give the same events.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from rapidfuzz import fuzz

from .gazetteer import haversine_km
from .geonames import base_key
from .geonames import name_key as gazetteer_key
from .records import Mention

LINK_THRESHOLD = 3.0
# Days of slack by time precision (ACLED: 1 exact day, 2 within a week, 3 within a month).
SLACK = {1: 0, 2: 3, 3: 15}
LAG = 1
MISDATED = 7  # days
NEAR_KM, SAME_KM, FAR_KM = 10.0, 2.0, 25.0
NAME_RATIO = 82.0
CELL_DEGREES = 0.1

VIOLENT = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
GENERIC_ACTOR = re.compile(r"^(Unidentified|Civilians|Protesters|Rioters|Labor Group|Students)\b")
_YEARS = re.compile(r"\s*\(\d{4}-(\d{4})?\)")
_STATE = re.compile(r"^(Military Forces|Police Forces|Government) of ([^()]+?)(\s*\(\d{4}-(\d{4})?\))?$")
_SKELETON = (("kh", "k"), ("q", "k"), ("gh", "g"), ("dh", "d"), ("th", "t"), ("sh", "s"), ("ou", "u"))
_DOUBLE = re.compile(r"(\w)\1+")


# --------------------------------------------------------------------------- names


def name_key(name: str) -> str:
    """The gazetteer's name key without articles: "Khirbet-Ammo" = "khirbet ammo", "al-Qamishli" =
    "El Qamishli" = "qamishli", "the Hague" = "hague"."""
    key = base_key(gazetteer_key(name))
    return " ".join(w for w in key.split() if w != "the") or key


def skeleton(key: str) -> str:
    """A transliteration skeleton: Khirbet/Kherbet, Qamishli/Kamishli, Ammo/Amo agree."""
    out = []
    for word in key.split():
        for old, new in _SKELETON:
            word = word.replace(old, new)
        word = _DOUBLE.sub(r"\1", word)
        out.append(word[0] + re.sub(r"[aeiouy]", "", word[1:]) if word else word)
    return " ".join(out)


def same_name(a: str, b: str) -> bool:
    if a == b or skeleton(a) == skeleton(b):
        return True
    return fuzz.ratio(a, b) >= NAME_RATIO


def actor_key(name: str) -> str:
    """Actor names compared without regime years: "Military Forces of Syria (2000-2024)"."""
    return _YEARS.sub("", name).strip()


def side_key(name: str) -> str:
    """One outlet's "Government of Syria" is another's "Military Forces of Syria": for matching
    reports, a state's forces and government are one side. Factions named after the years
    ("... (2014-) Haftar Faction") stay apart."""
    found = _STATE.match(name)
    return f"state:{found.group(2)}" if found else actor_key(name)


# --------------------------------------------------------------------------- per-mention view


@dataclass(frozen=True)
class View:
    """What clustering needs of a mention, computed once."""

    index: int
    document: str
    day: int  # proleptic ordinal
    precision: int
    event_type: str
    sub_event_type: str
    iso3: str | None
    admin1: str | None
    places: frozenset[str]  # name keys of the main location and every location claim
    anchors: frozenset[str]  # towns a place is coded near (claims with field "near"), when given
    main_place: str | None
    precise: bool  # the main location is the named place itself (geo_precision 1)
    point: tuple[float, float] | None
    actors: frozenset[str]
    specific: frozenset[str]
    fatalities: int | None

    regional: bool  # only a region is known (geo_precision 3), often a dateline or a capital

    @property
    def firm(self) -> bool:
        """The mention names a place below the region, so its place and country are not a guess."""
        return bool(self.places or self.point) and not self.regional


def view_of(index: int, mention: Mention) -> View | None:
    """None when the mention has no date: it cannot be placed in time, so it stays alone."""
    if not mention.event_date:
        return None
    try:
        day = date.fromisoformat(mention.event_date[:10]).toordinal()
    except ValueError:
        return None
    main_place = name_key(mention.location) if mention.location else None
    places = {name_key(str(c.value)) for c in mention.claims if c.field == "location" and c.value}
    if main_place:
        places.add(main_place)
    places.discard("")
    anchors = {name_key(str(c.value)) for c in mention.claims if c.field == "near" and c.value}
    actors = {side_key(a.name) for a in (mention.actor1, mention.actor2) if a}
    point = None
    if mention.latitude is not None and mention.longitude is not None:
        point = (mention.latitude, mention.longitude)
    return View(
        index=index,
        document=mention.document,
        day=day,
        precision=mention.time_precision if mention.time_precision in SLACK else 1,
        event_type=mention.event_type,
        sub_event_type=mention.sub_event_type,
        iso3=mention.iso3 or mention.country,
        admin1=name_key(mention.admin1) if mention.admin1 else None,
        places=frozenset(places),
        anchors=frozenset(anchors),
        main_place=main_place,
        precise=mention.geo_precision == 1,
        point=point,
        actors=frozenset(actors),
        specific=frozenset(a for a in actors if not GENERIC_ACTOR.match(a)),
        fatalities=mention.fatalities,
        regional=mention.geo_precision >= 3,
    )


# --------------------------------------------------------------------------- pair score


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    return haversine_km(*a, *b)


def link_score(a: View, b: View) -> float | None:
    """How well two mentions fit one incident; None when they cannot."""
    if a.document == b.document:
        return None
    kind = type_score(a, b)
    place = place_score(a, b)
    if kind is None or place is None:
        return None
    gap = abs(a.day - b.day)
    toll = 0.5 if a.fatalities and a.fatalities == b.fatalities else 0.0
    # ACLED codes each day apart, so exact days must agree; a day of lag (a misread "last
    # night") is forgiven only for the same named place with the same death toll, and a report
    # dated a few days off only when it also names the same party: the same village, the same
    # deaths and the same army make one incident that one outlet misdated (the date becomes a
    # contradiction), while a village attacked again weeks later stays apart.
    corroborated = place >= 2 and toll > 0 and bool(a.specific & b.specific)
    lag_ok = gap <= LAG and place >= 2 and toll > 0 or gap <= MISDATED and corroborated
    if gap > max(SLACK[a.precision], SLACK[b.precision]) and not lag_ok:
        return None
    if place < 1 and not a.specific & b.specific:
        return 0.0  # only a country (or a guessed region) and a day in common: too little
    when = 1.0 if gap == 0 else 0.0 if corroborated else -1.0
    return when + kind + place + actor_score(a, b) + toll


def compatible(a: View, b: View) -> bool:
    """Whether two mentions could be one incident at all: other documents, types that can be one
    incident, places that can be one place, and days at most ``MISDATED`` apart. Links need more
    (``link_score``); a group may hold two mentions that only meet through others."""
    if a.document == b.document or abs(a.day - b.day) > MISDATED:
        return False
    return type_score(a, b) is not None and place_score(a, b) is not None


def type_score(a: View, b: View) -> float | None:
    if a.sub_event_type == b.sub_event_type:
        return 1.0
    if a.event_type == b.event_type:
        return 0.5
    pair = {a.event_type, b.event_type}
    if pair <= VIOLENT:
        return -0.5  # one outlet's clash can be another's air strike or killing
    if "Strategic developments" in pair:
        return None
    if pair <= VIOLENT | {"Riots"} or pair == {"Protests", "Riots"}:
        return -0.5  # a crowd in a clash, or a protest that turned violent
    if pair == {"Protests", "Violence against civilians"}:
        return -1.0  # excessive force against a crowd, told as a killing
    return None


def place_score(a: View, b: View) -> float | None:
    """+2 same place, +1 near it, +0.5 same region, 0 unknown, below 0 a clash, None apart.

    Only places at the named place or near it (geo precision 1-2) can keep two reports apart; a
    region named alone is often the dateline or the capital a statement came from, so a clash
    there, or of countries guessed without a place, only counts against the link.
    """
    if a.iso3 and b.iso3 and a.iso3 != b.iso3:
        return None if a.firm and b.firm else -1.0
    if not (a.firm and b.firm):
        if a.admin1 and b.admin1:
            return 0.5 if a.admin1 == b.admin1 else -1.0
        return -0.5  # one side names no place at all
    distance = km(a.point, b.point) if a.point and b.point else None
    if distance is not None and distance > FAR_KM:
        return None
    if any(same_name(x, y) for x in a.places for y in b.places):
        return 2.0
    if a.places and b.places:
        return _other_names(a, b, distance)
    if distance is not None:
        return 2.0 if distance <= SAME_KM else 1.0 if distance <= NEAR_KM else 0.0
    if a.admin1 and b.admin1:
        return 0.5 if a.admin1 == b.admin1 else None
    return 0.0


def _other_names(a: View, b: View, distance: float | None) -> float | None:
    """Two different names: two villages, or a village and the town it is coded near."""
    if a.precise and b.precise:
        return None
    if _near(a.places, b.anchors) or _near(b.places, a.anchors):
        # "Khirbet Amo, east of Qamishli" and "near Qamishli": ACLED codes both at Qamishli.
        # Two villages near one town meet only on their anchors and stay apart below.
        return 2.0
    if distance is None or distance > NEAR_KM:
        return -1.0
    if distance <= SAME_KM and a.precise != b.precise:
        return 1.0  # one report names the town, the other a spot coded at that town
    return -1.0  # two spots near one town: neighbourhoods or villages, likely apart


def _near(places: frozenset[str], anchors: frozenset[str]) -> bool:
    return any(same_name(p, q) for p in places for q in anchors)


def actor_score(a: View, b: View) -> float:
    if a.specific & b.specific:
        return 1.0
    if a.specific and b.specific:
        # both name the fighting parties, and none in common; the same victims hit by
        # a perpetrator each ("Civilians (Syria)"): who did it is disputed as often as it differs
        return -0.5 if a.actors & b.actors else -2.0
    if a.actors & b.actors:
        return 0.3
    return -0.5 if a.specific or b.specific else 0.0  # named groups against "gunmen" only


# --------------------------------------------------------------------------- blocking


def keys_of(v: View) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(index keys, query keys). Firm and weak mentions meet on the country from both sides;
    names and map cells are shared; actors only block mentions without a place (their country is
    a guess). Every pair that one side finds, the other side would find too."""
    country = v.iso3 or "?"
    # Spellings differ past the first letter (Khirbet Ammo, Khirbat Hamo), so names meet on the
    # country and the skeleton's initial, and the pair score does the fuzzy match.
    index: list[tuple[str, str]] = sorted({("n", f"{country}:{skeleton(p)[:1]}") for p in v.places})
    if v.point:
        index.append(("g", _cell(*v.point)))
    query = list(index)
    if v.point:
        query.extend(("g", c) for c in _neighbour_cells(*v.point))
    if v.firm:
        index.append(("cs", country))
        query.append(("cw", country))
    else:
        index.append(("cw", country))
        query.extend((("cs", country), ("cw", country)))
        index.extend(("a", a) for a in v.specific)
        query.extend(("a", a) for a in v.specific)
    return index, query


def _cell(lat: float, lon: float) -> str:
    return f"{math.floor(lat / CELL_DEGREES)}:{math.floor(lon / CELL_DEGREES)}"


def _neighbour_cells(lat: float, lon: float) -> Iterator[str]:
    row, col = math.floor(lat / CELL_DEGREES), math.floor(lon / CELL_DEGREES)
    # A 25 km reach needs three cells either way at 0.1 degree (about 11 km at the equator).
    for dr in range(-3, 4):
        for dc in range(-3, 4):
            if dr or dc:
                yield f"{row + dr}:{col + dc}"


class BlockIndex:
    """Mentions by blocking key, time precision and day; grows as mentions arrive."""

    def __init__(self) -> None:
        self._by_key: dict[tuple[str, str], dict[int, dict[int, list[int]]]] = defaultdict(
            lambda: defaultdict(lambda: defaultdict(list))
        )

    def add(self, v: View) -> None:
        for key in keys_of(v)[0]:
            self._by_key[key][v.precision][v.day].append(v.index)

    def candidates(self, v: View) -> set[int]:
        found: set[int] = set()
        for key in keys_of(v)[1]:
            by_precision = self._by_key.get(key)
            if not by_precision:
                continue
            for precision, by_day in by_precision.items():
                reach = max(SLACK[v.precision], SLACK[precision], MISDATED)
                found.update(_in_window(by_day, v.day, reach))
        found.discard(v.index)
        return found


def _in_window(by_day: dict[int, list[int]], day: int, reach: int) -> Iterator[int]:
    if len(by_day) < 2 * reach + 1:
        for d, ids in by_day.items():
            if abs(d - day) <= reach:
                yield from ids
        return
    for d in range(day - reach, day + reach + 1):
        yield from by_day.get(d, ())


# --------------------------------------------------------------------------- components


class UnionFind:
    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, x: int) -> int:
        parent = self.parent
        root = parent.setdefault(x, x)
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def groups(self, members: Iterable[int]) -> list[list[int]]:
        out: dict[int, list[int]] = defaultdict(list)
        for m in members:
            out[self.find(m)].append(m)
        return list(out.values())


def split(component: Sequence[View], edges: dict[int, set[int]], rank: dict[int, tuple]) -> list[list[View]]:
    """Break a component where it holds two mentions that cannot be one incident.

    Mentions are placed best-connected first (ties by a canonical key), each into the first group
    it links to and clashes with no member of; so the result depends on the set, not the order.
    """
    if not component:
        return []
    if len(component) < 2 or not _has_clash(component):
        return [list(component)]
    order = sorted(component, key=lambda v: (-len(edges.get(v.index, ())), rank[v.index]))
    groups: list[list[View]] = []
    for v in order:
        linked = edges.get(v.index, set())
        for group in groups:
            if any(g.index in linked for g in group) and _fits(v, group):
                group.append(v)
                break
        else:
            groups.append([v])
    return groups


def _has_clash(component: Sequence[View]) -> bool:
    if len({v.document for v in component}) < len(component):
        return True
    return any(link_score(a, b) is None for i, a in enumerate(component) for b in component[i + 1 :])


def _fits(v: View, group: Sequence[View]) -> bool:
    """Whether ``v`` can join ``group``: it could be one incident with every member, and it fits
    more members outright than it disagrees with on the day (a report dated days off joins the
    incident most reports date otherwise; it never outvotes them)."""
    fits = disagrees = 0
    for g in group:
        if not compatible(v, g):
            return False
        if link_score(v, g) is None:
            disagrees += 1
        else:
            fits += 1
    return disagrees == 0 or fits > disagrees
