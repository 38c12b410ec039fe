"""Casualty figures in English news text and ACLED notes, with ACLED's rules for vague words.

Regex over plain text, no model: the patterns of ``casualty_patterns``, compiled once per loaded
``Resources`` and passed in (``CasualtyPatterns``). A figure is found in one of four shapes
(coding-rules.md §6):

- subject: ``two soldiers and a civilian were killed``, ``1 killed, 7 injured``, ``20 dead``;
- object: ``killing 12 civilians``, ``left two dead``, ``the killing of 3 militants``;
- summary: ``death toll rose to 33``, ``5 fatalities``, ``Fatalities coded as 4``;
- negation: ``no casualties were reported``, ``no one was hurt``, ``no Americans were killed``.

Offsets are absolute: ``document.text[t.start:t.end] == t.text``. :func:`acled_fatalities` turns the
figures of one document into ACLED's single number.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

from sitrep.records import Toll
from sitrep.spans import GrowingSpans

from .casualty_patterns import EXACT_QUANT, MAX_TOLL, QUANT, TENS, UNITS, VAGUE, CasualtyPatterns

# ----------------------------------------------------------------------------------------- finding


def find_tolls(text: str, p: CasualtyPatterns, *, base: int = 0) -> list[Toll]:
    """Every casualty figure in ``text``, in text order, without overlapping spans.

    ``base`` is the absolute offset of ``text`` in its document.
    """
    found = [t for finder in _FINDERS for t in finder(text, p)]
    kept = _non_overlapping(found, p)
    return [dataclasses.replace(t, start=t.start + base, end=t.end + base) for t in kept]


def split_events(text: str, p: CasualtyPatterns) -> int | None:
    """How many events a toll is spread over: an ACLED note's "20 fatalities split between 3
    events", or a toll told over days ("12 killed in three days of fighting"): ACLED codes one
    event per day and divides the toll among them (coding-rules.md §6)."""
    m = p.split.search(text)
    if m is None:
        return _days_spread(text, p)
    n = _number_value(m.group("n"))
    if m.group("days"):
        n *= _number_value(m.group("days"))
    return n if n > 1 else None


def _days_spread(text: str, p: CasualtyPatterns) -> int | None:
    """The number of days a killed toll in the same sentence is said to span, 2 to 31."""
    for m in p.days_spread.finditer(text):
        lo = max(text.rfind(". ", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
        hi = min(x for x in (text.find(". ", m.end()), text.find("\n", m.end()), len(text)) if x >= 0)
        tolls = find_tolls(text[lo:hi], p)
        if any(t.kind == "killed" and t.count > 0 and not t.negated for t in tolls):
            n = _number_value(m.group("n") or m.group("m"))
            return n if 2 <= n <= 31 else None
    return None


def _subject_tolls(text: str, p: CasualtyPatterns) -> Iterator[Toll]:
    for kind, gated in p.subject:
        for m in gated.finditer(text):
            if _active_with_object(text, m, p) or p.label_before.search(
                text, max(0, m.start() - 30), m.start()
            ):
                continue
            toll = _toll_from(m, kind, text, p, negated=bool(m.group("neg")))
            yield _singular_subject(toll, m, text, p)


def _singular_subject(toll: Toll, m: re.Match[str], text: str, p: CasualtyPatterns) -> Toll:
    """Keep only the last group before "was": "two gunmen, and one villager was killed" is one death."""
    if not p.singular_aux.search(text, m.end("np"), m.start("verb")):
        return toll
    cuts = [s.end() for s in p.item_separator.finditer(m.group("np"))]
    if not cuts:
        return toll
    start = m.start("np") + cuts[-1]
    count, vague, victims = _list_value(text[start : m.end("np")], p)
    return Toll(toll.kind, count, start, toll.end, text[start : toll.end], vague, toll.negated, victims)


def _object_tolls(text: str, p: CasualtyPatterns) -> Iterator[Toll]:
    for kind, gated in p.object:
        for m in gated.finditer(text):
            if not p.intent_before.search(text, max(0, m.start() - 30), m.start()):
                yield _toll_from(m, kind, text, p)
    for gated in (p.left_dead, p.nominal, p.to_death):
        for m in gated.finditer(text):
            yield _toll_from(m, "killed", text, p)
    for m in p.bare_plural.finditer(text):
        noun = m.group("noun")
        if p.plural.search(noun) and not p.intent_before.search(text, max(0, m.start() - 30), m.start()):
            yield Toll("killed", 3, m.start(), m.end(), m.group(0), vague=True, victims=_category(noun, p))
    for pattern in (p.pronoun, p.definite):
        for m in pattern.finditer(text):
            yield Toll("killed", 1, m.start(), m.end(), m.group(0))
    for m in p.bodies.finditer(text):
        yield _toll_from(m, "killed", text, p)


def _summary_tolls(text: str, p: CasualtyPatterns) -> Iterator[Toll]:
    for gated in p.summary:
        for m in gated.finditer(text):
            yield _toll_from(m, "killed", text, p)
    for m in p.fatality_count.finditer(text):
        yield _toll_from(m, "killed", text, p)
    for m in p.casualty_count.finditer(text):
        yield _toll_from(m, "casualties", text, p)


def _bare_tolls(text: str, p: CasualtyPatterns) -> Iterator[Toll]:
    """Bare "casualties" (count 0); bare "fatalities"/"deaths" read as ACLED's plural default of 3."""
    for m in p.bare.finditer(text):
        word = m.group("word").lower()
        if word == "deaths" and p.definite_before.search(text, max(0, m.start() - 8), m.start()):
            continue
        unsure = p.unsure_before.search(text[max(0, m.start() - 40) : m.start()])
        if word.startswith("casualt") or unsure:
            yield Toll("casualties", 0, m.start(), m.end(), m.group(0), vague=True)
        else:
            yield Toll("killed", 3, m.start(), m.end(), m.group(0), vague=True)


