"""Documents screened before they are coded, whichever way they came in (files, feeds, the API).

- Text that cannot be encoded (a lone surrogate, as a JSON ``"\\ud800"`` escape gives) has those
  characters replaced by U+FFFD, one for one, so offsets stay exact; ids and metadata likewise.
- A document in a language the coder cannot read is named with the reason, not silently coded
  as nothing: the ``language`` field when given, else a cheap detection.
- An id seen before in the run: the same text again is skipped with a warning; another text under
  the same id is a ``Failure`` naming both, since its claims would point into the wrong text.
"""

from __future__ import annotations

import logging
import re
from dataclasses import fields, replace

from sitrep.ingest.language import detect, is_english
from sitrep.records import Document, Failure, content_hash

log = logging.getLogger(__name__)

STAGE = "screen"
_SURROGATE = re.compile("[\ud800-\udfff]")


class Screen:
    """Screens the documents of one run (it remembers the ids it has seen)."""

    def __init__(self) -> None:
        self._seen: dict[str, tuple[str, str]] = {}  # id -> (text digest, where it came from)

    def check(self, doc: Document) -> Document | Failure | None:
        """The document fit to code, a ``Failure`` naming it, or None for an exact repeat."""
        doc = encodable(doc)
        digest = content_hash(doc.text)
        where = doc.path or doc.id
        if doc.id in self._seen:
            first_digest, first_where = self._seen[doc.id]
            if first_digest == digest:
                log.warning("%s: the same document again (first read from %s); skipped", doc.id, first_where)
                return None
            reason = f"duplicate id: a different text has this id too (first from {first_where})"
            return Failure(doc.id, reason, STAGE)
        self._seen[doc.id] = (digest, where)
        return _readable(doc)


def fit(doc: Document) -> Document | Failure:
    """One document screened on its own: encodable, in a language the coder reads."""
    return _readable(encodable(doc))


def encodable(doc: Document) -> Document:
    """The document with characters that cannot be encoded (lone surrogates) replaced one for one."""
    changes = {
        f.name: _SURROGATE.sub("\ufffd", value)
        for f in fields(doc)
        if isinstance(value := getattr(doc, f.name), str) and _SURROGATE.search(value)
    }
    if not changes:
        return doc
    name = changes.get("id", doc.id)
    log.warning("%s: replaced characters that cannot be encoded in %s", name, ", ".join(changes))
    return replace(doc, **changes)


def _readable(doc: Document) -> Document | Failure:
    if doc.language and not is_english(doc.language):
        reason = f"language {doc.language!r} is not supported: sitrep codes English text"
        return Failure(doc.id, reason, STAGE)
    if doc.language:
        return doc
    found = detect(doc.text)
    if found != "en":
        return Failure(doc.id, f"the text looks {found!r}, not English: sitrep codes English text", STAGE)
    return doc
