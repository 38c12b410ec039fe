"""The runner: documents in, events out, as a stream, in batches, with one error policy.

clean -> nlp (one masked parse per document, in batches) -> ``document.document_mentions`` ->
merge. ``Runner`` is the one streaming entry point: the command line and ``sitrep.extract`` /
``sitrep.iter_events`` all go through it. Its error policy is explicit: ``strict=True`` raises
(tests); otherwise a failing document becomes a ``Failure`` naming it and the run goes on.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import islice
from typing import Any

from sitrep import clean
from sitrep.chunks import MAX_TEXT_CHARS, PART_CHARS, parts, shifted
from sitrep.document import document_mentions
from sitrep.errors import DocumentError, SitrepError
from sitrep.ingest.read import document_from_json, read_paths
from sitrep.ingest.screen import Screen
from sitrep.merge import Merger, merge
from sitrep.nlp import parse_texts, story_text
from sitrep.records import Document, Event, Failure, Mention
from sitrep.resources import Resources, load_resources

log = logging.getLogger(__name__)

DEFAULT_BATCH = 32


@dataclass(frozen=True)
class Progress:
    done: int
    failed: int
    elapsed: float

    @property
    def rate(self) -> float:
        return self.done / self.elapsed if self.elapsed > 0 else 0.0


ProgressHook = Callable[[Progress], None]
Input = Document | Failure | dict[str, Any] | str | os.PathLike[str]
Inputs = Input | Iterable[Input]


@dataclass(frozen=True)
class Coded:
    """One document's mentions (none when it reports no event)."""

    document: Document
    mentions: list[Mention]


class Runner:
    """One run over a stream of documents.

    ``run(items)`` yields each ``Failure`` as it happens and, with ``merge=False``, each
    document's events as soon as it is coded. With ``merge=True`` (the default) reports of one
    incident from several documents become one event: ``events()`` gives the events merged so
    far, at any time (after an interruption too).
    """

    def __init__(
        self,
        resources: Resources | None = None,
        *,
        merge: bool = True,
        strict: bool = False,
        batch_size: int = DEFAULT_BATCH,
        progress: ProgressHook | None = None,
    ) -> None:
        self.resources = resources or load_resources()
        self.merging = merge
        self.strict = strict
        self.batch_size = batch_size
        self.progress = progress
        self.merger = Merger()
        self.screen = Screen()
        self.failures = 0

    def run(self, items: Iterable[Document | Failure]) -> Iterator[Event | Failure]:
        screened = (x for item in items if (x := self._screened(item)) is not None)
        for out in extract_mentions(
            screened, self.resources, batch_size=self.batch_size, strict=self.strict, progress=self.progress
        ):
            if isinstance(out, Failure):
                self.failures += 1
                yield out
                continue
            if out.mentions and all(m.event_date is None for m in out.mentions):
                log.warning(
                    "%s: no date: no publication date was given and the text names no day, so its events"
                    " are undated (give one with --published or a metadata sidecar)", out.document.id
                )
            if self.merging:
                self.merger.add_documents((out.document,))
                self.merger.add_all(out.mentions)
                log.debug("%s: coded, %d event mention(s) merged", out.document.id, len(out.mentions))
            else:
                log.debug("%s: coded, %d event mention(s)", out.document.id, len(out.mentions))
                yield from merge(out.mentions, [out.document])

    def events(self) -> list[Event]:
        """The events merged so far (none when not merging: they were yielded as coded)."""
        return self.merger.events() if self.merging else []

    def _screened(self, item: Document | Failure) -> Document | Failure | None:
        out = item if isinstance(item, Failure) else self.screen.check(item)
        if isinstance(out, Failure) and self.strict:
            raise DocumentError(out.document, out.reason)
        return out


def iter_events(
    documents: Inputs,
    resources: Resources | None = None,
    *,
    merge: bool = True,
    strict: bool = False,
    batch_size: int = DEFAULT_BATCH,
) -> Iterator[Event | Failure]:
    """Events from documents as a stream: each ``Failure`` as it happens, then the merged events
    (or, with ``merge=False``, each document's events as soon as it is coded)."""
    runner = Runner(resources, merge=merge, strict=strict, batch_size=batch_size)
    yield from runner.run(as_documents(documents))
    yield from runner.events()


def extract(
    documents: Inputs,
    resources: Resources | None = None,
    *,
    strict: bool = True,
) -> list[Event]:
    """Documents in, merged events out (``strict`` raises on the first document that fails)."""
    return [e for e in iter_events(documents, resources, strict=strict) if isinstance(e, Event)]


