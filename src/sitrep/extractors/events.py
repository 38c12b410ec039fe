"""Event triggers, their context, and the sub-event type decision.

The coder is built from ACLED's codebook definitions (coding-rules.md §2–§3), not fit to ACLED's
notes: a lexicon of trigger phrases per sub-event type, matched on lemmas and surface forms;
the dependency parse for negation, modality, agent and patient; and compositional rules for the
types that are defined by a combination (a protest met with tear gas, a crowd throwing stones,
an armed actor killing unarmed people). Precedence (taxonomy.PRECEDENCE) breaks ties.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import ahocorasick
from spacy.tokens import Span, Token

from ..errors import ResourceError
from ..records import Trigger
from ..taxonomy import DEFAULT_CAMEO, RANK

# Cues that describe what happened at a protest; they count only when they are not the grievance
# ("protested against the arrest of ...", "families of people killed in attacks rallied").
GATED_CUES = frozenset({"intervention", "lethal", "riot", "crowd_violence"})
# Generic words that need protesters in the same sentence to count as an intervention.
NEEDS_PROTEST = frozenset({"intervention", "lethal"})
GRIEVANCE_PREPS = frozenset(
    {"against", "over", "about", "for", "after", "following", "amid", "because", "during"}
)
GRIEVANCE_VERBS = frozenset(
    {"demand", "condemn", "denounce", "protest", "demonstrate", "rally", "decry", "mourn", "commemorate",
     "oppose", "seek", "call", "urge", "remember", "honour", "honor", "mark", "condole"}
)  # fmt: skip
PARTICIPANT_LEMMAS = frozenset(
    {"protester", "protestor", "demonstrator", "rioter", "mob", "vigilante", "marcher", "protest", "rally",
     "demonstration", "riot"}
)  # fmt: skip
OUTCOME_LEMMAS = frozenset({"kill", "killing", "die", "dead", "death", "body", "fire", "shot", "shoot"})
REPORTING_LEMMAS = frozenset({"say", "report", "tell", "state", "claim", "add", "confirm", "announce"})
ATTEMPT_LEMMAS = frozenset({"try", "attempt"})
OBJECT_DEPS = frozenset({"dobj", "nsubjpass", "pobj", "obj", "attr"})
WEAPON_OBJECTS = frozenset(
    {"fire", "gunfire", "shot", "round", "shell", "bullet", "weapon", "rifle", "mortar", "grenade", "missile"}
)
FIRE_NOUNS = frozenset({"fire", "attack", "gunfire", "shooting", "shelling", "rocket", "mortar"})
TARGET_PREPS = frozenset({"on", "at", "against", "upon", "targeting", "into"})


@dataclass(frozen=True)
class TriggerLexicon:
    """Trigger phrases and cue lists, compiled into Aho-Corasick automata once."""

    triggers: dict[str, tuple[tuple[str, int, str | None], ...]]
    cues: dict[str, frozenset[str]]
    trigger_automaton: ahocorasick.Automaton = field(repr=False)
    cue_automaton: ahocorasick.Automaton = field(repr=False)

    def modal(self, lemma: str) -> bool:
        return lemma in self.cues["modal_verbs"]


def load_trigger_lexicon(path: Path | None = None) -> TriggerLexicon:
    """Load the trigger lexicon (the packaged one unless ``path`` names another)."""
    try:
        if path is None:
            raw = resources.files("sitrep.data").joinpath("triggers.json").read_text("utf-8")
        else:
            raw = Path(path).read_text("utf-8")
        data = json.loads(raw)
    except (OSError, ValueError) as exc:
        raise ResourceError(f"cannot read trigger lexicon: {exc}") from exc
    triggers: dict[str, list[tuple[str, int, str | None]]] = defaultdict(list)
    for phrase, sub, strength, cameo in data["triggers"]:
        triggers[_norm_phrase(phrase)].append((sub, int(strength), cameo))
    cues = {kind: frozenset(_norm_phrase(p) for p in phrases) for kind, phrases in data["cues"].items()}
    frozen = {k: tuple(v) for k, v in triggers.items()}
    return TriggerLexicon(frozen, cues, _automaton(frozen), _automaton(_cue_index(cues)))


def _norm_phrase(phrase: str) -> str:
    # Split hyphens and apostrophes the way spaCy's tokenizer does, so phrases match token strings.
    phrase = re.sub(r"(?<=\w)-(?=\w)", " - ", phrase.lower())
    return " ".join(phrase.split())


def _cue_index(cues: dict[str, frozenset[str]]) -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = defaultdict(list)
    for kind, phrases in cues.items():
        for phrase in phrases:
            index[phrase].append(kind)
    return {k: tuple(v) for k, v in index.items()}


def _automaton(index: dict) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for key, value in index.items():
        automaton.add_word(f" {key} ", (key, value))
    automaton.make_automaton()
    return automaton


# --------------------------------------------------------------------------- sentence scanning


@dataclass(frozen=True)
class SentenceScan:
    """What one sentence holds: trigger hits and the cue kinds present."""

    sentence: Span
    base: int
    triggers: tuple[Trigger, ...]
    cues: frozenset[str]


def _token_strings(sent: Span) -> tuple[list[str], list[str]]:
    lowers = [t.lower_ for t in sent]
    lemmas = [t.lemma_.lower() or t.lower_ for t in sent]
    return lowers, lemmas


def _matches(automaton: ahocorasick.Automaton, words: list[str]) -> Iterable[tuple[int, int, object]]:
    """Token-aligned matches as (first token, last token + 1, value)."""
    text = " " + " ".join(words) + " "
    starts = {}
    pos = 1
    for i, w in enumerate(words):
        starts[pos] = i
        pos += len(w) + 1
    for end, (key, value) in automaton.iter(text):
        begin = end - len(key) - 1  # index of the leading space
        first = starts.get(begin + 1)
        if first is None:
            continue
        yield first, first + len(key.split(" ")), value


def scan_sentence(sent: Span, base: int, lexicon: TriggerLexicon) -> SentenceScan:
    """Find triggers and cues in one sentence; ``base`` maps Doc offsets to the document."""
    lowers, lemmas = _token_strings(sent)
    cues: set[str] = set()
    hits: dict[tuple[int, int], tuple[str, int, str | None]] = {}
    gated: list[tuple[int, int, str]] = []
    for words in (lowers, lemmas):
        for first, last, kinds in _matches(lexicon.cue_automaton, words):
            for kind in kinds:  # type: ignore[attr-defined]
                if kind in GATED_CUES:
                    gated.append((first, last, kind))
                else:
                    cues.add(kind)
        for first, last, entries in _matches(lexicon.trigger_automaton, words):
            for entry in entries:  # type: ignore[attr-defined]
                hits.setdefault((first, last), entry)
    for first, last, kind in gated:
        if _counts_as_act(sent[first:last], kind, cues):
            cues.add(kind)
    kept = _longest(hits)
    bg = "background" in cues
    triggers = tuple(_trigger(sent, base, span, entry, lexicon, bg) for span, entry in kept)
    return SentenceScan(sent, base, triggers, frozenset(cues))


def _counts_as_act(tokens: Span, kind: str, cues: set[str]) -> bool:
    """A cue counts when it reports an act, not the cause protesters marched for."""
    if kind in NEEDS_PROTEST and "protest" not in cues and "participants" not in cues:
        return False
    head = _head(tokens)
    if kind in NEEDS_PROTEST and _negated(head):
        return False  # "no one was arrested"
    if head.dep_ in ("acl", "relcl", "amod", "compound") and head.head.lemma_ not in PARTICIPANT_LEMMAS:
        return False
    node = head
    for _ in range(5):
        if node.dep_ == "prep" and node.lower_ in GRIEVANCE_PREPS:
            return False
        if node is not head and node.lemma_ in GRIEVANCE_VERBS:
            return False
        if node.dep_ == "ROOT" or node.head is node or (node.dep_ == "conj" and node.pos_ in ("VERB", "AUX")):
            break  # a coordinated clause reports its own act
        node = node.head
    return True


def _grievance_trigger(sub: str, tokens: Span) -> bool:
    """Riots named as the cause or setting of something else ("during recent riots")."""
    if sub not in ("Violent demonstration", "Mob violence"):
        return False
    return not _counts_as_act(tokens, "riot", {"protest"})


def _longest(hits: dict[tuple[int, int], tuple[str, int, str | None]]) -> list:
    """Drop hits inside a longer hit ("car bomb" inside "suicide car bomb")."""
    spans = sorted(hits, key=lambda s: (-(s[1] - s[0]), s[0]))
    kept: list[tuple[int, int]] = []
    entries = dict(hits)
    for span in spans:
        outer = next((k for k in kept if k[0] <= span[0] and span[1] <= k[1]), None)
        if outer is None:
            kept.append(span)
            continue
        # "held a protest" keeps the strength of "protest" when it is the same kind of event
        sub, strength, cameo = entries[outer]
        inner_sub, inner_strength, _ = hits[span]
        if inner_sub == sub and inner_strength > strength:
            entries[outer] = (sub, inner_strength, cameo)
    return [(span, entries[span]) for span in sorted(kept)]


def _head(tokens: Span) -> Token:
    for token in tokens:
        if token.head.i < tokens.start or token.head.i >= tokens.end or token.head is token:
            return token
    return tokens[-1]


def _trigger(
    sent: Span, base: int, span: tuple[int, int], entry: tuple[str, int, str | None],
    lexicon: TriggerLexicon, background: bool,
) -> Trigger:  # fmt: skip
    sub, strength, cameo = entry
    tokens = sent[span[0] : span[1]]
    head = _head(tokens)
    agent, patient = _agent(head), _patient(head)
    return Trigger(
        sub_event_type=sub,
        strength=strength,
        cameo=cameo or DEFAULT_CAMEO.get(sub),
        start=base + tokens.start_char,
        end=base + tokens.end_char,
        text=tokens.text,
        sentence_start=base + sent.start_char,
        sentence_end=base + sent.end_char,
        negated=_negated(head),
        hypothetical=head.lemma_.lower() not in PARTICIPANT_LEMMAS and _hypothetical(head, lexicon),
        background=background or _past_perfect(head) or _grievance_trigger(sub, tokens),
        agent=agent.text if agent is not None else "",
        agent_span=_abs(agent, base),
        patient=patient.text if patient is not None else "",
        patient_span=_abs(patient, base),
        target=_target(patient, lexicon),
    )


def _abs(span: Span | None, base: int) -> tuple[int, int]:
    if span is None:
        return (-1, -1)
    return (base + span.start_char, base + span.end_char)


def _verb_of(token: Token) -> Token:
    """The verb governing a nominal trigger ("an air strike hit" -> hit), else the token."""
    node = token
    for _ in range(3):
        if node.pos_ in ("VERB", "AUX") or node.head is node:
            return node
        node = node.head
    return token


def _negated(token: Token) -> bool:
    verb = _verb_of(token)
    for node in {token, verb}:
        if any(c.dep_ == "neg" for c in node.children):
            return True
        if any(c.lower_ in ("no", "none") and c.dep_ == "det" for c in node.children):
            return True
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass", "dobj", "attr") and any(
            g.lower_ in ("no", "none") for g in child.children if g.dep_ == "det"
        ):
            return True
        if child.dep_ in ("nsubj", "nsubjpass") and child.lower_ in ("none", "nobody", "noone"):
            return True
    return any(a.lemma_ in ("deny", "refute", "dismiss") for a in _ancestors(verb, 3))


def _ancestors(token: Token, depth: int) -> list[Token]:
    out = []
    node = token
    for _ in range(depth):
        if node.head is node:
            break
        node = node.head
        out.append(node)
    return out


def _hypothetical(token: Token, lexicon: TriggerLexicon) -> bool:
    verb = _verb_of(token)
    if any(c.dep_ == "aux" and c.lower_ in lexicon.cues["future_aux"] for c in verb.children):
        return True
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in verb.children):
        return True
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    for ancestor in _ancestors(verb, 3):
        if ancestor.lemma_ in REPORTING_LEMMAS:
            return False
        if ancestor.lemma_ in ATTEMPT_LEMMAS:
            return False
        if lexicon.modal(ancestor.lemma_):
            return True
    return infinitive and verb.dep_ in ("xcomp", "advcl", "acl", "relcl", "ccomp")


def _past_perfect(token: Token) -> bool:
    verb = _verb_of(token)
    return any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in verb.children)


def _agent(token: Token) -> Span | None:
    verb = _verb_of(token)
    for child in verb.children:
        if child.dep_ in ("nsubj",):
            return _phrase(child)
        if child.dep_ == "agent":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return _phrase(grand)
    for node in (token, verb):
        for child in node.children:
            if child.dep_ == "prep" and child.lower_ == "from" and token.lemma_ in FIRE_NOUNS:
                for grand in child.children:
                    if grand.dep_ == "pobj":
                        return _phrase(grand)
    if token.dep_ in ("nsubj", "dobj") and token.pos_ == "NOUN":
        for child in token.children:
            if child.dep_ in ("compound", "amod", "poss") and child.ent_type_:
                return _phrase(child)
    return None


def _patient(token: Token) -> Span | None:
    verb = _verb_of(token)
    weapon = None
    for child in verb.children:
        if child.dep_ in ("dobj", "obj") and child.lemma_ in WEAPON_OBJECTS:
            weapon = child  # "opened fire at the police": the target hangs off "fire"
            continue
        if child.dep_ in ("dobj", "nsubjpass", "obj") and not _contains(child, token):
            return _phrase(child)
    if token.dep_ == "acl" and token.head.pos_ in ("NOUN", "PROPN"):
        return _phrase(token.head)
    for node in (token, verb, weapon):
        if node is None:
            continue
        for child in node.children:
            if child.dep_ == "prep" and child.lower_ in TARGET_PREPS and child.i > node.i:
                for grand in child.children:
                    if grand.dep_ == "pobj" and grand.ent_type_ not in ("DATE", "TIME", "CARDINAL"):
                        return _phrase(grand)
    return None


def _contains(node: Token, token: Token) -> bool:
    """Whether ``token`` sits in ``node``'s phrase ("air raids were reported": no patient)."""
    return node.left_edge.i <= token.i <= node.right_edge.i


