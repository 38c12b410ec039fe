"""Syndicated copies of one wire story are one source family."""

from __future__ import annotations

import subprocess
import sys

from sitrep.merge import Merger
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


def test_a_first_document_is_signed_when_a_second_arrives():
    merger = Merger()
    merger.add_documents([document("a", "Market attack kills eleven\n" + STORY)])
    merger.add_documents([document("b", "Eleven traders killed at market\n" + STORY)])
    merger.add_documents([document("c", OTHER)])
    family = merger._syndication.family
    assert family("b") == family("a") == "a"
    assert family("c") == "c"


def test_one_document_is_merged_without_loading_datasketch():
    code = (
        "import sys\n"
        "from sitrep.merge import merge\n"
        "from sitrep.records import Document\n"
        f"merge([], [Document(id='a', text={STORY!r})])\n"
        "print('datasketch' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
