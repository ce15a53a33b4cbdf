from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from actions.timing import Timing, parse_timing

D = date

# Every distinct Tidpunkt in seeds/001 (Skara), then other real-world phrasings.
SKARA = [
    ("januari-februari 2017", D(2017, 1, 1), D(2017, 2, 28), False),
    (
        "Långsiktigt arbete med start våren 2017 och fortsättningsvis framåt",
        D(2017, 1, 1),
        None,
        True,
    ),
    ("Våren 2017", D(2017, 1, 1), D(2017, 6, 30), False),
    ("juni 2017", D(2017, 6, 1), D(2017, 6, 30), False),
    ("2017", D(2017, 1, 1), D(2017, 12, 31), False),
    ("Fortlöpande", None, None, True),
    ("Hela 2017 och fortlöpande", D(2017, 1, 1), D(2017, 12, 31), True),
    ("Våren-Hösten 2017", D(2017, 1, 1), D(2017, 12, 31), False),
    ("Maj 2017", D(2017, 5, 1), D(2017, 5, 31), False),
    ("Hela 2017", D(2017, 1, 1), D(2017, 12, 31), False),
    (
        "Våren-hösten 2017 för att 2018 kunna söka medel",
        D(2017, 1, 1),
        D(2017, 12, 31),
        False,
    ),
    ("december 2017", D(2017, 12, 1), D(2017, 12, 31), False),
    ("januari 2018", D(2018, 1, 1), D(2018, 1, 31), False),
]

