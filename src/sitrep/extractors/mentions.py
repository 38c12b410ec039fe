"""Turn one document's extracted pieces into event mentions with claims.

Inputs are records other extractors produced (triggers per sentence, dates, tolls, attributions,
actors, the country); the output is the document's account of its main event as a ``Mention``,
then one for each incident it tells on the side ("Separately, ..."), built from that paragraph.
Rules, in order:
1. the main event is the best decision over asserted, non-background triggers;
2. its day comes from the anchor sentence, else the nearest earlier date in the text, else the
   lead, else the publication day (precision 2); sentences about other events (``background``:
   dated earlier, "a day after", "separately", conflict-wide tolls, older years) and clauses put
   before the event ("an ambush the week before") lend it no triggers, tolls or actors;
3. fatalities follow ACLED: each source's figure, then the lowest credible one, but never below a
   toll said to have risen ("the toll had risen to 19" outdates the earlier counts);
4. actors come from the anchor's agent and patient, then ACLED's role rules per type;
5. every value is a claim with its source and exact span; each source's own version of the type,
   perpetrator, victims and day is claimed too (``disputes``, one version per source), so the
   merge stage lists the points sources disagree on as contradictions.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from ..records import (
    TOLL_UPDATE,
    Actor,
    Attribution,
    Claim,
    DateExpr,
    Document,
    Mention,
    Place,
    Toll,
    Trigger,
)
from ..spans import SpanIndex
from ..taxonomy import DEFAULT_CAMEO, disorder_type_of, event_type_of, plover_of
from . import disputes
from .background import foreground, separate_runs
from .casualties import is_toll_update
from .dates import is_report_day
from .decide import Decision, by_actors, decide, is_off_topic, non_state_agent
from .events import SentenceScan
from .refine import AID_CAMEO
from .roles import ERV_TYPES, PROTEST_TYPES, RIOT_TYPES, VAC_TYPES, Resolve, assign_actors, claimer_of, dated

Fatalities = Callable[[list[Toll]], int | None]


@dataclass(frozen=True)
class DocumentFacts:
    """Everything the extractors found in one document: first what the text gives on its own,
    then what depends on the event's country (actors' names, "Police Forces of Kenya", and
    descriptors, "Students (Kenya)"), added once the country is decided."""

    document: Document
    scans: tuple[SentenceScan, ...]
    dates: tuple[DateExpr, ...]
    tolls: tuple[Toll, ...]
    attributions: tuple[Attribution, ...]
    split_events: int | None = None
    country: Place | None = None
    country_span: tuple[int, int] | None = None
    actors: tuple[Actor, ...] = ()
    associated: tuple[Actor, ...] = ()  # descriptors such as Students (Country), with spans


def build_mentions(facts: DocumentFacts, resolve: Resolve, fatalities: Fatalities) -> list[Mention]:
    """The document's main event as a mention, then the other incidents it tells on the side
    ("Separately, artillery shelled Nikopol ..."), each from its own sentences; nothing when it
    reports no event."""
    main = _main_mention(facts, resolve, fatalities)
    if not main:
        return []
    runs = separate_runs(facts.scans, facts.document.text)
    return main + [m for run in runs for m in _main_mention(replace(facts, scans=run), resolve, fatalities)]


def main_anchor(facts: DocumentFacts) -> Trigger | None:
    """The trigger the document's main event is told by, None when it reports no event. It
    depends on the text alone, so the country can be decided from where the text puts it
    before the mentions are built."""
    found = _decision(facts)
    return found.decision.trigger if found else None


@dataclass(frozen=True)
class _Decided:
    """The main event as the text tells it: its decision, its day, the sentences about it and
    their cues."""

    decision: Decision
    date: EventDate
    kept: list[SentenceScan]
    cues: frozenset[str]


def _decision(facts: DocumentFacts) -> _Decided | None:
    scans = facts.scans
    triggers = [t for s in scans for t in s.triggers if not t.background]
    all_cues = frozenset().union(*(s.cues for s in scans)) if scans else frozenset()
    if not triggers or is_off_topic(all_cues, triggers):
        return None
    lead_end = _lead_end(scans)
    first = decide(triggers, all_cues, _weights(triggers, lead_end))
    if first is None:
        return None
    date = _event_date(first.trigger, facts, lead_end)
    kept = foreground(scans, facts.dates, date.value, first.trigger, facts.document.text)
    triggers = [t for s in kept for t in s.triggers if not t.background]
    cues = frozenset().union(*(s.cues for s in kept)) if kept else frozenset()
    return _Decided(decide(triggers, cues, _weights(triggers, lead_end)) or first, date, list(kept), cues)


def _main_mention(facts: DocumentFacts, resolve: Resolve, fatalities: Fatalities) -> list[Mention]:
    found = _decision(facts)
    if found is None:
        return []
    decision, date, kept, cues = found.decision, found.date, found.kept, found.cues
    if decision.trigger.cameo == AID_CAMEO and not non_state_agent(decision.trigger, facts.actors):
        return []  # aid handed out by anyone but an armed non-state group is not a strategic development
    live = [t for s in kept for t in s.triggers if t.asserted and not t.background]
    sub = by_actors(decision.sub_event_type, live, facts.actors, cues)
    cameo = decision.cameo if sub == decision.sub_event_type else DEFAULT_CAMEO.get(sub)
    return [_mention(facts, kept, sub, cameo, decision, date, resolve, fatalities)]


def _lead_end(scans: Sequence[SentenceScan]) -> int:
    """End offset of the first two story sentences (headline lines excluded)."""
    body = [s for s in scans if len(s.sentence) > 6]
    if not body:
        return 0
    lead = body[:2]
    return lead[-1].base + lead[-1].sentence.end_char


def _weights(triggers: Sequence[Trigger], lead_end: int) -> list[float]:
    return [1.5 if t.sentence_start < lead_end else 1.0 for t in triggers]


# --------------------------------------------------------------------------- date


@dataclass(frozen=True)
class EventDate:
    value: str | None
    precision: int
    expr: DateExpr | None


def _event_date(anchor: Trigger, facts: DocumentFacts, lead_end: int) -> EventDate:
    dates = [d for d in facts.dates if d.kind != "dateline"]
    told = [d for d in dates if is_report_day(facts.document.text, d)]
    inside = _happened([d for d in dates if anchor.sentence_start <= d.start < anchor.sentence_end], told)
    before = _happened([d for d in dates if d.start < anchor.sentence_start], told)
    lead = _happened([d for d in dates if d.start < lead_end], told)
    for pool in (lead[:1], inside, before[-1:], [d for d in facts.dates if d.kind == "dateline"], dates[:1]):
        if pool:
            return EventDate(pool[0].value, pool[0].precision, pool[0])
    published = facts.document.published
    return EventDate(published, 2, None) if published else EventDate(None, 3, None)


def _happened(pool: list[DateExpr], told: list[DateExpr]) -> list[DateExpr]:
    """ "Residents said on Sunday that 31 people were killed ... on Saturday night": the day of a
    reporting verb is not the event's day when the text names another."""
    if not any(d in told for d in pool):
        return pool
    rest = [d for d in pool if d not in told and d.precision == 1]  # another day, not a month
    return rest or pool


