"""The merge stage: mentions from many documents become events, claims are kept, disagreements listed.

``Merger`` takes mentions (and, optionally, the documents they come from) one by one or in
batches; ``events()`` clusters them (cluster.py), picks each field by the rules in docs/merge.md
(reconcile.py) and writes the notes. Clustering and field rules depend only on the set of
mentions and documents added, so any arrival order gives the same events as the batch ``merge``.
Without documents there is no syndication check and no publication day for rising tolls.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from itertools import combinations
from typing import TypeVar

from sitrep.merge import reconcile
from sitrep.merge.cluster import LINK_THRESHOLD, BlockIndex, View, link_score, split, view_of
from sitrep.merge.dedupe import DocInfo, Syndication, doc_info
from sitrep.merge.notes import notes_for
from sitrep.merge.reconcile import Context, contradictions
from sitrep.merge.unionfind import UnionFind
from sitrep.records import Document, Event, Mention, content_hash

T = TypeVar("T")

__all__ = ["Merger", "event_from", "merge"]


def merge(mentions: Iterable[Mention], documents: Sequence[Document | DocInfo] = ()) -> list[Event]:
    """Events from mentions of any number of documents, merged across documents."""
    merger = Merger(documents)
    merger.add_all(mentions)
    return merger.events()


class Merger:
    """Incremental merging: add documents and mentions as they arrive, ask for events any time."""

    def __init__(self, documents: Iterable[Document | DocInfo] = ()) -> None:
        self._mentions: list[Mention] = []
        self._views: dict[int, View] = {}
        self._seen: set[tuple] = set()
        self._index = BlockIndex()
        self._links: UnionFind[int] = UnionFind()
        self._edges: dict[int, set[int]] = defaultdict(set)
        self._docs: dict[str, DocInfo] = {}
        self._syndication = Syndication()
        # A first document alone has no copies to find: it is signed (a MinHash, which loads
        # datasketch and scipy) only when a second one arrives, so one document never pays for it.
        self._unsigned: Document | None = None
        self.add_documents(documents)

    def add_documents(self, documents: Iterable[Document | DocInfo]) -> None:
        for document in documents:
            if document.id in self._docs:
                continue
            if isinstance(document, Document) and not self._docs:
                self._docs[document.id] = doc_info(document, signed=False)
                self._unsigned = document
                continue
            self._sign_first()
            info = doc_info(document) if isinstance(document, Document) else document
            self._docs[info.id] = info
            self._syndication.add(info)

    def _sign_first(self) -> None:
        if self._unsigned is not None:
            info = doc_info(self._unsigned)
            self._unsigned = None
            self._docs[info.id] = info
            self._syndication.add(info)

    def keep_documents(self, items: Iterable[T]) -> Iterator[T]:
        """Pass items through, keeping what merging needs of each ``Document`` (never its text)."""
        for item in items:
            if isinstance(item, Document):
                self.add_documents((item,))
            yield item

    def add(self, mention: Mention) -> None:
        key = _rank(mention)
        if key in self._seen:
            return  # the same document read twice
        self._seen.add(key)
        index = len(self._mentions)
        self._mentions.append(mention)
        self._links.find(index)
        view = view_of(index, mention)
        self._views[index] = view
        for other in sorted(self._index.candidates(view)):
            score = link_score(view, self._views[other])
            if score is not None and score >= LINK_THRESHOLD:
                self._join(index, other)
        self._index.add(view)

    def add_all(self, mentions: Iterable[Mention]) -> None:
        for mention in mentions:
            self.add(mention)

    def __len__(self) -> int:
        return len(self._mentions)

    def clusters(self) -> list[list[Mention]]:
        """Groups of mentions that tell one incident, in a canonical order."""
        self._link_copies()
        ranks = {i: _rank(m) for i, m in enumerate(self._mentions)}
        out: list[list[Mention]] = []
        for component in self._links.groups(range(len(self._mentions))):
            views = [self._views[i] for i in component]
            for part in split(views, self._edges, ranks):
                out.append(sorted((self._mentions[v.index] for v in part), key=_rank))
        return out

    def _link_copies(self) -> None:
        """Syndicated copies tell one story: their mentions link wherever they could be one
        incident. Done when events are asked for, once every document's family is known, so the
        order documents and mentions arrived in does not matter."""
        by_family: dict[str, list[int]] = defaultdict(list)
        for index, m in enumerate(self._mentions):
            by_family[self._syndication.family(m.document)].append(index)
        for members in by_family.values():
            for i, j in combinations(members, 2):
                if j in self._edges[i]:
                    continue
                score = link_score(self._views[i], self._views[j], kin=True)
                if score is not None and score >= LINK_THRESHOLD:
                    self._join(i, j)

    def _join(self, i: int, j: int) -> None:
        self._links.union(i, j)
        self._edges[i].add(j)
        self._edges[j].add(i)

    def events(self) -> list[Event]:
        ctx = Context(self._docs, self._syndication.family)
        events = [event_from(group, ctx) for group in self.clusters()]
        return sorted(events, key=lambda e: (e.event_date or "", e.event_id))


def _rank(m: Mention) -> tuple:
    return (m.document, tuple(m.trigger_span), m.sub_event_type, m.event_date or "")


# --------------------------------------------------------------------------- one event


def event_from(group: Sequence[Mention], ctx: Context | None = None) -> Event:
    """One event from the mentions of one incident, each field by its documented rule."""
    ctx = ctx or Context({}, lambda d: d)
    w = reconcile.weights(group, ctx)
    main = reconcile.pick_type(group, w)
    day, precision = reconcile.pick_date(group, w)
    a1, a2 = reconcile.pick_actors(group, w, main.event_type)
    place = reconcile.pick_place(group, w)
    where = reconcile.pick_country(group, w, place)
    toll, current = reconcile.fatalities(group, ctx)
    claims = tuple(c for m in group for c in m.claims)
    documents = tuple(dict.fromkeys(m.document for m in group))
    event = Event(
        event_id=_event_id(group, ctx, day, main.sub_event_type),
        documents=documents,
        event_date=day,
        time_precision=precision,
        disorder_type=main.disorder_type,
        event_type=main.event_type,
        sub_event_type=main.sub_event_type,
        actor1=a1.name if a1 else None,
        actor2=a2.name if a2 else None,
        assoc_actor_1=_assoc(group, a1, "assoc_actor_1"),
        assoc_actor_2=_assoc(group, a2, "assoc_actor_2"),
        inter1=a1.inter if a1 else 0,
        inter2=a2.inter if a2 else 0,
        country=where.country if where else None,
        iso3=where.iso3 if where else None,
        admin1=place.admin1 if place else None,
        admin2=place.admin2 if place else None,
        location=place.location if place else None,
        latitude=place.latitude if place else None,
        longitude=place.longitude if place else None,
        geo_precision=place.geo_precision if place else max(m.geo_precision for m in group),
        fatalities=toll,
        source=tuple(dict.fromkeys(s for m in group for s in m.sources)),
        claims=claims,
        contradictions=contradictions(claims, current),
        cameo=main.cameo,
        plover=main.plover,
        confidence=max(m.confidence for m in group),
    )
    return replace(event, notes=notes_for(event, _families(group, ctx)))


def _event_id(group: Sequence[Mention], ctx: Context, day: str | None, sub_event_type: str) -> str:
    """From content: the texts of the reports (however their files are named), where in each the
    event is told, and the event's day and type. The same input gives the same id."""
    told = sorted(f"{ctx.digest(m.document)}:{m.trigger_span[0]}:{m.trigger_span[1]}" for m in group)
    return content_hash(*told, day or "", sub_event_type)


def _assoc(group: Sequence[Mention], actor, field: str) -> tuple[str, ...]:
    if actor is None:
        return ()
    side = "actor1" if field == "assoc_actor_1" else "actor2"
    out = [
        a
        for m in group
        if getattr(m, side) and getattr(m, side).name == actor.name
        for a in getattr(m, field)
    ]
    return tuple(dict.fromkeys(a for a in out if a != actor.name))


def _families(group: Sequence[Mention], ctx: Context) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for document in dict.fromkeys(m.document for m in group):
        out[ctx.family(document)].append(document)
    return out
