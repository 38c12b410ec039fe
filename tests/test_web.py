"""The web interface: the JSON API and the pages through FastAPI's client, then in a real browser."""

from __future__ import annotations

import http.client
from collections.abc import Iterator
from urllib.parse import urlparse

import pytest

from sitrep.records import Claim, Document
from sitrep.store import Store, open_store
from sitrep.web import create_app, running
from sitrep.web.dossier import ClaimView, build, pieces
from tests.browser_helpers import wait_for
from tests.store_helpers import CLASH, HOSTILE, MARCH, hand_events, hostile_event

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
PLACED = {"evt-clash", "evt-march", "evt-gao", "evt-hostile"}


@pytest.fixture(scope="module")
def web_store(tmp_path_factory) -> Iterator[Store]:
    store = open_store(str(tmp_path_factory.mktemp("web") / "events.sqlite"))
    store.import_events([*hand_events(), hostile_event()], [*CLASH[:2], MARCH, HOSTILE])
    yield store
    store.close()


@pytest.fixture(scope="module")
def client(web_store):
    from fastapi.testclient import TestClient

    return TestClient(create_app(web_store))


@pytest.fixture(scope="module")
def base_url(web_store) -> Iterator[str]:
    with running(create_app(web_store)) as url:
        yield url


# ---------------------------------------------------------------- API


def test_api_lists_events_a_page_at_a_time_with_the_filters(client) -> None:
    body = client.get("/api/events", params={"country": "Mali", "limit": 2}).json()
    assert body["total"] == 4 and body["limit"] == 2
    assert [e["event_id"] for e in body["events"]] == ["evt-hostile", "evt-gao"]
    rest = client.get("/api/events", params={"country": "Mali", "limit": 2, "offset": 2}).json()
    assert [e["event_id"] for e in rest["events"]] == ["evt-clash", "evt-undated"]
    clash = rest["events"][0]
    assert clash["contradictions"] == ["fatalities"] and clash["documents"] == 2


def test_api_gives_one_event_as_the_contract_defines_it_with_its_documents(client) -> None:
    body = client.get("/api/events/evt-clash").json()
    assert body["event"]["event_id"] == "evt-clash"
    assert body["event"]["contradictions"][0]["values"][0]["value"] == 4
    assert [d["id"] for d in body["documents"]] == ["wire-1", "daily-2"]
    assert body["documents"][0]["outlet"] == "Sahel Wire"


def test_api_says_which_event_is_missing_and_which_filter_is_wrong(client) -> None:
    missing = client.get("/api/events/nothing-here")
    assert missing.status_code == 404 and "nothing-here" in missing.json()["detail"]
    bad = client.get("/api/events", params={"bbox": "1,2"})
    assert bad.status_code == 422 and "bbox" in bad.json()["detail"]


def test_api_timeline_counts_events_and_fatalities_per_day(client) -> None:
    days = client.get("/api/timeline", params={"country": "MLI"}).json()
    assert [d["day"] for d in days] == ["2023-03-12", "2023-03-20", "2023-03-21"]
    assert days[0] == {"day": "2023-03-12", "events": 1, "fatalities": 2, "by_type": {"Battles": 1}}


def test_openapi_describes_the_api_and_every_route_only_reads(client) -> None:
    spec = client.get("/api/openapi.json").json()
    assert {"/api/events", "/api/events/{event_id}", "/api/timeline", "/api/facets"} <= set(spec["paths"])
    names = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert {"since", "until", "country", "admin1", "event_type", "sub_event_type", "actor"} <= names
    assert {"min_fatalities", "bbox", "contradictions", "offset", "limit"} <= names
    app = client.app
    methods = {m for route in app.routes for m in getattr(route, "methods", ()) or ()}
    assert methods <= {"GET", "HEAD"}
    assert client.post("/api/events").status_code == 405
    assert client.delete("/api/events/evt-clash").status_code == 405


