"""Resolving a source phrase: which source the words a reporting verb points at name.

A phrase resolves to a named source of the lexicon ("the Syrian Observatory for Human Rights"),
a generic description ("residents", "Iraqi officials"), an unnamed spokesperson and whom they
speak for, or an anaphor or pronoun ("the monitor", "it") that goes back to a source named
earlier in the document. ``AttributionMemory`` holds what the document has named so far.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace

from spacy.tokens import Token

from .sources import Anaphor, SourceEntry, SourceLexicon, as_name, fold

# Children that leave the source's own noun phrase: clauses and appositions about it.
CORE_DROP = frozenset({"appos", "relcl", "acl", "advcl", "cc", "conj", "parataxis"})
# Punctuation that closes a noun phrase; hyphens, dots and apostrophes stay inside names.
PHRASE_BREAKS = frozenset({",", ";", ":", "(", ")", '"', "“", "”", "—", "–", "--"})
MAX_CORE = 14
MAX_NAME = 7
MAX_NGRAM = 9

PRONOUNS = frozenset({"it", "he", "she", "they", "we", "i"})
DEFINITE = frozenset({"the", "this", "that", "its", "their", "these", "those"})
NATIONALITY_LABELS = frozenset({"NORP", "GPE"})
CONF_NAMED, CONF_GENERIC, CONF_ANAPHOR, CONF_PRONOUN, CONF_NAME_ONLY = 0.9, 0.8, 0.7, 0.6, 0.6


# --------------------------------------------------------------------------- resolution state


@dataclass(frozen=True)
class Found:
    """A resolved source with the absolute span of the words that name it."""

    name: str
    kind: str
    type: str
    start: int
    end: int
    text: str
    confidence: float
    person: bool = False  # names or describes one person: "he" and "she" can refer to it


@dataclass
class AttributionMemory:
    """What a document has named so far; pass one in to carry it across several calls."""

    by_type: dict[str, Found] = field(default_factory=dict)
    people: dict[str, Found] = field(default_factory=dict)  # "Caggins" -> whom he spoke for
    last: Found | None = None
    last_person: Found | None = None
    last_body: Found | None = None
    default: Found | None = None
    paragraphs_seen: int = 0

    def remember(self, found: Found) -> None:
        self.by_type[found.type] = found
        self.last = found
        if found.person:
            self.last_person = found
        else:
            self.last_body = found

    def recall(self, types: Iterable[str], name_contains: str | None = None) -> Found | None:
        candidates = [self.by_type[t] for t in types if t in self.by_type]
        if name_contains:
            candidates = [c for c in candidates if name_contains.casefold() in c.name.casefold()]
        return max(candidates, key=lambda f: f.start, default=None)


# --------------------------------------------------------------------------- resolving a phrase


def resolve_phrase(head: Token, lexicon: SourceLexicon, memory: AttributionMemory, base: int) -> Found | None:
    """The source the phrase headed by ``head`` names, or None; a named person is remembered."""
    core = _core(head)
    appos = [t for c in head.children if c.dep_ == "appos" for t in c.subtree]
    spokes = _generic_match([*core, *appos], lexicon, kind="spokesperson") is not None
    named = _named_match(core, lexicon) or _named_match(appos, lexicon) or _named_from(head, lexicon)
    if named is not None:
        entry, _ = named
        kind = "spokesperson" if spokes and entry.kind in ("official", "other") else entry.kind
        found = found_at(entry.name, kind, entry.type, core, base, CONF_NAMED)
        memory.people.update((t.text.casefold(), found) for t in core if t.ent_type_ == "PERSON")
        return found
    if len(core) == 1 and core[0].lower_ in PRONOUNS:
        return _pronoun(core[0], memory, base)
    if spokes:
        return _spokesperson(core, appos, lexicon, memory, base)
    return _described(head, core, appos, lexicon, memory, base)


def _named_from(head: Token, lexicon: SourceLexicon) -> tuple[SourceEntry, int] | None:
    """A name that runs on past the phrase the parse gives: "the Committee to Protect Journalists"."""
    doc = head.doc
    for end in range(min(head.right_edge.i, head.i + MAX_NGRAM), head.i, -1):
        entry = lexicon.named(doc[head.i : end + 1].text)
        if entry is not None:
            return entry, end + 1 - head.i
    return None


def _described(
    head: Token,
    core: list[Token],
    appos: list[Token],
    lexicon: SourceLexicon,
    memory: AttributionMemory,
    base: int,
) -> Found | None:
    ana = _anaphor_match(core, lexicon)
    gen = _generic_match(core, lexicon) or (_generic_match(appos, lexicon) if appos else None)
    body = _organisation_name(core) if gen is not None else None
    if body and gen is not None:  # "the National Unity Government" is one body, not "the government"
        return found_at(body, gen[0].kind, gen[0].type, core, base, CONF_NAME_ONLY)
    if ana is not None and not _has_nationality(core) and (gen is None or ana[1] >= gen[1]):
        return _anaphoric(ana[0], core, lexicon, memory, base)
    # "one post shared on social media": the source hides in a clause about the phrase.
    gen = gen or _generic_match(sorted({t for c in core for t in c.subtree}, key=lambda t: t.i), lexicon)
    if gen is None:
        return _name_only(head, core, memory, base)
    person = _person_name(core)
    if person:  # "Mayor Ivan Petrenko": a titled person is named, the title gives the kind
        return found_at(person, gen[0].kind, "person", core, base, CONF_NAME_ONLY)
    return found_at(_nationality(core, gen[0]), gen[0].kind, gen[0].type, core, base, CONF_GENERIC)


def _organisation_name(core: Sequence[Token]) -> str | None:
    """The full name of an organisation the lexicon does not know (two or more capitalised words)."""
    words = [t for t in core if t.pos_ != "DET"]
    named = len(words) >= 2 and all(
        t.ent_type_ in ("ORG", "ACTOR") and t.pos_ == "PROPN" and t.text[:1].isupper() for t in words
    )
    return " ".join(t.text for t in words) if named else None


def _spokesperson(
    core: list[Token], appos: list[Token], lexicon: SourceLexicon, memory: AttributionMemory, base: int
) -> Found:
    """Whom an unnamed spokesperson speaks for: a body in the phrase, a name, or the last official."""
    body = _generic_match([t for t in [*core, *appos] if not _is_title(t, lexicon)], lexicon)
    name = _nationality(core, body[0]) if body else _owner_name(core)
    if name:
        return found_at(name, "spokesperson", "spokesperson", core, base, CONF_NAME_ONLY)
    prior = memory.recall(("ministry", "military", "police", "government", "coalition", "spokesperson"))
    if prior is not None:
        return found_at(prior.name, "spokesperson", prior.type, core, base, CONF_ANAPHOR)
    return found_at(
        _person_name(core) or "Spokesperson", "spokesperson", "spokesperson", core, base, CONF_GENERIC
    )


def _is_title(token: Token, lexicon: SourceLexicon) -> bool:
    entry = lexicon.generic.get(token.lower_)
    return entry is not None and entry.kind == "spokesperson"


def _nationality(core: Sequence[Token], entry: SourceEntry) -> str:
    """An official generic source with the nationality the text gives it: "Iraqi officials"."""
    nationality = [t.text for t in core if t.ent_type_ in NATIONALITY_LABELS]
    if entry.kind != "official" or not nationality:
        return entry.name
    return f"{' '.join(nationality)} {entry.name[0].lower()}{entry.name[1:]}"


def _core(head: Token) -> list[Token]:
    """The source's own noun phrase: contiguous tokens around its head, clauses dropped."""
    keep: set[int] = set()
    stack = [head]
    while stack:
        token = stack.pop()
        keep.add(token.i)
        stack.extend(c for c in token.children if c.dep_ not in CORE_DROP and c.text not in PHRASE_BREAKS)
    lo = hi = head.i
    # A phrase never crosses a line: that is a parse run over a headline.
    while lo - 1 in keep and hi - lo < MAX_CORE and "\n" not in head.doc[lo - 1].text_with_ws:
        lo -= 1
    while hi + 1 in keep and hi - lo < MAX_CORE and "\n" not in head.doc[hi].text_with_ws:
        hi += 1
    return list(head.doc[lo : hi + 1])


