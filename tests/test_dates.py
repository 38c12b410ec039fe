from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.extractors.dates import dateline_date, find_dates, parse_published

# 2021-03-10 is a Wednesday.
PUB = "2021-03-10"


def first(text: str, published: str | None = PUB):
    found = find_dates(text, published=published)
    assert found, f"no date in {text!r}"
    return found[0]


def values(text: str, published: str | None = PUB) -> list[tuple[str, int, str]]:
    return [(d.value, d.precision, d.kind) for d in find_dates(text, published=published)]


@pytest.mark.parametrize(
    "text",
    [
        "Rebels shelled the town on 14 February 2021.",
        "Rebels shelled the town on February 14, 2021.",
        "Rebels shelled the town on Feb. 14, 2021.",
        "Rebels shelled the town on 14th of February 2021.",
        "Rebels shelled the town on Sunday, 14 February 2021.",
        "Rebels shelled the town on 2021-02-14.",
        "Rebels shelled the town on 14/02/2021.",
    ],
)
def test_explicit_forms_resolve_to_the_same_day(text: str) -> None:
    d = first(text)
    assert (d.value, d.precision, d.kind) == ("2021-02-14", 1, "explicit")


def test_day_and_month_without_year_take_publication_year() -> None:
    assert first("Militia fighters raided the camp on 3 March.").value == "2021-03-03"
    assert first("Militia fighters raided the camp on Mar. 3.").value == "2021-03-03"


def test_day_and_month_after_publication_fall_back_a_year() -> None:
    assert first("The ambush on December 28 killed four guards.").value == "2020-12-28"


def test_on_the_nth_is_a_day_of_the_publication_month() -> None:
    assert first("Gunmen returned on the 4th, residents said.").value == "2021-03-04"
    assert find_dates("She lives on the 4th floor.", published=PUB) == []


def test_weekday_resolves_to_latest_before_publication() -> None:
    assert first("Troops fired on marchers on Monday.").value == "2021-03-08"
    assert first("Troops fired on marchers on Thursday.").value == "2021-03-04"


def test_weekday_not_an_event_day_is_skipped() -> None:
    assert find_dates("Talks resume next Monday; markets close every Friday.", published=PUB) == []
    assert first("Clashes broke out after Friday prayers.").value == "2021-03-05"
    assert values("The Sunday Times said the raid was on Saturday.") == [("2021-03-06", 1, "weekday")]


def test_weekday_equal_to_publication_day_is_that_day() -> None:
    assert first("Troops fired on marchers on Wednesday.").value == "2021-03-10"
    assert first("Troops fired on marchers last Wednesday.").value == "2021-03-03"


@pytest.mark.parametrize("text", ["Tuesday's raid", "late on Tuesday", "Tuesday night", "early Tuesday"])
def test_weekday_phrases_keep_their_day(text: str) -> None:
    d = first(f"Police said {text} left the market empty.")
    assert (d.value, d.precision, d.kind) == ("2021-03-09", 1, "weekday")


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("today", ("2021-03-10", 1)),
        ("earlier today", ("2021-03-10", 1)),
        ("this morning", ("2021-03-10", 1)),
        ("yesterday", ("2021-03-09", 1)),
        ("last night", ("2021-03-09", 1)),
        ("the day before yesterday", ("2021-03-08", 1)),
        ("two days ago", ("2021-03-08", 1)),
        ("3 days ago", ("2021-03-07", 1)),
        ("a few days ago", ("2021-03-07", 2)),
        ("last week", ("2021-03-03", 2)),
        ("earlier this week", ("2021-03-09", 2)),
        ("over the weekend", ("2021-03-06", 2)),
        ("this month", ("2021-03-10", 3)),
        ("last month", ("2021-02-15", 3)),
    ],
)
def test_relative_words_resolve_against_publication(phrase: str, expected: tuple[str, int]) -> None:
    d = first(f"A crowd stoned the convoy {phrase}, witnesses said.")
    assert (d.value, d.precision) == expected


def test_month_words_use_acled_days() -> None:
    assert values("Clashes in January displaced hundreds.")[0] == ("2021-01-15", 3, "month")
    assert values("Clashes in early February displaced hundreds.")[0] == ("2021-02-01", 3, "month")
    assert values("Clashes in late February displaced hundreds.")[0] == ("2021-02-28", 3, "month")
    assert values("Clashes in mid-January displaced hundreds.")[0] == ("2021-01-15", 3, "month")
    assert values("Clashes in November displaced hundreds.")[0] == ("2020-11-15", 3, "month")


def test_month_never_resolves_after_publication() -> None:
    assert first("Fighting in March 2021 spread south.").value == "2021-03-10"


def test_without_publication_only_dated_expressions_resolve() -> None:
    text = "On Monday, and again yesterday, gunmen struck; the first raid was on 2 March 2021."
    assert values(text, published=None) == [("2021-03-02", 1, "explicit")]


