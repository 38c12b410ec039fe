"""ACLED's event taxonomy, its precedence, and the CAMEO and PLOVER crosswalk.

Constant tables only (coding-rules.md §2.2, §4, §12, §13). The precedence ranks the 25
sub-event types 1–25; a lower rank wins when tactics co-occur in one event.
"""

from __future__ import annotations

from typing import Final

# (event_type, sub_event_type) in ACLED's hierarchical order: the index is the precedence rank.
PRECEDENCE: Final[tuple[tuple[str, str], ...]] = (
    ("Battles", "Government regains territory"),
    ("Battles", "Non-state actor overtakes territory"),
    ("Battles", "Armed clash"),
    ("Protests", "Excessive force against protesters"),
    ("Protests", "Protest with intervention"),
    ("Protests", "Peaceful protest"),
    ("Riots", "Violent demonstration"),
    ("Riots", "Mob violence"),
    ("Explosions/Remote violence", "Chemical weapon"),
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Explosions/Remote violence", "Suicide bomb"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("Explosions/Remote violence", "Grenade"),
    ("Violence against civilians", "Sexual violence"),
    ("Violence against civilians", "Attack"),
    ("Violence against civilians", "Abduction/forced disappearance"),
    ("Strategic developments", "Agreement"),
    ("Strategic developments", "Arrests"),
    ("Strategic developments", "Change to group/activity"),
    ("Strategic developments", "Disrupted weapons use"),
    ("Strategic developments", "Headquarters or base established"),
    ("Strategic developments", "Looting/property destruction"),
    ("Strategic developments", "Non-violent transfer of territory"),
    ("Strategic developments", "Other"),
)

SUB_EVENT_TYPES: Final[tuple[str, ...]] = tuple(sub for _, sub in PRECEDENCE)
EVENT_TYPE_OF: Final[dict[str, str]] = {sub: ev for ev, sub in PRECEDENCE}
RANK: Final[dict[str, int]] = {sub: i + 1 for i, (_, sub) in enumerate(PRECEDENCE)}

PV, DEMO, SD = "Political violence", "Demonstrations", "Strategic developments"
DISORDER_OF_EVENT_TYPE: Final[dict[str, str]] = {
    "Battles": PV,
    "Explosions/Remote violence": PV,
    "Violence against civilians": PV,
    "Protests": DEMO,
    "Riots": DEMO,
    "Strategic developments": SD,
}
DISORDER_EXCEPTIONS: Final[dict[str, str]] = {
    "Mob violence": PV,
    "Excessive force against protesters": f"{PV}; {DEMO}",
}

# Default CAMEO code per sub-event type (coding-rules.md §13); extractors may refine it.
DEFAULT_CAMEO: Final[dict[str, str | None]] = {
    "Armed clash": "190",
    "Government regains territory": "192",
    "Non-state actor overtakes territory": "192",
    "Chemical weapon": "2041",
    "Air/drone strike": "195",
    "Suicide bomb": "1831",
    "Shelling/artillery/missile attack": "194",
    "Remote explosive/landmine/IED": "183",
    "Grenade": "183",
    "Sexual violence": "1821",
    "Attack": "180",
    "Abduction/forced disappearance": "181",
    "Peaceful protest": "141",
    "Protest with intervention": "141",
    "Excessive force against protesters": "175",
    "Violent demonstration": "145",
    "Mob violence": "180",
    "Agreement": "057",
    "Arrests": "173",
    "Change to group/activity": "154",
    "Disrupted weapons use": None,
    "Headquarters or base established": "154",
    "Looting/property destruction": "1711",
    "Non-violent transfer of territory": "192",
    "Other": None,
}

# CAMEO -> PLOVER (2021 table, coding-rules.md §12): exceptions first, then the root.
_PLOVER_EXCEPTIONS: Final[dict[str, str]] = {
    "0813": "RETREAT",
    "0814": "RETREAT",
    "163": "COERCE",
    "191": "COERCE",
    "192": "COERCE",
    "1712": "ASSAULT",
    "175": "ASSAULT",
}
_PLOVER_ROOT: Final[dict[str, str | None]] = {
    "01": None,
    "02": None,
    "03": "AGREE",
    "04": "CONSULT",
    "05": "SUPPORT",
    "06": "COOPERATE",
    "07": "AID",
    "09": "ACCUSE",
    "10": "REQUEST",
    "11": "ACCUSE",
    "12": "REJECT",
    "13": "THREATEN",
    "14": "PROTEST",
    "15": "MOBILIZE",
    "16": "SANCTION",
    "17": "COERCE",
    "18": "ASSAULT",
    "19": "ASSAULT",
    "20": "ASSAULT",
}


def event_type_of(sub_event_type: str) -> str:
    return EVENT_TYPE_OF[sub_event_type]


def disorder_type_of(sub_event_type: str) -> str:
    if sub_event_type in DISORDER_EXCEPTIONS:
        return DISORDER_EXCEPTIONS[sub_event_type]
    return DISORDER_OF_EVENT_TYPE[EVENT_TYPE_OF[sub_event_type]]


def plover_of(cameo: str | None) -> str | None:
    """PLOVER type derived from the CAMEO code, so the two never disagree."""
    if not cameo:
        return None
    for length in (4, 3):
        if cameo[:length] in _PLOVER_EXCEPTIONS:
            return _PLOVER_EXCEPTIONS[cameo[:length]]
    if cameo.startswith("08"):
        return "CONCEDE" if cameo[:3] in ("080", "081", "082", "083") else "RETREAT"
    return _PLOVER_ROOT.get(cameo[:2])


def interaction(inter1: int, inter2: int) -> int:
    """ACLED's interaction code: smaller inter first; one-sided events add a 0."""
    if not inter2:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high
