"""The text side of geocoding: what the words around a place name say about it.

Whether a name is where something happened ("in", "near", "south-east of"), where someone spoke
("said in Brussels"), a dateline, a modifier ("US forces"), the division another place lies in
("Khirbet Ammo (Qamishli, Al Hasakeh)"), or a village the gazetteer does not know ("the village of
Tal Tamr").
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from sitrep.places.scan import Toponym
from sitrep.spans import SpanIndex

DIVISION_FEATURES = frozenset({"admin1", "admin2"})
PLACING_GAP = 100  # characters from an unknown name to the known place that says where it lies


# --------------------------------------------------------------------------- containers

_CHAIN_GAP = re.compile(
    r"(?:\s|,|\(|\bin\b|\bthe\b|\bof\b|\bdistrict\b|\bprovince\b|\bgovernorate\b|\bregion\b|\bstate\b|"
    r"\bdepartment\b|\bcounty\b|\bmunicipality\b|\bmunicipalities\b|\barea\b|\bcity\b|\bcountryside\b|"
    r"\btown\b|\bvillage\b|\bhill\b|\bcamp\b|\blocality\b|\bLGA\b|\bupazila\b|\btownship\b|\brural\b|\bsector\b|"
    r"\beastern\b|\bwestern\b|\bnorthern\b|\bsouthern\b)*",
    re.IGNORECASE,
)
_LINK = re.compile(r"[,(]|\bin\b|\bof\b", re.IGNORECASE)


def chain_after(text: str, tops: Sequence[Toponym], k: int) -> Iterator[Toponym]:
    """The names right after ``tops[k]`` that say where it lies: "X (Y, Z)", "X, Y province",
    "X in Y", "X district of Y". A list joined by "and" is not such a chain."""
    end = tops[k].end
    depth = 0
    for nxt in tops[k + 1 :]:
        gap = text[end : nxt.start]
        if len(gap) > 40 or not _CHAIN_GAP.fullmatch(gap) or not _LINK.search(gap):
            return
        depth += gap.count("(")
        if depth == 0 and "," not in gap and not re.search(r"\bin\b|\bof\b", gap, re.IGNORECASE):
            return
        yield nxt
        end = nxt.end
        if ")" in text[nxt.end : nxt.end + 2]:
            return


# --------------------------------------------------------------------------- surroundings

_LOCATIVE = re.compile(
    r"(?:\b(?:in|at|near|outside|around|inside|into|on|across|nearby|close to|village of|town of|"
    r"city of|area of|outskirts of|vicinity of|countryside of|suburbs? of)\s+(?:the\s+)?"
    r"(?:(?:[a-z]+[- ])?(?:village|town|city|district|province|governorate|region|area|neighbou?rhood|camp)"
    r"\s+(?:of\s+)?)?)$",
    re.IGNORECASE,
)
_NEAR_BEFORE = re.compile(
    r"\b(?:near|nearby|outside|around|outskirts of|vicinity of|close to|countryside of|suburbs? of|"
    r"edge of|(?:north|south|east|west)(?:[- ]?(?:east|west))?(?:ern)?(?: part)? of|"
    r"(?:km|kms|kilometres|kilometers|miles)\s+(?:\w+\s+)?(?:from|of|outside))\s+(?:the\s+)?"
    r"(?:(?:village|town|city)\s+of\s+)?$",
    re.IGNORECASE,
)
_NEAR_AFTER = re.compile(
    r"^['’]?s?\s+(?:countryside|outskirts|suburbs?|vicinity|environs|rural area)", re.IGNORECASE
)
_AWAY = re.compile(r"\b(?:from|to|towards?|with|against|between)\s+(?:the\s+)?$", re.IGNORECASE)
_KM_FROM = re.compile(r"\b(?:km|kms|kilometres|kilometers|miles|away)\s+from\s+(?:the\s+)?$", re.IGNORECASE)
_SPEAKER = re.compile(
    r"\b(?:said|says|told|tells|telling|speaking|spoke|speech|statement|briefing|conference|interview|"
    r"visit|visited|visiting|travel\w*|meeting|met|summit|talks|headquartered|based|announced|"
    r"reporters|journalists)\b[^.;:\n]{0,40}\b(?:in|from|at)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_MODIFIED = frozenset(
    {"forces", "force", "troops", "army", "military", "government", "officials", "official", "backed", "led",
     "soldiers", "police", "embassy", "authorities", "president", "minister", "ministry", "navy", "jets",
     "drones", "militia", "militias", "coalition", "regime", "intelligence", "spokesman", "spokesperson",
     "based", "born", "nationals", "citizens", "media", "news", "television", "tv", "agency", "state",
     "border", "dollar", "dollars", "pound", "pounds", "euro", "euros", "lira", "rupee", "rupees"}
)  # fmt: skip
_NEXT_WORD = re.compile(r"[\s\-]*([^\W\d_]+)")
_DATELINE = re.compile(r"[ ,A-Za-z.'’-]{0,40}(?:\(|—|–|--| - |\s*:)")


_SPEAKS = re.compile(
    r"^['’]?s?\s+(?:has\s+|have\s+|had\s+|did\s+|does\s+|also\s+)?(?:not\s+)?(?:said|says|say|confirmed|"
    r"confirm|denied|deny|denies|announced|claimed|claims|accused|accuses|blamed|blames|warned|insisted|"
    r"stated|responded|condemned|condemns|officials|spokes\w+)\b",
    re.IGNORECASE,
)


def context_score(text: str, start: int, end: int) -> float:
    """Positive where the words before a name place an event there; negative where they place a
    speaker, a destination or a dateline there, or where the name stands for a government
    ("Washington has not confirmed")."""
    before = text[max(0, start - 80) : start]
    if _SPEAKER.search(before) or _SPEAKS.match(text[end : end + 40]) or is_destination(text, start):
        return -3.0
    if _is_dateline(text, start, end):
        return -2.0
    if is_earlier_event(text, start):
        return -2.0
    if _KM_FROM.search(before) or _NEAR_BEFORE.search(before) or _LOCATIVE.search(before):
        return 1.5
    if _AWAY.search(before):
        return -1.0
    return 0.0


# Where the wounded, the dead or the displaced were taken: a hospital's town, a country that
# flew the injured out. "were flown to Turkey", "taken to a hospital in Sanaa", "evacuated to Oman".
_DESTINATION = re.compile(
    r"\b(?:flown|flew|airlifted|air-lifted|evacuated|rushed|transferred|transported|referred|admitted|brought|"
    r"taken|carried|treated|hospitali[sz]ed)\b(?!\s+(?:control|over|hostages?|prisoners?|captives?|part|place|"
    r"up|off)\b)[^.;:\n]{0,80}?"
    r"(?:\bto|\b(?:hospitals?|clinics?|medical\s+(?:centres?|centers?|facilit\w+)|morgues?|mortuary)\b"
    r"[^.;:\n]{0,30}?\b(?:in|at))"
    r"\s+(?:the\s+)?(?:(?:nearby|neighbou?ring|regional|provincial|state)\s+)?"
    r"(?:(?:capital|city|town|village)\s*(?:of\s+)?,?\s*)?$",
    re.IGNORECASE,
)


def is_destination(text: str, start: int) -> bool:
    """True for a place the wounded, the dead or the displaced were taken to ("the wounded were
    flown to Turkey", "four hospitals in Ankara"): where they were treated or buried, not where
    the event happened."""
    line = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start), start - 100)
    return bool(_DESTINATION.search(text, max(0, line), start))


# A clause that tells another, earlier event: "Hours after the consulate was torched in Najaf, ...".
_EARLIER_CLAUSE = re.compile(
    r"(?:(?:^|[,;(—–]|\band)\s*(?:hours|days|weeks|months|a\s+day|a\s+week|a\s+month|one\s+day|the\s+day|"
    r"\w+\s+days|\w+\s+weeks|\d+\s+hours)\s+(?:after|before))\b[^,;:()]*$",
    re.IGNORECASE,
)


def is_earlier_event(text: str, start: int) -> bool:
    """True for a place named in a clause about another, earlier event ("Hours after a consulate
    was torched in Najaf, forces killed 45 in Nasiriyah"): that event's place, not this one's."""
    line = max(text.rfind(". ", 0, start) + 1, text.rfind("\n", 0, start) + 1, 0)
    return bool(_EARLIER_CLAUSE.search(text[line:start]))


_REFERENCE_GAP = re.compile(
    r"\s*(?:\([^)]{0,40}\)\s*)?,?\s*(?:(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?(?:town|village|city|district|area|"
    r"suburb|camp|neighbou?rhood|locality|settlement|region|province|county|hamlet|port)\s+)?"
    r"(?:(?:some|about|around|roughly|approximately|nearly|just|only)\s+)?"
    r"(?:[\d.,]+\s*(?:km|kms|kilometres|kilometers|miles|mi)\s+(?:\([^)]{0,12}\)\s+)?)?"
    r"(?:(?:north|south|east|west)(?:[- ]?(?:east|west))?(?:ern)?\s+of|near|outside|from|away\s+from|"
    r"close\s+to)"
    r"\s+(?:the\s+)?(?:(?:provincial|regional|national)\s+)?(?:capital,?\s+)?(?:(?:city|town)\s+of\s+)?",
    re.IGNORECASE,
)


def is_reference(text: str, prev_end: int, start: int) -> bool:
    """True for a place named only to say where the place before it lies: "Hawija, a town near
    Kirkuk", "Baquba, north of Baghdad", "Sarbagh district, 210 miles northwest of the capital
    Kabul". The event is at the first place."""
    return 0 <= start - prev_end <= 90 and bool(_REFERENCE_GAP.fullmatch(text, prev_end, start))


_REGION_BEFORE = re.compile(
    r"\b(?:state|province|region|governorate|department|county|coast|countryside|rural\s+areas?)"
    r"\s+of\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def region_named(text: str, start: int) -> bool:
    """True for a name the words before it give as a region ("the coast of Oaxaca", "the
    province of Idlib"): its division, not its capital town, is meant."""
    return bool(_REGION_BEFORE.search(text[max(0, start - 30) : start]))


_AT = re.compile(r"\b(?:in|near|at|outside|around|into|inside)\s+(?:the\s+)?$", re.IGNORECASE)


def placed_at(text: str, start: int) -> bool:
    """True when the word before a name puts something at that place ("in", "near", "at")."""
    return bool(_AT.search(text[max(0, start - 20) : start]))


def near_words(text: str, start: int, end: int) -> bool:
    """True for "near X", "south-east of X", "10 km from X", "X countryside": geo_precision 2."""
    return bool(
        _NEAR_BEFORE.search(text[max(0, start - 60) : start]) or _NEAR_AFTER.match(text[end : end + 30])
    )


def is_modifier(text: str, end: int) -> bool:
    """True for a name that qualifies an actor or an office ("US forces", "Kabul-based")."""
    m = _NEXT_WORD.match(text, end)
    return bool(m and m.group(1).lower() in _MODIFIED)


def _is_dateline(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip(" \t"):
        return False
    name = text[start:end]
    return (name.isupper() and len(name) > 3) or bool(_DATELINE.match(text, end))


# --------------------------------------------------------------------------- unknown villages

_ARTICLE = r"(?:(?:al|el|ad|ar|as|ash|at|az|an|ez|ed)-)?"
_NAME = rf"({_ARTICLE}[A-Z][\w'’]*(?:[- ]{_ARTICLE}[A-Z][\w'’]*){{0,3}})"
_UNKNOWN = (
    re.compile(
        r"\b(?:village|town|hamlet|locality|settlement|hill|camp|area|outskirts|vicinity|barangay|commune)"
        r" of " + _NAME
    ),
    re.compile(r"\b(?:Barangay|Brgy\.?) " + _NAME),
    re.compile(
        _NAME
        + r" (?:village|hamlet|hill|camp|locality|community|area|region|front|sector|district|sub-?district|"
        r"county|municipality|LGA|upazila|tehsil|commune|boma|town)\b"
    ),
    re.compile(r"\b(?:in|near|at|outside|around) (?:the )?" + _NAME + r" \("),
)
_NOT_NAMES = frozenset(
    {"the", "a", "an", "on", "in", "at", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
     "sunday", "january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december", "he", "she", "they", "it", "we", "this", "that", "there"}
)  # fmt: skip


def unknown_names(text: str, known: Sequence[tuple[int, int]]) -> Iterator[tuple[str, int, int]]:
    """(name, start, end) of places named as such ("the village of X", "X camp", "in X (")
    that the gazetteer scan did not find."""
    seen: set[int] = set()
    taken = SpanIndex(known)
    for pattern in _UNKNOWN:
        for m in pattern.finditer(text):
            start, end = m.span(1)
            name = m.group(1)
            if start in seen or name.split()[0].lower() in _NOT_NAMES:
                continue
            if taken.overlaps(start, end):
                continue
            seen.add(start)
            yield name, start, end


_AFTER_LOCATIVE = re.compile(
    r"(?:\b(?:in|near|at|outside|around|rural|of|into|towards?|from) (?:the )?|\(\s*|,\s*(?=[^()]*\)))"
    + _NAME
)


def locative_names(text: str, known: Sequence[tuple[int, int]]) -> Iterator[tuple[str, int, int]]:
    """Capitalised names right after "in", "near", "at" that the exact scan did not find: the
    gazetteer may still know them under another spelling ("Ein Issa", "Raizh")."""
    taken = SpanIndex(known)
    for m in _AFTER_LOCATIVE.finditer(text):
        start, end = m.span(1)
        if m.group(1).split()[0].lower() in _NOT_NAMES or taken.overlaps(start, end):
            continue
        yield m.group(1), start, end


_BEFORE_CONTAINER = re.compile(r"(?<!\bthe )" + _NAME + r"(?=,\s|\s\(|\sin\s)")


def contained_names(text: str, known: Sequence[tuple[int, int]]) -> Iterator[tuple[str, int, int]]:
    """Capitalised names right before a comma, a bracket or "in" ("shelled Kansafra in Idleb",
    "near Taramchuk, Donetsk"): places when what follows is a town or division the gazetteer
    knows (the caller checks); not at a sentence's start, not after "the"."""
    for m in _BEFORE_CONTAINER.finditer(text):
        start, end = m.span(1)
        if m.group(1).split()[0].lower() in _NOT_NAMES or _sentence_start(text, start):
            continue
        if _PREVIOUS_CAPITAL.search(text, max(0, start - 30), start):
            continue  # the tail of a longer name ("York Times" of "the New York Times")
        if not any(a < end and start < b for a, b in known):
            yield m.group(1), start, end


_PREVIOUS_CAPITAL = re.compile(r"[A-Z][\w'’]*[ -]$")


_PUBLICATION = re.compile(
    r"\b(?:Times|Post|News|Journal|Guardian|Tribune|Herald|Press|Agency|Radio|Television|TV|Gazette|"
    r"Telegraph|Observer|Monitor|Daily|Chronicle|Express|Mail|Review|Magazine|Sun|Star|Standard|Independent|"
    r"Mirror|Globe|Courier|Inquirer|Dispatch|Bulletin|Wire)$"
)


def is_publication(name: str) -> bool:
    """A name that ends like an outlet's ("New York Times", "Gulf News")."""
    return bool(_PUBLICATION.search(name))


_SUBLOCALITY_BEFORE = re.compile(
    r"\b(?:colonia|barrio|neighbou?rhood of|suburb of|quarter of)\s+$", re.IGNORECASE
)
_SUBLOCALITY_AFTER = re.compile(
    r"^\s+(?:neighbou?rhoods?|community|colony|sector|quarter|slum|favela|market|street|square|avenue|"
    r"boulevard)\b",
    re.IGNORECASE,
)
# A road or junction named after the town it leads to ("the Afgoye junction" in Mogadishu, "the
# Mosul road"): the name qualifies the road, the event is not in that town.
_ROUTE_AFTER = re.compile(
    r"[\s-]+(?:[A-Z][\w'’]*[\s-]+)?(?:road|highway|motorway|expressway|junction|crossroads?|roundabout|"
    r"intersection|bypass)\b",
)


def names_a_route(text: str, end: int) -> bool:
    """True for a name that qualifies a road or junction ("Afgoye junction", "Kabul-Jalalabad highway")."""
    return bool(_ROUTE_AFTER.match(text, end, min(len(text), end + 40)))


_SUBLOCALITY_NAME = re.compile(r"^(?:colonia|barrio|fraccionamiento|vila|bairro)\b", re.IGNORECASE)


def is_sublocality(text: str, start: int, end: int) -> bool:
    """A neighbourhood or community inside a town ("Colonia San Felipe", "Vila Kennedy
    neighborhood"): ACLED codes the town, so the name is not the event's place."""
    before = text[max(0, start - 30) : start]
    if _SUBLOCALITY_NAME.match(text[start:end]):
        return True
    return bool(_SUBLOCALITY_BEFORE.search(before) or _SUBLOCALITY_AFTER.match(text[end : end + 30]))


# The Arabic article before sun letters ("Ain er Roummaneh", "Deir ez-Zor") joins a name too.
_NAME_BEFORE = re.compile(
    r"\b([A-Z][\w'’]*)[ -](?:(?:al|el|ad|ar|as|ash|az|ed|er|es|esh|et|ez|en|de|del|la)[ -])?$"
)
_NAME_AFTER = re.compile(
    r"[ -](?:(?:de|del|la|de la|sub|al|el|ad|as|ar|ash|az|ed|er|es|esh|et|ez|en)[ -])?([A-Z][\w'’]*)"
)
_NOT_PART = frozenset(
    {"in", "near", "at", "on", "the", "of", "and", "from", "to", "province", "governorate", "district",
     "region", "state", "county", "city", "town", "village", "area", "municipality", "department", "airport",
     "international", "university", "hospital", "prison", "base", "road", "street", "bridge", "dam",
     "stadium", "square", "mosque", "church", "market", "camp", "hotel", "highway", "border", "crossing",
     "river", "valley", "mountain", "mountains", "lake", "sea", "gulf", "desert", "forest", "strip", "bank",
     "countryside", "governor", "police", "army", "forces", "military", "people", "north", "south", "east",
     "west", "central", "northern", "southern", "eastern", "western", "upper", "lower", "new", "old",
     "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "lga", "upazila", "local",
     "government", "sector", "front", "checkpoint", "junction"}
)  # fmt: skip


def full_name(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the whole capitalised name a matched name is part of ("Big Sukariyeh" for a
    match on "Big"; "Santo Antonio de Jesus" for "Santo"); the match itself when it is whole."""
    before = _NAME_BEFORE.search(text, max(0, start - 30), start)
    # A possessive ends a name ("Borno State's Jere"): the word before it is another name's.
    possessive = before is not None and before.group(1).endswith(("'s", "’s"))
    if before and _part(before.group(1)) and not possessive and not _sentence_start(text, before.start(1)):
        start = before.start(1)
    while (after := _NAME_AFTER.match(text, end)) and _part(after.group(1)):
        end = after.end()
    return start, end


def _part(word: str) -> bool:
    return word.lower() not in _NOT_PART


def _sentence_start(text: str, start: int) -> bool:
    before = text[max(0, start - 3) : start].strip()
    return not before or before[-1:] in (".", ":")
