"""Syndicated copies of one wire story are one source family."""

from __future__ import annotations

from sitrep.merge.dedupe import Syndication, doc_info, signature, similarity
from tests.merge_helpers import document

STORY = (
    "Gunmen on motorbikes attacked a cattle market outside the town on Tuesday afternoon, killing "
    "eleven traders and burning dozens of stalls, a local official told reporters by telephone. "
    "Residents said the attackers arrived from the forest to the east and left before soldiers came."
)
OTHER = (
    "Hundreds of teachers marched to the regional assembly on Monday to demand eight months of unpaid "
    "salaries, blocking the main road for several hours before police asked them to disperse peacefully."
)


def test_copies_with_a_new_headline_are_one_family():
    a = doc_info(document("a", "Market attack kills eleven\n" + STORY))
    b = doc_info(document("b", "Eleven traders killed at market\n" + STORY + " More to follow."))
    c = doc_info(document("c", OTHER))
    families = Syndication()
    families.add_all([a, b, c])
    assert families.family("b") == families.family("a") == "a"
    assert families.family("c") == "c"


def test_families_do_not_depend_on_arrival_order():
    infos = [doc_info(document(d, STORY + f" Filed by desk {d}.")) for d in "zyx"]
    forward, backward = Syndication(), Syndication()
    forward.add_all(infos)
    backward.add_all(infos[::-1])
    assert {forward.family(d) for d in "xyz"} == {backward.family(d) for d in "xyz"} == {"x"}


def test_short_texts_have_no_signature_and_match_nothing():
    assert signature("Two killed.") == ()
    assert similarity((), ()) == 0.0


def test_doc_info_keeps_no_text():
    info = doc_info(document("a", STORY, "2020-01-02", "Wire"))
    assert (info.id, info.published, info.outlet) == ("a", "2020-01-02", "Wire")
    assert not hasattr(info, "text")
