"""The one exception hierarchy of sitrep.

The library raises and logs; only the CLI turns these into messages and exit codes.
"""

from __future__ import annotations


class SitrepError(Exception):
    """Base of every error sitrep raises on purpose."""


class DocumentError(SitrepError):
    """A document could not be read or processed; names the document and the reason."""

    def __init__(self, document: str, reason: str) -> None:
        super().__init__(f"{document}: {reason}")
        self.document = document
        self.reason = reason


class ResourceError(SitrepError):
    """A packaged resource (model, lexicon, gazetteer) is missing or broken."""


class UsageError(SitrepError):
    """The caller asked for something that cannot be done (bad option, bad format)."""