def _phrase(token: Token) -> Span:
    """The noun phrase a token heads (its left modifiers and compounds, not clauses)."""
    left = token.left_edge.i
    right = token.i
    for child in token.rights:
        if child.dep_ in ("compound", "amod", "nummod", "appos", "flat") or (
            child.dep_ == "prep" and child.lower_ == "of"
        ):
            right = max(right, child.right_edge.i)
    return token.doc[left : right + 1]


def _target(patient: Span | None, lexicon: TriggerLexicon) -> str:
    if patient is None:
        return ""
    words = {t.lemma_.lower() for t in patient} | {t.lower_ for t in patient}
    text = " " + patient.text.lower() + " "
    armed = bool(words & lexicon.cues["armed"]) or any(f" {p} " in text for p in lexicon.cues["armed"])
    civilian = bool(words & lexicon.cues["civilian"]) or bool(words & CIVILIAN_PLACES)
    if armed and not any(w in words for w in ("civilian", "civilians", "resident", "residents")):
        return "armed"
    return "civilian" if civilian else ""


# Attacking a village or a market is attacking the people there (an armed camp names itself).
CIVILIAN_PLACES = frozenset(
    {"village", "villages", "town", "market", "house", "houses", "home", "homes", "church", "mosque",
     "school", "hospital", "settlement", "hamlet", "neighbourhood", "neighborhood", "farm", "farms", "shop",
     "bus"}
)  # fmt: skip


