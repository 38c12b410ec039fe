"""The read-only resources every document uses, loaded once and passed in.

Nothing heavy is imported here until :func:`load_resources` runs, so ``import sitrep`` stays fast.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sitrep.datafiles import cache_dir
from sitrep.records import content_hash

if TYPE_CHECKING:
    from spacy.language import Language

    from sitrep.actors.lexicon import ActorLexicon
    from sitrep.extractors.casualty_patterns import CasualtyPatterns
    from sitrep.extractors.events import TriggerLexicon
    from sitrep.extractors.sources import SourceLexicon
    from sitrep.places.gazetteer import Gazetteer

log = logging.getLogger(__name__)

@dataclass(frozen=True)
class Resources:
    """The spaCy model (with the actor lexicon's entity patterns), the trigger, actor and source
    lexicons, the gazetteer and the casualty extractor's patterns (compiled as texts need them)."""

    nlp: Language
    triggers: TriggerLexicon
    actors: ActorLexicon
    sources: SourceLexicon
    gazetteer: Gazetteer
    casualties: CasualtyPatterns


def load_resources(*, gazetteer_path: Path | None = None, actor_path: Path | None = None) -> Resources:
    """Load everything once (a few seconds; the gazetteer index is built on first use)."""
    from sitrep.actors.lexicon import load_actor_lexicon
    from sitrep.extractors.casualty_patterns import CasualtyPatterns
    from sitrep.extractors.events import load_trigger_lexicon
    from sitrep.extractors.sources import load_source_lexicon
    from sitrep.nlp import load_nlp
    from sitrep.places.gazetteer import Gazetteer

    actors = load_actor_lexicon(actor_path)
    return Resources(
        nlp=load_nlp(actor_patterns(actors)),
        triggers=load_trigger_lexicon(),
        actors=actors,
        sources=load_source_lexicon(),
        gazetteer=Gazetteer.load(gazetteer_path),
        casualties=CasualtyPatterns(),
    )


def actor_patterns(actors: ActorLexicon) -> list[dict[str, Any]]:
    """The actor lexicon's entity patterns, built once per machine and lexicon (a couple of
    seconds) and read from the cache after that."""
    key = content_hash(metadata.version("sitrep"), json.dumps(actors.data, sort_keys=True))
    path = cache_dir() / f"actor-patterns-{key}.json"
    try:
        cached = json.loads(path.read_text("utf-8"))
        if isinstance(cached, list):
            return cached
    except (OSError, ValueError):
        pass
    patterns = actors.patterns()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        partial.write_text(json.dumps(patterns), "utf-8")
        partial.replace(path)
    except OSError as exc:
        log.debug("cannot cache the actor patterns at %s: %s", path, exc)
    return patterns
