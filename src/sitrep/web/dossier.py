"""What an event dossier shows: each coded field with its claims, the documents with the quoted
spans marked, and each contradiction as its versions.

Plain data for the template (Jinja2 escapes every string it prints); nothing here writes HTML.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sitrep.records import Claim, Contradiction, Document, Event

# (row label, claim fields shown in the row): the coded fields in reading order.
FIELD_ROWS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("event_date", "Date", ("event_date",)),
    ("sub_event_type", "Type", ("sub_event_type", "event_type")),
    ("actor1", "Actor 1", ("actor1",)),
    ("actor2", "Actor 2", ("actor2",)),
    ("perpetrator", "Blamed on", ("perpetrator",)),
    ("fatalities", "Fatalities", ("fatalities",)),
    ("victim_status", "Who the dead were", ("victim_status",)),
    ("location", "Location", ("location", "near")),
    ("admin1", "Admin 1", ("admin1",)),
    ("admin2", "Admin 2", ("admin2",)),
    ("country", "Country", ("country",)),
    ("coordinates", "Coordinates", ("latitude", "longitude", "geo_precision")),
)
PRECISION = {1: "exact day", 2: "within a week", 3: "within a month"}
GEO_PRECISION = {1: "the named place", 2: "near the place", 3: "the region only"}


@dataclass(frozen=True)
class ClaimView:
    number: int  # the anchor of its highlighted quote: #claim-<number>
    claim: Claim
    document_index: int | None  # the column of its document, None when the text is not stored
    quoted: bool  # the quote was found at its span in the stored text


@dataclass(frozen=True)
class ValueGroup:
    """The claims of one field that give one value: who gives it and every quote."""

    field: str
    value: str
    sources: tuple[str, ...]
    claims: list[ClaimView]


@dataclass(frozen=True)
class FieldRow:
    name: str
    label: str
    value: str
    groups: list[ValueGroup]
    disputed: bool


@dataclass(frozen=True)
class Piece:
    text: str
    claims: tuple[int, ...] = ()  # claim numbers whose span covers this piece
    starts: tuple[int, ...] = ()  # claim numbers whose span starts here


@dataclass
class DocumentView:
    index: int
    id: str
    document: Document | None
    pieces: list[Piece] = field(default_factory=list)

    @property
    def label(self) -> str:
        return short_label(self.id, self.document)


@dataclass(frozen=True)
class VersionView:
    value: str
    sources: tuple[str, ...]
    documents: tuple[tuple[str, int | None, str], ...]  # (document id, its column, a short label)
    latest: bool


@dataclass(frozen=True)
class ContradictionView:
    field: str
    label: str
    kind: str
    versions: list[VersionView]


@dataclass(frozen=True)
class Dossier:
    event: Event
    rows: list[FieldRow]
    documents: list[DocumentView]
    contradictions: list[ContradictionView]
    claims: list[ClaimView]


def build(event: Event, stored: Sequence[Document]) -> Dossier:
    by_id = {doc.id: doc for doc in stored}
    documents = [DocumentView(i, doc_id, by_id.get(doc_id)) for i, doc_id in enumerate(event.documents)]
    column = {view.id: view.index for view in documents}
    claims = [
        ClaimView(n, claim, column.get(claim.document), _quoted(claim, by_id.get(claim.document)))
        for n, claim in enumerate(event.claims)
    ]
    for view in documents:
        if view.document is not None:
            quoted = [c for c in claims if c.claim.document == view.id and c.quoted]
            view.pieces = pieces(view.document.text, quoted)
    disputed = {c.field for c in event.contradictions}
    rows = []
    for name, label, fields in FIELD_ROWS:
        row_claims = [c for c in claims if c.claim.field in fields]
        value = coded_value(event, name)
        if value or row_claims:
            rows.append(FieldRow(name, label, value, _grouped(row_claims), bool(disputed & {name, *fields})))
    labels = {view.id: short_label(view.id, view.document) for view in documents}
    contradictions = [_contradiction(c, column, labels) for c in event.contradictions]
    return Dossier(event, rows, documents, contradictions, claims)


def coded_value(event: Event, name: str) -> str:
    """The event's coded value for a dossier row, as text ("" when not coded)."""
    if name == "event_date":
        if not event.event_date:
            return ""
        return f"{event.event_date} ({PRECISION.get(event.time_precision, 'unknown precision')})"
    if name == "sub_event_type":
        return f"{event.event_type}: {event.sub_event_type}"
    if name == "coordinates":
        if event.latitude is None or event.longitude is None:
            return ""
        where = GEO_PRECISION.get(event.geo_precision, "")
        return f"{event.latitude:.4f}, {event.longitude:.4f} ({where})"
    if name in ("perpetrator", "victim_status"):
        return ""  # reported by sources, not a coded field
    value = getattr(event, name, None)
    return "" if value is None else str(value)


def pieces(text: str, claims: Sequence[ClaimView]) -> list[Piece]:
    """The text cut at every span edge, each piece with the claims that quote it."""
    edges = {0, len(text)}
    for c in claims:
        start, end = c.claim.span
        edges.update((start, end))
    cuts = sorted(e for e in edges if 0 <= e <= len(text))
    out = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        covering = tuple(c.number for c in claims if c.claim.span[0] <= start and end <= c.claim.span[1])
        starting = tuple(c.number for c in claims if c.claim.span[0] == start)
        out.append(Piece(text[start:end], covering, starting))
    return out


def _grouped(claims: Sequence[ClaimView]) -> list[ValueGroup]:
    groups: dict[tuple[str, str], list[ClaimView]] = {}
    for c in claims:
        groups.setdefault((c.claim.field, str(c.claim.value)), []).append(c)
    return [
        ValueGroup(field, value, tuple(dict.fromkeys(c.claim.source for c in items)), items)
        for (field, value), items in groups.items()
    ]


def _quoted(claim: Claim, document: Document | None) -> bool:
    if document is None:
        return False
    start, end = claim.span
    return 0 <= start < end <= len(document.text) and document.text[start:end] == claim.quote


def short_label(doc_id: str, document: Document | None) -> str:
    """A short name for a document: its outlet, else the last part of its id (a file name)."""
    if document is not None and document.outlet:
        return document.outlet
    return doc_id.rstrip("/").rsplit("/", 1)[-1]


def _contradiction(item: Contradiction, column: dict[str, int], labels: dict[str, str]) -> ContradictionView:
    versions = [
        VersionView(
            "unknown" if v.value is None else str(v.value),
            v.sources,
            tuple((doc, column.get(doc), labels.get(doc) or short_label(doc, None)) for doc in v.documents),
            v.latest,
        )
        for v in item.values
    ]
    label = item.field.replace("_", " ")
    return ContradictionView(item.field, label, item.kind, versions)
