"""The PostgreSQL back end (psycopg 3): the same schema and SQL as SQLite, ``%s`` placeholders."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from .base import Store, StoreError


class PostgresStore(Store):
    placeholder = "%s"
    maintenance = "VACUUM ANALYZE"  # also marks pages all-visible, for index-only scans

    def __init__(self, url: str) -> None:
        super().__init__(url)
        try:
            import psycopg
        except ImportError as exc:  # pragma: no cover - psycopg is a dependency
            raise StoreError("PostgreSQL stores need psycopg 3 (pip install 'psycopg[binary]')") from exc
        self.errors = (psycopg.Error,)
        try:
            self._conn = psycopg.connect(url, autocommit=True)
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to the store {_safe(url)}: {exc}") from exc

    @property
    def name(self) -> str:
        return _safe(self.url)

    def _cursor(self) -> Any:
        return self._conn.cursor()

    @contextmanager
    def _transaction(self) -> Iterator[Any]:
        with self._lock, self._conn.transaction(), self._conn.cursor() as cur:
            yield cur

    def close(self) -> None:
        self._conn.close()


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    head, sep, tail = url.partition("@")
    if not sep or "://" not in head:
        return url
    scheme, _, user = head.partition("://")
    return f"{scheme}://{user.split(':', 1)[0]}@{tail}"
