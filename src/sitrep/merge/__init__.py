"""Mentions from many documents become events: clustering, field rules, contradictions, notes.

``Merger`` takes mentions (and the documents they come from) in any order and gives the same
events as the batch ``merge``; see ``docs/merge.md`` for the rules.
"""

from sitrep.merge.merger import Merger, event_from, merge
from sitrep.merge.notes import notes_for
from sitrep.merge.reconcile import CONTRADICTION_FIELDS, contradictions

__all__ = ["CONTRADICTION_FIELDS", "Merger", "contradictions", "event_from", "merge", "notes_for"]
