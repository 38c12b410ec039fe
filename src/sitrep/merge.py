"""The merge stage: mentions become events, claims are kept, disagreements are listed.

For now every mention is its own event (cross-document clustering is the next capability, and
it plugs in here through ``cluster``). Field values come from the mention; contradictions come
from the claims: a field whose claims carry two or more distinct values from different sources or
statements is a contradiction, each version with the sources and documents behind it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace

from .records import Claim, Contradiction, Event, Mention, Version, content_hash

CONTRADICTION_FIELDS = (
    "event_date", "fatalities", "location", "actor1", "actor2", "sub_event_type", "victim_status",
    "perpetrator",
)  # fmt: skip


def cluster(mentions: Sequence[Mention]) -> list[list[Mention]]:
    """Group mentions that describe one incident (today: one mention, one event)."""
    return [[m] for m in mentions]


def merge(mentions: Iterable[Mention]) -> list[Event]:
    return [event_from(group) for group in cluster(list(mentions))]


def event_from(group: Sequence[Mention]) -> Event:
    main = max(group, key=lambda m: m.confidence)
    claims = tuple(c for m in group for c in m.claims)
    documents = tuple(dict.fromkeys(m.document for m in group))
    event_id = content_hash(*documents, main.sub_event_type, str(main.trigger_span), main.event_date or "")
    sources = tuple(dict.fromkeys(s for m in group for s in m.sources))
    a1, a2 = main.actor1, main.actor2
    event = Event(
        event_id=event_id,
        documents=documents,
        event_date=main.event_date,
        time_precision=main.time_precision,
        disorder_type=main.disorder_type,
        event_type=main.event_type,
        sub_event_type=main.sub_event_type,
        actor1=a1.name if a1 else None,
        actor2=a2.name if a2 else None,
        assoc_actor_1=main.assoc_actor_1,
        assoc_actor_2=main.assoc_actor_2,
        inter1=a1.inter if a1 else 0,
        inter2=a2.inter if a2 else 0,
        country=main.country,
        iso3=main.iso3,
        admin1=main.admin1,
        admin2=main.admin2,
        location=main.location,
        latitude=main.latitude,
        longitude=main.longitude,
        geo_precision=main.geo_precision,
        fatalities=main.fatalities,
        source=sources,
        claims=claims,
        contradictions=contradictions(claims),
        cameo=main.cameo,
        plover=main.plover,
        confidence=main.confidence,
    )
    return _with_notes(event)


def contradictions(claims: Iterable[Claim]) -> tuple[Contradiction, ...]:
    by_field: dict[str, dict[object, list[Claim]]] = defaultdict(lambda: defaultdict(list))
    for claim in claims:
        if claim.field in CONTRADICTION_FIELDS:
            by_field[claim.field][claim.value].append(claim)
    out = []
    for field in CONTRADICTION_FIELDS:
        versions = by_field.get(field)
        if not versions or len(versions) < 2:
            continue
        out.append(
            Contradiction(
                field=field,
                values=tuple(
                    Version(
                        value=value,  # type: ignore[arg-type]
                        sources=tuple(dict.fromkeys(c.source for c in group)),
                        documents=tuple(dict.fromkeys(c.document for c in group)),
                    )
                    for value, group in versions.items()
                ),
            )
        )
    return tuple(out)


# --------------------------------------------------------------------------- notes

_VERB = {
    "Battles": "fought",
    "Protests": "protested",
    "Riots": "rioted",
    "Explosions/Remote violence": "attacked",
    "Violence against civilians": "attacked",
    "Strategic developments": "was involved in",
}


def _with_notes(event: Event) -> Event:
    return replace(event, notes=notes_for(event))


def notes_for(event: Event) -> str:
    """A neutral paragraph: when, who, what, where, the toll, and who reported what."""
    when = f"On {event.event_date}" if event.event_date else "On an unreported date"
    if event.time_precision == 2 and event.event_date:
        when = f"Around {event.event_date}"
    elif event.time_precision == 3 and event.event_date:
        when = f"In {event.event_date[:7]}"
    where = ", ".join(x for x in (event.location, event.admin1, event.country) if x) or "an unknown place"
    who = event.actor1 or "an unidentified actor"
    against = f" and {event.actor2}" if event.actor2 else ""
    with_whom = f" ({'; '.join(event.assoc_actor_1)})" if event.assoc_actor_1 else ""
    what = f"{event.sub_event_type.lower()} ({event.event_type})"
    parts = [f"{when}, {who}{with_whom}{against}: {what} in {where}."]
    parts.append(_toll_text(event))
    parts.extend(_reported(event.claims))
    for contradiction in event.contradictions:
        versions = "; ".join(f"{v.value} ({', '.join(v.sources)})" for v in contradiction.values)
        parts.append(f"Sources disagree on {contradiction.field.replace('_', ' ')}: {versions}.")
    return " ".join(p for p in parts if p)


def _toll_text(event: Event) -> str:
    if event.fatalities is None:
        return ""
    if event.fatalities == 0:
        return "No fatalities reported."
    return f"{event.fatalities} fatalit{'y' if event.fatalities == 1 else 'ies'} (lowest reported figure)."


def _reported(claims: Iterable[Claim]) -> list[str]:
    said: dict[str, list[str]] = defaultdict(list)
    for claim in claims:
        if claim.field == "fatalities":
            said[claim.source].append(f"{claim.value} dead")
        elif claim.field == "perpetrator":
            said[claim.source].append(f"the attackers were {claim.value}")
        elif claim.field == "victim_status":
            said[claim.source].append(
                f"the dead were {claim.value}"
                if claim.value != "unclear"
                else "it was unclear who the dead were"
            )
    out = []
    for source, items in said.items():
        who = "Unattributed text on the page" if source == "Unattributed" else source
        out.append(f"{who} reported that {', '.join(dict.fromkeys(items))}.")
    return out
