"""The situation report: one HTML file that holds everything it shows and asks for nothing."""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sitrep.records import Event
from sitrep.report import render_report, safe_json, write_report
from sitrep.report.charts import fatalities_per_day, main_actors, open_contradictions, per_day_by_type
from sitrep.store import Store, make_filter, open_store
from tests.browser_helpers import wait_for
from tests.store_helpers import CLASH, HOSTILE, MARCH, hand_event, hand_events, hostile_event


@pytest.fixture(scope="module")
def report_store(tmp_path_factory) -> Iterator[Store]:
    store = open_store(str(tmp_path_factory.mktemp("report") / "events.sqlite"))
    store.import_events([*hand_events(), hostile_event()], [*CLASH[:2], MARCH, HOSTILE])
    yield store
    store.close()


@pytest.fixture(scope="module")
def report(report_store) -> str:
    return render_report(report_store, make_filter())[0]


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script" and dict(attrs).get("type") is None

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)
            self._in_script = False


def _parse(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    return parser


def test_the_report_refers_to_no_other_file_or_address(report: str) -> None:
    for tag, attrs in _parse(report).tags:
        for name in ("src", "href", "action", "srcset", "data"):
            value = attrs.get(name)
            assert value is None or value.startswith("#"), (tag, name, value)
    assert "@import" not in report


def test_the_report_allows_only_its_own_inline_scripts_and_no_connection(report: str) -> None:
    tags = _parse(report)
    policy = next(
        a["content"] for t, a in tags.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"
    )
    assert policy is not None and "default-src 'none'" in policy and "connect-src" not in policy
    assert len(tags.scripts) == 2  # Leaflet and the map
    for script in tags.scripts:
        digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in policy


def test_the_report_shows_figures_actors_events_and_open_contradictions(report: str) -> None:
    assert "<strong>5</strong> events" in report
    assert "Military Forces of Mali (2021-)" in report and "Protesters (Kenya)" in report
    section = report.split('id="contradictions"')[1].split("</section>")[0]
    assert "fatalities" in section and "local official" in section and "Malian army" in section
    assert "Sahel Wire" in report  # the outlet of a source document, in the event table


def test_the_report_escapes_news_text_outlets_and_urls(report: str) -> None:
    body = report.split("<body>")[1].split('<script type="application/json"')[0]
    assert "<script>window.pwned" not in body and "<img src=x" not in body and "<svg onload" not in body
    assert "&lt;img src=x onerror=" in body  # the hostile outlet, as text
    data = report.split('<script type="application/json" id="report-data">')[1].split("</script>")[0]
    assert "<" not in data  # no string can close the data element


def test_safe_json_cannot_close_a_script_element() -> None:
    text = safe_json({"notes": "</script><script>alert(1)</script> & more"})
    assert "</script" not in text and "<" not in text and "&" not in text


def test_the_report_covers_only_the_country_and_days_asked(report_store) -> None:
    html, count = render_report(report_store, make_filter(country="Mali", since="2023-03-15"))
    assert count == 2
    rows = re.findall(r'<tr id="ev-([^"]+)"', html)
    assert rows == ["evt-hostile", "evt-gao"]
    assert "Mali, from 2023-03-15" in html


def test_write_report_writes_one_file(report_store, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    assert write_report(report_store, make_filter(country="Kenya"), out) == 1
    assert out.read_text("utf-8").startswith("<!doctype html>")


def test_charts_stack_events_by_type_and_sum_fatalities_per_day() -> None:
    events: list[Event] = [
        hand_event("a", event_date="2023-01-01", fatalities=2),
        hand_event("b", event_date="2023-01-01", event_type="Riots", fatalities=1),
        hand_event("c", event_date="2023-01-03", fatalities=None),
    ]
    chart = per_day_by_type(events)
    assert chart is not None and (chart.first, chart.last, chart.top) == ("2023-01-01", "2023-01-03", 2)
    assert [b.title for b in chart.bars] == [
        "2023-01-01: 1 events (Battles)",
        "2023-01-01: 1 events (Riots)",
        "2023-01-03: 1 events (Battles)",
    ]
    deaths = fatalities_per_day(events)
    assert deaths is not None and [b.title for b in deaths.bars] == ["2023-01-01: 3 fatalities"]
    assert per_day_by_type([hand_event(event_date=None)]) is None


def test_main_actors_are_ranked_by_events_then_fatalities() -> None:
    lines = main_actors(hand_events())
    assert [(a.name, a.events, a.fatalities) for a in lines[:3]] == [
        ("JNIM: Group for Support of Islam and Muslims", 2, 2),
        ("Military Forces of Mali (2021-)", 2, 2),
        ("Civilians (Mali)", 1, 3),
    ]


def test_a_rising_toll_is_not_an_open_contradiction() -> None:
    from sitrep.records import Contradiction, Version

    rising = Contradiction("fatalities", (Version(2), Version(5, latest=True)), kind="update")
    assert open_contradictions(hand_event(contradictions=(rising,))) == []


def test_the_report_map_draws_every_placed_event_offline(chrome, report: str, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(report, "utf-8")
    chrome.get(page.as_uri())
    wait_for(chrome, "document.body.dataset.mapReady")
    assert chrome.execute_script("return document.querySelectorAll('path.event-marker').length") == 4
    assert chrome.execute_script("return performance.getEntriesByType('resource').length") == 0
    assert chrome.execute_script("return window.pwned") is None
