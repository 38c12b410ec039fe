"""spaCy EntityRuler patterns for the actor lexicon.

Every spelling the lexicon indexes becomes a token pattern, label ``ACTOR``, whose ``id`` the
lexicon resolves (``ActorLexicon.resolve_id``). Demonyms become state-force patterns ("Syrian
regime forces", "military forces of Armenia"). ``ActorLexicon.patterns`` is the entry point.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sitrep.actors.names import ACRONYM, ETHNIC_HEADS, clean_name

UNIT_WORDS = ("brigade", "division", "battalion", "regiment", "corps")
BRANCHES = ("military", "police", "government")


@dataclass(frozen=True)
class PatternTables:
    """The lexicon tables patterns are made from, all keyed by lower-case normal form."""

    spellings: Mapping[str, set[str]]  # pattern id ("alias:...", "dem:...") -> original spellings
    suffixes: frozenset[str]  # words that may follow an alias ("militants")
    modifiers: frozenset[str]  # words between a demonym and a force word ("regime")
    heads: Mapping[str, str]  # force words -> branch
    demonyms: Mapping[str, list[str]]  # demonym -> iso3 codes
    iso_of: Mapping[str, str]  # country name -> iso3


def actor_patterns(tables: PatternTables, nlp: Any = None) -> list[dict[str, Any]]:
    """EntityRuler token patterns, label ``ACTOR``, ``id`` resolvable by ``ActorLexicon.resolve_id``.

    ``nlp`` supplies the tokenizer (a blank English one by default) so that multi-token aliases
    ("al-Shabab", "US-led coalition") are split exactly as the pipeline splits them.
    """
    if nlp is None:
        import spacy  # only to split aliases as the pipeline would; the lexicon itself needs no spaCy

        nlp = spacy.blank("en")
    tokenizer = nlp.tokenizer
    tails: dict[str, list[dict[str, Any]]] = {
        "alias": [{"LOWER": {"IN": sorted(tables.suffixes)}, "OP": "*"}],
        "ethnic": [
            {"LOWER": {"IN": ["ethnic", "communal", "clan", "tribal", "armed"]}, "OP": "?"},
            {"LOWER": {"IN": sorted(ETHNIC_HEADS)}},
        ],
        "word": [],
    }
    out: list[dict[str, Any]] = []
    for ent_id, spellings in sorted(tables.spellings.items()):
        kind = ent_id.split(":", 1)[0]
        for text in sorted(spellings):
            exact = bool(ACRONYM.fullmatch(clean_name(text)))
            if kind == "dem":
                out.extend(_state_patterns(tables, tokenizer, text, ent_id[4:], exact))
            else:
                out.append(_pattern(_token_specs(tokenizer, text, exact) + tails[kind], ent_id))
    unit: list[dict[str, Any]] = [
        {"TEXT": {"REGEX": r"^\d+(st|nd|rd|th)$"}},
        {"IS_ALPHA": True, "OP": "{0,2}"},
    ]
    out.append(_pattern([*unit, {"LOWER": {"IN": list(UNIT_WORDS)}}], "word:unit"))
    return out


def _state_patterns(
    tables: PatternTables, tokenizer: Any, text: str, key: str, exact: bool
) -> list[dict[str, Any]]:
    # Demonym, any modifiers, a head noun: "Syrian regime forces", "U.S.-backed Iraqi security forces".
    mods = {t for m in tables.modifiers for t in m.split()} | {
        t for h in tables.heads for t in h.split()[:-1]
    }
    mod = {"LOWER": {"IN": sorted(mods | {"-"})}, "OP": "*"}
    toks = _token_specs(tokenizer, text, exact)
    out = []
    for branch in BRANCHES:
        head = {"LOWER": {"IN": sorted({h.split()[-1] for h, b in tables.heads.items() if b == branch})}}
        ent_id = f"state:{tables.demonyms[key][0]}:{branch}"
        out.append(_pattern([*toks, mod, head], ent_id))
        if key in tables.iso_of:  # "military forces of Armenia"
            of = [{"LOWER": "of"}, {"LOWER": "the", "OP": "?"}]
            out.append(_pattern([mod, head, *of, *toks], ent_id))
    return out


def _pattern(tokens: list[dict[str, Any]], ent_id: str) -> dict[str, Any]:
    return {"label": "ACTOR", "pattern": tokens, "id": ent_id}


def _token_specs(tokenizer: Any, text: str, exact: bool = False) -> list[dict[str, Any]]:
    return [{"ORTH": t.text} if exact else {"LOWER": t.text.lower()} for t in tokenizer(text)]