# --------------------------------------------------------------------------- the mention


def _source_at(offset: int, facts: DocumentFacts) -> str:
    best: Attribution | None = None
    for attribution in facts.attributions:
        inside = attribution.scope_start <= offset < attribution.scope_end
        if inside and (best is None or attribution.scope_start >= best.scope_start):
            best = attribution
    if best is not None:
        return best.source
    return facts.document.outlet or _host(facts.document.url) or UNATTRIBUTED


UNATTRIBUTED = "Unattributed"


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = url.split("//", 1)[-1].split("/", 1)[0]
    return host.removeprefix("www.") or None


def _claim(
    facts: DocumentFacts, field: str, value, start: int, end: int, extractor: str, conf: float
) -> Claim:
    text = facts.document.text
    return Claim(
        field=field,
        value=value,
        document=facts.document.id,
        source=_source_at(start, facts),
        span=(start, end),
        quote=text[start:end],
        extractor=extractor,
        confidence=round(conf, 3),
    )


def _mention(
    facts: DocumentFacts,
    kept: Sequence[SentenceScan],
    sub: str,
    cameo: str | None,
    decision,
    date: EventDate,
    resolve: Resolve,
    fatalities: Fatalities,
) -> Mention:
    country = facts.country
    iso3 = country.iso3 if country else None
    anchor: Trigger = decision.trigger
    in_event = _sentence_filter(kept)
    sources = [(a.start, a.end) for a in facts.attributions if a.start >= 0]
    # "police said": whoever reports the event is not, for that, one of its actors
    earlier = disputes.earlier_spans(kept, facts.document.text)
    actors = [
        a
        for a in facts.actors
        if in_event(a.start)
        and not any(s < a.end and a.start < e for s, e in sources)
        and not disputes.inside(a.start, earlier)
    ]
    # names follow the event's day, else the publication day (roles.dated)
    day = date.value or facts.document.published
    actors = [dated(a, day, iso3, resolve) for a in actors]
    claimer = claimer_of(facts.document.text, [a for a in facts.actors if in_event(a.start)])
    claimer = dated(claimer, day, iso3, resolve) if claimer else None
    actor1, actor2 = (
        dated(a, day, iso3, resolve) if a else None
        for a in assign_actors(
            sub,
            anchor,
            actors,
            iso3,
            day,
            resolve,
            claimer,
            tolls_victims(facts, in_event),
            _doers(kept, actors),
        )
    )
    if claimer is not None and claimer not in actors:
        actors.append(claimer)
    assoc1, assoc2 = _associated(sub, facts, in_event, actor2, tolls_victims(facts, in_event))
    tolls = [t for t in facts.tolls if in_event(t.start) and not disputes.inside(t.start, earlier)]
    deaths, death_claims = _fatalities(facts, tolls, fatalities)
    claims: list[Claim] = [
        _claim(facts, "sub_event_type", sub, anchor.start, anchor.end, "events", min(1.0, decision.score / 6))
    ]
    if date.expr is not None:
        claims.append(_claim(facts, "event_date", date.value, date.expr.start, date.expr.end, "dates", 0.9))
    elif date.value is not None:
        # "as reported": the publication day, resting on the report of the event that gives no day
        claims.append(
            _claim(facts, "event_date", date.value, anchor.start, anchor.end, "dates.published", 0.3)
        )
    if country is not None and facts.country_span is not None:
        start, end = facts.country_span
        claims.append(_claim(facts, "country", country.name, start, end, "gazetteer", 0.9))
    claims += _actor_claims(facts, actor1, actor2, actors, anchor)
    if deaths == 0 and not any(c.value == 0 for c in death_claims):
        death_claims += _no_death_claims(facts, in_event, anchor)
    claims += death_claims
    claims += _dispute_claims(
        facts, disputes.without_spans(kept, earlier), sub, date.value, actors, tolls, resolve, day
    )
    claims = disputes.one_version_per_source(claims)
    confidence = min(0.95, 0.35 + 0.1 * decision.score + (0.1 if date.expr else 0.0))
    return Mention(
        document=facts.document.id,
        trigger=anchor.text,
        trigger_span=(anchor.start, anchor.end),
        event_type=event_type_of(sub),
        sub_event_type=sub,
        disorder_type=disorder_type_of(sub),
        cameo=cameo,
        plover=plover_of(cameo),
        event_date=date.value,
        time_precision=date.precision,
        actor1=actor1,
        actor2=actor2,
        assoc_actor_1=assoc1,
        assoc_actor_2=assoc2,
        country=country.name if country else None,
        iso3=iso3,
        admin1=country.admin1 if country and country.feature != "country" else None,
        location=None,
        geo_precision=3,
        fatalities=_split(deaths, facts.split_events),
        sources=tuple(dict.fromkeys(c.source for c in claims if c.source != UNATTRIBUTED)),
        claims=tuple(claims),
        confidence=round(confidence, 3),
    )


