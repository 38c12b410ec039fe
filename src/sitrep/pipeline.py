"""The runner: documents in, events out, as a stream, in batches, with one error policy.

clean -> nlp (one masked parse per document, in batches) -> ``document.document_mentions`` ->
merge. ``Runner`` is the one streaming entry point: the command line and ``sitrep.extract`` /
``sitrep.iter_events`` all go through it. Its error policy is explicit: ``strict=True`` raises
(tests); otherwise a failing document becomes a ``Failure`` naming it and the run goes on.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from sitrep import clean
from sitrep.document import document_mentions
from sitrep.errors import DocumentError, SitrepError
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
        self.failures = 0

    def run(self, items: Iterable[Document | Failure]) -> Iterator[Event | Failure]:
        for out in extract_mentions(
            items, self.resources, batch_size=self.batch_size, strict=self.strict, progress=self.progress
        ):
            if isinstance(out, Failure):
                self.failures += 1
                yield out
            elif self.merging:
                self.merger.add_documents((out.document,))
                self.merger.add_all(out.mentions)
            else:
                yield from merge(out.mentions, [out.document])

    def events(self) -> list[Event]:
        """The events merged so far (none when not merging: they were yielded as coded)."""
        return self.merger.events() if self.merging else []


def iter_events(
    documents: Iterable[Document | Failure | dict[str, Any] | str],
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
    documents: Iterable[Document | Failure | dict[str, Any] | str],
    resources: Resources | None = None,
    *,
    strict: bool = True,
) -> list[Event]:
    """Documents in, merged events out (``strict`` raises on the first document that fails)."""
    return [e for e in iter_events(documents, resources, strict=strict) if isinstance(e, Event)]


def as_documents(items: Iterable[Document | Failure | dict[str, Any] | str]) -> Iterator[Document | Failure]:
    """``Document`` records from what the Python API accepts: records, dicts, plain strings."""
    for n, item in enumerate(items):
        if isinstance(item, Document | Failure):
            yield item
        elif isinstance(item, str):
            yield Document(id=f"doc-{n}", text=item)
        else:
            yield Document.from_dict({"id": f"doc-{n}", **item})


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


def _batch(batch: list[Document | Failure], res: Resources, strict: bool) -> Iterator[Coded | Failure]:
    """One batch: every document cleaned, all parsed together by spaCy, each then coded."""
    texts: dict[int, str | Failure] = {}
    for k, item in enumerate(batch):
        if isinstance(item, Document):
            texts[k] = _guarded(item, "clean", strict, _story_text, item)
    parseable = [k for k, t in texts.items() if isinstance(t, str)]
    parsed = dict(zip(parseable, parse_texts(res.nlp, (str(texts[k]) for k in parseable)), strict=True))
    for k, item in enumerate(batch):
        if isinstance(item, Failure):
            yield item
            continue
        text = texts[k]
        if isinstance(text, Failure):
            yield text
            continue
        out = _guarded(item, "extract", strict, document_mentions, item, text, parsed[k], res)
        yield out if isinstance(out, Failure) else Coded(item, out)


def _story_text(doc: Document) -> str:
    return story_text(doc.text, clean.segment(doc))


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
        log.exception("%s failed on %s", stage, doc.id)
        return Failure(doc.id, f"internal error: {exc!r}", stage)
