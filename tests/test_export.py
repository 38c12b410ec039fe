from __future__ import annotations

import csv
import io
import json

import pycountry
import pytest

from sitrep.errors import UsageError
from sitrep.export import (
    ACLED_2020_COLUMNS,
    CSV_2020_COLUMNS,
    CSV_COLUMNS,
    FORMATS,
    acled_date,
    acled_region,
    civilian_targeting,
    csv_row,
    csv_row_2020,
    interaction,
    interaction_label,
    write_csv,
    write_events,
    write_geojson,
    write_jsonl,
    write_table,
)
from sitrep.records import CONTRACT_FIELDS, Claim, Contradiction, Event, Version

TEXT = "Soldiers and gunmen clashed near Boni on Sunday, killing four soldiers, a local official said."


def _clash(**changes) -> Event:
    fields = dict(
        event_id="3f2a9c0d11e4b7a8",
        documents=("report-1", "report-2"),
        event_date="2023-03-12",
        time_precision=1,
        disorder_type="Political violence",
        event_type="Battles",
        sub_event_type="Armed clash",
        actor1="Military Forces of Mali (2021-)",
        actor2="Unidentified Armed Group (Mali)",
        assoc_actor_2=("Civilians (Mali)", "Drivers (Mali)"),
        inter1=1,
        inter2=3,
        country="Mali",
        iso3="MLI",
        admin1="Mopti",
        admin2="Douentza",
        location="Boni",
        latitude=15.0416,
        longitude=-1.9208,
        geo_precision=2,
        fatalities=4,
        source=("Sahel Wire", "Local official"),
        notes="On 12 March 2023, soldiers and gunmen clashed near Boni. 4 fatalities.",
        claims=(
            Claim("fatalities", 4, "report-1", "local official", (41, 53), TEXT[41:53], "casualties", 0.9),
            Claim("location", "Boni", "report-1", "Sahel Wire", (38, 42), "Boni"),
        ),
        contradictions=(
            Contradiction(
                "fatalities",
                (
                    Version(4, ("Local official",), ("report-1",)),
                    Version(2, ("Malian army", "ORTM"), ("report-2",)),
                ),
            ),
        ),
        cameo="190",
        plover="ASSAULT",
        confidence=0.8125,
    )
    fields.update(changes)
    return Event(**fields)


def _protest() -> Event:
    return Event(
        event_id="protest-1",
        documents=("feed-protest",),
        event_date="2023-05-16",
        time_precision=1,
        disorder_type="Demonstrations",
        event_type="Protests",
        sub_event_type="Peaceful protest",
        actor1="Protesters (Kenya)",
        inter1=6,
        country="Kenya",
        iso3="KEN",
        location="Kisumu",
    )


# ---------------------------------------------------------------- JSON lines


def test_jsonl_round_trips_events() -> None:
    events = [_clash(), _protest()]
    out = io.StringIO()
    assert write_jsonl(events, out) == 2
    lines = out.getvalue().splitlines()
    assert [Event.from_dict(json.loads(line)) for line in lines] == events


def test_jsonl_objects_hold_exactly_the_contract_fields() -> None:
    out = io.StringIO()
    write_jsonl([_clash()], out)
    obj = json.loads(out.getvalue())
    assert tuple(obj) == CONTRACT_FIELDS
    claim = obj["claims"][0]
    assert {"field", "value", "document", "source", "span", "quote"} <= set(claim)
    assert claim["span"] == [41, 53]
    assert TEXT[slice(*claim["span"])] == claim["quote"]
    assert obj["contradictions"][0]["values"][1] == {
        "value": 2,
        "sources": ["Malian army", "ORTM"],
        "documents": ["report-2"],
        "latest": False,
    }


def test_jsonl_keeps_non_ascii_text_readable() -> None:
    out = io.StringIO()
    write_jsonl([_clash(location="Ségou")], out)
    assert '"Ségou"' in out.getvalue()


def test_jsonl_writes_non_finite_numbers_as_null() -> None:
    out = io.StringIO()
    write_jsonl([_clash(latitude=float("nan"), longitude=float("inf"))], out)
    obj = json.loads(out.getvalue())
    assert obj["latitude"] is None and obj["longitude"] is None


# ---------------------------------------------------------------- CSV


CURRENT_HEADER = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
]  # fmt: skip
SITREP_HEADER = ["claims", "contradictions", "documents", "event_id", "iso3", "cameo", "plover", "confidence"]


def test_csv_header_is_acleds_current_export_then_sitreps_columns() -> None:
    out = io.StringIO()
    write_csv([_clash()], out)
    header = next(csv.reader(io.StringIO(out.getvalue())))
    assert header == CURRENT_HEADER + SITREP_HEADER
    assert tuple(header) == CSV_COLUMNS


