"""Event dates in English news text and ACLED notes, resolved to a day with ACLED time precision.

Regex first, no parser calls: every pattern below is a module-level constant, and resolution is plain
``datetime`` arithmetic against the document's publication date (coding-rules.md §7). Offsets in the
returned records are absolute: ``document.text[d.start:d.end] == d.text``.

Kinds: ``explicit`` (12 February 2020), ``approx`` (Around 9 May 2020, As reported on ...),
``range`` (1-3 May), ``weekday`` (on Wednesday), ``relative`` (yesterday, two days ago), ``week``
(last week, the week of 3 May), ``month`` (in early March), ``dateline``; and two kinds a caller should
not take as the event day: ``future`` (a stated day well after publication) and ``deadline``.
"""

from __future__ import annotations

import calendar
import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from types import MappingProxyType

from sitrep.records import DateExpr

log = logging.getLogger(__name__)

_SKIP = "skip"  # internal kind: a date that is not an event day (birth dates, "since 12 May")

# A stated day this far past publication is still the event day (time zones, late copy).
SLACK_DAYS = 3
# "said in a statement on Monday", "told reporters on Sunday": the day of the telling.
REPORTING_BEFORE = re.compile(
    r"\b(?:said|says|told|statement|announced|reported|wrote|confirmed|stated|added)\b[^.]{0,25}$"
)


def is_report_day(text: str, found: DateExpr) -> bool:
    """Whether a date is when something was said or written, not when it happened."""
    return bool(REPORTING_BEFORE.search(text, max(0, found.start - 40), found.start))


_MONTH_NUMBERS = MappingProxyType({
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
})  # fmt: skip
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_SMALL_NUMBERS = MappingProxyType({
    "a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "couple of": 2, "few": 3,
})  # fmt: skip

_MON = (
    r"(?P<mon>(?i:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)(?![A-Za-z]))"
)
_DAY = r"(?<![\d.,:])(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:])"
_YEAR = r"(?P<year>(?:19|20)\d\d)(?![\d:])"
_WD = r"(?:(?P<wd>(?i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)),?\s+(?:the\s+)?)?"

# Explicit days. Each pattern names day/mon/year groups; year is optional in the last two.
_DMY = re.compile(_WD + _DAY + r"(?:\s+of)?\s+" + _MON + r",?\s+" + _YEAR)
_MDY = re.compile(_WD + _MON + r"\s+" + _DAY + r",?\s+" + _YEAR)
_DM = re.compile(_WD + _DAY + r"(?:\s+of)?\s+" + _MON)
_MD = re.compile(_WD + _MON + r"\s+(?:the\s+)?" + _DAY)
_ISO = re.compile(r"(?<![\d-])(?P<year>(?:19|20)\d\d)-(?P<mon>[01]\d)-(?P<day>[0-3]\d)(?![\d-])")
_NUMERIC = re.compile(
    r"(?<![\d./-])(?P<a>[0-3]?\d)([./])(?P<b>[01]?\d)\2(?P<year>(?:19|20)\d\d)(?![\d/-]|\.\d)"
)
_ON_THE_NTH = re.compile(
    r"(?i:\bon\s+)(?P<x>the\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th))\b"
    r"(?!\s+(?!of\b|when\b|and\b|at\b|in\b|as\b|after\b|before\b|while\b|near\b)[a-z])"
)

_MOD = r"(?:(?P<mod>early|late|mid|middle\s+of|end\s+of|beginning\s+of|start\s+of)(?:-|\s+))"
_MONTH_YEAR = re.compile(r"(?i:(?:the\s+)?" + _MOD + r")?" + _MON + r",?\s+" + _YEAR)
_MONTH_ONLY = re.compile(
    r"(?i:(?P<prep>\b(?:in|during|throughout)\s+)?(?:\b(?:the\s+)?"
    + _MOD
    + r")?)"
    + _MON
    + r"(?![\s,]*(?:the\s+)?\d)"
)

