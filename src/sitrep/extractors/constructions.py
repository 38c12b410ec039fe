"""Constructions: event words defined by a verb together with what it acts on.

Many of ACLED's types are named by a class of verb and a class of object rather than by one
word: a base is *set up*, weapons are *found* or *seized*, a town's *control* is *taken*,
bottles are *thrown* at police. The words apart mean little ("found", "post", "bottles"); the
construction says what happened. Each construction in the trigger lexicon lists verb lemmas
(a phrasal verb as "set up", "pull back") and object lemmas; it matches where the verb's object
(or passive subject, or the noun a participle describes: "weapons found in the house"), or
what that object is "of" ("a cache of rifles", "control of the town"), is one of them. A match
is a trigger of the construction's type, or a cue for the compositional rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from spacy.tokens import Span, Token

OBJECT_DEPS = frozenset({"dobj", "obj", "nsubjpass", "attr", "oprd"})
RELATIVES = frozenset({"that", "which", "who", "whom"})
PARTICLE_DEPS = frozenset({"prt", "advmod", "prep"})
PIECES = frozenset({"fragment", "piece", "remains", "remnant", "debris", "shrapnel", "casing", "splinter"})


@dataclass(frozen=True)
class Construction:
    """A verb class and an object class (reached directly, or through one of ``preps``); ``sub``
    (a trigger) and ``cues`` (cue kinds) are what a match signals; ``masks`` the trigger types
    words inside the match lose ("projectiles were thrown": no shelling; "withdrew from the
    treaty": no ground handed over)."""

    verbs: frozenset[str]
    objects: frozenset[str]
    sub: str | None = None
    strength: int = 2
    cameo: str | None = None
    cues: tuple[str, ...] = ()
    preps: frozenset[str] = frozenset()
    masks: frozenset[str] = frozenset()  # types a trigger inside the match cannot have


def load_constructions(items: Iterable[dict]) -> tuple[Construction, ...]:
    return tuple(
        Construction(
            verbs=frozenset(v.lower() for v in item["verbs"]),
            objects=frozenset(o.lower() for o in item["objects"]),
            sub=item.get("sub"),
            strength=int(item.get("strength", 2)),
            cameo=item.get("cameo"),
            cues=tuple(item.get("cues", ())),
            preps=frozenset(item.get("preps", ())),
            masks=frozenset(item.get("masks", ())),
        )
        for item in items
    )


def matches(sent: Span, constructions: Sequence[Construction]) -> Iterator[tuple[int, int, Construction]]:
    """(first token, last token + 1, construction) for each match, offsets within the sentence."""
    for token in sent:
        if token.pos_ not in ("VERB", "AUX"):
            continue
        names = _verb_names(token)
        chosen = [c for c in constructions if names & c.verbs]
        if not chosen:
            continue
        for obj, prep in _objects(token):
            lemmas = _names(obj)
            for construction in chosen:
                if lemmas & construction.objects and (prep is None or prep in construction.preps):
                    first, last = min(token.i, obj.i), max(token.i, obj.i) + 1
                    yield first - sent.start, last - sent.start, construction


def _names(noun: Token) -> set[str]:
    """The noun's lemma and form, and those of its modifiers: an "explosive device" is an
    explosive, a "weapons depot" holds weapons."""
    names = {noun.lemma_.lower(), noun.lower_}
    for child in noun.children:
        if child.dep_ in ("compound", "amod") and child.pos_ in ("NOUN", "PROPN", "ADJ") and child.i < noun.i:
            names |= {child.lemma_.lower(), child.lower_}
    return names


def _verb_names(verb: Token) -> set[str]:
    """The verb's lemma, and with each particle it takes ("set up", "pull back")."""
    lemma = verb.lemma_.lower()
    names = {lemma, verb.lower_}
    for child in verb.children:
        if child.dep_ in PARTICLE_DEPS and child.i > verb.i:
            names.add(f"{lemma} {child.lower_}")
    return names


def _objects(verb: Token) -> list[tuple[Token, str | None]]:
    """What the verb acts on: its objects and passive subject with their conjuncts, the noun a
    participle or relative clause describes, and what each of them is "of"; then the objects of
    its prepositions ("withdrew from the base"), each with its preposition."""
    heads: list[tuple[Token, str | None]] = [
        (c, None) for c in verb.children if c.dep_ in OBJECT_DEPS and c.lower_ not in RELATIVES
    ]
    relative = any(c.lower_ in RELATIVES for c in verb.children if c.dep_ in OBJECT_DEPS)
    if verb.dep_ == "acl" or (verb.dep_ == "relcl" and relative):
        heads.append((verb.head, None))
    for prep in verb.children:
        if prep.dep_ == "prep":
            heads.extend((p, prep.lower_) for p in prep.children if p.dep_ == "pobj")
    found: list[tuple[Token, str | None]] = []
    for head, via in heads:
        for noun in (head, *head.conjuncts):
            found.append((noun, via))
            found.extend((x, via) for x in _of_objects(noun))
    return found


def _of_objects(noun: Token) -> list[Token]:
    """ "a cache of rifles and grenades", "control of the town": the nouns after "of" (not after
    "fragments of", "remains of": pieces of a thing are not the thing)."""
    out: list[Token] = []
    if noun.lemma_.lower() in PIECES:
        return out
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    out.extend((pobj, *pobj.conjuncts))
    return out
