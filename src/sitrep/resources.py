"""The read-only resources every document uses, loaded once and passed in.

Nothing heavy is imported here until :func:`load_resources` runs, so ``import sitrep`` stays fast.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from sitrep.datafiles import cached_json
from sitrep.records import content_hash

if TYPE_CHECKING:
    from spacy.language import Language

    from sitrep.actors.lexicon import ActorLexicon
    from sitrep.actors.ruler import ActorTable
    from sitrep.extractors.casualty_patterns import CasualtyPatterns
    from sitrep.extractors.events import TriggerLexicon
    from sitrep.extractors.sources import SourceLexicon
    from sitrep.places.gazetteer import Gazetteer

log = logging.getLogger(__name__)

# Bump when the actor table's content or layout changes without a new package version.
ACTOR_TABLE_FORMAT = "1"


@dataclass(frozen=True)
class Resources:
    """The spaCy model (with the actor lexicon's entities), the trigger, actor and source
    lexicons, the gazetteer and the casualty extractor's patterns (compiled as texts need them)."""

    nlp: Language
    triggers: TriggerLexicon
    actors: ActorLexicon
    sources: SourceLexicon
    gazetteer: Gazetteer
    casualties: CasualtyPatterns


def load_resources(*, gazetteer_path: Path | None = None, actor_path: Path | None = None) -> Resources:
    """Load everything once (about a second; the gazetteer index and the actor table are built
    on first use)."""
    from sitrep.actors.lexicon import load_actor_lexicon
    from sitrep.actors.ruler import add_actor_ruler
    from sitrep.extractors.casualty_patterns import CasualtyPatterns
    from sitrep.extractors.events import load_trigger_lexicon
    from sitrep.extractors.sources import load_source_lexicon
    from sitrep.nlp import load_nlp
    from sitrep.places.gazetteer import Gazetteer

    actors = load_actor_lexicon(actor_path)
    nlp = load_nlp()
    add_actor_ruler(nlp, actor_table(nlp, actors))
    return Resources(
        nlp=nlp,
        triggers=load_trigger_lexicon(),
        actors=actors,
        sources=load_source_lexicon(),
        gazetteer=Gazetteer.load(gazetteer_path),
        casualties=CasualtyPatterns(),
    )


def actor_table(nlp: Language, actors: ActorLexicon) -> ActorTable:
    """The actor lexicon's patterns as ``nlp``'s actor ruler matches them: built once per
    machine (a few seconds), keyed by the package, spaCy and model versions and the lexicon's
    content, and read from the cache after that."""
    import spacy

    from sitrep.actors.ruler import ActorTable, build_table

    model = f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}-{nlp.meta.get('version')}"
    key = content_hash(
        metadata.version("sitrep"),
        spacy.__version__,
        model,
        ACTOR_TABLE_FORMAT,
        json.dumps(actors.data, sort_keys=True),
    )
    return cached_json(
        "actor-table", key, lambda: build_table(nlp, actors.patterns()).to_json(), ActorTable.from_json
    )