def _ngrams(tokens: Sequence[Token]) -> Iterator[tuple[int, int, str]]:
    """(first, last index into tokens, text) for every run, longest first, rightmost first."""
    for size in range(min(MAX_NGRAM, len(tokens)), 0, -1):
        for i in reversed(range(len(tokens) - size + 1)):  # the head noun ends the phrase
            a, b = tokens[i], tokens[i + size - 1]
            if b.i - a.i == size - 1:
                yield i, i + size - 1, _text(a, b)


def _named_match(tokens: Sequence[Token], lexicon: SourceLexicon) -> tuple[SourceEntry, int] | None:
    # "The National" inside "The National Unity Government" is part of another name, not the paper.
    for i, j, text in _ngrams(tokens):
        entry = lexicon.named(text)
        if entry is not None and not _name_runs_on(tokens, j):
            return entry, j - i + 1
    return None


def _name_runs_on(tokens: Sequence[Token], last: int) -> bool:
    following = tokens[last + 1] if last + 1 < len(tokens) else None
    return following is not None and following.pos_ == "PROPN" and following.text[:1].isupper()


def _generic_match(
    tokens: Sequence[Token], lexicon: SourceLexicon, kind: str | None = None
) -> tuple[SourceEntry, int] | None:
    def lookup(text: str) -> SourceEntry | None:
        entry = lexicon.generic.get(fold(text))
        return entry if entry is not None and kind in (None, entry.kind) else None

    return _match(tokens, lookup)


