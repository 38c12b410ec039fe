"""The situation report: one self-contained HTML file from a store.

A map (Leaflet and the country outlines inlined at generation time), events per day by type,
fatalities per day, the main actors, the event table with its sources, and the open
contradictions. Everything the page needs is inside it; its Content-Security-Policy allows only
its own inline scripts and styles (by hash) and no connection at all, so it opens offline and
makes no request. News text and outlet names are escaped by the template (Jinja2 autoescape); the
map's data is JSON with ``<``, ``>`` and ``&`` escaped, so no text can close its script element.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sitrep.errors import ResourceError
from sitrep.records import Document, Event
from sitrep.store import EventFilter, Store

from . import charts

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Inline:
    """A script or style to inline, with its CSP hash."""

    text: str

    @property
    def digest(self) -> str:
        digest = hashlib.sha256(self.text.encode("utf-8")).digest()
        return f"'sha256-{base64.b64encode(digest).decode()}'"


def write_report(store: Store, flt: EventFilter, output: Path, *, title: str | None = None) -> int:
    """Write the report for the events that pass ``flt``; returns how many events it covers."""
    html, count = render_report(store, flt, title=title)
    output.write_text(html, "utf-8")
    return count


def render_report(store: Store, flt: EventFilter, *, title: str | None = None) -> tuple[str, int]:
    import jinja2
    from markupsafe import Markup

    from sitrep.web import assets

    events = list(store.events(flt))
    documents = {d.id: d for d in store.documents({d for e in events for d in e.documents})}
    scripts = [Inline(_script(assets.leaflet_text("leaflet.js"))), Inline(_read("report.js"))]
    styles = [Inline(assets.leaflet_text("leaflet.css")), Inline(_read("report.css"))]
    csp = (
        "default-src 'none'; img-src data:; base-uri 'none'; form-action 'none'; "
        f"script-src {' '.join(s.digest for s in scripts)}; style-src {' '.join(s.digest for s in styles)}"
    )
    data = {"events": [_point(e) for e in events if _placed(e)], "outlines": json.loads(assets.outlines(
        assets.REPORT_TOLERANCE))}  # fmt: skip
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(HERE / "templates")), autoescape=True)
    page = env.get_template("report.html").render(
        title=title or _title(flt),
        scope=_scope(flt),
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        figures=charts.figures(events),
        by_type=charts.per_day_by_type(events),
        deaths=charts.fatalities_per_day(events),
        actors=charts.main_actors(events),
        colors=charts.COLORS,
        events=sorted(events, key=lambda e: (e.event_date or "", e.event_id), reverse=True),
        documents=documents,
        disputed=[(e, charts.open_contradictions(e)) for e in events if charts.open_contradictions(e)],
        csp=csp,
        scripts=[Markup(s.text) for s in scripts],
        styles=[Markup(s.text) for s in styles],
        data=Markup(safe_json(data)),
        outlet=_outlet,
    )
    return page, len(events)


def safe_json(value: Any) -> str:
    """JSON that cannot end the script element it sits in, whatever strings it holds."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _script(text: str) -> str:
    if "</script" in text.lower():
        raise ResourceError("a script to inline contains '</script'")
    return text


def _read(name: str) -> str:
    return (HERE / "static" / name).read_text("utf-8")


def _placed(event: Event) -> bool:
    return event.latitude is not None and event.longitude is not None


def _point(event: Event) -> dict[str, Any]:
    return {
        "id": event.event_id,
        "lat": event.latitude,
        "lon": event.longitude,
        "type": event.event_type,
        "sub": event.sub_event_type,
        "date": event.event_date,
        "where": ", ".join(x for x in (event.location, event.admin1, event.country) if x),
        "deaths": event.fatalities,
    }


def _outlet(document: Document | None, doc_id: str) -> str:
    if document is not None and document.outlet:
        return document.outlet
    return doc_id.rstrip("/").rsplit("/", 1)[-1]


def _title(flt: EventFilter) -> str:
    return f"Situation report: {flt.country}" if flt.country else "Situation report"


def _scope(flt: EventFilter) -> str:
    parts = []
    if flt.country:
        parts.append(flt.country)
    if flt.since and flt.until:
        parts.append(f"{flt.since} to {flt.until}")
    elif flt.since:
        parts.append(f"from {flt.since}")
    elif flt.until:
        parts.append(f"until {flt.until}")
    return ", ".join(parts) or "all stored events"


__all__ = ["render_report", "safe_json", "write_report"]
