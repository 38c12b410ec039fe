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

from collections.abc import Iterable, Iterator
from typing import Any

from sitrep.errors import DocumentError, ResourceError, SitrepError, UsageError
from sitrep.records import Claim, Contradiction, Document, Event, Failure
from sitrep.resources import Resources, load_resources

__version__ = "0.1.0"

Input = Document | Failure | dict[str, Any] | str


def extract(
    documents: Iterable[Input], resources: Resources | None = None, *, strict: bool = True
) -> list[Event]:
    """Code documents (``Document`` records, dicts with ``id`` and ``text``, or plain strings) into
    events merged across documents. ``strict`` raises on the first document that fails."""
    from sitrep.pipeline import extract as _extract

    return _extract(documents, resources, strict=strict)


def iter_events(
    documents: Iterable[Input],
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