OTHERS = [
    # months, abbreviations and ranges
    ("jan 2018", D(2018, 1, 1), D(2018, 1, 31), False),
    ("Feb. 2020", D(2020, 2, 1), D(2020, 2, 29), False),
    ("mar 2019", D(2019, 3, 1), D(2019, 3, 31), False),
    ("mars 2019", D(2019, 3, 1), D(2019, 3, 31), False),
    ("apr 2019", D(2019, 4, 1), D(2019, 4, 30), False),
    ("jul 2019", D(2019, 7, 1), D(2019, 7, 31), False),
    ("aug 2019", D(2019, 8, 1), D(2019, 8, 31), False),
    ("sept 2019", D(2019, 9, 1), D(2019, 9, 30), False),
    ("okt 2019", D(2019, 10, 1), D(2019, 10, 31), False),
    ("nov 2019", D(2019, 11, 1), D(2019, 11, 30), False),
    ("DECEMBER 2019", D(2019, 12, 1), D(2019, 12, 31), False),
    ("  juni   2017.  ", D(2017, 6, 1), D(2017, 6, 30), False),
    ("mars till maj 2018", D(2018, 3, 1), D(2018, 5, 31), False),
    ("mars – maj 2018", D(2018, 3, 1), D(2018, 5, 31), False),
    ("mars—maj 2018", D(2018, 3, 1), D(2018, 5, 31), False),
    ("nov 2017 – feb 2018", D(2017, 11, 1), D(2018, 2, 28), False),
    ("nov-feb 2018", D(2017, 11, 1), D(2018, 2, 28), False),
    ("december 2017 - januari 2018", D(2017, 12, 1), D(2018, 1, 31), False),
    ("maj och juni 2017", D(2017, 5, 1), D(2017, 6, 30), False),
    ("från januari till mars 2017", D(2017, 1, 1), D(2017, 3, 31), False),
    ("1-15 maj 2017", D(2017, 5, 1), D(2017, 5, 15), False),
    ("den 9 maj 2017", D(2017, 5, 9), D(2017, 5, 9), False),
    ("9/5 2017", D(2017, 5, 9), D(2017, 5, 9), False),
    # seasons
    ("Hösten 2017", D(2017, 7, 1), D(2017, 12, 31), False),
    ("höst 2017", D(2017, 7, 1), D(2017, 12, 31), False),
    ("vår 2018", D(2018, 1, 1), D(2018, 6, 30), False),
    ("sommaren 2017", D(2017, 6, 1), D(2017, 8, 31), False),
    ("vintern 2018", D(2018, 1, 1), D(2018, 2, 28), False),
    ("vintern 2017/2018", D(2017, 12, 1), D(2018, 2, 28), False),
    ("hösten 2017 - våren 2018", D(2017, 7, 1), D(2018, 6, 30), False),
    ("hösten-våren 2018", D(2017, 7, 1), D(2018, 6, 30), False),
    ("VT 2018", D(2018, 1, 1), D(2018, 6, 30), False),
    ("ht17", D(2017, 7, 1), D(2017, 12, 31), False),
    ("läsåret 2017/2018", D(2017, 8, 1), D(2018, 6, 30), False),
    # years
    ("Under 2018", D(2018, 1, 1), D(2018, 12, 31), False),
    ("år 2019", D(2019, 1, 1), D(2019, 12, 31), False),
    ("2017-2019", D(2017, 1, 1), D(2019, 12, 31), False),
    ("2017–2019", D(2017, 1, 1), D(2019, 12, 31), False),
    ("2017-18", D(2017, 1, 1), D(2018, 12, 31), False),
    ("2017/2018", D(2017, 1, 1), D(2018, 12, 31), False),
    # quarters, tertials, half years
    ("Q3 2018", D(2018, 7, 1), D(2018, 9, 30), False),
    ("q4 2018", D(2018, 10, 1), D(2018, 12, 31), False),
    ("kvartal 3 2018", D(2018, 7, 1), D(2018, 9, 30), False),
    ("kv 3 2018", D(2018, 7, 1), D(2018, 9, 30), False),
    ("kv. 1, 2019", D(2019, 1, 1), D(2019, 3, 31), False),
    ("tredje kvartalet 2018", D(2018, 7, 1), D(2018, 9, 30), False),
    ("3:e kvartalet 2018", D(2018, 7, 1), D(2018, 9, 30), False),
    ("Q1-Q2 2018", D(2018, 1, 1), D(2018, 6, 30), False),
    ("kv 1-2 2018", D(2018, 1, 1), D(2018, 6, 30), False),
    ("tertial 2 2018", D(2018, 5, 1), D(2018, 8, 31), False),
    ("T1 2018", D(2018, 1, 1), D(2018, 4, 30), False),
    ("T2 2018", D(2018, 5, 1), D(2018, 8, 31), False),
    ("T3 2018", D(2018, 9, 1), D(2018, 12, 31), False),
    ("andra tertialet 2018", D(2018, 5, 1), D(2018, 8, 31), False),
    ("andra halvåret 2017", D(2017, 7, 1), D(2017, 12, 31), False),
    ("H1 2018", D(2018, 1, 1), D(2018, 6, 30), False),
    # ISO dates and weeks
    ("2017-05-09", D(2017, 5, 9), D(2017, 5, 9), False),
    ("2017-05-09 – 2017-06-30", D(2017, 5, 9), D(2017, 6, 30), False),
    ("2017-05-09 till 2017-06-30", D(2017, 5, 9), D(2017, 6, 30), False),
    ("2017-12", D(2017, 12, 1), D(2017, 12, 31), False),
    ("vecka 19 2017", D(2017, 5, 8), D(2017, 5, 14), False),
    ("v. 19 2017", D(2017, 5, 8), D(2017, 5, 14), False),
    ("v19 2017", D(2017, 5, 8), D(2017, 5, 14), False),
    ("vecka 19-21 2017", D(2017, 5, 8), D(2017, 5, 28), False),
    ("v 53 2020", D(2020, 12, 28), D(2021, 1, 3), False),
    # one-sided and parts of periods
    ("senast juni 2017", None, D(2017, 6, 30), False),
    ("Senast i juni 2017", None, D(2017, 6, 30), False),
    ("t.o.m. mars 2018", None, D(2018, 3, 31), False),
    ("till och med 2018", None, D(2018, 12, 31), False),
    ("före sommaren 2017", None, D(2017, 5, 31), False),
    ("med start våren 2017", D(2017, 1, 1), None, True),
    ("från och med 2017", D(2017, 1, 1), None, True),
    ("fr.o.m. hösten 2017", D(2017, 7, 1), None, True),
    ("Start hösten 2018", D(2018, 7, 1), None, True),
    ("i början av 2018", D(2018, 1, 1), D(2018, 4, 30), False),
    ("mitten av 2018", D(2018, 5, 1), D(2018, 8, 31), False),
    ("slutet av 2017", D(2017, 9, 1), D(2017, 12, 31), False),
    ("i slutet av maj 2017", D(2017, 5, 21), D(2017, 5, 31), False),
    # ongoing
    ("löpande", None, None, True),
    ("Kontinuerligt", None, None, True),
    ("Långsiktigt", None, None, True),
    ("Årligen", None, None, True),
    ("Återkommande", None, None, True),
    ("tills vidare", None, None, True),
    ("Tillsvidare", None, None, True),
    ("Löpande under 2017", D(2017, 1, 1), D(2017, 12, 31), True),
    ("Årligen i december 2017", D(2017, 12, 1), D(2017, 12, 31), True),
    ("2017 och framåt", D(2017, 1, 1), None, True),
    ("Från 2018 tills vidare", D(2018, 1, 1), None, True),
    ("Hela 2017 och fortsättningsvis", D(2017, 1, 1), None, True),
    ("senast juni 2017 och därefter årligen", None, D(2017, 6, 30), True),
    # not understood
    ("", None, None, False),
    ("-", None, None, False),
    ("Enligt överenskommelse", None, None, False),
    ("När medel finns", None, None, False),
    ("maj 3000", None, None, False),
    ("1899", None, None, False),
    ("2019-2017", None, None, False),
    ("Q5 2018", None, None, False),
    ("v 53 2017", None, None, False),
    ("2017-02-30", None, None, False),
    ("30 dagar efter beslut", None, None, False),
]


