"""Event triggers, their context, and the sub-event type decision.

The coder is built from ACLED's codebook definitions (coding-rules.md §2–§3), not fit to ACLED's
notes: a lexicon of trigger phrases per sub-event type, matched on lemmas and surface forms;
the dependency parse for negation, modality, agent and patient; and compositional rules for the
types that are defined by a combination (a protest met with tear gas, a crowd throwing stones,
an armed actor killing unarmed people). Precedence (taxonomy.PRECEDENCE) breaks ties.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import ahocorasick
from spacy.tokens import Span, Token

from ..datafiles import read_json
from ..records import Trigger
from ..taxonomy import DEFAULT_CAMEO
from .constructions import Construction, load_constructions, matches
from .refine import TERRITORY_TYPES
from .syntax import (
    agent_of,
    describes_a_place,
    generic_use,
    is_earlier,
    is_hypothetical,
    is_negated,
    is_prior,
    patient_of,
    said_earlier,
    shows,
    state_objects,
    target_of,
)

# Cues that describe what happened at a protest; they count only when they are not the grievance
# ("protested against the arrest of ...", "families of people killed in attacks rallied").
GATED_CUES = frozenset({"intervention", "lethal", "riot", "crowd_violence", "melee"})
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


@dataclass(frozen=True)
class TriggerLexicon:
    """Trigger phrases and cue lists, compiled into Aho-Corasick automata once."""

    triggers: dict[str, tuple[tuple[str, int, str | None], ...]]
    cues: dict[str, frozenset[str]]
    trigger_automaton: ahocorasick.Automaton = field(repr=False)
    cue_automaton: ahocorasick.Automaton = field(repr=False)
    constructions: tuple[Construction, ...] = ()

    def modal(self, lemma: str) -> bool:
        return lemma in self.cues["modal_verbs"]


def load_trigger_lexicon(path: Path | None = None) -> TriggerLexicon:
    """Load the trigger lexicon (the packaged one unless ``path`` names another)."""
    data = read_json("triggers.json", path)
    triggers: dict[str, list[tuple[str, int, str | None]]] = defaultdict(list)
    for phrase, sub, strength, cameo in data["triggers"]:
        triggers[_norm_phrase(phrase)].append((sub, int(strength), cameo))
    cues = {kind: frozenset(_norm_phrase(p) for p in phrases) for kind, phrases in data["cues"].items()}
    frozen = {k: tuple(v) for k, v in triggers.items()}
    constructions = load_constructions(data.get("constructions", ()))
    return TriggerLexicon(frozen, cues, _automaton(frozen), _automaton(_cue_index(cues)), constructions)


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

    @property
    def bounds(self) -> tuple[int, int]:
        """The sentence's offsets in the document."""
        return self.base + self.sentence.start_char, self.base + self.sentence.end_char


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
                if kind in GATED_CUES or kind in ("background", "peaceful"):
                    gated.append((first, last, kind))
                else:
                    cues.add(kind)
        for first, last, entries in _matches(lexicon.trigger_automaton, words):
            for entry in entries:  # type: ignore[attr-defined]
                hits.setdefault((first, last), entry)
    masks: list[tuple[int, int, frozenset[str]]] = []
    for first, last, construction in matches(sent, lexicon.constructions):
        if construction.masks:
            masks.append((first, last, construction.masks))
        known = hits.get((first, last))
        if construction.sub and (known is None or known[1] < construction.strength):
            hits[(first, last)] = (construction.sub, construction.strength, construction.cameo)
        for kind in construction.cues:
            if kind in GATED_CUES:
                gated.append((first, last, kind))
            else:
                cues.add(kind)
    softer = [(a, b) for a, b, kind in gated if kind == "intervention"]
    for first, last, kind in gated:
        if kind == "lethal" and any(a <= first and last <= b and b - a > last - first for a, b in softer):
            continue  # the grenade of "stun grenades" is no lethal weapon
        if _gated_cue_counts(sent[first:last], kind, cues, lexicon):
            cues.add(_melee_kind(sent[first:last]) if kind == "melee" else kind)
    kept = [
        (span, entry)
        for span, entry in _longest(hits)
        if not _other_sense(sent[span[0] : span[1]], entry[0]) and not _masked(span, entry[0], masks)
    ]
    heads = {_head(sent[a:b]).i for (a, b), _ in kept}
    clauses = [_background_clause(sent[a:b], heads) for a, b, kind in gated if kind == "background"]
    if any(c.dep_ == "ROOT" or c.head is c for c in clauses):
        cues.add("background")
    bg = "background" in cues
    triggers = tuple(
        _trigger(sent, base, span, entry, lexicon, bg or _in_clauses(sent[span[0] : span[1]], clauses))
        for span, entry in kept
    )
    return SentenceScan(sent, base, triggers, frozenset(cues))


