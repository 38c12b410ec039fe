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
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from sitrep.merge.pairs import (
    DAY_SCORE,
    MAJOR_TOLL,
    MISDATED,
    SLACK,
    actor_score,
    day_fit,
    is_calendar_date,
    place_score,
    same_place_name,
    toll_score,
    type_score,
)
from sitrep.places.names import fold_key, place_key
from sitrep.records import Mention

LINK_THRESHOLD = 3.0
# Deaths this many or more, counted alike, say which incident two reports tell; one or two killed
# by unnamed gunmen in one town on one day is common in a dense stream.
FEW = 3
CELL_DEGREES = 0.1

GENERIC_ACTOR = re.compile(r"^(Unidentified|Civilians|Protesters|Rioters|Labor Group|Students)\b")
_YEARS = re.compile(r"\s*\(\d{4}-(\d{4})?\)")
_STATE_SIDES = ("Military Forces", "Police Forces", "Government")
_STATE = re.compile(r"^(Military Forces|Police Forces|Government) of ([^()]+?)(\s*\(\d{4}-(\d{4})?\))?$")


# --------------------------------------------------------------------------- actors


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
    day: int | None  # proleptic ordinal; None when the report gives no day
    month: int | None  # year * 12 + month when the report gives only a month
    days: frozenset[int]  # every day the report gives for the event (its main day first of all)
    explicit: frozenset[int]  # the days it writes out as dates ("12 February"), not read from "Sunday"
    fresh: bool  # its day is written out in a report published that day or the next: news of that day
    precision: int
    event_type: str
    sub_event_type: str
    iso3: str | None
    admin1: str | None
    admin2: str | None
    places: frozenset[str]  # names of the main location and every location claim, as written
    anchors: frozenset[str]  # towns a place is coded near (claims with field "near"), when given
    villages: frozenset[str]  # unknown villages the report names besides its coded place
    named: bool  # the main location is a place the text names for the event, not a division's seat
    point: tuple[float, float] | None
    actors: frozenset[str]
    specific: frozenset[str]
    parties: frozenset[str]  # named actors other than the country's own state
    tolls: frozenset[int]  # every death toll above 0 the report gives for the event
    toll: int  # the one it gives as the event's (0 when none)
    no_deaths: bool  # the report says nobody died

    regional: bool  # only a region is known (geo_precision 3), often a dateline or a capital
    written: str | None  # the location as the text writes it, however vaguely it could be placed

    @property
    def firm(self) -> bool:
        """The mention names a place below the region, so its place and country are not a guess."""
        return bool(self.places or self.point) and (self.named or not self.regional)


def view_of(index: int, mention: Mention) -> View:
    day = _ordinal(mention.event_date) if mention.time_precision < 3 else None
    dated = [(c, _ordinal(str(c.value))) for c in mention.claims if c.field == "event_date" and c.value]
    days = {d for _, d in dated if d is not None}
    explicit = {d for c, d in dated if d is not None and is_calendar_date(c.quote)}
    if day is not None:
        days.add(day)
    if mention.time_precision != 1 or day is None or day not in explicit:
        explicit = set()  # only an exact day written out rules another day out
    places = {c.value for c in mention.claims if c.field == "location" and isinstance(c.value, str)}
    if mention.location:
        places.add(mention.location)
    places = {p for p in places if place_key(p)}
    # A village is coded near the town (or district) it is placed in; one placed only in its
    # region (geo_precision 3) is near nothing a report could name instead.
    anchors = {str(c.value) for c in mention.claims if c.field == "near" and c.value}
    if mention.geo_precision >= 3:
        anchors = set()
    actors = {side_key(a.name) for a in (mention.actor1, mention.actor2) if a}
    own_state = f"state:{mention.country}"
    point = None
    if mention.latitude is not None and mention.longitude is not None:
        point = (mention.latitude, mention.longitude)
    tolls = {int(c.value) for c in mention.claims if c.field == "fatalities" and isinstance(c.value, int)}
    said_none = 0 in tolls  # a claim that nobody died, not a report silent on deaths
    tolls.add(mention.fatalities or 0)
    return View(
        index=index,
        document=mention.document,
        day=day,
        month=_month(mention.event_date) if mention.time_precision == 3 else None,
        days=frozenset(days),
        explicit=frozenset(explicit),
        fresh=bool(explicit) and _fresh(day, mention.published),
        precision=mention.time_precision if mention.time_precision in SLACK else 1,
        event_type=mention.event_type,
        sub_event_type=mention.sub_event_type,
        iso3=mention.iso3 or mention.country,
        admin1=place_key(mention.admin1) if mention.admin1 else None,
        admin2=place_key(mention.admin2) if mention.admin2 else None,
        places=frozenset(places),
        anchors=frozenset(anchors),
        villages=frozenset(str(c.value) for c in mention.claims if c.field == "place" and c.value),
        named=_named(mention),
        point=point,
        actors=frozenset(actors),
        specific=frozenset(a for a in actors if not GENERIC_ACTOR.match(a)),
        parties=frozenset(
            a
            for a in actors
            if not GENERIC_ACTOR.match(a) and a != own_state and not _own_unit(a, mention.country)
        ),
        tolls=frozenset(t for t in tolls if t > 0),
        toll=mention.fatalities or 0,
        no_deaths=said_none and not any(t > 0 for t in tolls),
        regional=mention.geo_precision >= 3,
        written=mention.location if _written(mention) and not _division_seat(mention) else None,
    )


