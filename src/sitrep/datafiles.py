"""Where data lives: the JSON resources that ship in ``sitrep/data`` (or a file the caller names),
and the cache of what is built once per machine."""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from .errors import ResourceError

CACHE_ENV = "SITREP_CACHE"

T = TypeVar("T")
log = logging.getLogger(__name__)


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


def cached_json(name: str, key: str, build: Callable[[], Any], parse: Callable[[Any], T]) -> T:
    """``parse`` of what ``build`` makes, built once per machine and ``key`` and read from
    ``<cache dir>/<name>-<key>.json`` after that.

    A file that cannot be read or parsed (``parse`` raises ValueError) is rebuilt, and the log
    says so; a cache that cannot be written is only logged.
    """
    path = cache_dir() / f"{name}-{key}.json"
    try:
        return parse(json.loads(path.read_text("utf-8")))
    except FileNotFoundError:
        log.info("building %s (once per machine)", path)
    except (OSError, ValueError) as exc:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        log.warning("rebuilding the unreadable cache file %s: %s", path, exc)
    data = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        partial.write_text(json.dumps(data), "utf-8")
        partial.replace(path)
    except OSError as exc:
        log.warning("cannot write the cache file %s: %s", path, exc)
    return parse(data)
