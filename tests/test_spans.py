"""Span lookups that keep long texts linear."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sitrep.spans import GrowingSpans, SpanIndex

SPANS = st.lists(st.tuples(st.integers(0, 200), st.integers(1, 30)).map(lambda t: (t[0], t[0] + t[1])), max_size=30)


@given(SPANS, st.integers(0, 240), st.integers(1, 20))
def test_overlaps_agrees_with_asking_every_span(spans, start, length):
    end = start + length
    assert SpanIndex(spans).overlaps(start, end) == any(a < end and start < b for a, b in spans)


@given(SPANS, st.integers(0, 240))
def test_holding_finds_a_span_that_holds_the_offset(spans, offset):
    index = SpanIndex(spans)
    k = index.holding(offset)
    holders = [s for s in spans if s[0] <= offset < s[1]]
    assert (k is None) == (not holders)
    if k is not None:
        assert index.spans[k][0] <= offset < index.spans[k][1]


def test_sentences_are_found_by_offset():
    index = SpanIndex([(0, 10), (10, 25), (25, 40)])
    assert [index.holding(x) for x in (0, 9, 10, 39, 40)] == [0, 0, 1, 2, None]


@given(SPANS)
def test_growing_spans_keep_the_first_claim_to_each_stretch(spans):
    kept: list[tuple[int, int]] = []
    grow = GrowingSpans()
    for a, b in spans:
        free = all(b <= x or a >= y for x, y in kept)
        assert grow.free(a, b) == free
        if free:
            kept.append((a, b))
            grow.add(a, b)


@given(SPANS, st.integers(0, 240), st.integers(1, 20))
def test_overlapping_lists_every_overlapping_span_in_the_order_given(spans, start, length):
    end = start + length
    expected = [i for i, (a, b) in enumerate(spans) if a < end and start < b]
    assert SpanIndex(spans).overlapping(start, end) == expected


@given(SPANS, st.integers(0, 240), st.integers(0, 40))
def test_starting_in_lists_the_spans_that_start_inside_in_the_order_given(spans, start, length):
    end = start + length
    expected = [i for i, (a, _) in enumerate(spans) if start <= a < end]
    assert SpanIndex(spans).starting_in(start, end) == expected

