"""The read-only resources every document uses, loaded once and passed in.

Nothing heavy is imported here until :func:`load_resources` runs, so ``import sitrep`` stays fast.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

    from sitrep.actors.lexicon import ActorLexicon
    from sitrep.extractors.events import TriggerLexicon
    from sitrep.extractors.sources import SourceLexicon
    from sitrep.places.gazetteer import Gazetteer


@dataclass(frozen=True)
class Resources:
    """The spaCy model (with the actor lexicon's entity patterns), the trigger, actor and source
    lexicons and the gazetteer."""

    nlp: Language
    triggers: TriggerLexicon
    actors: ActorLexicon
    sources: SourceLexicon
    gazetteer: Gazetteer


def load_resources(*, gazetteer_path: Path | None = None, actor_path: Path | None = None) -> Resources:
    """Load everything once (a few seconds; the gazetteer index is built on first use)."""
    from sitrep.actors.lexicon import load_actor_lexicon
    from sitrep.extractors.events import load_trigger_lexicon
    from sitrep.extractors.sources import load_source_lexicon
    from sitrep.nlp import load_nlp
    from sitrep.places.gazetteer import Gazetteer

    actors = load_actor_lexicon(actor_path)
    return Resources(
        nlp=load_nlp(actors.patterns()),
        triggers=load_trigger_lexicon(),
        actors=actors,
        sources=load_source_lexicon(),
        gazetteer=Gazetteer.load(gazetteer_path),
    )
