"""Accent folding: the one copy, for place names, actor names and their keys."""

from __future__ import annotations

import unicodedata


def strip_accents(text: str) -> str:
    """The text without diacritics, as ACLED writes names: "Balé" -> "Bale", "Qāmishlī" -> "Qamishli"."""
    if text.isascii():  # nothing to fold (most names): NFKD leaves ASCII as it is
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