def _split(deaths: int | None, events: int | None) -> int | None:
    # ACLED divides a toll spread over several events; the first event takes the remainder.
    if deaths is None or not events or events < 2:
        return deaths
    return deaths // events + (1 if deaths % events else 0)


def _sentence_filter(kept: Sequence[SentenceScan]) -> Callable[[int], bool]:
    bounds = SpanIndex(s.bounds for s in kept)
    return lambda offset: bounds.holding(offset) is not None


# --------------------------------------------------------------------------- actors


def _doers(kept: Sequence[SentenceScan], actors: Sequence[Actor]) -> list[Actor]:
    """Actors that the event's asserted words name as their doers, in text order."""
    asserted = [t for s in kept for t in s.triggers if t.asserted and not t.background]
    spans = SpanIndex(t.agent_span for t in asserted if t.agent_span[0] >= 0)
    return [a for a in actors if spans.overlaps(a.start, a.end)]


def _actor_claims(
    facts: DocumentFacts, actor1: Actor | None, actor2: Actor | None, actors: Sequence[Actor], anchor: Trigger
) -> list[Claim]:
    """Each actor's mentions; an actor the type implies ("Protesters (Kenya)" for "marched") rests
    on the trigger that implies it, with a lower confidence."""
    claims = []
    for field, chosen in (("actor1", actor1), ("actor2", actor2)):
        if chosen is None:
            continue
        found = [a for a in actors if a.name == chosen.name and a.start >= 0]
        for actor in found:
            claims.append(_claim(facts, field, chosen.name, actor.start, actor.end, "actors", 0.7))
        if not found:
            claims.append(_claim(facts, field, chosen.name, anchor.start, anchor.end, "actors", 0.4))
    return claims


