"""Where a document's outlets are at home: a weak prior on the event's country.

A coder who reads an unclear "Tripoli" in An-Nahar takes it for Tripoli, Lebanon; a national
outlet reports mostly on its own country. The prior comes from the document's metadata, never
from its text: the ``outlet`` field (one name, or several joined by ";" as ACLED's source column
writes them) and the ``url``'s domain. It is a vote beside the text's own clues, which outweigh it
whenever they are clear.

Only outlets and monitors the source lexicon files with a home country vote; agencies
and broadcasters that report the whole world (Reuters, Al Jazeera, RFE/RL) and social media say
nothing. Unknown names still vote when they carry their country in brackets ("El Tiempo
(Venezuela)"), and unknown web addresses by their country-code domain (".lb", ".com.ve").
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from urllib.parse import urlsplit

from sitrep.extractors.sources import SourceEntry, SourceLexicon

HOME_SCALES = frozenset({"National", "Subnational"})
WORLD_SCALES = frozenset({"International", "Regional", "New media"})
# Monitors and media of one country vote whatever their scale; officials and armed groups do
# not, since armies and ministries report their operations abroad too.
HOME_KINDS = frozenset({"monitor", "media", "agency", "outlet"})
_SPLIT = re.compile(r"\s*[;|]\s*")
_BRACKETED = re.compile(r"\(([^()]+)\)\s*$")
# Country-code domains that are sold worldwide as generic ones, and so say nothing of a country.
GENERIC_TLDS = frozenset(
    {"ai", "am", "cc", "co", "fm", "gg", "io", "la", "ly", "me", "nu", "so", "to", "tv", "ws"}
)
_TLD_COUNTRY = {"uk": "GB"}


def outlet_names(outlet: str | None) -> list[str]:
    """The names in an outlet field: "An-Nahar; Murr TV" is two outlets."""
    if not outlet:
        return []
    return [name for name in _SPLIT.split(outlet.strip()) if name]


def home_votes(
    outlet: str | None,
    url: str | None,
    lexicon: SourceLexicon,
    country_of: Callable[[str], str | None],
) -> dict[str, float]:
    """Country votes of a document's outlets, summing to 1 when any outlet is at home somewhere.

    ``country_of`` turns a country name or ISO2 code into an ISO3 code (the gazetteer's lookup);
    it is passed in so that this module stays free of the gazetteer."""
    homes = [_home_of_name(name, lexicon, country_of) for name in outlet_names(outlet)]
    if url:
        homes.append(_home_of_url(url, lexicon, country_of))
    known = [iso3 for iso3 in homes if iso3]
    votes: dict[str, float] = defaultdict(float)
    for iso3 in known:
        votes[iso3] += 1 / len(known)
    return dict(votes)


def _home(entry: SourceEntry | None, country_of: Callable[[str], str | None]) -> str | None:
    if entry is None or not entry.country or entry.generic:
        return None
    if entry.scale in WORLD_SCALES or (entry.scale not in HOME_SCALES and entry.kind not in HOME_KINDS):
        return None
    return country_of(entry.country)


def _home_of_name(name: str, lexicon: SourceLexicon, country_of: Callable[[str], str | None]) -> str | None:
    entry = lexicon.get(name)
    if entry is not None:
        return _home(entry, country_of)
    bracketed = _BRACKETED.search(name)
    return country_of(bracketed.group(1).strip()) if bracketed else None


def _home_of_url(url: str, lexicon: SourceLexicon, country_of: Callable[[str], str | None]) -> str | None:
    try:
        host = (urlsplit(url if "//" in url else f"//{url}").hostname or "").lower().removeprefix("www.")
    except ValueError:  # not a URL ("http://[broken"): it says nothing of a home
        return None
    labels = host.split(".")
    for k in range(len(labels) - 1):
        entry = lexicon.domain(".".join(labels[k:]))
        if entry is not None:
            return _home(entry, country_of)
    tld = labels[-1] if len(labels) > 1 else ""
    if len(tld) != 2 or not tld.isalpha() or tld in GENERIC_TLDS:
        return None
    return country_of(_TLD_COUNTRY.get(tld, tld.upper()))
