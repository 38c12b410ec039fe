"""The source lexicon: the sources attribution can name, and how their names are normalised.

``data/sources.json`` lists named sources (agencies, media, ministries, monitors, ...) with
their aliases and ACLED source scale, generic descriptions ("residents", "officials") and
anaphors ("the monitor") that point back to a source named earlier. ``load_source_lexicon``
builds the read-only lookup tables once; the attribution stage takes them as an argument.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, TypeVar

from ..datafiles import read_json
from ..errors import ResourceError

log = logging.getLogger(__name__)
T = TypeVar("T")

_SPLITTERS = re.compile(r"[-–—/]")
_DROPPED = re.compile(r"[.,;:()\[\]]")
_LEADING = re.compile(r"^(?:the|a|an|another|one|two|several|some|its|his|her|their)\s+", re.IGNORECASE)


def norm(text: str) -> str:
    """Spelling-insensitive key: curly apostrophes, dots and dashes do not matter (U.S.-led = US led)."""
    text = _DROPPED.sub("", text.replace("’", "'"))
    return " ".join(_SPLITTERS.sub(" ", text).split())


def fold(text: str) -> str:
    return norm(text).casefold()


def as_name(text: str) -> str:
    """A phrase as a source name: no leading article or numeral, no edge punctuation."""
    text = " ".join(text.split()).strip(" ,;:-–—\"“”'")
    while (stripped := _LEADING.sub("", text)) != text:
        text = stripped
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class SourceEntry:
    """One source the lexicon knows: canonical name, attribution kind, finer type, ACLED scale."""

    name: str
    kind: str
    type: str
    scale: str | None = None
    country: str | None = None
    aliases: tuple[str, ...] = ()
    generic: bool = False
    acled: str | None = None
    domains: tuple[str, ...] = ()  # web addresses the outlet publishes under ("naharnet.com")


@dataclass(frozen=True)
class Anaphor:
    """A description ("the monitor") that points back to the last source of some types."""

    phrases: tuple[str, ...]
    types: tuple[str, ...]
    generic: str | None = None
    generic_kind: str = "other"
    name_contains: str | None = None
    default: str | None = None


@dataclass(frozen=True)
class SourceLexicon:
    """Read-only lookup tables built once by ``load_source_lexicon``.

    Single-word names match case-sensitively ("AP", "Punch", "IS"), longer ones and generic
    descriptions ("residents") case-insensitively.
    """

    entries: tuple[SourceEntry, ...]
    cased: Mapping[str, SourceEntry]
    folded: Mapping[str, SourceEntry]
    generic: Mapping[str, SourceEntry]
    anaphors: Mapping[str, Anaphor]
    by_name: Mapping[str, SourceEntry]
    by_domain: Mapping[str, SourceEntry] = field(default_factory=dict)

    def get(self, name: str) -> SourceEntry | None:
        """The entry a canonical name, ACLED name or alias stands for, case-insensitively."""
        return self.by_name.get(fold(name))

    def domain(self, host: str) -> SourceEntry | None:
        """The outlet that publishes under a web domain ("naharnet.com"), lower-case, no "www."."""
        return self.by_domain.get(host)

    def named(self, phrase: str) -> SourceEntry | None:
        """The named (non-generic) entry a phrase spells exactly."""
        key = norm(phrase)
        if len(key.split()) == 1:
            return self.cased.get(key)
        # "of the independent union" is no newspaper: a name shows a capital past its article.
        if _LEADING.sub("", key) == _LEADING.sub("", key).lower():
            return None
        return self.folded.get(key.casefold())


def load_source_lexicon(path: Path | str | None = None) -> SourceLexicon:
    """Load the source lexicon (the packaged ``sources.json`` unless ``path`` is given)."""
    try:
        data = read_json("sources.json", path)
        entries = _make_all(SourceEntry, data["sources"])
        anaphors = _make_all(Anaphor, data.get("anaphors", ()))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ResourceError(f"source lexicon {path or 'sources.json'} is unreadable: {exc}") from exc
    return _build(entries, anaphors)


def source_scale(name: str, lexicon: SourceLexicon) -> str | None:
    """ACLED's source scale for a source name or alias, if the lexicon knows it."""
    entry = lexicon.get(name)
    return entry.scale if entry else None


def _make_all(cls: type[T], items: Sequence[dict[str, Any]]) -> tuple[T, ...]:
    names = {f.name for f in fields(cls)}  # type: ignore[arg-type]
    return tuple(
        cls(**{k: tuple(v) if isinstance(v, list) else v for k, v in item.items() if k in names})
        for item in items
    )


def _build(entries: Sequence[SourceEntry], anaphors: Sequence[Anaphor]) -> SourceLexicon:
    cased: dict[str, SourceEntry] = {}
    folded: dict[str, SourceEntry] = {}
    generic: dict[str, SourceEntry] = {}
    by_name: dict[str, SourceEntry] = {}
    by_domain: dict[str, SourceEntry] = {}
    for entry in entries:
        for domain in entry.domains:
            by_domain.setdefault(domain.lower().removeprefix("www."), entry)
        for alias in (entry.name, *entry.aliases, *([entry.acled] if entry.acled else [])):
            key = normed = norm(alias)
            one_word = len(key.split()) == 1 and not entry.generic
            table = generic if entry.generic else cased if one_word else folded
            key = key if one_word else key.casefold()
            if table.setdefault(key, entry) is not entry:
                log.warning("source alias %r is claimed by %s and %s", alias, table[key].name, entry.name)
            by_name.setdefault(normed.casefold(), entry)  # fold(alias)
    ana = {fold(phrase): a for a in anaphors for phrase in a.phrases}
    return SourceLexicon(tuple(entries), cased, folded, generic, ana, by_name, by_domain)