def test_every_response_carries_a_content_security_policy(client) -> None:
    for path in ("/", "/events/evt-clash", "/api/events", "/static/app.js", "/nothing"):
        policy = client.get(path).headers["content-security-policy"]
        assert "default-src 'none'" in policy and "script-src 'self'" in policy
    assert client.get("/").headers["x-content-type-options"] == "nosniff"


def test_pages_load_leaflet_and_outlines_from_this_server_only(client) -> None:
    page = client.get("/").text
    assert '<script src="/static/leaflet/leaflet.js">' in page and "http" not in page.split("<body>")[0]
    assert client.get("/static/leaflet/leaflet.js").text.lstrip().startswith("/*")
    outlines = client.get("/static/outlines.geojson").json()
    assert outlines["type"] == "FeatureCollection" and len(outlines["features"]) > 200
    assert any(f["properties"]["iso3"] == "MLI" for f in outlines["features"])


# ---------------------------------------------------------------- the dossier, server side


def test_dossier_shows_each_field_with_its_claims_and_marks_the_quotes(client) -> None:
    page = client.get("/events/evt-clash").text
    assert "Where the sources disagree" in page
    assert "four soldiers were killed</mark>" in page and "Two soldiers were killed</mark>" in page
    assert 'href="#claim-0"' in page and 'id="claim-0"' in page
    assert "local official" in page and "Malian army" in page


def test_dossier_escapes_news_text_outlets_and_urls(client) -> None:
    page = client.get("/events/evt-hostile").text
    assert "<script>window.pwned" not in page
    assert "&lt;script&gt;window.pwned = 1&lt;/script&gt;" in page
    assert "<img src=x" not in page and "<svg onload" not in page and "<b onmouseover" not in page
    assert 'href="javascript:' not in page


def test_an_unknown_event_page_is_404(client) -> None:
    response = client.get("/events/nothing-here")
    assert response.status_code == 404 and "nothing-here" in response.text


def test_text_is_cut_at_every_span_edge_and_overlaps_are_kept() -> None:
    text = "Gunmen killed four traders in Gao."
    claims = [
        ClaimView(0, Claim("fatalities", 4, "d", "s", (7, 26), text[7:26]), 0, True),
        ClaimView(1, Claim("victim_status", "civilian", "d", "s", (14, 29), text[14:29]), 0, True),
    ]
    cut = pieces(text, claims)
    assert "".join(p.text for p in cut) == text
    assert [(p.text, p.claims) for p in cut] == [
        ("Gunmen ", ()),
        ("killed ", (0,)),
        ("four traders", (0, 1)),
        (" in", (1,)),
        (" Gao.", ()),
    ]


def test_a_claim_whose_quote_is_not_at_its_span_is_not_marked() -> None:
    event = hand_events()[0]
    moved = Document(id="wire-1", text="Other words entirely, nothing quoted here.")
    view = build(event, [moved, CLASH[1]])
    assert [c.quoted for c in view.claims] == [False, False, True]
    assert all(not p.claims for p in view.documents[0].pieces)


# ---------------------------------------------------------------- safety over the wire


def test_path_traversal_is_refused(base_url: str) -> None:
    host = urlparse(base_url)
    for path in ("/..%2f..%2fetc%2fpasswd", "/static/..%2f..%2fetc%2fpasswd", "/static/../../etc/passwd",
                 "/static/leaflet/..%2f..%2f..%2fetc%2fpasswd", "/static/%2e%2e/%2e%2e/etc/passwd"):  # fmt: skip
        conn = http.client.HTTPConnection(host.hostname, host.port, timeout=10)
        conn.request("GET", path)  # sent exactly as written, not normalised by a client
        response = conn.getresponse()
        body = response.read()
        assert 400 <= response.status < 500, path
        assert b"root:" not in body
        conn.close()


# ---------------------------------------------------------------- in a real browser


def _open_map(chrome, url: str) -> None:
    chrome.get(url)
    wait_for(chrome, "document.body.dataset.loaded")


