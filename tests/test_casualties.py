from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.extractors import casualties
from sitrep.extractors.casualties import acled_fatalities
from sitrep.extractors.casualty_patterns import CasualtyPatterns
from sitrep.records import Toll

PATTERNS = CasualtyPatterns()  # compiled as the tests below need them, once for the module


def find_tolls(text: str, *, base: int = 0) -> list[Toll]:
    return casualties.find_tolls(text, PATTERNS, base=base)


def split_events(text: str) -> int | None:
    return casualties.split_events(text, PATTERNS)


def tolls(text: str) -> list[tuple[str, int, bool]]:
    return [(t.kind, t.count, t.negated) for t in find_tolls(text)]


def fatalities(text: str) -> int | None:
    return acled_fatalities(find_tolls(text))


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Bandits killed three herders near the well.", 3),
        ("3 people were killed in the raid.", 3),
        ("The mortar round hit a bus, killing 12.", 12),
        ("The blast left two dead.", 2),
        ("At least 20 dead after the market bombing.", 20),
        ("The death toll rose to 33 on Friday.", 33),
        ("One person has reportedly been killed.", 1),
        ("A man was killed at the checkpoint.", 1),
        ("Police said five fatalities were recorded.", 5),
        ("1 fatality.", 1),
        ("The bodies of four men were found by the road.", 4),
        ("A trader was found dead in his shop.", 1),
        ("A teacher was shot dead outside the school.", 1),
        ("Two brothers were gunned down at a wedding.", 2),
        ("A suspected thief was lynched by a crowd.", 1),
        ("A wounded guard later died of his wounds.", 1),
        ("A policeman succumbed to his injuries in hospital.", 1),
        ("Security forces killed one of the suicide bombers.", 1),
        ("Between 4 and 6 miners were killed.", 4),
        ("Twenty-five villagers were massacred.", 25),
        ("The strike claimed the lives of 9 fishermen.", 9),
        ("Armed men shot two farmers to death.", 2),
    ],
)
def test_killed_figures_in_common_forms(text: str, count: int) -> None:
    assert fatalities(text) == count


def test_conjoined_victims_are_summed() -> None:
    found = find_tolls("Two soldiers and a civilian were killed in the ambush.")
    assert [(t.kind, t.count) for t in found] == [("killed", 3)]
    assert found[0].victims == "soldiers;civilians"


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Dozens were killed in the fighting.", 12),
        ("Several people died in the stampede.", 3),
        ("Scores of fighters were killed.", 12),
        ("Hundreds were killed as the town fell.", 100),
        ("A dozen guards were killed.", 12),
        ("More than 40 people were killed.", 40),
        ("Over 15 people were killed.", 15),
        ("Some 8 to 10 soldiers were killed.", 8),
        ("7-9 protesters were killed.", 7),
    ],
)
def test_vague_words_use_acled_values(text: str, count: int) -> None:
    assert fatalities(text) == count


def test_vague_counts_are_flagged() -> None:
    (toll,) = find_tolls("Several civilians were killed.")
    assert toll.vague and toll.victims == "civilians"


def test_negated_toll_adds_nothing() -> None:
    found = find_tolls("No Americans were killed, but a local guard was shot dead.")
    assert found[0].negated and found[0].count == 0 and found[0].victims == "Americans"
    assert fatalities("No Americans were killed, but a local guard was shot dead.") == 1


@pytest.mark.parametrize(
    "text",
    [
        "No fatalities were reported.",
        "No casualties were reported after the shelling.",
        "No one was hurt when police fired tear gas.",
        "Neither fatalities nor injuries were reported.",
        "The convoy passed without casualties.",
    ],
)
def test_denials_are_zero(text: str) -> None:
    assert fatalities(text) == 0
    assert all(t.negated for t in find_tolls(text))


@pytest.mark.parametrize(
    "text",
    [
        "Three police officers were injured by stones.",
        "The grenade wounded 4 traders.",
        "The attack caused casualties.",
        "15 people were abducted from the bus.",
        "Police arrested 30 protesters.",
    ],
)
def test_injuries_only_is_zero(text: str) -> None:
    assert fatalities(text) == 0


