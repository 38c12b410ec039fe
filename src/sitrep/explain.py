"""Why an event's date, place and actors are what they are, in one line, from its own claims."""

from __future__ import annotations

from sitrep.records import Claim, Event

# The fields explained, with how a missing claim reads.
_FIELDS = (
    ("event_date", "date", "the publication day (the text names none)"),
    ("location", "place", "no place named"),
    ("actor1", "actor1", "no actor named"),
)
_QUOTE_CHARS = 60


def why(event: Event) -> str:
    """``event <id> (<date>, <type>): date from "..." (source, document); place from "..."; ...``"""
    parts = [f"{label} {_reason(event, field, missing)}" for field, label, missing in _FIELDS]
    head = f"event {event.event_id} ({event.event_date or 'undated'}, {event.sub_event_type})"
    return f"{head}: " + "; ".join(parts)


def _reason(event: Event, field: str, missing: str) -> str:
    value = getattr(event, field)
    if value is None:
        return "unknown" if field != "event_date" else "unknown: no publication day and no date in the text"
    claim = _supporting(event.claims, field, value)
    if claim is None:
        return f"{value}: {missing}"
    quote = claim.quote if len(claim.quote) <= _QUOTE_CHARS else claim.quote[: _QUOTE_CHARS - 1] + "…"
    others = len({c.source for c in event.claims if c.field == field and c.value != value})
    dispute = f", {others} other source(s) disagree" if others else ""
    return f"{value} from {quote!r} ({claim.source}, {claim.document}{dispute})"


def _supporting(claims: tuple[Claim, ...], field: str, value: object) -> Claim | None:
    backing = [c for c in claims if c.field == field and c.value == value]
    return max(backing, key=lambda c: c.confidence, default=None)