def _negations(text: str, p: CasualtyPatterns) -> Iterator[Toll]:
    for pattern in p.negations:
        for m in pattern.finditer(text):
            groups = m.groupdict()
            kind = _kind_of_word(groups.get("what") or groups.get("verb") or "", p)
            noun = groups.get("noun") or ""
            victims = _category(noun, p) or noun.strip()
            yield Toll(kind, 0, m.start(), m.end(), m.group(0), negated=True, victims=victims)


def _implicit_tolls(text: str, p: CasualtyPatterns) -> Iterator[Toll]:
    """One victim named or described earlier in the sentence: "... was shot dead", "he died"."""
    for m in p.implicit.finditer(text):
        if p.whether_before.search(text, max(0, m.start() - 40), m.start()):
            continue
        group = "x" if m.group("x") else "y"
        kind = _kind_of_word(m.group("verb") or "died", p)
        yield Toll(kind, 1, m.start(group), m.end(group), m.group(group))


_FINDERS = (_summary_tolls, _negations, _subject_tolls, _object_tolls, _implicit_tolls, _bare_tolls)


def _active_with_object(text: str, m: re.Match[str], p: CasualtyPatterns) -> bool:
    """True for "two gunmen killed three people": the subject did the killing, the object is the toll."""
    between = text[m.end("np") : m.start("verb")]
    has_aux = re.search(r"\b(?:were|was|been|are|is|got)\b", between, re.IGNORECASE)
    return (
        not has_aux
        and bool(p.transitive.match(m.group("verb")))
        and bool(p.object_follows.match(text, m.end()))
    )


def _toll_from(m: re.Match[str], kind: str, text: str, p: CasualtyPatterns, *, negated: bool = False) -> Toll:
    count, vague, victims = _list_value(m.group("np"), p)
    return Toll(kind, count, m.start(), m.end(), text[m.start() : m.end()], vague, negated, victims)


