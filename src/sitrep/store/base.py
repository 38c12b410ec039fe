"""The store's interface and the SQL both back ends share.

``Store`` keeps documents (with their text, for the dossier), the mentions extracted from each,
and the events merged from those mentions. Every write of one document is one transaction
(``write``), so an interrupted ingest leaves the store as it was before that document. The back
ends (sqlite.py, postgres.py) differ only in how they connect, their placeholder and their
transactions; the SQL here is written with ``?`` placeholders.
"""

from __future__ import annotations

import json
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sitrep.errors import SitrepError
from sitrep.records import Document, Event, Mention

from .filters import EventFilter
from .migrations import LATEST, MIGRATIONS, VERSIONS_TABLE

CHUNK = 500  # ids per IN (...) list
MAX_PAGE = 1000
InfoRow = tuple[str, str | None, str | None, list[int], str]
DOCUMENT_COLUMNS = ("key", "id", "url", "outlet", "published", "title", "language", "path", "text")


class StoreError(SitrepError):
    """The store cannot be opened or written (bad URL, newer schema, a database error)."""


@dataclass(frozen=True)
class StoredMention:
    key: str  # "<document content hash>:<n>"
    document: str
    day: int | None
    component: str
    mention: Mention


@dataclass(frozen=True)
class StoredDocument:
    key: str
    document: Document
    signature: tuple[int, ...]


@dataclass
class Change:
    """Everything one ingested document changes, written in one transaction."""

    document: StoredDocument
    mentions: list[StoredMention] = field(default_factory=list)
    moved: list[tuple[str, str]] = field(default_factory=list)  # (mention key, new component)
    removed_components: set[str] = field(default_factory=set)
    events: list[tuple[Event, str]] = field(default_factory=list)  # (event, component)


@dataclass(frozen=True)
class Page:
    total: int
    offset: int
    limit: int
    events: list[Event]


