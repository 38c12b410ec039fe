"""The sub-event type decision: from one event's triggers and cues to an ACLED type.

Order of reasoning (coding-rules.md §2–§3): types defined by a combination first (a protest
met with force, stones thrown by a crowd); then each trigger refined by its context (who was
hit, whether fire was returned, whether a place or people were taken) and scored, the best cue
deciding and repeats adding a little; then ACLED's precedence among the close contenders; then
the definitions that override a tactic (a chemical payload, a prevented weapon, returned fire,
a clash of unarmed crowds).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from ..records import Actor, Trigger
from ..spans import SpanIndex
from ..taxonomy import DEFAULT_CAMEO, RANK
from .refine import (
    TERRITORY_TYPES,
    armed_doer,
    crowd_agent,
    mentions,
    refine,
)


@dataclass(frozen=True)
class Decision:
    sub_event_type: str
    cameo: str | None
    trigger: Trigger
    score: float


NON_EVENT_KINDS = ("sport", "market", "celebrity")


def is_off_topic(cues: frozenset[str], triggers: Sequence[Trigger]) -> bool:
    """Sport, markets, celebrities, accidents, courts, plain crime: no political violence here.

    A real protest is never off topic (people march over prices and floods); the other vetoes
    apply only when nothing defines an attack (a strength-3 tactic or an armed perpetrator).
    """
    asserted = [t for t in triggers if t.asserted]
    # "flood victims blocked the road to demand aid": a gathering with a demand is a protest
    floor = 1 if "demand" in cues else 2
    if any(t.sub_event_type == "Peaceful protest" and t.strength >= floor for t in asserted):
        return bool({"sport", "celebrity"} & cues) and "participants" not in cues
    strong = [t for t in asserted if t.strength >= 3 and t.sub_event_type not in _WEAK_IN_ACCIDENTS]
    strong += [t for t in asserted if t.sub_event_type == "Arrests" and mentions(t.patient, _NOTABLES)]
    # "security forces arrested dozens ... before the anniversary": armed men acting is news
    acting = [t for t in asserted if t.strength >= 2 and not _is_outcome(t) and armed_doer(t)]
    if any(k in cues for k in NON_EVENT_KINDS) and "perpetrator_armed" not in cues:
        return True
    if ("cyber" in cues and "perpetrator_armed" not in cues) or "ruled_out" in cues:
        return not strong  # "hackers attacked the hospital's computers", "police ruled out an attack"
    if _accident(cues, asserted) and "attack_context" not in cues and not strong:
        return True
    if "non_event" in cues and not (strong or acting) and "attack_context" not in cues:
        return True
    # A crowd punishing a suspected thief is mob justice, not ordinary crime.
    crowd = any(t.sub_event_type == "Attack" and crowd_agent(t) for t in asserted)
    return "crime" in cues and not ({"political_crime", "mob"} & cues) and not strong and not crowd


def _accident(cues: frozenset[str], asserted: Sequence[Trigger]) -> bool:
    """An accident, unless people fought: sides that clash, or armed men acting on a factory or a
    pipeline, make the site a target rather than the scene of an accident."""
    if not ({"accident", "accident_site"} & cues):
        return False
    if any(
        t.sub_event_type == "Armed clash" and t.strength >= 2 and t.text.lower().split()[0] in _CLASH_WORDS
        for t in asserted
    ):
        return False
    return "accident" in cues or not any(armed_doer(t) for t in asserted)


_CLASH_WORDS = frozenset({"clash", "clashes", "clashed", "fought", "groups", "responded"})
# An arrest of a leader is news even when a court is named nearby (coding-rules.md §3, Arrests).
_NOTABLES = (
    "leader", "minister", "president", "governor", "mayor", "commander", "opposition", "separatist",
    "lawmaker", "senator", "general", "chief", "spokesman", "journalist", "activist",
)  # fmt: skip
# An explosion or a gas cloud at a plant or from a tank is an accident unless someone attacked.
_WEAK_IN_ACCIDENTS = frozenset(
    {"Remote explosive/landmine/IED", "Shelling/artillery/missile attack", "Chemical weapon"}
)


def decide(triggers: Sequence[Trigger], cues: frozenset[str], weights: Sequence[float]) -> Decision | None:
    """Choose the sub-event type of one event from its asserted triggers and cues."""
    live = [(t, w) for t, w in zip(triggers, weights, strict=True) if t.asserted]
    harmed = any(
        t.sub_event_type == "Attack" and (t.strength >= 2 or _is_outcome(t)) and not t.prior for t, _ in live
    )
    if any(RANK[t.sub_event_type] < RANK["Agreement"] for t, _ in live):
        # "The attacker was arrested shortly after": an arrest told after violence is its sequel
        live = [(t, w) for t, w in live if not (t.sub_event_type == "Arrests" and w <= 1.0)]
    if any(t.strength >= 2 and not _is_outcome(t) for t, _ in live):
        live = [(t, w) for t, w in live if not (_is_outcome(t) and t.strength <= 2)]
    if any(t.strength >= 2 and not _is_outcome(t) and not t.prior for t, _ in live):
        # "shops were destroyed following a clash": what the clause reports, not what came first;
        # a crowd's acts stay, since protests and riots are defined by what follows them
        live = [(t, w) for t, w in live if not t.prior or t.sub_event_type in _PROTEST_TYPES]
    if not live:
        return None
    protest = _protest_decision(live, cues)
    if protest is not None:
        return protest
    scores: dict[str, float] = defaultdict(float)
    best: dict[str, Trigger] = {}
    strengths: dict[str, int] = {}
    for trig, weight in live:
        refined = refine(trig, cues)
        if refined is None:
            continue
        sub, strength = refined
        # The best cue decides, repeats add a little: a list of weapons is one tactic, not five.
        value = strength * weight
        scores[sub] = max(scores[sub], value) + (0.2 if sub in scores and scores[sub] else 0.0)
        if sub not in best or strength > strengths[sub]:
            best[sub], strengths[sub] = trig, strength
    if not scores:
        return None
    top = max(scores.values())
    if top < 1.5:
        return None
    contenders = [s for s, v in scores.items() if v >= 0.7 * top and strengths[s] >= 2]
    contenders = contenders or [max(scores, key=lambda s: scores[s])]
    chosen = min(contenders, key=lambda s: RANK[s])
    trig = best[chosen]
    chosen = _by_definition(chosen, cues, trig)
    if chosen in _ERV and _in_battle(live, cues, trig):
        chosen = "Armed clash"
    if chosen in _ERV and any(t.sub_event_type == "Chemical weapon" for t, _ in live):
        chosen = "Chemical weapon"  # a chemical payload outranks how it was delivered
    if chosen in _ERV and _prevented(live, harmed, cues):
        chosen = "Disrupted weapons use"
    if chosen in TERRITORY_TYPES and _handed_over(live):
        chosen = "Non-violent transfer of territory"  # control that changes hands without a fight
    if chosen == "Looting/property destruction" and harmed:
        chosen = "Attack"  # property taken or burned while people were killed or hurt
    cameo = trig.cameo if trig.sub_event_type == chosen else DEFAULT_CAMEO.get(chosen)
    return Decision(chosen, cameo, trig, scores.get(chosen, top))


_ERV = frozenset(
    {"Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
     "Remote explosive/landmine/IED", "Grenade"}
)  # fmt: skip
_ONE_SIDED = frozenset(
    {"Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
     "Remote explosive/landmine/IED", "Grenade", "Attack"}
)  # fmt: skip


def _prevented(live: list[tuple[Trigger, float]], harmed: bool, cues: frozenset[str]) -> bool:
    """The weapon was defused, intercepted or seized, and nothing else happened: rockets that kill
    people while air defence is active are the attack itself. A blast that kills only its planters
    ("exploded prematurely") is prevention by definition, deaths and all."""
    stopped = [
        t
        for t, _ in live
        if t.sub_event_type == "Disrupted weapons use" and t.strength >= 2
        and (refine(t, cues) or ("",))[0] == "Disrupted weapons use"
    ]  # fmt: skip
    return any(not harmed or mentions(t.text, _OWN_GOAL) for t in stopped)


_OWN_GOAL = ("prematur", "while planting", "while assembling")


def _handed_over(live: list[tuple[Trigger, float]]) -> bool:
    return any(t.sub_event_type == "Non-violent transfer of territory" and t.strength >= 3 for t, _ in live)


def _in_battle(live: list[tuple[Trigger, float]], cues: frozenset[str], weapon: Trigger) -> bool:
    """Ranged or explosive fire inside ground fighting belongs to the battle (coding-rules.md §2.3):
    clashes reported alongside it, air or artillery support for a ground operation, or a
    gun attack on an armed target together with grenades or bombs. A blast by no one named, told
    as happening "during clashes" between others, is not shown to be either side's fire: it is
    its own event."""
    if "ground_support" in cues:
        return True
    for trig, _ in live:
        first = trig.text.lower().split()[0]
        framed = trig.setting and not weapon.agent  # "grenades were hurled during the clashes"
        if (
            trig.sub_event_type == "Armed clash"
            and trig.strength >= 2
            and first in _BATTLE_WORDS
            and not framed
        ):
            return True
        ground = trig.sub_event_type == "Attack" and not _is_outcome(trig) and trig.target == "armed"
        # a bare "blasts" names no device: shells landing make blasts too
        devices = any(t.sub_event_type in _HAND_DELIVERED and t.strength >= 2 for t, _ in live)
        if ground and "firearm" in cues and devices:
            return True
    return False


_BATTLE_WORDS = frozenset(
    {"clash", "clashes", "clashed", "fighting", "battle", "battles", "gun", "gunbattle", "gunfight",
     "firefight", "skirmish", "skirmishes", "heavy", "armed", "exchange", "exchanged", "traded", "trade",
     "shootout", "fire"}
)  # fmt: skip
_HAND_DELIVERED = frozenset({"Grenade", "Remote explosive/landmine/IED"})


def _by_definition(chosen: str, cues: frozenset[str], trig: Trigger) -> str:
    """Definitions over tactics: fire that is returned is a battle; a clash of crowds, or a group
    of ordinary people attacking someone without guns, is mob violence."""
    if chosen in _ONE_SIDED and "two_sided" in cues and "armed" in cues:
        return "Armed clash"
    crowd = {"participants", "crowd_violence"} & cues
    if chosen == "Armed clash" and crowd and not {"armed", "perpetrator_armed", "firearm"} & cues:
        return "Mob violence"
    if chosen in ("Armed clash", "Attack") and crowd_agent(trig) and "firearm" not in cues:
        return "Mob violence"
    # "villagers beat two suspected kidnappers to death": a crowd's justice on suspects
    justice = {"mob", "participants"} <= cues and not armed_doer(trig) and "firearm" not in cues
    if chosen in ("Armed clash", "Attack") and justice:
        return "Mob violence"
    return chosen


def _is_outcome(trig: Trigger) -> bool:
    return trig.text.lower().split()[0] in _OUTCOME_WORDS


_OUTCOME_WORDS = frozenset({"kill", "killed", "killing", "dead", "death", "body", "bodies"})


_PROTEST_TYPES = frozenset({"Peaceful protest", "Violent demonstration", "Mob violence"})


def _protest_decision(live: list[tuple[Trigger, float]], cues: frozenset[str]) -> Decision | None:
    """Protests and riots are defined by combinations, so they are decided before precedence."""
    protest = [t for t, _ in live if t.sub_event_type == "Peaceful protest" and t.strength >= 2]
    if not protest and "demand" in cues:
        # "residents blocked the road demanding water": a gathering with a demand is a protest
        protest = [t for t, _ in live if t.sub_event_type == "Peaceful protest"]
    riot = [t for t, _ in live if t.sub_event_type == "Violent demonstration"]
    mob = [t for t, _ in live if t.sub_event_type == "Mob violence"]
    if not (protest or riot or mob):
        crowd = "crowd_violence" in cues and "participants" in cues and "perpetrator_armed" not in cues
        if crowd and not any(t.strength >= 2 and not _is_outcome(t) for t, _ in live):
            anchor = live[0][0]
            return Decision("Mob violence", "180", anchor, 2.0)
        return None
    armed_strong = [
        t for t, _ in live
        if (t.strength >= 3 and RANK[t.sub_event_type] <= RANK["Armed clash"])
        or t.sub_event_type in _ERV_STRONG
    ]  # fmt: skip
    if armed_strong and not protest and not riot:
        return None
    anchor = (protest or riot or mob)[0]
    score = sum(t.strength for t, _ in live if t.sub_event_type in _PROTEST_TYPES)
    # demonstrators who fight police or a rival crowd riot (coding-rules §3), whoever started it
    fought = "melee" in cues or ("melee_noun" in cues and "lethal" not in cues)
    melee = fought and "insurgents" not in cues
    if riot or (protest and (("riot" in cues or mob) and not _riot_disputed(cues, mob) or melee)):
        return Decision("Violent demonstration", "145", (riot or protest)[0], score)
    if mob and not protest:
        if "protest" in cues and "demand" in cues:
            return Decision("Violent demonstration", "145", mob[0], score)
        if "perpetrator_armed" in cues and not {"mob", "participants"} & cues:
            return None  # "armed men broke into a house": an organised group, not a crowd
        return Decision("Mob violence", mob[0].cameo or "180", mob[0], score)
    if protest and "lethal" in cues:
        return Decision("Excessive force against protesters", "175", anchor, score)
    if protest and "intervention" in cues:
        return Decision("Protest with intervention", "141", anchor, score)
    if protest:
        return Decision("Peaceful protest", anchor.cameo or "141", anchor, score)
    return None


def _riot_disputed(cues: frozenset[str], mob: list[Trigger]) -> bool:
    """Force used on a march the story calls peaceful: stones or fires alleged by one side (often the
    police justifying the force) do not make it a riot; that version is a disputed claim
    (disputes.type_claims). A march said to have turned violent stays a riot."""
    force = bool({"lethal", "intervention"} & cues)
    return force and "peaceful" in cues and "violent_turn" not in cues and not mob


_ERV_STRONG = frozenset(
    {"Air/drone strike", "Suicide bomb", "Chemical weapon", "Remote explosive/landmine/IED", "Grenade"}
)


# --------------------------------------------------------------------------- who the actors are

ARMED_INTER = frozenset({1, 2, 3, 4, 8})
NON_STATE = frozenset({2, 3, 4})
CAPTIVITY = frozenset({"Arrests", "Abduction/forced disappearance"})
NON_STATE_WORDS = frozenset({"gang", "cartel", "militia", "militias", "rebels", "militants", "insurgents"})


def by_actors(sub: str, live: Sequence[Trigger], actors: Sequence[Actor], cues: frozenset[str]) -> str:
    """Definitions that turn on who the actors are (coding-rules.md §3), given the event's
    asserted triggers and the document's actors:
    - an attack whose victims are armed (soldiers, police, members of an armed group) and could
      fight back is an armed clash, unless they were unarmed, off duty or in custody;
    - an "arrest" made by a non-state group is an abduction."""
    index = ActorIndex(actors)
    if sub == "Attack" and "unarmed" not in cues and not any(t.sub_event_type in CAPTIVITY for t in live):
        hits = [t for t in live if t.sub_event_type in ("Attack", "Armed clash")]
        armed = [t for t in hits if t.target == "armed" or _actor_in(t.patient_span, index, ARMED_INTER)]
        if armed and not any(t.target == "civilian" for t in hits):
            return "Armed clash"
    if sub in TERRITORY_TYPES:
        # who takes the place decides: state forces regain it, anyone else overtakes it
        takers = [a for t in live if t.sub_event_type in TERRITORY_TYPES for a in index.at(t.agent_span)]
        taker = takers[0] if takers else None
        if taker is not None and taker.inter == 1:
            return "Government regains territory"
        if taker is not None and taker.inter in NON_STATE:
            return "Non-state actor overtakes territory"
    arrests = [t for t in live if t.sub_event_type == "Arrests"]
    if sub == "Arrests" and any(_actor_in(t.agent_span, index, NON_STATE) for t in arrests):
        return "Abduction/forced disappearance"
    return sub


def non_state_agent(trig: Trigger, actors: Sequence[Actor]) -> bool:
    """Whether the trigger's agent is an armed non-state group (a known actor or a gang, militia...)."""
    words = trig.agent.lower().split()
    named = _actor_in(trig.agent_span, ActorIndex(actors), NON_STATE)
    return named or any(w in NON_STATE_WORDS for w in words)


class ActorIndex:
    """A document's actors found by where they lie, in the order given. Built once per document:
    a long text has thousands of triggers and of actors, and asking each trigger about every
    actor would make the work grow with the square of its length."""

    def __init__(self, actors: Sequence[Actor]) -> None:
        self.actors = tuple(actors)
        self._spans = SpanIndex((a.start, a.end) for a in self.actors)

    def at(self, span: tuple[int, int]) -> list[Actor]:
        """The actors a span overlaps; none for a missing span (start -1)."""
        return [] if span[0] < 0 else [self.actors[i] for i in self._spans.overlapping(*span)]

    def starting_in(self, start: int, end: int) -> list[Actor]:
        return [self.actors[i] for i in self._spans.starting_in(start, end)]


def _actor_in(span: tuple[int, int], index: ActorIndex, inters: frozenset[int]) -> bool:
    return any(a.inter in inters for a in index.at(span))
