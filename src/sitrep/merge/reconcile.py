"""One event's fields from many reports, by the rules in docs/merge.md.

Votes count source families, not documents: syndicated copies of one wire story share one vote.
Fatalities follow ACLED (the lowest credible figure), except that a later, higher figure from the
same source family is an update of a rising toll and replaces the earlier one. Contradictions list
every version with its sources and documents; a rising toll is listed with ``kind="update"`` and
``latest`` set on the newest figure.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from sitrep.merge.cluster import GENERIC_ACTOR, actor_key
from sitrep.merge.dedupe import DocInfo
from sitrep.merge.pairs import is_calendar_date
from sitrep.places.geometry import SAME_TOWN_KM, km
from sitrep.places.names import fold_key, place_key, same_name
from sitrep.records import Actor, Claim, Contradiction, ContradictionKind, Mention, Version

CONTRADICTION_FIELDS = (
    "event_date", "fatalities", "location", "actor1", "actor2", "sub_event_type", "victim_status",
    "perpetrator",
)  # fmt: skip


@dataclass(frozen=True)
class Context:
    """What the rules know of the documents: publication days and syndication families."""

    docs: Mapping[str, DocInfo]
    family: Callable[[str], str]

    def published(self, document: str) -> str:
        info = self.docs.get(document)
        return (info.published or "") if info else ""

    def outlet(self, document: str) -> str:
        info = self.docs.get(document)
        return (info.outlet or "") if info else ""

    def digest(self, document: str) -> str:
        """A hash of the document's text (its id when the text was not given)."""
        info = self.docs.get(document)
        return info.digest if info and info.digest else f"id:{document}"


def weights(group: Sequence[Mention], ctx: Context) -> list[float]:
    """Each mention's vote: one per syndication family, shared among its copies."""
    sizes: dict[str, int] = defaultdict(int)
    for m in group:
        sizes[ctx.family(m.document)] += 1
    return [1.0 / sizes[ctx.family(m.document)] for m in group]


def _best(votes: Mapping[str, float], tiebreak: Callable[[str], tuple]) -> str:
    return max(votes, key=lambda k: (round(votes[k], 6), tiebreak(k)))


# --------------------------------------------------------------------------- fields


def pick_date(group: Sequence[Mention], w: Sequence[float]) -> tuple[str | None, int]:
    """The day most families support, each family by its most explicit reading: a date written
    out ("28 November") over a weekday ("on Saturday") over a day read from "today" or
    "yesterday" against the publication day. Ties go to the more explicit reading, then the more
    precise date, then the earlier day."""
    votes: dict[str, float] = defaultdict(float)
    rank: dict[str, int] = {}
    precision: dict[str, int] = {}
    for m, weight in zip(group, w, strict=True):
        readings = _readings(m)
        if not readings:
            continue
        best = max(readings.values())
        days = [d for d, r in readings.items() if r == best]
        for day in days:
            votes[day] += weight / len(days)
            rank[day] = max(rank.get(day, 0), best)
            precision[day] = min(precision.get(day, 3), m.time_precision if day == m.event_date else 1)
    if not votes:
        return _month_only(group, w)
    day = _best(votes, lambda d: (rank[d], -precision[d], [-ord(c) for c in d]))
    return day, precision[day]


def _month_only(group: Sequence[Mention], w: Sequence[float]) -> tuple[str | None, int]:
    """No report gives a day: the month most families give (time_precision 3), if any."""
    votes: dict[str, float] = defaultdict(float)
    for m, weight in zip(group, w, strict=True):
        if m.event_date and m.time_precision == 3:
            votes[m.event_date] += weight
    if not votes:
        return None, max((m.time_precision for m in group), default=1)
    return _best(votes, lambda d: tuple(-ord(c) for c in d)), 3


_WEEKDAY = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.IGNORECASE)


def _readings(m: Mention) -> dict[str, int]:
    """The days a report gives for its event, each with how explicitly: 3 written out as a date,
    2 a weekday, 1 relative words, 0 the report's own day alone."""
    out: dict[str, int] = {}
    if m.event_date and m.time_precision < 3:
        out[m.event_date] = 0
    for c in m.claims:
        if c.field != "event_date" or not isinstance(c.value, str) or m.time_precision == 3:
            continue
        kind = 3 if is_calendar_date(c.quote) else 2 if _WEEKDAY.search(c.quote) else 1
        out[c.value] = max(out.get(c.value, 0), kind)
    return out


def pick_type(group: Sequence[Mention], w: Sequence[float]) -> Mention:
    """The mention that carries the sub-event type most families support (by confidence)."""
    votes: dict[str, float] = defaultdict(float)
    for m, weight in zip(group, w, strict=True):
        votes[m.sub_event_type] += weight * (0.5 + m.confidence)
    sub = _best(votes, lambda s: (s,))
    return max((m for m in group if m.sub_event_type == sub), key=lambda m: (m.confidence, _rank(m)))


