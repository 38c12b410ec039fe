"""Reading the JSON resources that ship in ``sitrep/data`` (or a file the caller names)."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import ResourceError


def read_json(name: str, path: Path | str | None = None) -> Any:
    """The packaged ``data/<name>`` unless ``path`` names another file; ResourceError if unreadable."""
    try:
        if path is None:
            raw = resources.files("sitrep.data").joinpath(name).read_text("utf-8")
        else:
            raw = Path(path).read_text("utf-8")
        return json.loads(raw)
    except (OSError, ValueError) as exc:
        raise ResourceError(f"cannot read {path or name}: {exc}") from exc
