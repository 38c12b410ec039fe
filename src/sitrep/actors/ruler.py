"""The actor lexicon's entities in the spaCy pipeline, from a table built once per machine.

spaCy's EntityRuler (phrase patterns matched on lower-cased tokens, the few case-sensitive token
patterns in a ``Matcher``) re-tokenises its thousands of phrases at every start, about half a
second. ``ActorTable`` holds what that work yields: each phrase as the lower-cased tokens the
pipeline's tokenizer splits it into, with the keys it is matched under in the order spaCy's
``PhraseMatcher`` gives them. It is plain JSON, cached beside the gazetteer (``resources``).
``ActorRuler`` matches those token sequences with an Aho-Corasick automaton and sets exactly the
entities the EntityRuler would: the same matches, ordered and chosen by the same rule.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

COMPONENT = "sitrep_actor_ruler"
ENT_ID_SEP = "||"  # spaCy's EntityRuler joins a label and a pattern id with this
# Joins token lowers into one string the automaton reads. A token holding it is caught by
# checking that every match starts and ends on a token boundary.
_SEP = "\x00"


@dataclass(frozen=True)
class ActorTable:
    """The actor patterns as the ruler matches them.

    ``phrases``: each distinct sequence of token lowers with its match keys (``label||id``), in
    the order spaCy's PhraseMatcher reports them; ``tokens``: (key, token pattern) in the order
    the EntityRuler adds them; ``labels``: key -> (label, pattern id)."""

    phrases: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]
    tokens: tuple[tuple[str, list[dict[str, Any]]], ...]
    labels: dict[str, tuple[str, str]]

    def to_json(self) -> dict[str, Any]:
        return {
            "phrases": [[list(lowers), list(keys)] for lowers, keys in self.phrases],
            "tokens": [[key, pattern] for key, pattern in self.tokens],
            "labels": {key: list(pair) for key, pair in self.labels.items()},
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ActorTable:
        """The table back from ``to_json``; ValueError if ``data`` is not one."""
        try:
            phrases = tuple(
                (tuple(map(str, lowers)), tuple(map(str, keys))) for lowers, keys in data["phrases"]
            )
            tokens = tuple((str(key), list(pattern)) for key, pattern in data["tokens"])
            labels = {str(key): (str(label), str(ent_id)) for key, (label, ent_id) in data["labels"].items()}
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ValueError(f"not an actor table: {exc!r}") from exc
        return cls(phrases, tokens, labels)


def build_table(nlp: Language, patterns: Sequence[dict[str, Any]]) -> ActorTable:
    """The table for ``patterns`` (the lexicon's, see ``fast_patterns``), split by ``nlp``'s
    tokenizer as the EntityRuler would split them, with the key order of spaCy's PhraseMatcher."""
    from spacy.matcher import PhraseMatcher

    entries = fast_patterns(patterns)
    tokens: list[tuple[str, list[dict[str, Any]]]] = []
    labels: dict[str, tuple[str, str]] = {}
    phrase_entries: list[tuple[str, str]] = []
    for entry in entries:
        key = entry["label"]
        if isinstance(entry.get("id"), str):
            key = f"{entry['label']}{ENT_ID_SEP}{entry['id']}"
            labels[key] = (entry["label"], entry["id"])
        if isinstance(entry["pattern"], str):
            phrase_entries.append((key, entry["pattern"]))
        else:
            tokens.append((key, entry["pattern"]))
    docs = [nlp.make_doc(text) for _, text in phrase_entries]  # as the EntityRuler splits them
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    for (key, _), doc in zip(phrase_entries, docs, strict=True):
        matcher.add(key, [doc])
    phrases: dict[tuple[str, ...], tuple[str, ...]] = {}
    for doc in docs:
        lowers = tuple(t.lower_ for t in doc)
        if lowers in phrases or not lowers or any(_SEP in w for w in lowers):
            continue
        # Every key whose phrase has these tokens, in the order the PhraseMatcher reports them.
        keys = [nlp.vocab.strings[m] for m, start, end in matcher(doc) if (start, end) == (0, len(doc))]
        phrases[lowers] = tuple(keys)
    return ActorTable(tuple(phrases.items()), tuple(tokens), labels)


class ActorRuler:
    """A pipeline component: the actor entities spaCy's EntityRuler would set from the same
    patterns (``phrase_matcher_attr="LOWER"``, existing entities not overwritten)."""

    def __init__(self, vocab: Vocab) -> None:
        from spacy.matcher import Matcher

        self.vocab = vocab
        self.matcher = Matcher(vocab)
        self.automaton: Any = None
        self.labels: dict[int, tuple[str, str]] = {}

    def load(self, table: ActorTable) -> None:
        import ahocorasick

        strings = self.vocab.strings
        for key, pattern in table.tokens:
            self.matcher.add(key, [pattern])
        automaton = ahocorasick.Automaton()
        for lowers, keys in table.phrases:
            ids = tuple(strings.add(key) for key in keys)
            word = _SEP + _SEP.join(lowers) + _SEP
            automaton.add_word(word, (len(word), len(lowers), ids))
        if table.phrases:
            automaton.make_automaton()
            self.automaton = automaton
        self.labels = {strings.add(key): pair for key, pair in table.labels.items()}

    def __call__(self, doc: Doc) -> Doc:
        matches = list(self.matcher(doc)) + self._phrase_matches(doc)
        # From here on, spaCy's EntityRuler.match and set_annotations, step for step.
        final = sorted(
            {(m, s, e) for m, s, e in matches if s != e}, key=lambda m: (m[2] - m[1], -m[1]), reverse=True
        )
        self._set_entities(doc, final)
        return doc

    def _phrase_matches(self, doc: Doc) -> list[tuple[int, int, int]]:
        """Every phrase match, as spaCy's PhraseMatcher lists them: by start, then by end."""
        if self.automaton is None or len(doc) == 0:
            return []
        token_at: dict[int, int] = {}  # offset of a separator -> index of the token after it
        parts, offset = [], 0
        for token in doc:
            token_at[offset] = token.i
            parts.append(token.lower_)
            offset += 1 + len(token.lower_)
        token_at[offset] = len(doc)
        found: list[tuple[int, int, int]] = []
        text = _SEP + _SEP.join(parts) + _SEP
        for last, (length, size, ids) in self.automaton.iter(text):
            start = token_at.get(last - length + 1)
            end = token_at.get(last)
            if start is not None and end is not None and end - start == size:
                found.extend((match_id, start, end) for match_id in ids)
        return sorted(found, key=lambda m: (m[1], m[2]))

    def _set_entities(self, doc: Doc, matches: list[tuple[int, int, int]]) -> None:
        from spacy.tokens import Span

        entities = list(doc.ents)
        new_entities = []
        seen_tokens: set[int] = set()
        for match_id, start, end in matches:
            if any(t.ent_type for t in doc[start:end]):
                continue
            if start not in seen_tokens and end - 1 not in seen_tokens:
                if match_id in self.labels:
                    label, ent_id = self.labels[match_id]
                    span = Span(doc, start, end, label=label, span_id=ent_id)
                else:
                    span = Span(doc, start, end, label=match_id)
                new_entities.append(span)
                entities = [e for e in entities if not (e.start < end and e.end > start)]
                seen_tokens.update(range(start, end))
        doc.ents = entities + new_entities


def add_actor_ruler(nlp: Language, table: ActorTable) -> None:
    """Put the actor ruler first in ``nlp``: it reads only the words, and the statistical NER
    after it keeps the entities it sets."""
    from spacy.language import Language

    if not Language.has_factory(COMPONENT):
        Language.factory(COMPONENT, func=_make_ruler)
    ruler = cast(ActorRuler, nlp.add_pipe(COMPONENT, first=True))
    ruler.load(table)


def _make_ruler(nlp: Language, name: str) -> ActorRuler:
    return ActorRuler(nlp.vocab)


def fast_patterns(patterns: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Turn lowercase token patterns into phrase patterns, which spaCy matches far faster.

    Optional trailing words ("Taliban militants") are dropped: noun chunks and the resolver
    cover them. Case-sensitive patterns (acronyms such as "IS") stay token patterns, without
    their optional tails.
    """
    out: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    for entry in patterns:
        pattern = entry["pattern"]
        if isinstance(pattern, str):
            out.append(dict(entry))
            continue
        fixed = [t for t in pattern if "OP" not in t]
        if not fixed:
            continue
        phrases = _phrases(fixed)
        if phrases is None:
            # Wide templates (a demonym times every force word) stay out: noun chunks find
            # those phrases and the resolver names them, at a fraction of the matching cost.
            if not any(isinstance(t.get("LOWER"), dict) for t in fixed):
                out.append({**entry, "pattern": fixed})
            continue
        for phrase in phrases:
            key = (phrase, entry.get("id", ""))
            if key not in seen:
                seen.add(key)
                out.append({**entry, "pattern": phrase})
    return out


def _phrases(tokens: list[dict[str, Any]], limit: int = 12) -> list[str] | None:
    """All phrases a pattern of LOWER tokens (strings or IN lists) spells, or None."""
    options: list[list[str]] = []
    for token in tokens:
        value = token.get("LOWER") if set(token) == {"LOWER"} else None
        if isinstance(value, str):
            options.append([value])
        elif isinstance(value, dict) and set(value) == {"IN"}:
            options.append(list(value["IN"]))
        else:
            return None
    phrases = [""]
    for choices in options:
        phrases = [f"{p} {c}".strip() for p in phrases for c in choices]
        if len(phrases) > limit:
            return None
    return phrases