class Store(ABC):
    """An event store; open one with ``sitrep.store.open_store(url)``."""

    placeholder = "?"
    errors: tuple[type[Exception], ...] = ()  # the driver's errors, reported as StoreError

    def __init__(self, url: str) -> None:
        self.url = url
        self._lock = threading.RLock()

    # ------------------------------------------------------------------ back-end hooks

    @abstractmethod
    def _cursor(self) -> Any: ...

    @abstractmethod
    def _transaction(self) -> AbstractContextManager[Any]: ...

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ SQL helpers

    def _sql(self, text: str) -> str:
        return text if self.placeholder == "?" else text.replace("?", self.placeholder)

    @contextmanager
    def _guard(self) -> Iterator[None]:
        """Database errors become a StoreError naming the store."""
        try:
            yield
        except self.errors as exc:
            raise StoreError(f"{self.name}: {exc}") from exc

    @property
    def name(self) -> str:
        return self.url

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self._lock, self._guard():
            cur = self._cursor()
            cur.execute(self._sql(sql), tuple(params))
            return list(cur.fetchall())

    def _chunked_rows(self, sql: str, ids: Iterable[str]) -> Iterator[tuple[Any, ...]]:
        """``sql`` holds one ``{ids}``: run it for each chunk of ids."""
        items = sorted(set(ids))
        for start in range(0, len(items), CHUNK):
            chunk = items[start : start + CHUNK]
            marks = ", ".join("?" * len(chunk))
            yield from self._rows(sql.format(ids=marks), chunk)

    # ------------------------------------------------------------------ schema

    def migrate(self) -> int:
        """Apply the migrations this store lacks, each in its own transaction; the version after."""
        with self._lock, self._guard():
            with self._transaction() as cur:
                cur.execute(VERSIONS_TABLE)
            applied = {row[0] for row in self._rows("SELECT version FROM schema_migrations")}
            newer = [v for v in applied if v > LATEST]
            if newer:
                raise StoreError(
                    f"{self.name}: schema version {max(newer)} is newer than this sitrep ({LATEST})"
                )
            for version, description, statements in MIGRATIONS:
                if version in applied:
                    continue
                with self._transaction() as cur:
                    for statement in statements:
                        cur.execute(statement)
                    cur.execute(
                        self._sql("INSERT INTO schema_migrations VALUES (?, ?, ?)"),
                        (version, description, _now()),
                    )
            return self.schema_version()

    maintenance = "ANALYZE"

    def analyze(self) -> None:
        """Refresh the query planner's statistics (after a large import)."""
        with self._lock, self._guard():
            self._cursor().execute(self.maintenance)

    def schema_version(self) -> int:
        rows = self._rows("SELECT MAX(version) FROM schema_migrations")
        return int(rows[0][0] or 0)

    # ------------------------------------------------------------------ documents

    def has_document(self, key: str) -> bool:
        return bool(self._rows("SELECT 1 FROM documents WHERE key = ?", (key,)))

    def key_of_id(self, doc_id: str) -> str | None:
        rows = self._rows("SELECT key FROM documents WHERE id = ?", (doc_id,))
        return str(rows[0][0]) if rows else None

    def documents(self, ids: Iterable[str]) -> list[Document]:
        """Stored documents by id, in the order asked (ids not stored are left out)."""
        wanted = list(dict.fromkeys(ids))
        sql = f"SELECT {', '.join(DOCUMENT_COLUMNS)} FROM documents WHERE id IN ({{ids}})"
        found = {row[1]: _document(row) for row in self._chunked_rows(sql, wanted)}
        return [found[i] for i in wanted if i in found]

    def doc_infos(self, ids: Iterable[str] | None = None) -> list[InfoRow]:
        """(id, published, outlet, signature, text hash) of the documents named, or of all of them."""
        sql = "SELECT id, published, outlet, signature, key FROM documents"
        rows: Iterable[tuple[Any, ...]]
        if ids is None:
            rows = self._rows(sql + " ORDER BY key")
        else:
            rows = self._chunked_rows(sql + " WHERE id IN ({ids})", ids)
        return [(r[0], r[1], r[2], json.loads(r[3]), r[4]) for r in rows]

    def count_documents(self) -> int:
        return int(self._rows("SELECT COUNT(*) FROM documents")[0][0])

    # ------------------------------------------------------------------ mentions

    def mentions_in_days(self, first: int, last: int) -> list[StoredMention]:
        sql = "SELECT key, document, day, component, data FROM mentions WHERE day BETWEEN ? AND ?"
        return [_mention(r) for r in self._rows(sql + " ORDER BY key", (first, last))]

    def mentions_undated(self) -> list[StoredMention]:
        """Mentions with no day: they may be one incident with a mention of any day."""
        sql = "SELECT key, document, day, component, data FROM mentions WHERE day IS NULL"
        return [_mention(r) for r in self._rows(sql + " ORDER BY key")]

    def all_mentions(self) -> list[StoredMention]:
        sql = "SELECT key, document, day, component, data FROM mentions"
        return [_mention(r) for r in self._rows(sql + " ORDER BY key")]

    def mentions_of_components(self, components: Iterable[str]) -> list[StoredMention]:
        sql = "SELECT key, document, day, component, data FROM mentions WHERE component IN ({ids})"
        return sorted((_mention(r) for r in self._chunked_rows(sql, components)), key=lambda m: m.key)

    def components_of_documents(self, documents: Iterable[str]) -> set[str]:
        sql = "SELECT DISTINCT component FROM mentions WHERE document IN ({ids})"
        return {r[0] for r in self._chunked_rows(sql, documents)}

    def count_mentions(self) -> int:
        return int(self._rows("SELECT COUNT(*) FROM mentions")[0][0])

    # ------------------------------------------------------------------ writing

    def write(self, change: Change) -> None:
        """Store one document with its mentions and the events they change, all or nothing."""
        stamp = int(time.time())
        with self._lock, self._guard(), self._transaction() as cur:
            self._insert_document(cur, change.document)
            cur.executemany(
                self._sql("INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?)"),
                [
                    (m.key, change.document.key, m.document, m.day, m.component, _json(m.mention.to_dict()))
                    for m in change.mentions
                ],
            )
            cur.executemany(
                self._sql("UPDATE mentions SET component = ? WHERE key = ?"),
                [(component, key) for key, component in change.moved],
            )
            self._delete_components(cur, change.removed_components)
            self._insert_events(cur, change.events, stamp)

    def import_events(self, events: Iterable[Event], documents: Iterable[Document] = ()) -> int:
        """Write finished events (and, optionally, their documents) as they are, in one transaction.

        For imports, tests and benchmarks: such events have no stored mentions, so later ingests
        never merge into them. Returns the number of events written."""
        from sitrep.records import content_hash

        stamp = int(time.time())
        rows = [(event, event.event_id) for event in events]
        with self._lock, self._guard(), self._transaction() as cur:
            for document in documents:
                key = content_hash(document.text)
                self._insert_document(cur, StoredDocument(key, document, ()))
            self._insert_events(cur, rows, stamp)
        return len(rows)

    def _insert_document(self, cur: Any, stored: StoredDocument) -> None:
        doc = stored.document
        values = (stored.key, doc.id, doc.url, doc.outlet, doc.published, doc.title, doc.language, doc.path)
        cur.execute(
            self._sql("INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            (*values, doc.text, json.dumps(list(stored.signature)), _now()),
        )

    def _delete_components(self, cur: Any, components: set[str]) -> None:
        items = sorted(components)
        for start in range(0, len(items), CHUNK):
            chunk = items[start : start + CHUNK]
            marks = ", ".join("?" * len(chunk))
            inner = f"SELECT event_id FROM events WHERE component IN ({marks})"
            cur.execute(self._sql(f"DELETE FROM event_documents WHERE event_id IN ({inner})"), chunk)
            cur.execute(self._sql(f"DELETE FROM event_data WHERE event_id IN ({inner})"), chunk)
            cur.execute(self._sql(f"DELETE FROM events WHERE component IN ({marks})"), chunk)

    def _insert_events(self, cur: Any, events: Sequence[tuple[Event, str]], stamp: int) -> None:
        cur.executemany(
            self._sql("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            [_event_row(event, component, stamp) for event, component in events],
        )
        cur.executemany(
            self._sql("INSERT INTO event_data VALUES (?, ?)"),
            [(event.event_id, _event_data(event)) for event, _ in events],
        )
        cur.executemany(
            self._sql("INSERT INTO event_documents VALUES (?, ?)"),
            [(event.event_id, doc) for event, _ in events for doc in dict.fromkeys(event.documents)],
        )

    # ------------------------------------------------------------------ reading events

    def page(self, flt: EventFilter | None = None, offset: int = 0, limit: int = 100) -> Page:
        """One page of the events that pass the filter, latest first, and how many pass in all."""
        flt = flt or EventFilter()
        limit = max(0, min(limit, MAX_PAGE))
        where, params = flt.where()
        total = int(self._rows(f"SELECT COUNT(*) FROM events WHERE {where}", params)[0][0])
        # The page's ids come from the narrow table (an index in sort order), then their records.
        rows = self._rows(
            "SELECT d.data FROM (SELECT event_id, event_date FROM events"
            f" WHERE {where} ORDER BY event_date DESC, event_id DESC LIMIT ? OFFSET ?) p"
            " JOIN event_data d ON d.event_id = p.event_id ORDER BY p.event_date DESC, p.event_id DESC",
            [*params, limit, max(0, offset)],
        )
        return Page(total, offset, limit, [_event(r[0]) for r in rows])

    def events(self, flt: EventFilter | None = None) -> Iterator[Event]:
        """Every event that passes the filter, in date order (for exports and reports)."""
        where, params = (flt or EventFilter()).where()
        sql = (
            "SELECT d.data FROM events e JOIN event_data d ON d.event_id = e.event_id"
            f" WHERE {where} ORDER BY e.event_date, e.event_id"
        )
        for row in self._rows(sql, params):
            yield _event(row[0])

    def event(self, event_id: str) -> Event | None:
        rows = self._rows("SELECT data FROM event_data WHERE event_id = ?", (event_id,))
        return _event(rows[0][0]) if rows else None

    def updated(self, event_ids: Iterable[str]) -> dict[str, int]:
        """When each event was last written (Unix seconds)."""
        sql = "SELECT event_id, updated FROM events WHERE event_id IN ({ids})"
        return {r[0]: int(r[1]) for r in self._chunked_rows(sql, event_ids)}

    def count_events(self, flt: EventFilter | None = None) -> int:
        where, params = (flt or EventFilter()).where()
        return int(self._rows(f"SELECT COUNT(*) FROM events WHERE {where}", params)[0][0])

    def daily(self, flt: EventFilter | None = None) -> list[tuple[str, str, int, int]]:
        """(day, event type, events, fatalities) for the events that pass the filter, by day."""
        where, params = (flt or EventFilter()).where()
        sql = (
            "SELECT event_date, event_type, COUNT(*), COALESCE(SUM(fatalities), 0) FROM events"
            f" WHERE {where} AND event_date <> ''"
            " GROUP BY event_date, event_type ORDER BY event_date, event_type"
        )
        return [(r[0], r[1], int(r[2]), int(r[3])) for r in self._rows(sql, params)]

    def facets(self) -> dict[str, list[str]]:
        """The values the filters can take in this store: countries, first-level divisions, types."""
        out: dict[str, list[str]] = {}
        for name in ("country", "admin1", "event_type", "sub_event_type"):
            rows = self._rows(f"SELECT DISTINCT {name} FROM events WHERE {name} IS NOT NULL ORDER BY {name}")
            out[name] = [r[0] for r in rows if r[0]]
        return out


# ---------------------------------------------------------------------- rows


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def _finite(value: float | None) -> float | None:
    return value if value is None or value == value and abs(value) != float("inf") else None


def _event_row(event: Event, component: str, stamp: int) -> tuple[Any, ...]:
    actors = [event.actor1, event.actor2, *event.assoc_actor_1, *event.assoc_actor_2]
    return (
        event.event_id,
        component,
        event.event_date or "",
        event.country,
        event.iso3,
        event.admin1,
        event.admin1.casefold() if event.admin1 else None,
        event.event_type,
        event.sub_event_type,
        "\n".join(a.casefold() for a in actors if a),
        event.fatalities,
        _finite(event.latitude),
        _finite(event.longitude),
        len(event.contradictions),
        len(event.documents),
        stamp,
    )


def _event_data(event: Event) -> str:
    from sitrep.export import event_json

    return _json(event_json(event))


def _event(data: str) -> Event:
    return Event.from_dict(json.loads(data))


def _mention(row: tuple[Any, ...]) -> StoredMention:
    return StoredMention(row[0], row[1], row[2], row[3], Mention.from_dict(json.loads(row[4])))


def _document(row: tuple[Any, ...]) -> Document:
    names = DOCUMENT_COLUMNS[1:]
    return Document(**dict(zip(names, row[1:], strict=True)))
