"""The runner: chains the stages over documents as generators, in batches.

clean -> nlp (one masked parse per document) -> extractors -> mentions -> merge. Resources are
loaded once by ``load_resources`` and passed in. The error policy is explicit: ``strict=True``
raises (tests), otherwise a failing document becomes a ``Failure`` and the batch goes on.
"""

from __future__ import annotations

import logging
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import islice
from pathlib import Path
from typing import Any

from spacy.language import Language

from . import clean, geocode, merge, outlets
from .errors import DocumentError, SitrepError
from .extractors import actors as actor_stage
from .extractors import attribution, casualties, dates
from .extractors.events import TriggerLexicon, load_trigger_lexicon, scan_sentence
from .extractors.mentions import DocumentFacts, build_mentions
from .gazetteer import Gazetteer
from .gazetteer_text import ADMIN_SUFFIXES
from .lexicon import ActorLexicon, load_actor_lexicon
from .nlp import load_nlp, parse_texts, story_text
from .records import Actor, Claim, DateExpr, Document, Event, Failure, Mention, Place, PlaceMention, Segment

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Resources:
    """Read-only resources every document uses, loaded once."""

    nlp: Language
    triggers: TriggerLexicon
    actors: ActorLexicon
    sources: attribution.SourceLexicon
    gazetteer: Gazetteer


def load_resources(*, gazetteer_path: Path | None = None, actor_path: Path | None = None) -> Resources:
    actors = load_actor_lexicon(actor_path)
    return Resources(
        nlp=load_nlp(actors.patterns()),
        triggers=load_trigger_lexicon(),
        actors=actors,
        sources=attribution.load_source_lexicon(),
        gazetteer=Gazetteer.load(gazetteer_path),
    )


@dataclass(frozen=True)
class Progress:
    done: int
    failed: int
    elapsed: float

    @property
    def rate(self) -> float:
        return self.done / self.elapsed if self.elapsed > 0 else 0.0


ProgressHook = Callable[[Progress], None]


def extract_mentions(
    items: Iterable[Document | Failure],
    resources: Resources,
    *,
    batch_size: int = 32,
    strict: bool = False,
    progress: ProgressHook | None = None,
) -> Iterator[Mention | Failure]:
    """Mentions for every document, in order; failures pass through as ``Failure`` records."""
    started, done, failed = time.perf_counter(), 0, 0
    iterator = iter(items)
    while batch := list(islice(iterator, batch_size)):
        for out in _batch(batch, resources, strict):
            if isinstance(out, Failure):
                failed += 1
            yield out
        done += len(batch)
        if progress is not None:
            progress(Progress(done, failed, time.perf_counter() - started))


def _batch(batch: list[Document | Failure], res: Resources, strict: bool) -> Iterator[Mention | Failure]:
    docs = [d for d in batch if isinstance(d, Document)]
    yield from (f for f in batch if isinstance(f, Failure))
    prepared: list[tuple[Document, list[Segment], str]] = []
    for doc in docs:
        try:
            segments = clean.segment(doc)
            prepared.append((doc, segments, story_text(doc.text, segments)))
        except SitrepError as exc:
            yield _fail(doc, exc, "clean", strict)
    parsed = parse_texts(res.nlp, (text for _, _, text in prepared))
    for (doc, _, text), spacy_doc in zip(prepared, parsed, strict=True):
        try:
            yield from document_mentions(doc, text, spacy_doc, res)
        except SitrepError as exc:
            yield _fail(doc, exc, "extract", strict)
        except Exception as exc:  # noqa: BLE001 - one bad page never kills a batch run
            if strict:
                raise
            log.exception("extraction failed on %s", doc.id)
            yield Failure(doc.id, f"internal error: {exc!r}", "extract")


def _fail(doc: Document, exc: SitrepError, stage: str, strict: bool) -> Failure:
    if strict:
        raise exc
    reason = exc.reason if isinstance(exc, DocumentError) else str(exc)
    return Failure(doc.id, reason, stage)