# Context around a day-level date that changes its kind or precision (matched case-insensitively).
_APPROX_BEFORE = re.compile(
    r"(?i:\b(?:around|about|approximately|circa|on\s+or\s+(?:around|about|before)|(?:as\s+)?reported\s+on"
    r"|as\s+of)\s+(?:the\s+)?)$"
)
_WEEK_OF_BEFORE = re.compile(r"(?i:\b(?:(?:during|in|over)\s+)?the\s+week\s+of\s+)$")
_RANGE_BEFORE = re.compile(
    r"(?i:\b(?:(?P<lead>between|from)\s+)?(?P<first>[0-3]?\d)(?:st|nd|rd|th)?\s*(?:-|–|—|to|and|until)\s*)$"
)
_NOT_EVENT_BEFORE = re.compile(r"(?i:\b(?:born|since|until|till|by|before|after|next|every)\s+(?:on\s+)?)$")
# "after Friday prayers" is that Friday; "next Friday" and "every Friday" are not event days.
_NOT_WEEKDAY_BEFORE = re.compile(r"(?i:\b(?:since|until|till|by|next|every|coming)\s+(?:on\s+)?)$")
_APPROX_AFTER = re.compile(
    r"\s*\((?i:or\s+around|as\s+reported(?:\s+on)?|(?P<week>week\s+of)|midweek|approx(?:imately|\.)?"
    r"|around|or\s+about|estimated|date\s+approximate)\)"
)
_DEADLINE_AFTER = re.compile(r"(?i:\s+deadline\b)")
_RANGE_JOIN = re.compile(r"\s*(?:-|–|—|to|and|until|till)\s*$")
_RANGE_LEAD = re.compile(r"(?i:\b(?:between|from)\s+)$")

_DATELINE_BEFORE = re.compile(r"\s*(?:[A-Z][\w.'’-]*\.?,?\s+)*")  # "MOGADISHU, Somalia, "
_DATELINE_AFTER = re.compile(r"\s*(?:\(|[-–—:/|])")  # "(Reuters) -", "—"
# "Around 4 May 2020 (3-4 May), ..." opens a sentence, not a dateline: a dateline names no preposition.
_PROSE_BEFORE = re.compile(
    r"(?i:\b(?:on|around|about|approximately|since|by|until|from|in|as\s+of|reported)\s+)$"
)
_WEEKDAY = re.compile(
    r"(?i:\b(?:(?P<last>last|this|past)\s+)?(?:(?P<part>early|late|overnight)\s+(?:on\s+)?)?)"
    r"(?P<wd>(?i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))(?![A-Za-z])"
    r"(?!\s+(?:Times|Telegraph|Express|Mirror|Star|Observer|Mail|Post|Tribune|Herald|Independent|Nation|Standard))"
    r"(?:'s|’s)?(?i:\s+(?:morning|afternoon|evening|night))?"
)

_NUM_WORDS = (
    r"(?P<n>\d{1,2}|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|couple\s+of|few)"
)
_RELATIVE: tuple[tuple[re.Pattern[str], int, int], ...] = (
    # (pattern, days before publication, precision)
    (re.compile(r"(?i:\bthe\s+day\s+before\s+yesterday\b)"), 2, 1),
    (re.compile(r"(?i:\b(?:earlier\s+|late\s+|early\s+)?today\b|\btonight\b|\bthis\s+(?:morning|afternoon|evening)\b)"),
     0, 1),
    (re.compile(r"(?i:\b(?:late\s+|early\s+)?yesterday(?:'s|’s)?(?:\s+(?:morning|afternoon|evening))?)"),
     1, 1),
    (re.compile(r"(?i:\b(?:late\s+|early\s+)?last\s+night\b)"), 1, 1),
)  # fmt: skip
_DAYS_AGO = re.compile(r"(?i:\b" + _NUM_WORDS + r"\s+(?P<unit>days?|weeks?)\s+ago\b)")
_ANCHORED = re.compile(
    r"(?i:\b(?P<before>the\s+(?:day\s+before|previous\s+day|preceding\s+day)|a\s+day\s+(?:earlier|before))\b"
    r"|\b(?P<after>the\s+(?:following|next)\s+day|the\s+day\s+after|a\s+day\s+later)\b"
    r"|\b(?P<same>the\s+same\s+day)\b)"
)
_WEEK_WORDS = re.compile(
    r"(?i:\b(?P<last>last\s+week|(?:over\s+|in\s+|during\s+)?the\s+(?:past|last)\s+week)\b"
    r"|\b(?P<this>(?:earlier\s+)?this\s+week)\b"
    r"|\b(?P<weekend>(?:over|at|during)\s+the\s+weekend|(?:last|this)\s+weekend)\b"
    r"|\b(?P<days>(?:in|over)\s+(?:the\s+)?(?:recent|past|last\s+few)\s+days)\b"
    r"|\b(?P<weeks>(?:in|over)\s+(?:the\s+)?(?:recent|past|last\s+few)\s+weeks)\b)"
)
_MONTH_WORDS = re.compile(
    r"(?i:\b(?:(?P<mod>early|late|mid|end\s+of|beginning\s+of|start\s+of)(?:-|\s+))?"
    r"(?P<which>(?:earlier\s+)?this|last)\s+month\b)"
)


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    value: date
    precision: int
    kind: str