def test_silence_about_harm_is_none() -> None:
    assert fatalities("Hundreds marched peacefully through the capital.") is None


def test_kinds_for_wounded_kidnapped_arrested() -> None:
    assert tolls("Gunmen abducted 17 passengers.") == [("kidnapped", 17, False)]
    assert tolls("Police arrested 5 suspects.") == [("arrested", 5, False)]
    assert tolls("Two rioters were detained.") == [("arrested", 2, False)]
    assert tolls("The blast injured nine workers.") == [("wounded", 9, False)]


def test_killing_and_injuring_are_two_tolls() -> None:
    found = tolls("Rebels ambushed the patrol, killing two soldiers and injuring five.")
    assert found == [("killed", 2, False), ("wounded", 5, False)]


def test_subset_is_not_added_to_its_total() -> None:
    assert fatalities("Three people, including two soldiers, were killed.") == 3
    assert fatalities("Gunmen killed 3 people. The three victims were farmers.") == 3


def test_active_subject_is_not_the_toll() -> None:
    assert tolls("Two gunmen killed three people.") == [("killed", 3, False)]


def test_distinct_groups_are_summed_and_repeats_are_not() -> None:
    text = "A roadside bomb killed two soldiers. Later, militants shot dead a civilian."
    assert fatalities(text) == 3
    assert fatalities("Five people were killed. Police confirmed that 5 people were killed.") == 5


def test_differing_reports_take_the_lowest() -> None:
    assert fatalities("Ten people were killed, residents said. Officials said 7 people died.") == 7


def test_rising_toll_takes_the_latest_figure() -> None:
    assert fatalities("12 people died on Monday. The death toll has risen to 18.") == 18


def test_coder_statement_wins() -> None:
    text = "The army said it killed a number of fighters. Fatalities coded as 10."
    assert fatalities(text) == 10


def test_implicit_single_death_counts_only_alone() -> None:
    assert fatalities("Omar Ali, a local councillor, was stabbed to death.") == 1
    assert fatalities("A driver was shot dead. He was killed as he left the mosque.") == 1


def test_ages_years_and_units_are_not_counts() -> None:
    assert fatalities("A 17-year-old boy was killed 5 km from home.") == 1
    assert all(t.count < 100 for t in find_tolls("In 2019, 2020 protesters were arrested."))
    assert tolls("Battalion 377 detained a farmer.") == [("arrested", 1, False)]


def test_background_killing_without_number_is_not_a_toll() -> None:
    assert fatalities("Students marched to protest the killing of a classmate.") is None


def test_split_events_reads_acled_split_notes() -> None:
    assert split_events("20 fatalities split up between 3 events.") == 3
    assert split_events("Fatalities split between 8 events.") == 8
    assert split_events("10 fatalities coded and spread across three locations in two days.") == 6
    assert split_events("Five people were killed.") is None


def test_offsets_include_base() -> None:
    text = "Locals said 4 herders were killed."
    (toll,) = find_tolls(text, base=50)
    assert (toll.start, toll.end) == (50 + text.index("4"), 50 + len(text) - 1)


def test_long_runs_of_numbers_stay_fast() -> None:
    import time

    text = "1, 2 and 3 " * 3000 + "were killed."
    started = time.perf_counter()
    find_tolls(text)
    assert time.perf_counter() - started < 2.0


WORDS = st.sampled_from(
    [
        "killed", "were", "was", "two", "3", "soldiers", "and", "a", "civilian", "no", "one", "hurt", ",",
        "at least", "dozens", "of", "the", "bodies", "found", "dead", "injuring", "fatalities", "death toll",
        "rose to", "including", "people", "left", "shot", "casualties", "1-2", "Several", "\n", ".",
        "\u2019s",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(prefix=st.text(max_size=20), words=st.lists(WORDS, max_size=30), base=st.integers(0, 1000))
def test_offsets_are_absolute(prefix: str, words: list[str], base: int) -> None:
    text = prefix + " ".join(words)
    document = "x" * base + text
    found = find_tolls(text, base=base)
    for toll in found:
        assert document[toll.start : toll.end] == toll.text
        assert toll.count >= 0
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))
    acled_fatalities(found)