def _melee_kind(tokens: Span) -> str:
    """ "protesters clashed with police" tells who fought; "killed in clashes with security forces"
    may be the press's word for a crowd shot at (``melee_noun``)."""
    return "melee_noun" if _head(tokens).pos_ in ("NOUN", "PROPN") else "melee"


def _masked(span: tuple[int, int], sub: str, masks: list[tuple[int, int, frozenset[str]]]) -> bool:
    return any(a <= span[0] and span[1] <= b and sub in types for a, b, types in masks)


def _blaze(tokens: Span) -> bool:
    """ "A fire destroyed ten shops", "the fire service", "exploded during a fire": a fire that acts,
    names a service, or is a thing that happened ("a fire", not "opened fire"), burns."""
    if tokens.text.lower() != "fire":
        return False
    head = _head(tokens)
    if head.dep_ in ("nsubj", "nsubjpass", "compound"):
        return True
    return head.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in ("a", "the") for c in head.children)


def _gated_cue_counts(tokens: Span, kind: str, cues: set[str], lexicon: TriggerLexicon) -> bool:
    """ "The march had been peaceful" describes it; "urged them to stay peaceful" does not."""
    if kind == "peaceful":
        return not is_negated(_head(tokens)) and not is_hypothetical(_head(tokens), lexicon)
    if kind == "lethal" and is_hypothetical(_head(tokens), lexicon):
        return False  # "fearing they would die of hunger"
    if kind == "intervention" and is_hypothetical(_head(tokens), lexicon, purpose=False):
        return False  # "we must not allow them to be beaten"
    if kind == "riot" and _riot_kit(tokens):
        return False
    return kind != "background" and _counts_as_act(tokens, kind, cues)  # background dates clauses


LABOUR = frozenset(
    {"worker", "employee", "staff", "teacher", "doctor", "nurse", "miner", "driver", "docker", "union",
     "lecturer", "trucker", "pilot", "member", "servant", "labourer", "laborer"}
)  # fmt: skip


def _other_sense(tokens: Span, sub: str) -> bool:
    """A word in its other sense: a burning fire (``_blaze``); "shells struck two camps" (a labour
    strike takes no object, so a strike with one, in the passive or by others than workers, is a hit);
    "apartment blocks"; "riot police", "riot gear": the riot names the kit, not a riot."""
    if _blaze(tokens):
        return True
    if sub == "Violent demonstration" and _riot_kit(tokens):
        return True
    if sub in WEAPON_TYPES and (_names_a_thing(tokens) or _in_a_name(tokens)):
        return True  # "aircraft carrier", "missile pact", "the Chemical Weapons Convention"
    if sub == "Other" and len(tokens) == 1 and tokens[0].dep_ == "amod":
        return True  # "the ousted leader" names a person, not a coup
    if sub != "Peaceful protest" or len(tokens) != 1:
        return False
    token = tokens[0]
    lemma = token.lemma_.lower()
    if lemma == "strike" and token.pos_ == "VERB":
        hit = any(c.dep_ in ("dobj", "obj", "nsubjpass", "agent") for c in token.children)
        # "gunmen struck at noon" attacked; only working people who "struck" went on strike
        labour = any(c.dep_ == "nsubj" and c.lemma_.lower() in LABOUR for c in token.children)
        return hit or (token.lower_ == "struck" and not labour)
    return (lemma == "block" and token.pos_ == "NOUN") or shows(token) or state_objects(token)


def _riot_kit(tokens: Span) -> bool:
    """ "riot police", "riot gear": the word names the kit, not a riot."""
    last = tokens[-1]
    if tokens.text.lower() != "riot" or last.i + 1 >= len(last.doc):
        return False
    return last.nbor(1).lemma_.lower() in RIOT_KIT


