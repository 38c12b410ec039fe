"""Per-source claims on the points sources dispute within one page.

A page often merges several outlets' accounts of one incident. Each source's version of the
sub-event type, the perpetrator, the victims' status and the day becomes a claim with that
source and its span; the merge stage lists the fields where the versions differ as
contradictions. Only readings that compete with the main event are claimed: a rival tactic of
the same family (an air strike against shelling, a clash against an execution), a blame or an
agent of the violence, a statement of who the dead were, and a day given for the violence itself.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from ..records import Actor, Claim, DateExpr, Toll, Trigger
from .dates import is_report_day
from .decide import ActorIndex, decide
from .events import SentenceScan

MakeClaim = Callable[[str, Any, int, int, str, float], Claim]
SourceAt = Callable[[int], str]
Resolve = Callable[[str, str | None, str | None], Actor | None]

# Readings that compete for one incident: sources that disagree inside a family dispute the type.
RIVAL_FAMILIES = (
    frozenset({"Armed clash", "Attack"}),
    frozenset(
        {"Air/drone strike", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED",
         "Suicide bomb", "Grenade", "Chemical weapon"}
    ),
    frozenset(
        {"Peaceful protest", "Protest with intervention", "Excessive force against protesters",
         "Violent demonstration", "Mob violence"}
    ),
)  # fmt: skip
VIOLENT_TYPES = frozenset().union(RIVAL_FAMILIES[0], RIVAL_FAMILIES[1], {"Abduction/forced disappearance"})
ARMED = (1, 2, 3, 4, 8)
DISPUTED = frozenset({"sub_event_type", "event_date", "perpetrator", "victim_status"})
PRESENT_TAGS = frozenset({"VBP", "VBZ", "VB"})

VICTIM_WORDS = (
    ("child", ("child", "children", "boy", "girl", "teenager", "minor")),
    (
        "militia member",
        ("militiaman", "militiamen", "militia member", "militia fighter", "fighter", "gunman", "terrorist",
         "militant", "member", "rebel", "insurgent", "jihadist", "guerrilla", "dissident"),
    ),
    ("soldier", ("soldier", "troop", "serviceman", "american")),
    (
        "civilian",
        ("civilian", "local", "resident", "villager", "farmer", "shepherd", "citizen", "shopper", "worker",
         "herder", "trader", "fisherm", "student", "driver", "passenger", "worshipper", "teacher"),
    ),
)  # fmt: skip
# "the four men were coca farmers", "those killed were 'terrorists'": a statement of who the dead were.
_WHO_DIED = re.compile(
    r"\b(?:all\s+(?:of\s+)?)?(?:the|those)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:killed|dead|victims|deceased|men|women|people|two|three|four|five|six|seven|eight|nine|ten|\d+)"
    r"\s+(?:were|was|had\s+been|are)\s+(?:all\s+)?(?:(?:unarmed|innocent|only|just|mostly|ordinary|local|coca|"
    r"poor|government|young|armed)\s+)*[\"“']?(?P<what>[\w-]+(?:\s+of\s+[\w-]+)?)",
    re.IGNORECASE,
)
# Who blames comes before these words, who is blamed after them.
# "described the dead as militants", "identified the victims as members of ...".
_DESCRIBED_AS = re.compile(
    r"\b(?:described|identified|labelled|labeled|called|branded)\s+(?:all\s+)?(?:the|those)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:dead|victims|killed|men|deceased)\s+as\s+(?:(?:unarmed|innocent|ordinary|local|armed)\s+)*[\"“']?"
    r"(?P<what>[\w-]+(?:\s+of\s+[\w-]+)?)",
    re.IGNORECASE,
)
_ACCUSE = re.compile(
    r"\b(?:blam\w*|accus\w*|described\s+the\s+(?:attackers|gunmen|assailants|killers)\s+as)\b", re.IGNORECASE
)
# Who did it comes before these words.
_DEED = re.compile(
    r"\b(?:carried\s+out|fired\s+the|shelled|bombed|claimed\s+responsibility|responsible\s+for\s+the\s+"
    r"(?:attack|killings?|bombing|strike|shelling|massacre|deaths|raid))\b",
    re.IGNORECASE,
)
_NOBODY = re.compile(r"\bno\s+(?:group|one|organi[sz]ation)\b", re.IGNORECASE)
# "condemned the attack": the subject reacts to the violence, it does not commit it.
REACTION_LEMMAS = frozenset({"condemn", "denounce", "deplore", "investigate", "report", "describe", "call"})
# "Russian rockets", "Israeli warplanes": a nation's forces named by their weapon.
_NATION_ARMS = re.compile(
    r"\b(?P<adj>[A-Z][a-z]+(?:ian|ese|ish|i|an|ic))\s+(?:[\w-]+\s+){0,2}?(?:rockets?|missiles?|shells?|artillery"
    r"|drones?|jets?|warplanes?|aircraft|forces|troops|soldiers|army|military|air\s+defen[cs]e)\b"
)
_POSSESSIVE = re.compile(r"\b(?:its|their|his|her)\s", re.IGNORECASE)
_UNIT = re.compile(r"(\(\d{4}-(?:\d{4})?\))\s+\S.*$")


def unit_free(name: str) -> str:
    """ "Military Forces of Myanmar (2021-) Air Force" blames the same forces as the army does."""
    return _UNIT.sub(r"\1", name)


_DENIAL = re.compile(r"\b(?:nothing\s+to\s+do\s+with|not\s+involved|no\s+involvement)\b", re.IGNORECASE)


# "in reprisal for an ambush on a convoy the week before": a clause that tells of an earlier act.
_EARLIER_TAIL = re.compile(
    r"\b(?:the\s+(?:day|week|month|year)\s+before|(?:a|one|two|three|four|\d+)\s+(?:days?|weeks?)\s+"
    r"(?:earlier|before)|earlier\s+(?:this|that|in\s+the)\s+(?:week|month|year)|last\s+(?:week|month|year))\b",
    re.IGNORECASE,
)
_REACH = 80


def earlier_spans(kept: Sequence[SentenceScan], text: str) -> list[tuple[int, int]]:
    """Spans from a trigger to a following phrase that puts it before the event."""
    spans = []
    for scan in kept:
        start, end = scan.bounds
        for m in _EARLIER_TAIL.finditer(text, start, end):
            before = [t.start for t in scan.triggers if m.start() - _REACH <= t.start < m.start()]
            if before:
                spans.append((min(before), m.end()))
    return spans


def without_spans(kept: Sequence[SentenceScan], spans: Sequence[tuple[int, int]]) -> list[SentenceScan]:
    """The sentences with the triggers inside ``spans`` left out."""
    if not spans:
        return list(kept)
    return [replace(s, triggers=tuple(t for t in s.triggers if not inside(t.start, spans))) for s in kept]


def inside(offset: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(a <= offset < b for a, b in spans)


def one_version_per_source(claims: Sequence[Claim]) -> list[Claim]:
    """A source's first version of a disputed field stands; its other ones are co-actors, side
    details or parse noise, not a disagreement (a disagreement needs two sources)."""
    first: dict[tuple[str, str], Any] = {}
    out = []
    for c in claims:
        if c.field in DISPUTED and first.setdefault((c.field, c.source), c.value) != c.value:
            continue
        out.append(c)
    return out


# --------------------------------------------------------------------------- sub-event type


def family_of(sub: str) -> frozenset[str]:
    return next((f for f in RIVAL_FAMILIES if sub in f), frozenset({sub}))


def type_claims(
    kept: Sequence[SentenceScan], main: str, source_at: SourceAt, claim: MakeClaim
) -> list[Claim]:
    """Each source's own reading of the type, where it is a rival of the main one."""
    rivals = family_of(main)
    by_source: dict[str, list[tuple[Trigger, frozenset[str]]]] = defaultdict(list)
    for scan in kept:
        for trig in scan.triggers:
            if trig.asserted and not trig.background:
                by_source[source_at(trig.start)].append((trig, scan.cues))
    claims = []
    for items in by_source.values():
        triggers = [t for t, _ in items]
        cues = frozenset().union(*(c for _, c in items))
        decision = decide(triggers, cues, [1.0] * len(triggers))
        if decision is None or decision.sub_event_type == main or decision.sub_event_type not in rivals:
            continue
        trig = decision.trigger
        claims.append(claim("sub_event_type", decision.sub_event_type, trig.start, trig.end, "events", 0.5))
    return claims