def test_csv_row_uses_iso_dates_and_text_actor_types() -> None:
    out = io.StringIO()
    write_csv([_clash()], out)
    row = next(csv.DictReader(io.StringIO(out.getvalue())))
    assert (row["event_date"], row["year"]) == ("2023-03-12", "2023")
    assert (row["inter1"], row["inter2"]) == ("State forces", "Political militia")
    assert row["interaction"] == "State forces-Political militia"
    assert row["disorder_type"] == "Political violence" and row["civilian_targeting"] == ""
    assert row["iso"] == "466" and row["iso3"] == "MLI" and row["region"] == "Western Africa"
    assert row["event_id_cnty"].startswith("MLI") and row["event_id"] == "3f2a9c0d11e4b7a8"
    assert row["timestamp"] == "0" and row["tags"] == ""
    assert row["documents"] == "report-1; report-2"
    assert row["contradictions"] == "fatalities: 4 [Local official] / 2 [Malian army; ORTM]"


def test_csv_claims_column_keeps_every_claim_with_its_span() -> None:
    row = csv_row(_clash())
    claims = json.loads(row["claims"])
    assert [c["field"] for c in claims] == ["fatalities", "location"]
    assert claims[0]["span"] == [41, 53] and claims[0]["quote"] == TEXT[41:53]


def test_csv_timestamp_comes_from_the_store_when_given() -> None:
    out = io.StringIO()
    write_csv([_clash()], out, timestamps={"3f2a9c0d11e4b7a8": 1700000000})
    row = next(csv.DictReader(io.StringIO(out.getvalue())))
    assert row["timestamp"] == "1700000000"


@pytest.mark.parametrize(
    ("inter1", "inter2", "label"),
    [
        (1, 2, "State forces-Rebel group"),
        (2, 1, "State forces-Rebel group"),
        (2, 0, "Rebel group only"),
        (0, 6, "Protesters only"),
        (3, 7, "Political militia-Civilians"),
        (1, 8, "State forces-External/Other forces"),
        (7, 8, "External/Other forces-Civilians"),  # the codebook's one exception to smaller first
        (8, 7, "External/Other forces-Civilians"),
        (0, 0, ""),
    ],
)
def test_interaction_label_joins_actor_types_smaller_code_first(inter1: int, inter2: int, label: str) -> None:
    assert interaction_label(inter1, inter2) == label


def test_civilian_targeting_marks_events_aimed_at_civilians_never_battles() -> None:
    attack = _clash(event_type="Violence against civilians", sub_event_type="Attack", inter2=7)
    market_bomb = _clash(
        event_type="Explosions/Remote violence", sub_event_type="Remote explosive/landmine/IED", inter2=7
    )
    mob = _clash(event_type="Riots", sub_event_type="Mob violence", inter1=5, inter2=7)
    crackdown = _clash(event_type="Protests", sub_event_type="Excessive force against protesters", inter2=6)
    for event in (attack, market_bomb, mob, crackdown):
        assert civilian_targeting(event) == "Civilian targeting", event.sub_event_type
    assert civilian_targeting(_clash(inter2=7)) == ""  # a battle, whoever was hit
    assert civilian_targeting(_clash(event_type="Explosions/Remote violence", inter2=3)) == ""
    assert civilian_targeting(_protest()) == ""


def test_csv_opens_in_pandas_with_acleds_current_columns() -> None:
    pandas = pytest.importorskip("pandas", reason="pandas is not installed")
    out = io.StringIO()
    write_csv([_clash(), _protest()], out)
    frame = pandas.read_csv(io.StringIO(out.getvalue()))
    assert list(frame.columns[: len(CURRENT_HEADER)]) == CURRENT_HEADER
    assert len(frame) == 2 and frame.loc[0, "interaction"] == "State forces-Political militia"
    assert frame.loc[1, "interaction"] == "Protesters only"


def test_an_unknown_acled_layout_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="unknown ACLED layout '2019'"):
        write_csv([_clash()], io.StringIO(), layout="2019")


# ---------------------------------------------------------------- CSV, ACLED's 2020 layout


def test_csv_2020_layout_has_acleds_old_column_order() -> None:
    out = io.StringIO()
    write_csv([_clash()], out, layout="2020")
    header = next(csv.reader(io.StringIO(out.getvalue())))
    assert header[:31] == [
        "data_id", "iso", "event_id_cnty", "event_id_no_cnty", "event_date", "year", "time_precision",
        "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2",
        "inter2", "interaction", "region", "country", "admin1", "admin2", "admin3", "location",
        "latitude", "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities",
        "timestamp", "iso3",
    ]  # fmt: skip
    extras = ["cameo", "plover", "confidence", "documents", "contradictions", "event_id", "disorder_type"]
    assert header[31:] == extras
    assert tuple(header) == CSV_2020_COLUMNS and len(ACLED_2020_COLUMNS) == 31