def as_documents(items: Inputs) -> Iterator[Document | Failure]:
    """``Document`` records from what the Python API accepts, as the command line reads them: a
    ``Document``, a dict like a JSON-lines record (``text`` or ``html``, optional metadata), plain
    text, a ``Path`` to a file or folder, or an iterable of these. Bad items become ``Failure``s
    naming them (``doc-N`` when they carry no id)."""
    if isinstance(items, str | dict | Document | Failure | os.PathLike):
        items = [items]
    for n, item in enumerate(items):
        if isinstance(item, Document | Failure):
            yield item
        elif isinstance(item, os.PathLike):
            yield from read_paths([os.fspath(item)])
        elif isinstance(item, str):
            yield Document(id=f"doc-{n}", text=item)
        elif isinstance(item, dict):
            yield _from_dict(item, f"doc-{n}")
        else:
            yield Failure(f"doc-{n}", f"cannot read a {type(item).__name__} as a document", "ingest")


def _from_dict(item: dict[str, Any], where: str) -> Document | Failure:
    try:
        return document_from_json(item, where)
    except DocumentError as exc:
        return Failure(exc.document, exc.reason, "ingest")


# --------------------------------------------------------------------------- per document


def extract_mentions(
    items: Iterable[Document | Failure],
    resources: Resources,
    *,
    batch_size: int = DEFAULT_BATCH,
    strict: bool = False,
    progress: ProgressHook | None = None,
) -> Iterator[Coded | Failure]:
    """Each document's mentions (or its ``Failure``), in input order."""
    started, done, failed = time.perf_counter(), 0, 0
    iterator = iter(items)
    while batch := list(islice(iterator, batch_size)):
        for out in _batch(batch, resources, strict):
            failed += isinstance(out, Failure)
            yield out
        done += len(batch)
        if progress is not None:
            progress(Progress(done, failed, time.perf_counter() - started))


@dataclass(frozen=True)
class _Part:
    """A document, or one part of a long one, ready to parse: ``text`` is its story text."""

    index: int  # the document's place in the batch
    document: Document
    text: str
    offset: int  # where the part starts in the whole text


def _batch(batch: list[Document | Failure], res: Resources, strict: bool) -> Iterator[Coded | Failure]:
    """One batch: every document cleaned (long ones cut in parts), all parsed together by spaCy,
    each coded, the results given in input order."""
    results: dict[int, Coded | Failure] = {}
    todo: list[_Part] = []
    for k, item in enumerate(batch):
        if isinstance(item, Failure):
            results[k] = item
            continue
        prepared = _guarded(item, "clean", strict, _parts, k, item)
        results[k] = prepared if isinstance(prepared, Failure) else Coded(item, [])
        todo.extend(() if isinstance(prepared, Failure) else prepared)
    done = 0
    for part, spacy_doc in zip(todo, parse_texts(res.nlp, (p.text for p in todo)), strict=True):
        while done < part.index:
            yield results.pop(done)
            done += 1
        coded = results[part.index]
        if isinstance(coded, Failure):
            continue  # an earlier part of this document failed
        args = (part.document, part.text, spacy_doc, res)
        out = _guarded(part.document, "extract", strict, document_mentions, *args)
        if isinstance(out, Failure):
            results[part.index] = out
        else:
            coded.mentions.extend(shifted(m, part.offset) for m in out)
    while done < len(batch):
        yield results.pop(done)
        done += 1


def _parts(index: int, doc: Document) -> list[_Part]:
    """The document's story text (junk blanked, offsets kept), in parts if it is long."""
    text = story_text(doc.text, clean.segment(doc))
    if len(text) > MAX_TEXT_CHARS:
        raise DocumentError(
            doc.id, f"too long to code as one report: {len(text):,} characters (limit {MAX_TEXT_CHARS:,});"
            " split it into separate documents"
        )
    if len(text) <= PART_CHARS:
        return [_Part(index, doc, text, 0)]
    return [_Part(index, replace(doc, text=doc.text[a:b]), text[a:b], a) for a, b in parts(text, PART_CHARS)]


def _guarded(doc: Document, stage: str, strict: bool, work: Callable[..., Any], *args: Any) -> Any:
    """``work(*args)``, or the ``Failure`` naming the document when it fails and ``strict`` is
    off: one bad page never takes a run down."""
    try:
        return work(*args)
    except SitrepError as exc:
        if strict:
            raise
        reason = exc.reason if isinstance(exc, DocumentError) else str(exc)
        return Failure(doc.id, reason, stage)
    except Exception as exc:  # noqa: BLE001 - a bug on one page must not cost the others
        if strict:
            raise
        log.debug("%s failed on %s", stage, doc.id, exc_info=True)  # the Failure names it
        return Failure(doc.id, f"internal error: {exc!r}", stage)
