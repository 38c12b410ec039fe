"""Which word runs in a text may be place names: the token rules of the gazetteer's scan.

A name starts and ends with a capitalised word; lower-case connectors ("de", "al-", "and") may sit
inside and "al-" may lead. ``Toponym`` is what a scan finds: a name with its exact span and its
candidate places; ``TextNames`` all of one text's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitrep.records import Place


@dataclass(frozen=True)
class Toponym:
    """A gazetteer name found in text: ``text == document[start:end]``, candidates best first."""

    text: str
    start: int
    end: int
    candidates: tuple[Place, ...]


@dataclass(frozen=True)
class TextNames:
    """One text's gazetteer names and demonyms (``Gazetteer.read``), scanned once and passed to
    every stage that reads them: the country votes, the divisions named, the places found."""

    text: str
    toponyms: tuple[Toponym, ...]
    demonyms: tuple[Toponym, ...]


ADMIN_SUFFIXES = frozenset(
    {"province", "governorate", "oblast", "region", "state", "district", "department", "county",
     "prefecture", "municipality", "division", "raion", "rayon", "muhafazat", "wilaya", "vilayet"}
)  # fmt: skip
# Suffixes that name a first-level division where a country has one of the name at each level
# ("Balkh province" is the province, not Balkh district).
FIRST_LEVEL_SUFFIXES = frozenset(
    {"province", "governorate", "oblast", "region", "state", "wilaya", "vilayet"}
)
CONNECTORS = frozenset(
    {"of", "de", "del", "la", "le", "les", "al", "el", "ez", "ad", "ar", "as", "ash", "at", "az", "an", "ed",
     "es", "et", "and", "da", "do", "dos", "das", "di", "du", "des", "los", "las", "y", "e", "on", "upon",
     "am", "im", "bin", "ibn", "bani", "beni", "bou", "ben", "abu", "ul", "i"}
)  # fmt: skip
# Apostrophes inside names ("Dar'a", "Ma'arrat") but not a possessive ("Beirut's Hamra district").
TOKEN = re.compile(r"[^\W\d_]+(?:['’](?![sS]\b)[^\W\d_]+)*")
GAP = re.compile(r"(?:[ \t]|[ \t]?[-‐–&][ \t]?|\.[ \t]|[’'])")


def is_acronym(word: str) -> bool:
    return len(word) <= 5 and sum(c.isupper() for c in word) >= 2


def can_start(tokens: list[tuple[int, int, str]], i: int, text: str) -> bool:
    word = tokens[i][2]
    if word[0].isupper():
        return True
    # "al-Qamishli": a lower-case article hyphenated to a capitalised word.
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    return bool(
        nxt and word in CONNECTORS and nxt[2][0].isupper() and text[tokens[i][1] : nxt[0]] in ("-", "‐")
    )


def well_formed(text: str, tokens: list[tuple[int, int, str]], i: int, j: int) -> bool:
    if not tokens[j][2][0].isupper():
        return False
    for k in range(i, j):
        if not GAP.fullmatch(text[tokens[k][1] : tokens[k + 1][0]]):
            return False
        if k > i and not tokens[k][2][0].isupper() and tokens[k][2].lower() not in CONNECTORS:
            return False
    return True
