"""Country votes from a text's place names and demonyms.

``tally_votes`` weighs each mention by its kind (a country name most, then first-level divisions,
then populous or unambiguous places), its surroundings ("in X" more, "from X", "US forces" and
"neighbouring X" less) and the support the rest of the text gives its candidate countries.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from sitrep.places.context import is_destination
from sitrep.places.names import base_key, name_key
from sitrep.places.scan import ADMIN_SUFFIXES, Toponym
from sitrep.records import Place

# A name's reading: (name key, weight per candidate country, the vote it casts on its own).
Reading = tuple[str, dict[str, float], dict[str, float]]


def tally_votes(
    text: str,
    tops: Sequence[Toponym],
    demonyms: Iterable[Toponym],
    outside: Mapping[str, float] | None = None,
) -> Counter[str]:
    """Country votes of a text's toponyms (in text order) and demonyms, ambiguous names resolved.

    ``outside`` (a prior from outside the text: the outlet's home) only helps resolve ambiguous names: it
    casts no vote of its own here."""
    readings = _all_readings(text, tops, demonyms)
    by_key = _alone_by_key(readings)
    prior: Counter[str] = Counter(outside or {})
    for counter in by_key.values():
        prior.update(counter)
    votes: Counter[str] = Counter()
    for key, weight in by_key.items():
        options = _merge_options(r[1] for r in readings if r[0] == key)
        home = _home_reading(options, outside or {})
        if home is not None:
            votes[home] += max(options[home], max(weight.values(), default=0.0))  # type: ignore[assignment]
            continue
        context = {c: prior[c] - weight.get(c, 0.0) for c in options}
        score = {c: w * (1.0 + context[c]) for c, w in options.items()}
        best = max(score, key=lambda c: score[c], default=None)
        if best is not None and context[best] > 0 and not _outranked(best, weight, options):
            votes[best] += max(options[best], max(weight.values(), default=0.0))  # type: ignore[assignment]
        else:
            votes.update(weight)
    return votes


# A home reading this much weaker than the best one (a size tier or more) is an obscure namesake.
_NAMESAKE = 0.5


def _home_reading(options: dict[str, float], outside: Mapping[str, float]) -> str | None:
    """The outlet's home country, for a name it can be read in: An-Nahar's "Tripoli" is in
    Lebanon. A small home namesake does not take a major place's name: a US paper's "Paris" is
    in France, not Texas."""
    home = [c for c in options if outside.get(c, 0.0) > 0]
    if not home or len(options) < 2:
        return None
    best = max(home, key=lambda c: outside[c])
    if options[best] <= _NAMESAKE * max(options.values()):
        return None
    return best


def _outranked(best: str, alone: Counter[str], options: dict[str, float]) -> bool:
    """True when the name on its own points to one country whose reading is a bigger place than
    the one the context prefers: "Damascus" stays in Syria beside a "Bostan" that reads as a town
    in the United States."""
    if len(alone) != 1:
        return False
    (home,) = alone
    return home != best and options.get(home, 0.0) > options.get(best, 0.0)


def _all_readings(text: str, tops: Sequence[Toponym], demonyms: Iterable[Toponym]) -> list[Reading]:
    readings = [_readings(text, t) for t in tops]
    for k, (outer, inner) in enumerate(zip(tops[1:], tops, strict=False)):
        if _contains(text, outer, inner):
            # "Karak (Dar'a)", "Balet Weyne, Hiraan": the division says more than the place.
            key, options, alone = readings[k]
            readings[k] = (key, options, {c: w * 0.25 for c, w in alone.items()})
    return readings + [_demonym_readings(text, d) for d in demonyms]


def _alone_by_key(readings: list[Reading]) -> dict[str, Counter[str]]:
    """What each name says on its own, summed over its mentions."""
    by_key: dict[str, Counter[str]] = {}
    seen: Counter[str] = Counter()
    for key, _, alone in readings:
        # Repeating a name adds little, and only other names may vouch for a reading of it.
        by_key.setdefault(key, Counter()).update({c: w * 0.5 ** seen[key] for c, w in alone.items()})
        seen[key] += 1
    return by_key


_MODIFIER_NEXT = frozenset(
    {"dollar", "dollars", "embassy", "ambassador", "envoy", "troops", "forces", "force", "military", "army",
     "government", "officials", "official", "president", "backed", "led", "citizens", "citizen", "nationals",
     "national", "soldiers", "airstrikes", "air", "navy", "militias", "militia", "intelligence", "jets",
     "drones", "drone", "pound", "pounds", "lira", "consulate", "minister", "ministry", "authorities",
     "soldier", "troop", "armoured", "armored", "vehicles", "vehicle", "convoy", "convoys", "patrol",
     "patrols",
     "aircraft", "warplanes", "warplane", "helicopter", "helicopters", "personnel", "marines", "marine",
     "diplomats", "diplomat", "commander", "commanders", "officer", "officers", "airstrike", "strikes",
     "administration", "defense", "defence", "state", "secretary", "spokesman", "spokeswoman", "spokesperson"}
)  # fmt: skip
_CURRENCY = frozenset({"dollar", "dollars", "pound", "pounds", "lira", "euro", "euros", "rupee", "rupees"})
_NEXT_WORD = re.compile(r"[\s\-]*([^\W\d_]+)")
_PREV_WORD = re.compile(r"([^\W\d_]+)[\s\-]+$")
_PREV_NAME = re.compile(r"\b([A-Z][^\W\d_]*)[ -]$")
_NEXT_NAME = re.compile(r"[ -]([A-Z][^\W\d_]*)")
_NAME_SUFFIXES = ADMIN_SUFFIXES | {"city", "town", "village", "area", "camp", "countryside", "valley"}
_LOCATIVE = frozenset({"in", "near", "outside", "at", "around", "into", "inside", "across", "within"})
_AWAY = frozenset({"from", "to", "with", "against", "pro", "anti", "by", "toward", "towards"})
# "the neighbouring Uzbekistan" is, by the words, not where the story is.
_NEIGHBOUR = frozenset({"neighboring", "neighbouring", "bordering", "neighbor", "neighbour"})
_FUNCTION_WORDS = _LOCATIVE | _AWAY | {"the", "on", "and", "of", "a", "an", "as", "but", "when", "while"}


# A country or capital that speaks or acts as a state ("America condemned", "the US and its allies
# called for calm", "Washington has not confirmed") stands for its government, not a place.
_STANCE = re.compile(
    r"(?:['’]s\s+(?:allies|government|officials?|spokes\w+|envoy|ambassador)|\s+and\s+(?:its\s+|the\s+)?"
    r"[\w'’]+(?:\s+[\w'’]+)?)?,?\s+(?:has\s+|have\s+|had\s+|also\s+|did\s+|does\s+|later\s+)?(?:not\s+)?"
    r"(?:said|says|condemned|condemns|called|calls|urged|urges|warned|warns|denied|denies|announced|"
    r"accused|accuses|blamed|blames|demanded|welcomed|rejected|critici[sz]ed|praised|vowed|pledged|"
    r"threatened|confirmed|imposed|sanctioned|keeps|insisted|responded|expressed)\b",
    re.IGNORECASE,
)


def _context_factor(text: str, start: int, end: int, strong: float = 0.2) -> float:
    """How much a mention's surroundings say it is where things happen.

    Early mentions and "in X" count more; "from X", "pro-X" count less, "neighbouring X" almost
    nothing; a name that modifies an
    actor ("US forces", "Turkish-backed") counts ``strong``, one that names a currency nothing.
    """
    m = _NEXT_WORD.match(text, end)
    after = m.group(1).lower() if m else ""
    if after in _CURRENCY:
        return 0.0
    factor = strong if after in _MODIFIER_NEXT or _STANCE.match(text, end) else 1.0
    before = _PREV_WORD.search(text, max(0, start - 40), start)
    word = before.group(1).lower() if before else ""
    if is_destination(text, start):
        return 0.1  # where the wounded were flown or treated ("flown to Turkey"), not where it happened
    factor *= 1.5 if word in _LOCATIVE else 0.5 if word in _AWAY else 0.1 if word in _NEIGHBOUR else 1.0
    return factor * (1.5 if start < 300 else 1.0)


def _weight(place: Place, main: bool) -> float:
    if place.feature == "country":
        return 3.0
    if place.feature == "admin1":
        return 2.0
    if place.feature == "admin2":
        return 1.0
    if place.feature != "city":
        return 0.2
    size = 1.5 if place.population >= 100_000 else 0.75 if place.population >= 10_000 else 0.3
    return size if main else size / 2


def _merge_options(many: Iterable[dict[str, float]]) -> dict[str, float]:
    out: dict[str, float] = {}
    for options in many:
        for c, w in options.items():
            out[c] = max(out.get(c, 0.0), w)
    return out


def _partial(text: str, start: int, end: int) -> bool:
    """True inside a longer capitalised name the gazetteer does not know ("Jabal al-Zawiya")."""
    after = _NEXT_NAME.match(text, end)
    before = _PREV_NAME.search(text, max(0, start - 40), start)
    if before and before.group(1).lower() not in _FUNCTION_WORDS:
        return True
    return bool(after and after.group(1).lower() not in _NAME_SUFFIXES)


def _readings(text: str, top: Toponym) -> Reading:
    """(name key, weight per candidate country, the vote this toponym casts on its own)."""
    key = base_key(name_key(top.text))
    factor = _context_factor(text, top.start, top.end, 0.2)
    factor *= 0.4 if _partial(text, top.start, top.end) else 1.0
    options: dict[str, float] = {}
    for p in top.candidates:
        if p.iso3:
            w = _weight(p, base_key(name_key(p.name)) == key) * factor
            options[p.iso3] = max(options.get(p.iso3, 0.0), w)
    return key, options, {c: w * factor for c, w in _toponym_votes(top)}


# "the Syrian village of X", "a Yemeni port city", "a north-eastern Nigerian village": the text
# says in so many words which country the place is in.
_PLACE_NOUN = re.compile(
    r"[\s-]+(?:(?:border|port|coastal|frontline|front-line|desert|mountain|rural|northern|southern|eastern|"
    r"western|central|[\w]+-held|[\w]+-controlled)\s+)?(?:(?:village|villages|town|towns|city|cities|countryside|"
    r"hamlet|capital)\b|(?:province|district|region|governorate|municipality)\s+of\b)",
    re.IGNORECASE,
)  # "Somali region" and "Afar region" are divisions' names
PLACE_DEMONYM = 3.0


def _demonym_readings(text: str, dem: Toponym) -> Reading:
    iso3 = dem.candidates[0].iso3 or ""
    base = PLACE_DEMONYM if _PLACE_NOUN.match(text, dem.end) else 0.75
    w = base * _context_factor(text, dem.start, dem.end)
    return f"#{iso3}", {iso3: w}, {iso3: w}


def _toponym_votes(top: Toponym) -> list[tuple[str, float]]:
    """How much one toponym says on its own about which country the text is in."""
    cands = [p for p in top.candidates if p.iso3]
    if any(p.feature == "country" for p in cands):
        hits = {p.iso3 for p in cands if p.feature == "country"}
        return [(iso3, 3.0 / len(hits)) for iso3 in hits if iso3]
    if any(p.feature == "admin1" for p in cands):
        return _admin1_votes(cands)
    places = [p for p in cands if p.feature in ("city", "admin2")]
    if not places:
        return []
    top_place = max(places, key=lambda p: p.population)
    rival = max((p.population for p in places if p.iso3 != top_place.iso3), default=0)
    if top_place.population >= 50_000 and top_place.population >= 5 * rival:
        return [(top_place.iso3 or "", 1.5)]
    if top_place.population >= 50_000 and top_place.population >= 2 * rival:
        return [(top_place.iso3 or "", 0.75)]
    if rival == 0 or top_place.population >= 2 * rival:
        return [(top_place.iso3 or "", 1.0 if len(places) <= 3 else 0.5)]
    return []


def _admin1_votes(cands: list[Place]) -> list[tuple[str, float]]:
    """Divisions of one name in several countries ("Gaza", "Punjab"): the clearly bigger one,
    counting a large place of the same name in its country, takes the vote; else they split."""
    size: Counter[str] = Counter()
    for p in cands:
        if p.feature == "admin1" or p.feature == "city" and p.population >= 100_000:
            size[p.iso3 or ""] = max(size[p.iso3 or ""], 0) + p.population + 1
    hits = {p.iso3 or "" for p in cands if p.feature == "admin1"}
    ranked = sorted(hits, key=lambda c: -size[c])
    if len(ranked) > 1 and size[ranked[0]] >= 2 * size[ranked[1]]:
        return [(ranked[0], 2.0)]
    return [(c, 2.0 / len(ranked)) for c in ranked]


_CONTAINER_GAP = re.compile(r"\s*(?:,|\(|in|in the|of)\s*")


def _contains(text: str, outer: Toponym, inner: Toponym) -> bool:
    """True for "inner, outer" or "inner (outer" where the outer name is a division or country."""
    if not _CONTAINER_GAP.fullmatch(text[inner.end : outer.start]):
        return False
    return bool(outer.candidates) and outer.candidates[0].feature in ("admin1", "country")
