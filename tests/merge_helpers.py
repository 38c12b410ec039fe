"""Hand-built mentions for the merge tests: each claim points into a made-up one-line text."""

from __future__ import annotations

from sitrep.records import Actor, Claim, Document, Mention

COUNTRIES = {"SYR": "Syria", "USA": "United States", "LBN": "Lebanon", "BRA": "Brazil"}
TYPES = {
    "Air/drone strike": "Explosions/Remote violence",
    "Shelling/artillery/missile attack": "Explosions/Remote violence",
    "Armed clash": "Battles",
    "Attack": "Violence against civilians",
    "Peaceful protest": "Protests",
    "Mob violence": "Riots",
    "Arrests": "Strategic developments",
}


def mention(
    document: str,
    day: str | None = "2019-12-20",
    sub: str = "Air/drone strike",
    *,
    actor1: str | None = "Military Forces of Russia (2000-)",
    actor2: str | None = "Civilians (Syria)",
    iso3: str | None = "SYR",
    location: str | None = None,
    point: tuple[float, float] | None = None,
    admin1: str | None = None,
    geo_precision: int = 1,
    fatalities: int | None = None,
    source: str = "Outlet",
    precision: int = 1,
    span: tuple[int, int] = (0, 6),
    extra: tuple[tuple[str, object], ...] = (),
) -> Mention:
    values: list[tuple[str, object]] = [
        ("sub_event_type", sub),
        ("event_date", day),
        ("fatalities", fatalities),
    ]
    values += [("actor1", actor1), ("actor2", actor2), ("location", location), *extra]
    claims = tuple(
        Claim(field, value, document, source, (0, 6), _quote(field, value))  # type: ignore[arg-type]
        for field, value in values
        if value is not None
    )
    return Mention(
        document=document,
        trigger="struck",
        trigger_span=span,
        event_type=TYPES[sub],
        sub_event_type=sub,
        disorder_type="Political violence",
        event_date=day,
        time_precision=precision,
        actor1=Actor(actor1, 1 if actor1 and "Forces" in actor1 else 2) if actor1 else None,
        actor2=Actor(actor2, 7 if actor2 and "Civilians" in actor2 else 2) if actor2 else None,
        country=COUNTRIES.get(iso3 or "", iso3),
        iso3=iso3,
        admin1=admin1,
        location=location,
        latitude=point[0] if point else None,
        longitude=point[1] if point else None,
        geo_precision=geo_precision if (location or point) else 3,
        fatalities=fatalities,
        sources=(source,),
        claims=claims,
        confidence=0.8,
    )


def document(
    doc_id: str, text: str, published: str | None = "2019-12-20", outlet: str | None = None
) -> Document:
    return Document(id=doc_id, text=text, published=published, outlet=outlet)


MAARRAT = (35.6483, 36.67693)
KAFRANBEL = (35.61376, 36.56449)  # about 11 km west of Maarrat al-Numan


def _quote(field: str, value: object) -> str:
    """Place names are quoted as written; other values by a stand-in."""
    return str(value) if field in ("location", "near") else "quoted"
