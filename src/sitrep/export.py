"""Events out: JSON lines, ACLED-style CSV, GeoJSON and a terminal table.

contract.md ("Events out") is the specification. Every writer takes an iterable of ``Event``
records and a text stream, writes nothing else to it, and returns the number of events written.
Output is deterministic: the same events give byte-identical output (no run timestamps).

CSV conventions. The default layout is ACLED's current export (2024 on, 31 columns), then sitrep's
own columns (``CSV_COLUMNS``); ``layout="2020"`` writes the older numeric layout (``CSV_2020_COLUMNS``).
- Current: ``event_date`` is ``YYYY-MM-DD``; ``inter1``/``inter2`` are text labels (``State forces``)
  and ``interaction`` joins them, smaller code first (``State forces-Rebel group``; one-sided:
  ``Rebel group only``; 78 is ``External/Other forces-Civilians``); ``civilian_targeting`` is
  ``Civilian targeting`` where civilians are the main target; ``tags``, ``admin3`` and
  ``source_scale`` are blank.
- 2020: ``event_date`` is ``DD Month YYYY`` (``09 May 2020``); the inter codes and ``interaction``
  are numbers, smaller first, a one-sided event adding a 0 (``20``).
- Both: ``region`` uses ACLED's current region names (``South Asia``, ``Southeast Asia``);
  ``event_id_cnty`` is ISO3 plus a number derived from ``event_id``; ``timestamp`` is the time an
  event was last stored when written from a store, else 0 (ACLED's is the upload time, which
  would make output differ from run to run).
- sitrep's columns: ``claims`` (JSON: every claim with its source, document, span and quote),
  ``contradictions`` (``fatalities: 4 [Army] / 11 [AFP]``), ``documents``, ``event_id``, ``iso3``,
  ``cameo``, ``plover``, ``confidence``.
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
import shutil
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from types import MappingProxyType
from typing import Any, TextIO

from sitrep.errors import UsageError
from sitrep.records import Contradiction, Event

Writer = Callable[[Iterable[Event], TextIO], int]

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)  # fmt: skip
SITREP_COLUMNS: tuple[str, ...] = (
    "claims", "contradictions", "documents", "event_id", "iso3", "cameo", "plover", "confidence",
)  # fmt: skip
CSV_COLUMNS = ACLED_COLUMNS + SITREP_COLUMNS

ACLED_2020_COLUMNS: tuple[str, ...] = (
    "data_id", "iso", "event_id_cnty", "event_id_no_cnty", "event_date", "year", "time_precision",
    "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2",
    "inter2", "interaction", "region", "country", "admin1", "admin2", "admin3", "location",
    "latitude", "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities",
    "timestamp", "iso3",
)  # fmt: skip
EXTRA_2020_COLUMNS: tuple[str, ...] = (
    "cameo", "plover", "confidence", "documents", "contradictions", "event_id", "disorder_type",
)  # fmt: skip
CSV_2020_COLUMNS = ACLED_2020_COLUMNS + EXTRA_2020_COLUMNS
LAYOUTS = ("current", "2020")

# ACLED's actor type labels for the inter codes (codebook 2024).
INTER_LABELS: Mapping[int, str] = MappingProxyType({
    1: "State forces", 2: "Rebel group", 3: "Political militia", 4: "Identity militia",
    5: "Rioters", 6: "Protesters", 7: "Civilians", 8: "External/Other forces",
})  # fmt: skip
CIVILIAN_TARGETING = "Civilian targeting"  # as ACLED's exports write it
EXCESSIVE_FORCE = "Excessive force against protesters"

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

# ACLED's regions by ISO 3166 alpha-3. ACLED departs from UN M49 in a few places: Iran, Turkey
# and Cyprus, the Caucasus and Afghanistan. ROM is the code ACLED itself uses for Romania.
ACLED_REGIONS: tuple[tuple[str, str], ...] = (
    ("Western Africa", "BEN BFA CPV CIV GMB GHA GIN GNB LBR MLI MRT NER NGA SEN SLE TGO SHN"),
    ("Middle Africa", "AGO CMR CAF TCD COG COD GNQ GAB STP"),
    (
        "Eastern Africa",
        "BDI COM DJI ERI ETH KEN MDG MWI MUS MYT MOZ REU RWA SYC SOM SSD TZA UGA ZMB ZWE IOT ATF",
    ),
    ("Southern Africa", "BWA SWZ LSO NAM ZAF"),
    ("Northern Africa", "DZA EGY LBY MAR SDN TUN ESH"),
    ("Middle East", "BHR IRN IRQ ISR JOR KWT LBN OMN PSE QAT SAU SYR TUR ARE YEM"),
    ("South Asia", "BGD BTN IND MDV NPL PAK LKA"),
    ("Southeast Asia", "BRN KHM IDN LAO MYS MMR PHL SGP THA TLS VNM"),
    ("East Asia", "CHN HKG MAC JPN MNG PRK KOR TWN"),
    ("Caucasus and Central Asia", "AFG ARM AZE GEO KAZ KGZ TJK TKM UZB"),
    (
        "Europe",
        "ALA ALB AND AUT BEL BGR BIH BLR CHE CYP CZE DEU DNK ESP EST FIN FRA FRO GBR GGY GIB GRC HRV HUN "
        "IMN IRL ISL ITA JEY LIE LTU LUX LVA MCO MDA MKD MLT MNE NLD NOR POL PRT ROU ROM RUS SMR SRB SVK "
        "SVN SWE UKR VAT XKX SJM",
    ),
    ("North America", "USA CAN BMU GRL SPM"),
    ("Central America", "MEX GTM BLZ HND SLV NIC CRI PAN"),
    ("South America", "ARG BOL BRA CHL COL ECU GUY PRY PER SUR URY VEN GUF FLK"),
    (
        "Caribbean",
        "AIA ATG ABW BHS BRB BES CUB CUW CYM DMA DOM GLP GRD HTI JAM KNA LCA MAF MSR MTQ PRI SXM TCA TTO "
        "VCT VGB VIR BLM",
    ),
    (
        "Oceania",
        "ASM AUS COK FJI FSM GUM KIR MHL MNP NCL NFK NIU NRU NZL PCN PLW PNG PYF SLB TKL TON TUV UMI VUT "
        "WLF WSM CCK CXR HMD",
    ),
    ("Antarctica", "ATA BVT SGS"),
)

# Terminal table: (header, minimum width, share of any shrinking (0: fixed width), right-aligned).
# Columns give up characters in inverse proportion to their share, so actors stay widest.
TABLE_COLUMNS: tuple[tuple[str, int, float, bool], ...] = (
    ("!", 1, 0, False),
    ("date", 10, 0, False),
    ("type", 8, 1.0, False),
    ("sub-event", 8, 1.5, False),
    ("actors", 10, 3.0, False),
    ("place", 6, 1.5, False),
    ("country", 6, 1.0, False),
    ("deaths", 6, 0, True),
    ("sources", 6, 1.5, False),
)
TABLE_GAP = "  "
CONTRADICTION_MARK = "!"


# ---------------------------------------------------------------- JSON lines


def event_json(event: Event) -> dict[str, Any]:
    """The contract's JSON object for one event (claims keep ``extractor`` and ``confidence``)."""
    return _finite(event.to_dict())