def parse_published(published: str | None) -> date | None:
    """The publication day from ``YYYY-MM-DD`` (a longer timestamp is cut); None if absent or bad."""
    if not published:
        return None
    try:
        return date.fromisoformat(published.strip()[:10])
    except ValueError:
        log.warning("unreadable publication date %r; relative dates will be skipped", published)
        return None


def find_dates(text: str, *, published: str | None, base: int = 0) -> list[DateExpr]:
    """Every date expression in ``text`` that can be resolved to a day, in text order.

    ``base`` is the absolute offset of ``text`` in its document. Without ``published`` only dates that
    state their year resolve; weekday and relative words are skipped rather than guessed.
    """
    pub = parse_published(published)
    found = [c for finder in _FINDERS for c in finder(text, pub)]
    kept = _non_overlapping(found)
    kept = _merge_ranges(text, kept)
    kept = _resolve_anchored(text, kept, pub)
    return [_to_record(text, c, base) for c in kept if c.kind != _SKIP]


def dateline_date(text: str, published: str | None, *, base: int = 0) -> DateExpr | None:
    """The date of a dateline such as ``KABUL, May 9 (Reuters) -`` if ``text`` opens with one."""
    head = text[:200]
    # The longest reading of the first date: "May 9, 2020" rather than "May 9".
    cand = min(_explicit(head, parse_published(published)), key=lambda c: (c.start, -c.end), default=None)
    if cand is None or cand.kind in (_SKIP, "approx", "week", "range"):
        return None
    if not _DATELINE_BEFORE.fullmatch(head[: cand.start]) or not _DATELINE_AFTER.match(head, cand.end):
        return None
    if _PROSE_BEFORE.search(head[: cand.start]):
        return None
    return _to_record(text, _Candidate(cand.start, cand.end, cand.value, 1, "dateline"), base)


# ---------------------------------------------------------------------------------------------- finders


def _explicit(text: str, pub: date | None) -> Iterator[_Candidate]:
    for pattern in (_DMY, _MDY, _DM, _MD):
        for m in pattern.finditer(text):
            if not m.group("mon")[0].isupper():
                continue  # "may" the verb
            year = int(m.group("year")) if "year" in m.groupdict() and m.group("year") else None
            day = _make_day(year, _month_number(m.group("mon")), int(m.group("day")), pub)
            if day is not None:
                yield from _in_context(text, m.start(), m.end(), day, pub)
    for m in _ISO.finditer(text):
        day = _make_day(int(m.group("year")), int(m.group("mon")), int(m.group("day")), pub)
        if day is not None:
            yield from _in_context(text, m.start(), m.end(), day, pub)
    for m in _NUMERIC.finditer(text):
        day = _numeric_day(int(m.group("a")), int(m.group("b")), int(m.group("year")), pub)
        if day is not None:
            yield from _in_context(text, m.start(), m.end(), day, pub)


def _on_the_nth(text: str, pub: date | None) -> Iterator[_Candidate]:
    if pub is None:
        return
    for m in _ON_THE_NTH.finditer(text):
        day = _day_in_recent_month(int(m.group("day")), pub)
        if day is not None:
            yield _Candidate(m.start("x"), m.end("x"), day, 1, "explicit")


def _in_context(text: str, start: int, end: int, day: date, pub: date | None) -> Iterator[_Candidate]:
    """One explicit day, widened by the words around it that change what it means."""
    before = text[max(0, start - 40) : start]
    precision, kind = 1, "explicit"
    if _NOT_EVENT_BEFORE.search(before):
        kind = _SKIP  # still claims its span, so "May 1990" in "born on 12 May 1990" is not read again
    if m := _APPROX_BEFORE.search(before):
        start, precision, kind = start - len(m.group(0)), 2, "approx"
    elif m := _WEEK_OF_BEFORE.search(before):
        start, precision, kind = start - len(m.group(0)), 2, "week"
    elif (m := _RANGE_BEFORE.search(before)) and 1 <= int(m.group("first")) < day.day:
        start -= len(m.group(0))
        first = day.replace(day=int(m.group("first")))
        day, precision, kind = _middle(first, day), _span_precision(first, day), "range"
    if m := _APPROX_AFTER.match(text, end):
        end, precision = m.end(), 2
        kind = "week" if m.group("week") else ("approx" if kind == "explicit" else kind)
    if _DEADLINE_AFTER.match(text, end):
        kind = "deadline"
    elif pub is not None and day > pub + timedelta(days=SLACK_DAYS) and kind not in ("range", _SKIP):
        kind = "future"
    yield _Candidate(start, end, day, precision, kind)


