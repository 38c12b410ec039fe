"""Casualty figures in English news text and ACLED notes, with ACLED's rules for vague words.

Regex over plain text, no model: module-level constant patterns only. A figure is found in one of
four shapes (coding-rules.md §6):

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
from types import MappingProxyType

from sitrep.records import Toll

# ----------------------------------------------------------------------------------------- numbers

_UNITS = MappingProxyType({
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
})  # fmt: skip
_TENS = MappingProxyType({
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
})  # fmt: skip
# ACLED's values for words with no number (§6): several/many = 3, dozens = 12, hundreds = 100.
_VAGUE = (
    (r"an?\s+(?:unknown|unspecified|undetermined|undisclosed|unconfirmed)\s+number\s+of", 3),
    (r"a\s+number\s+of", 3), (r"a\s+(?:few|handful\s+of)", 3), (r"a\s+couple(?:\s+of)?", 2),
    (r"a\s+dozen", 12), (r"a\s+score\s+of", 20), (r"several|many|numerous|multiple|some|few", 3),
    (r"dozens(?:\s+of)?", 12), (r"scores(?:\s+of)?", 12), (r"tens(?:\s+of)?", 10),
    (r"hundreds(?:\s+of)?", 100), (r"thousands(?:\s+of)?", 1000), (r"both", 2),
)  # fmt: skip
_WORD_NUM = (
    r"(?:(?:a|one)\s+hundred|(?:" + "|".join(_TENS) + r")(?:[-\s](?:" + "|".join(list(_UNITS)[:9]) + r"))?"
    r"|" + "|".join(sorted(_UNITS, key=len, reverse=True)) + r")"
)
# Four digits starting 19 or 20 are a year, not a count ("In 2019, 2020 ..." is not 4,039 dead).
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|(?!(?:19|20)\d\d(?!\d))\d{1,4})(?![\d,.]\d)"
_NOT_A_COUNT = (
    r"(?![\w’'-]*-year|[\w-]*-(?:day|hour|week|month|storey|km|kg|mm)\b|\s*(?:years?|months?|weeks?|days?|hours?"
    r"|minutes?|km|kms|kilomet\w*|miles?|met(?:re|er)s?|mm|kg|%|per\s*cent|a\.?m\b|p\.?m\b|o'clock|times|rounds"
    r"|(?i:January|February|March|April|May|June|July|August|September|October|November|December))\b)"
)
_NUM = r"(?:" + _DIGITS + r"|" + _WORD_NUM + r")"
_EXACT_QUANT = ("a total", "all ", "only", "just", "another", "a further", "an additional")
_QUANT = (
    r"(?:at\s+least|more\s+than|over|up\s+to|as\s+many\s+as|nearly|almost|about|around|approximately|roughly"
    r"|some|an\s+estimated|a\s+total\s+of|a\s+further|another|an\s+additional|close\s+to|upwards\s+of"
    r"|no\s+(?:fewer|less)\s+than|at\s+most|only|just|all)\s+"
)
_NOT_TIME = r"(?!\s+(?:days?|weeks?|months?|years?|hours?|minutes?|times|while|short)\b)"
_NUM_COUNT = (
    r"(?:(?:between\s+" + _NUM + r"\s+and\s+|" + _NUM + r"\s*(?:-|–|to|or)\s*)?" + _NUM + _NOT_A_COUNT + r")"
)
_SOFT_COUNT = (
    r"(?:(?:" + "|".join(p for p, _ in _VAGUE) + r")(?![\w-])" + _NOT_TIME
    + r"|(?:an?|another)(?=\s|$)" + _NOT_TIME + r")"
)  # fmt: skip
_COUNT = r"(?:(?:" + _QUANT + r")?" + _NUM_COUNT + r"|" + _SOFT_COUNT + r")"

# ----------------------------------------------------------------------------------------- victims

_VICTIM_NOUNS = MappingProxyType(
    {
        "civilians": "civilian|civilians|villagers?|residents?|passengers?|worshippers?|pilgrims?|farmers?"
        "|herders?|students?|workers?|traders?|merchants?|fishermen|locals?|shopkeepers?|drivers?|journalists?"
        "|teachers?|doctors?|nurses?|refugees|migrants|family\\s+members|relatives|bystanders?|motorists?"
        "|patients?|contractors?|employees?|staff|prisoners?|detainees?|inmates?|hostages?",
        "men": "man|men|male",
        "women": "woman|women|female|wife|mother|girl\\s+friend",
        "children": "child|children|boys?|girls?|kids?|teenagers?|teens?|adolescents?|minors?|infants?|babies"
        "|baby|toddlers?|pupils?|schoolchildren|youths?",
        "soldiers": "soldiers?|troops|servicem[ae]n|army\\s+personnel|military\\s+personnel|marines?"
        "|paratroopers?|conscripts?|recruits?|army\\s+officers?",
        "police": "police(?:m[ae]n|wom[ae]n)?|police\\s+officers?|officers?|cops?|gendarmes?|constables?"
        "|guards?|security\\s+guards?|prison\\s+guards?",
        "security forces": "security\\s+forces|security\\s+personnel|personnel|agents?"
        "|security\\s+officials?",
        "militants": "militants?|insurgents?|jihadists?|terrorists?|gunm[ae]n|attackers?|assailants?|bandits?"
        "|kidnappers?|bombers?|suicide\\s+bombers?|elements?|extremists?|raiders?|hijackers?|suspects?|criminals?"
        "|gang\\s+members?|robbers?|thieves|thief|smugglers?|traffickers?|loggers?|mercenaries|mercenary",
        "fighters": "fighters?|tribesm[ae]n|militiam[ae]n|militia\\s+members?|combatants?|members?"
        "|commanders?|leaders?",
        "rebels": "rebels?|guerrillas?",
        "protesters": "protesters?|protestors?|demonstrators?|rioters?|marchers?|activists?",
        "officials": "officials?|politicians?|mayors?|councillors?|councilors?|chiefs?|candidates?|judges?",
        "people": "people|persons?|individuals?|victims?|others|bodies|corpses|ones|adults?"
        "|inhabitants|civilians\\s+and\\s+soldiers",
    }
)
_NOUN = r"(?:" + "|".join(_VICTIM_NOUNS.values()) + r")(?![\w-])"
_NOUN_RE = re.compile(r"\b" + _NOUN, re.IGNORECASE)
_CATEGORY_RES = tuple(
    (cat, re.compile(r"^(?:" + alt + r")$", re.IGNORECASE)) for cat, alt in _VICTIM_NOUNS.items()
)

_STOP_WORDS = (
    "after|before|in|on|at|of|when|which|who|whom|that|where|while|as|by|with|from|for|to|and|or|but|during|near"
    "|than|were|was|are|is|has|have|had|be|been|being|the|this|these|those|said|says|killed|dead|died|injured"
    "|wounded|hurt|reportedly|allegedly|fatality|fatalities|death|deaths|casualty|casualties|injuries"
)
# Case-sensitive, so "IS militants" is not taken for the verb "is".
_STOP = r"(?-i:(?:" + _STOP_WORDS + "|" + _STOP_WORDS.title() + r")\b)"
_MOD = r"(?:(?!" + _STOP + r")(?:(?:[a-z]\.){2,}|[\w’'/-]+)\s+)"
_HEAD = r"(?:" + _NOUN + r"|(?!" + _STOP + r")[\w’'-]+)"
_OF = (
    r"(?:\s+of\s+(?:(?:the|its|their|his|her|those)\s+)?(?:(?:injured|wounded|dead)\s+)?"
    r"(?:them\b|whom\b|" + _MOD + r"{0,3}?" + _HEAD + r"))"
)
# Any head word after a numeral ("3 Balanda were killed"); after "a" or "several" only a known noun, so
# "A shoot-out broke out and two suspects died" is not read as three deaths.
_HURT = r"(?:\s+(?:wounded|injured))?"  # "a wounded guard later died"
_NUM_ITEM = rf"(?:(?:{_QUANT})?{_NUM_COUNT}(?:{_HURT}\s+{_MOD}{{0,3}}?{_HEAD})?{_OF}?)"
_ITEM = rf"(?:{_NUM_ITEM}|{_SOFT_COUNT}(?:{_HURT}\s+{_MOD}{{0,3}}?{_NOUN})?{_OF}?)"
# After the first item, "a" or "some" must name people: "seven men, some bearing wounds" is seven.
_NEXT_ITEM = r"(?:" + _NUM_ITEM + r"|" + _SOFT_COUNT + r"\s+" + _MOD + r"{0,3}?" + _NOUN + _OF + r"?)"
_TAIL_MOD = r"(?:(?!" + _STOP + r"|\w+ing\b|\d|" + _WORD_NUM + r"\b)[\w’'/-]+\s+)"
_ITEM_RE = re.compile(_COUNT, re.IGNORECASE)
# "Seven soldiers and allied mercenaries were killed": a last group with no count of its own adds nothing.
_LIST = (
    r"(?P<np>" + _ITEM + r"(?:(?:\s*,\s*|\s+and\s+|\s*,\s*and\s+)" + _NEXT_ITEM + r"){0,5}"
    r"(?:\s+and\s+" + _TAIL_MOD + r"{0,3}?" + _NOUN + r")?)"
)
# "three people, including two soldiers, were killed" is three deaths, not five.
_SUBSET = (
    r"(?:\s*[,(]\s*(?:including|among\s+them|among\s+whom|of\s+whom|mostly|mainly|most\s+of\s+them)\b"
    r"[^,.;()]{1,80}[,)]|\s+including\s+[^,.;()\d]{1,60}?(?=\s+(?:were|was)\b))?"
)

# ----------------------------------------------------------------------------------------- verbs

_KILLED_PASSIVE = (
    r"(?:(?:kidnapped|abducted|arrested|detained|tortured|attacked|ambushed|captured|seized|shot|stabbed|beaten)"
    r"\s+and\s+)?(?:shot\s+(?:dead|and\s+killed|to\s+death)|stabbed\s+(?:to\s+death|and\s+killed)|(?:beaten|hacked|burn[te]d?"
    r"|bludgeoned|tortured|stoned|crushed)\s+to\s+death|burn[te]d?\s+alive|gunned\s+down|killed|murdered|slain"
    r"|slaughtered|massacred|executed|beheaded|decapitated|lynched|assassinated|found\s+(?:dead|murdered|killed)"
    r"|confirmed\s+dead|declared\s+dead|pronounced\s+dead)"
)
_DIED = (
    r"(?:(?:(?:shot|stabbed|wounded|injured|attacked)\s+and\s+)?(?:later\s+)?died|dead|perished|lost\s+their\s+lives|lost\s+(?:his|her)\s+life|succumbed(?:\s+to\s+(?:his|her|their)?"
    r"\s*(?:injuries|wounds))?|were\s+among\s+the\s+dead)"
)
_WOUNDED = (
    r"(?:(?:shot\s+and\s+|seriously\s+|critically\s+|badly\s+|slightly\s+)?(?:wounded|injured|hurt)"
    r"|hospitali[sz]ed)"
)
_KIDNAPPED = r"(?:kidnapped|abducted|taken\s+hostage|held\s+hostage|taken\s+captive|seized\s+as\s+hostages)"
_ARRESTED = r"(?:arrested|detained|apprehended|taken\s+into\s+custody|rounded\s+up)"
_MISSING = r"(?:missing|unaccounted\s+for|disappeared)"
_AUX = (
    r"(?:\s+(?:were|was|have\s+been|has\s+been|had\s+been|are|is|got|had|have|has|been|reportedly|allegedly|also|later"
    r"|all|subsequently|then|being|since|both|reported|confirmed|believed\s+to\s+have\s+been|said\s+to\s+have\s+been"
    r"|(?P<neg>not|never)))*\s+"
)
_ACTIVE_KILL = (
    r"(?:kill(?:s|ed|ing)?(?:\s+and\s+(?:injur|wound)(?:ed|ing))?|shot\s+dead|shooting\s+dead|shot\s+and\s+killed"
    r"|gunn?(?:ed|ing)?\s+down|murder(?:s|ed|ing)|execut(?:es|ed|ing)|behead(?:s|ed|ing)|lynch(?:es|ed|ing)"
    r"|massacr(?:es|ed|ing)|slaughter(?:s|ed|ing)|assassinat(?:es|ed|ing)|claim(?:s|ed|ing)\s+the\s+lives?\s+of"
    r"|(?:the\s+)?bod(?:y|ies)\s+of)"
)
_ACTIVE_WOUND = (
    r"(?:injur(?:es|ed|ing)|wound(?:s|ed|ing)|hurt(?:ing)?|shot\s+and\s+(?:injur|wound)(?:ed|ing))"
)
_ACTIVE_KIDNAP = r"(?:kidnap(?:s|ped|ping)|abduct(?:s|ed|ing)|(?:took|taking|takes)\s+hostage)"
_ACTIVE_ARREST = r"(?:arrest(?:s|ed|ing)|detain(?:s|ed|ing)|apprehend(?:s|ed|ing))"
_OBJECT_FOLLOWS = re.compile(
    r"\s+(?:(?:" + _QUANT + r")?" + _NUM + r"\b|an?\s|the\s|his\s|her\s|their\s|him\b|them\b|it\b|its\s"
    r"|several\b|dozens\b|many\b|hundreds\b|scores\b)",
    re.IGNORECASE,
)
_TRANSITIVE = re.compile(
    r"(?:kill|murder|execut|behead|lynch|massacr|slaughter|assassinat|gun|shot|stabb|injur|wound|hurt|kidnap|abduct"
    r"|arrest|detain|apprehend)",
    re.IGNORECASE,
)

_SUBJECT_VERBS = (
    ("killed", _KILLED_PASSIVE + r"|" + _DIED), ("wounded", _WOUNDED), ("kidnapped", _KIDNAPPED),
    ("arrested", _ARRESTED), ("missing", _MISSING),
)  # fmt: skip
_OBJECT_VERBS = (
    ("killed", _ACTIVE_KILL), ("wounded", _ACTIVE_WOUND), ("kidnapped", _ACTIVE_KIDNAP),
    ("arrested", _ACTIVE_ARREST),
)  # fmt: skip


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# Patterns that end in a verb are only tried in a window before that verb (see _gated): a count-first
# pattern tried at every position is slow on long runs of numbers.
_WINDOW = 250
_SUBJECT_RES = tuple(
    (kind, _compile(rf"\b{_LIST}{_SUBSET}{_AUX}(?P<verb>{verbs})\b"), _compile(rf"\b(?:{verbs})\b"))
    for kind, verbs in _SUBJECT_VERBS
)
_OBJECT_RES = tuple((kind, _compile(r"\b(?:" + verbs + r")\s+" + _LIST)) for kind, verbs in _OBJECT_VERBS)
# Nominal forms need a number: "protest over the killing of a student" is background, not a toll.
_NUMERAL_AHEAD = r"(?:" + _QUANT + r")?(?:\d|" + _WORD_NUM + r")"
_NOMINAL_RE = _compile(
    r"\b(?:(?:result(?:ing|ed)\s+in|lead(?:ing)?\s+to|led\s+to|caus(?:ing|ed))\s+the\s+(?:deaths?|killings?)\s+of\s+"
    r"|(?:the\s+)?(?:killings?|deaths?|murders?)\s+of\s+(?=" + _NUMERAL_AHEAD + r"))" + _LIST
)
_TO_DEATH_RE = _compile(
    r"\b(?:shot|shooting|stabbed|stabbing|beat|beating|hacked|hacking|tortured|torturing|burned|burning|burnt)"
    r"\s+(?:\w+\s+and\s+(?:tortured|beat|shot|stabbed)\s+)?" + _LIST + r"\s+to\s+death\b"
)
_BARE_PLURAL_RE = _compile(rf"\b{_ACTIVE_KILL}\s+(?!the\b|his\b|her\b){_TAIL_MOD}{{0,2}}?(?P<noun>{_NOUN})")
_PLURAL = re.compile(r"(?:s|men|people|children|police|personnel|staff)$", re.IGNORECASE)
_PRONOUN_RE = _compile(r"\b" + _ACTIVE_KILL + r"\s+(?:him|her)\b")
_DEFINITE_RE = _compile(
    r"\b(?:kill(?:s|ed|ing)|shot\s+dead|shot\s+and\s+killed|assassinat(?:ed|ing)|execut(?:ed|ing)|behead(?:ed|ing))"
    r"\s+(?:the|his|her)\s+" + _MOD + r"{0,4}?(?!\w+s\b)" + _HEAD
)
_LEFT_DEAD_RE = _compile(r"\b(?:left|leaving|leave|leaves)\s+" + _LIST + r"\s+(?:dead|killed)\b")
_FOUND_AHEAD = r"(?=\s+(?:\w+\s+){0,6}?(?:was|were)\s+(?:found|discovered|recovered|retrieved|dumped))"
_BODIES_RE = _compile(rf"\b(?P<np>{_COUNT})\s+{_MOD}{{0,2}}?(?:bodies|corpses|body{_FOUND_AHEAD})\b")
_SUMMARY_RES = (
    _compile(
        r"\b(?:the\s+)?(?:death\s+toll|toll|number\s+of\s+(?:dead|deaths|fatalities))\s+(?:[\w’'-]+\s+){0,5}?"
        r"(?:rose|climbed|increased|jumped|reached|stood|stands|is|was|has\s+risen|had\s+risen|of|at|to|hit)"
        r"\s+(?:to\s+|at\s+)?" + _LIST
    ),
    _compile(r"\bfatalities\s+range\s+from\s+" + _LIST),
    _compile(r"\bfatalit\w*[^.;\[\]]{0,60}?\bcoded\s+as\s+" + _LIST),
)
_FATALITY_COUNT_RE = _compile(rf"\b{_LIST}\s+(?:confirmed\s+|reported\s+)?(?:fatalit(?:y|ies)|deaths)\b")
_FATALITY_GATE = _compile(r"\b(?:fatalit(?:y|ies)|deaths)\b")
_CASUALTY_COUNT_RE = _compile(r"\b" + _LIST + r"\s+(?:\w+\s+)?casualt(?:y|ies)\b")
_CASUALTY_GATE = _compile(r"\bcasualt(?:y|ies)\b")
_BARE_RE = _compile(r"\b(?P<word>casualt(?:y|ies)|fatalit(?:y|ies)|deaths)\b")
_UNSURE_BEFORE = re.compile(
    r"(?i:\b(?:unknown|unclear|whether|if|any|information\s+on|reports?\s+of|no|without|unconfirmed|not\s+known)"
    r"\s+(?:\w+\s+){0,3}$)"
)
_NEGATION_RES = (
    _compile(
        r"\b(?:no|zero|neither|nor)\s+(?:(?:further|other|immediate|reported|known|human)\s+)?(?P<what>fatalit(?:y|ies)|deaths?"
        r"|casualt(?:y|ies)|injur(?:y|ies)|loss\s+of\s+life|lives\s+were\s+lost)\b"
    ),
    _compile(
        r"\b(?:no\s+one|nobody|none\s+of\s+(?:the\s+)?(?:\w+\s+){0,3}?|no\s+(?P<noun>(?:[\w-]+\s+){0,2}?[\w-]+?))"
        r"(?:\s+(?:were|was|has\s+been|have\s+been|had\s+been|is|are|reportedly))*\s+(?P<verb>killed|died|dead"
        r"|hurt|injured|wounded|harmed|kidnapped|abducted|arrested)\b"
    ),
    _compile(r"\bwithout\s+(?:any\s+)?(?P<what>casualties|injuries|fatalities|deaths|loss\s+of\s+life)\b"),
    _compile(r"\bno\s+reports?\s+of\s+(?P<what>casualties|injuries|fatalities|deaths|dead)\b"),
    _compile(
        r"\b(?P<what>casualties|injuries|fatalities|deaths)\s+(?:were|was|have\s+been|has\s+been)\s+not\s+"
        r"(?:reported|recorded|confirmed)\b"
    ),
)
_IMPLICIT_RE = _compile(
    r"\b(?P<x>(?:was|has\s+been|had\s+been)\s+(?:(?!not\b|never\b|nearly\b|almost\b)[\w-]+\s+){0,3}?(?:and\s+)?"
    r"(?P<verb>" + _KILLED_PASSIVE + r"|" + _WOUNDED + r"|" + _KIDNAPPED + r"))\b"
    r"|\b(?P<y>(?:he|she|the\s+(?:[\w-]+\s+){0,2}?)(?:later\s+)?(?:died|succumbed))\b"
)
_SINGULAR_AUX = re.compile(r"\b(?:was|has)\b", re.IGNORECASE)
_ITEM_SEPARATOR = re.compile(r"\s*,\s*and\s+|\s*,\s*|\s+and\s+", re.IGNORECASE)
_INTENT_BEFORE = re.compile(r"\bto\s+$", re.IGNORECASE)
# A number naming a unit or road, not counting people: "battalion 377 detained ...".
_LABEL_BEFORE = re.compile(
    r"\b(?:battalion|brigade|division|regiment|corps|unit|route|road|highway|km|kilometre|kilometer|no\.?|number"
    r"|sector|zone|post|camp|checkpoint|flight|room|article|resolution|district|block|phase|group)\s+$",
    re.IGNORECASE,
)
_SPLIT_RE = _compile(
    r"\b(?:split|spread|divided|distributed)\s+(?:up\s+)?(?:between|among|across|over|into)\s+(?:the\s+)?"
    r"(?P<n>" + _NUM + r")\s+(?:\w+\s+)?(?:events?|locations?|places?|incidents?|villages?|fronts?"
    r"|frontlines?|days?|areas?)(?:\s+(?:in|over)\s+(?P<days>" + _NUM + r")\s+days)?"
)


# ----------------------------------------------------------------------------------------- finding


def find_tolls(text: str, *, base: int = 0) -> list[Toll]:
    """Every casualty figure in ``text``, in text order, without overlapping spans.

    ``base`` is the absolute offset of ``text`` in its document.
    """
    found = [t for finder in _FINDERS for t in finder(text)]
    return [dataclasses.replace(t, start=t.start + base, end=t.end + base) for t in _non_overlapping(found)]


def split_events(text: str) -> int | None:
    """How many events an ACLED note spreads its toll over ("20 fatalities split between 3 events")."""
    m = _SPLIT_RE.search(text)
    if m is None:
        return None
    n = _number_value(m.group("n"))
    if m.group("days"):
        n *= _number_value(m.group("days"))
    return n if n > 1 else None


def _subject_tolls(text: str) -> Iterator[Toll]:
    for kind, pattern, gate in _SUBJECT_RES:
        for m in _gated(pattern, gate, text):
            if _active_with_object(text, m) or _LABEL_BEFORE.search(text, max(0, m.start() - 30), m.start()):
                continue
            toll = _toll_from(m, kind, text, negated=bool(m.group("neg")))
            yield _singular_subject(toll, m, text)


def _singular_subject(toll: Toll, m: re.Match[str], text: str) -> Toll:
    """Keep only the last group before "was": "two gunmen, and one villager was killed" is one death."""
    if not _SINGULAR_AUX.search(text, m.end("np"), m.start("verb")):
        return toll
    cuts = [s.end() for s in _ITEM_SEPARATOR.finditer(m.group("np"))]
    if not cuts:
        return toll
    start = m.start("np") + cuts[-1]
    count, vague, victims = _list_value(text[start : m.end("np")])
    return Toll(toll.kind, count, start, toll.end, text[start : toll.end], vague, toll.negated, victims)


def _object_tolls(text: str) -> Iterator[Toll]:
    for kind, pattern in _OBJECT_RES:
        for m in pattern.finditer(text):
            if not _INTENT_BEFORE.search(text, max(0, m.start() - 30), m.start()):
                yield _toll_from(m, kind, text)
    for pattern in (_LEFT_DEAD_RE, _NOMINAL_RE, _TO_DEATH_RE):
        for m in pattern.finditer(text):
            yield _toll_from(m, "killed", text)
    for m in _BARE_PLURAL_RE.finditer(text):
        noun = m.group("noun")
        if _PLURAL.search(noun) and not _INTENT_BEFORE.search(text, max(0, m.start() - 30), m.start()):
            yield Toll("killed", 3, m.start(), m.end(), m.group(0), vague=True, victims=_category(noun))
    for pattern in (_PRONOUN_RE, _DEFINITE_RE):
        for m in pattern.finditer(text):
            yield Toll("killed", 1, m.start(), m.end(), m.group(0))
    for m in _BODIES_RE.finditer(text):
        yield _toll_from(m, "killed", text)


def _summary_tolls(text: str) -> Iterator[Toll]:
    for pattern in _SUMMARY_RES:
        for m in pattern.finditer(text):
            yield _toll_from(m, "killed", text)
    for m in _gated(_FATALITY_COUNT_RE, _FATALITY_GATE, text):
        yield _toll_from(m, "killed", text)
    for m in _gated(_CASUALTY_COUNT_RE, _CASUALTY_GATE, text):
        yield _toll_from(m, "casualties", text)


def _gated(pattern: re.Pattern[str], gate: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """Matches of a pattern that must end at a ``gate`` word, searched only just before those words."""
    windows: list[tuple[int, int]] = []
    for g in gate.finditer(text):
        lo = max(0, g.start() - _WINDOW)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], g.end())
        else:
            windows.append((lo, g.end()))
    for lo, hi in windows:
        yield from pattern.finditer(text, lo, hi)


def _bare_tolls(text: str) -> Iterator[Toll]:
    """Bare "casualties" (count 0); bare "fatalities"/"deaths" read as ACLED's plural default of 3."""
    for m in _BARE_RE.finditer(text):
        word = m.group("word").lower()
        unsure = _UNSURE_BEFORE.search(text[max(0, m.start() - 40) : m.start()])
        if word.startswith("casualt") or unsure:
            yield Toll("casualties", 0, m.start(), m.end(), m.group(0), vague=True)
        else:
            yield Toll("killed", 3, m.start(), m.end(), m.group(0), vague=True)