def tolls_victims(facts: DocumentFacts, in_event: Callable[[int], bool]) -> bool:
    """Whether civilians are among the dead or hurt in the event's sentences."""
    return any(in_event(t.start) and "civilian" in t.victims for t in facts.tolls)


def _associated(
    sub: str,
    facts: DocumentFacts,
    in_event: Callable[[int], bool],
    actor2: Actor | None,
    civilians_hurt: bool,
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """ACLED's associated actors: who the demonstrators are; who the victims are; civilians
    hurt by a remote attack on an armed target."""
    names = tuple(dict.fromkeys(a.name for a in facts.associated if in_event(a.start)))
    if sub in PROTEST_TYPES or sub in RIOT_TYPES:
        return names, ()
    if sub in VAC_TYPES:
        return (), names
    if sub in ERV_TYPES and civilians_hurt and actor2 is not None and actor2.inter != 7 and facts.country:
        return (), (f"Civilians ({facts.country.name})",)
    return (), ()


# --------------------------------------------------------------------------- fatalities


def _fatalities(
    facts: DocumentFacts, tolls: Sequence[Toll], fatalities: Fatalities
) -> tuple[int | None, list[Claim]]:
    """ACLED's rule over sources: each source's fullest figure, then the lowest credible one.

    A source's figure is the largest it gives in one sentence (repeating a toll adds no deaths);
    negated tolls ("no Americans were killed") add nothing. A coder's own statement ("Fatalities
    coded as 4") decides. A figure whose only source is a party's own media is claimed and
    flagged (``PARTISAN_EXTRACTOR``) but not counted: with no other source the toll is 0.
    """
    coded = [t for t in tolls if t.kind == "killed" and not t.negated and "coded as" in t.text.lower()]
    if coded:
        return coded[-1].count, [_claim(facts, "fatalities", coded[-1].count, coded[-1].start,
                                        coded[-1].end, "casualties", 0.9)]  # fmt: skip
    parties = {a.source: a.kind for a in facts.attributions if a.kind == "party_media"}
    by_sentence: dict[tuple[str, int | None], list[Toll]] = defaultdict(list)
    sentences = SpanIndex(s.bounds for s in facts.scans)
    for toll in tolls:
        if not toll.negated:
            by_sentence[(_source_at(toll.start, facts), sentences.holding(toll.start))].append(toll)
    per_source: dict[str, dict[frozenset[str], int]] = defaultdict(dict)
    claims = []
    for (source, _), group in by_sentence.items():
        figure = fatalities(group)
        if figure is None:
            continue
        key = frozenset(v for t in group if t.kind == "killed" for v in t.victims.split(";") if v)
        if figure and _partisan(parties.get(source)):
            lead = next((t for t in group if t.kind == "killed"), group[0])
            claims.append(_claim(facts, "fatalities", figure, lead.start, lead.end, PARTISAN_EXTRACTOR, 0.3))
            continue
        per_source[source][key] = max(per_source[source].get(key, 0), figure)
        if figure == 0:
            continue  # injuries only: not a competing death toll
        lead = next((t for t in group if t.kind == "killed"), group[0])
        # "the toll rose to 19" is marked, so the event can list it as an update, not a dispute
        how = TOLL_UPDATE if any(is_toll_update(t) for t in group) else "casualties"
        claims.append(_claim(facts, "fatalities", figure, lead.start, lead.end, how, 0.8))
    figures = {source: _source_total(keyed) for source, keyed in per_source.items()}
    positive = [v for v in figures.values() if v > 0]
    # "the toll had risen to 19": the earlier, lower counts are outdated, whoever gave them
    risen = [fatalities([t]) or 0 for t in tolls if is_toll_update(t)]
    lowest = max(min(positive), risen[-1]) if positive and risen else min(positive) if positive else 0
    return lowest, claims


PARTISAN_EXTRACTOR = "casualties.partisan"  # a party's own media's toll: claimed, not counted


def _partisan(kind: str | None) -> bool:
    """A party's own media ("Voice of Jihad", "Amaq") tells the losses it inflicts and the harm
    its enemies cause; ACLED counts such a toll only when another source gives it too. A party's
    claim quoted by an independent outlet is that outlet's report, and counts."""
    return kind == "party_media"


def _source_total(keyed: dict[frozenset[str], int]) -> int:
    """One source's toll: separate groups of dead add up ("two soldiers", later "six attackers");
    a figure that names no group may repeat any of them, so it only sets a floor."""
    named = {k: v for k, v in keyed.items() if k}
    groups = list(named)
    disjoint = all(not (a & b) for i, a in enumerate(groups) for b in groups[i + 1 :])
    total = sum(named.values()) if disjoint else max(named.values(), default=0)
    return max(total, keyed.get(frozenset(), 0))


def _no_death_claims(facts: DocumentFacts, in_event: Callable[[int], bool], anchor: Trigger) -> list[Claim]:
    """What backs a toll of 0: "no fatalities were reported"; else the injuries the event's report
    counts instead ("wounding five"); else the report of the event itself, which names no deaths
    (ACLED codes 0 where no deaths are reported)."""
    for toll in facts.tolls:
        if toll.negated and toll.kind in ("killed", "casualties") and in_event(toll.start):
            return [_claim(facts, "fatalities", 0, toll.start, toll.end, "casualties", 0.7)]
    for toll in facts.tolls:
        if toll.kind in ("wounded", "casualties") and not toll.negated and in_event(toll.start):
            return [_claim(facts, "fatalities", 0, toll.start, toll.end, NO_DEATHS_EXTRACTOR, 0.5)]
    return [_claim(facts, "fatalities", 0, anchor.start, anchor.end, NO_DEATHS_EXTRACTOR, 0.3)]


NO_DEATHS_EXTRACTOR = "casualties.none"  # no deaths named: 0 rests on what the report does say


# --------------------------------------------------------------------------- disputes


def _dispute_claims(
    facts: DocumentFacts,
    kept: Sequence[SentenceScan],
    sub: str,
    day: str | None,
    actors: Sequence[Actor],
    tolls: Sequence[Toll],
    resolve: Resolve,
    named_on: str | None,
) -> list[Claim]:
    """Each source's version of the type, the perpetrator, the victims and the day."""
    text = facts.document.text
    iso3 = facts.country.iso3 if facts.country else None

    def claim(field: str, value, start: int, end: int, extractor: str, conf: float) -> Claim:
        return _claim(facts, field, value, start, end, extractor, conf)

    def source_at(offset: int) -> str:
        return _source_at(offset, facts)

    def named(word: str) -> Actor | None:
        actor = resolve(word, iso3, named_on)
        return dated(actor, named_on, iso3, resolve) if actor else None

    return [
        *disputes.type_claims(kept, sub, source_at, claim),
        *disputes.perpetrator_claims(kept, actors, text, named, claim),
        *disputes.victim_claims(kept, tolls, text, claim),
        *disputes.date_claims(kept, facts.dates, sub, day, text, claim),
    ]
