"""The web application: a map with filters and a timeline, event dossiers, and a JSON API.

Read only: every route is a GET, so nothing can change the store through it. News text, outlet
names and URLs are hostile: templates autoescape them, the page scripts never put strings into
``innerHTML``, and every response carries a Content-Security-Policy that allows scripts, styles and
data from this server only. Static files come from a fixed list, so no path can reach outside it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, Field
from starlette.middleware.trustedhost import TrustedHostMiddleware

from sitrep.errors import ResourceError, UsageError
from sitrep.records import Event
from sitrep.store import EventFilter, Store, make_filter

from . import assets, dossier

HERE = Path(__file__).resolve().parent
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
# name -> (media type, where it is): the only files served under /static.
OWN_FILES = {"app.js": "text/javascript", "dossier.js": "text/javascript", "style.css": "text/css"}
LEAFLET_TYPES = {"leaflet.js": "text/javascript", "leaflet.css": "text/css"}


class EventSummary(BaseModel):
    event_id: str
    event_date: str | None
    event_type: str
    sub_event_type: str
    actor1: str | None
    actor2: str | None
    country: str | None
    admin1: str | None
    location: str | None
    latitude: float | None
    longitude: float | None
    fatalities: int | None
    source: list[str]
    documents: int
    contradictions: list[str] = Field(description="fields the sources disagree on")


class EventPage(BaseModel):
    total: int = Field(description="events that pass the filters")
    offset: int
    limit: int
    events: list[EventSummary]


class DocumentMeta(BaseModel):
    id: str
    outlet: str | None
    url: str | None
    title: str | None
    published: str | None


class EventDetail(BaseModel):
    event: dict[str, Any] = Field(description="the event as the record contract defines it")
    documents: list[DocumentMeta]


class Day(BaseModel):
    day: str
    events: int
    fatalities: int
    by_type: dict[str, int]


def summary(event: Event) -> EventSummary:
    return EventSummary(
        event_id=event.event_id,
        event_date=event.event_date,
        event_type=event.event_type,
        sub_event_type=event.sub_event_type,
        actor1=event.actor1,
        actor2=event.actor2,
        country=event.country,
        admin1=event.admin1,
        location=event.location,
        latitude=event.latitude,
        longitude=event.longitude,
        fatalities=event.fatalities,
        source=list(event.source),
        documents=len(event.documents),
        contradictions=[c.field for c in event.contradictions],
    )


def event_filter(
    since: Annotated[str | None, Query(description="on or after this day, YYYY-MM-DD")] = None,
    until: Annotated[str | None, Query(description="on or before this day, YYYY-MM-DD")] = None,
    country: Annotated[str | None, Query(description="country name or ISO 3166 alpha-3")] = None,
    admin1: Annotated[str | None, Query(description="first-level division")] = None,
    event_type: Annotated[str | None, Query(description="ACLED event type")] = None,
    sub_event_type: Annotated[str | None, Query(description="ACLED sub-event type")] = None,
    actor: Annotated[str | None, Query(description="part of an actor's name")] = None,
    min_fatalities: Annotated[int | None, Query(ge=0)] = None,
    bbox: Annotated[str | None, Query(description="west,south,east,north")] = None,
    contradictions: Annotated[bool | None, Query(description="only events whose sources disagree")] = None,
) -> EventFilter:
    try:
        return make_filter(
            since=since, until=until, country=country, admin1=admin1, event_type=event_type,
            sub_event_type=sub_event_type, actor=actor, min_fatalities=min_fatalities, bbox=bbox,
            contradictions=contradictions,
        )  # fmt: skip
    except UsageError as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from None


Filters = Annotated[EventFilter, Depends(event_filter)]


def create_app(store: Store, *, allowed_hosts: list[str] | None = None) -> FastAPI:
    """The application over an open store. ``allowed_hosts`` guards against DNS rebinding."""
    app = FastAPI(
        title="sitrep",
        summary="Coded events of political violence and unrest, with every source's claims.",
        version="1",
        openapi_url="/api/openapi.json",
        docs_url=None,  # the interactive docs load scripts from a CDN
        redoc_url=None,
    )
    import jinja2

    loader = jinja2.FileSystemLoader(str(HERE / "templates"))
    templates = Jinja2Templates(env=jinja2.Environment(loader=loader, autoescape=True))
    if allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        return response

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index(request: Request) -> Response:
        return templates.TemplateResponse(request, "index.html", {"title": "Events"})

    @app.get("/events/{event_id}", response_class=HTMLResponse, include_in_schema=False)
    def event_page(request: Request, event_id: str) -> Response:
        event = store.event(event_id)
        if event is None:
            return templates.TemplateResponse(
                request, "missing.html", {"title": "No such event", "event_id": event_id}, status_code=404
            )
        view = dossier.build(event, store.documents(event.documents))
        return templates.TemplateResponse(request, "event.html", {"title": event.sub_event_type, "d": view})

    @app.get("/api/events", response_model=EventPage, tags=["events"])
    def api_events(
        flt: Filters,
        offset: Annotated[int, Query(ge=0)] = 0,
        limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    ) -> EventPage:
        """Events that pass the filters, latest first, one page at a time."""
        page = store.page(flt, offset, limit)
        events = [summary(e) for e in page.events]
        return EventPage(total=page.total, offset=offset, limit=limit, events=events)

    @app.get("/api/events/{event_id}", response_model=EventDetail, tags=["events"])
    def api_event(event_id: str) -> EventDetail:
        """One event with every claim and contradiction, and its documents' metadata."""
        from sitrep.export import event_json

        event = store.event(event_id)
        if event is None:
            raise HTTPException(status_code=404, detail=f"no event {event_id}")
        metas = [
            DocumentMeta(id=d.id, outlet=d.outlet, url=d.url, title=d.title, published=d.published)
            for d in store.documents(event.documents)
        ]
        return EventDetail(event=event_json(event), documents=metas)

    @app.get("/api/timeline", response_model=list[Day], tags=["events"])
    def api_timeline(flt: Filters) -> list[Day]:
        """Events and fatalities per day (and events per type) for the events that pass the filters."""
        days: dict[str, Day] = {}
        for day, event_type, count, deaths in store.daily(flt):
            item = days.setdefault(day, Day(day=day, events=0, fatalities=0, by_type={}))
            item.events += count
            item.fatalities += deaths
            item.by_type[event_type] = count
        return list(days.values())

    @app.get("/api/facets", tags=["events"])
    def api_facets() -> dict[str, list[str]]:
        """The values the filters can take in this store."""
        return store.facets()

    @app.get("/static/leaflet/{name}", include_in_schema=False)
    def leaflet(name: str) -> Response:
        if name not in LEAFLET_TYPES:
            raise HTTPException(status_code=404)
        return _file(assets.leaflet_file(name).read_bytes(), LEAFLET_TYPES[name])

    @app.get("/static/outlines.geojson", include_in_schema=False)
    def outlines() -> Response:
        try:
            return _file(assets.outlines().encode("utf-8"), "application/geo+json")
        except ResourceError as exc:
            raise HTTPException(status_code=503, detail=str(exc)) from None

    @app.get("/static/{name}", include_in_schema=False)
    def own_static(name: str) -> Response:
        if name not in OWN_FILES:
            raise HTTPException(status_code=404)
        return _file((assets.OWN_STATIC / name).read_bytes(), OWN_FILES[name])

    @app.exception_handler(404)
    async def not_found(request: Request, exc: Exception) -> Response:
        detail = getattr(exc, "detail", None) or "not found"
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": detail}, status_code=404)
        return templates.TemplateResponse(
            request, "missing.html", {"title": "Not found", "event_id": None}, status_code=404
        )

    return app


def _file(body: bytes, media_type: str) -> Response:
    return Response(body, media_type=media_type, headers={"Cache-Control": "max-age=3600"})