def _match(
    tokens: Sequence[Token], lookup: Callable[[str], SourceEntry | None]
) -> tuple[SourceEntry, int] | None:
    """The longest run of tokens the lookup knows, rightmost first, with its length."""
    for i, j, text in _ngrams(tokens):
        entry = lookup(text)
        if entry is not None:
            return entry, j - i + 1
    return None


def _anaphor_match(core: Sequence[Token], lexicon: SourceLexicon) -> tuple[Anaphor, int] | None:
    # A description ends at the phrase's head noun: "the UK-based monitor", not "monitor reports".
    for size in range(min(MAX_NGRAM, len(core)), 0, -1):
        tail = core[len(core) - size :]
        anaphor = lexicon.anaphors.get(fold(_text(tail[0], tail[-1])))
        if anaphor is not None:
            return anaphor, size
    return None


def _has_nationality(core: Sequence[Token]) -> bool:
    return any(t.ent_type_ in NATIONALITY_LABELS for t in core)


def found_at(name: str, kind: str, type_: str, core: Sequence[Token], base: int, conf: float) -> Found:
    """A source named by the contiguous tokens ``core``, at absolute offsets (``base`` added)."""
    first, last = core[0], core[-1]
    start, end = first.idx, last.idx + len(last.text)
    person = kind in ("spokesperson", "witness") or any(t.ent_type_ == "PERSON" for t in core)
    return Found(name, kind, type_, start + base, end + base, _text(first, last), conf, person)


def _text(first: Token, last: Token) -> str:
    """The document text from ``first`` to ``last``, without reading the whole ``Doc.text``."""
    return first.doc[first.i : last.i + 1].text


def _pronoun(token: Token, memory: AttributionMemory, base: int) -> Found | None:
    """ "He said" goes back to the last person, "it said" to the last body, "they" to either."""
    word = token.lower_
    prior = memory.last_person if word in ("he", "she", "i") else memory.last
    prior = memory.last_body if word == "it" else prior
    if prior is None:
        return None
    start, end = token.idx + base, token.idx + len(token.text) + base
    return replace(prior, start=start, end=end, text=token.text, confidence=CONF_PRONOUN)


def _anaphoric(
    anaphor: Anaphor, core: list[Token], lexicon: SourceLexicon, memory: AttributionMemory, base: int
) -> Found | None:
    definite = core[0].lower_ in DEFINITE
    prior = memory.recall(anaphor.types, anaphor.name_contains) if definite else None
    if prior is not None:
        return found_at(prior.name, prior.kind, prior.type, core, base, CONF_ANAPHOR)
    entry = lexicon.get(anaphor.default) if anaphor.default else None
    if entry is not None:
        return found_at(entry.name, entry.kind, entry.type, core, base, CONF_ANAPHOR)
    if anaphor.generic is None:
        return None
    return found_at(anaphor.generic, anaphor.generic_kind, "generic", core, base, CONF_ANAPHOR)


def _owner_name(core: Sequence[Token]) -> str:
    """Whom an unknown spokesperson speaks for: the proper nouns around the title."""
    words = [t.text for t in core if t.pos_ == "PROPN" and t.ent_type_ != "PERSON"]
    return as_name(" ".join(words))


def _name_only(head: Token, core: list[Token], memory: AttributionMemory, base: int) -> Found | None:
    """An unknown named speaker ("Carla Gleason said"): kept by name, never a common noun."""
    if head.pos_ != "PROPN":
        return None
    known = next((memory.people[k] for t in core if (k := t.text.casefold()) in memory.people), None)
    if known is not None:
        return found_at(known.name, known.kind, known.type, core, base, CONF_ANAPHOR)
    text = _text(core[0], core[-1])
    # A long phrase is a misparse more often than a name: keep only the name in it.
    name = _person_name(core) or (as_name(text) if len(core) <= MAX_NAME else "")
    if not name:
        return None
    kind = "official" if any(t.ent_type_ in ("ORG", "NORP", "GPE") for t in core) else "other"
    return found_at(name, kind, "person" if kind == "other" else "government", core, base, CONF_NAME_ONLY)


def _person_name(core: Sequence[Token]) -> str:
    """The last PERSON entity that starts in the phrase, whole even where it runs past it."""
    # Read from the tokens' entity tags: Doc.ents rebuilds every entity of the document.
    start = next((t for t in reversed(core) if t.ent_iob_ == "B" and t.ent_type_ == "PERSON"), None)
    if start is None:
        return ""
    doc, end = start.doc, start.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return as_name(doc[start.i : end].text)
