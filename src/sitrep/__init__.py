"""sitrep: news reports of political violence and unrest in, ACLED-style event records out.

``sitrep.extract(documents)`` is the Python API; every command line job calls the same engine.
Nothing is loaded at import: models and lexicons load when ``extract`` or ``load_resources``
is first called.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .pipeline import Resources
    from .records import Event


def extract(documents: Any, resources: Resources | None = None, *, strict: bool = True) -> list[Event]:
    """Code documents (``Document`` records, dicts with ``id``/``text``, or plain strings) into events."""
    from .pipeline import extract as _extract

    return _extract(documents, resources, strict=strict)


def load_resources(**kwargs: Any) -> Resources:
    """Load the model, lexicons and gazetteer once, to pass to many ``extract`` calls."""
    from .pipeline import load_resources as _load

    return _load(**kwargs)


__all__ = ["__version__", "extract", "load_resources"]