def document_mentions(doc: Document, text: str, spacy_doc: Any, res: Resources) -> list[Mention]:
    """Run every extractor over one parsed document and assemble its mentions."""
    sentences = list(spacy_doc.sents)
    scans = tuple(scan_sentence(s, 0, res.triggers) for s in sentences if s.text.strip())
    found_dates = _dates(text, doc.published)
    first_date = found_dates[0].value if found_dates else doc.published
    candidates = actor_stage.candidate_spans(spacy_doc)
    names = _name_spans(spacy_doc, res.gazetteer)
    homes = outlets.home_votes(doc.outlet, doc.url, res.sources, res.gazetteer.iso3_of)
    hierarchy = geocode.hierarchy_votes(text, res.gazetteer)
    country, country_span = _country(res, homes, hierarchy, text, names, candidates, first_date)
    bounds = [(s.start_char, s.end_char) for s in sentences]
    facts = DocumentFacts(
        document=doc,
        scans=scans,
        dates=found_dates,
        tolls=tuple(casualties.find_tolls(text, base=0)),
        attributions=tuple(attribution.attribute(sentences, outlet=doc.outlet, lexicon=res.sources, base=0)),
        actors=(),
        country=None,
        split_events=casualties.split_events(text),
    )
    facts = _with_country(facts, res, candidates, country, country_span, first_date)
    mentions = build_mentions(facts, res.actors.resolve, casualties.acled_fatalities)
    if not mentions:
        return mentions
    moved = _event_country(text, mentions[0], names, bounds, res.gazetteer, set(hierarchy))
    if moved is not None:
        country, country_span = moved
        facts = _with_country(facts, res, candidates, country, country_span, first_date)
        mentions = build_mentions(facts, res.actors.resolve, casualties.acled_fatalities) or mentions
    iso3 = country.iso3 if country else None
    places = geocode.find_places(text, res.gazetteer, iso3, names)
    main, *side = [_located(m, text, places, bounds, res.gazetteer) for m in mentions]
    # An incident told on the side is its own event only where the text places it elsewhere.
    return [main, *(m for m in side if m.location and (m.location, m.iso3) != (main.location, main.iso3))]


def _with_country(
    facts: DocumentFacts,
    res: Resources,
    candidates: list[Any],
    country: Place | None,
    span: tuple[int, int] | None,
    date: str | None,
) -> DocumentFacts:
    """The facts that depend on the event's country: actors' names ("Police Forces of Kenya")
    and descriptors of who took part ("Students (Kenya)")."""
    iso3 = country.iso3 if country else None
    return replace(
        facts,
        country=country,
        country_span=span,
        actors=tuple(actor_stage.find_actors(candidates, 0, res.actors, iso3, date)),
        associated=tuple(_associated(res, candidates, iso3)),
    )


def _event_country(
    text: str,
    mention: Mention,
    names: list[tuple[int, int]],
    bounds: list[tuple[int, int]],
    gazetteer: Gazetteer,
    nested: set[str],
) -> tuple[Place, tuple[int, int]] | None:
    """The country of the town the event sentence puts the event in ("a shootout took place in
    the city of Al-Qamishli"), when it is not the country the document's names voted for: a
    story told from abroad names its actors' countries more often than the place. Only a town
    whose name belongs clearly to one country, and cannot be read in the voted one, moves the
    event; never when the text names a division of the voted country, with its suffix or with a
    place inside it (``nested``, the countries of "Marin, Nuevo Leon")."""
    if mention.iso3 in _divisions_named(text, gazetteer) | nested:
        return None  # a division of the voted country is named: the story is told from there
    places = geocode.find_places(text, gazetteer, None, names)
    loc = geocode.locate(text, places, mention.trigger_span, bounds, gazetteer, None)
    if loc is None or loc.place.feature != "city" or loc.place.iso3 == mention.iso3:
        return None
    # The event sentence, or the lead when the event word is in the headline.
    lead = [
        k
        for k, (a, b) in enumerate(bounds)
        if a <= loc.start < b and (k < 3 or a <= mention.trigger_span[0] < b)
    ]
    if not lead or geocode.context_score(text, loc.start, loc.end) <= 0 or not loc.place.iso3:
        return None
    if geocode.full_name(text, loc.start, loc.end) != (loc.start, loc.end):
        return None  # "Ain" of an unknown "Ain er Roummaneh" is no town abroad
    # A village the gazetteer does not know stands by the town it is coded at.
    readings = gazetteer.lookup(loc.anchor or text[loc.start : loc.end])
    if any(p.iso3 == mention.iso3 for p in readings):
        return None  # the name can be read in the voted country: the votes stand
    rivals = [p for p in readings if p.iso3 != loc.place.iso3 and p.feature in ("city", "admin1", "country")]
    if any(p.population * 5 > loc.place.population for p in rivals):
        return None
    found = gazetteer.country(loc.place.iso3)
    return (found, (loc.start, loc.end)) if found else None


def _divisions_named(text: str, gazetteer: Gazetteer) -> set[str | None]:
    """Countries whose divisions the text names with their suffix ("Rakhine State"). A bare
    "Washington" is more often a government than a state."""
    return {
        c.iso3
        for t in gazetteer.scan(text)
        if t.text.split()[-1].lower() in ADMIN_SUFFIXES
        for c in t.candidates
        if c.feature == "admin1"
    }


