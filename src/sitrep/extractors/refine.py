"""Context-dependent types: a generic trigger refined by who acts, on whom, and with what.

The same word names different events by its context (coding-rules.md §3): an attack on soldiers
is a clash, on a shop property destruction; seizing a town is a territory event, seizing rifles
disrupts weapons use, seizing people is an arrest or an abduction, depending on who seizes; a
missile fired by a jet is an air strike. ``refine`` turns one trigger into the type and strength
its context gives it, or into nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..records import Trigger


def armed_doer(trig: Trigger) -> bool:
    return starts_word(trig.agent, _ARMED_DOERS)  # "fighters", not "firefighters"


_ARMED_DOERS = (
    "gunm", "armed", "militant", "militia", "soldier", "police", "troops", "rebel", "fighter", "forces",
    "army", "insurgent", "jihadist", "garrison", "gang", "bandit", "attacker", "assailant", "guerrilla",
    "military", "trooper", "marine", "commando", "gendarme", "paramilitar", "navy", "guard",
)  # fmt: skip


def crowd_agent(trig: Trigger) -> bool:
    return mentions(trig.agent, CROWD_WORDS) and not mentions(trig.agent, ARMED_AGENT_WORDS)


# Words for ordinary people acting together.
CROWD_WORDS = (
    "people", "citizens", "residents", "villagers", "locals", "youths", "crowd", "mob", "workers",
    "students", "supporters", "relatives", "family", "families", "community", "group of", "migrants",
    "refugees", "fans", "inmates",
)  # fmt: skip
# Armed or criminal bands are organised: "a group of gunmen", "a group of robbers" is no crowd.
ARMED_AGENT_WORDS = (
    "gunmen", "armed", "militant", "militia", "soldier", "police", "troops", "rebel", "fighter", "robber",
    "thie", "burglar", "bandit", "gang", "kidnapper", "assailant", "attacker",
)  # fmt: skip


def refine(trig: Trigger, cues: frozenset[str]) -> tuple[str, int] | None:
    """Context-dependent types and strengths: generic attack/kill words, explosions, protests."""
    sub, strength = trig.sub_event_type, trig.strength
    if _corporate(trig.agent) and strength <= 2:
        return None  # "the company launched an aggressive assault on the market"
    if sub == "Attack" and strength == 1 and _property(trig.patient) and "lethal" not in cues:
        return "Looting/property destruction", 2  # "attacks on properties": only property was hit
    if sub == "Attack" and strength <= 2:
        if trig.target == "armed" and "unarmed" not in cues:
            return "Armed clash", max(strength, 2 if "lethal" in cues else 1)
        if trig.target == "" and "civilian" not in cues and "armed" in cues and strength == 1:
            return "Armed clash", 1
        if "perpetrator_armed" in cues or trig.target == "civilian":
            return sub, strength + 1
    if sub == "Armed clash" and strength == 1 and trig.target == "civilian":
        return "Attack", 1
    if sub == "Disrupted weapons use" and mentions(
        trig.patient, ("tension", "situation", "crisis", "standoff")
    ):
        return None  # "defused the tension" is diplomacy, not bomb disposal
    stopping = trig.text.lower().split()[0] in _STOPPING
    if (
        sub == "Disrupted weapons use"
        and stopping
        and mentions(trig.patient, _ASSAULT_WORDS)
        and not _planned(trig)
    ):
        return "Armed clash", 3  # "thwarted an attack on the town": the attackers were fought off
    if sub in _NEEDS_ARMED_DOER and strength <= 2 and not _armed_or_unnamed(trig, cues):
        return None  # "the family moved into", "abandoned the car": only armed groups hold ground or bases
    if sub in _NEEDS_ARMED_DOER and strength == 1 and not armed_doer(trig):
        return None  # "in the occupied territories": a weak word needs the armed group named
    if sub == "Agreement" and trig.text.lower() == "exchanged":
        # "the two sides exchanged 14 detainees" is a swap; "exchanged views" is nothing
        return (sub, 3) if mentions(trig.patient, _CAPTIVES) else None
    if (
        sub == "Looting/property destruction"
        and trig.agent
        and trig.agent.lower().split()[-1].startswith(_NATURE)
    ):
        return None  # "the fire destroyed ten houses", "floods swept away shops"
    weak_loot = sub == "Looting/property destruction" and strength == 1
    if weak_loot and not _armed_or_unnamed(trig, cues) and not crowd_agent(trig):
        return None  # "a fire burned ten houses": destruction needs someone who did it
    if sub in TERRITORY_TYPES:
        return _territory(trig, strength, cues)
    if sub == "Disrupted weapons use" and _downed(trig):
        return "Shelling/artillery/missile attack", 3  # a crewed aircraft shot down (coding-rules §2.3)
    if sub == "Shelling/artillery/missile attack" and starts_word(trig.agent, _AIRCRAFT):
        return "Air/drone strike", strength  # "jets fired missiles at the village"
    if sub == "Shelling/artillery/missile attack" and strength == 1:
        if "accident" in cues:
            return None
        # A run of explosions is usually fire from a distance; a single blast, a planted device.
        plural = trig.text.lower().endswith("s")
        return (sub, 1) if plural else ("Remote explosive/landmine/IED", 1)
    if sub == "Peaceful protest":
        return None  # a weak protest word alone ("march", "strike") is not a protest
    if trig.cameo == AID_CAMEO and not trig.agent:
        return None  # handing out aid matters only as an armed group's new activity (mentions.py)
    return sub, strength


def _downed(trig: Trigger) -> bool:
    words = trig.text.lower().split()
    shot = words[0] in ("shot", "shoot", "shooting", "downed", "brought", "bring")
    crewed = starts_word(trig.patient, _CREWED) and not starts_word(
        trig.patient, ("drone", "uav", "unmanned")
    )
    return shot and crewed


_CREWED = ("helicopter", "jet", "plane", "aircraft", "fighter", "bomber", "warplane", "gunship", "airliner")


def _corporate(agent: str) -> bool:
    words = agent.lower().split()
    return bool(words) and words[-1] in _CORPORATE


_CORPORATE = frozenset(
    {"company", "firm", "bank", "corporation", "operator", "retailer", "brand", "insurer", "airline",
     "lender", "manufacturer", "startup", "conglomerate", "supermarket"}
)  # fmt: skip
_PROPERTY = frozenset(
    {"property", "properties", "building", "buildings", "shop", "shops", "store", "stores", "office",
     "offices", "business", "businesses", "warehouse", "warehouses", "premises", "infrastructure",
     "facility", "facilities", "equipment", "machine", "machines", "tower", "towers"}
)  # fmt: skip


def _property(patient: str) -> bool:
    """ "attacks on properties": the thing hit is property (whole words: "officers" are people)."""
    return any(w in _PROPERTY for w in patient.lower().replace("-", " ").split())


_CAPTIVES = ("detainee", "prisoner", "captive", "hostage", "bodies", "remains", "soldiers", "fighters")


def _planned(trig: Trigger) -> bool:
    """ "foiled a planned attack": the plotters were stopped before they could fight."""
    return mentions(trig.patient, ("plan", "plot"))


def _armed_or_unnamed(trig: Trigger, cues: frozenset[str]) -> bool:
    """The act's doer is armed, or unnamed ("it", none) in a story about armed men."""
    if armed_doer(trig):
        return True
    return "perpetrator_armed" in cues