def _negations(text: str) -> Iterator[Toll]:
    for pattern in _NEGATION_RES:
        for m in pattern.finditer(text):
            groups = m.groupdict()
            kind = _kind_of_word(groups.get("what") or groups.get("verb") or "")
            noun = groups.get("noun") or ""
            victims = _category(noun) or noun.strip()
            yield Toll(kind, 0, m.start(), m.end(), m.group(0), negated=True, victims=victims)


def _implicit_tolls(text: str) -> Iterator[Toll]:
    """One victim named or described earlier in the sentence: "... was shot dead", "he died"."""
    for m in _IMPLICIT_RE.finditer(text):
        group = "x" if m.group("x") else "y"
        kind = _kind_of_word(m.group("verb") or "died")
        yield Toll(kind, 1, m.start(group), m.end(group), m.group(group))


_KIND_WORDS = (
    (re.compile(r"kill|died|dead|death|fatalit|life|lives|lost", re.I), "killed"),
    (re.compile(r"injur|hurt|wound|hospital", re.I), "wounded"),
    (re.compile(r"harm|casualt", re.I), "casualties"),
    (re.compile(r"kidnap|abduct|hostage|captive", re.I), "kidnapped"),
    (re.compile(r"arrest|detain", re.I), "arrested"),
    (re.compile(r"missing", re.I), "missing"),
)
_FINDERS = (_summary_tolls, _negations, _subject_tolls, _object_tolls, _implicit_tolls, _bare_tolls)


