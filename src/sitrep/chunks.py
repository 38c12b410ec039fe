"""Long texts in parts: a text too long for one parse is coded part by part, each part ending at
a paragraph or sentence boundary, and the parts' mentions are put back on the whole text's
offsets, so every claim still quotes the document as given.

A news report is a few thousand characters; a text of hundreds of thousands is a dump of many
reports or a book, and a part of it is as much a report as the whole. Each part's main event and
side incidents become the document's mentions; parts of one document never merge with each other.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from sitrep.records import Actor, Claim, Mention

# One parse and the coder's per-document work stay small and bounded below this length.
PART_CHARS = 100_000
# Above this a text is refused, named with its length: split it into separate documents.
MAX_TEXT_CHARS = 2_000_000

_SENTENCE_END = re.compile(r"[.!?][\"'”’)]?\s")


def parts(text: str, size: int = PART_CHARS) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of consecutive parts of ``text`` covering it, each at most ``size``
    characters, ending after a line break, else after a sentence end, else at a space."""
    start = 0
    while len(text) - start > size:
        end = _cut(text, start, start + size)
        yield start, end
        start = end
    if start < len(text):
        yield start, len(text)


def _cut(text: str, start: int, limit: int) -> int:
    window = text[start:limit]
    line = window.rfind("\n")
    if line > len(window) // 2:
        return start + line + 1
    ends = [m.end() for m in _SENTENCE_END.finditer(window, len(window) // 2)]
    if ends:
        return start + ends[-1]
    space = window.rfind(" ")
    return start + space + 1 if space > 0 else limit


def shifted(mention: Mention, offset: int) -> Mention:
    """A part's mention on the whole text's offsets."""
    if not offset:
        return mention
    return replace(
        mention,
        trigger_span=_shift(mention.trigger_span, offset),
        actor1=_shift_actor(mention.actor1, offset),
        actor2=_shift_actor(mention.actor2, offset),
        claims=tuple(_shift_claim(c, offset) for c in mention.claims),
    )


def _shift(span: tuple[int, int], offset: int) -> tuple[int, int]:
    return (span[0] + offset, span[1] + offset)


def _shift_claim(claim: Claim, offset: int) -> Claim:
    return replace(claim, span=_shift(claim.span, offset))


def _shift_actor(actor: Actor | None, offset: int) -> Actor | None:
    if actor is None or actor.start < 0:
        return actor
    return replace(actor, start=actor.start + offset, end=actor.end + offset)
