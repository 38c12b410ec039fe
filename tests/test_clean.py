"""Tests for the clean stage: paragraph offsets and telling the story from the page around it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.clean import (
    BODY,
    HEADLINE,
    JUNK_KINDS,
    classify,
    paragraph_spans,
    segment,
    story_segments,
    story_text_spans,
)
from sitrep.records import Document, Segment

STORY = (
    "Gunmen kill three farmers near Kidal, officials say\n\n"
    "KIDAL, Mali (AP) — Unidentified gunmen on motorbikes shot dead three farmers near the northern "
    "town of Kidal on Tuesday, local officials said.\n\n"
    "The farmers were working in a millet field east of Kidal when the attackers arrived, a municipal "
    "councillor said by telephone.\n\n"
    "No group has claimed the attack.\n\n"
    "The army said it had sent a patrol to the area and that the gunmen fled towards the Algerian border.\n"
)


def _doc(text: str, title: str | None = None) -> Document:
    return Document(id="d1", text=text, title=title)


def _kinds(text: str, title: str | None = None) -> dict[str, str]:
    return {s.text: s.kind for s in segment(_doc(text, title))}


def _assert_exact(text: str, segments: list[Segment]) -> None:
    last = 0
    for seg in segments:
        assert text[seg.start : seg.end] == seg.text
        assert seg.start >= last and seg.end > seg.start
        assert seg.text == seg.text.strip()
        last = seg.end


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_offsets_are_exact_ordered_and_disjoint_for_any_text(text: str) -> None:
    _assert_exact(text, segment(_doc(text)))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Advertisement",
                "By Ann Lee",
                "Related:",
                "Photo: AFP",
                "  \t",
                "",
                "He died.",
                "x y z",
                "Troops fired on the crowd in the square, witnesses said.",
                "Read more: Storm hits coast",
                "\r",
                "\u2028",
                "lower case wrap",
                "Share this article",
            ]
        ),
        max_size=25,
    ),
    st.sampled_from(["\n", "\n\n", "\r\n", " \n \n"]),
)
def test_offsets_are_exact_for_page_like_texts(lines: list[str], sep: str) -> None:
    text = sep.join(lines)
    _assert_exact(text, segment(_doc(text)))


def test_trimming_moves_offsets_instead_of_changing_text() -> None:
    text = "  \n\t Headline here \r\n\r\n   Body sentence one.  \n"
    segs = segment(_doc(text))
    assert [s.text for s in segs] == ["Headline here", "Body sentence one."]
    _assert_exact(text, segs)


def test_story_headline_and_body_are_kept() -> None:
    kinds = _kinds(STORY)
    assert kinds["Gunmen kill three farmers near Kidal, officials say"] == HEADLINE
    assert all(kind == BODY for text, kind in kinds.items() if not text.startswith("Gunmen"))


def test_dateline_stays_in_the_body_paragraph() -> None:
    segs = segment(_doc(STORY))
    first_body = next(s for s in segs if s.kind == BODY)
    assert first_body.text.startswith("KIDAL, Mali (AP) —")


def test_one_sentence_body_paragraph_is_kept() -> None:
    assert _kinds(STORY)["No group has claimed the attack."] == BODY


def test_trailing_unrelated_headlines_are_related() -> None:
    text = (
        STORY
        + "\nPop star announces surprise world tour with new album"
        + "\nChampions League: late goal sends holders through\n"
    )
    kinds = _kinds(text)
    assert kinds["Pop star announces surprise world tour with new album"] == "related"
    assert kinds["Champions League: late goal sends holders through"] == "related"
    assert kinds["No group has claimed the attack."] == BODY


def test_several_headlines_at_the_top_sharing_story_words_are_kept() -> None:
    text = "Mali: farmers shot dead near Kidal\n\n" + STORY
    kinds = _kinds(text)
    assert kinds["Mali: farmers shot dead near Kidal"] == HEADLINE
    assert kinds["Gunmen kill three farmers near Kidal, officials say"] == HEADLINE


def test_captions_bylines_and_ads_are_dropped() -> None:
    text = (
        "Gunmen kill three farmers near Kidal, officials say\n\n"
        "By Amadou Traore and Claire Dubois\n\n"
        "Photo: A soldier stands guard in Kidal. (AFP Photo)\n\n"
        "Soldiers patrol a market in Kidal on Wednesday. (AP Photo/Jane Roe)\n\n"
        "In this file photo, residents gather outside a mosque in Kidal.\n\n"
        "KIDAL, Mali (AP) — Unidentified gunmen shot dead three farmers near Kidal on Tuesday, "
        "officials said.\n\n"
        "Advertisement\n\n"
        "The farmers were working in a field east of the town when the attackers arrived.\n\n"
        "Share this article\n\n"
        "Follow us on Twitter\n\n"
        "Reporting by Amadou Traore; Editing by Sam Holmes\n\n"
        "© 2020 Example Media. All rights reserved.\n"
    )
    kinds = _kinds(text)
    assert kinds["By Amadou Traore and Claire Dubois"] == "byline"
    assert kinds["Photo: A soldier stands guard in Kidal. (AFP Photo)"] == "caption"
    assert kinds["Soldiers patrol a market in Kidal on Wednesday. (AP Photo/Jane Roe)"] == "caption"
    assert kinds["In this file photo, residents gather outside a mosque in Kidal."] == "caption"
    assert kinds["Advertisement"] == "boilerplate"
    assert kinds["Share this article"] == "boilerplate"
    assert kinds["Follow us on Twitter"] == "boilerplate"
    assert kinds["Reporting by Amadou Traore; Editing by Sam Holmes"] == "byline"
    assert kinds["© 2020 Example Media. All rights reserved."] == "boilerplate"
    story = [k for t, k in kinds.items() if k == BODY]
    assert len(story) == 2


def test_related_block_in_the_middle_is_dropped_and_story_resumes() -> None:
    text = (
        "Protesters clash with police in Santiago over fare rise\n\n"
        "Thousands of students marched through central Santiago on Friday against a rise in metro fares, "
        "and police fired tear gas when some of them threw stones.\n\n"
        "Related:\n"
        "Chile's president calls for calm after week of unrest\n"
        "Metro stations closed as protests spread to other cities\n\n"
        "Police said 40 people had been detained and that two officers were hurt in the clashes.\n"
    )
    kinds = _kinds(text)
    assert kinds["Related:"] == "related"
    assert kinds["Chile's president calls for calm after week of unrest"] == "related"
    assert kinds["Metro stations closed as protests spread to other cities"] == "related"
    assert (
        kinds["Police said 40 people had been detained and that two officers were hurt in the clashes."]
        == BODY
    )


def test_inline_read_more_link_is_related() -> None:
    text = STORY.replace("No group", "Read more: Drought threatens harvests across the Sahel\n\nNo group")
    kinds = _kinds(text)
    assert kinds["Read more: Drought threatens harvests across the Sahel"] == "related"
    assert kinds["No group has claimed the attack."] == BODY


def test_prose_starting_with_a_marker_word_stays_body() -> None:
    text = STORY + "\nBy Wednesday evening, the army said, more soldiers had reached the area around Kidal.\n"
    kinds = _kinds(text)
    assert (
        kinds["By Wednesday evening, the army said, more soldiers had reached the area around Kidal."] == BODY
    )


def test_single_paragraph_document_is_body() -> None:
    text = "On 3 May 2020, gunmen seized a shopkeeper at Mansila (Yagha)."
    assert [s.kind for s in segment(_doc(text))] == [BODY]


def test_hard_wrapped_lines_join_into_one_paragraph() -> None:
    text = "Police fired tear gas at protesters in\nthe capital on Monday, witnesses said.\n\nA second one."
    assert [text[a:b] for a, b in paragraph_spans(text)] == [
        "Police fired tear gas at protesters in\nthe capital on Monday, witnesses said.",
        "A second one.",
    ]


def test_windows_line_endings_split_paragraphs() -> None:
    text = STORY.replace("\n", "\r\n")
    segs = segment(_doc(text))
    _assert_exact(text, segs)
    assert len(segs) == 5


def test_document_title_marks_its_line_as_headline() -> None:
    text = "Kidal attack\n\n" + STORY.split("\n\n", 1)[1]
    kinds = _kinds(text, title="Kidal attack")
    assert kinds["Kidal attack"] == HEADLINE


def test_navigation_and_timestamp_lines_are_boilerplate() -> None:
    text = "Home | World | Africa\n\nUpdated: 12 February 2020 10:32 GMT\n\n" + STORY
    kinds = _kinds(text)
    assert kinds["Home | World | Africa"] == "boilerplate"
    assert kinds["Updated: 12 February 2020 10:32 GMT"] == "boilerplate"


def test_off_topic_headline_inside_the_story_is_related_but_short_subhead_stays() -> None:
    texts = [
        "Troops clash with rebels near Goma",
        "Government troops fought M23 rebels outside Goma on Sunday, the army said, and at least five "
        "fighters were killed in the clashes.",
        "Famous chef opens seaside restaurant in Lisbon",
        "Heavy fighting",
        "The rebels withdrew towards the hills north of Goma after hours of fighting, residents said.",
    ]
    kinds = classify(texts)
    assert kinds[2] == "related"
    assert kinds[3] == BODY


def test_story_helpers_return_headline_and_body_only() -> None:
    text = STORY + "\nAdvertisement\n"
    segs = segment(_doc(text))
    assert all(s.kind not in JUNK_KINDS for s in story_segments(segs))
    spans = story_text_spans(segs)
    assert len(spans) == 5
    assert len(story_text_spans(segs, headlines=False)) == 4
    assert all(text[a:b].strip() == text[a:b] for a, b in spans)


def test_by_followed_by_a_day_is_not_a_byline() -> None:
    text = STORY + "\nBy Saturday, the toll had risen to five.\n"
    assert _kinds(text)["By Saturday, the toll had risen to five."] == BODY


def test_lone_paragraph_with_bracketed_note_is_body() -> None:
    text = "On 2 June 2021, traders protested in Kano over market fees. [size=dozens]"
    assert [s.kind for s in segment(_doc(text))] == [BODY]


def test_link_list_under_a_header_and_agency_credit_at_the_end_are_junk() -> None:
    text = (
        STORY
        + "\nReuters contributed to this report.\n\nYou may also like\n"
        + "• Floods cut roads in eastern Chad\n• Football club appoints new coach\n"
    )
    kinds = _kinds(text)
    assert kinds["Reuters contributed to this report."] == "byline"
    assert kinds["You may also like"] == "related"
    assert kinds["• Floods cut roads in eastern Chad"] == "related"
    assert kinds["• Football club appoints new coach"] == "related"