def _active_with_object(text: str, m: re.Match[str]) -> bool:
    """True for "two gunmen killed three people": the subject did the killing, the object is the toll."""
    between = text[m.end("np") : m.start("verb")]
    has_aux = re.search(r"\b(?:were|was|been|are|is|got)\b", between, re.IGNORECASE)
    return (
        not has_aux
        and bool(_TRANSITIVE.match(m.group("verb")))
        and bool(_OBJECT_FOLLOWS.match(text, m.end()))
    )


def _toll_from(m: re.Match[str], kind: str, text: str, *, negated: bool = False) -> Toll:
    count, vague, victims = _list_value(m.group("np"))
    return Toll(kind, count, m.start(), m.end(), text[m.start() : m.end()], vague, negated, victims)


def _list_value(np: str) -> tuple[int, bool, str]:
    """Sum the counts of "two soldiers and a civilian"; the victims are the nouns' categories."""
    total, vague, cats = 0, False, []
    np = re.sub(r"(?i)\bbetween\s+(\S+)\s+and\s+", r"\1 to ", np)  # a range, not two groups
    for item in _ITEM_SEPARATOR.split(np):
        m = _ITEM_RE.match(item)
        if m is None:
            continue
        value, fuzzy = _count_value(m.group(0))
        total, vague = total + value, vague or fuzzy
        noun = _NOUN_RE.findall(item[m.end() :])
        cat = _category(noun[-1]) if noun else ""
        if cat and cat not in cats:
            cats.append(cat)
    return total, vague, ";".join(cats)


