"""Tolls by ACLED's rules: subsets, plain large numbers, refused figures, per-day splits and a
party's own media, on sentences written for these tests."""

from __future__ import annotations

import pytest

import sitrep
from sitrep.extractors import casualties
from sitrep.extractors.casualties import acled_fatalities
from sitrep.extractors.casualty_patterns import CasualtyPatterns
from sitrep.records import Toll

PATTERNS = CasualtyPatterns()  # compiled as the tests below need them, once for the module


def find_tolls(text: str, *, base: int = 0) -> list[Toll]:
    return casualties.find_tolls(text, PATTERNS, base=base)


def split_events(text: str) -> int | None:
    return casualties.split_events(text, PATTERNS)


def _deaths(text: str) -> int | None:
    return acled_fatalities(find_tolls(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "14 rebel fighters including 3 commanders were killed and 6 including a commander were wounded.",
            14,
        ),
        ("Nine villagers, including four children, were killed in the raid.", 9),
        ("The militia killed 10000 people in the region over the years.", 10000),
        ("The army killed 25000 civilians, the commission found.", 25000),
        ("10000 people were killed in the uprising, the report said.", 10000),
        ("The junta killed 1999 people, the rights group said.", 1999),
        ("Since 2014, 13,000 people have been killed in the conflict.", 13000),
        ("In 2020 12 soldiers died in the region.", 12),
    ],
)
def test_counts_are_read_whole(text, expected):
    assert _deaths(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen killed -5 people in the village.",
        "The blast killed 1,000,000,000,000,000,000,000 people.",
        "The blast killed " + "1" + "0" * 60 + " people.",
    ],
)
def test_impossible_figures_are_refused(text):
    assert not any(t.kind == "killed" and t.count for t in find_tolls(text))


def test_a_year_is_not_a_count():
    assert _deaths("In 2019, 25 people were killed in the district.") == 25


def test_a_toll_over_several_days_is_divided_among_the_days(resources):
    text = "Twelve people were killed in three days of fighting between the army and rebels near Kidal."
    assert split_events(text) == 3
    events = sitrep.extract([{"id": "t", "text": text, "published": "2021-03-03"}], resources)
    assert events[0].fatalities == 4


def test_a_remainder_goes_to_the_first_day(resources):
    text = "Fighting over the past three days has killed 20 people in Marib, officials said."
    events = sitrep.extract([{"id": "t", "text": text, "published": "2021-03-03"}], resources)
    assert events[0].fatalities == 7


def _event(resources, text: str, outlet: str | None):
    doc = {"id": "t", "text": text, "published": "2020-05-05", "outlet": outlet}
    return sitrep.extract([doc], resources)[0]


def test_a_partys_own_media_alone_is_claimed_not_counted(resources):
    text = "Taliban fighters ambushed an army convoy in Sayedabad district, Wardak, killing 9 soldiers."
    event = _event(resources, text, "Voice of Jihad")
    assert event.fatalities == 0
    flagged = [c for c in event.claims if c.field == "fatalities" and c.extractor == "casualties.partisan"]
    assert [c.value for c in flagged] == [9]
    assert flagged[0].quote == "killing 9 soldiers"


def test_a_partys_channel_relayed_by_platforms_is_still_the_party(resources):
    text = "Taliban fighters ambushed an army convoy in Sayedabad district, Wardak, killing 9 soldiers."
    assert _event(resources, text, "Taliban Twitter; Twitter").fatalities == 0


def test_a_partys_toll_counts_when_an_independent_outlet_reports_it(resources):
    text = "Taliban fighters ambushed an army convoy in Sayedabad district, Wardak, killing 9 soldiers."
    assert _event(resources, text, "Voice of Jihad; Pajhwok Afghan News").fatalities == 9
    assert _event(resources, text, "Pajhwok Afghan News").fatalities == 9


def test_a_coders_own_statement_of_the_toll_decides(resources):
    text = (
        "On 4 May 2020, gunmen killed 2 herders near Ngala, Borno. Fatalities coded as 1 (one report gave 2)."
    )
    assert _event(resources, text, None).fatalities == 1