def _unnamed(agent: str) -> bool:
    """A pronoun ("it", "his forces") names nobody: the trigger word itself must decide."""
    words = agent.lower().split()
    return not words or words[0] in _PRONOUNS


_PRONOUNS = frozenset(
    {"it", "they", "he", "she", "we", "its", "them", "who", "which", "his", "her", "their", "our"}
)
_NEEDS_ARMED_DOER = frozenset({"Non-violent transfer of territory", "Headquarters or base established"})
AID_CAMEO = "073"
TERRITORY_TYPES = frozenset({"Non-state actor overtakes territory", "Government regains territory"})
_NATURE = (
    "fire", "blaze", "flame", "storm", "flood", "explosion", "blast", "earthquake", "wind", "rain",
    "lightning",
)  # fmt: skip
_STOPPING = frozenset({"foil", "foiled", "thwart", "thwarted", "prevent", "prevented", "avert", "averted"})
_ASSAULT_WORDS = ("attack", "offensive", "assault", "infiltration", "advance", "incursion", "raid")
# People taken, not ground: words that begin a word ("fighter" for "fighters", "gunm" for
# "gunmen"), and short nouns only as whole words, so "man" does not take "Manbij" for a person.
_PEOPLE = re.compile(
    r"\b(?:operative|fighter|militant|soldier|member|rebel|insurgent|commander|suspect|people|civilian|men"
    r"|women|child|hostage|prisoner|leader|gunm|others|them|him|alive"
    r"|(?:man|woman|girl|boy|person|journalist|worker|official|citizen|national|tourist|student|teacher"
    r"|priest|pilot|activist|spy|wife|husband|son|daughter|crew|passenger|villager|resident|farmer|trader"
    r"|nurse|doctor|engineer|contractor|volunteer|reporter|photographer)s?\b)",
    re.IGNORECASE,
)
_WEAPON_WORDS = (
    "weapon", "arms", "ammunition", "munition", "rifle", "explosive", "rocket", "mortar", "grenade",
    "firearm", "gun", "bomb", "cache", "missile",
)  # fmt: skip
_AIRCRAFT = (
    "jet", "warplane", "aircraft", "plane", "drone", "helicopter", "gunship", "bomber", "air force", "uav",
    "fighter jet", "fighter-bomber",
)  # fmt: skip
_PLACE_WORDS = (
    "town", "city", "village", "district", "area", "site", "base", "camp", "hill", "airport", "province",
    "region", "territory", "position", "post", "outpost", "locality", "settlement", "neighbourhood",
)  # fmt: skip
_GOODS_WORDS = (
    "marijuana", "cannabis", "cocaine", "heroin", "drug", "narcotic", "cigarette", "tons of", "kg of",
    "kilos", "vehicle", "truck", "cash", "money", "goods", "fuel", "cattle", "livestock", "property",
    "equipment",
)  # fmt: skip
_STATE_WORDS = (
    "army", "troops", "military", "government", "soldiers", "security forces", "police", "regime", "trooper",
    "marines", "commandos", "gendarme",
)  # fmt: skip
_NON_STATE_WORDS = (
    "rebel",
    "militant",
    "insurgent",
    "jihadist",
    "fighters",
    "militia",
    "islamist",
    "separatist",
)


