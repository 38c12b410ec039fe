"""The actor lexicon: ACLED-style actor names, inter codes, and the words that signal each actor.

``data/actors.json`` is the project's own compilation of public facts (names, aliases, regime dates).
Its keys, all names in ACLED's spelling:

- ``countries``: ``{iso3, name, the?, demonyms, aliases?, regimes, checked?, home?, de_facto?, units?,
  force_aliases?, state_groups?, suffixes?}``. ``regimes`` lists the start dates (YYYY-MM-DD) of each
  government period; a period runs to the next start and is labelled ``(2017-2021)``, the last ``(2025-)``.
  ``home`` lists other countries where the forces count as domestic (de facto regimes); ``units`` are
  ``{branch, name, aliases?, anywhere?}`` (``anywhere`` aliases resolve outside the event country too);
  ``force_aliases`` name a branch outright (``IDF``); ``state_groups`` replace a branch by a named
  faction (Libya); ``suffixes`` add a faction name to a period (Yemen's Presidential Leadership Council).
  ``checked`` marks periods seen in ACLED-coded data; the others follow heads of government.
- ``groups``: ``{name, inter, kind, countries?, aliases?, pattern?, dated?, also?}``. A ``pattern`` name holds
  ``{country}``; ``dated`` is ``[[start, name, inter], ...]`` for actors renamed over time; ``also`` lists
  other spellings ACLED exports have used.
- ``classes``: generic actors (``Civilians ({country})``...) with ``inter``, ``kind``, signal ``words``, and a
  ``label`` template for named militias (``{label} Ethnic Militia ({country})``).
- ``associated``: descriptor name (``Students ({country})``) -> signal words.
- ``ethnic``: iso3 -> identity groups that name militias. ``context``: iso3 -> {generic word -> group name
  or ``state:ISO3:branch``} ("separatists" in Ukraine are the NAF).
- ``force_words``/``bare_force_words``: branch -> head words after a demonym / standing alone
  (``regime forces``); ``modifiers``, ``suffixes``, ``quantifiers``: word lists; ``generic_units``:
  unit names valid in any country.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from sitrep.actors import names
from sitrep.actors.names import ACRONYM, ETHNIC_HEADS, NameMatch, clean_name
from sitrep.actors.patterns import PatternTables, actor_patterns
from sitrep.datafiles import read_json
from sitrep.errors import ResourceError, UsageError
from sitrep.records import Actor

log = logging.getLogger(__name__)

BRANCH_TITLE = {"military": "Military Forces of", "police": "Police Forces of", "government": "Government of"}
ORDINAL_UNIT = re.compile(
    r"\d+(?:st|nd|rd|th) (?:\w+ ){0,2}(?:brigade|division|battalion|regiment|corps)", re.IGNORECASE
)
ISO_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
FUZZY_MIN, FUZZY_CUTOFF = 6, 90


@dataclass(frozen=True)
class Country:
    iso3: str
    name: str
    the: bool
    regimes: tuple[str, ...]
    home: frozenset[str]
    seat: str  # the ACLED country its events fall in (a de facto regime's host country)
    units: tuple[tuple[str, str], ...] = ()  # (branch, unit name)
    state_groups: dict[str, str] = field(default_factory=dict)
    suffixes: dict[str, str] = field(default_factory=dict)

    @property
    def styled(self) -> str:
        return f"the {self.name}" if self.the else self.name


@dataclass(frozen=True)
class Group:
    name: str
    inter: int
    kind: str
    countries: tuple[str, ...]  # the first is where it mainly operates
    pattern: bool = False
    dated: tuple[tuple[str, str, int], ...] = ()


class ActorLexicon:
    """Surface forms -> ACLED actors. Build with :func:`load_actor_lexicon`; lookups are dict probes."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.countries: dict[str, Country] = {}
        self.groups: dict[str, Group] = {}
        self._iso_of: dict[str, str] = {}  # lower-case country name/alias -> iso3
        self._demonyms: dict[str, list[str]] = defaultdict(list)
        self._aliases: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        self._acronyms: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        self._words: dict[str, str] = {}  # generic word -> class key
        self._assoc: dict[str, str] = {}
        self._also: dict[str, str] = {}
        self._ethnic: dict[str, frozenset[str]] = {
            k: frozenset(map(_key, v)) for k, v in data["ethnic"].items()
        }
        self._ethnic_any = {_key(lab): lab for labs in data["ethnic"].values() for lab in labs}
        self._context = {
            iso: {_key(w): t for w, t in words.items()} for iso, words in data["context"].items()
        }
        self._quantifiers = sorted(
            (tuple(_key(q).split()) for q in data["quantifiers"]), key=len, reverse=True
        )
        self._suffixes = frozenset(map(_key, data["suffixes"]))
        self._modifiers = frozenset(_key(w) for w in data["modifiers"])
        self._heads: dict[str, str] = {}
        self._bare = {_key(w): b for b, ws in data["bare_force_words"].items() for w in ws}
        self._fuzzy_memo: dict[str, str | None] = {}
        units = data["generic_units"].items()
        self._generic_units = {_key(u): (b, u) for b, us in reversed(units) for u in us}
        self._spellings: dict[str, set[str]] = defaultdict(set)  # pattern id -> original spellings
        for entry in data["countries"]:
            self._add_country(entry)
        for entry in data["groups"]:
            self._add_group(entry)
        self._add_words()
        self._fuzzy_keys = sorted(k for k, refs in self._aliases.items() if len(k) >= FUZZY_MIN and refs)

    # -- building -------------------------------------------------------------------------------
    def _add_country(self, e: dict[str, Any]) -> None:
        iso = e["iso3"]
        units = tuple((u["branch"], u["name"]) for u in e.get("units", ()))
        self.countries[iso] = Country(
            iso, e["name"], bool(e.get("the")), tuple(e["regimes"]), frozenset([iso, *e.get("home", ())]),
            e.get("home", [iso])[0],
            units, e.get("state_groups", {}), e.get("suffixes", {}),
        )  # fmt: skip
        for name in (e["name"], *e.get("aliases", ())):
            self._iso_of.setdefault(_key(name), iso)
        for dem in (e["name"], *e.get("aliases", ()), *e["demonyms"]):
            key = clean_name(dem) if ACRONYM.fullmatch(clean_name(dem)) else _key(dem)
            if iso not in self._demonyms[key]:
                self._demonyms[key].append(iso)
            self._spellings[f"dem:{key}"].add(dem)
        for branch, words in e.get("force_aliases", {}).items():
            for w in words:
                self._index(w, ("state", iso, branch))
        for u in e.get("units", ()):
            for w in u.get("aliases", ()):
                self._index(w, ("unit", iso, u["branch"], u["name"], ""))
            for w in u.get("anywhere", ()):
                self._index(w, ("unit", iso, u["branch"], u["name"], "anywhere"))

    def _add_group(self, e: dict[str, Any]) -> None:
        dated = tuple((d[0], d[1], int(d[2])) for d in e.get("dated", ()))
        g = Group(
            e["name"], e["inter"], e["kind"], tuple(e.get("countries", ())), bool(e.get("pattern")), dated
        )
        self.groups[g.name] = g
        for name in (g.name, *(d[1] for d in dated), *e.get("also", ())):
            self._also.setdefault(name, g.name)
        if not g.pattern:
            self._index(g.name, ("group", g.name))
        for alias in e.get("aliases", ()):
            self._index(alias, ("group", g.name))

    def _add_words(self) -> None:
        for key, cls in self.data["classes"].items():
            for w in cls["words"]:
                self._words.setdefault(_key(w), key)
                self._spellings[f"word:{_key(w)}"].add(w)
        bare = (w for ws in self.data["bare_force_words"].values() for w in ws)
        for w in [*bare, *(w for ws in self.data["context"].values() for w in ws)]:
            self._spellings[f"word:{_key(w)}"].add(w)
        for label in self._ethnic_any.values():
            self._spellings[f"ethnic:{_key(label)}"].add(label)
        for name, words in self.data["associated"].items():
            for w in words:
                self._assoc.setdefault(_key(w), name)
        for branch, words in self.data["force_words"].items():
            for w in words:
                self._heads.setdefault(_key(w), branch)

    def _index(self, alias: str, ref: tuple[str, ...]) -> None:
        clean = clean_name(alias)
        table, k = (self._acronyms, clean) if ACRONYM.fullmatch(clean) else (self._aliases, _key(alias))
        if ref not in table[k]:
            table[k].append(ref)
        self._spellings[f"alias:{k}"].add(alias)

    # -- countries --------------------------------------------------------------------------------
    def country_names(self) -> dict[str, str]:
        """ISO3 -> ACLED country name, for every country and de facto entity in the lexicon."""
        return {iso: c.name for iso, c in self.countries.items()}

    def iso3_of(self, name: str) -> str | None:
        """ISO3 of a country name or alias (``"DRC"`` -> ``"COD"``), else None."""
        return self._iso_of.get(_key(name))

    def country_of_demonym(self, word: str, prefer: str | None = None) -> str | None:
        """ISO3 a demonym or country name points to (``"Ukrainian"`` -> ``"UKR"``); ``prefer`` breaks ties."""
        clean = clean_name(word)
        isos = self._demonyms.get(clean) or self._demonyms.get(clean.lower())
        if not isos:
            return None
        return prefer if prefer in isos else isos[0]

    # -- resolving --------------------------------------------------------------------------------
    def resolve(self, surface: str, country_iso3: str | None = None, date: str | None = None) -> Actor | None:
        """The ACLED actor a surface form names, in the event's country and on its date (YYYY-MM-DD)."""
        if date is not None and not ISO_DATE.fullmatch(date):
            raise UsageError(f"date must be YYYY-MM-DD (or YYYY-MM, YYYY), got {date!r}")
        tokens = self._strip_quantifiers(clean_name(surface).split())
        if not tokens:
            return None
        ref = self._lookup(tokens, country_iso3)
        actor = self._build(ref, surface, country_iso3, date) if ref else None
        if actor and country_iso3 is None and ref and ref[0] == "group" and self._ambiguous(tokens):
            return _with(actor, country=None)  # "IS" alone says nothing about where
        return actor

    def _ambiguous(self, tokens: list[str]) -> bool:
        homes = {self.groups[r[1]].countries[:1] for r in self._refs(tokens) if r[0] == "group"}
        return len(homes) > 1

    def resolve_id(
        self, ent_id: str, surface: str, country_iso3: str | None = None, date: str | None = None
    ) -> Actor | None:
        """Resolve an EntityRuler match by the ``id`` of its pattern (see :meth:`patterns`)."""
        kind, _, rest = ent_id.partition(":")
        if kind == "state":  # the surface decides the branch: "forces" heads both patterns
            iso, branch = rest.split(":")
            actor = self.resolve(surface, country_iso3, date)
            return actor or self.state_actor(iso, branch, date, country_iso3, None, surface)
        if kind == "ethnic" and country_iso3:
            return self.generic("ethnic_militia", country_iso3, self._ethnic_any.get(rest, rest), surface)
        return self.resolve(surface, country_iso3, date)

    def _strip_quantifiers(self, tokens: list[str]) -> list[str]:
        # Leading determiners and counts go ("at least 12 soldiers"), unless the phrase is a name as is.
        while len(tokens) > 1 and not self._known(tokens):
            low = tuple(t.lower() for t in tokens)
            if low[0].isdigit():
                tokens = tokens[1:]
                continue
            cut = next((len(q) for q in self._quantifiers if low[: len(q)] == q and len(q) < len(low)), 0)
            if not cut:
                break
            tokens = tokens[cut:]
        return tokens

    def _known(self, tokens: list[str]) -> bool:
        joined = " ".join(tokens)
        low = joined.lower()
        return joined in self._acronyms or low in self._aliases or low in self._words or low in self._bare

    def _lookup(self, tokens: list[str], iso: str | None) -> tuple[str, ...] | None:
        key = " ".join(tokens).lower()
        if iso and key in self._context.get(iso, {}):
            return _target(self._context[iso][key])
        picked = self._pick(self._refs(tokens), iso)
        if picked:
            return picked
        if iso and key in self._generic_units:
            return ("unit", iso, *self._generic_units[key], "")
        if key in self._words:
            return ("class", self._words[key])
        if key in self._bare:
            return ("force", self._bare[key])
        return self._compose(tokens, iso) or self._fuzzy(key, iso)

    def _refs(self, tokens: list[str]) -> list[tuple[str, ...]]:
        joined = " ".join(tokens)
        refs = self._acronyms.get(joined) or self._aliases.get(joined.lower())
        if refs:
            return refs
        for cut in (1, 2):  # "Taliban militants", "Houthi rebel fighters"
            if len(tokens) > cut and all(t.lower() in self._suffixes for t in tokens[-cut:]):
                head = " ".join(tokens[:-cut])
                refs = self._acronyms.get(head) or self._aliases.get(head.lower())
                if refs:
                    return refs
        return []

    def _compose(self, tokens: list[str], iso: str | None) -> tuple[str, ...] | None:
        """Demonym + force words ("Syrian regime forces"), force words + of + country ("military forces
        of Armenia"), a numbered unit of the country's army ("22nd Mechanized Brigade"), or identity +
        militia ("Tiv militiamen")."""
        low = [t.lower() for t in tokens]
        if "of" in low[1:-1]:
            i = len(low) - 1 - low[::-1].index("of")
            right = [t for t in low[i + 1 :] if t != "the"]
            state = self._iso_of.get(" ".join(right))
            ref = self._force_ref(state, low[:i]) if state else None
            if ref:
                return ref
        if iso and ORDINAL_UNIT.fullmatch(" ".join(tokens)):
            return ("unit", iso, "military", " ".join(t[:1].upper() + t[1:] for t in tokens), "")
        for n in range(min(4, len(tokens) - 1), 0, -1):
            state = self.country_of_demonym(" ".join(tokens[:n]), prefer=iso)
            rest = [t.lower() for t in tokens[n:]]
            if state:
                ref = self._force_ref(state, rest)
                if ref:
                    return ref
            label = " ".join(t.lower() for t in tokens[:n])
            if rest[-1] in ETHNIC_HEADS and label in self._ethnic_any and iso:
                return ("ethnic", self._ethnic_any[label])
        return None

    def _force_ref(self, iso: str, rest: list[str]) -> tuple[str, ...] | None:
        unit = self._unit_in(" ".join(rest), iso)
        if unit:
            return ("unit", iso, unit[0], unit[1], "")
        while rest and rest[0] in self._modifiers and " ".join(rest) not in self._heads:
            rest = rest[1:]
        branch = self._heads.get(" ".join(rest))
        return ("state", iso, branch) if branch else None

    def _unit_in(self, text: str, iso: str) -> tuple[str, str] | None:
        refs = self._aliases.get(_key(text), []) + self._acronyms.get(clean_name(text), [])
        tail = _key(text).split()
        for cut in range(1, len(tail)):  # "Iraqi federal police" -> "federal police"
            refs = refs or self._aliases.get(" ".join(tail[cut:]), [])
        for ref in refs:
            if ref[0] == "unit" and ref[1] == iso:
                return ref[2], ref[3]
        return None

    def _fuzzy(self, key: str, iso: str | None) -> tuple[str, ...] | None:
        if len(key) < FUZZY_MIN:
            return None
        if key not in self._fuzzy_memo:
            hit = process.extractOne(key, self._fuzzy_keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
            self._fuzzy_memo[key] = hit[0] if hit and hit[0][0] == key[0] else None
        match = self._fuzzy_memo[key]
        return self._pick(self._aliases[match], iso) if match else None

    def _pick(self, refs: list[tuple[str, ...]], iso: str | None) -> tuple[str, ...] | None:
        if not refs:
            return None
        fits = [r for r in refs if self._fits(r, iso)]
        if fits:
            return fits[0]
        groups = [r for r in refs if r[0] == "group"]
        for r in groups:
            g = self.groups[r[1]]
            if not g.countries and (not g.pattern or iso):
                return r
        usable = [r for r in refs if r[0] != "unit" and not (r[0] == "group" and self.groups[r[1]].pattern)]
        return usable[0] if usable else None

    def _fits(self, ref: tuple[str, ...], iso: str | None) -> bool:
        if ref[0] == "group":
            return iso in self.groups[ref[1]].countries
        if ref[0] == "unit":
            return ref[1] == iso or ref[4] == "anywhere"
        return ref[0] == "state" and iso in (None, ref[1])

    # -- building actors --------------------------------------------------------------------------
    def _build(self, ref: tuple[str, ...], surface: str, iso: str | None, date: str | None) -> Actor | None:
        kind = ref[0]
        if kind == "group":
            return self.group_actor(ref[1], iso, date, surface)
        if kind == "state":
            return self.state_actor(ref[1], ref[2], date, iso, None, surface)
        if kind == "unit":
            return self.state_actor(ref[1], ref[2], date, iso, ref[3], surface)
        if kind == "force":
            return self.state_actor(iso, ref[1], date, iso, None, surface) if iso else None
        if kind == "ethnic":
            return self.generic("ethnic_militia", iso, ref[1], surface) if iso else None
        return self.generic(ref[1], iso, None, surface)

    def state_actor(
        self, iso: str | None, branch: str, date: str | None, event_iso3: str | None = None,
        unit: str | None = None, surface: str = "",
    ) -> Actor | None:  # fmt: skip
        """State forces of ``iso`` in the regime period of ``date``; inter 8 outside their home."""
        c = self.countries.get(iso or "")
        if c is None:
            return None
        inter = 1 if event_iso3 is None or event_iso3 in c.home else 8
        if branch in c.state_groups:
            actor = self.group_actor(c.state_groups[branch], c.iso3, date, surface)
            return _with(actor, inter=inter) if actor else None
        period = self._period(c, date)
        if period is None:
            return None
        start, label = period
        name = f"{BRANCH_TITLE[branch]} {c.styled} ({label})"
        suffix = c.suffixes.get(start)
        name = f"{name} {suffix}" if suffix else name
        if unit:
            name = f"{name} - {unit}" if suffix else f"{name} {unit}"
        return Actor(name, inter, self.countries[c.seat].name, branch, surface)

    def _period(self, c: Country, date: str | None) -> tuple[str, str] | None:
        if not c.regimes:
            return None
        i = len(c.regimes) - 1
        while date and i > 0 and date < c.regimes[i]:
            i -= 1
        end = f"{c.regimes[i + 1][:4]}" if i + 1 < len(c.regimes) else ""
        return c.regimes[i], f"{c.regimes[i][:4]}-{end}"

    def group_actor(self, name: str, iso: str | None, date: str | None, surface: str = "") -> Actor | None:
        """A named group; dated names follow ``date``, pattern names need the event country."""
        g = self.groups[name]
        label, inter = g.name, g.inter
        for start, dated_name, dated_inter in g.dated:
            if not date or date >= start:
                label, inter = dated_name, dated_inter
        if g.pattern:
            if iso not in self.countries:
                return None
            label = g.name.format(country=self.countries[iso].name)
        if inter == 1 and iso and g.countries and iso not in g.countries:
            inter = 8
        kind = "police" if label.startswith("Police Forces") else g.kind
        kind = "military" if label.startswith("Military Forces") else kind
        home = [i for i in g.countries if i in self.countries]
        where = iso if iso in self.countries else (home[0] if home else None)
        return Actor(label, inter, self.countries[where].name if where else None, kind, surface)

    def generic(
        self, cls: str, iso3: str | None, label: str | None = None, surface: str = ""
    ) -> Actor | None:
        """A generic actor of class ``cls`` (``civilians``, ``armed_group``...) in country ``iso3``;
        ``label`` names a militia (``Tiv`` -> ``Tiv Ethnic Militia (Nigeria)``). None without a country."""
        spec = self.data["classes"][cls]
        template = spec["label"] if label and "label" in spec else spec["name"]
        if "{country}" in template and iso3 not in self.countries:
            return None
        country = self.countries[iso3].name if iso3 in self.countries else None
        name = template.format(country=country, label=label)
        return Actor(name, spec["inter"], country, spec["kind"], surface)

    def associated(self, surface: str, country_iso3: str | None) -> str | None:
        """The associated-actor descriptor a word names (``"students"`` -> ``Students (Kenya)``)."""
        tokens = self._strip_quantifiers(clean_name(surface).split())
        template = self._assoc.get(" ".join(tokens).lower())
        if template is None or country_iso3 not in self.countries:
            return None
        return template.format(country=self.countries[country_iso3].name)

    # -- names ------------------------------------------------------------------------------------
    def classify_name(self, name: str) -> NameMatch | None:
        """Relate an ACLED actor name (from any export) to the lexicon; None if it is unknown."""
        return names.classify_name(self, name)

    def group_named(self, name: str) -> Group | None:
        """The group an ACLED name of it (current, dated or an older export's spelling) stands for."""
        return self.groups[self._also[name]] if name in self._also else None

    def is_ethnic_label(self, label: str, iso3: str) -> bool:
        """Whether ``label`` is an identity group the lexicon knows to name militias in ``iso3``."""
        return _key(label) in self._ethnic.get(iso3, frozenset())

    # -- spaCy patterns ---------------------------------------------------------------------------
    def patterns(self, nlp: Any = None) -> list[dict[str, Any]]:
        """EntityRuler patterns for every spelling, split by ``nlp``'s tokenizer (see ``actor_patterns``)."""
        tables = PatternTables(
            self._spellings, self._suffixes, self._modifiers, self._heads, self._demonyms, self._iso_of
        )
        return actor_patterns(tables, nlp)


def _with(actor: Actor, **changes: Any) -> Actor:
    return Actor(**{**actor.to_dict(), **changes})


def _target(target: str) -> tuple[str, ...]:
    return tuple(target.split(":")) if target.startswith("state:") else ("group", target)


def _key(text: str) -> str:
    return clean_name(text).lower()


def load_actor_lexicon(path: Path | None = None) -> ActorLexicon:
    """Load the actor lexicon: the packaged ``data/actors.json`` unless ``path`` names another file."""
    try:
        data = read_json("actors.json", path)
        lexicon = ActorLexicon(data)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ResourceError(f"cannot load actor lexicon: {exc}") from exc
    log.debug("actor lexicon: %d countries, %d groups", len(lexicon.countries), len(lexicon.groups))
    return lexicon