# --------------------------------------------------------------------------- perpetrator


def _overlapping(span: tuple[int, int], index: ActorIndex) -> Actor | None:
    return next(iter(index.at(span)), None)


def _no_deed(scan: SentenceScan, trig: Trigger) -> bool:
    """A habitual statement ("where cartels fight for territory") or a reaction ("condemned the
    attack") names no one's act."""
    for token in scan.sentence:
        if scan.base + token.idx == trig.start:
            reaction = token.dep_ == "dobj" and token.head.lemma_.lower() in REACTION_LEMMAS
            return token.tag_ in PRESENT_TAGS or reaction
    return False


def perpetrator_claims(
    kept: Sequence[SentenceScan],
    actors: Sequence[Actor],
    text: str,
    resolve_name: Callable[[str], Actor | None],
    claim: MakeClaim,
) -> list[Claim]:
    """Who fired, attacked or is blamed, as each source tells it."""
    claims = []
    index = ActorIndex(actors)
    for scan in kept:
        for trig in scan.triggers:
            if trig.sub_event_type not in VIOLENT_TYPES or not trig.asserted or _no_deed(scan, trig):
                continue
            start, end = trig.agent_span
            actor = _overlapping(trig.agent_span, index)
            if actor is None and start >= 0:
                claims += _nation_claims(text, start, end, index, resolve_name, claim)
                continue
            # civilians and protesters named as agents are mostly the victims of a passive headline
            if actor is None or actor.inter in (6, 7) or _POSSESSIVE.match(text, start, end):
                continue
            claims.append(claim("perpetrator", unit_free(actor.name), start, end, "events", 0.6))
        claims += _blame_claims(scan, index, text, claims, resolve_name, claim)
    return claims


