"""Who is actor1 and who actor2: ACLED's role rules per type, the perpetrator the text names, and
names dated by the event's day.

- Protests and riots: the demonstrators are actor1, the force that met them actor2.
- Violence against civilians: the perpetrator is actor1, civilians actor2 (coding-rules.md §5.5).
- Everything else keeps the report's order: the agent of the event word, else the armed actor
  named before it in its sentence, else an armed actor of the story.
- The perpetrator a text names is actor1 over an unidentified one: "Russian artillery shelled"
  names Russia's forces; a group that claims responsibility for the attack is its author.
- Regime years follow the event's day, else the publication day, never the day of the run; with
  neither, names carry no years.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from ..records import Actor, Trigger

Resolve = Callable[[str, str | None, str | None], Actor | None]

PROTEST_TYPES = frozenset(
    {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"}
)
RIOT_TYPES = frozenset({"Violent demonstration", "Mob violence"})
VAC_TYPES = frozenset({"Attack", "Abduction/forced disappearance", "Sexual violence"})
ERV_TYPES = frozenset(
    {"Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
     "Remote explosive/landmine/IED", "Grenade"}
)  # fmt: skip
ARMED = frozenset({1, 2, 3, 4, 8})
NON_STATE = frozenset({2, 3, 4})


def overlapping(span: tuple[int, int], actors: Sequence[Actor]) -> Actor | None:
    if span[0] < 0:
        return None
    for actor in actors:
        if actor.start < span[1] and span[0] < actor.end:
            return actor
    return None


def unidentified(actor: Actor | None) -> bool:
    return actor is None or actor.inter == 7 or actor.name.startswith("Unidentified")


def assign_actors(
    sub: str,
    anchor: Trigger,
    actors: Sequence[Actor],
    iso3: str | None,
    date: str | None,
    resolve: Resolve,
    claimer: Actor | None = None,
    civilians_hurt: bool = False,
    doers: Sequence[Actor] = (),
) -> tuple[Actor | None, Actor | None]:
    """actor1 and actor2 of an event of type ``sub`` told by ``anchor``; ``claimer`` is a group
    that claimed the attack; ``civilians_hurt``: civilians are among the event's dead or hurt;
    ``doers``: actors the event's other words name as doing it ("Russian rockets slammed into"),
    preferred over armed actors merely named."""
    agent = overlapping(anchor.agent_span, actors)
    patient = overlapping(anchor.patient_span, actors)
    same = [a for a in actors if anchor.sentence_start <= a.start < anchor.sentence_end]
    armed = [a for a in actors if a.inter in ARMED]
    if (
        sub in ERV_TYPES or sub in VAC_TYPES
    ):  # one side acts: its doer first (battles keep the report's order)
        armed = [a for a in doers if a.inter in ARMED] + armed
    if agent is None:
        before = [a for a in same if a.end <= anchor.start and a is not patient]
        agent = before[-1] if before else None
    if patient is None:
        after = [a for a in same if a.start >= anchor.end and a is not agent]
        patient = after[0] if after else None

    def generic(word: str) -> Actor | None:
        return resolve(word, iso3, date)

    if sub in PROTEST_TYPES:
        force = next((a for a in actors if a.inter == 1), None)
        return generic("protesters"), (force if sub != "Peaceful protest" else None)
    if sub in RIOT_TYPES:
        other = next((a for a in actors if a.inter in (1, 7)), None)
        if sub == "Mob violence" and other is None:
            other = generic("civilians")
        return generic("rioters"), other
    if sub in VAC_TYPES:
        perpetrator = agent if agent is not None and agent.inter not in (6, 7) else None
        perpetrator = perpetrator or next((a for a in armed), None)
        if claimer is not None and unidentified(perpetrator):
            perpetrator = claimer
        return perpetrator or generic("unidentified armed group"), generic("civilians")
    if agent is None or agent.inter == 7:
        agent = next((a for a in armed if a is not patient), None)
    if claimer is not None and unidentified(agent) and claimer is not patient:
        agent = claimer
    if agent is None:
        agent = generic("unidentified armed group")
    name = agent.name if agent is not None else ""
    if patient is not None and patient.name == name:
        patient = None
    if patient is None and sub == "Armed clash":
        patient = next((a for a in armed if a.name != name), None) or generic("unidentified armed group")
    if patient is not None and patient.inter == 7 and sub == "Armed clash":
        patient = next((a for a in armed if a.name != name), None)
    if patient is None and sub in ERV_TYPES and civilians_hurt:
        patient = generic("civilians")  # a strike on a place that hits civilians (coding-rules §2.1)
    return agent, patient


# "Islamic State claimed responsibility for the attack", "... has claimed the bombing"
_CLAIMED = re.compile(
    r"\W{0,3}(?:\([^)]{0,40}\)\s*)?(?:,[^,]{0,60},\s*)?(?:has\s+|have\s+|had\s+|later\s+|quickly\s+|swiftly\s+)*"
    r"(?:claimed|claims|claiming)\s+(?:responsibility|credit|the\s+(?:attack|bombing|blast|killings?|assault|"
    r"ambush|strike|raid|operation|abduction|kidnapping))",
    re.IGNORECASE,
)
# "responsibility was claimed by Islamic State", "an attack claimed by al-Shabaab"
_CLAIMED_BY = re.compile(r"\bclaimed\s+by\s+(?:the\s+)?$", re.IGNORECASE)


def claimer_of(text: str, actors: Sequence[Actor]) -> Actor | None:
    """The armed group the text says claimed the attack, if any."""
    for actor in actors:
        if actor.inter not in NON_STATE or actor.start < 0:
            continue
        if _CLAIMED.match(text, actor.end) or _CLAIMED_BY.search(text, max(0, actor.start - 20), actor.start):
            return actor
    return None


_YEARS = re.compile(r"\s*\(\d{4}-(?:\d{4})?\)")


def dated(actor: Actor, day: str | None, iso3: str | None, resolve: Resolve) -> Actor:
    """The actor named for the event's day: its regime years follow the day; with no day known,
    the name carries no years rather than those of today's regime."""
    if day is None:
        return replace(actor, name=_YEARS.sub("", actor.name))
    again = resolve(actor.surface, iso3, day) if actor.surface else None
    if again is None or _YEARS.sub("", again.name) != _YEARS.sub("", actor.name):
        return actor  # the surface alone names another actor: keep what was found
    return replace(actor, name=again.name)
