"""Which events to show: one filter record shared by the command line, the web API and the report.

``EventFilter.where()`` turns it into an SQL condition with ``?`` placeholders and its parameters;
every condition reads an indexed column of the ``events`` table (migrations.py).
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import date
from typing import Any

from sitrep.errors import UsageError

BBox = tuple[float, float, float, float]  # west, south, east, north


@dataclass(frozen=True)
class EventFilter:
    since: str | None = None  # YYYY-MM-DD, inclusive
    until: str | None = None  # YYYY-MM-DD, inclusive
    country: str | None = None  # a name or an ISO 3166 alpha-3 code
    admin1: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor: str | None = None  # part of an actor's name, any case
    min_fatalities: int | None = None
    bbox: BBox | None = None
    contradictions: bool | None = None  # True: only events whose sources disagree

    def where(self) -> tuple[str, list[Any]]:
        """An SQL condition (``1=1`` when nothing is set) and its parameters, in order."""
        parts: list[str] = []
        params: list[Any] = []
        if self.since:
            parts.append("event_date >= ?")
            params.append(self.since)
        if self.until:
            parts.append("event_date <> '' AND event_date <= ?")
            params.append(self.until)
        if self.country:
            code = country_code(self.country)
            parts.append("iso3 = ?" if code else "country = ?")
            params.append(code or self.country)
        if self.admin1:
            parts.append("admin1_key = ?")
            params.append(self.admin1.casefold())
        if self.event_type:
            parts.append("event_type = ?")
            params.append(self.event_type)
        if self.sub_event_type:
            parts.append("sub_event_type = ?")
            params.append(self.sub_event_type)
        if self.actor:
            parts.append("actors LIKE ? ESCAPE '!'")
            params.append(f"%{_like_escape(self.actor.casefold())}%")
        if self.min_fatalities is not None:
            parts.append("fatalities >= ?")
            params.append(self.min_fatalities)
        if self.bbox is not None:
            west, south, east, north = self.bbox
            parts.append("latitude BETWEEN ? AND ?")
            params.extend((south, north))
            if west <= east:
                parts.append("longitude BETWEEN ? AND ?")
                params.extend((west, east))
            else:  # the box crosses the antimeridian
                parts.append("(longitude >= ? OR longitude <= ?)")
                params.extend((west, east))
        if self.contradictions is True:
            parts.append("contradictions > 0")
        elif self.contradictions is False:
            parts.append("contradictions = 0")
        return (" AND ".join(parts) or "1=1"), params

    def as_params(self) -> dict[str, str]:
        """The filter as query-string parameters (for links between pages)."""
        out: dict[str, str] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value is None:
                continue
            if f.name == "bbox":
                out[f.name] = ",".join(f"{v:g}" for v in value)
            elif isinstance(value, bool):
                out[f.name] = "true" if value else "false"
            else:
                out[f.name] = str(value)
        return out


def make_filter(**values: Any) -> EventFilter:
    """An ``EventFilter`` from loose values (strings from a form or a command line), checked.

    Raises ``UsageError`` naming the bad value: a date that is not ``YYYY-MM-DD``, a bounding box
    that is not four numbers, a negative toll, an unknown event type.
    """
    clean: dict[str, Any] = {k: (v.strip() if isinstance(v, str) else v) for k, v in values.items()}
    clean = {k: v for k, v in clean.items() if v not in (None, "")}
    unknown = set(clean) - {f.name for f in fields(EventFilter)}
    if unknown:
        raise UsageError(f"unknown filter {', '.join(sorted(unknown))}")
    for name in ("since", "until"):
        if name in clean:
            clean[name] = _day(clean[name], name)
    if "bbox" in clean and isinstance(clean["bbox"], str):
        clean["bbox"] = parse_bbox(clean["bbox"])
    if "min_fatalities" in clean:
        clean["min_fatalities"] = _count(clean["min_fatalities"])
    if "contradictions" in clean and isinstance(clean["contradictions"], str):
        clean["contradictions"] = _flag(clean["contradictions"])
    for name in ("event_type", "sub_event_type"):
        if name in clean:
            clean[name] = _known_type(clean[name], name)
    return replace(EventFilter(), **clean)


def country_code(value: str) -> str | None:
    """ISO 3166 alpha-3 for a country code or a name ISO knows ("Syria" -> SYR); None for other
    names (the filter then matches the country name as the store writes it, "Turkey")."""
    import pycountry

    text = value.strip()
    if len(text) == 3 and text.isalpha():
        return text.upper()
    try:
        return str(pycountry.countries.lookup(text).alpha_3)
    except LookupError:
        return None


def parse_bbox(text: str) -> BBox:
    """``west,south,east,north`` in degrees."""
    try:
        west, south, east, north = (float(x) for x in text.split(","))
    except ValueError:
        raise UsageError(f"bbox must be four numbers west,south,east,north, not {text!r}") from None
    if not (-90 <= south <= north <= 90 and -180 <= west <= 180 and -180 <= east <= 180):
        raise UsageError(f"bbox out of range: {text!r}")
    return west, south, east, north


def _day(value: Any, name: str) -> str:
    try:
        return date.fromisoformat(str(value)[:10]).isoformat()
    except ValueError:
        raise UsageError(f"{name} must be a date YYYY-MM-DD, not {value!r}") from None


def _count(value: Any) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise UsageError(f"min_fatalities must be a whole number, not {value!r}") from None
    if number < 0:
        raise UsageError(f"min_fatalities must not be negative, not {number}")
    return number


def _flag(value: str) -> bool:
    text = value.casefold()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off"):
        return False
    raise UsageError(f"contradictions must be true or false, not {value!r}")


def _known_type(value: str, name: str) -> str:
    from sitrep.taxonomy import PRECEDENCE

    known = {ev for ev, _ in PRECEDENCE} if name == "event_type" else {sub for _, sub in PRECEDENCE}
    for item in known:
        if item.casefold() == value.casefold():
            return item
    raise UsageError(f"unknown {name.replace('_', ' ')} {value!r}; one of: {', '.join(sorted(known))}")


def _like_escape(text: str) -> str:
    return text.replace("!", "!!").replace("%", "!%").replace("_", "!_")
