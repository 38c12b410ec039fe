"""Character spans looked up in logarithmic time: which sentence holds an offset, whether a span
overlaps any of a set (names, actors, tolls). A long text has thousands of each, and asking each
against all others would make the work grow with the square of the text's length."""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterable
from itertools import accumulate

Span = tuple[int, int]


class SpanIndex:
    """A fixed set of spans, sorted by start."""

    def __init__(self, spans: Iterable[Span]) -> None:
        given = list(spans)
        # Where each span (in start order) stood among the spans given: callers index their items.
        self.order = sorted(range(len(given)), key=given.__getitem__)
        self.spans = [given[i] for i in self.order]
        self._starts = [a for a, _ in self.spans]
        # The furthest end among the spans up to each one: overlaps need no scan back.
        self._reach = list(accumulate((b for _, b in self.spans), max))

    def __len__(self) -> int:
        return len(self.spans)

    def holding(self, offset: int) -> int | None:
        """The index (in start order) of the last span that holds ``offset``, if any."""
        k = bisect_right(self._starts, offset) - 1
        while k >= 0 and self._reach[k] > offset:
            if self.spans[k][1] > offset:
                return k
            k -= 1
        return None

    def overlaps(self, start: int, end: int) -> bool:
        """Whether any span overlaps ``[start, end)``."""
        k = bisect_left(self._starts, end) - 1
        return k >= 0 and self._reach[k] > start

    def overlapping(self, start: int, end: int) -> list[int]:
        """The positions, as given, of the spans that overlap ``[start, end)``, in that order."""
        found = []
        k = bisect_left(self._starts, end) - 1
        while k >= 0 and self._reach[k] > start:
            if self.spans[k][1] > start:
                found.append(self.order[k])
            k -= 1
        return sorted(found)

    def starting_in(self, start: int, end: int) -> list[int]:
        """The positions, as given, of the spans that start in ``[start, end)``, in that order."""
        return sorted(self.order[bisect_left(self._starts, start) : bisect_left(self._starts, end)])


class GrowingSpans:
    """Non-overlapping spans kept as they are added (the first claim to a stretch of text wins)."""

    def __init__(self) -> None:
        self._spans: list[Span] = []

    def free(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` overlaps no span added so far."""
        k = bisect_left(self._spans, (end, end))
        return not (k > 0 and self._spans[k - 1][1] > start)

    def add(self, start: int, end: int) -> None:
        insort(self._spans, (start, end))
