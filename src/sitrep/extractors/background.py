"""Which sentences of a page tell of the main event, and which of other, earlier ones.

Pages mix the incident with its context: an attack last year, a conflict-wide toll, "a day after"
another clash, a separate incident elsewhere. Their triggers, tolls, actors and days must not be
read as the main event's. A sentence is background when every date it gives lies more than two
days before the event, when its wording tells of earlier or other violence, when all the years it
names lie before the event's, or when it goes on a paragraph a background sentence opened without
a day of its own.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from ..records import DateExpr, Trigger
from .events import SentenceScan

# "a day after ...", "killed in the conflict", "since the protests began", "in recent years".
_EARLIER = re.compile(
    r"\b(?:(?:a|one|two|three|four|five|six|\d+)\s+(?:days?|weeks?)\s+after|the\s+day\s+before"
    r"|(?:in|since|during|throughout)\s+the\s+(?:conflict|war|insurgency|crisis|uprising)"
    r"|since\s+the\s+\w+\s+(?:began|started)|in\s+recent\s+(?:years|months)|nationwide|in\s+this\s+way"
    r"|over\s+the\s+past\s+(?:decade|year|\w+\s+years))\b",
    re.IGNORECASE,
)
# "Separately, ...": another incident told on the same page.
_SEPARATE = re.compile(
    r"\W*(?:Separately|In\s+a\s+separate\s+\w+|In\s+another\s+(?:incident|attack)|Elsewhere)\b"
)
_YEAR = re.compile(r"\b(?:19[5-9]\d|20[0-4]\d)\b")


def foreground(
    scans: Sequence[SentenceScan],
    dates: Sequence[DateExpr],
    day: str | None,
    anchor: Trigger,
    text: str,
) -> list[SentenceScan]:
    """The sentences about the main event (``day``, told around ``anchor``), in order."""
    kept, previous_background, previous_end = [], False, -1
    lead = next((s for s in scans if len(s.sentence) > 6), None)
    for scan in scans:
        start, end = scan.bounds
        own = [d for d in dates if start <= d.start < end and d.kind != "dateline"]
        same_paragraph = previous_end >= 0 and "\n" not in text[previous_end:start]
        # the lead is never background by wording; the anchor's sentence only by strong wording
        loose = scan is not lead and (
            _told_elsewhere(text, start, end)
            or (
                not start <= anchor.start < end
                and (
                    _years_earlier(text, start, end, day, bool(own))
                    or (previous_background and same_paragraph and not own)
                )
            )
        )
        background = "background" in scan.cues or dated_earlier(own, day) or loose
        if not background:
            kept.append(scan)
        previous_background, previous_end = background, end
    return kept


def separate_runs(scans: Sequence[SentenceScan], text: str) -> list[tuple[SentenceScan, ...]]:
    """The other incidents a page tells on the side: each opens with "Separately", "Elsewhere" or
    "In another attack" and runs to the end of its paragraph."""
    runs: list[list[SentenceScan]] = []
    previous: SentenceScan | None = None
    for scan in scans:
        start, end = scan.bounds
        if _SEPARATE.match(text, start, end):
            runs.append([scan])
        elif runs and previous is runs[-1][-1] and "\n" not in text[previous.bounds[1] : start]:
            runs[-1].append(scan)
        previous = scan
    return [tuple(run) for run in runs]


def dated_earlier(own: Sequence[DateExpr], day: str | None) -> bool:
    """Every one of a sentence's dates lies more than two days before the event."""
    if day is None or not own:
        return False
    main = dt.date.fromisoformat(day)
    return all((main - dt.date.fromisoformat(d.value)).days > 2 for d in own)


def _told_elsewhere(text: str, start: int, end: int) -> bool:
    return bool(_EARLIER.search(text, start, end) or _SEPARATE.match(text, start, end))


def _years_earlier(text: str, start: int, end: int, day: str | None, dated: bool) -> bool:
    if dated or day is None:
        return False  # a sentence with a day of its own is judged by it
    years = [int(y) for y in _YEAR.findall(text, start, end)]
    return bool(years) and all(y < int(day[:4]) for y in years)