def test_on_day_month_year_is_exact() -> None:
    d = first("On 9 May 2020, youths burned tyres on the main road.")
    assert (d.value, d.precision, d.kind, d.text) == ("2020-05-09", 1, "explicit", "9 May 2020")


def test_around_as_reported_is_precision_two() -> None:
    d = first("Around 9 May 2020 (as reported), a trader was found dead near the river.")
    assert (d.value, d.precision, d.kind) == ("2020-05-09", 2, "approx")
    assert d.text == "Around 9 May 2020 (as reported)"


@pytest.mark.parametrize(
    "text",
    [
        "As reported on 9 May 2020, a patrol was ambushed.",
        "On 9 May 2020 (or around), a patrol was ambushed.",
        "On or about 9 May 2020, a patrol was ambushed.",
    ],
)
def test_approximate_markers_lower_precision(text: str) -> None:
    d = first(text)
    assert (d.value, d.precision) == ("2020-05-09", 2)


def test_week_of_keeps_stated_day_at_precision_two() -> None:
    d = first("During the week of 3 May 2020, herders clashed with farmers.")
    assert (d.value, d.precision, d.kind) == ("2020-05-03", 2, "week")


def test_day_range_takes_middle_day() -> None:
    assert values("Between 1 and 3 May 2020, the militia looted shops.")[0] == ("2020-05-02", 2, "range")
    assert values("From 4 May to 8 May 2020, crowds gathered daily.")[0] == ("2020-05-06", 2, "range")


def test_month_with_year_is_precision_three() -> None:
    assert values("On an unspecified day in April 2020, a chief was abducted.")[0][:2] == ("2020-04-15", 3)
    assert values("In early May 2020, a chief was abducted.")[0][:2] == ("2020-05-01", 3)


def test_birth_dates_years_and_since_are_not_event_days() -> None:
    text = "The victim, born on 4 July 1990, had lived there since 2011 and moved in 2019, aged 12."
    assert find_dates(text, published=PUB) == []


def test_deadline_and_future_days_are_marked() -> None:
    assert first("Rebels ignored the 20 February deadline.").kind == "deadline"
    assert first("Elections are set for 12 June 2021.").kind == "future"


def test_lowercase_may_is_not_a_month() -> None:
    assert find_dates("Officials said more people may 5 times be displaced.", published=PUB) == []


def test_anchored_day_before_counts_from_previous_date() -> None:
    found = find_dates("Police raided the camp on 5 March. The day before, gunmen had fired.", published=PUB)
    assert [(d.value, d.kind) for d in found] == [("2021-03-05", "explicit"), ("2021-03-04", "relative")]


def test_ambiguous_numeric_date_needs_publication_to_decide() -> None:
    assert find_dates("The raid on 03/02/2021 was reported.", published=None) == []
    assert first("The raid on 03/02/2021 was reported.", published="2021-02-05").value == "2021-02-03"
    assert find_dates("The raid on 03/02/2021 was reported.", published=PUB) == []  # both readings recent


def test_dateline_date_is_read_from_the_opening() -> None:
    d = dateline_date("MOGADISHU, Somalia, March 9 (Reuters) - Gunmen attacked a hotel.", PUB)
    assert d is not None and (d.value, d.kind, d.start) == ("2021-03-09", "dateline", 20)
    assert dateline_date("Gunmen attacked a hotel on March 9 - police said.", PUB) is None


def test_opening_date_with_a_preposition_is_prose_not_a_dateline() -> None:
    text = "Around 8 March 2021 (6-8 March), herders and farmers fought near the river."
    assert dateline_date(text, PUB) is None
    assert dateline_date("On March 8 (local time) - gunmen attacked a bus.", PUB) is None


def test_bad_publication_date_is_treated_as_missing() -> None:
    assert parse_published("last Tuesday") is None
    assert parse_published("2021-03-10T08:00:00Z").isoformat() == PUB


def test_offsets_include_base() -> None:
    text = "Protesters marched on 2 March."
    d = find_dates(text, published=PUB, base=100)[0]
    assert (d.start, d.end) == (100 + text.index("2 March"), 100 + len(text) - 1)


WORDS = st.sampled_from(
    [
        "on", "Monday", "yesterday", "12", "May", "2020", "Around", "(as reported)", "between", "and", "-",
        "last", "week", "early", "March", "the", "4th", "day", "before", "Feb.", "03/02/2021", "2021-02-03",
        ",", ".", "in", "of", "late", "weekend", "ago", "two", "days", "\n",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(prefix=st.text(max_size=20), words=st.lists(WORDS, max_size=25), base=st.integers(0, 1000))
def test_offsets_are_absolute(prefix: str, words: list[str], base: int) -> None:
    text = prefix + " ".join(words)
    document = "x" * base + text
    for d in find_dates(text, published=PUB, base=base):
        assert document[d.start : d.end] == d.text
        assert d.precision in (1, 2, 3)