def _months(text: str, pub: date | None) -> Iterator[_Candidate]:
    for m in _MONTH_YEAR.finditer(text):
        if m.group("mon")[0].isupper() and not _NOT_EVENT_BEFORE.search(
            text, max(0, m.start() - 20), m.start()
        ):
            value = _month_value(int(m.group("year")), _month_number(m.group("mon")), m.group("mod"), pub)
            yield _Candidate(m.start(), m.end(), value, 3, "month")
    if pub is None:
        return
    for m in _MONTH_ONLY.finditer(text):
        if not m.group("mon")[0].isupper() or not (m.group("prep") or m.group("mod")):
            continue
        month = _month_number(m.group("mon"))
        year = pub.year if month <= pub.month else pub.year - 1
        yield _Candidate(m.start(), m.end(), _month_value(year, month, m.group("mod"), pub), 3, "month")
    for m in _MONTH_WORDS.finditer(text):
        first = pub.replace(day=1)
        if m.group("which").lower() == "last":
            first = (first - timedelta(days=1)).replace(day=1)
        value = _month_value(first.year, first.month, m.group("mod"), pub)
        yield _Candidate(m.start(), m.end(), value, 3, "month")


def _weekdays(text: str, pub: date | None) -> Iterator[_Candidate]:
    if pub is None:
        return
    for m in _WEEKDAY.finditer(text):
        if _NOT_WEEKDAY_BEFORE.search(text[max(0, m.start() - 20) : m.start()]):
            continue
        back = (pub.weekday() - _WEEKDAYS.index(m.group("wd").lower())) % 7
        if back == 0 and (m.group("last") or "").lower() == "last":
            back = 7
        yield _Candidate(m.start(), m.end(), pub - timedelta(days=back), 1, "weekday")


def _relatives(text: str, pub: date | None) -> Iterator[_Candidate]:
    if pub is None:
        return
    for pattern, back, precision in _RELATIVE:
        for m in pattern.finditer(text):
            yield _Candidate(m.start(), m.end(), pub - timedelta(days=back), precision, "relative")
    for m in _DAYS_AGO.finditer(text):
        n = _SMALL_NUMBERS.get(re.sub(r"\s+", " ", m.group("n").lower())) or int(m.group("n"))
        weeks = m.group("unit").lower().startswith("week")
        vague = weeks or m.group("n").lower() in ("few", "couple of")
        value = pub - timedelta(days=n * (7 if weeks else 1))
        yield _Candidate(m.start(), m.end(), value, 2 if vague else 1, "week" if weeks else "relative")


def _weeks(text: str, pub: date | None) -> Iterator[_Candidate]:
    if pub is None:
        return
    monday = pub - timedelta(days=pub.weekday())
    for m in _WEEK_WORDS.finditer(text):
        if m.group("last") and "past" not in m.group("last").lower():
            value = monday - timedelta(days=5)  # Wednesday of the week before
        elif m.group("last") or m.group("days"):
            value = pub - timedelta(days=3)
        elif m.group("this"):
            value = _middle(monday, pub)
        elif m.group("weekend"):
            value = pub - timedelta(days=(pub.weekday() - 5) % 7 or 7)
        else:
            yield _Candidate(m.start(), m.end(), min(pub.replace(day=15), pub), 3, "month")
            continue
        yield _Candidate(m.start(), m.end(), value, 2, "week")


_FINDERS: tuple[Callable[[str, date | None], Iterator[_Candidate]], ...] = (
    _explicit,
    _on_the_nth,
    _months,
    _weekdays,
    _relatives,
    _weeks,
)


# ------------------------------------------------------------------------------------------ resolution


def _non_overlapping(found: list[_Candidate]) -> list[_Candidate]:
    """Longest spans first, so "Tuesday, 5 May 2020" beats "Tuesday" and "5 May"."""
    kept: list[_Candidate] = []
    for cand in sorted(found, key=lambda c: (c.start - c.end, c.start)):
        if all(cand.end <= k.start or cand.start >= k.end for k in kept):
            kept.append(cand)
    return sorted(kept, key=lambda c: c.start)