def _names_a_thing(tokens: Span) -> bool:
    """A weapon word that only modifies the name of a thing, a deal or a trade ("a missile pact",
    "a rocket-launching site", "the aircraft carrier"), reports no use of the weapon."""
    node = _head(tokens)
    for _ in range(3):
        if node.dep_ not in ("compound", "npadvmod", "amod", "nmod"):
            return False
        node = node.head
        if node.lemma_.lower() in WEAPON_THINGS:
            return True
    return False


def _in_a_name(tokens: Span) -> bool:
    """A weapon word inside the longer name of a body or a law ("the Organisation for the
    Prohibition of Chemical Weapons", "the Chemical Weapons Convention") reports no use of it."""
    if not all(t.ent_type_ in NAME_ENTITIES for t in tokens):
        return False
    doc, end = tokens.doc, tokens.end
    return tokens[0].ent_iob_ == "I" or (end < len(doc) and doc[end].ent_iob_ == "I")


NAME_ENTITIES = frozenset({"ORG", "LAW", "WORK_OF_ART", "PRODUCT"})
WEAPON_TYPES = frozenset(
    {"Chemical weapon", "Air/drone strike", "Shelling/artillery/missile attack",
     "Remote explosive/landmine/IED", "Grenade"}
)  # fmt: skip
WEAPON_THINGS = frozenset(
    {"carrier", "maker", "manufacturer", "industry", "engine", "fuel", "footage", "image", "video", "photo",
     "delivery", "sale", "deal", "show", "part", "order", "program", "programme", "pact", "treaty", "accord",
     "agreement", "talks", "test", "facility", "factory", "plant", "site", "stockpile", "depot", "storage",
     "technology", "research", "production", "export", "import", "embargo", "convention", "inspector", "unit",
     "team", "expert", "specialist", "workshop", "laboratory", "lab"}
)  # fmt: skip
RIOT_KIT = frozenset(
    {"police", "policeman", "officer", "cop", "gear", "squad", "unit", "shield", "control", "force", "troop"}
)


def _background_clause(tokens: Span, trigger_heads: set[int]) -> Token:
    """The clause or trigger an earlier-time phrase dates: "protested over last year's killings"
    dates the killings, not the protest; a phrase on the main verb dates the whole sentence; a
    phrase in a description set beside the clause ("near Aleppo, the scene of heavy fighting in
    recent months") dates what the description tells."""
    start = node = _head(tokens)
    for _ in range(12):
        if node.head is node or node.pos_ in ("VERB", "AUX") or node.i in trigger_heads:
            return node
        if node is not start and node.pos_ in ("NOUN", "PROPN") and node.dep_ in ("appos", "npadvmod"):
            return node
        node = node.head
    return node


def _in_clauses(tokens: Span, clauses: list[Token]) -> bool:
    head = _head(tokens)
    return any(c == head or c.is_ancestor(head) for c in clauses)


def _counts_as_act(tokens: Span, kind: str, cues: set[str]) -> bool:
    """A cue counts when it reports an act, not the cause protesters marched for."""
    if kind in NEEDS_PROTEST and "protest" not in cues and "participants" not in cues:
        return False
    head = _head(tokens)
    if kind in NEEDS_PROTEST and is_negated(head):
        return False  # "no one was arrested"
    # a past-tense verb read as a modifier ("some smashed store windows") is a clause of its own
    modifier = head.dep_ in ("acl", "relcl", "amod", "compound") and head.tag_ != "VBD"
    # "marched and some smashed windows": a noun joined to a verb is the parser's clause run short
    modifier = modifier and not (head.head.dep_ == "conj" and head.head.head.pos_ == "VERB")
    if modifier and not _participant_or_place(head):
        return False
    node, prev = head, head
    for _ in range(5):
        if node.dep_ == "prep" and node.lower_ in GRIEVANCE_PREPS:
            return False
        if node is not head and node.lemma_ in GRIEVANCE_VERBS:
            # "demonstrated by burning tyres": the tactic is how they protested, not their cause
            return node.lemma_ in PROTEST_VERBS and node.pos_ == "VERB" and _manner_of(prev)
        if node.dep_ == "ROOT" or node.head is node or (node.dep_ == "conj" and node.pos_ in ("VERB", "AUX")):
            break  # a coordinated clause reports its own act
        node, prev = node.head, node
    return True


PROTEST_VERBS = frozenset({"protest", "demonstrate", "rally"})
# A crowd's gatherings: "recent demonstrations" still frame the riot they led to.
CROWD_TYPES = frozenset({"Peaceful protest", "Violent demonstration", "Mob violence"})


