"""The geocode stage: the places a document names, resolved, and the event's place among them.

``find_places`` resolves every toponym the gazetteer finds (and the villages it does not know) using
the document's country, the divisions named around it ("Khirbet Ammo (Qamishli, Al Hasakeh)",
"in Idlib province"), other places nearby in the text, and population. ``locate`` (in
``places/locate.py``) then chooses where the event happened among them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from sitrep.places.context import (
    DIVISION_FEATURES,
    PLACING_GAP,
    chain_after,
    contained_names,
    context_score,
    full_name,
    is_publication,
    locative_names,
    placed_at,
    region_named,
    unknown_names,
)
from sitrep.places.gazetteer import Gazetteer
from sitrep.places.geometry import DISTRICT_KM, VOUCHING_KM, haversine_km
from sitrep.places.locate import locate
from sitrep.places.names import bare_key, same_bare, same_name
from sitrep.places.scan import Toponym
from sitrep.records import Place, PlaceMention
from sitrep.spans import SpanIndex

__all__ = ["context_score", "find_places", "hierarchy_votes", "locate", "placed_at"]


@dataclass(frozen=True)
class _Cand:
    top: Toponym
    containers: tuple[Toponym, ...]
    is_container: bool = False  # it says where another named place lies: a division, most likely


def find_places(
    text: str,
    gazetteer: Gazetteer,
    iso3: str | None,
    names: Sequence[tuple[int, int]] = (),
    toponyms: Sequence[Toponym] | None = None,
) -> list[PlaceMention]:
    """Every place ``text`` names, in text order, each resolved to its most likely entry.

    ``names`` are spans of people's and actors' names ("Mark Esper", "Luhansk People's Militia"):
    a place inside one counts only when the text puts something there ("in Bnei Brak", which
    the model may take for a person). ``toponyms`` are the gazetteer's names in the text, when
    the caller has scanned it already."""
    scanned = gazetteer.scan(text) if toponyms is None else toponyms
    tops, named = _toponyms(text, gazetteer, iso3, names, scanned)
    chains = [tuple(chain_after(text, tops, k)) for k in range(len(tops))]
    outer = {t.start for chain in chains for t in chain} | {
        t.start for t in tops if region_named(text, t.start)
    }
    cands = [
        _widened(_Cand(t, chain, t.start in outer), gazetteer, iso3)
        for t, chain in zip(tops, chains, strict=True)
    ]
    regions = _regions(tops)
    vouchers = _Vouchers(cands, [_resolve(c, iso3, regions, ()) for c in cands])
    out = []
    for cand in cands:
        best = _resolve(cand, iso3, regions, vouchers.of(cand.top.text))
        if best is not None and _unfit(best, cand, iso3, cand.top.start in named):
            best = None
        conf = 0.9 if best is not None and cand.containers else 0.7 if best is not None else 0.3
        if best is None and cand.top.start not in named and not cand.containers:
            conf = 0.1  # a capitalised run that merely contains a place name: a place only by default
        out.append(PlaceMention(cand.top.text, cand.top.start, cand.top.end, best, conf))
    return out


class _Vouchers:
    """Other names vouch for a reading by lying near it; the same name cannot vouch for itself.

    Each distinct name and each place is compared once, so a text that repeats its names costs
    what its distinct names cost."""

    def __init__(self, cands: Sequence[_Cand], first: Sequence[Place | None]) -> None:
        self._by_name: dict[str, dict[int, Place]] = {}
        for cand, place in zip(cands, first, strict=True):
            if place is not None and place.feature not in ("country", "admin1"):
                self._by_name.setdefault(cand.top.text, {})[id(place)] = place
        self._bare = {name: bare_key(name) for name in self._by_name}
        self._memo: dict[str, tuple[Place, ...]] = {}

    def of(self, name: str) -> tuple[Place, ...]:
        if name not in self._memo:
            key = bare_key(name)
            found: dict[int, Place] = {}
            for other, places in self._by_name.items():
                if not same_bare(key, self._bare[other]):
                    found.update(places)
            self._memo[name] = tuple(found.values())
        return self._memo[name]


def _toponyms(
    text: str,
    gazetteer: Gazetteer,
    iso3: str | None,
    names: Sequence[tuple[int, int]],
    scanned: Sequence[Toponym],
) -> tuple[list[Toponym], set[int]]:
    """The gazetteer's names in the text, in text order, plus names given as places that the exact
    scan missed; and the starts of those named as villages, camps or areas."""
    blanked = SpanIndex(names)
    tops = [
        _whole(t, text, gazetteer, iso3)
        for t in scanned
        if not blanked.overlaps(t.start, t.end) or placed_at(text, t.start)
    ]
    tops = [t for t in tops if gazetteer.country_of_demonym(t.text) is None]  # "South Sudanese"
    named = {start for _, start, _ in unknown_names(text, ())}
    for name, start, end in unknown_names(text, [(t.start, t.end) for t in tops]):
        if gazetteer.country_of_demonym(name) is None:  # not "a Syrian village"
            tops.append(Toponym(name, start, end, _readings_in(name, gazetteer, iso3)))
    for name, start, end in locative_names(text, [(t.start, t.end) for t in tops]):
        found = _readings_in(name, gazetteer, iso3) if gazetteer.country_of_demonym(name) is None else ()
        if found and iso3:
            tops.append(Toponym(name, start, end, found))
        elif _unknown_placed(text, name, start, end, tops, gazetteer, iso3):
            # "near Taramchuk, Donetsk", "at Kwashebe, Zabarmari, in Borno State's Jere LGA": a
            # name the gazetteer lacks, put in a known town or division of the event's country.
            tops.append(Toponym(name, start, end, ()))
            named.add(start)
    taken = [(t.start, t.end) for t in tops] + list(names)
    for name, start, end in contained_names(text, taken):
        if _unknown_placed(text, name, start, end, tops, gazetteer, iso3, gap=12) and not _readings_in(
            name, gazetteer, iso3
        ):
            tops.append(Toponym(name, start, end, ()))  # "shelled Kansafra in Idleb countryside"
            named.add(start)
    # "the New York Times" holds a place's name but is a publication, not a place.
    tops = [t for t in tops if t.candidates or not is_publication(t.text)]
    return sorted(tops, key=lambda t: t.start), named


def _unknown_placed(
    text: str,
    name: str,
    start: int,
    end: int,
    tops: Sequence[Toponym],
    gazetteer: Gazetteer,
    iso3: str | None,
    gap: int = PLACING_GAP,
) -> bool:
    """An unknown name that the words before it do not make a publication ("in the New York
    Times") and that a known place of the event's country follows closely."""
    if not iso3 or gazetteer.country_of_demonym(name) is not None:
        return False
    if text[max(0, start - 4) : start].lower().endswith("the "):
        return False
    return _placed_by_next(text, end, tops, iso3, gap)


def _placed_by_next(text: str, end: int, tops: Sequence[Toponym], iso3: str, reach: int) -> bool:
    """A known place of ``iso3`` follows the name closely, in the same sentence."""
    for top in tops:
        gap = text[end : top.start]
        close = 0 <= top.start - end <= reach and ". " not in gap and "\n" not in gap
        if close and any(p.iso3 == iso3 and p.feature != "country" for p in top.candidates[:3]):
            return True
    return False


def _readings_in(name: str, gazetteer: Gazetteer, iso3: str | None) -> tuple[Place, ...]:
    """What a name the exact scan missed can be in the event's country, spelling variants included."""
    found = [p for p in gazetteer.lookup(name, iso3) if p.iso3 == iso3 and p.feature != "country"]
    return tuple(found[:25])


def _whole(top: Toponym, text: str, gazetteer: Gazetteer, iso3: str | None) -> Toponym:
    """A name matched inside a longer one ("Big" of "Big Sukariyeh") stands for the longer one,
    which the gazetteer may know under another spelling, or not at all."""
    start, end = full_name(text, top.start, top.end)
    if (start, end) == (top.start, top.end):
        return top
    name = text[start:end]
    found = _readings_in(name, gazetteer, iso3) if iso3 else ()
    return Toponym(name, start, end, tuple(p for p in found[:5] if same_name(p.name, name)))


def _widened(cand: _Cand, gazetteer: Gazetteer, iso3: str | None) -> _Cand:
    """With the divisions named after it ("Cuauhtemoc municipality, Chihuahua"), a name whose
    candidates all lie elsewhere gets its namesakes inside them, spelling variants included."""
    if not cand.containers or _fits_container(cand.top.candidates, cand):
        return cand
    found = tuple(p for p in gazetteer.lookup(cand.top.text, iso3) if p.feature != "country")
    inside = tuple(p for p in found if _fits_container((p,), cand))
    if not inside:
        return cand
    top = Toponym(cand.top.text, cand.top.start, cand.top.end, inside + cand.top.candidates)
    return _Cand(top, cand.containers, cand.is_container)


def _fits_container(places: Sequence[Place], cand: _Cand) -> bool:
    return any(_inside(p, c) for p in places for t in cand.containers for c in t.candidates[:8])


def _unfit(best: Place, cand: _Cand, iso3: str | None, named_as_place: bool) -> bool:
    """A reading to drop for an unknown village: abroad though the text is about ``iso3`` and the
    name is given as a village or with its divisions, or outside the divisions named with it."""
    if best.feature in ("country", "admin1"):
        return False
    around = [c.iso3 for t in cand.containers for c in t.candidates[:8]]
    if around and best.iso3 not in around:
        return True
    for container in cand.containers:
        # Every division named with it must hold it ("Shehpur area of Ahmedabad city (Gujarat)").
        same_country = [c for c in container.candidates[:8] if c.iso3 == best.iso3]
        if same_country and not any(_inside(best, c) for c in same_country):
            return True
    return bool(iso3 and best.iso3 != iso3 and named_as_place)


def hierarchy_votes(text: str, toponyms: Sequence[Toponym]) -> dict[str, float]:
    """Countries in which a name and the divisions named with it fit together ("El Callao,
    Bolivar state", "Mansila (Mansila, Yagha)"): one vote per such pair, whatever the names'
    sizes, since a coder's "X (Y, Z)" or a reporter's "X, Y province" pins the country down."""
    tops = list(toponyms)
    votes: dict[str, float] = {}
    for k, top in enumerate(tops):
        for container in chain_after(text, tops, k):
            fits = {p.iso3 for p in top.candidates for c in container.candidates if p.iso3 and _inside(p, c)}
            for iso3 in fits - {c.iso3 for c in container.candidates if c.feature == "country"}:
                votes[iso3] = votes.get(iso3, 0.0) + 1.0 / len(fits)
    return votes


def _regions(tops: Sequence[Toponym]) -> tuple[Place, ...]:
    """Divisions the text names as such ("Idlib province", "Hasakah governorate"), each once."""
    found = {
        id(t.candidates[0]): t.candidates[0]
        for t in tops
        if t.candidates and t.candidates[0].feature in DIVISION_FEATURES
    }
    return tuple(found.values())


def _resolve(
    cand: _Cand, iso3: str | None, regions: Sequence[Place], anchors: Sequence[Place]
) -> Place | None:
    places = cand.top.candidates
    if not places:
        return None
    return max(places, key=lambda p: _score(p, cand, iso3, regions, anchors))


def _score(
    p: Place, cand: _Cand, iso3: str | None, regions: Sequence[Place], anchors: Sequence[Place]
) -> float:
    score = 3.0 if iso3 and p.iso3 == iso3 else 0.0
    score += 3.0 * min(2, sum(_inside(p, c) for t in cand.containers for c in t.candidates[:8]))
    score += 1.0 if any(_inside(p, r) for r in regions if r not in cand.top.candidates) else 0.0
    if p.latitude is not None and any(_near(p, a) for a in anchors if a is not p):
        score += 1.5
    score += math.log10(p.population + 10) / 2
    score -= 0.0 if same_name(p.name, cand.top.text) else 1.0
    if cand.is_container and p.feature in DIVISION_FEATURES:
        score += 2.5
    elif p.feature == "admin2" and not cand.is_container:
        score -= 1.5  # a town's name given alone is the town, not the district named after it
    return score + _FEATURE_PRIOR.get(p.feature, 0.0)


# Countries win their names; a bare name is a town rather than the district named after it.
_FEATURE_PRIOR = {"country": 2.0, "city": 1.0, "site": 1.0}


def _inside(p: Place, outer: Place) -> bool:
    """True when ``outer`` (a division, a country or a district town) contains ``p``."""
    if p.iso3 != outer.iso3:
        return False
    if outer.feature == "country" or p == outer:
        return True
    if outer.feature == "admin1":
        return same_name(outer.name, p.admin1 or "")
    if outer.feature == "admin2":
        return same_name(outer.name, p.admin2 or "") or _district_of(p, outer)
    return _district_of(p, outer)


def _district_of(p: Place, district: Place) -> bool:
    return p.admin1 == district.admin1 and _near(p, district, DISTRICT_KM)


def _near(a: Place, b: Place, km: float = VOUCHING_KM) -> bool:
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return False
    return haversine_km(a.latitude, a.longitude, b.latitude, b.longitude) <= km  # type: ignore[arg-type]
