"""One document's path, built once: its facts, its country, its mentions, their places.

Stages, with what each reads and writes:

1. **facts of the text** (``extractors``): sentence scans (triggers, cues), dates against the
   publication day or dateline, tolls, attributions, split tolls; the gazetteer's names and
   demonyms, scanned once (``Gazetteer.read``); candidate actor phrases.
2. **main anchor** (``extractors.mentions.main_anchor``): the trigger the main event is told by,
   from the text alone.
3. **country** (``places.country``): the vote of place names, divisions, missions, armed groups
   and the outlet; then, for a story told from abroad, the country of the town the event
   sentence names.
4. **country-dependent facts**: actors named in the country's style ("Police Forces of Kenya")
   and descriptors ("Students (Kenya)").
5. **mentions** (``extractors.mentions.build_mentions``): the main event and side incidents,
   each value a claim with its source and span.
6. **places** (``places.geocode``): every place found once, in the decided country; each
   mention located, with its coordinates, divisions and precision claimed on the naming span.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Any

from sitrep.extractors import actors as actor_stage
from sitrep.extractors import attribution, casualties, dates
from sitrep.extractors.events import scan_sentence
from sitrep.extractors.mentions import DocumentFacts, build_mentions, main_anchor
from sitrep.places import country as country_stage
from sitrep.places import geocode, outlets
from sitrep.places.gazetteer import Gazetteer
from sitrep.records import Actor, Claim, DateExpr, Document, Mention, PlaceMention
from sitrep.resources import Resources

Span = tuple[int, int]
# Claims of one value by one source kept per mention (their first spans in the text).
SAME_CLAIMS = 3


def document_mentions(doc: Document, text: str, spacy_doc: Any, res: Resources) -> list[Mention]:
    """Every extractor over one parsed document (``text`` is its story text), once each."""
    sentences = list(spacy_doc.sents)
    bounds = [(s.start_char, s.end_char) for s in sentences]
    day = doc.published if doc.published and len(doc.published) == 10 else None
    found_dates = _dates(text, day)
    facts = DocumentFacts(
        # The extractors count days from a publication day; a page that gives only its month
        # has none for them (``_in_month`` dates its events to that month afterwards).
        document=doc if day == doc.published else replace(doc, published=None),
        scans=tuple(scan_sentence(s, 0, res.triggers) for s in sentences if s.text.strip()),
        dates=found_dates,
        tolls=tuple(casualties.find_tolls(text, res.casualties, base=0)),
        attributions=tuple(attribution.attribute(sentences, outlet=doc.outlet, lexicon=res.sources, base=0)),
        split_events=casualties.split_events(text, res.casualties),
    )
    anchor = main_anchor(facts)
    if anchor is None:
        return []
    candidates = actor_stage.candidate_spans(spacy_doc)
    names = res.gazetteer.read(text)
    homes = outlets.home_votes(doc.outlet, doc.url, res.sources, res.gazetteer.iso3_of)
    clues = country_stage.read_clues(text, names, spacy_doc.ents, candidates, homes, res.gazetteer)
    first_date = found_dates[0].value if found_dates else day
    country, country_span = country_stage.vote(clues, res.gazetteer, res.actors, first_date)
    voted = country.iso3 if country else None
    moved = country_stage.event_country(clues, voted, (anchor.start, anchor.end), bounds, res.gazetteer)
    if moved is not None:
        country, country_span = moved
    iso3 = country.iso3 if country else None
    facts = replace(
        facts,
        country=country,
        country_span=country_span,
        actors=tuple(actor_stage.find_actors(candidates, 0, res.actors, iso3, first_date)),
        associated=tuple(_associated(res, candidates, iso3)),
    )
    mentions = build_mentions(facts, res.actors.resolve, casualties.acled_fatalities)
    if not mentions:
        return mentions
    places = geocode.find_places(text, res.gazetteer, iso3, clues.blanked, names.toponyms)
    located = [_located(_in_month(m, doc), text, places, bounds, res.gazetteer) for m in mentions]
    main, *side = [replace(_bounded(m), published=doc.published) for m in located]
    # An incident told on the side is its own event only where the text places it elsewhere.
    return [main, *(m for m in side if m.location and (m.location, m.iso3) != (main.location, main.iso3))]


def _bounded(mention: Mention) -> Mention:
    """At most ``SAME_CLAIMS`` claims of one value by one source: a text that repeats itself
    says no more for it, and its record stays small."""
    seen: Counter[tuple[str, str, str]] = Counter()
    kept = []
    for claim in mention.claims:
        key = (claim.field, repr(claim.value), claim.source)
        seen[key] += 1
        if seen[key] <= SAME_CLAIMS:
            kept.append(claim)
    return mention if len(kept) == len(mention.claims) else replace(mention, claims=tuple(kept))


def _in_month(mention: Mention, doc: Document) -> Mention:
    """A report whose page gives only the month it was published ("2019-12") and whose text
    gives no day tells of an event within that month (time_precision 3)."""
    if mention.event_date or not doc.published or len(doc.published) != 7:
        return mention
    return replace(mention, event_date=f"{doc.published}-01", time_precision=3)


def _associated(res: Resources, candidates: list[Any], iso3: str | None) -> list[Actor]:
    """Descriptors of who took part or was hurt ("Students (Kenya)"), with their spans."""
    out = []
    for span in candidates:
        name = res.actors.associated(span.text, iso3) if iso3 else None
        if name:
            out.append(Actor(name, 0, None, "associated", span.text, span.start_char, span.end_char))
    return out


def _located(
    mention: Mention, text: str, places: list[PlaceMention], bounds: list[Span], gazetteer: Gazetteer
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
    quote = text[loc.start : loc.end]
    claims = tuple(
        Claim(field, value, mention.document, source, (loc.start, loc.end), quote, "geocode", loc.confidence)
        for field, value in (values | near).items()
        if value is not None
    ) + _villages(mention, text, places, (loc.start, loc.end), source)
    country: dict[str, Any] = {"country": place.country, "iso3": place.iso3} if mention.iso3 is None else {}
    return replace(mention, **values, **country, claims=mention.claims + claims)


def _villages(
    mention: Mention, text: str, places: list[PlaceMention], coded: tuple[int, int], source: str
) -> tuple[Claim, ...]:
    """Villages the gazetteer does not know that the report names as places besides the one coded
    ("killed in rice fields near Maiduguri ... tied up in Koshobe village"), as ``place`` claims:
    merging matches reports on them, the event's fields never take them."""
    out: dict[str, Claim] = {}
    for m in places:
        if m.place is None and m.confidence >= 0.3 and (m.start, m.end) != coded and m.text not in out:
            span = (m.start, m.end)
            out[m.text] = Claim("place", m.text, mention.document, source, span, m.text, "geocode", 0.3)
    return tuple(out.values())


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
