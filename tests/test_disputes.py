"""Per-source versions of the disputed fields of one page."""

from __future__ import annotations

from sitrep.extractors.disputes import one_version_per_source, status_of, unit_free
from sitrep.records import Claim


def _claim(field: str, value: str, source: str, at: int) -> Claim:
    return Claim(field, value, "d", source, (at, at + 1), "x", "test", 0.5)


def test_a_source_keeps_its_first_version_of_a_disputed_field():
    claims = [
        _claim("perpetrator", "Army", "Police", 0),
        _claim("perpetrator", "Rebels", "Police", 5),
        _claim("perpetrator", "Rebels", "Residents", 9),
    ]
    kept = one_version_per_source(claims)
    assert [(c.value, c.source) for c in kept] == [("Army", "Police"), ("Rebels", "Residents")]


def test_undisputed_fields_keep_every_claim():
    claims = [_claim("actor1", "Army", "Police", 0), _claim("actor1", "Rebels", "Police", 5)]
    assert one_version_per_source(claims) == claims


def test_a_branch_blames_the_same_forces_as_the_army():
    assert unit_free("Military Forces of Myanmar (2021-) Air Force") == "Military Forces of Myanmar (2021-)"
    assert unit_free("Al Shabaab") == "Al Shabaab"


def test_what_the_dead_were_said_to_be():
    assert status_of("members of al-Qaeda") == "militia member"
    assert status_of("coca farmers") == "civilian"
    assert status_of("soldiers") == "soldier"
    assert status_of("fired") is None
