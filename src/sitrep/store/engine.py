"""The one place the store reaches into the coding engine.

Reading documents, extracting mentions, the link rule between two mentions, syndication families
and the merge all come from the engine through this module, so a change to the engine's layout
touches this file only. Everything is imported when first used, never at import.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, BinaryIO, TextIO

from sitrep.records import Document, Event, Failure, Mention

if TYPE_CHECKING:
    from sitrep.merge.dedupe import DocInfo


def load_resources() -> Any:
    from sitrep.resources import load_resources as load

    return load()


def read_paths(
    paths: Iterable[str], *, stdin: TextIO | BinaryIO | None = None, **options: Any
) -> Iterator[Document | Failure]:
    """Documents (or failures naming them) from files, folders and ``-``, as ``sitrep extract`` reads."""
    from sitrep.ingest.read import read_paths as read

    return read(paths, stdin=stdin, **options)


def extract(documents: Sequence[Document], resources: Any) -> dict[str, list[Mention] | Failure]:
    """Each document's mentions (possibly none), or the failure that stopped it, by document id."""
    from sitrep import pipeline
    from sitrep.ingest.screen import fit

    out: dict[str, list[Mention] | Failure] = {}
    fitting: list[Document] = []
    for doc in documents:
        checked = fit(doc)
        if isinstance(checked, Failure):
            out[doc.id] = checked
        else:
            fitting.append(checked)
    size = max(1, len(fitting))
    for item in pipeline.extract_mentions(fitting, resources, batch_size=size):
        if isinstance(item, Failure):
            out[item.document] = item
        else:
            out[item.document.id] = item.mentions
    return out


def doc_info(document: Document) -> DocInfo:
    """What merging keeps of a document: id, outlet, day and a MinHash signature, never the text."""
    from sitrep.merge.dedupe import doc_info as _doc_info

    return _doc_info(document)


def make_doc_info(
    doc_id: str, published: str | None, outlet: str | None, signature: Sequence[int], digest: str = ""
) -> DocInfo:
    """``digest``: the hash of the document's text, from which event ids are made."""
    from sitrep.merge.dedupe import DocInfo

    return DocInfo(doc_id, published, outlet, tuple(signature), digest)


def merge(mentions: Iterable[Mention], documents: Iterable[DocInfo]) -> list[Event]:
    """Events exactly as a batch run makes them from these mentions and documents."""
    from sitrep.merge import Merger

    merger = Merger(documents)
    merger.add_all(mentions)
    return merger.events()


# A report that gives only its month fits a day of that month or of the month before.
MONTH_REACH = 62


def link_reach() -> int:
    """The most days two mentions' stored days can lie apart and still be linked as one incident."""
    from sitrep.merge.pairs import LAG, MISDATED, SLACK

    return max(max(SLACK.values()), MISDATED, LAG, MONTH_REACH)


def day_of(mention: Mention) -> int | None:
    """The mention's day as an ordinal (a month-only mention's is the 1st); None when it has none."""
    if not mention.event_date:
        return None
    try:
        return date.fromisoformat(mention.event_date[:10]).toordinal()
    except ValueError:
        return None


def links(new: Sequence[Mention], stored: Sequence[Mention]) -> list[set[int]]:
    """For each new mention, the indexes of the stored mentions it links to (the merge's own rule:
    a pair score at or above the link threshold)."""
    from sitrep.merge.cluster import LINK_THRESHOLD, link_score, view_of

    old_views = [(j, view_of(j, m)) for j, m in enumerate(stored)]
    out: list[set[int]] = []
    for i, mention in enumerate(new):
        view = view_of(len(stored) + i, mention)
        found: set[int] = set()
        if view is not None:
            for j, other in old_views:
                if other is None:
                    continue
                score = link_score(view, other)
                if score is not None and score >= LINK_THRESHOLD:
                    found.add(j)
        out.append(found)
    return out


@dataclass
class Families:
    """Syndication families over every stored document (near-identical texts of one wire story).

    A new copy can join two families, so the events of every document in its family are merged
    again; ``members`` tells which."""

    _syndication: Any = None
    _ids: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        from sitrep.merge.dedupe import Syndication

        self._syndication = Syndication()

    def add(self, info: DocInfo) -> None:
        self._syndication.add(info)
        self._ids.append(info.id)

    def family(self, document: str) -> str:
        return str(self._syndication.family(document))

    def members(self, documents: Iterable[str]) -> set[str]:
        """Every document in the families of these documents (themselves included)."""
        wanted = {self.family(d) for d in documents}
        found = {d for d in self._ids if self.family(d) in wanted}
        return found | set(documents)