def _count_value(phrase: str) -> tuple[int, bool]:
    """ACLED's number for a count phrase: at least/over N = N, N to M = N, vague words by the table."""
    low = re.sub(r"\s+", " ", phrase.strip().lower())
    for pattern, value in _VAGUE:
        if re.fullmatch(pattern, low):
            return value, True
    fuzzy = bool(re.match(_QUANT, low)) and not low.startswith(_EXACT_QUANT)
    low = re.sub("^" + _QUANT, "", low)
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
    return sum(_TENS.get(p, _UNITS.get(p, 0)) for p in parts)


def _category(noun: str) -> str:
    word = re.sub(r"\s+", " ", noun.strip())
    for cat, pattern in _CATEGORY_RES:
        if pattern.match(word):
            return cat
    return ""


def _kind_of_word(word: str) -> str:
    return next((kind for pattern, kind in _KIND_WORDS if pattern.search(word)), "killed")


def _non_overlapping(found: list[Toll]) -> list[Toll]:
    """Longest spans first: "two soldiers and a civilian were killed" beats "a civilian were killed"."""
    kept: list[Toll] = []
    for toll in sorted(found, key=lambda t: (t.start - t.end, t.start)):
        if toll.count < 0 or (toll.count > 1900 and toll.count < 2100 and "," not in toll.text):
            continue  # a year read as a number
        if all(toll.end <= k.start or toll.start >= k.end for k in kept):
            kept.append(toll)
    return sorted(kept, key=lambda t: t.start)


# ----------------------------------------------------------------------------------------- ACLED rule

_ANAPHORIC = re.compile(r"^(?i:the|these|those|both|all|its|their|his|her)\b(?!\s+(?i:bod(?:y|ies)\s+of)\b)")
_ADDITIVE = re.compile(r"\b(?i:another|other|others|more|additional|further|also|second|third)\b")
_UPDATE = re.compile(r"\b(?i:rose|climbed|increased|jumped|reached|risen|hit)\b")
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
