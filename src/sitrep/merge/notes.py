"""The notes paragraph of a merged event, in ACLED's manner.

One short paragraph: when, who did what to whom, where, the toll, then each disputed value
attributed once to its sources ("According to SANA, the victims were civilians; SyriacPress said
they were NDF members"), and how many reports tell it. It stays under ``MAX_CHARS``: the full
disagreement, with every version and its documents, lives in ``Event.contradictions``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sitrep.records import Contradiction, Event, Version

MAX_CHARS = 800
_MAX_VERSIONS = 3  # versions of one field told in the notes; the rest are in ``contradictions``
_MAX_NAMES = 2  # sources named for one version ("SANA, AP and 3 others")

# What each sub-event type says an actor did; {a} is actor1, {b} actor2 (with a leading space).
_DID = {
    "Armed clash": "{a} clashed with{b}",
    "Government regains territory": "{a} regained territory from{b}",
    "Non-state actor overtakes territory": "{a} took territory from{b}",
    "Air/drone strike": "{a} carried out an air or drone strike",
    "Shelling/artillery/missile attack": "{a} shelled or fired missiles",
    "Remote explosive/landmine/IED": "an explosive device attributed to {a} went off",
    "Suicide bomb": "a suicide bombing attributed to {a} took place",
    "Grenade": "{a} threw a grenade",
    "Chemical weapon": "{a} used a chemical weapon",
    "Attack": "{a} attacked{b}",
    "Abduction/forced disappearance": "{a} abducted{b}",
    "Sexual violence": "{a} committed sexual violence against{b}",
    "Peaceful protest": "{a} demonstrated",
    "Protest with intervention": "{a} demonstrated and were met by{b}",
    "Excessive force against protesters": "{b}used lethal force against {a}",
    "Violent demonstration": "{a} rioted",
    "Mob violence": "{a} attacked{b}",
    "Arrests": "{a} arrested{b}",
}
_TARGETED = ("Air/drone strike", "Shelling/artillery/missile attack", "Grenade", "Chemical weapon")


def notes_for(event: Event, families: dict[str, list[str]] | None = None) -> str:
    """The paragraph for ``event``; ``families`` maps each syndication family to its documents."""
    head = [_what(event), _toll(event)]
    tail = _coverage(event, families or {})
    disputes = [d for d in (_dispute(c) for c in event.contradictions if c.field != "fatalities") if d]
    text = " ".join(p for p in [*head, *disputes, tail] if p)
    while len(text) > MAX_CHARS and disputes:
        disputes.pop()
        text = " ".join(p for p in [*head, *disputes, tail] if p)
    return text


def _what(event: Event) -> str:
    a = event.actor1 or "unidentified actors"
    b = f" {event.actor2}" if event.actor2 else " others"
    if event.sub_event_type == "Excessive force against protesters":
        b = f"{event.actor2} " if event.actor2 else "state forces "
    did = _DID.get(event.sub_event_type)
    if did is None:
        did = f"{event.sub_event_type.lower()} ({event.event_type.lower()}) involving {{a}}"
    sentence = did.format(a=a, b=b).replace("attributed to unidentified actors", "by unidentified actors")
    if event.sub_event_type in _TARGETED and event.actor2:
        sentence += f" on {event.actor2}"
    return f"{_when(event)}, {sentence} {_where(event)}."


def _when(event: Event) -> str:
    if not event.event_date:
        return "On an unreported date"
    day = _day(event.event_date)
    if event.time_precision == 3:
        return f"In {day.split(' ', 1)[1]}" if " " in day else f"In {day}"
    if event.time_precision == 2:
        return f"Around {day} (week of)"
    return f"On {day}"


def _day(text: str) -> str:
    try:
        d = date.fromisoformat(text[:10])
    except ValueError:
        return text
    return f"{d.day} {d:%B %Y}"


def _where(event: Event) -> str:
    parts = [x for x in (event.admin2, event.admin1, event.country) if x]
    divisions = ", ".join(dict.fromkeys(p for p in parts if p != event.location))
    if event.location:
        return f"in {event.location}" + (f" ({divisions})" if divisions else "")
    return f"in {divisions}" if divisions else "at an unreported place"


def _toll(event: Event) -> str:
    n = event.fatalities
    if n is None:
        return ""
    disputed = next((c for c in event.contradictions if c.field == "fatalities"), None)
    if disputed is not None:
        figures = sorted({v for v in (_int(x.value) for x in disputed.values) if v is not None})
        if len(figures) > 1:
            if disputed.kind == "update":
                return f"The reported toll rose from {figures[0]} to {figures[-1]}; fatalities coded as {n}."
            return f"Reported tolls range from {figures[0]} to {figures[-1]}; fatalities coded as {n}."
    if n == 0:
        return "No fatalities were reported."
    return "1 fatality was reported." if n == 1 else f"{n} fatalities were reported."


def _int(value: object) -> int | None:
    try:
        return int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return None


# --------------------------------------------------------------------------- disputes

# How the first source's version is told, and how each further source's.
_SAID = {
    "victim_status": ("the victims were {v}", "{s} said they were {v}"),
    "perpetrator": ("it was carried out by {v}", "{s} blamed {v}"),
    "actor1": ("the first side was {v}", "{s} named {v}"),
    "actor2": ("the other side was {v}", "{s} named {v}"),
    "event_date": ("it took place on {v}", "{s} dated it {v}"),
    "location": ("it took place in {v}", "{s} placed it in {v}"),
    "sub_event_type": ("it was {v}", "{s} described it as {v}"),
}


def _dispute(c: Contradiction) -> str:
    forms = _SAID.get(c.field)
    if forms is None:
        return ""
    versions = sorted(c.values, key=lambda v: (-len(v.sources), str(v.value)))[:_MAX_VERSIONS]
    first, *rest = versions
    clauses = [f"According to {_names(first)}, " + forms[0].format(v=_value(c.field, first.value))]
    clauses += [forms[1].format(s=_names(v), v=_value(c.field, v.value)) for v in rest]
    return "; ".join(clauses) + "."


# Sources named by what they are, not by name, read in lower case mid-sentence.
_COMMON = {
    "unattributed": "an unattributed passage", "witness": "a witness", "spokesperson": "a spokesperson",
}  # fmt: skip
_COMMON_HEADS = ("local", "residents", "officials", "medical", "police", "security", "military", "media",
                 "social", "state", "hospital", "rescue", "monitoring", "witnesses", "sources")  # fmt: skip


def _source(name: str) -> str:
    low = name.lower()
    if low in _COMMON:
        return _COMMON[low]
    return low if low.split()[0] in _COMMON_HEADS else name


def _names(v: Version) -> str:
    names: Sequence[str] = [_source(s) for s in v.sources]
    if len(names) > _MAX_NAMES + 1:
        return f"{', '.join(names[:_MAX_NAMES])} and {len(names) - _MAX_NAMES} others"
    return " and ".join(names) if len(names) < 3 else f"{', '.join(names[:-1])} and {names[-1]}"


def _value(field: str, value: object) -> str:
    text = str(value)
    if field == "event_date":
        return _day(text)
    if field == "victim_status":
        return "of unclear identity" if text == "unclear" else _plural(text)
    if field == "sub_event_type":
        return f"{'an' if text[:1].lower() in 'aeiou' else 'a'} {text.lower()}"
    return text


_IRREGULAR = {"child": "children", "man": "men", "woman": "women", "police": "police", "person": "people"}


def _plural(words: str) -> str:
    """ "NDF member" -> "NDF members", "child" -> "children", "civilian" -> "civilians"."""
    head, _, last = words.rpartition(" ")
    if last in _IRREGULAR:
        plural = _IRREGULAR[last]
    elif last.endswith(("s", "ch", "sh", "x")):
        plural = last if last.endswith("s") else last + "es"
    elif last.endswith("y") and last[-2:-1] not in ("a", "e", "o", "u"):
        plural = last[:-1] + "ies"
    else:
        plural = last + "s"
    return f"{head} {plural}" if head else plural


def _coverage(event: Event, families: dict[str, list[str]]) -> str:
    n = len(event.documents)
    if n < 2:
        return ""
    copies = sum(len(docs) - 1 for docs in families.values())
    if copies == 1:
        return f"Reported in {n} documents, one of them a syndicated copy counted once."
    if copies:
        return f"Reported in {n} documents, {copies} of them syndicated copies counted once."
    return f"Reported in {n} documents."
