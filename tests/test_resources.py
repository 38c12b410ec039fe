"""What is built once per machine (the actor table) is cached, rebuilt when the package or the
lexicon changes, and rebuilt, with a log line, when the cached file is unreadable."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
import spacy

from sitrep import resources
from sitrep.actors import ruler
from sitrep.actors.lexicon import ActorLexicon, load_actor_lexicon
from sitrep.datafiles import CACHE_ENV, cached_json, read_json

KEPT_GROUPS = ("Islamic State", "Boko Haram", "Taliban")
KEPT_COUNTRIES = ("NGA", "SYR", "AFG")


def _small_lexicon(folder: Path, *, groups: tuple[str, ...] = KEPT_GROUPS) -> ActorLexicon:
    """The packaged lexicon cut down to a few groups and countries: quick to build patterns for."""
    data = read_json("actors.json")
    data["groups"] = [g for g in data["groups"] if g["name"].startswith(groups)]
    data["countries"] = [c for c in data["countries"] if c["iso3"] in KEPT_COUNTRIES]
    path = folder / f"actors-{len(data['groups'])}.json"
    path.write_text(json.dumps(data), "utf-8")
    return load_actor_lexicon(path)


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(folder))
    return folder


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the times the actor table is built."""
    count: list[int] = []
    real = ruler.build_table

    def counting(*args, **kwargs):
        count.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(ruler, "build_table", counting)
    return count


def _tables(cache: Path) -> list[Path]:
    return sorted(cache.glob("actor-table-*.json"))


def test_the_actor_table_is_built_once_then_read(cache: Path, builds: list[int], tmp_path: Path) -> None:
    nlp, actors = spacy.blank("en"), _small_lexicon(tmp_path)
    first = resources.actor_table(nlp, actors)
    again = resources.actor_table(nlp, actors)
    assert again == first
    assert len(builds) == 1
    assert len(_tables(cache)) == 1


def test_a_new_package_version_builds_a_new_table(
    cache: Path, builds: list[int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    nlp, actors = spacy.blank("en"), _small_lexicon(tmp_path)
    resources.actor_table(nlp, actors)
    monkeypatch.setattr(resources.metadata, "version", lambda _name: "999.0.0")
    resources.actor_table(nlp, actors)
    assert len(builds) == 2
    assert len(_tables(cache)) == 2


def test_a_changed_lexicon_builds_a_new_table(cache: Path, builds: list[int], tmp_path: Path) -> None:
    nlp = spacy.blank("en")
    resources.actor_table(nlp, _small_lexicon(tmp_path))
    fewer = resources.actor_table(nlp, _small_lexicon(tmp_path, groups=("Taliban",)))
    assert len(builds) == 2
    assert len(_tables(cache)) == 2
    assert not any("boko" in lowers for lowers, _ in fewer.phrases)


@pytest.mark.parametrize("garbage", [b"", b"{not json", b"\xff\xfe\x00", b'{"phrases": 7}', b"[1, 2]"])
def test_a_corrupt_table_is_rebuilt_with_a_log_line(
    cache: Path, builds: list[int], tmp_path: Path, caplog: pytest.LogCaptureFixture, garbage: bytes
) -> None:
    nlp, actors = spacy.blank("en"), _small_lexicon(tmp_path)
    good = resources.actor_table(nlp, actors)
    (path,) = _tables(cache)
    path.write_bytes(garbage)
    with caplog.at_level(logging.WARNING, logger="sitrep"):
        again = resources.actor_table(nlp, actors)
    assert again == good
    assert len(builds) == 2
    assert any("rebuilding" in r.message and path.name in r.message for r in caplog.records)
    assert resources.actor_table(nlp, actors) == good  # the rebuilt file is read back
    assert len(builds) == 2


def test_a_cache_that_cannot_be_written_still_gives_the_value(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be", "utf-8")
    monkeypatch.setenv(CACHE_ENV, str(blocker))
    with caplog.at_level(logging.WARNING, logger="sitrep"):
        assert cached_json("numbers", "k1", lambda: [1, 2, 3], tuple) == (1, 2, 3)
    assert any("cannot write" in r.message for r in caplog.records)
