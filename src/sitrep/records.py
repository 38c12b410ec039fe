"""Typed records that every pipeline stage speaks.

All records are frozen dataclasses that serialise losslessly with ``to_dict`` / ``from_dict``
(JSON-safe: lists for tuples, plain scalars), so stages can run in other processes or against a
store, and a later run can read what an earlier one wrote.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar, Final, Literal, TypeVar

Scalar = str | int | float | bool | None
R = TypeVar("R", bound="Record")

# What a paragraph of a page is: story text the coder reads, or junk it never sees.
SegmentKind = Literal["body", "headline", "dateline", "related", "caption", "byline", "boilerplate"]
STORY_KINDS: Final[frozenset[SegmentKind]] = frozenset({"body", "headline"})
JUNK_KINDS: Final[frozenset[SegmentKind]] = frozenset({"related", "caption", "byline", "boilerplate"})
# A disagreement between sources, or a figure the sources say has changed (a rising toll).
ContradictionKind = Literal["dispute", "update"]
# The extractor of a fatalities claim whose text says the toll has risen to this figure.
TOLL_UPDATE: Final = "casualties.update"


# Publication days outside these years are typing errors or probes; relative dates ("three days
# ago") counted from them would run off the calendar.
PUBLISHED_YEARS = (1800, 2199)


def normalise_date(value: str) -> str | None:
    """``YYYY-MM-DD`` from a ``YYYY-MM-DD`` or ISO 8601 string, ``YYYY-MM`` from a month given
    alone ("2019-12": the page shows only the month), else None (also for years outside
    ``PUBLISHED_YEARS``).

    The calendar day is kept as written: a time zone offset does not move it, because relative
    dates in a story ("yesterday") are meant in the writer's local day.
    """
    value = value.strip()
    if not value:
        return None
    if _MONTH_ONLY.fullmatch(value) and 1 <= int(value[5:7]) <= 12:
        return value if _in_years(int(value[:4])) else None
    try:
        day = datetime.fromisoformat(value).date()
    except ValueError:
        return None
    return day.isoformat() if _in_years(day.year) else None


def _in_years(year: int) -> bool:
    return PUBLISHED_YEARS[0] <= year <= PUBLISHED_YEARS[1]


_MONTH_ONLY = re.compile(r"\d{4}-\d{2}")


class Record:
    """Mixin: lossless dict round trip for frozen dataclasses.

    ``_nested`` names the fields that hold another record (or a tuple of them), so
    ``from_dict`` can rebuild them; every other tuple field is rebuilt from a list.
    """

    _nested: ClassVar[dict[str, type[Record]]] = {}

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in dataclasses.fields(self):  # type: ignore[arg-type]
            out[f.name] = _plain(getattr(self, f.name))
        return out

    @classmethod
    def from_dict(cls: type[R], data: dict[str, Any]) -> R:
        kwargs: dict[str, Any] = {}
        names = {f.name: f for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
        for name, value in data.items():
            if name not in names:
                continue
            nested = cls._nested.get(name)
            if nested is not None and isinstance(value, list):
                kwargs[name] = tuple(nested.from_dict(v) for v in value)
            elif nested is not None and isinstance(value, dict):
                kwargs[name] = nested.from_dict(value)
            elif isinstance(value, list):
                kwargs[name] = tuple(tuple(v) if isinstance(v, list) else v for v in value)
            else:
                kwargs[name] = value
        return cls(**kwargs)


def _plain(value: Any) -> Any:
    if isinstance(value, Record):
        return value.to_dict()
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


def content_hash(*parts: str) -> str:
    """A short stable id from text parts (sha256, 16 hex digits)."""
    # surrogatepass: a lone surrogate (from a JSON escape) hashes rather than raises.
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()
    return digest[:16]


@dataclass(frozen=True)
class Document(Record):
    """One input document as read; ``text`` is what every span points into."""

    id: str
    text: str
    url: str | None = None
    outlet: str | None = None
    published: str | None = None  # YYYY-MM-DD, or YYYY-MM when the page gives only the month
    title: str | None = None
    language: str | None = None
    path: str | None = None

    @property
    def content_id(self) -> str:
        return content_hash(self.text)


@dataclass(frozen=True)
class Segment(Record):
    """A piece of a document's text: a paragraph-level unit with its offsets.

    ``kind`` is ``body``, ``headline``, ``dateline`` or one of the junk kinds
    (``related``, ``caption``, ``byline``, ``boilerplate``) that never reach the coder.
    """

    document: str
    start: int
    end: int
    text: str
    kind: SegmentKind = "body"

    @property
    def is_story(self) -> bool:
        return self.kind in STORY_KINDS


@dataclass(frozen=True)
class Claim(Record):
    """One value as one source states it, with the exact evidence."""

    field: str
    value: Scalar
    document: str
    source: str
    span: tuple[int, int]
    quote: str
    extractor: str = ""
    confidence: float = 1.0

    @property
    def is_toll_update(self) -> bool:
        """A toll the text says has risen to this figure: it outdates the counts before it."""
        return self.extractor == TOLL_UPDATE


@dataclass(frozen=True)
class Actor(Record):
    """A normalised actor: ACLED-style name, inter code, and the surface form found."""

    name: str
    inter: int
    country: str | None = None
    kind: str = ""  # military, police, group, civilians, protesters, rioters, unidentified, ...
    surface: str = ""
    start: int = -1
    end: int = -1


@dataclass(frozen=True)
class Place(Record):
    """A gazetteer entry or a named place found in text."""

    name: str
    country: str | None = None
    iso3: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geonameid: int | None = None
    population: int = 0
    feature: str = ""  # country, admin1, admin2, city, ...


@dataclass(frozen=True)
class PlaceMention(Record):
    """A place named in a text, ``text == document[start:end]``, resolved to a gazetteer entry when
    one fits (``place`` None for a village the gazetteer does not know)."""

    text: str
    start: int
    end: int
    place: Place | None = None
    confidence: float = 0.0

    _nested: ClassVar[dict[str, type[Record]]] = {"place": Place}


@dataclass(frozen=True)
class Location(Record):
    """Where one event happened: the coded name, the point it is coded to, and ACLED's precision.

    ``anchor`` names the known town whose point stands in for a village the gazetteer does not
    know ("Khirbet Ammo", coded at Qamishli); None when the place is the point itself."""

    name: str
    place: Place
    precision: int
    start: int
    end: int
    anchor: str | None = None
    confidence: float = 0.5

    _nested: ClassVar[dict[str, type[Record]]] = {"place": Place}


@dataclass(frozen=True)
class Mention(Record):
    """One event as one document tells it, before merging with other documents."""

    document: str
    trigger: str
    trigger_span: tuple[int, int]
    event_type: str
    sub_event_type: str
    disorder_type: str
    cameo: str | None = None
    plover: str | None = None
    event_date: str | None = None
    time_precision: int = 1
    actor1: Actor | None = None
    actor2: Actor | None = None
    assoc_actor_1: tuple[str, ...] = ()
    assoc_actor_2: tuple[str, ...] = ()
    country: str | None = None
    iso3: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int = 3
    fatalities: int | None = None
    sources: tuple[str, ...] = ()
    claims: tuple[Claim, ...] = ()
    confidence: float = 0.5
    background: bool = False
    published: str | None = None  # the document's publication day (or month), when it gives one

    _nested: ClassVar[dict[str, type[Record]]] = {"actor1": Actor, "actor2": Actor, "claims": Claim}


@dataclass(frozen=True)
class Version(Record):
    """One disputed value with the sources and documents behind it."""

    value: Scalar
    sources: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    latest: bool = False


@dataclass(frozen=True)
class Contradiction(Record):
    field: str
    values: tuple[Version, ...] = ()
    kind: ContradictionKind = "dispute"

    _nested: ClassVar[dict[str, type[Record]]] = {"values": Version}


@dataclass(frozen=True)
class Event(Record):
    """A coded event as the contract defines it (contract.md, 'Events out')."""

    event_id: str
    documents: tuple[str, ...]
    event_date: str | None
    time_precision: int
    disorder_type: str
    event_type: str
    sub_event_type: str
    actor1: str | None = None
    actor2: str | None = None
    assoc_actor_1: tuple[str, ...] = ()
    assoc_actor_2: tuple[str, ...] = ()
    inter1: int = 0
    inter2: int = 0
    country: str | None = None
    iso3: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int = 3
    fatalities: int | None = None
    source: tuple[str, ...] = ()
    notes: str = ""
    claims: tuple[Claim, ...] = ()
    contradictions: tuple[Contradiction, ...] = ()
    cameo: str | None = None
    plover: str | None = None
    confidence: float = 0.5

    _nested: ClassVar[dict[str, type[Record]]] = {"claims": Claim, "contradictions": Contradiction}


@dataclass(frozen=True)
class DateExpr(Record):
    """A date found in text, resolved to a day.

    ``precision`` follows ACLED: 1 exact day, 2 within a week, 3 within a month. ``kind`` is
    ``explicit`` (12 February 2020), ``weekday`` (on Wednesday), ``relative`` (yesterday, last
    night), ``week`` (last week), ``month`` (in January) or ``dateline``. Offsets are absolute
    character offsets into the document text.
    """

    value: str  # YYYY-MM-DD
    precision: int
    start: int
    end: int
    text: str
    kind: str = "explicit"


@dataclass(frozen=True)
class Toll(Record):
    """A casualty figure found in text.

    ``kind`` is ``killed``, ``wounded``, ``casualties`` (dead or wounded, unspecified),
    ``missing``, ``arrested`` or ``kidnapped``. ``count`` applies ACLED's rules for vague words
    (several=3, dozens=12, hundreds=100, at least N=N, N to M=N). ``negated`` is true for
    "no one was killed"; ``victims`` is the kind of people counted when stated (civilians,
    soldiers, militants, protesters, police, children, ...).
    """

    kind: str
    count: int
    start: int
    end: int
    text: str
    vague: bool = False
    negated: bool = False
    victims: str = ""


@dataclass(frozen=True)
class Attribution(Record):
    """Who makes the statements in a stretch of text.

    ``source`` is the normalised name (an outlet, an agency, an official body, a spokesperson,
    a witness, a monitoring group); ``kind`` one of ``outlet``, ``agency``, ``official``,
    ``spokesperson``, ``monitor``, ``witness``, ``media``, ``resident``, ``other``, ``party`` (an
    armed group speaking) or ``party_media`` (an armed group's own outlet).
    ``start``/``end`` is the span naming the source; ``scope_start``/``scope_end`` the text it
    covers (usually the sentence). Absolute character offsets into the document text.
    """

    source: str
    kind: str
    start: int
    end: int
    text: str
    scope_start: int
    scope_end: int
    confidence: float = 0.8


@dataclass(frozen=True)
class Trigger(Record):
    """A word or phrase that signals an event, with its sentence context.

    ``agent`` and ``patient`` are the surface texts of who acts and who is acted on, when the
    parse shows them; ``target`` classifies the patient (``civilian``, ``armed`` or ``""``).
    Offsets are absolute into the document text.
    """

    sub_event_type: str
    strength: int
    cameo: str | None
    start: int
    end: int
    text: str
    sentence_start: int
    sentence_end: int
    negated: bool = False
    hypothetical: bool = False
    background: bool = False
    setting: bool = False  # named only as when the act happened: "during clashes", "as fighting raged"
    prior: bool = False  # named as what came first: "following a clash", "after the battle"
    agent: str = ""
    agent_span: tuple[int, int] = (-1, -1)
    patient: str = ""
    patient_span: tuple[int, int] = (-1, -1)
    target: str = ""

    @property
    def asserted(self) -> bool:
        return not (self.negated or self.hypothetical)


CONTRACT_FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Event))


@dataclass(frozen=True)
class Failure(Record):
    """A document that could not be processed, kept so a batch can report it and go on."""

    document: str
    reason: str
    stage: str = ""


__all__ = [
    "Actor",
    "Attribution",
    "DateExpr",
    "Toll",
    "Trigger",
    "CONTRACT_FIELDS",
    "Claim",
    "Contradiction",
    "Document",
    "Event",
    "Failure",
    "Location",
    "Mention",
    "PlaceMention",
    "Place",
    "Record",
    "Segment",
    "Version",
    "content_hash",
]