def pick_actors(
    group: Sequence[Mention], w: Sequence[float], event_type: str
) -> tuple[Actor | None, Actor | None]:
    """Actors by family vote among the mentions of the chosen event type; named groups outvote
    generic ones ("Unidentified Armed Group") and regime years do not split a vote."""
    pool = [(m, x) for m, x in zip(group, w, strict=True) if m.event_type == event_type] or list(
        zip(group, w, strict=True)
    )
    first = _vote_actor((m.actor1, x) for m, x in pool)
    key1 = actor_key(first.name) if first else None
    seconds = [(m.actor2, x) for m, x in pool] + [(m.actor1, x * 0.5) for m, x in pool]
    second = _vote_actor((a, x) for a, x in seconds if a and actor_key(a.name) != key1)
    return first, second


def _vote_actor(items: Iterable[tuple[Actor | None, float]]) -> Actor | None:
    votes: dict[str, float] = defaultdict(float)
    seen: dict[str, Actor] = {}
    for actor, weight in items:
        if actor is None:
            continue
        key = actor_key(actor.name)
        votes[key] += weight * (0.5 if GENERIC_ACTOR.match(key) else 1.0)
        seen.setdefault(key, actor)
    if not votes:
        return None
    return seen[_best(votes, lambda k: (k,))]


def pick_place(group: Sequence[Mention], w: Sequence[float]) -> Mention | None:
    """The most precise place that agrees with the rest: support from families naming the same
    place (any spelling) or a point within 10 km (not a town's point standing in for a village),
    then geo precision, then having coordinates."""
    placed = [(m, x) for m, x in zip(group, w, strict=True) if m.location or m.latitude is not None]
    if not placed:
        return None

    def support(m: Mention) -> float:
        return sum(x for other, x in placed if _same_place(m, other))

    return max(
        (m for m, _ in placed),
        key=lambda m: (round(support(m), 6), -m.geo_precision, m.latitude is not None, _rank(m)),
    )


def _same_place(a: Mention, b: Mention) -> bool:
    if a.location and b.location and same_name(a.location, b.location):
        return True
    if _stand_in(a) or _stand_in(b):
        return False  # a village coded at a town's point is not at that town
    if None not in (a.latitude, a.longitude, b.latitude, b.longitude):
        return km((a.latitude, a.longitude), (b.latitude, b.longitude)) <= SAME_TOWN_KM  # type: ignore[arg-type]
    return False


def _stand_in(m: Mention) -> bool:
    """The mention's point stands in for a place the gazetteer does not know (a ``near`` claim)."""
    return any(c.field == "near" for c in m.claims)


def pick_country(group: Sequence[Mention], w: Sequence[float], place: Mention | None) -> Mention | None:
    """The placed mention's country; else the country most families name."""
    if place is not None and place.country:
        return place
    votes: dict[str, float] = defaultdict(float)
    for m, x in zip(group, w, strict=True):
        if m.country:
            votes[m.country] += x
    if not votes:
        return None
    country = _best(votes, lambda c: (c,))
    return next(m for m in group if m.country == country)


# --------------------------------------------------------------------------- fatalities


def fatalities(group: Sequence[Mention], ctx: Context) -> tuple[int | None, dict[int, bool]]:
    """ACLED's figure: the count most families converge on when two or more give it (a rising
    toll settles there); else the lowest over the reports still current. A report is superseded by
    a later-published one of its source family with a higher figure (a rising toll), and when
    publication days are known, only the latest day's reports are current. Zero counts only when
    no report gives a death. Returns the figure and, for each figure seen, whether it is current.
    """
    figures = [m for m in group if m.fatalities is not None]
    if any(m.fatalities for m in figures):
        figures = [m for m in figures if m.fatalities]
    current: dict[int, bool] = {m.fatalities: False for m in figures if m.fatalities is not None}
    live = [m for m in figures if not any(_supersedes(n, m, ctx) for n in figures)]
    latest = max((ctx.published(m.document) for m in live), default="")
    if latest and len({ctx.family(m.document) for m in live}) > 1:
        live = [m for m in live if ctx.published(m.document) == latest]
    for m in live:
        current[m.fatalities or 0] = True
    settled = _settled(group, ctx)
    if settled is not None:
        return settled, {k: k == settled for k in current} | {settled: True}
    if not live:
        return None, current
    return min(m.fatalities for m in live), current  # type: ignore[type-var,return-value]


