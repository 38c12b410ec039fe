"""The event store: documents, their mentions and the merged events, in SQLite or PostgreSQL.

``open_store(url)`` opens (and migrates) a store: a file path is an SQLite file, a
``postgresql://`` URL a PostgreSQL database. ``ingest`` (ingest.py) adds documents one
transaction each, merging them with the stored events exactly as a batch run would.
"""

from __future__ import annotations

from .base import Change, Page, Store, StoredDocument, StoredMention, StoreError
from .filters import EventFilter, make_filter

POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def open_store(url: str, *, migrate: bool = True) -> Store:
    """The store at ``url`` (a path, or a ``postgresql://`` URL), its schema brought up to date."""
    store: Store
    if url.startswith(POSTGRES_SCHEMES):
        from .postgres import PostgresStore

        store = PostgresStore(url)
    else:
        from .sqlite import SQLiteStore

        store = SQLiteStore(url.removeprefix("sqlite:///"))
    if migrate:
        try:
            store.migrate()
        except BaseException:
            store.close()
            raise
    return store


__all__ = [
    "Change",
    "EventFilter",
    "Page",
    "Store",
    "StoreError",
    "StoredDocument",
    "StoredMention",
    "make_filter",
    "open_store",
]
