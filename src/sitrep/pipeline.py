"""The runner: chains the stages over documents as generators, in batches.

clean -> nlp (one masked parse per document) -> extractors -> mentions -> merge. Resources are
loaded once by ``load_resources`` and passed in. The error policy is explicit: ``strict=True``
raises (tests), otherwise a failing document becomes a ``Failure`` and the batch goes on.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from spacy.language import Language

from . import clean, merge
from .errors import DocumentError, SitrepError
from .extractors import actors as actor_stage
from .extractors import attribution, casualties, dates
from .extractors.events import TriggerLexicon, load_trigger_lexicon, scan_sentence
from .extractors.mentions import DocumentFacts, build_mentions
from .gazetteer import Gazetteer
from .lexicon import ActorLexicon, load_actor_lexicon
from .nlp import load_nlp, parse_texts, story_text
from .records import Document, Event, Failure, Mention, Segment

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Resources:
    """Read-only resources every document uses, loaded once."""

    nlp: Language
    triggers: TriggerLexicon
    actors: ActorLexicon
    sources: attribution.SourceLexicon
    gazetteer: Gazetteer


def load_resources(*, gazetteer_path: Path | None = None, actor_path: Path | None = None) -> Resources:
    actors = load_actor_lexicon(actor_path)
    return Resources(
        nlp=load_nlp(actors.patterns()),
        triggers=load_trigger_lexicon(),
        actors=actors,
        sources=attribution.load_source_lexicon(),
        gazetteer=Gazetteer.load(gazetteer_path),
    )


@dataclass(frozen=True)
class Progress:
    done: int
    failed: int
    elapsed: float

    @property
    def rate(self) -> float:
        return self.done / self.elapsed if self.elapsed > 0 else 0.0


ProgressHook = Callable[[Progress], None]


def extract_mentions(
    items: Iterable[Document | Failure],
    resources: Resources,
    *,
    batch_size: int = 32,
    strict: bool = False,
    progress: ProgressHook | None = None,
) -> Iterator[Mention | Failure]:
    """Mentions for every document, in order; failures pass through as ``Failure`` records."""
    started, done, failed = time.perf_counter(), 0, 0
    iterator = iter(items)
    while batch := list(islice(iterator, batch_size)):
        for out in _batch(batch, resources, strict):
            if isinstance(out, Failure):
                failed += 1
            yield out
        done += len(batch)
        if progress is not None:
            progress(Progress(done, failed, time.perf_counter() - started))


def _batch(batch: list[Document | Failure], res: Resources, strict: bool) -> Iterator[Mention | Failure]:
    docs = [d for d in batch if isinstance(d, Document)]
    yield from (f for f in batch if isinstance(f, Failure))
    prepared: list[tuple[Document, list[Segment], str]] = []
    for doc in docs:
        try:
            segments = clean.segment(doc)
            prepared.append((doc, segments, story_text(doc.text, segments)))
        except SitrepError as exc:
            yield _fail(doc, exc, "clean", strict)
    parsed = parse_texts(res.nlp, (text for _, _, text in prepared))
    for (doc, segments, text), spacy_doc in zip(prepared, parsed, strict=True):
        try:
            yield from document_mentions(doc, text, spacy_doc, res)
        except SitrepError as exc:
            yield _fail(doc, exc, "extract", strict)
        except (ValueError, IndexError, KeyError) as exc:  # a bug must not kill a batch run
            if strict:
                raise
            log.exception("extraction failed on %s", doc.id)
            yield Failure(doc.id, f"internal error: {exc!r}", "extract")


def _fail(doc: Document, exc: SitrepError, stage: str, strict: bool) -> Failure:
    if strict:
        raise exc
    reason = exc.reason if isinstance(exc, DocumentError) else str(exc)
    return Failure(doc.id, reason, stage)


def document_mentions(doc: Document, text: str, spacy_doc: Any, res: Resources) -> list[Mention]:
    """Run every extractor over one parsed document and assemble its mentions."""
    sentences = list(spacy_doc.sents)
    scans = tuple(scan_sentence(s, 0, res.triggers) for s in sentences if s.text.strip())
    found_dates = tuple(dates.find_dates(text, published=doc.published, base=0))
    country, country_span = _country(res.gazetteer, _place_text(text, spacy_doc))
    iso3 = country.iso3 if country else None
    first_date = found_dates[0].value if found_dates else doc.published
    facts = DocumentFacts(
        document=doc,
        scans=scans,
        dates=found_dates,
        tolls=tuple(casualties.find_tolls(text, base=0)),
        attributions=tuple(attribution.attribute(sentences, outlet=doc.outlet, lexicon=res.sources, base=0)),
        actors=tuple(actor_stage.find_actors(sentences, 0, res.actors, iso3, first_date)),
        country=country,
        country_span=country_span,
        split_events=casualties.split_events(text),
    )
    return build_mentions(facts, res.actors.resolve, casualties.acled_fatalities)


NOT_PLACES = frozenset({"PERSON", "ACTOR", "ORG", "NORP", "WORK_OF_ART", "PRODUCT", "EVENT"})


def _place_text(text: str, spacy_doc: Any) -> str:
    """The text with people, organisations and actors blanked: "Col. Gleason" and "US troops"
    say nothing about where an event happened, and the gazetteer would read them as places."""
    chars = list(text)
    for ent in spacy_doc.ents:
        if ent.label_ in NOT_PLACES:
            for i in range(ent.start_char, ent.end_char):
                chars[i] = " "
    return "".join(chars)


def _country(gazetteer: Gazetteer, text: str) -> tuple[Any, tuple[int, int] | None]:
    votes = gazetteer.country_votes(text)
    if not votes:
        return None, None
    country = votes[0][0]
    for toponym in gazetteer.scan(text):
        if any(c.iso3 == country.iso3 for c in toponym.candidates):
            return country, (toponym.start, toponym.end)
    return country, None


def extract(
    documents: Iterable[Document | Failure | dict[str, Any] | str],
    resources: Resources | None = None,
    *,
    strict: bool = True,
) -> list[Event]:
    """The Python API: documents in, merged events out."""
    res = resources or load_resources()
    items = [_as_document(d, n) for n, d in enumerate(documents)]
    mentions = [m for m in extract_mentions(items, res, strict=strict) if isinstance(m, Mention)]
    return merge.merge(mentions)


def _as_document(item: Document | Failure | dict[str, Any] | str, n: int) -> Document | Failure:
    if isinstance(item, Document | Failure):
        return item
    if isinstance(item, str):
        return Document(id=f"doc-{n}", text=item)
    return Document.from_dict({"id": f"doc-{n}", **item})
