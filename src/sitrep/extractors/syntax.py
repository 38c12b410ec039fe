"""The parse read for an event word: its verb, negation, modality, time, agent, patient, target.

Helpers of the event scan (``events.py``), kept apart so each module stays short: they read one
spaCy token's neighbourhood and never the lexicon's contents beyond what they are passed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

if TYPE_CHECKING:  # the scan imports these helpers; the lexicon type is only read here
    from .events import TriggerLexicon

REPORTING_LEMMAS = frozenset({"say", "report", "tell", "state", "claim", "add", "confirm", "announce"})
ATTEMPT_LEMMAS = frozenset({"try", "attempt"})
ASPECT_LEMMAS = frozenset({"continue", "begin", "start", "keep", "resume", "proceed"})
WEAPON_OBJECTS = frozenset(
    {"fire", "gunfire", "shot", "round", "shell", "bullet", "weapon", "rifle", "mortar", "grenade", "missile"}
)
FIRE_NOUNS = frozenset({"fire", "attack", "gunfire", "shooting", "shelling", "rocket", "mortar"})
TARGET_PREPS = frozenset({"on", "at", "against", "upon", "targeting", "into"})


def _verb_of(token: Token) -> Token:
    """The verb governing a nominal trigger ("an air strike hit" -> hit), else the token."""
    node = token
    for _ in range(3):
        if node.pos_ in ("VERB", "AUX") or node.head is node:
            return node
        node = node.head
    return token


def is_negated(token: Token) -> bool:
    verb = _verb_of(token)
    for node in {token, verb}:
        if any(c.dep_ == "neg" for c in node.children):
            return True
        if any(c.lower_ in ("no", "none") and c.dep_ == "det" for c in node.children):
            return True
    for node in _negation_scope(verb):
        for child in node.children:
            if child.dep_ in ("nsubj", "nsubjpass", "dobj", "attr") and any(
                g.lower_ in ("no", "none") for g in child.children if g.dep_ == "det"
            ):
                return True
            if child.dep_ in ("nsubj", "nsubjpass") and child.lower_ in ("none", "nobody", "noone"):
                return True
    return any(a.lemma_ in ("deny", "refute", "dismiss") for a in _ancestors(verb, 3))


def _negation_scope(verb: Token) -> list[Token]:
    """The verb and the verbs it shares a subject with: in "no people were reported injured or
    killed", "killed" takes its negated subject from "reported"."""
    scope = [verb]
    node = verb
    for _ in range(3):
        if node.dep_ not in ("conj", "xcomp", "oprd", "acomp") or node.head is node:
            break
        node = node.head
        scope.append(node)
    return scope


def _ancestors(token: Token, depth: int) -> list[Token]:
    out = []
    node = token
    for _ in range(depth):
        if node.head is node:
            break
        node = node.head
        out.append(node)
    return out


def is_hypothetical(token: Token, lexicon: TriggerLexicon, purpose: bool = True) -> bool:
    """Future, conditional or modal; with ``purpose``, an infinitive of purpose too ("sent troops
    to retake the town": not yet retaken). "Used tear gas to disperse them" reports a dispersal,
    so cues of force ask without it."""
    verb = _verb_of(token)
    if any(c.dep_ == "aux" and c.lower_ in lexicon.cues["future_aux"] for c in verb.children):
        return True
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in verb.children):
        return True
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    if infinitive and verb.dep_ == "xcomp" and verb.head.lemma_.lower() in ASPECT_LEMMAS:
        verb = verb.head  # "police continue to arrest activists" reports arrests
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    for ancestor in _governors(verb, 3):
        if ancestor.lemma_ in REPORTING_LEMMAS:
            return False
        if ancestor.lemma_ in ATTEMPT_LEMMAS:
            return False
        if lexicon.modal(ancestor.lemma_):
            return True
        if any(c.dep_ == "aux" and c.lower_ in lexicon.cues["future_aux"] for c in ancestor.children):
            return True  # "we must not allow them to be beaten"
    return purpose and infinitive and verb.dep_ in ("xcomp", "advcl", "acl", "relcl", "ccomp")


def _governors(token: Token, depth: int) -> list[Token]:
    """Ancestors that govern the token; a coordinated verb is not governed by its partner
    ("stopped and looted a boat": the looting is not prevented)."""
    out = []
    node = token
    for _ in range(depth):
        if node.head.i == node.i:
            break
        parent = node.head
        if node.dep_ != "conj":
            out.append(parent)
        node = parent
    return out