def _listed(chrome) -> set[str]:
    return set(
        chrome.execute_script(
            "return [...document.querySelectorAll('#events tbody tr')].map(r => r.dataset.eventId)"
        )
    )


def _markers(chrome) -> int:
    return int(chrome.execute_script("return document.querySelectorAll('path.event-marker').length"))


def test_the_map_draws_a_marker_per_placed_event(chrome, base_url: str) -> None:
    _open_map(chrome, base_url + "/")
    assert _listed(chrome) == PLACED | {"evt-undated"}
    assert _markers(chrome) == len(PLACED)
    wait_for(chrome, "document.querySelectorAll('path.country-outline').length > 200")


def test_filters_change_the_list_and_the_map_together(chrome, base_url: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    _open_map(chrome, base_url + "/")
    wait_for(chrome, "document.querySelectorAll('select[name=country] option').length > 1")
    Select(chrome.find_element(By.NAME, "country")).select_by_visible_text("Kenya")
    wait_for(chrome, "document.querySelectorAll('#events tbody tr').length === 1")
    assert _listed(chrome) == {"evt-march"} and _markers(chrome) == 1
    assert "country=Kenya" in chrome.current_url  # the filtered view can be shared as a link
    chrome.find_element(By.ID, "clear-filters").click()
    wait_for(chrome, "document.querySelectorAll('#events tbody tr').length === 5")
    chrome.find_element(By.NAME, "contradictions").click()
    wait_for(chrome, "document.querySelectorAll('#events tbody tr').length === 2")
    assert _listed(chrome) == {"evt-clash", "evt-hostile"} and _markers(chrome) == 2


def test_a_day_on_the_timeline_filters_the_map_and_list(chrome, base_url: str) -> None:
    _open_map(chrome, base_url + "/")
    wait_for(chrome, "document.querySelectorAll('#timeline rect.day').length === 4")
    chrome.execute_script("document.querySelector('#timeline rect[data-day=\"2023-03-20\"]')"
                          ".dispatchEvent(new MouseEvent('click', {bubbles: true}))")  # fmt: skip
    wait_for(chrome, "document.querySelectorAll('#events tbody tr').length === 1")
    assert _listed(chrome) == {"evt-gao"} and _markers(chrome) == 1


def test_a_dossier_shows_both_sides_of_a_contradiction(chrome, base_url: str) -> None:
    from selenium.webdriver.common.by import By

    chrome.get(base_url + "/events/evt-clash")
    versions = chrome.find_elements(By.CSS_SELECTOR, ".contradiction[data-field=fatalities] .version")
    seen = [
        (v.find_element(By.CLASS_NAME, "value").text, v.find_element(By.CLASS_NAME, "who").text)
        for v in versions
    ]
    assert seen == [("4", "said by local official"), ("2", "said by Malian army")]
    marks = [m.text for m in chrome.find_elements(By.CSS_SELECTOR, ".document mark")]
    assert "four soldiers were killed" in marks and "Two soldiers were killed" in marks


def test_a_hostile_document_runs_no_script_anywhere(chrome, base_url: str) -> None:
    from selenium.webdriver.common.by import By

    chrome.get(base_url + "/events/evt-hostile")
    text = chrome.find_element(By.CSS_SELECTOR, ".document .text").text
    assert "<script>window.pwned = 1</script>" in text  # shown as text
    assert chrome.execute_script("return window.pwned") is None
    _open_map(chrome, base_url + "/")
    chrome.execute_script(
        "document.querySelectorAll('path.event-marker').forEach(m => m.dispatchEvent(new MouseEvent('click', {bubbles: true})))"
    )
    wait_for(chrome, "document.querySelector('.leaflet-popup-content')")
    assert chrome.execute_script("return window.pwned") is None
    row = chrome.execute_script("return document.querySelector('tr[data-event-id=evt-hostile]').textContent")
    assert "<script>window.pwned=7</script>" in row
