"""Actor mentions: find the phrases that name who acts, and normalise them with the lexicon.

Candidates are lexicon entities (the EntityRuler's ``ACTOR`` label), model entities that can name
a group (NORP, ORG), and noun phrases headed by a word for armed people, crowds or civilians.
Each is passed to the lexicon's ``resolve``; what resolves becomes an ``Actor`` with its span.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from spacy.tokens import Doc, Span

from ..records import Actor

ACTOR_LABELS = frozenset({"ACTOR", "NORP", "ORG"})
PEOPLE_HEADS = frozenset(
    {
        "soldier", "troop", "army", "force", "police", "policeman", "officer", "militant", "fighter",
        "rebel", "insurgent", "militia", "militiaman", "gunman", "gunmen", "jihadist", "terrorist",
        "bandit", "guerrilla", "attacker", "assailant", "protester", "protestor", "demonstrator",
        "rioter", "mob", "crowd", "civilian", "resident", "villager", "farmer", "student", "worker",
        "man", "woman", "people", "child", "local", "patrol", "convoy", "coalition", "regime",
        "government", "military", "gendarme", "marine", "personnel", "member", "supporter",
        "individual", "group", "herder", "herdsman", "herdsmen", "teacher", "journalist", "activist",
        "loyalist", "hitman", "hitmen", "kidnapper", "gang", "cartel", "jawan", "cop", "paramilitary",
    }
)  # fmt: skip


# Weapons and platforms that name the forces that wield them when a nation qualifies them.
ARMS_HEADS = frozenset(
    {"artillery", "aircraft", "warplane", "jet", "drone", "helicopter", "gunship", "navy", "tank", "missile",
     "rocket", "shell", "bomber", "air force", "airforce", "battery", "warship", "gunboat"}
)  # fmt: skip


def _national(chunk: Span) -> bool:
    return any(t.ent_type_ in ("NORP", "GPE") for t in chunk if t.i < chunk.root.i)


def _after_punctuation(chunk: Span) -> Span:
    """ "Ukraine - Russian artillery" (a dateline run into the chunk): the part after the dash."""
    start = chunk.start
    for token in chunk:
        if token.is_punct and token.i < chunk.root.i:
            start = token.i + 1
    return chunk.doc[start : chunk.end]


class ActorResolver(Protocol):
    def resolve(self, surface: str, country_iso3: str | None, date: str | None) -> Actor | None: ...


def candidate_spans(doc: Doc) -> list[Span]:
    """Phrases in a parsed document that may name an actor, without overlaps, in text order.

    Entities and noun chunks are read once per document: asking each sentence for them walks
    the whole document every time, which is quadratic on long articles.
    """
    spans: list[Span] = [e for e in doc.ents if e.label_ in ACTOR_LABELS]
    for chunk in doc.noun_chunks:
        if chunk.root.lemma_.lower() in PEOPLE_HEADS or chunk.root.lower_ in PEOPLE_HEADS:
            spans.append(_with_country(_trim_determiners(chunk)))
        elif chunk.root.lemma_.lower() in ARMS_HEADS and _national(chunk):
            spans.append(_after_punctuation(_trim_determiners(chunk)))  # "Russian artillery"
    spans.sort(key=lambda s: (-(s.end - s.start), s.start))
    taken = bytearray(len(doc))
    kept: list[Span] = []
    for span in spans:
        if any(taken[span.start : span.end]):
            continue
        taken[span.start : span.end] = b"\x01" * (span.end - span.start)
        kept.append(span)
    return sorted(kept, key=lambda s: s.start)


def _with_country(chunk: Span) -> Span:
    """ "military forces" + "of Armenia": the country belongs to the name."""
    doc = chunk.doc
    end = chunk.end
    if end + 1 < len(doc) and doc[end].lower_ == "of" and doc[end + 1].ent_type_ in ("GPE", "NORP"):
        last = end + 1
        while last + 1 < len(doc) and doc[last + 1].ent_iob_ == "I":
            last += 1
        return doc[chunk.start : last + 1]
    return chunk


def _trim_determiners(chunk: Span) -> Span:
    start = chunk.start
    while start < chunk.end - 1 and chunk.doc[start].dep_ in ("det", "predet", "poss", "nummod"):
        start += 1
    return chunk.doc[start : chunk.end]


def find_actors(
    candidates: Iterable[Span], base: int, resolver: ActorResolver, country_iso3: str | None, date: str | None
) -> list[Actor]:
    """Every resolvable actor mention among the candidates, with absolute offsets."""
    found: list[Actor] = []
    for span in candidates:
        actor = resolver.resolve(span.text, country_iso3, date)
        if actor is None:
            continue
        found.append(
            Actor(
                name=actor.name,
                inter=actor.inter,
                country=actor.country,
                kind=actor.kind,
                surface=span.text,
                start=base + span.start_char,
                end=base + span.end_char,
            )
        )
    return found