def _list_value(np: str, p: CasualtyPatterns) -> tuple[int, bool, str]:
    """Sum the counts of "two soldiers and a civilian"; the victims are the nouns' categories."""
    total, vague, cats = 0, False, []
    np = re.sub(r"(?i)\bbetween\s+(\S+)\s+and\s+", r"\1 to ", np)  # a range, not two groups
    for item in p.item_separator.split(np):
        m = p.item.match(item)
        if m is None:
            continue
        value, fuzzy = _count_value(m.group(0))
        total, vague = total + value, vague or fuzzy
        noun = p.noun.findall(item[m.end() :])
        cat = _category(noun[-1], p) if noun else ""
        if cat and cat not in cats:
            cats.append(cat)
    return total, vague, ";".join(cats)


def _count_value(phrase: str) -> tuple[int, bool]:
    """ACLED's number for a count phrase: at least/over N = N, N to M = N, vague words by the table."""
    low = re.sub(r"\s+", " ", phrase.strip().lower())
    for pattern, value in VAGUE:
        if re.fullmatch(pattern, low):
            return value, True
    fuzzy = bool(re.match(QUANT, low)) and not low.startswith(EXACT_QUANT)
    low = re.sub("^" + QUANT, "", low)
    low = re.sub(r"^between\s+", "", low)
    first = re.split(r"(?<=\d)\s*-\s*|\s*–\s*|\s+(?:to|or|and)\s+", low)[0]
    if first in ("a", "an", "another"):
        return 1, False
    return _number_value(first), fuzzy


def _number_value(word: str) -> int:
    low = re.sub(r"[\s-]+", " ", word.strip().lower())
    if low.replace(",", "").isdigit():
        return int(low.replace(",", ""))
    if low in ("a hundred", "one hundred"):
        return 100
    parts = low.split(" ")
    return sum(TENS.get(p, UNITS.get(p, 0)) for p in parts)


def _category(noun: str, p: CasualtyPatterns) -> str:
    word = re.sub(r"\s+", " ", noun.strip())
    for cat, pattern in p.categories:
        if pattern.match(word):
            return cat
    return ""


def _kind_of_word(word: str, p: CasualtyPatterns) -> str:
    return next((kind for pattern, kind in p.kind_words if pattern.search(word)), "killed")


def _people_counted(toll: Toll, p: CasualtyPatterns) -> bool:
    at = re.search(str(toll.count), toll.text)
    return at is not None and bool(p.people_after.match(toll.text[at.start() :]))


def _non_overlapping(found: list[Toll], p: CasualtyPatterns) -> list[Toll]:
    """Longest spans first: "two soldiers and a civilian were killed" beats "a civilian were killed"."""
    kept: list[Toll] = []
    taken = GrowingSpans()
    for toll in sorted(found, key=lambda t: (t.start - t.end, t.start)):
        if toll.count < 0 or toll.count >= MAX_TOLL:
            continue  # no toll of an event, or a world total
        if 1900 < toll.count < 2100 and "," not in toll.text and not _people_counted(toll, p):
            continue  # a year read as a number
        if taken.free(toll.start, toll.end):
            taken.add(toll.start, toll.end)
            kept.append(toll)
    return sorted(kept, key=lambda t: t.start)


# ----------------------------------------------------------------------------------------- ACLED rule

_ANAPHORIC = re.compile(r"^(?i:the|these|those|both|all|its|their|his|her)\b(?!\s+(?i:bod(?:y|ies)\s+of)\b)")
_ADDITIVE = re.compile(r"\b(?i:another|other|others|more|additional|further|also|second|third)\b")
_UPDATE = re.compile(r"\b(?i:rose|climbed|increased|jumped|reached|risen|hit|mounted|grew|swelled|soared)\b")
_GENERIC = ("", "people")
# Words that often describe the same victim twice ("a man was killed ... a civilian died"): not summed.
_DESCRIBED = ("men", "women", "civilians")
_IMPLICIT_TEXT = re.compile(
    r"^(?:was|has|had|he|she)\b|^the\b.*(?:died|succumbed)$|\b(?:him|her)$"
    r"|^\S+(?:\s+(?:dead|and\s+killed))?\s+(?:the|his|her)\s",
    re.IGNORECASE,
)


