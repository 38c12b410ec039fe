"""The event's place among the places a document names (``geocode.find_places`` finds them).

``locate`` chooses where the event happened the way an ACLED coder does: the place named with the
event, not the dateline, not the capital a spokesman spoke from, not a country used to name an
army, not the town the wounded were flown to, not the place of an earlier event told in a clause
("Hours after the consulate was torched in Najaf, ..."); it codes "near X" and districts at
geo_precision 2 and a region named alone at 3, at its main town. A place the gazetteer does not
know keeps its name as written, at the point of the smallest town or division the text puts it in.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from sitrep.places.context import (
    DIVISION_FEATURES,
    PLACING_GAP,
    chain_after,
    context_score,
    is_destination,
    is_modifier,
    is_reference,
    is_sublocality,
    names_a_route,
    near_words,
)
from sitrep.places.gazetteer import Gazetteer
from sitrep.places.names import ascii_name
from sitrep.places.scan import Toponym
from sitrep.records import Location, Place, PlaceMention
from sitrep.spans import SpanIndex

__all__ = ["locate"]


# --------------------------------------------------------------------------- the event's place


def locate(
    text: str,
    places: Sequence[PlaceMention],
    trigger: tuple[int, int],
    sentences: Sequence[tuple[int, int]],
    gazetteer: Gazetteer,
    iso3: str | None,
) -> Location | None:
    """Where the event whose trigger sits at ``trigger`` happened, or None when no place fits."""
    usable = [m for m in places if _in_country(m, iso3)]
    if not usable:
        return None
    contained = _contained(text, places)
    event_sentence = next((k for k, (a, b) in enumerate(sentences) if a <= trigger[0] < b), 0)
    lead = _lead_of(text, sentences, event_sentence)
    index = SpanIndex(sentences)
    support = _support(usable)

    def score(m: PlaceMention) -> float:
        return _site_score(text, m, trigger, index, (event_sentence, lead), contained) + support.get(
            m.start, 0.0
        )

    best = max(usable, key=score)
    if score(best) < -1.0:
        return None
    return _coded(text, best, places, gazetteer, iso3)


SUPPORT = 0.2  # per other mention of the place or of a place in its region
SUPPORT_MAX = 0.6


def _support(places: Sequence[PlaceMention]) -> dict[int, float]:
    """How much the rest of the text backs each town: other mentions of it, of places in its
    first-level division, or of that division ("Dhi Qar governor's office" backs Nasiriya): a
    story returns to where its event happened, seldom to a place named in passing."""
    regions = [
        (m.start, m.place.iso3, m.place.admin1, m.place.feature in _TOWNS) for m in places
        if m.place is not None and m.place.feature != "country" and m.place.admin1
    ]  # fmt: skip
    per_region = Counter((i, a) for _, i, a, _ in regions)
    per_mention = Counter((s, i, a) for s, i, a, _ in regions)
    out: dict[int, float] = {}
    for start, iso3, admin1, town in regions:
        others = per_region[iso3, admin1] - per_mention[start, iso3, admin1]
        if others and town:  # a division backed by its own towns is no more precise for it
            out[start] = min(SUPPORT_MAX, SUPPORT * others)
    return out


_TOWNS = frozenset({"city", "site"})


def _in_country(m: PlaceMention, iso3: str | None) -> bool:
    if m.place is None:
        return True
    return iso3 is None or m.place.iso3 == iso3


def _contained(text: str, places: Sequence[PlaceMention]) -> frozenset[int]:
    """Starts of mentions that only say where another place lies: the division it is in, or a
    reference town ("Hawija, a town near Kirkuk")."""
    tops = [Toponym(m.text, m.start, m.end, (m.place,) if m.place else ()) for m in places]
    out: set[int] = set()
    for k, top in enumerate(tops):
        if top.candidates or k + 1 < len(tops):
            out.update(t.start for t in chain_after(text, tops, k))
        before = places[k - 1].place if k else None
        # Only a town or village is placed by a reference; "Oaxaca, near San Vicente" is not.
        if (
            k
            and is_reference(text, tops[k - 1].end, top.start)
            and not (before and before.feature in ("admin1", "country"))
        ):
            out.add(top.start)
    return frozenset(out)


def _sentence_of(start: int, sentences: SpanIndex) -> int:
    k = sentences.holding(start)
    return len(sentences) if k is None else k


def _lead_of(text: str, sentences: Sequence[tuple[int, int]], event_sentence: int) -> frozenset[int]:
    """When the event word is in a headline (a line with no full stop), the story's first two
    sentences tell the same event with its place: "attack on Plateau village" is told as
    "gunmen stormed Kwall ... in Bassa" below it."""
    a, b = sentences[event_sentence] if event_sentence < len(sentences) else (0, 0)
    if text[a:b].rstrip().endswith((".", "!", "?", '"', "”")):
        return frozenset()
    body = [
        k for k, (x, y) in enumerate(sentences) if k > event_sentence and text[x:y].rstrip().endswith(".")
    ]
    return frozenset(body[:2])


def _site_score(
    text: str,
    m: PlaceMention,
    trigger: tuple[int, int],
    sentences: SpanIndex,
    event: tuple[int, frozenset[int]],
    contained: frozenset[int],
) -> float:
    event_sentence, lead = event
    k = _sentence_of(m.start, sentences)
    score = 3.0 if k == event_sentence or k in lead else 1.5 if k < 2 else 0.5 if k < event_sentence else 0.0
    score -= 0.1 * abs(k - event_sentence) if k not in lead else 0.0
    if k == event_sentence:
        score += 1.0 / (1.0 + abs(m.start - trigger[0]) / 60.0)
    score += context_score(text, m.start, m.end)
    if is_modifier(text, m.end) or names_a_route(text, m.end):
        score -= 4.0
    if m.start in contained:
        score -= 3.0
    if is_sublocality(text, m.start, m.end):
        score -= 2.0
    feature = m.place.feature if m.place else "village" if m.confidence > 0.2 else "unknown"
    return score + _SITE_PRIOR.get(feature, 1.0)


# A country is never the place of an event when anything finer is named; a named village is the
# most specific place a report gives.
_SITE_PRIOR = {"country": -4.0, "admin1": -0.5, "admin2": 0.2, "village": 0.6, "unknown": -1.0}


def _coded(
    text: str, m: PlaceMention, places: Sequence[PlaceMention], gazetteer: Gazetteer, iso3: str | None
) -> Location | None:
    near = near_words(text, m.start, m.end)
    if m.place is None:
        return _unknown(text, m, places, gazetteer, iso3)
    place = m.place
    if place.feature == "country":
        seat = gazetteer.seat(place)
        return Location(ascii_name(seat.name), seat, 3, m.start, m.end, None, 0.3) if seat else None
    if place.feature in DIVISION_FEATURES:
        seat = gazetteer.seat(place)
        if seat is None:
            return None
        precision = 3 if place.feature == "admin1" else 2
        seat = _in_division(seat, place)
        return Location(ascii_name(seat.name), seat, precision, m.start, m.end, None, 0.5)
    return Location(ascii_name(place.name), place, 2 if near else 1, m.start, m.end, None, m.confidence)


def _unknown(
    text: str, m: PlaceMention, places: Sequence[PlaceMention], gazetteer: Gazetteer, iso3: str | None
) -> Location | None:
    """A place the gazetteer does not know keeps its name as written, at the point of the smallest
    division or town the text puts it in (geo_precision 2; 3 when only a region or the country
    is known)."""
    anchor = _anchor(text, m, places, iso3)
    if anchor is None:
        country = gazetteer.country(iso3) if iso3 else None
        seat = gazetteer.seat(country) if country else None
        if seat is None:
            return None
        return Location(m.text, replace(seat, admin1=None, admin2=None), 3, m.start, m.end, None, 0.3)
    point = gazetteer.seat(anchor) if anchor.feature in DIVISION_FEATURES else anchor
    if point is None:
        return None
    point = _in_division(point, anchor)
    precision = 3 if anchor.feature == "admin1" else 2
    return Location(m.text, point, precision, m.start, m.end, ascii_name(anchor.name), 0.5)


def _in_division(seat: Place, division: Place) -> Place:
    """The seat of a district carries the district's name, which a town's record may lack."""
    if division.feature == "admin2" and not seat.admin2:
        return replace(seat, admin2=division.name)
    return seat


# The smallest division first: a town, then a district, then a region.
_SIZE = {"city": 0, "site": 0, "admin2": 1, "admin1": 2}


def _anchor(text: str, m: PlaceMention, places: Sequence[PlaceMention], iso3: str | None) -> Place | None:
    """The known place that stands in for an unknown one: the smallest town or division named
    right after it in its sentence ("Kwashebe, Zabarmari, in Borno State's Jere LGA" is in Jere;
    "X (Y, Z)"); else the nearest one named after or before it, in the event's country; else the
    town the document names most ("Hamar Jajab district" in a story told from Mogadishu)."""
    known = [
        p for p in places
        if p.place is not None and p.place.feature != "country" and (iso3 is None or p.place.iso3 == iso3)
        and not is_destination(text, p.start)  # the town the wounded were flown to is elsewhere
    ]  # fmt: skip
    if not known:
        return None
    after = [
        p for p in known
        if 0 <= p.start - m.end <= PLACING_GAP and ". " not in text[m.end : p.start]
    ]  # fmt: skip
    if after:
        return min(after, key=lambda p: (_SIZE.get(p.place.feature, 3), p.start)).place  # type: ignore[union-attr]
    best = min(known, key=lambda p: abs(p.start - m.end) + (0 if p.start > m.start else 40))
    if abs(best.start - m.end) > 200:
        towns = [p for p in known if p.place and p.place.feature == "city"]
        if not towns:
            return None
        counts = Counter(p.place.geonameid or p.place.name for p in towns)  # type: ignore[union-attr]
        best = max(towns, key=lambda p: (counts[p.place.geonameid or p.place.name], -p.start))  # type: ignore[union-attr]
    return best.place
