"""Where data lives: the JSON resources that ship in ``sitrep/data`` (or a file the caller names),
and the cache of what is built once per machine."""

from __future__ import annotations

import json
import os
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import ResourceError

CACHE_ENV = "SITREP_CACHE"


def cache_dir() -> Path:
    """Where what is built once per machine lives: ``$SITREP_CACHE``, default ``~/.cache/sitrep``."""
    return Path(os.environ.get(CACHE_ENV) or Path.home() / ".cache" / "sitrep").expanduser()


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
