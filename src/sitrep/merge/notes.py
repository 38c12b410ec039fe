"""The notes paragraph of a merged event: when, who, what, where, the toll, who reported what."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sitrep.records import Claim, Event


def notes_for(event: Event, families: dict[str, list[str]] | None = None) -> str:
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
    parts.append(_coverage(event, families or {}))
    disputed = {c.field for c in event.contradictions}
    parts.extend(_reported(event.claims, disputed))
    for contradiction in event.contradictions:
        versions = "; ".join(f"{v.value} ({', '.join(v.sources)})" for v in contradiction.values)
        if contradiction.kind == "update":
            latest = next((v.value for v in contradiction.values if v.latest), None)
            parts.append(
                f"The {contradiction.field} figure rose as reports came in: {versions}; latest {latest}."
            )
        else:
            parts.append(f"Sources disagree on {contradiction.field.replace('_', ' ')}: {versions}.")
    return " ".join(p for p in parts if p)


def _coverage(event: Event, families: dict[str, list[str]]) -> str:
    if len(event.documents) < 2:
        return ""
    copies = sum(len(docs) - 1 for docs in families.values())
    text = f"Reported in {len(event.documents)} documents"
    if copies:
        text += f", {copies} of them syndicated copies counted once ({len(families)} independent reports)"
    return text + "."


def _toll_text(event: Event) -> str:
    if event.fatalities is None:
        return ""
    if event.fatalities == 0:
        return "No fatalities reported."
    return f"{event.fatalities} fatalit{'y' if event.fatalities == 1 else 'ies'} (lowest reported figure)."


def _reported(claims: Iterable[Claim], disputed: frozenset[str] | set[str] = frozenset()) -> list[str]:
    said: dict[str, list[str]] = defaultdict(list)
    for claim in claims:
        text = _said(claim, disputed)
        if text:
            said[claim.source].append(text)
    out = []
    for source, items in said.items():
        who = "Unattributed text on the page" if source == "Unattributed" else source
        out.append(f"{who} reported that {', '.join(dict.fromkeys(items))}.")
    return out


def _said(claim: Claim, disputed: frozenset[str] | set[str]) -> str:
    if claim.field == "fatalities":
        return f"{claim.value} dead"
    if claim.field == "perpetrator":
        return f"the attackers were {claim.value}"
    if claim.field == "victim_status":
        return (
            f"the dead were {claim.value}" if claim.value != "unclear" else "it was unclear who the dead were"
        )
    if claim.field == "event_date" and "event_date" in disputed:
        return f"it happened on {claim.value}"
    if claim.field == "location" and "location" in disputed:
        return f"it happened in {claim.value}"
    return ""