def _days_apart(token: Token) -> bool:
    """ "a day after clashes", "weeks before the raid": an event dated apart from the story's own."""
    if token.dep_ == "pobj" and token.head.lower_ in _APART:
        return any(c.dep_ == "npadvmod" for c in token.head.children)
    clause = token.head if token.dep_ in ("nsubj", "nsubjpass", "dobj") else token
    marked = any(c.dep_ == "mark" and c.lower_ in _APART for c in clause.children)
    return marked and any(c.dep_ == "npadvmod" for c in clause.children)


_APART = frozenset({"after", "before", "since"})


def is_earlier(head: Token) -> bool:
    return _past_perfect(head) or _days_apart(head) or _fled_from(head) or _remembered(head)


def said_earlier(token: Token) -> bool:
    """ "a recent attack", "the previous clashes": an event named as earlier."""
    return token.pos_ == "NOUN" and any(
        c.dep_ == "amod" and c.lower_ in ("recent", "previous", "earlier", "prior", "past", "former")
        for c in token.children
    )


def is_prior(token: Token) -> bool:
    """ "shops were destroyed following a clash", "weapons seized after the battle": an event named
    after "following" or "after" came first; the clause tells what came of it."""
    node = token
    while node.dep_ in ("compound", "amod", "conj") and node.head is not node:
        node = node.head
    if node.pos_ == "NOUN" and node.dep_ == "pobj" and node.head.lower_ in ("following", "after"):
        return True
    verb = _verb_of(token)  # "found and defused ... after a series of explosions killed 215 people"
    if verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "after" for c in verb.children):
        return True
    # "captured a commander who carried out the shelling": what the captive did came first
    return verb.dep_ == "relcl" and verb.tag_ == "VBD" and verb.head.dep_ in ("dobj", "nsubjpass", "appos")


def generic_use(token: Token) -> bool:
    """The use of a weapon told as a practice, not as one act: a nominal use in a sentence that
    names no day or place ("accountability for the use of chemical weapons in the civil war",
    "chemical weapon use"), or a verb of use with a frequency ("has used chemical weapons more
    than 100 times", "repeatedly used barrel bombs", "used them in the past")."""
    node = token
    while node.dep_ in ("compound", "amod", "conj", "nmod") and node.head is not node:
        node = node.head
    if node.dep_ == "pobj" and node.head.lower_ == "of":
        node = node.head.head
    elif node.dep_ in ("dobj", "nsubjpass"):  # "used chemical weapons", "chlorine was used"
        node = node.head
    if node.lemma_.lower() != "use":
        return False
    if node.pos_ == "NOUN":  # "In Belarus, five died after the use of grenades": anchored
        return not any(t.ent_type_ in _ANCHORS for t in node.sent)
    return node.pos_ == "VERB" and any(_habitual(child) for child in node.children)


_ANCHORS = frozenset({"DATE", "TIME", "GPE", "LOC", "FAC"})
_HABITUAL = frozenset(
    {"repeatedly", "frequently", "often", "routinely", "regularly", "systematically", "previously",
     "habitually"}
)  # fmt: skip


def _habitual(child: Token) -> bool:
    if child.dep_ == "advmod":
        return child.lower_ in _HABITUAL
    if child.dep_ == "prep":
        return child.lower_ == "in" and any(g.lower_ == "past" for g in child.children)
    return child.dep_ == "npadvmod" and any(t.lower_ == "times" for t in child.subtree)


def _remembered(token: Token) -> bool:
    """ "the anniversary of the massacre", "in memory of those killed", "in retaliation for an
    attack": an event remembered or answered is an earlier one; the clause that remembers or
    answers it is not dated by it."""
    node = token
    while node.dep_ in ("compound", "amod") and node.head is not node:
        node = node.head  # "poison gas attack": the gas is part of the attack remembered
    for _ in range(3):
        if node.dep_ != "pobj" or node.head.lower_ not in ("of", "for", "to"):
            return False
        if node.head.head.lemma_.lower() in _MEMORY:
            return True
        node = node.head.head
    return False


_MEMORY = frozenset(
    {"anniversary", "memory", "commemoration", "remembrance", "memorial", "retaliation", "revenge",
     "reprisal"}
)  # fmt: skip


def _fled_from(token: Token) -> bool:
    """ "families who fled fighting", "people displaced by shelling": what describes people as
    displaced is an earlier, wider conflict; "thousands fled the clashes" still reports them."""
    verb = _flight_verb(token)
    if verb is not None and token.head.lower_ in ("because", "of", "amid", "by"):
        return True  # "fled because of attacks", "displaced by fighting": the conflict behind the flight
    return verb is not None and verb.dep_ in ("relcl", "acl", "amod")