def _settled(group: Sequence[Mention], ctx: Context) -> int | None:
    """The death toll two or more source families give for the event, the most-given first."""
    backers: dict[int, set[str]] = defaultdict(set)
    for m in group:
        for c in m.claims:
            if c.field == "fatalities" and isinstance(c.value, int) and c.value > 0 and _counted(c.quote):
                backers[c.value].add(ctx.family(m.document))
    agreed = [n for n, fams in backers.items() if len(fams) >= 2]
    return max(agreed, key=lambda n: (len(backers[n]), -n)) if agreed else None


_NUMBER = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty|forty|"
    r"fifty|sixty|seventy|eighty|ninety|hundred)\b",
    re.IGNORECASE,
)


def _counted(quote: str) -> bool:
    """A figure stated as a number, not read from "many" or "several dozen"."""
    return bool(_NUMBER.search(quote))


def _supersedes(new: Mention, old: Mention, ctx: Context) -> bool:
    published_new, published_old = ctx.published(new.document), ctx.published(old.document)
    if not (published_new and published_old and published_new > published_old):
        return False
    if (new.fatalities or 0) <= (old.fatalities or 0):
        return False
    return _families(new, ctx) & _families(old, ctx) != set()


def _families(m: Mention, ctx: Context) -> set[str]:
    """Who stands behind a mention's toll: its outlet, its wire family, the sources it cites."""
    out = {f"doc:{ctx.family(m.document)}"}
    if ctx.outlet(m.document):
        out.add(f"outlet:{place_key(ctx.outlet(m.document))}")
    out.update(f"src:{place_key(c.source)}" for c in m.claims if c.field == "fatalities" and c.source)
    out.discard("src:unattributed")
    return out


# --------------------------------------------------------------------------- contradictions


def _value_key(field: str, value: object) -> str:
    """Versions that only differ in spelling (places) or regime years (actors) are one version."""
    text = str(value)
    if field == "location":
        return fold_key(place_key(text))
    if field in ("actor1", "actor2", "perpetrator"):
        return actor_key(text)
    return text


def contradictions(
    claims: Iterable[Claim], current: Mapping[int, bool] | None = None
) -> tuple[Contradiction, ...]:
    """Fields whose claims carry two or more versions; ``current`` marks rising-toll figures."""
    by_field: dict[str, dict[str, list[Claim]]] = defaultdict(lambda: defaultdict(list))
    for claim in claims:
        if claim.field in CONTRADICTION_FIELDS and claim.value not in (None, ""):
            by_field[claim.field][_value_key(claim.field, claim.value)].append(claim)
    out = []
    for field in CONTRADICTION_FIELDS:
        versions = by_field.get(field)
        if not versions or len(versions) < 2:
            continue
        out.append(_contradiction(field, list(versions.values()), current if field == "fatalities" else None))
    return tuple(out)


def _contradiction(
    field: str, groups: list[list[Claim]], current: Mapping[int, bool] | None
) -> Contradiction:
    values = []
    for group in groups:
        value = max(dict.fromkeys(c.value for c in group), key=lambda v: sum(c.value == v for c in group))
        key = _as_int(value)
        latest = bool(current is not None and key is not None and current.get(key, False))
        values.append(
            Version(
                value=value,
                sources=tuple(dict.fromkeys(c.source for c in group)),
                documents=tuple(dict.fromkeys(c.document for c in group)),
                latest=bool(latest and current and not all(current.values())),
            )
        )
    kind: ContradictionKind = "dispute"
    if field == "fatalities" and not (current and not all(current.values())):
        return _rising_in_text(groups, values) or Contradiction(field=field, values=tuple(values), kind=kind)
    if current and not all(current.values()):
        live = [v for v in values if v.latest]
        stale = {k for k, ok in current.items() if not ok}
        rest = [v for v in values if not v.latest]
        if len(live) == 1 and all(_as_int(v.value) in stale for v in rest):
            kind = "update"
    return Contradiction(field=field, values=tuple(values), kind=kind)


def _rising_in_text(groups: list[list[Claim]], values: list[Version]) -> Contradiction | None:
    """A toll the text itself says has risen ("the toll rose to 19", extractor
    ``casualties.update``) above every other figure is the latest of an update, not a dispute."""
    risen = [k for k, group in enumerate(groups) if any(c.is_toll_update for c in group)]
    numbers = [_as_int(v.value) for v in values]
    if len(risen) != 1 or None in numbers:
        return None
    top = risen[0]
    if any(n >= numbers[top] for k, n in enumerate(numbers) if k != top):  # type: ignore[operator]
        return None
    marked = tuple(replace(v, latest=(k == top)) for k, v in enumerate(values))
    return Contradiction(field="fatalities", values=marked, kind="update")


def _as_int(value: object) -> int | None:
    try:
        return int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return None


def _rank(m: Mention) -> tuple:
    """A canonical order for ties, independent of arrival order (reversed so max() is stable)."""
    return tuple(-ord(c) for c in f"{m.document}\x00{m.trigger_span}")