# --------------------------------------------------------------------------- the decision


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
    if any(t.sub_event_type == "Peaceful protest" and t.strength >= 2 for t in asserted):
        return bool({"sport", "celebrity"} & cues) and "participants" not in cues
    strong = [t for t in asserted if t.strength >= 3 and t.sub_event_type not in _WEAK_IN_ACCIDENTS]
    if any(k in cues for k in NON_EVENT_KINDS) and "perpetrator_armed" not in cues:
        return True
    if "accident" in cues and "attack_context" not in cues and not strong:
        return True
    if "non_event" in cues and not strong and "attack_context" not in cues:
        return True
    return "crime" in cues and not ({"political_crime", "mob"} & cues) and not strong


_WEAK_IN_ACCIDENTS = frozenset({"Remote explosive/landmine/IED", "Shelling/artillery/missile attack"})


def decide(triggers: Sequence[Trigger], cues: frozenset[str], weights: Sequence[float]) -> Decision | None:
    """Choose the sub-event type of one event from its asserted triggers and cues."""
    live = [(t, w) for t, w in zip(triggers, weights, strict=True) if t.asserted]
    if any(RANK[t.sub_event_type] < RANK["Agreement"] for t, _ in live):
        # "The attacker was arrested shortly after": an arrest told after violence is its sequel
        live = [(t, w) for t, w in live if not (t.sub_event_type == "Arrests" and w <= 1.0)]
    if any(t.strength >= 2 and not _is_outcome(t) for t, _ in live):
        live = [(t, w) for t, w in live if not (_is_outcome(t) and t.strength <= 2)]
    if not live:
        return None
    protest = _protest_decision(live, cues)
    if protest is not None:
        return protest
    scores: dict[str, float] = defaultdict(float)
    best: dict[str, Trigger] = {}
    strengths: dict[str, int] = {}
    for trig, weight in live:
        refined = _refine(trig, cues)
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
    chosen = _by_definition(chosen, cues)
    if chosen in _ERV and any(t.sub_event_type == "Chemical weapon" for t, _ in live):
        chosen = "Chemical weapon"  # a chemical payload outranks how it was delivered
    if chosen in _ERV and any(
        t.sub_event_type == "Disrupted weapons use" and t.strength >= 2 for t, _ in live
    ):
        chosen = "Disrupted weapons use"  # the weapon was defused, intercepted or seized: prevented
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