def _manner_of(child: Token) -> bool:
    """Whether ``child`` hangs off a protest verb as its manner ("by burning", "setting fire")."""
    if child.dep_ == "prep":
        return child.lower_ in ("by", "with", "while", "in")
    return child.dep_ in ("advcl", "xcomp", "conj", "pcomp")


def _participant_or_place(modifier: Token) -> bool:
    """A clause on "demonstrators", "a number of protesters", or on the place where they did it."""
    noun = modifier.head
    if noun.lemma_ in PARTICIPANT_LEMMAS:
        return True
    if any(c.lower_ in ("where", "when") for c in modifier.children):
        return True
    of = [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
    return any(g.lemma_ in PARTICIPANT_LEMMAS for g in of)


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
    agent, patient = agent_of(head), patient_of(head)
    return Trigger(
        sub_event_type=sub,
        strength=strength,
        cameo=cameo or DEFAULT_CAMEO.get(sub),
        start=base + tokens.start_char,
        end=base + tokens.end_char,
        text=tokens.text,
        sentence_start=base + sent.start_char,
        sentence_end=base + sent.end_char,
        negated=is_negated(head),
        # "used tear gas to disperse a rally": a gathering named in a purpose clause did happen
        hypothetical=(not _participant(head) and is_hypothetical(head, lexicon, sub != "Peaceful protest"))
        or _planned_gathering(head, lexicon)
        or (sub == "Peaceful protest" and _awaited(head)),
        background=background
        or _grievance_trigger(sub, tokens)
        or is_earlier(head)
        or (sub not in CROWD_TYPES and said_earlier(head))  # "in revenge for a recent attack"
        or (sub in WEAPON_TYPES and generic_use(head))
        or (sub in TERRITORY_TYPES and describes_a_place(head)),
        setting=_setting(head),
        prior=is_prior(head),
        agent=agent.text if agent is not None else "",
        agent_span=_abs(agent, base),
        patient=patient.text if patient is not None else "",
        patient_span=_abs(patient, base),
        target=target_of(patient, lexicon),
    )


def _setting(token: Token) -> bool:
    """ "hurled during the clashes", "amid clashes with the army", "as border clashes entered their
    seventh day": the fighting is when the act happened, the frame of the story, not its subject."""
    node = token
    while node.dep_ in ("compound", "amod", "conj") and node.head is not node:
        node = node.head
    if node.dep_ == "pobj":
        return node.head.lower_ in ("during", "amid", "amidst", "in", "throughout")
    if node.dep_ in ("nsubj", "nsubjpass") and node.head.dep_ == "advcl":
        return any(c.dep_ == "mark" and c.lower_ in ("as", "while") for c in node.head.children)
    return False


def _participant(token: Token) -> bool:
    """ "protesters", "a mob", "went out to protest": the gathering is reported, whatever governs
    the word; "to be mobbed" is an act a modal can govern."""
    passive = any(c.dep_ == "auxpass" for c in token.children)
    return token.lemma_.lower() in PARTICIPANT_LEMMAS and not passive


def _planned_gathering(token: Token, lexicon: TriggerLexicon) -> bool:
    """ "Protests are planned for Saturday", "rallies will be held": a gathering that a plan or a
    future governs has not happened."""
    if not _participant(token) or token.dep_ not in ("nsubj", "nsubjpass"):
        return False
    return token.head.lemma_.lower() in PLANNING or is_hypothetical(token.head, lexicon, purpose=False)


PLANNING = frozenset({"plan", "schedule", "expect", "organise", "organize", "announce", "call"})


def _awaited(token: Token) -> bool:
    """ "arrested activists ahead of planned protests", "in anticipation of mass rallies",
    "detained before the rally": a gathering still to come."""
    node = token
    while node.dep_ in ("compound", "amod", "conj") and node.head is not node:
        node = node.head
    if node.dep_ != "pobj":
        return False
    prep = node.head
    if prep.lower_ in ("before", "ahead"):
        return True
    if prep.lower_ == "of" and prep.head.lower_ in ("ahead", "anticipation", "advance", "eve"):
        return True
    return prep.lower_ == "to" and prep.head.lower_ == "prior"


def _abs(span: Span | None, base: int) -> tuple[int, int]:
    if span is None:
        return (-1, -1)
    return (base + span.start_char, base + span.end_char)