def _merge_ranges(text: str, kept: list[_Candidate]) -> list[_Candidate]:
    """``26 April - 29 April`` or ``from 1 May to 3 May`` become one range at the middle day."""
    out: list[_Candidate] = []
    for cand in kept:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind == cand.kind == "explicit"
            and _RANGE_JOIN.fullmatch(text[prev.end : cand.start])
            and prev.value < cand.value <= prev.value + timedelta(days=31)
        ):
            lead = _RANGE_LEAD.search(text[max(0, prev.start - 10) : prev.start])
            start = prev.start - (len(lead.group(0)) if lead else 0)
            middle = _middle(prev.value, cand.value)
            out[-1] = _Candidate(start, cand.end, middle, _span_precision(prev.value, cand.value), "range")
        else:
            out.append(cand)
    return out


def _resolve_anchored(text: str, kept: list[_Candidate], pub: date | None) -> list[_Candidate]:
    """Resolve "the day before" / "the next day" from the last day-level date written before them."""
    taken = [(c.start, c.end) for c in kept]
    extra: list[_Candidate] = []
    for m in _ANCHORED.finditer(text):
        if any(m.start() < e and m.end() > s for s, e in taken):
            continue
        anchor = next((c for c in reversed(kept) if c.end <= m.start() and c.precision == 1), None)
        shift = -1 if m.group("before") else (1 if m.group("after") else 0)
        if anchor is not None:
            extra.append(_Candidate(m.start(), m.end(), anchor.value + timedelta(days=shift), 1, "relative"))
        elif pub is not None and shift == -1:
            extra.append(_Candidate(m.start(), m.end(), pub - timedelta(days=1), 1, "relative"))
    return sorted(kept + extra, key=lambda c: c.start)


def _to_record(text: str, cand: _Candidate, base: int) -> DateExpr:
    return DateExpr(
        value=cand.value.isoformat(),
        precision=cand.precision,
        start=base + cand.start,
        end=base + cand.end,
        text=text[cand.start : cand.end],
        kind=cand.kind,
    )


# --------------------------------------------------------------------------------------- calendar help


def _month_number(name: str) -> int:
    return _MONTH_NUMBERS[name[:3].lower()]


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _make_day(year: int | None, month: int, day: int, pub: date | None) -> date | None:
    """A calendar day; without a year, the publication year unless that lands well after publication."""
    if year is not None:
        return _safe_date(year, month, day)
    if pub is None:
        return None
    found = _safe_date(pub.year, month, day)
    if found is not None and found > pub + timedelta(days=SLACK_DAYS):
        found = _safe_date(pub.year - 1, month, day)
    return found


def _numeric_day(a: int, b: int, year: int, pub: date | None) -> date | None:
    """12/02/2020 only when one reading exists, or only one falls in the weeks before publication."""
    readings = {d for d in (_safe_date(year, b, a), _safe_date(year, a, b)) if d is not None}
    if len(readings) == 1:
        return readings.pop()
    if pub is None:
        return None
    recent = [d for d in readings if pub - timedelta(days=62) <= d <= pub + timedelta(days=SLACK_DAYS)]
    return recent[0] if len(recent) == 1 else None


def _day_in_recent_month(day: int, pub: date) -> date | None:
    found = _safe_date(pub.year, pub.month, day)
    if found is None or found > pub + timedelta(days=SLACK_DAYS):
        last_month = pub.replace(day=1) - timedelta(days=1)
        found = _safe_date(last_month.year, last_month.month, day)
    return found


def _month_value(year: int, month: int, mod: str | None, pub: date | None) -> date:
    """ACLED's day for a month: 1st for early, last for late, else the 15th; never after publication."""
    word = (mod or "").lower()
    if word.startswith(("early", "beginning", "start")):
        value = date(year, month, 1)
    elif word.startswith(("late", "end")):
        value = date(year, month, calendar.monthrange(year, month)[1])
    else:
        value = date(year, month, 15)
    if pub is not None and value > pub >= date(year, month, 1):
        value = pub
    return value


def _middle(first: date, last: date) -> date:
    return first + timedelta(days=(last - first).days // 2)


def _span_precision(first: date, last: date) -> int:
    return 2 if (last - first).days <= 7 else 3
