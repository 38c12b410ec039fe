"""The situation report's figures, as numbers and bar geometry for inline SVG (no chart library).

Everything here is plain data; the template escapes every label it prints.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sitrep.records import Event

EVENT_TYPES = (
    "Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
    "Strategic developments",
)  # fmt: skip
COLORS = {
    "Battles": "#c0392b",
    "Explosions/Remote violence": "#8e44ad",
    "Violence against civilians": "#d35400",
    "Protests": "#2471a3",
    "Riots": "#b7950b",
    "Strategic developments": "#566573",
}
WIDTH, HEIGHT, AXIS = 900, 180, 18


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    color: str
    title: str


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    first: str
    last: str
    top: int
    width: int = WIDTH
    height: int = HEIGHT
    axis: int = AXIS


@dataclass(frozen=True)
class ActorLine:
    name: str
    events: int
    fatalities: int


@dataclass(frozen=True)
class Figures:
    events: int
    fatalities: int
    documents: int
    countries: list[str]
    disputed: int
    first: str | None
    last: str | None


def figures(events: Sequence[Event]) -> Figures:
    days = sorted(e.event_date for e in events if e.event_date)
    return Figures(
        events=len(events),
        fatalities=sum(e.fatalities or 0 for e in events),
        documents=len({d for e in events for d in e.documents}),
        countries=sorted({e.country for e in events if e.country}),
        disputed=sum(1 for e in events if open_contradictions(e)),
        first=days[0] if days else None,
        last=days[-1] if days else None,
    )


def open_contradictions(event: Event) -> list:
    """Disputes still open: a toll that rose as reports came in is an update, not a dispute."""
    return [c for c in event.contradictions if c.kind != "update"]


def per_day_by_type(events: Sequence[Event]) -> Chart | None:
    """Stacked bars: events per day, one colour per event type."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for e in events:
        if e.event_date:
            counts[e.event_date][e.event_type] += 1
    return _chart({day: [(t, c[t]) for t in EVENT_TYPES if c[t]] for day, c in counts.items()}, "events")


def fatalities_per_day(events: Sequence[Event]) -> Chart | None:
    deaths: Counter[str] = Counter()
    for e in events:
        if e.event_date and e.fatalities:
            deaths[e.event_date] += e.fatalities
    return _chart({day: [("fatalities", n)] for day, n in deaths.items()}, "fatalities")


def main_actors(events: Sequence[Event], top: int = 12) -> list[ActorLine]:
    count: Counter[str] = Counter()
    deaths: Counter[str] = Counter()
    for e in events:
        for actor in dict.fromkeys(a for a in (e.actor1, e.actor2) if a):
            count[actor] += 1
            deaths[actor] += e.fatalities or 0
    ranked = sorted(count, key=lambda a: (-count[a], -deaths[a], a))[:top]
    return [ActorLine(a, count[a], deaths[a]) for a in ranked]


def _chart(stacks: dict[str, list[tuple[str, int]]], unit: str) -> Chart | None:
    if not stacks:
        return None
    days = sorted(stacks)
    first, last = date.fromisoformat(days[0]), date.fromisoformat(days[-1])
    span = (last - first).days + 1
    top = max(sum(n for _, n in stack) for stack in stacks.values()) or 1
    step = WIDTH / span
    plot = HEIGHT - AXIS - 4
    bars = []
    for day, stack in sorted(stacks.items()):
        x = (date.fromisoformat(day) - first).days * step
        y = float(HEIGHT - AXIS)
        for name, n in stack:
            h = plot * n / top
            y -= h
            title = f"{day}: {n} {unit}" + (f" ({name})" if name != unit else "")
            bars.append(Bar(round(x, 2), round(y, 2), round(max(1.0, step - 1), 2), round(h, 2),
                            COLORS.get(name, "#7a8794"), title))  # fmt: skip
    return Chart(bars, first.isoformat(), (first + timedelta(days=span - 1)).isoformat(), top)