def write_jsonl(events: Iterable[Event], out: TextIO) -> int:
    """One JSON object per event per line."""
    count = 0
    for event in events:
        out.write(json.dumps(event_json(event), ensure_ascii=False) + "\n")
        count += 1
    return count


# ---------------------------------------------------------------- CSV


def _common(event: Event, timestamp: int) -> dict[str, Any]:
    """The columns both of ACLED's layouts and sitrep's extras fill the same way."""
    number = event_number(event.event_id)
    iso3 = event.iso3 or ""
    day = _parse_day(event.event_date)
    return {
        "event_id_cnty": f"{iso3}{number}",
        "year": day.year if day else "",
        "time_precision": event.time_precision,
        "disorder_type": event.disorder_type,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": event.actor1 or "",
        "assoc_actor_1": "; ".join(event.assoc_actor_1),
        "actor2": event.actor2 or "",
        "assoc_actor_2": "; ".join(event.assoc_actor_2),
        "iso": iso_numeric(iso3),
        "region": acled_region(iso3),
        "country": event.country or "",
        "admin1": event.admin1 or "",
        "admin2": event.admin2 or "",
        "admin3": "",
        "location": event.location or "",
        "latitude": _coordinate(event.latitude),
        "longitude": _coordinate(event.longitude),
        "geo_precision": event.geo_precision,
        "source": "; ".join(event.source),
        "source_scale": "",
        "notes": event.notes,
        "fatalities": "" if event.fatalities is None else event.fatalities,
        "timestamp": timestamp,
        "contradictions": contradictions_text(event.contradictions),
        "documents": "; ".join(event.documents),
        "event_id": event.event_id,
        "iso3": iso3,
        "cameo": event.cameo or "",
        "plover": event.plover or "",
        "confidence": round(event.confidence, 3),
    }


def csv_row(event: Event, timestamp: int = 0) -> dict[str, Any]:
    """One event as a row of ACLED's current export then sitrep's columns (``CSV_COLUMNS``)."""
    day = _parse_day(event.event_date)
    return _common(event, timestamp) | {
        "event_date": day.isoformat() if day else (event.event_date or ""),
        "inter1": INTER_LABELS.get(event.inter1, ""),
        "inter2": INTER_LABELS.get(event.inter2, ""),
        "interaction": interaction_label(event.inter1, event.inter2),
        "civilian_targeting": civilian_targeting(event),
        "tags": "",
        "claims": json.dumps([_finite(c.to_dict()) for c in event.claims], ensure_ascii=False),
    }