def _located(
    mention: Mention,
    text: str,
    places: list[PlaceMention],
    bounds: list[tuple[int, int]],
    gazetteer: Gazetteer,
) -> Mention:
    """The mention with its place, coordinates, divisions and precision, each claimed on the span
    that names the place, by the source that reports the event."""
    loc = geocode.locate(text, places, mention.trigger_span, bounds, gazetteer, mention.iso3)
    if loc is None:
        return mention
    place = loc.place
    source = next((c.source for c in mention.claims if c.field == "sub_event_type"), "")
    values: dict[str, Any] = {
        "location": loc.name, "admin1": place.admin1, "admin2": place.admin2, "latitude": place.latitude,
        "longitude": place.longitude, "geo_precision": loc.precision,
    }  # fmt: skip
    # "near": the known town whose point stands in for the place, so merging can tell a village
    # coded at a town's point from the town itself.
    near = {"near": loc.anchor} if loc.anchor else {}
    claims = tuple(
        Claim(
            field,
            value,
            mention.document,
            source,
            (loc.start, loc.end),
            text[loc.start : loc.end],
            "geocode",
            loc.confidence,
        )  # fmt: skip
        for field, value in (values | near).items()
        if value is not None
    )
    country: dict[str, Any] = {"country": place.country, "iso3": place.iso3} if mention.iso3 is None else {}
    return replace(mention, **values, **country, claims=mention.claims + claims)


def _dates(text: str, published: str | None) -> tuple[DateExpr, ...]:
    """Dates resolved against the publication day, or the dateline's day when that is all there is."""
    dateline = _dateline(text, published)
    anchor = published or (dateline.value if dateline else None)
    found = dates.find_dates(text, published=anchor, base=0)
    if dateline is None:
        return tuple(found)
    # The dateline's own date says when the story was filed, not when the event happened.
    rest = [d for d in found if not (d.start < dateline.end and dateline.start < d.end)]
    return (dateline, *rest)


def _dateline(text: str, published: str | None) -> DateExpr | None:
    """A dateline ("MOPTI, Mali, 13 March 2023 (Sahel Wire) -") at the start of one of the first
    few paragraphs: headlines come before it on scraped pages."""
    offset = 0
    for paragraph in text.split("\n")[:6]:
        if paragraph.strip():
            found = dates.dateline_date(paragraph, published, base=offset)
            if found is not None:
                return found
        offset += len(paragraph) + 1
    return None


def _associated(res: Resources, candidates: list[Any], iso3: str | None) -> list[Actor]:
    """Descriptors of who took part or was hurt ("Students (Kenya)"), with their spans."""
    out = []
    for span in candidates:
        name = res.actors.associated(span.text, iso3) if iso3 else None
        if name:
            out.append(Actor(name, 0, None, "associated", span.text, span.start_char, span.end_char))
    return out


def _place_text(text: str, names: list[tuple[int, int]]) -> str:
    """The text with people's and actors' names blanked ("Col. Myles Caggins", "Mark Esper"):
    the gazetteer would read their parts as towns."""
    chars = list(text)
    for start, end in names:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _name_spans(spacy_doc: Any, gazetteer: Gazetteer) -> list[tuple[int, int]]:
    """People's full names and actors' names: the places inside them are not where things happen.

    Single-word PERSON entities are not names here, since the model often tags unknown villages
    as people; nor is a "person" that spells a country, a division or a large city exactly
    ("Nuevo Leon", "La Paz"), which the model often takes for a Spanish name, nor one that holds
    a bracket (a village with its divisions)."""
    return [
        (e.start_char, e.end_char)
        for e in spacy_doc.ents
        if (e.label_ in ("PERSON", "WORK_OF_ART") and len(e) > 1 and not _is_place_name(e.text, gazetteer))
        or e.label_ == "ACTOR"
    ]


# A city this large is more likely meant than a person who shares its name.
_NAMED_CITY = 100_000


def _is_place_name(text: str, gazetteer: Gazetteer) -> bool:
    if "(" in text:
        return True  # "Boundore (Boundore, Yagha": a place with its divisions, cut short
    places = gazetteer.lookup(text, fuzzy=False)
    return any(p.feature in ("country", "admin1") or p.population >= _NAMED_CITY for p in places)


def _gazetteer_votes(
    gazetteer: Gazetteer, text: str, names: list[tuple[int, int]], prior: dict[str, float]
) -> tuple[list[tuple[Place, float]], float]:
    """Votes with people's full names blanked, unless blanking invents a country or loses the
    leading one, and the strength of the names behind them.

    The model sometimes takes "Al Hali, Al Hudaydah" or "Espirito Santo" for people; blanking
    may then leave no place at all, and the gazetteer's fuzzy fallback would guess one.
    """
    raw, raw_strength = gazetteer.country_evidence(text, prior=prior)
    masked, masked_strength = gazetteer.country_evidence(_place_text(text, names), context=text, prior=prior)
    masked_countries = {p.iso3 for p, _ in masked}
    if masked and masked_countries <= {p.iso3 for p, _ in raw} and raw[0][0].iso3 in masked_countries:
        return masked, masked_strength
    return raw, raw_strength