def _by_definition(chosen: str, cues: frozenset[str]) -> str:
    """Definitions over tactics: fire that is returned is a battle; a clash of crowds is a mob."""
    if chosen in _ONE_SIDED and "two_sided" in cues and "armed" in cues:
        return "Armed clash"
    crowd = {"participants", "crowd_violence"} & cues
    if chosen == "Armed clash" and crowd and not {"armed", "perpetrator_armed", "firearm"} & cues:
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
    if riot or (protest and ("riot" in cues or mob)):
        return Decision("Violent demonstration", "145", (riot or protest)[0], score)
    if mob and not protest:
        if "protest" in cues and "demand" in cues:
            return Decision("Violent demonstration", "145", mob[0], score)
        return Decision("Mob violence", mob[0].cameo or "180", mob[0], score)
    if protest and "lethal" in cues:
        return Decision("Excessive force against protesters", "175", anchor, score)
    if protest and "intervention" in cues:
        return Decision("Protest with intervention", "141", anchor, score)
    if protest:
        return Decision("Peaceful protest", anchor.cameo or "141", anchor, score)
    return None


_ERV_STRONG = frozenset(
    {"Air/drone strike", "Suicide bomb", "Chemical weapon", "Remote explosive/landmine/IED", "Grenade"}
)


def _refine(trig: Trigger, cues: frozenset[str]) -> tuple[str, int] | None:
    """Context-dependent types and strengths: generic attack/kill words, explosions, protests."""
    sub, strength = trig.sub_event_type, trig.strength
    if sub == "Attack" and strength <= 2:
        if trig.target == "armed" and "unarmed" not in cues:
            return "Armed clash", max(strength, 2 if "lethal" in cues else 1)
        if trig.target == "" and "civilian" not in cues and "armed" in cues and strength == 1:
            return "Armed clash", 1
        if "perpetrator_armed" in cues or trig.target == "civilian":
            return sub, strength + 1
    if sub == "Armed clash" and strength == 1 and trig.target == "civilian":
        return "Attack", 1
    if sub == "Disrupted weapons use" and _mentions(
        trig.patient, ("tension", "situation", "crisis", "standoff")
    ):
        return None  # "defused the tension" is diplomacy, not bomb disposal
    if sub == "Disrupted weapons use" and _mentions(trig.patient, _ASSAULT_WORDS):
        return "Armed clash", 3  # "thwarted an attack on the town": the attackers were fought off
    if sub in _TERRITORY:
        return _territory(trig, strength)
    if sub == "Shelling/artillery/missile attack" and strength == 1:
        if "accident" in cues:
            return None
        # A run of explosions is usually fire from a distance; a single blast, a planted device.
        plural = trig.text.lower().endswith("s")
        return (sub, 1) if plural else ("Remote explosive/landmine/IED", 1)
    if sub == "Peaceful protest":
        return None  # a weak protest word alone ("march", "strike") is not a protest
    return sub, strength