def test_csv_2020_row_is_written_in_acled_style() -> None:
    out = io.StringIO()
    write_csv([_clash()], out, layout="2020")
    row = next(csv.DictReader(io.StringIO(out.getvalue())))
    assert row["event_date"] == "12 March 2023" and row["year"] == "2023"
    assert row["iso"] == "466" and row["iso3"] == "MLI"
    assert row["event_id_cnty"] == "MLI" + row["event_id_no_cnty"] == "MLI" + row["data_id"]
    assert row["interaction"] == "13" and row["region"] == "Western Africa"
    assert row["assoc_actor_2"] == "Civilians (Mali); Drivers (Mali)"
    assert row["source"] == "Sahel Wire; Local official"
    assert (row["latitude"], row["longitude"], row["fatalities"]) == ("15.0416", "-1.9208", "4")
    assert row["timestamp"] == "0"
    assert row["documents"] == "report-1; report-2"
    assert row["contradictions"] == "fatalities: 4 [Local official] / 2 [Malian army; ORTM]"


def test_csv_leaves_unknown_values_blank() -> None:
    row = csv_row_2020(
        _clash(event_date=None, fatalities=None, latitude=None, iso3=None, actor2=None, inter2=0)
    )
    assert (row["event_date"], row["year"], row["fatalities"], row["latitude"]) == ("", "", "", "")
    assert (row["iso"], row["region"], row["actor2"], row["interaction"]) == ("", "", "", "10")
    current = csv_row(_clash(event_date=None, fatalities=None, iso3=None, actor2=None, inter2=0))
    assert (current["event_date"], current["fatalities"], current["interaction"]) == (
        "",
        "",
        "State forces only",
    )


def test_csv_output_is_deterministic() -> None:
    for layout in ("current", "2020"):
        first, second = io.StringIO(), io.StringIO()
        write_csv([_clash(), _protest()], first, layout=layout)
        write_csv([_clash(), _protest()], second, layout=layout)
        assert first.getvalue() == second.getvalue()


def test_csv_event_numbers_differ_between_events() -> None:
    assert csv_row_2020(_clash())["data_id"] != csv_row_2020(_protest())["data_id"]
    assert csv_row(_clash())["event_id_cnty"] != csv_row(_protest())["event_id_cnty"]


@pytest.mark.parametrize(
    ("inter1", "inter2", "code"),
    [(1, 2, "12"), (3, 1, "13"), (6, 0, "60"), (0, 7, "70"), (7, 8, "78"), (4, 4, "44"), (0, 0, "")],
)
def test_interaction_puts_smaller_code_first_and_pads_one_sided(inter1: int, inter2: int, code: str) -> None:
    assert interaction(inter1, inter2) == code


def test_acled_date_uses_day_month_year() -> None:
    assert acled_date("2020-05-09") == "09 May 2020"
    assert acled_date("not a date") == "not a date"


def test_every_iso_country_has_an_acled_region() -> None:
    missing = [c.alpha_3 for c in pycountry.countries if not acled_region(c.alpha_3)]
    assert missing == []
    assert acled_region("AFG") == "Caucasus and Central Asia"
    assert acled_region("TUR") == "Middle East"
    assert acled_region("") == ""


# ---------------------------------------------------------------- GeoJSON


def test_geojson_is_a_feature_collection_of_lon_lat_points() -> None:
    out = io.StringIO()
    assert write_geojson([_clash(), _protest()], out) == 2
    collection = json.loads(out.getvalue())
    assert collection["type"] == "FeatureCollection"
    clash, protest = collection["features"]
    assert clash["geometry"] == {"type": "Point", "coordinates": [-1.9208, 15.0416]}
    assert tuple(clash["properties"]) == CONTRACT_FIELDS
    assert protest["geometry"] is None


def test_geojson_without_events_is_still_valid() -> None:
    out = io.StringIO()
    write_geojson([], out)
    assert json.loads(out.getvalue()) == {"type": "FeatureCollection", "features": []}


# ---------------------------------------------------------------- table


def test_table_fits_the_width_and_truncates_long_values() -> None:
    out = io.StringIO()
    write_table([_clash(), _protest()], out, width=80)
    lines = out.getvalue().splitlines()
    assert all(len(line) <= 80 for line in lines)
    assert "…" in out.getvalue()
    assert lines[0].split()[:2] == ["date", "type"]


def test_table_marks_events_whose_sources_disagree() -> None:
    out = io.StringIO()
    write_table([_clash(), _protest()], out, width=200)
    lines = out.getvalue().splitlines()
    assert lines[2].startswith("!  2023-03-12")
    assert lines[3].startswith("   2023-05-16")
    assert "Military Forces of Mali (2021-) vs Unidentified Armed Group (Mali)" in lines[2]
    assert lines[-1].startswith("2 events; ! = sources disagree")


def test_table_with_no_events_says_so() -> None:
    out = io.StringIO()
    assert write_table([], out, width=100) == 0
    assert out.getvalue().splitlines()[-1] == "0 events"


# ---------------------------------------------------------------- dispatch


def test_every_format_writes_through_write_events() -> None:
    for fmt in FORMATS:
        out = io.StringIO()
        assert write_events([_clash()], fmt, out) == 1
        assert out.getvalue()


def test_unknown_format_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="unknown format 'xml'"):
        write_events([_clash()], "xml", io.StringIO())
