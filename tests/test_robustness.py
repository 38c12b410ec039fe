"""Any text gives valid records or a named failure; a batch survives bad documents."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitrep import clean
from sitrep.pipeline import Coded, extract_mentions
from sitrep.records import Document, Failure

WORDS = st.sampled_from(
    ["gunmen", "killed", "12", "protesters", "in", "Kabul", "on", "Sunday", "said", "police", "the", "\n",
     "air strike", "no", "civilians", "were", "“", "—", "(AP)", "BEIRUT,", "\u200b", "3 May 2020", "."]
)  # fmt: skip


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(WORDS, min_size=1, max_size=60), st.text(max_size=40))
def test_any_text_gives_valid_mentions_with_exact_quotes(resources, words, noise):
    text = " ".join(words) + noise
    out = list(extract_mentions([Document(id="h", text=text, published="2021-01-05")], resources))
    for item in out:
        assert isinstance(item, Coded | Failure)
        for mention in item.mentions if isinstance(item, Coded) else ():
            for claim in mention.claims:
                assert text[claim.span[0] : claim.span[1]] == claim.quote


def test_failures_pass_through_and_the_batch_goes_on(resources):
    items = [
        Failure("bad.bin", "binary file", "ingest"),
        Document(id="ok", text="Gunmen killed five villagers in Zurmi on 3 May 2021."),
    ]
    out = list(extract_mentions(items, resources))
    assert [type(o).__name__ for o in out] == ["Failure", "Coded"]
    assert out[1].mentions[0].sub_event_type == "Attack"


def test_a_bug_in_cleaning_names_its_document_and_keeps_the_order(resources, monkeypatch):
    segment = clean.segment

    def broken(doc):
        if doc.id == "b":
            raise RuntimeError("boom")
        return segment(doc)

    monkeypatch.setattr(clean, "segment", broken)
    items = [Document(id=i, text=f"Gunmen killed five villagers in Zurmi on {d} May 2021.") for i, d in
             (("a", 3), ("b", 4), ("c", 5))]  # fmt: skip
    out = list(extract_mentions(items, resources))
    assert [o.document.id if isinstance(o, Coded) else o.document for o in out] == ["a", "b", "c"]
    assert isinstance(out[1], Failure) and "boom" in out[1].reason and out[1].stage == "clean"
    assert all(isinstance(o, Coded) and o.mentions for o in (out[0], out[2]))
