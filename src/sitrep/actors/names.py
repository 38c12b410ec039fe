"""Actor names: their normal form, and relating ACLED actor names (from any export) to the lexicon.

ACLED's own exports spell state actors with regime periods that shift between releases
("(2017-)" in an older export, "(2017-2021)" now) and generic actors with free labels
("Kora Communal Militia (Nigeria)"). ``classify_name`` says whether a name is one the lexicon
produces exactly, the same regime period under another label, or a generic template.
``ActorLexicon.classify_name`` is the entry point.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sitrep.fold import strip_accents

if TYPE_CHECKING:  # the lexicon imports this module; it only passes itself in
    from sitrep.actors.lexicon import ActorLexicon

ACRONYM = re.compile(r"[A-Z0-9&]{1,4}")
ETHNIC_HEADS = frozenset((
    "militia", "militias", "militiamen", "gunmen", "fighters", "youths", "youth", "raiders", "vigilantes",
    "attackers", "assailants", "militants", "men",
))  # fmt: skip


_POSSESSIVE = re.compile(r"['’‘`]s\b")
_DROPPED = re.compile(r"['’‘`.()\"“”]")
_SPACED = re.compile(r"[-–—/,:;]")


def clean_name(text: str) -> str:
    """Case-kept normal form: no accents, dots, apostrophes or brackets; hyphens and slashes as spaces."""
    text = _SPACED.sub(" ", _DROPPED.sub("", _POSSESSIVE.sub("", strip_accents(text))))
    return " ".join(text.split())


STATE_NAME = re.compile(
    r"^(?:(?:Mutiny of|Former) )?(Military Forces|Police Forces|Government) of (?:the )?(.+?) "
    r"\((\d{4})-(\d{4})?\)(?: (.+))?$"
)
LABELLED = re.compile(r"^(.+) (Ethnic|Communal|Clan|Sub-Clan|Tribal) Militia \((.+)\)$")
GENERIC_NAME = re.compile(r"^(.+) \(([^()]+)\)$")


@dataclass(frozen=True)
class NameMatch:
    """How an ACLED actor name relates to the lexicon: ``exact``, ``regime`` (same period under another
    label, e.g. an older export's open end) or ``pattern`` (a generic template with a free label)."""

    canonical: str
    how: str


def classify_name(lexicon: ActorLexicon, name: str) -> NameMatch | None:
    """Relate an ACLED actor name (from any export) to the lexicon; None if it is unknown."""
    name = name.strip()
    group = lexicon.group_named(name)
    if group is not None:
        return NameMatch(name if any(name == d[1] for d in group.dated) else group.name, "exact")
    return _classify_state(lexicon, name) or _classify_generic(lexicon, name)


def _classify_state(lexicon: ActorLexicon, name: str) -> NameMatch | None:
    m = STATE_NAME.match(name)
    if not m:
        return None
    title, cname, start, end, unit = m.groups()
    c = lexicon.countries.get(lexicon.iso3_of(cname) or "")
    starts = [s for s in (c.regimes if c else ()) if s[:4] == start]
    if c is None or not starts:
        return None
    branch = {"Military Forces": "military", "Police Forces": "police"}.get(title, "government")
    units = (
        {u for _, u in c.units}
        | set(lexicon.data["generic_units"].get(branch, ()))
        | set(c.suffixes.values())
    )
    if unit and unit not in units and unit.split(" - ")[-1] not in units:
        return None
    actor = lexicon.state_actor(c.iso3, branch, starts[0], c.iso3)
    base = actor.name if actor else name
    canonical = f"{base} {unit}" if unit and not c.suffixes.get(starts[0]) else base
    label = f"({start}-{end or ''})"
    return NameMatch(canonical, "exact" if label in base else "regime")


def _classify_generic(lexicon: ActorLexicon, name: str) -> NameMatch | None:
    m = LABELLED.match(name)
    if m:
        label, _, cname = m.groups()
        iso = lexicon.iso3_of(cname)
        known = iso is not None and lexicon.is_ethnic_label(label, iso)
        return NameMatch(name, "exact" if known else "pattern") if iso else None
    templates = [c["name"] for c in lexicon.data["classes"].values()] + list(lexicon.data["associated"])
    templates += [g.name for g in lexicon.groups.values() if g.pattern]
    if name in templates:
        return NameMatch(name, "exact")
    m = GENERIC_NAME.match(name)
    if not m or (m.group(2) != "International" and lexicon.iso3_of(m.group(2)) is None):
        return None
    return NameMatch(name, "exact") if f"{m.group(1)} ({{country}})" in templates else None