def csv_row_2020(event: Event, timestamp: int = 0) -> dict[str, Any]:
    """One event as a row of ACLED's 2020 numeric layout then sitrep's columns (``CSV_2020_COLUMNS``)."""
    number = event_number(event.event_id)
    return _common(event, timestamp) | {
        "data_id": number,
        "event_id_no_cnty": number,
        "event_date": acled_date(event.event_date),
        "inter1": event.inter1,
        "inter2": event.inter2,
        "interaction": interaction(event.inter1, event.inter2),
    }


def write_csv(
    events: Iterable[Event],
    out: TextIO,
    *,
    layout: str = "current",
    timestamps: Mapping[str, int] | None = None,
) -> int:
    """A header and one row per event: ACLED's current export (or its ``"2020"`` layout), then
    sitrep's columns. ``timestamps`` gives each event's stored time (else 0)."""
    if layout not in LAYOUTS:
        raise UsageError(f"unknown ACLED layout {layout!r}; choose one of {', '.join(LAYOUTS)}")
    columns, row = (CSV_COLUMNS, csv_row) if layout == "current" else (CSV_2020_COLUMNS, csv_row_2020)
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    count = 0
    for event in events:
        writer.writerow(row(event, (timestamps or {}).get(event.event_id, 0)))
        count += 1
    return count


def interaction_label(inter1: int, inter2: int) -> str:
    """ACLED's current interaction text: the labels joined, smaller code first (the codebook's one
    exception: 78 is ``External/Other forces-Civilians``); one side alone "... only"."""
    codes = sorted(code for code in (inter1, inter2) if code in INTER_LABELS)
    if not codes:
        return ""
    if len(codes) == 1:
        return f"{INTER_LABELS[codes[0]]} only"
    if codes == [7, 8]:
        codes.reverse()
    return f"{INTER_LABELS[codes[0]]}-{INTER_LABELS[codes[1]]}"


def civilian_targeting(event: Event) -> str:
    """ACLED's flag for events whose main target is civilians (coding-rules.md 5.5): all violence
    against civilians and excessive force against protesters; explosions, riots and mobs aimed at
    civilians (actor type 7); never battles."""
    if event.event_type == "Violence against civilians" or event.sub_event_type == EXCESSIVE_FORCE:
        return CIVILIAN_TARGETING
    aimed = 7 in (event.inter1, event.inter2)
    return CIVILIAN_TARGETING if aimed and event.event_type in ("Explosions/Remote violence", "Riots") else ""


def acled_date(value: str | None) -> str:
    """``2020-05-09`` -> ``09 May 2020``; anything unparseable is passed through."""
    day = _parse_day(value)
    if day is None:
        return value or ""
    return f"{day.day:02d} {MONTHS[day.month - 1]} {day.year}"


def interaction(inter1: int, inter2: int) -> str:
    """ACLED's interaction code: smaller inter first; one-sided events add a 0."""
    codes = sorted(code for code in (inter1, inter2) if code)
    if not codes:
        return ""
    if len(codes) == 1:
        return f"{codes[0]}0"
    return f"{codes[0]}{codes[1]}"


def acled_region(iso3: str) -> str:
    """ACLED's region for a country, or "" when unknown."""
    for region, codes in ACLED_REGIONS:
        if iso3 and iso3 in codes.split():
            return region
    return ""


def iso_numeric(iso3: str) -> int | str:
    """ISO 3166 numeric code (as ACLED writes it, no leading zeros), or "" when unknown."""
    import pycountry  # only the CSV export needs it

    country = pycountry.countries.get(alpha_3=iso3) if len(iso3) == 3 else None
    return int(country.numeric) if country is not None else ""


def event_number(event_id: str) -> int:
    """A stable number for an event id (40 bits of its SHA-256), for ACLED's numeric id columns."""
    return int(hashlib.sha256(event_id.encode("utf-8")).hexdigest()[:10], 16)


def contradictions_text(contradictions: Iterable[Contradiction]) -> str:
    """Compact text: ``fatalities: 4 [Army] / 11 [Local official; AFP] | location: ...``."""
    parts = []
    for item in contradictions:
        label = item.field if item.kind == "dispute" else f"{item.field} ({item.kind})"
        versions = " / ".join(_version_text(v.value, v.sources) for v in item.values)
        parts.append(f"{label}: {versions}")
    return " | ".join(parts)


def _version_text(value: Any, sources: tuple[str, ...]) -> str:
    text = "unknown" if value is None else str(value)
    return f"{text} [{'; '.join(sources)}]" if sources else text


