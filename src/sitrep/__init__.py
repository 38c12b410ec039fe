"""sitrep: news reports of political violence and unrest in, ACLED-style event records out.

    import sitrep
    resources = sitrep.load_resources()          # once: model, lexicons, gazetteer
    events = sitrep.extract(["Gunmen killed five villagers in ..."], resources)
    for item in sitrep.iter_events(feed, resources):   # a stream: Failures as they happen, then events
        ...

Nothing heavy is loaded at import: the model, lexicons and gazetteer load when
``load_resources`` (or the first ``extract``) runs.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from typing import Any

from sitrep.errors import DocumentError, ResourceError, SitrepError, UsageError
from sitrep.records import Claim, Contradiction, Document, Event, Failure
from sitrep.resources import Resources, load_resources

__version__ = "0.1.0"

Input = Document | Failure | dict[str, Any] | str | os.PathLike[str]
Inputs = Input | Iterable[Input]


def extract(
    documents: Inputs, resources: Resources | None = None, *, strict: bool = True
) -> list[Event]:
    """Code documents into events merged across documents. ``documents`` is one document or an
    iterable of them: ``Document`` records, dicts like JSON-lines records (``text`` or ``html``,
    optional ``id``, ``published``, ``outlet``, ``url``, ``title``), plain strings, or ``Path``s
    to files and folders. ``strict`` raises the ``DocumentError`` naming the first document that
    fails; otherwise failed documents are left out (``iter_events`` gives them)."""
    from sitrep.pipeline import extract as _extract

    return _extract(documents, resources, strict=strict)


def iter_events(
    documents: Inputs,
    resources: Resources | None = None,
    *,
    merge: bool = True,
    strict: bool = False,
) -> Iterator[Event | Failure]:
    """Code a stream of documents: each ``Failure`` as it happens, then the merged events (with
    ``merge=False``, each document's events as soon as it is coded)."""
    from sitrep.pipeline import iter_events as _iter_events

    return _iter_events(documents, resources, merge=merge, strict=strict)


__all__ = [
    "Claim",
    "Contradiction",
    "Document",
    "DocumentError",
    "Event",
    "Failure",
    "ResourceError",
    "Resources",
    "SitrepError",
    "UsageError",
    "__version__",
    "extract",
    "iter_events",
    "load_resources",
]
