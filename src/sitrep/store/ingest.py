"""Adding documents to a store, one transaction each, with the same events as one batch run.

The merge links two mentions when their pair score reaches the threshold, makes events of the
connected components of those links (split where a component holds two incidents), and weighs
each report by its syndication family. A new document can only change the components its
mentions link into and the events of documents in its family; so for each new document:

1. extract its mentions; find the stored mentions it links to (only mentions within the merge's
   reach in days can link) and the stored documents that are now in its family;
2. take every stored mention of the components touched, whole, and join the components the new
   mentions link together;
3. merge each resulting component again with the documents (and their families) it needs, and
   replace its old events, all in the document's transaction.

Components are named by their smallest mention key (a content hash and a number), so the stored
events do not depend on the order documents arrive in: one at a time in any order, or all at once,
they are the events ``sitrep extract`` gives for the same documents.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import islice
from typing import TYPE_CHECKING, Any

from sitrep.records import Document, Failure, Mention, content_hash

from . import engine
from .base import Change, Store, StoredDocument, StoredMention

if TYPE_CHECKING:
    from sitrep.merge.dedupe import DocInfo

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Outcome:
    """What became of one input: ``stored``, ``skipped`` (its text is stored already) or ``failed``."""

    document: str
    status: str
    reason: str = ""
    mentions: int = 0


ProgressHook = Callable[[Outcome], None]


def ingest(
    store: Store,
    items: Iterable[Document | Failure],
    resources: Any,
    *,
    batch_size: int = 16,
    progress: ProgressHook | None = None,
) -> Iterator[Outcome]:
    """Store every new document in ``items``; yields what became of each (documents already stored
    as they are met, the others once a batch is extracted and each is stored).

    ``resources`` may be a function that loads them: it is called when the first new document
    needs extracting, so a run that finds nothing new loads no model."""
    families = load_families(store)
    loaded: list[Any] = []
    iterator = iter(items)
    while batch := list(islice(iterator, max(1, batch_size))):
        fresh: list[tuple[str, Document]] = []
        taken: set[str] = set()
        for item in batch:
            if isinstance(item, Failure):
                yield _told(Outcome(item.document, "failed", item.reason), progress)
                continue
            key = content_hash(item.text)
            if store.has_document(key) or key in {k for k, _ in fresh}:
                yield _told(Outcome(item.id, "skipped", "already stored"), progress)
                continue
            document = unique_id(store, item, key, taken)
            taken.add(document.id)
            fresh.append((key, document))
        if fresh and not loaded:
            loaded.append(resources() if callable(resources) else resources)
        extracted = engine.extract([doc for _, doc in fresh], loaded[0]) if fresh else {}
        for key, document in fresh:
            found = extracted[document.id]
            if isinstance(found, Failure):
                yield _told(Outcome(document.id, "failed", found.reason), progress)
                continue
            try:
                add_document(store, families, key, document, found)
            except BaseException:
                families = load_families(store)  # the family of the document not stored
                raise
            yield _told(Outcome(document.id, "stored", mentions=len(found)), progress)


def _told(outcome: Outcome, progress: ProgressHook | None) -> Outcome:
    if progress is not None:
        progress(outcome)
    return outcome


def load_families(store: Store) -> engine.Families:
    families = engine.Families()
    for row in store.doc_infos():
        families.add(engine.make_doc_info(*row))
    return families


def unique_id(store: Store, document: Document, key: str, taken: set[str]) -> Document:
    """The document, renamed ``<id>~<hash>`` when another text is stored under its id already (an
    article updated in place keeps both versions)."""
    if store.key_of_id(document.id) is None and document.id not in taken:
        return document
    renamed = f"{document.id}~{key[:8]}"
    log.warning("%s: another text is stored under this id; storing this one as %s", document.id, renamed)
    return replace(document, id=renamed)


def add_document(
    store: Store, families: engine.Families, key: str, document: Document, mentions: list[Mention]
) -> Change:
    """Store one document and its mentions, merging them into the stored events (one transaction)."""
    info = engine.doc_info(document)
    new = [
        StoredMention(f"{key}:{n:04d}", document.id, engine.day_of(m), f"{key}:{n:04d}", m)
        for n, m in enumerate(mentions)
    ]
    linked = _linked_components(store, new)
    families.add(info)
    kin = families.members([document.id]) - {document.id}
    touched = set().union(*linked) | store.components_of_documents(kin)
    old = store.mentions_of_components(touched)
    groups = _components(new, linked, old)
    change = Change(StoredDocument(key, document, info.signature), removed_components=touched)
    change.mentions = [replace(m, component=groups[m.key]) for m in new]
    change.moved = [(m.key, groups[m.key]) for m in old if groups[m.key] != m.component]
    members: dict[str, list[StoredMention]] = {}
    for m in [*old, *change.mentions]:
        members.setdefault(groups[m.key], []).append(m)
    for component, group in sorted(members.items()):
        for event in _merge(store, families, group, info):
            change.events.append((event, component))
    store.write(change)
    return change


def _linked_components(store: Store, new: list[StoredMention]) -> list[set[str]]:
    """For each new mention, the stored components it links to. A mention without a day may be one
    incident with a mention of any day, so an undated new mention is compared with every stored
    one, and a dated one with the undated ones too."""
    if not new:
        return []
    days = [m.day for m in new if m.day is not None]
    if len(days) < len(new):
        candidates = store.all_mentions()
    else:
        reach = engine.link_reach()
        candidates = store.mentions_in_days(min(days) - reach, max(days) + reach) + store.mentions_undated()
    links = engine.links([m.mention for m in new], [c.mention for c in candidates])
    return [{candidates[j].component for j in found} for found in links]


def _components(new: list[StoredMention], linked: list[set[str]], old: list[StoredMention]) -> dict[str, str]:
    """Each mention key's component after the new mentions join: named by its smallest key."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for m in old:
        parent[find(m.key)] = find(m.component)
    for m, components in zip(new, linked, strict=True):
        for component in components:
            a, b = find(m.key), find(component)
            if a != b:
                parent[max(a, b)] = min(a, b)
    groups: dict[str, list[str]] = {}
    for m in [*old, *new]:
        groups.setdefault(find(m.key), []).append(m.key)
    return {k: min(keys) for keys in groups.values() for k in keys}


def _merge(store: Store, families: engine.Families, group: list[StoredMention], new: DocInfo) -> list[Any]:
    """The events of one link group, from the stored documents' records and the new one's (not
    stored yet: it is written in the same transaction)."""
    documents = families.members({m.document for m in group})
    infos = [engine.make_doc_info(*row) for row in store.doc_infos(documents - {new.id})]
    return engine.merge((m.mention for m in group), [*infos, new] if new.id in documents else infos)