def _flight_verb(token: Token) -> Token | None:
    """The verb of fleeing whose object or cause the trigger is ("fled fighting", "displaced by")."""
    verb = token.head
    if token.dep_ in ("pobj", "pcomp") and verb.lower_ == "of" and verb.head.lower_ in ("because", "fear"):
        verb = verb.head.head  # "fled because of attacks", "fled for fear of attacks"
    elif token.dep_ in ("pobj", "pcomp") and verb.lower_ in ("by", "from", "because", "amid"):
        verb = verb.head
    elif token.dep_ not in ("dobj", "obj"):
        return None
    return verb if verb.lemma_.lower() in ("flee", "displace", "uproot") else None


def _past_perfect(token: Token) -> bool:
    """An act told in the past perfect happened before the story's events, unless the tense is
    only reported speech shifted back ("the army said it had recaptured the town")."""
    verb = _verb_of(token)
    if not any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in verb.children):
        return False
    return not (verb.dep_ in ("ccomp", "xcomp") and verb.head.lemma_ in REPORTING_LEMMAS)


def agent_of(token: Token) -> Span | None:
    if _flight_verb(token) is not None:
        return None  # "residents fled the fighting": those who flee are not the fighters
    if token.pos_ == "NOUN":
        for child in token.children:  # "attacks by the militia"
            if child.dep_ == "prep" and child.lower_ == "by":
                for grand in child.children:
                    if grand.dep_ == "pobj":
                        return _phrase(grand)
    verb = _verb_of(token)
    # "troops found and destroyed the camp": a coordinated verb shares its partner's subject
    shared = verb.head if verb.dep_ == "conj" and verb.pos_ == "VERB" else verb
    # "reports emerged on a grenade attack", "soldiers died in an ambush": the subject of the verb
    # an event noun hangs off through a preposition did not do it ("responded with fire" did)
    aside = token.pos_ == "NOUN" and token.dep_ == "pobj" and token.head.lower_ not in ("with", "using")
    for node in () if aside else dict.fromkeys((verb, shared)):
        for child in node.children:
            if child.dep_ == "nsubj" and not _own_phrase(child, token):
                return _phrase(child)
    for child in verb.children:
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


def patient_of(token: Token) -> Span | None:
    if token.pos_ == "NOUN":  # "the attacks on properties", "an assault against the base"
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in ("on", "against", "upon"):
                for grand in child.children:
                    if grand.dep_ == "pobj" and grand.ent_type_ not in ("DATE", "TIME", "CARDINAL"):
                        return _phrase(grand)
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


def _own_phrase(subject: Token, token: Token) -> bool:
    """ "the attacks had a heavy cost": the event word's own phrase names no doer, unless a name
    qualifies it ("Russian rockets slammed into ...")."""
    named = any(t.ent_type_ for t in _phrase(subject) if t.i != token.i)
    return _contains(subject, token) and not named


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


def target_of(patient: Span | None, lexicon: TriggerLexicon) -> str:
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


def shows(token: Token) -> bool:
    """ "demonstrated the power of women", "to demonstrate that ...", "a demonstration of force":
    to demonstrate something is to show it; people demonstrate without an object."""
    lemma = token.lemma_.lower()
    if lemma == "demonstrate" and token.pos_ == "VERB":
        return any(c.dep_ in ("dobj", "ccomp") for c in token.children)
    if lemma != "demonstration":
        return False
    shown = [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
    return any(g.lemma_.lower() in SHOWN for g in shown)


SHOWN = frozenset(
    {"force", "power", "strength", "resolve", "capability", "might", "intent", "skill", "technology"}
)
OFFICIAL_HEADS = frozenset({"government", "ministry", "embassy", "ambassador", "minister", "envoy"})


def state_objects(token: Token) -> bool:
    """ "Ankara has long protested at the alliance", "the ministry protested the decision": a state
    objecting is diplomacy, not a protest."""
    if token.lemma_.lower() != "protest" or token.pos_ != "VERB":
        return False
    subjects = [c for c in token.children if c.dep_ == "nsubj"]
    return any(c.ent_type_ == "GPE" or c.lemma_.lower() in OFFICIAL_HEADS for c in subjects)


def describes_a_place(token: Token) -> bool:
    """ "towns recaptured from Isis", "the city, liberated by the army, ...": a participle that
    describes a place tells what the place is now, not news of its taking, unless it gives the
    day ("the town, captured on Sunday, ...")."""
    if token.dep_ != "acl" or token.tag_ not in ("VBN", "VBD") or token.head.pos_ not in ("NOUN", "PROPN"):
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
        return False  # "the town rebels captured": a clause of its own
    return not any(t.ent_type_ in ("DATE", "TIME") for t in token.subtree)