_TERRITORY = frozenset({"Non-state actor overtakes territory", "Government regains territory"})
_ASSAULT_WORDS = ("attack", "offensive", "assault", "infiltration", "advance", "incursion", "raid")
_PEOPLE_WORDS = (
    "operative", "fighter", "militant", "soldier", "member", "rebel", "insurgent", "commander", "suspect",
    "people", "civilian", "men", "women", "child", "hostage", "prisoner", "leader", "gunm",
)  # fmt: skip
_STATE_WORDS = ("army", "troops", "military", "government", "soldiers", "security forces", "police", "regime")
_NON_STATE_WORDS = (
    "rebel",
    "militant",
    "insurgent",
    "jihadist",
    "fighters",
    "militia",
    "islamist",
    "separatist",
)


def _mentions(text: str, words: Sequence[str]) -> bool:
    lowered = text.lower()
    return any(w in lowered for w in words)


def _territory(trig: Trigger, strength: int) -> tuple[str, int] | None:
    """Taking a place is a territory event; taking people is not, and who takes it decides which."""
    if _mentions(trig.patient, _PEOPLE_WORDS):
        return ("Armed clash", 2) if trig.target == "armed" else ("Abduction/forced disappearance", 2)
    if strength <= 1 and not trig.patient:
        return None
    state = _mentions(trig.agent, _STATE_WORDS) and not _mentions(trig.agent, _NON_STATE_WORDS)
    if trig.sub_event_type == "Government regains territory" or state:
        return (
            "Government regains territory"
            if state or not trig.agent
            else "Non-state actor overtakes territory",
            strength,
        )
    return "Non-state actor overtakes territory", strength


def weights_for(triggers: Sequence[Trigger], lead_end: int) -> list[float]:
    """Lead sentences weigh more: news puts the event first and background later."""
    return [1.5 if t.sentence_start < lead_end else 1.0 for t in triggers]