# How much one actor mention says about the country, beside the gazetteer's shares (which sum
# to 1): armed groups mostly fight at home; a state's forces often abroad.
ACTOR_COUNTRY_WEIGHT = {2: 0.5, 3: 0.5, 4: 0.5}
# A place named with its division ("Pesqueria, Nuevo Leon") outweighs loose name votes.
HIERARCHY_WEIGHT = 0.6
# A national outlet's home counts as one well-placed town name would beside the text's own
# names (whose shares sum to 1 however many there are): it decides a note that names only an
# unknown village, and is a whisper beside an article that names its places again and again.
OUTLET_VOTE = 1.5
OUTLET_CAP = 0.7
# The raw strength at which the text's names have their full say: one town of 10,000 named
# "in" it early on. A lone hamlet says less.
TEXT_FULL = 1.5
# A body that works in one country only ("OSCE SMM", "UNAMA") says where as much as a division.
THEATRE_WEIGHT = 0.6


def _country(
    res: Resources,
    homes: dict[str, float],
    hierarchy: dict[str, float],
    text: str,
    names: list[tuple[int, int]],
    candidates: list[Any],
    date: str | None,
) -> tuple[Place | None, tuple[int, int] | None]:
    """The event's country: gazetteer votes, plus the home countries of armed groups named and of
    the outlets the document comes from."""
    gazetteer = res.gazetteer
    votes: dict[str, float] = defaultdict(float)
    text_votes, strength = _gazetteer_votes(gazetteer, text, names, homes)
    for iso3, share in homes.items():
        votes[iso3] += (min(OUTLET_CAP, OUTLET_VOTE / strength) if strength else OUTLET_CAP) * share
    # Names this weak (one small village) say less than a named armed group or the outlet.
    say = min(1.0, strength / TEXT_FULL) if strength else 1.0
    for voted, share in text_votes:
        if voted.iso3:
            votes[voted.iso3] += say * share
    for iso3, weight in hierarchy.items():
        votes[iso3] += HIERARCHY_WEIGHT * weight
    for iso3, count in gazetteer.theatre_votes(text).items():
        votes[iso3] += THEATRE_WEIGHT * count
    spans: dict[str, tuple[int, int]] = {}
    seen: set[str] = set()
    for span in candidates:
        actor = res.actors.resolve(span.text, None, date)
        weight = ACTOR_COUNTRY_WEIGHT.get(actor.inter, 0.0) if actor and actor.name not in seen else 0.0
        home = _group_home(res, actor, votes) if actor and weight else None
        place = gazetteer.country(home) if home else None
        if place is not None and place.iso3:
            seen.add(actor.name)  # type: ignore[union-attr]
            votes[place.iso3] += weight
            spans.setdefault(place.iso3, (span.start_char, span.end_char))
    if not votes:
        return None, None
    iso3 = max(votes, key=lambda k: votes[k])
    found = gazetteer.country(iso3)
    for toponym in gazetteer.scan(text):
        if any(c.iso3 == iso3 for c in toponym.candidates):
            return found, (toponym.start, toponym.end)
    return found, spans.get(iso3)


def _group_home(res: Resources, actor: Actor, support: dict[str, float]) -> str | None:
    """Where an armed group's mention says the event is: its main country, unless it is a rebel
    group that fights in several and the other clues (places, the outlet's home) favour another
    of them (the PKK in Dahuk; JNIM in a Burkinabe paper). Militias named after a country
    ("Settlers (Israel)") keep their theatre."""
    group = res.actors.group_named(actor.name) if actor.inter == 2 else None
    backed = [iso3 for iso3 in group.countries if support.get(iso3, 0.0) > 0] if group else []
    return max(backed, key=lambda iso3: support[iso3]) if backed else actor.country


def extract(
    documents: Iterable[Document | Failure | dict[str, Any] | str],
    resources: Resources | None = None,
    *,
    strict: bool = True,
) -> list[Event]:
    """The Python API: documents in, merged events out."""
    res = resources or load_resources()
    items = [_as_document(d, n) for n, d in enumerate(documents)]
    mentions = [m for m in extract_mentions(items, res, strict=strict) if isinstance(m, Mention)]
    return merge.merge(mentions, [d for d in items if isinstance(d, Document)])


def _as_document(item: Document | Failure | dict[str, Any] | str, n: int) -> Document | Failure:
    if isinstance(item, Document | Failure):
        return item
    if isinstance(item, str):
        return Document(id=f"doc-{n}", text=item)
    return Document.from_dict({"id": f"doc-{n}", **item})