def acled_fatalities(tolls: list[Toll]) -> int | None:
    """One document's fatality figure by ACLED's rule for a single source (coding-rules.md §6).

    1. A coder's own statement ("Fatalities coded as 4") wins.
    2. Else summary figures ("5 fatalities", "death toll rose to 33"): a rising toll takes its latest
       figure; differing summaries take the lowest (the lowest credible figure).
    3. Else the killed counts: figures repeating earlier ones ("the three victims", "both") and
       "was killed" with no count of its own (used only when nothing else counts) are not added again.
       Per victim group (soldiers, civilians, ...) equal figures are the same deaths and differing ones
       alternative reports (lowest wins) unless marked as extra ("another", "two more"); distinct groups
       are summed; an unspecified "people" figure covers the groups when it is at least their sum.
    4. Else 0 when deaths are denied, or only injuries, casualties, arrests or kidnappings are reported;
       None when the text says nothing about harm to people (callers map None to 0 for ACLED rows).
    """
    killed = [t for t in tolls if t.kind == "killed" and not t.negated]
    coded = [t for t in killed if "coded as" in t.text.lower()]
    if coded:
        return coded[-1].count
    summaries = [t for t in killed if _is_summary(t)]
    if summaries:
        updates = [t for t in summaries if _UPDATE.search(t.text)]
        return updates[-1].count if updates else min(t.count for t in summaries)
    counted = [
        t for t in killed if t.count > 0 and not (_is_implicit(t) or _is_bare(t) or _ANAPHORIC.match(t.text))
    ]
    if counted:
        return _sum_by_group(counted)
    if any(_is_implicit(t) for t in killed):
        return 1
    if any(t.kind == "killed" and not t.negated and t.count > 0 for t in tolls):
        return max(t.count for t in killed)
    return 0 if tolls else None


def is_toll_update(toll: Toll) -> bool:
    """A figure that replaces earlier ones: "the death toll had risen to 19"."""
    summary = toll.kind == "killed" and not toll.negated and _is_summary(toll)
    return summary and bool(_UPDATE.search(toll.text))


def _is_summary(toll: Toll) -> bool:
    low = toll.text.lower()
    marked = "fatalit" in low or "toll" in low or low.endswith("deaths") or "number of" in low
    return marked and toll.count > 0 and not _is_bare(toll)


def _is_bare(toll: Toll) -> bool:
    return bool(re.fullmatch(r"(?i:fatalit\w*|deaths|casualt\w*)", toll.text))


def _is_implicit(toll: Toll) -> bool:
    """A death with no count of its own ("was shot dead", "killing him", "killed the driver")."""
    return toll.count == 1 and bool(_IMPLICIT_TEXT.search(toll.text))


def _sum_by_group(tolls: list[Toll]) -> int:
    groups: dict[str, list[Toll]] = {}
    for toll in tolls:
        groups.setdefault(toll.victims, []).append(toll)
    parts = {victims: _group_parts(members) for victims, members in groups.items()}
    generic = max((sum(p) for k, p in parts.items() if k in _GENERIC), default=0)
    described = max((p[0] for k, p in parts.items() if k in _DESCRIBED), default=0)
    described += sum(p[1] for k, p in parts.items() if k in _DESCRIBED)
    others = sum(sum(p) for k, p in parts.items() if k not in _GENERIC + _DESCRIBED)
    extra = sum(p[1] for k, p in parts.items() if k in _GENERIC)
    return max(generic, described + others + extra)


def _group_parts(members: list[Toll]) -> tuple[int, int]:
    """The lowest of the figures for the same deaths, and the sum of those marked as extra deaths."""
    base = [t.count for t in members if not _ADDITIVE.search(t.text)]
    extra = sum(t.count for t in members if _ADDITIVE.search(t.text))
    return (min(base) if base else 0), extra