# ---------------------------------------------------------------- GeoJSON


def geojson_feature(event: Event) -> dict[str, Any]:
    """A Point feature (geometry null without coordinates) with every contract field."""
    lat, lon = _finite(event.latitude), _finite(event.longitude)
    geometry = None
    if lat is not None and lon is not None:
        geometry = {"type": "Point", "coordinates": [lon, lat]}
    return {"type": "Feature", "id": event.event_id, "geometry": geometry, "properties": event_json(event)}


def write_geojson(events: Iterable[Event], out: TextIO) -> int:
    """A FeatureCollection, one feature per line, streamed so large runs need little memory."""
    out.write('{"type": "FeatureCollection", "features": [\n')
    count = 0
    for event in events:
        if count:
            out.write(",\n")
        out.write(json.dumps(geojson_feature(event), ensure_ascii=False))
        count += 1
    out.write("\n]}\n" if count else "]}\n")
    return count


# ---------------------------------------------------------------- terminal table


def write_table(events: Iterable[Event], out: TextIO, width: int | None = None) -> int:
    """A fixed-width table for a terminal; long values end in "…", disputed events are marked."""
    rows = [_table_cells(event) for event in events]
    if width is None:
        width = shutil.get_terminal_size(fallback=(120, 24)).columns
    widths = _column_widths(rows, width)
    headers = [column[0] if column[0] != CONTRADICTION_MARK else " " for column in TABLE_COLUMNS]
    out.write(_table_line(headers, widths) + "\n")
    out.write(TABLE_GAP.join("-" * w for w in widths) + "\n")
    for row in rows:
        out.write(_table_line(row, widths) + "\n")
    out.write(_table_footer(rows) + "\n")
    return len(rows)


def _table_cells(event: Event) -> list[str]:
    actors = event.actor1 or ""
    if event.actor2:
        actors = f"{actors} vs {event.actor2}" if actors else event.actor2
    cells = [
        CONTRADICTION_MARK if event.contradictions else "",
        event.event_date or "",
        event.event_type,
        event.sub_event_type,
        actors,
        event.location or event.admin1 or "",
        event.country or "",
        "" if event.fatalities is None else str(event.fatalities),
        "; ".join(event.source),
    ]
    return [" ".join(cell.split()) for cell in cells]


def _column_widths(rows: list[list[str]], width: int) -> list[int]:
    widths = [max([len(col[0]), *(len(row[i]) for row in rows)]) for i, col in enumerate(TABLE_COLUMNS)]
    widths[0] = 1
    budget = width - len(TABLE_GAP) * (len(widths) - 1)
    # Take one character at a time from the column widest for its share until the row fits.
    while sum(widths) > budget:
        shrinkable = [i for i, col in enumerate(TABLE_COLUMNS) if col[2] and widths[i] > col[1]]
        if not shrinkable:
            break
        widest = max(shrinkable, key=lambda i: widths[i] / TABLE_COLUMNS[i][2])
        widths[widest] -= 1
    return widths


def _table_line(cells: list[str], widths: list[int]) -> str:
    fitted = []
    for cell, w, column in zip(cells, widths, TABLE_COLUMNS, strict=True):
        text = cell if len(cell) <= w else cell[: w - 1] + "…"
        fitted.append(text.rjust(w) if column[3] else text.ljust(w))
    return TABLE_GAP.join(fitted).rstrip()


def _table_footer(rows: list[list[str]]) -> str:
    count = f"{len(rows)} event" + ("" if len(rows) == 1 else "s")
    if any(row[0] for row in rows):
        return f"{count}; {CONTRADICTION_MARK} = sources disagree (see contradictions in --format jsonl)"
    return count


# ---------------------------------------------------------------- dispatch


FORMATS: Mapping[str, Writer] = MappingProxyType(
    {"jsonl": write_jsonl, "csv": write_csv, "geojson": write_geojson, "table": write_table}
)


def write_events(
    events: Iterable[Event],
    fmt: str,
    out: TextIO,
    *,
    layout: str = "current",
    timestamps: Mapping[str, int] | None = None,
) -> int:
    """Write events in a format named in ``FORMATS``; raises ``UsageError`` for any other name.
    ``layout`` and ``timestamps`` apply to CSV (``write_csv``)."""
    writer = FORMATS.get(fmt)
    if writer is None:
        raise UsageError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "csv":
        return write_csv(events, out, layout=layout, timestamps=timestamps)
    return writer(events, out)


# ---------------------------------------------------------------- helpers


def _parse_day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _coordinate(value: float | None) -> float | str:
    value = _finite(value)
    return "" if value is None else round(value, 4)


def _finite(value: Any) -> Any:
    """JSON has no NaN or infinity: such floats become null."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {key: _finite(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_finite(item) for item in value]
    return value