def mentions(text: str, words: Sequence[str]) -> bool:
    lowered = text.lower()
    return any(w in lowered for w in words)


def starts_word(text: str, words: Sequence[str]) -> bool:
    """Like ``_mentions``, but each word must start a word ("arms", not "farms")."""
    lowered = " " + text.lower()
    return any(f" {w}" in lowered for w in words)


def _state_agent(trig: Trigger) -> bool:
    return mentions(trig.agent, _STATE_WORDS) and not mentions(trig.agent, _NON_STATE_WORDS)


def _territory(trig: Trigger, strength: int, cues: frozenset[str]) -> tuple[str, int] | None:
    """Taking a place is a territory event; taking people is not, and who takes it decides which."""
    if _PEOPLE.search(trig.patient):
        if trig.target == "armed" and not _state_agent(trig):
            return "Armed clash", 2
        # people taken by state forces are arrested, by anyone else abducted
        return ("Arrests", 2) if _state_agent(trig) else ("Abduction/forced disappearance", 2)
    # Seizing things is not taking ground: weapons seized disrupt their use, other goods are property.
    if starts_word(trig.patient, _WEAPON_WORDS) and not starts_word(trig.patient, _PLACE_WORDS):
        return "Disrupted weapons use", 2
    if starts_word(trig.patient, _GOODS_WORDS):
        return "Looting/property destruction", 2
    if strength <= 1 and not trig.patient:
        return None
    if strength <= 2 and not _armed_or_unnamed(trig, cues):
        return None  # "the company took back its offer": only armed groups take ground
    state = _state_agent(trig)
    # "it had recaptured the town": with no one named, the word itself decides
    if state or (trig.sub_event_type == "Government regains territory" and _unnamed(trig.agent)):
        return "Government regains territory", strength
    return "Non-state actor overtakes territory", strength