@pytest.mark.parametrize(("text", "starts_on", "ends_on", "is_ongoing"), SKARA + OTHERS)
def test_timing_text_is_read_as_dates(text, starts_on, ends_on, is_ongoing):
    assert parse_timing(text) == Timing(starts_on, ends_on, is_ongoing)


def test_season_range_covers_whole_year():
    timing = parse_timing("Våren-Hösten 2017")
    assert (timing.starts_on, timing.ends_on) == (D(2017, 1, 1), D(2017, 12, 31))


def test_first_date_expression_wins_over_later_years():
    assert parse_timing("Våren-hösten 2017 för att 2018 kunna söka medel").ends_on == (
        D(2017, 12, 31)
    )


@pytest.mark.parametrize(
    ("text", "starts_on", "ends_on"),
    [
        ("maj", D(2021, 5, 1), D(2021, 5, 31)),
        ("Våren", D(2021, 1, 1), D(2021, 6, 30)),
        ("januari-februari", D(2021, 1, 1), D(2021, 2, 28)),
        ("nov-feb", D(2021, 11, 1), D(2022, 2, 28)),
        ("vecka 19", D(2021, 5, 10), D(2021, 5, 16)),
        ("Q2", D(2021, 4, 1), D(2021, 6, 30)),
    ],
)
def test_text_without_a_year_uses_the_default_year(text, starts_on, ends_on):
    timing = parse_timing(text, default_year=2021)
    assert (timing.starts_on, timing.ends_on) == (starts_on, ends_on)


@pytest.mark.parametrize("text", ["maj", "Våren", "Q2", "vecka 19"])
def test_text_without_a_year_and_no_default_is_not_understood(text):
    assert not parse_timing(text).is_understood


def test_an_impossible_default_year_is_ignored():
    assert not parse_timing("maj", default_year=99999).is_understood


def test_a_year_in_the_text_beats_the_default_year():
    assert parse_timing("maj 2017", default_year=2021).starts_on == D(2017, 5, 1)


def test_ongoing_without_dates_counts_as_understood():
    assert parse_timing("Fortlöpande").is_understood


def test_empty_timing_is_not_understood():
    assert not Timing().is_understood


def test_huge_input_is_handled_quickly():
    assert parse_timing("maj 2017 " + "x" * 1_000_000).starts_on == D(2017, 5, 1)


def test_non_text_input_is_not_understood():
    assert parse_timing(None) == Timing()  # type: ignore[arg-type]


TIMING_WORDS = [
    *("januari", "feb", "mars", "maj", "juni", "jul", "sept", "okt", "december"),
    *("våren", "hösten", "sommaren", "vintern", "vt", "ht", "läsåret", "hela"),
    *("q", "kv", "kvartal", "t", "tertial", "h", "halvåret", "vecka", "v.", "andra"),
    *("senast", "före", "till", "till och med", "t.o.m.", "från och med", "med start"),
    *("början av", "slutet av", "och", "samt", "-", "–", "/", ":", ".", ","),
    *("fortlöpande", "och framåt", "tills vidare", "årligen"),
    *("0", "1", "3", "12", "19", "31", "53", "99", "1899", "1900", "2017", "2100"),
    *("2101", "9999", "2017-05-09", "2017-02-30", "2017-13", "2017-12", "18"),
]


@given(st.text())
def test_any_text_never_raises(text):
    assert isinstance(parse_timing(text), Timing)


@given(
    st.lists(st.sampled_from(TIMING_WORDS), max_size=8).map(" ".join),
    st.none() | st.integers(),
)
def test_timing_words_never_raise_and_never_run_backwards(text, default_year):
    timing = parse_timing(text, default_year=default_year)
    if timing.starts_on and timing.ends_on:
        assert timing.starts_on <= timing.ends_on
    for day in (timing.starts_on, timing.ends_on):
        assert day is None or 1899 <= day.year <= 2101


@given(st.text(alphabet="0123456789-–/ vtqkhTQ.:", max_size=30), st.integers())
def test_digit_soup_never_raises_and_never_runs_backwards(text, default_year):
    timing = parse_timing(text, default_year=default_year)
    if timing.starts_on and timing.ends_on:
        assert timing.starts_on <= timing.ends_on