def _own_unit(side: str, country: str | None) -> bool:
    """A unit of the country's own state ("Military Forces of Brazil Military Police", "Police
    Forces of Somalia National Intelligence and Security Agency"): no more a distinctive party
    than the state itself."""
    return bool(country) and side.startswith(tuple(f"{s} of {country} " for s in _STATE_SIDES))


def _fresh(day: int | None, published: str | None) -> bool:
    """A report published on its event's day or the next tells that day's news: its day is firm."""
    out = _ordinal(published) if published and len(published) == 10 else None
    return day is not None and out is not None and 0 <= out - day <= 1


def _month(text: str | None) -> int | None:
    try:
        return int(text[:4]) * 12 + int(text[5:7]) if text else None
    except ValueError:
        return None


def _ordinal(text: str | None) -> int | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10]).toordinal()
    except ValueError:
        return None


def _named(mention: Mention) -> bool:
    """The location is the place the text names ("in Bara", "near Taramchuk", the village of X),
    not the seat of a division named alone, nor a town a vaguer place is coded at."""
    if mention.geo_precision > 2 and not any(c.field == "near" for c in mention.claims):
        return False  # a region named alone, coded at its main town
    return _written(mention)


def _division_seat(mention: Mention) -> bool:
    """The location is a division named alone and coded at its namesake seat ("Aleppo province")."""
    name, divisions = mention.location or "", (mention.admin1, mention.admin2)
    return mention.geo_precision > 1 and any(same_place_name(name, d) for d in divisions if d)


def _written(mention: Mention) -> bool:
    """The location's name is the one the text gives (not a seat or capital standing in for a
    region or country named), even when the place could only be put in its country ("the nearby
    village of Koshebe" in a report that names nothing around it)."""
    if not mention.location:
        return False
    quotes = [c.quote for c in mention.claims if c.field == "location" and c.value == mention.location]
    return any(same_place_name(q, mention.location) for q in quotes)


# --------------------------------------------------------------------------- pair score


def link_score(a: View, b: View, kin: bool = False) -> float | None:
    """How well two mentions fit one incident; None when they cannot. ``kin``: the two documents
    are syndicated copies of one story, which says more than any single field."""
    if a.document == b.document:
        return None
    kind = type_score(a, b)
    place = place_score(a, b)
    when = day_fit(a, b)
    if kind is None or place is None or when is None:
        return None
    toll = toll_score(a, b)
    actors = actor_score(a, b)
    # ACLED codes each day apart. A day read one off (a "last night", a weekday against the wrong
    # day) is forgiven for the same place with the same deaths; a report dated up to a week off
    # only when it also names the same party there, or both count a mass toll: one outlet
    # misdated the incident (the date becomes a contradiction), while a village attacked again
    # days later stays apart.
    same_deaths = bool(a.tolls & b.tolls)
    story = place >= 2 and _same_story(a, b)
    if when == "lag" and not (place >= 2 and same_deaths):
        return None
    if when == "misdated" and not (place >= 2 and (same_deaths and a.specific & b.specific or toll >= 0.5)):
        return None
    if when == "disputed" and not story:
        return None
    day = 0.0 if when in ("misdated", "disputed") and story else DAY_SCORE[when]
    # One wire story, one place and party. Formulaic notes ("forces of X fired on positions near
    # Y") read alike too, but each names its own spots: copies name the same places.
    copy = kin and place >= 2 and bool(a.specific & b.specific)
    if not (copy and _same_spots(a, b) or _distinctive(a, b)):
        return 0.0
    return day + kind + place + actors + toll + (1.0 if copy else 0.0)


