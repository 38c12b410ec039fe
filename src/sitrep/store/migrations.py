"""The store's schema, as numbered migrations applied in order, each in its own transaction.

The same statements run on SQLite and PostgreSQL: only types both understand (TEXT, INTEGER,
BIGINT, DOUBLE PRECISION) and plain indexes. A store records the versions it has applied in
``schema_migrations``; opening a store applies the ones it lacks, so an old store is brought up
to date, and a store written by a newer sitrep (a version this one does not know) is refused.
"""

from __future__ import annotations

from typing import Final

MIGRATIONS: Final[tuple[tuple[int, str, tuple[str, ...]], ...]] = (
    (
        1,
        "documents, their mentions, and the events merged from them",
        (
            # key: content hash of the text, so the same text is stored once whatever its id.
            "CREATE TABLE documents (key TEXT PRIMARY KEY, id TEXT NOT NULL UNIQUE, url TEXT,"
            " outlet TEXT, published TEXT, title TEXT, language TEXT, path TEXT, text TEXT NOT NULL,"
            " signature TEXT NOT NULL, ingested TEXT NOT NULL)",
            # One row per mention (Mention.to_dict as JSON). component: the link-graph component
            # it belongs to, named by its smallest mention key; day: the event day as an ordinal.
            "CREATE TABLE mentions (key TEXT PRIMARY KEY, doc_key TEXT NOT NULL, document TEXT NOT NULL,"
            " day INTEGER, component TEXT NOT NULL, data TEXT NOT NULL)",
            "CREATE INDEX mentions_day ON mentions (day)",
            "CREATE INDEX mentions_component ON mentions (component)",
            "CREATE INDEX mentions_document ON mentions (document)",
            # Events: the narrow columns the filters read, in one table (so a scan stays small),
            # and each event's record (Event.to_dict as JSON) in another.
            "CREATE TABLE events (event_id TEXT PRIMARY KEY, component TEXT NOT NULL,"
            " event_date TEXT NOT NULL, country TEXT, iso3 TEXT, admin1 TEXT, admin1_key TEXT,"
            " event_type TEXT NOT NULL, sub_event_type TEXT NOT NULL, actors TEXT NOT NULL,"
            " fatalities INTEGER, latitude DOUBLE PRECISION, longitude DOUBLE PRECISION,"
            " contradictions INTEGER NOT NULL, documents INTEGER NOT NULL, updated BIGINT NOT NULL)",
            "CREATE TABLE event_data (event_id TEXT PRIMARY KEY, data TEXT NOT NULL)",
            "CREATE INDEX events_component ON events (component)",
            "CREATE TABLE event_documents (event_id TEXT NOT NULL, document TEXT NOT NULL,"
            " PRIMARY KEY (event_id, document))",
            "CREATE INDEX event_documents_document ON event_documents (document)",
        ),
    ),
    (
        2,
        "indexes for the event filters",
        (
            # Each index ends in the sort order (event_date, event_id), so a page is read from it;
            # the date index also holds the numeric filters, so a scan by date never reads rows.
            "CREATE INDEX events_date ON events"
            " (event_date, event_id, fatalities, contradictions, latitude, longitude)",
            "CREATE INDEX events_iso3_date ON events (iso3, event_date, event_id)",
            "CREATE INDEX events_country_date ON events (country, event_date, event_id)",
            "CREATE INDEX events_admin1_date ON events (admin1_key, event_date, event_id)",
            "CREATE INDEX events_type_date ON events (event_type, event_date, event_id)",
            "CREATE INDEX events_sub_type_date ON events (sub_event_type, event_date, event_id)",
            "CREATE INDEX events_fatalities ON events (fatalities, event_date, event_id)",
            "CREATE INDEX events_point ON events (latitude, longitude, event_date, event_id)",
            "CREATE INDEX events_contradictions_date ON events (contradictions, event_date, event_id)",
        ),
    ),
)

LATEST: Final[int] = MIGRATIONS[-1][0]

VERSIONS_TABLE: Final[str] = (
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY,"
    " description TEXT NOT NULL, applied TEXT NOT NULL)"
)
