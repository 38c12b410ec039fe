"""The evidence two mentions give for being one incident: day, type, place, actors and toll.

Each function reads two ``View``s (``cluster.View``: what merging keeps of a mention) and says how
well they agree on one kind of evidence, or ``None`` when that evidence alone rules the pair out.
``cluster.link_score`` adds them up. Nothing here depends on other mentions or on arrival order.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Literal

from sitrep.places.geometry import INCIDENT_REACH_KM, SAME_SPOT_KM, SAME_TOWN_KM, km
from sitrep.places.names import same_name

if TYPE_CHECKING:  # cluster.py builds the views and imports this module
    from sitrep.merge.cluster import View

# Days of slack by time precision (ACLED: 1 exact day, 2 within a week, 3 within a month).
SLACK = {1: 0, 2: 3, 3: 15}
LAG = 1  # a "last night" or a weekday read against the wrong day
MISDATED = 7  # days: a report dated this far off joins only with a named party or the toll

VIOLENT = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
# A toll this high is rare enough in one place and week to say which incident a report tells.
MAJOR_TOLL = 10

DayFit = Literal["same", "unknown", "claimed", "within", "lag", "misdated", "disputed"]

_MONTH = (
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|"
    r"august|september|october|november|december|janvier|fevrier|mars|avril|mai|juin|juillet|aout|"
    r"septembre|octobre|novembre|decembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|"
    r"septiembre|octubre|noviembre|diciembre)\.?"
)
_CALENDAR = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th|er)?\s+(?:of\s+|de\s+)?{_MONTH}(?!\w)|(?<!\w){_MONTH}\s+\d{{1,2}}\b|"
    r"\b\d{4}-\d\d-\d\d\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b",
    re.IGNORECASE,
)


def is_calendar_date(quote: str) -> bool:
    """A date written as a day of a month ("12 February 2020", "Feb. 12", "28 Dec."), not read
    from a weekday or "yesterday" against the publication day."""
    return bool(_CALENDAR.search(quote))


# --------------------------------------------------------------------------- the day


def day_fit(a: View, b: View) -> DayFit | None:
    """How two mentions' days agree. A report without a day (or with only a month) fits any; two
    days written out as dates that differ are two incidents (ACLED codes each day apart); a day
    read from a weekday or "yesterday" may be a day off, or a few days when the rest agrees."""
    if a.day is None or b.day is None:
        return "unknown" if _same_month(a, b) else None
    if a.day == b.day:
        return "same"
    if a.explicit and b.explicit and not a.explicit & b.explicit:
        # Two days written out are two incidents, unless one report is not that day's news (no
        # publication day, or published days later) and all else says it misdated the incident.
        if a.fresh and b.fresh:
            return None
        return "disputed" if abs(a.day - b.day) <= MISDATED else None
    if a.day in b.days or b.day in a.days:
        return "claimed"  # one report also gives the other's day (an attack and its burial)
    gap = abs(a.day - b.day)
    if gap <= max(SLACK[a.precision], SLACK[b.precision]):
        return "within"
    if gap <= LAG:
        return "lag"
    return "misdated" if gap <= MISDATED else None


def _same_month(a: View, b: View) -> bool:
    """A report giving only a month fits a day of that month or of the month before (a page
    dated by its month tells of that month's events or the last days of the month before)."""
    months = [v.month for v in (a, b) if v.month is not None]
    others = [date.fromordinal(v.day) for v in (a, b) if v.day is not None]
    if not months:
        return True
    if len(months) == 2:
        return abs(months[0] - months[1]) <= 1
    seen = [d.year * 12 + d.month for d in others]
    return not seen or 0 <= months[0] - seen[0] <= 1


DAY_SCORE: dict[DayFit, float] = {
    "same": 1.0, "claimed": 0.5, "unknown": 0.0, "within": 0.0, "lag": -0.5, "misdated": -1.0,
    "disputed": -1.0,
}  # fmt: skip


# --------------------------------------------------------------------------- the kind of event


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


# --------------------------------------------------------------------------- the place


def place_score(a: View, b: View) -> float | None:
    """+2 same place, +1 near it, +0.5 same region, 0 unknown, below 0 a clash, None apart.

    Places are compared by the names the reports give (any spelling), then by the towns and
    districts they put them in, then by distance. Only places named below the region can keep two
    reports apart; a region named alone is often the dateline or the capital a statement came
    from, so a clash there, or of countries guessed without a place, only counts against the link.
    """
    if a.iso3 and b.iso3 and a.iso3 != b.iso3:
        return None if a.firm and b.firm else -1.0
    if not (a.firm and b.firm):
        if _written_alike(a, b) or _written_alike(b, a):
            return 2.0  # a village named alike, one report unable to place it ("Koshebe", "Koshobe")
        if a.admin1 and b.admin1 and a.admin1 != b.admin1:
            return -2.0 if a.firm or b.firm else -1.0  # a named place outside the other's region
        if a.admin1 and b.admin1:
            return 0.5
        return -0.5  # one side names no place at all
    distance = km(a.point, b.point) if a.point and b.point else None
    if distance is not None and distance > INCIDENT_REACH_KM and not named_alike(a, b):
        return None
    if named_alike(a, b):
        return 2.0
    if _near(a.places, b.anchors | b.villages) or _near(b.places, a.anchors | a.villages):
        # "Khirbet Amo, east of Qamishli" and "near Qamishli": ACLED codes both at Qamishli; a
        # report coded at a town that also names the other's village tells of that village.
        return 2.0
    if a.places and b.places:
        return _other_names(a, b, distance)
    if distance is not None:
        return 2.0 if distance <= SAME_SPOT_KM else 1.0 if distance <= SAME_TOWN_KM else 0.0
    if a.admin1 and b.admin1:
        return 0.5 if a.admin1 == b.admin1 else None
    return 0.0


def _written_alike(a: View, b: View) -> bool:
    """``a`` could not be placed below the region but names its place, and ``b`` names it too."""
    if a.firm or not a.written:
        return False
    return any(same_place_name(a.written, y) for y in b.places | b.villages)


def named_alike(a: View, b: View) -> bool:
    return any(same_place_name(x, y) for x in a.places for y in b.places)


def same_place_name(x: str, y: str) -> bool:
    """One place's names: any spelling, or one name inside the other as its last words
    ("Garin-Kwashebe" and "Kwashebe": the village's field and the village)."""
    if same_name(x, y):
        return True
    short, long = sorted((x, y), key=len)
    words, tail = long.split(), short.split()
    return len(short) >= 5 and len(words) > len(tail) and same_name(" ".join(words[-len(tail) :]), short)


def _other_names(a: View, b: View, distance: float | None) -> float | None:
    """Two different names and neither is the town the other is coded near: two villages, two
    districts of a city, or a town and a spot in it."""
    if a.named and b.named:
        return None  # both name the spot itself: two places
    if distance is None or distance > SAME_TOWN_KM:
        return -1.0
    if distance <= SAME_SPOT_KM and a.named != b.named:
        return 1.0  # one report names the town, the other a spot coded at that town
    return -1.0  # two spots near one town: neighbourhoods or villages, likely apart


def _near(places: frozenset[str], anchors: frozenset[str]) -> bool:
    return any(same_place_name(p, q) for p in places for q in anchors)


# --------------------------------------------------------------------------- actors and toll


def actor_score(a: View, b: View) -> float:
    if a.specific & b.specific:
        return 1.0
    if a.specific and b.specific:
        return -1.0  # both name the fighting parties, and none in common
    if a.actors & b.actors:
        return 0.3
    return -0.5 if a.specific or b.specific else 0.0  # named groups against "gunmen" only


def toll_score(a: View, b: View) -> float:
    """Deaths in both reports: the same figure, or any two (a toll rises as bodies are counted),
    more so when both are high; a report of no deaths against one of several is a different
    incident, or at least no evidence of the same one."""
    if a.tolls and b.tolls:
        common = a.tolls & b.tolls
        if common:
            return 1.0 if max(common) >= MAJOR_TOLL else 0.5
        return 0.5 if min(a.toll, b.toll) >= MAJOR_TOLL else 0.25
    if (a.tolls and b.no_deaths) or (b.tolls and a.no_deaths):
        return -1.0
    return 0.0
