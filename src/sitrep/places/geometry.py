"""Distances on the globe, and the distances that mean something to a coder, named once."""

from __future__ import annotations

import math

EARTH_RADIUS_KM = 6371.0088

# Two points this close are one spot: a town and a spot in it coded at the town's point.
SAME_SPOT_KM = 2.0
# Two points this close lie in one town's area: reports placed there can tell one incident.
SAME_TOWN_KM = 10.0
# Beyond this, two reports' places are too far apart to be one incident.
INCIDENT_REACH_KM = 25.0
# A district's places lie this close to the town it is named after.
DISTRICT_KM = 40.0
# A place named in the same text this close to a reading vouches for that reading.
VOUCHING_KM = 60.0


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, h)))


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """The distance between two (latitude, longitude) points."""
    return haversine_km(*a, *b)
