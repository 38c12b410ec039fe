"""The regular expressions of the casualty extractor: constant strings here, compiled by
``CasualtyPatterns`` (one per loaded ``Resources``) on first use, never at import.

Number words and ACLED's values for vague counts, the victim nouns by category, the verbs of
killing, wounding, kidnapping and arrest, and the patterns ``casualties`` runs over text. Names
without a leading underscore are the ones ``casualties`` uses; the rest are building blocks.

The victim-list block ``_LIST`` is about 30,000 characters, and a pattern holding it takes about
0.05 s to compile: seventeen of them would cost a second of every start. So each such pattern is
compiled only when a text first needs it, and tried only where its gate (a short pattern that
matches wherever the long one does) matches: one short report compiles two or three of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cached_property
from types import MappingProxyType
from typing import Any

# ----------------------------------------------------------------------------------------- numbers

UNITS = MappingProxyType({
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
})  # fmt: skip
TENS = MappingProxyType({
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
})  # fmt: skip
# ACLED's values for words with no number (§6): several/many = 3, dozens = 12, hundreds = 100.
VAGUE = (
    (r"an?\s+(?:unknown|unspecified|undetermined|undisclosed|unconfirmed)\s+number\s+of", 3),
    (r"a\s+number\s+of", 3), (r"a\s+(?:few|handful\s+of)", 3), (r"a\s+couple(?:\s+of)?", 2),
    (r"a\s+dozen", 12), (r"a\s+score\s+of", 20), (r"several|many|numerous|multiple|some|few", 3),
    (r"dozens(?:\s+of)?", 12), (r"scores(?:\s+of)?", 12), (r"tens(?:\s+of)?", 10),
    (r"hundreds(?:\s+of)?", 100), (r"thousands(?:\s+of)?", 1000), (r"both", 2),
)  # fmt: skip
_WORD_NUM = (
    r"(?:(?:a|one)\s+hundred|(?:" + "|".join(TENS) + r")(?:[-\s](?:" + "|".join(list(UNITS)[:9]) + r"))?"
    r"|" + "|".join(sorted(UNITS, key=len, reverse=True)) + r")"
)
# Four digits starting 19 or 20 are a year, not a count ("In 2019, 2020 ..." is not 4,039 dead),
# unless people follow ("killed 1999 people"). A minus sign makes no count ("killed -5").
_YEAR_NOT_COUNT = (
    r"(?!(?:19|20)\d\d(?!\d)(?!\s+(?:[A-Za-z-]+\s+)?(?:people|persons|civilians|soldiers|men|women)\b))"
)
_DIGITS = r"(?<!\d)(?<![\s(]-)(?:\d{1,3}(?:,\d{3})+|" + _YEAR_NOT_COUNT + r"\d+)(?![\d,.]\d)(?!\d)"
_NOT_A_COUNT = (
    r"(?![\w’'-]*-year|[\w-]*-(?:day|hour|week|month|storey|km|kg|mm)\b|\s*(?:years?|months?|weeks?|days?|hours?"
    r"|minutes?|km|kms|kilomet\w*|miles?|met(?:re|er)s?|mm|kg|%|per\s*cent|a\.?m\b|p\.?m\b|o'clock|times|rounds"
    r"|(?i:January|February|March|April|May|June|July|August|September|October|November|December))\b)"
)
_NUM = r"(?:" + _DIGITS + r"|" + _WORD_NUM + r")"
EXACT_QUANT = ("a total", "all ", "only", "just", "another", "a further", "an additional")
QUANT = (
    r"(?:at\s+least|more\s+than|over|up\s+to|as\s+many\s+as|nearly|almost|about|around|approximately|roughly"
    r"|some|an\s+estimated|a\s+total\s+of|a\s+further|another|an\s+additional|close\s+to|upwards\s+of"
    r"|no\s+(?:fewer|less)\s+than|at\s+most|only|just|all)\s+"
)
_NOT_TIME = r"(?!\s+(?:days?|weeks?|months?|years?|hours?|minutes?|times|while|short)\b)"
_NUM_COUNT = (
    r"(?:(?:between\s+" + _NUM + r"\s+and\s+|" + _NUM + r"\s*(?:-|–|to|or)\s*)?" + _NUM + _NOT_A_COUNT + r")"
)
_SOFT_COUNT = (
    r"(?:(?:" + "|".join(p for p, _ in VAGUE) + r")(?![\w-])" + _NOT_TIME
    + r"|(?:an?|another)(?=\s|$)" + _NOT_TIME + r")"
)  # fmt: skip
_COUNT = r"(?:(?:" + QUANT + r")?" + _NUM_COUNT + r"|" + _SOFT_COUNT + r")"

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
_NUM_ITEM = rf"(?:(?:{QUANT})?{_NUM_COUNT}(?:{_HURT}\s+{_MOD}{{0,3}}?{_HEAD})?{_OF}?)"
_ITEM = rf"(?:{_NUM_ITEM}|{_SOFT_COUNT}(?:{_HURT}\s+{_MOD}{{0,3}}?{_NOUN})?{_OF}?)"
# After the first item, "a" or "some" must name people: "seven men, some bearing wounds" is seven.
# "killing 12 civilians, a local official said": a phrase that goes on to report is a source, not a victim.
_NOT_SOURCE = r"(?!\s+(?:\w+\s+){0,2}?(?:said|says|told|reported|added)\b)"
_NEXT_ITEM = (
    r"(?:" + _NUM_ITEM + r"|" + _SOFT_COUNT + r"\s+" + _MOD + r"{0,3}?" + _NOUN + _OF + r"?)" + _NOT_SOURCE
)
_TAIL_MOD = r"(?:(?!" + _STOP + r"|\w+ing\b|-?\d|" + _WORD_NUM + r"\b)[\w’'/-]+\s+)"
# "Seven soldiers and allied mercenaries were killed": a last group with no count of its own adds nothing.
_LIST = (
    r"(?P<np>" + _ITEM + r"(?:(?:\s*,\s*|\s+and\s+|\s*,\s*and\s+)" + _NEXT_ITEM + r"){0,5}"
    r"(?:\s+and\s+" + _TAIL_MOD + r"{0,3}?" + _NOUN + r")?)"
)
# "three people, including two soldiers, were killed" is three deaths, not five.
_SUBSET = (
    r"(?:\s*[,(]\s*(?:including|among\s+them|among\s+whom|of\s+whom|mostly|mainly|most\s+of\s+them)\b"
    r"[^,.;()]{1,80}[,)]|\s+including\s+(?:(?!\s(?:were|was)\b)[^,.;()]){1,60}?(?=\s+(?:were|was)\b))?"
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
_OBJECT_FOLLOWS = (
    r"\s+(?:(?:" + QUANT + r")?" + _NUM + r"\b|an?\s|the\s|his\s|her\s|their\s|him\b|them\b|it\b|its\s"
    r"|several\b|dozens\b|many\b|hundreds\b|scores\b)"
)
_TRANSITIVE = (
    r"(?:kill|murder|execut|behead|lynch|massacr|slaughter|assassinat|gun|shot|stabb|injur|wound|hurt|kidnap|abduct"
    r"|arrest|detain|apprehend)"
)

_SUBJECT_VERBS = (
    ("killed", _KILLED_PASSIVE + r"|" + _DIED), ("wounded", _WOUNDED), ("kidnapped", _KIDNAPPED),
    ("arrested", _ARRESTED), ("missing", _MISSING),
)  # fmt: skip
_OBJECT_VERBS = (
    ("killed", _ACTIVE_KILL), ("wounded", _ACTIVE_WOUND), ("kidnapped", _ACTIVE_KIDNAP),
    ("arrested", _ACTIVE_ARREST),
)  # fmt: skip


# A gated pattern tried just before its gate is tried over this many characters before each gate match.
GATE_WINDOW = 250
# No single event kills a million people: a larger figure is a typo or a world total, not a toll.
MAX_TOLL = 1_000_000
_KIND_WORDS = (
    (r"kill|died|dead|death|fatalit|life|lives|lost", "killed"),
    (r"injur|hurt|wound|hospital", "wounded"),
    (r"harm|casualt", "casualties"),
    (r"kidnap|abduct|hostage|captive", "kidnapped"),
    (r"arrest|detain", "arrested"),
    (r"missing", "missing"),
)


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


class Gated:
    """A long pattern, compiled on first need and tried only where its gate (a short pattern that
    matches wherever the long one does) finds something.

    With no ``window``, ``finditer`` gives exactly what the long pattern finds in the whole text.
    With a ``window``, the long pattern must end at a gate word and is tried only over the
    ``window`` characters before each gate match: a count-first pattern tried everywhere is slow
    on long runs of numbers. ``begins``, a pattern every match begins with, skips windows where
    it finds nothing ("Gunmen killed ..." holds no count before the verb).
    """

    def __init__(
        self, source: str, gate: str, *, window: int | None = None, begins: re.Pattern[str] | None = None
    ) -> None:
        self.source = source
        self.gate = _compile(gate)
        self.window = window
        self.begins = begins
        self._pattern: re.Pattern[str] | None = None

    @property
    def pattern(self) -> re.Pattern[str]:
        if self._pattern is None:
            self._pattern = _compile(self.source)
        return self._pattern

    @property
    def compiled(self) -> bool:
        return self._pattern is not None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        if self.window is None:
            if self.gate.search(text) is not None:
                yield from self.pattern.finditer(text)
            return
        windows: list[tuple[int, int]] = []
        for g in self.gate.finditer(text):
            lo = max(0, g.start() - self.window)
            if windows and lo <= windows[-1][1]:
                windows[-1] = (windows[-1][0], g.end())
            else:
                windows.append((lo, g.end()))
        for lo, hi in windows:
            if self.begins is None or self.begins.search(text, lo, hi):
                yield from self.pattern.finditer(text, lo, hi)


class CasualtyPatterns:
    """The casualty extractor's compiled patterns: one per loaded ``Resources``, each pattern
    compiled the first time a text needs it (the long ones only where their gate matches)."""

    @cached_property
    def noun(self) -> re.Pattern[str]:
        return _compile(r"\b" + _NOUN)

    @cached_property
    def categories(self) -> tuple[tuple[str, re.Pattern[str]], ...]:
        return tuple((cat, _compile(r"^(?:" + alt + r")$")) for cat, alt in _VICTIM_NOUNS.items())

    @cached_property
    def item(self) -> re.Pattern[str]:
        return _compile(_COUNT)

    # A comma inside a number ("6,402") separates no groups.
    @cached_property
    def item_separator(self) -> re.Pattern[str]:
        return _compile(r"\s*,\s*and\s+|\s*,(?!\d{3}(?!\d))\s*|\s+and\s+")

    @cached_property
    def object_follows(self) -> re.Pattern[str]:
        return _compile(_OBJECT_FOLLOWS)

    @cached_property
    def transitive(self) -> re.Pattern[str]:
        return _compile(_TRANSITIVE)

    # Each subject pattern's gate is its verb alone.
    @cached_property
    def subject(self) -> tuple[tuple[str, Gated], ...]:
        return tuple(
            (
                kind,
                Gated(
                    rf"\b{_LIST}{_SUBSET}{_AUX}(?P<verb>{verbs})\b", rf"\b(?:{verbs})\b", **self._list_first
                ),
            )
            for kind, verbs in _SUBJECT_VERBS
        )

    @property
    def _list_first(self) -> dict[str, Any]:
        """For a pattern that begins with a victim list and ends at its gate: tried just before
        the gate, and only where a count (``item``, with which every list begins) comes first."""
        return {"window": GATE_WINDOW, "begins": self.item}

    # The gate of each pattern below without a window is a part of it that every match contains: tried
    # only where the gate matches, it finds what it would find tried everywhere.
    @cached_property
    def object(self) -> tuple[tuple[str, Gated], ...]:
        return tuple(
            (kind, Gated(r"\b(?:" + verbs + r")\s+" + _LIST, r"\b(?:" + verbs + r")\s"))
            for kind, verbs in _OBJECT_VERBS
        )

    # Nominal forms need a number: "protest over the killing of a student" is background, not a toll.
    @cached_property
    def nominal(self) -> Gated:
        numeral_ahead = r"(?:" + QUANT + r")?(?:\d|" + _WORD_NUM + r")"
        return Gated(
            r"\b(?:(?:result(?:ing|ed)\s+in|lead(?:ing)?\s+to|led\s+to|caus(?:ing|ed))\s+the\s+(?:deaths?|killings?)\s+of\s+"
            r"|(?:the\s+)?(?:killings?|deaths?|murders?)\s+of\s+(?=" + numeral_ahead + r"))" + _LIST,
            r"(?:death|killing|murder)s?\s+of\s",
        )

    @cached_property
    def to_death(self) -> Gated:
        return Gated(
            r"\b(?:shot|shooting|stabbed|stabbing|beat|beating|hacked|hacking|tortured|torturing|burned|burning|burnt)"
            r"\s+(?:\w+\s+and\s+(?:tortured|beat|shot|stabbed)\s+)?" + _LIST + r"\s+to\s+death\b",
            r"\sto\s+death\b",
        )

    @cached_property
    def bare_plural(self) -> re.Pattern[str]:
        return _compile(rf"\b{_ACTIVE_KILL}\s+(?!the\b|his\b|her\b){_TAIL_MOD}{{0,2}}?(?P<noun>{_NOUN})")

    @cached_property
    def plural(self) -> re.Pattern[str]:
        return _compile(r"(?:s|men|people|children|police|personnel|staff)$")

    @cached_property
    def pronoun(self) -> re.Pattern[str]:
        return _compile(r"\b" + _ACTIVE_KILL + r"\s+(?:him|her)\b")

    @cached_property
    def definite(self) -> re.Pattern[str]:
        return _compile(
            r"\b(?:kill(?:s|ed|ing)|shot\s+dead|shot\s+and\s+killed|assassinat(?:ed|ing)|execut(?:ed|ing)|behead(?:ed|ing))"
            r"\s+(?:the|his|her)\s+" + _MOD + r"{0,4}?(?!\w+s\b)" + _HEAD
        )

    @cached_property
    def left_dead(self) -> Gated:
        return Gated(
            r"\b(?:left|leaving|leave|leaves)\s+" + _LIST + r"\s+(?:dead|killed)\b",
            r"\b(?:left|leaving|leave|leaves)\s",
        )

    @cached_property
    def bodies(self) -> Gated:
        found_ahead = r"(?=\s+(?:\w+\s+){0,6}?(?:was|were)\s+(?:found|discovered|recovered|retrieved|dumped))"
        return Gated(
            rf"\b(?P<np>{_COUNT})\s+{_MOD}{{0,2}}?(?:bodies|corpses|body{found_ahead})\b",
            r"bodies|corpses|body",
        )

    @cached_property
    def summary(self) -> tuple[Gated, ...]:
        return (
            Gated(
                r"\b(?:the\s+)?(?:death\s+toll|toll|number\s+of\s+(?:dead|deaths|fatalities))\s+(?:[\w’'-]+\s+){0,5}?"
                r"(?:rose|climbed|increased|jumped|reached|mounted|grew|swelled|soared|stood|stands|is|was|has\s+risen"
                r"|had\s+risen|of|at|to|hit)"
                r"\s+(?:to\s+|at\s+)?" + _LIST,
                r"\b(?:toll|number\s+of\s+(?:dead|deaths|fatalities))\s",
            ),
            Gated(r"\bfatalities\s+range\s+from\s+" + _LIST, r"\bfatalities\s+range\s+from\s"),
            Gated(r"\bfatalit\w*[^.;\[\]]{0,60}?\bcoded\s+as\s+" + _LIST, r"\bcoded\s+as\s"),
        )

    @cached_property
    def fatality_count(self) -> Gated:
        return Gated(
            rf"\b{_LIST}\s+(?:confirmed\s+|reported\s+)?(?:fatalit(?:y|ies)|deaths)\b",
            r"\b(?:fatalit(?:y|ies)|deaths)\b",
            **self._list_first,
        )

    @cached_property
    def casualty_count(self) -> Gated:
        return Gated(
            r"\b" + _LIST + r"\s+(?:\w+\s+)?casualt(?:y|ies)\b", r"\bcasualt(?:y|ies)\b", **self._list_first
        )

    @cached_property
    def bare(self) -> re.Pattern[str]:
        return _compile(r"\b(?P<word>casualt(?:y|ies)|fatalit(?:y|ies)|deaths)\b")

    @cached_property
    def unsure_before(self) -> re.Pattern[str]:
        return re.compile(
            r"(?i:\b(?:unknown|unclear|whether|if|any|information\s+on|reports?\s+of|no|without|unconfirmed|not\s+known)"
            r"\s+(?:\w+\s+){0,3}$)"
        )

    @cached_property
    def negations(self) -> tuple[re.Pattern[str], ...]:
        return (
            _compile(
                r"\b(?:no|zero|neither|nor)\s+(?:(?:further|other|immediate|reported|known|human)\s+)?(?P<what>fatalit(?:y|ies)|deaths?"
                r"|casualt(?:y|ies)|injur(?:y|ies)|loss\s+of\s+life|lives\s+were\s+lost)\b"
            ),
            _compile(
                r"\b(?:no\s+one|nobody|none\s+of\s+(?:the\s+)?(?:\w+\s+){0,3}?|no\s+(?P<noun>(?:[\w-]+\s+){0,2}?[\w-]+?))"
                r"(?:\s+(?:were|was|has\s+been|have\s+been|had\s+been|is|are|reportedly))*\s+(?P<verb>killed|died|dead"
                r"|hurt|injured|wounded|harmed|kidnapped|abducted|arrested)\b"
            ),
            _compile(
                r"\bwithout\s+(?:any\s+)?(?P<what>casualties|injuries|fatalities|deaths|loss\s+of\s+life)\b"
            ),
            _compile(r"\bno\s+reports?\s+of\s+(?P<what>casualties|injuries|fatalities|deaths|dead)\b"),
            _compile(
                r"\b(?P<what>casualties|injuries|fatalities|deaths)\s+(?:were|was|have\s+been|has\s+been)\s+not\s+"
                r"(?:reported|recorded|confirmed)\b"
            ),
        )

    @cached_property
    def implicit(self) -> re.Pattern[str]:
        return _compile(
            r"\b(?P<x>(?:was|has\s+been|had\s+been)\s+(?:(?!not\b|never\b|nearly\b|almost\b)[\w-]+\s+){0,3}?(?:and\s+)?"
            r"(?P<verb>" + _KILLED_PASSIVE + r"|" + _WOUNDED + r"|" + _KIDNAPPED + r"))\b"
            r"|\b(?P<y>(?:he|she|the\s+(?:[\w-]+\s+){0,2}?)(?:later\s+)?(?:died|succumbed))\b"
        )

    @cached_property
    def singular_aux(self) -> re.Pattern[str]:
        return _compile(r"\b(?:was|has)\b")

    # "whether anyone had been killed" asks; it reports no death.
    @cached_property
    def whether_before(self) -> re.Pattern[str]:
        return _compile(r"\b(?:whether|if)\s+(?:anyone|anybody|someone|any\s+\w+)\s+$")

    # "the deaths" points back to deaths already counted.
    @cached_property
    def definite_before(self) -> re.Pattern[str]:
        return _compile(r"\b(?:the|these|those|their|its|his|her)\s+$")

    @cached_property
    def intent_before(self) -> re.Pattern[str]:
        return _compile(r"\bto\s+$")

    # A number naming a unit or road, not counting people: "battalion 377 detained ...".
    @cached_property
    def label_before(self) -> re.Pattern[str]:
        return _compile(
            r"\b(?:battalion|brigade|division|regiment|corps|unit|route|road|highway|km|kilometre|kilometer|no\.?|number"
            r"|sector|zone|post|camp|checkpoint|flight|room|article|resolution|district|block|phase|group)\s+$"
        )

    @cached_property
    def split(self) -> re.Pattern[str]:
        return _compile(
            r"\b(?:split|spread|divided|distributed)\s+(?:up\s+)?(?:between|among|across|over|into)\s+(?:the\s+)?"
            r"(?P<n>" + _NUM + r")\s+(?:\w+\s+)?(?:events?|locations?|places?|incidents?|villages?|fronts?"
            r"|frontlines?|days?|areas?)(?:\s+(?:in|over)\s+(?P<days>" + _NUM + r")\s+days)?"
        )

    # "12 killed in three days of fighting", "over the past four days": a toll spread over days.
    @cached_property
    def days_spread(self) -> re.Pattern[str]:
        return _compile(
            r"\b(?:in|over|during|across|within|throughout)\s+(?:the\s+)?(?:past\s+|last\s+|previous\s+)?"
            r"(?P<n>" + _NUM + r")\s+days\b|\b(?P<m>" + _NUM + r")\s+days\s+of\s+(?:fighting|clashes|violence"
            r"|attacks|shelling|bombardment|air\s*strikes|protests|unrest|raids|battles?)\b"
        )

    # A count right before the people it counts is no year: "killed 1999 people".
    @cached_property
    def people_after(self) -> re.Pattern[str]:
        return _compile(r"^\S+\s+(?:[A-Za-z-]+\s+)?(?:people|persons|civilians|soldiers|men|women)\b")

    @cached_property
    def kind_words(self) -> tuple[tuple[re.Pattern[str], str], ...]:
        return tuple((_compile(pattern), kind) for pattern, kind in _KIND_WORDS)