def _blame_claims(
    scan: SentenceScan,
    index: ActorIndex,
    text: str,
    done: Sequence[Claim],
    resolve_name: Callable[[str], Actor | None],
    claim: MakeClaim,
) -> list[Claim]:
    """Armed actors a sentence blames ("the army blamed the rebels")."""
    start, end = scan.bounds
    sentence = text[start:end]
    if _DENIAL.search(sentence) or _NOBODY.search(sentence):
        return []
    windows = [(m.end(), end) for m in _ACCUSE.finditer(text, start, end)]
    windows += [(max(start, m.start() - _REACH), m.start()) for m in _DEED.finditer(text, start, end)]
    taken = {c.span for c in done}
    out = []
    for lo, hi in windows:
        for actor in index.starting_in(lo, hi):
            owned = _POSSESSIVE.search(text, max(lo, actor.start - 6), actor.start)
            blamed = actor.inter in ARMED and not owned
            if blamed and (actor.start, actor.end) not in taken:
                taken.add((actor.start, actor.end))
                name = unit_free(actor.name)
                out.append(claim("perpetrator", name, actor.start, actor.end, "attribution", 0.5))
        out += _nation_claims(text, lo, hi, index, resolve_name, claim, taken)
    return out


def _nation_claims(
    text: str,
    start: int,
    end: int,
    index: ActorIndex,
    resolve_name: Callable[[str], Actor | None],
    claim: MakeClaim,
    taken: set | frozenset = frozenset(),
) -> list[Claim]:
    """ "Russian rockets": the forces of the nation, where no actor was found there."""
    out = []
    for m in _NATION_ARMS.finditer(text, start, end):
        if _overlapping((m.start(), m.end()), index) is not None or (m.start(), m.end()) in taken:
            continue
        actor = resolve_name(f"{m.group('adj')} military")
        if actor is not None and actor.inter in ARMED:
            out.append(claim("perpetrator", unit_free(actor.name), m.start(), m.end(), "attribution", 0.5))
    return out


# --------------------------------------------------------------------------- victims


def victim_claims(
    kept: Sequence[SentenceScan], tolls: Sequence[Toll], text: str, claim: MakeClaim
) -> list[Claim]:
    """What the dead were (civilian, militia member, soldier, child), or that it is unclear."""
    claims = []
    deaths = sorted(t.start for t in tolls if t.kind == "killed" and not t.negated)
    for scan in kept:
        start, end = scan.bounds
        sentence = text[start:end].lower()
        if "unclear" in scan.cues and any(w in sentence for w in ("civilian", "militia", "fighter")):
            claims.append(claim("victim_status", "unclear", start, end, "casualties", 0.6))
            continue
        stated = list(_statements(text, start, end))
        if stated:
            claims += [claim("victim_status", s, a, b, "casualties", 0.6) for s, a, b in stated]
            continue
        first = bisect_left(deaths, start)
        deadly = first < len(deaths) and deaths[first] < end
        status = _victim_status(scan, tolls, start, end) if deadly else None
        if status:
            claims.append(claim("victim_status", status[0], status[1], status[2], "casualties", 0.5))
    return claims


def _statements(text: str, start: int, end: int):
    for pattern in (_WHO_DIED, _DESCRIBED_AS):
        for m in pattern.finditer(text, start, end):
            status = status_of(m.group("what"))
            if status:
                yield status, m.start(), m.end()


def _victim_status(
    scan: SentenceScan, tolls: Sequence[Toll], start: int, end: int
) -> tuple[str, int, int] | None:
    for toll in tolls:
        if start <= toll.start < end and toll.kind == "killed" and toll.victims:
            status = status_of(toll.victims)
            if status:
                return status, toll.start, toll.end
    for trig in scan.triggers:
        if trig.patient and trig.sub_event_type in RIVAL_FAMILIES[0] and trig.asserted:
            status = status_of(trig.patient)
            if status:
                return status, trig.patient_span[0], trig.patient_span[1]
    return None


def status_of(words: str) -> str | None:
    lowered = words.lower()
    for status, cues in VICTIM_WORDS:
        if any(c in lowered for c in cues):
            return status
    return None


# --------------------------------------------------------------------------- dates


def date_claims(
    kept: Sequence[SentenceScan],
    dates: Sequence[DateExpr],
    main: str,
    day: str | None,
    text: str,
    claim: MakeClaim,
) -> list[Claim]:
    """The day each source gives for the violence itself, within two days of the event's day."""
    if day is None:
        return []
    rivals = family_of(main)
    main_day = dt.date.fromisoformat(day)
    claims = []
    for scan in kept:
        start, end = scan.bounds
        if not any(t.asserted and t.sub_event_type in rivals for t in scan.triggers):
            continue
        for d in dates:
            if not start <= d.start < end or d.kind == "dateline" or d.precision != 1:
                continue
            if is_report_day(text, d):
                continue  # "said in a statement on Monday": the day of the statement
            if abs((dt.date.fromisoformat(d.value) - main_day).days) <= 2:
                claims.append(claim("event_date", d.value, d.start, d.end, "dates", 0.6))
    return claims