def _distinctive(a: View, b: View) -> bool:
    """Something few incidents share: a named party other than the country's own army or police,
    the same deaths, or a mass toll in both. The same town, day and kind of event with nobody
    named and nobody killed is too common in a dense stream (three protests in one capital on one
    day) to make one incident. So are exchanges of fire between two states' forces along a front
    line that neither report says killed anyone, and in a town, killings of one or two people by
    unnamed gunmen."""
    if a.parties & b.parties and not (_front_line(a) and _front_line(b)):
        return True
    same = a.tolls & b.tolls
    if same and (max(same) >= FEW or a.specific or b.specific or (a.anchors and b.anchors)):
        return True
    return min(max(a.tolls, default=0), max(b.tolls, default=0)) > 0 and max(a.toll, b.toll) >= MAJOR_TOLL


def _same_spots(a: View, b: View) -> bool:
    """Every place either report names (its place, the villages it names, the town it is coded
    near) is named by the other too, in some spelling."""
    mine, theirs = a.places | a.villages | a.anchors, b.places | b.villages | b.anchors
    return all(any(same_place_name(x, y) for y in theirs) for x in mine) and all(
        any(same_place_name(y, x) for x in mine) for y in theirs
    )


def _same_story(a: View, b: View) -> bool:
    """One story told with another day: the same village or spot below a town named by both, the
    same deaths and the same named party. A report that gives another day for all of that
    misdated the incident; a village attacked again days later seldom loses the same dead to
    the same attackers."""
    if not (a.tolls & b.tolls and a.parties & b.parties):
        return False
    return _spot_alike(a, b) or _spot_alike(b, a)


def _spot_alike(a: View, b: View) -> bool:
    spots = a.villages | (a.places if a.anchors else frozenset())
    return any(same_place_name(x, y) for x in spots for y in b.places | b.villages)


def _front_line(v: View) -> bool:
    """A clash between state forces only ("forces of Artsakh fired on positions of the forces of
    Azerbaijan"), with no deaths reported: the daily business of a front line."""
    return v.event_type == "Battles" and not v.tolls and all(a.startswith("state:") for a in v.specific)


def compatible(a: View, b: View) -> bool:
    """Whether two mentions could be one incident at all: other documents, types that can be one
    incident, places that can be one place, and days that can be one day. Links need more
    (``link_score``); a group may hold two mentions that only meet through others."""
    if a.document == b.document or day_fit(a, b) is None:
        return False
    return type_score(a, b) is not None and place_score(a, b) is not None


# --------------------------------------------------------------------------- blocking


def keys_of(v: View) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(index keys, query keys). Firm and weak mentions meet on the country from both sides;
    names and map cells are shared; actors only block mentions without a place (their country is
    a guess). Every pair that one side finds, the other side would find too."""
    country = v.iso3 or "?"
    # Spellings differ past the first letter (Khirbet Ammo, Khirbat Hamo), so names meet on the
    # country and the transliteration skeleton's initial, and the pair score does the fuzzy match.
    names = {fold_key(place_key(p))[:1] for p in v.places | v.anchors}
    index: list[tuple[str, str]] = sorted(("n", f"{country}:{n}") for n in names)
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
    """Mentions by blocking key, time precision and day (mentions without a day apart); grows as
    mentions arrive. A mention without a day is a candidate for every day."""

    def __init__(self) -> None:
        self._by_key: dict[tuple[str, str], dict[int, dict[int, list[int]]]] = defaultdict(
            lambda: defaultdict(lambda: defaultdict(list))
        )
        self._undated: dict[tuple[str, str], list[int]] = defaultdict(list)

    def add(self, v: View) -> None:
        for key in keys_of(v)[0]:
            if v.day is None:
                self._undated[key].append(v.index)
            else:
                self._by_key[key][v.precision][v.day].append(v.index)

    def candidates(self, v: View) -> set[int]:
        found: set[int] = set()
        for key in keys_of(v)[1]:
            found.update(self._undated.get(key, ()))
            by_precision = self._by_key.get(key)
            if not by_precision:
                continue
            for precision, by_day in by_precision.items():
                if v.day is None:
                    found.update(i for ids in by_day.values() for i in ids)
                    continue
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