# ----------------------------------------------------------------------------- multi-outlet pages


def test_reporting_phrase_after_a_count_is_not_another_victim():
    assert fatalities("Gunmen raided the hamlet, killing 7 herders, a district official said.") == 7


def test_thousands_separator_keeps_one_number():
    assert fatalities("The commission found that at least 2,315 people were killed.") == 2315


def test_asking_whether_anyone_died_reports_no_death():
    assert fatalities("The governor did not say whether anyone had been killed in the raid.") is None


def test_the_deaths_points_back_to_deaths_already_counted():
    assert tolls("Prosecutors opened an inquiry into the deaths at the depot.") == []


def test_a_risen_toll_is_an_update():
    from sitrep.extractors.casualties import is_toll_update

    updates = [is_toll_update(t) for t in find_tolls("By evening the death toll had risen to 19.")]
    assert updates == [True]
    assert not any(is_toll_update(t) for t in find_tolls("Officials put the toll at 17."))


@pytest.mark.parametrize("verb", ["mounted", "grew", "climbed", "had risen"])
def test_each_wording_of_a_rising_toll_is_an_update(verb):
    from sitrep.extractors.casualties import is_toll_update

    assert [is_toll_update(t) for t in find_tolls(f"By nightfall the death toll {verb} to 22.")] == [True]


def _long_patterns(p: CasualtyPatterns) -> list:
    return [
        *(g for _, g in p.subject),
        *(g for _, g in p.object),
        p.nominal,
        p.to_death,
        p.left_dead,
        p.bodies,
        *p.summary,
        p.fatality_count,
        p.casualty_count,
    ]


def test_a_report_without_harm_words_compiles_none_of_the_long_patterns() -> None:
    fresh = CasualtyPatterns()
    assert casualties.find_tolls("Traders reopened the market on Monday after the rains.", fresh) == []
    assert not any(g.compiled for g in _long_patterns(fresh))


def test_a_short_report_compiles_only_the_patterns_its_words_call_for() -> None:
    fresh = CasualtyPatterns()
    casualties.find_tolls("Gunmen killed six villagers near the river, police said.", fresh)
    compiled = [g for g in _long_patterns(fresh) if g.compiled]
    assert 1 <= len(compiled) <= 3


@pytest.mark.parametrize(
    "text",
    [
        "Militants shot two guards to death and left three soldiers dead at the gate.",
        "The death toll rose to 14, including the killing of 3 officers; 5 fatalities were coded as 5.",
        "Fatalities range from 2 to 4. The bodies of six men were found. Rebels abducted 12 farmers.",
        "Police arrested 40 protesters and wounded 7 others.",
    ],
)
def test_a_gated_pattern_finds_what_the_pattern_finds_everywhere(text: str) -> None:
    import re

    for gated in _long_patterns(CasualtyPatterns()):
        if gated.window is None:
            everywhere = re.compile(gated.source, re.IGNORECASE).finditer(text)
            assert [m.span() for m in gated.finditer(text)] == [m.span() for m in everywhere]


@pytest.mark.parametrize(
    "text",
    [
        "Two soldiers and a civilian were killed; gunmen killed, and 4 more died later.",
        "Gunmen killed villagers. 12 fatalities and at least three casualties were reported.",
        "Police said several protesters were hurt and 1,200 were arrested; 7 remain missing.",
    ],
)
def test_a_window_without_a_count_holds_no_subject_match(text: str) -> None:
    from sitrep.extractors.casualty_patterns import Gated

    fresh = CasualtyPatterns()
    for gated in [*(g for _, g in fresh.subject), fresh.fatality_count, fresh.casualty_count]:
        unchecked = Gated(gated.source, gated.gate.pattern, window=gated.window)
        assert [m.span() for m in gated.finditer(text)] == [m.span() for m in unchecked.finditer(text)]


def test_a_verb_with_no_count_before_it_compiles_no_subject_pattern() -> None:
    fresh = CasualtyPatterns()
    casualties.find_tolls("Gunmen killed six villagers near the river.", fresh)
    assert not any(g.compiled for _, g in fresh.subject)
