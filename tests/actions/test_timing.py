from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from actions.timing import FoundTiming, Timing, find_timing, parse_timing

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


# Events and phrases of Swedish public life, given the plan's year:
# (text, default year, starts_on, ends_on, is_ongoing)
EVENTS = [
    # Europaveckan: the ISO week holding 9 May, or the dates written with it
    ("Europaveckan", 2026, D(2026, 5, 4), D(2026, 5, 10), False),
    ("under Europaveckan 2026", None, D(2026, 5, 4), D(2026, 5, 10), False),
    ("Europaveckan 2027", None, D(2027, 5, 3), D(2027, 5, 9), False),
    ("europaveckan 2025", 2030, D(2025, 5, 5), D(2025, 5, 11), False),
    ("Europaveckan 2026 (4–10 maj)", None, D(2026, 5, 4), D(2026, 5, 10), False),
    ("Europaveckan 2026 (5–11 maj)", None, D(2026, 5, 5), D(2026, 5, 11), False),
    ("Europaveckan (4-10 maj 2026)", None, D(2026, 5, 4), D(2026, 5, 10), False),
    ("under Europaveckan (vecka 20)", 2026, D(2026, 5, 11), D(2026, 5, 17), False),
    ("Europadagen 2026", None, D(2026, 5, 9), D(2026, 5, 9), False),
    ("Före Europaveckan 2026", None, None, D(2026, 5, 3), False),
    # the general election: from election day, open-ended
    ("efter valet 2018", None, D(2018, 9, 9), None, True),
    ("Efter valet 2018", 2030, D(2018, 9, 9), None, True),
    ("Efter valet", 2017, D(2018, 9, 9), None, True),
    ("efter valet", 2018, D(2018, 9, 9), None, True),
    ("efter valet", 2019, D(2022, 9, 11), None, True),
    ("efter riksdagsvalet 2022", None, D(2022, 9, 11), None, True),
    ("efter 2014 års val", None, D(2014, 9, 14), None, True),
    ("efter valet i september 2018", None, D(2018, 9, 9), None, True),
    ("efter valen 2010", None, D(2010, 9, 19), None, True),
    ("Efter valet 2026", None, D(2026, 9, 13), None, True),
    ("efter valet 2030", None, D(2030, 9, 8), None, True),
    ("efter valet", 2027, D(2030, 9, 8), None, True),
    ("efter EU-valet 2024", None, D(2024, 6, 9), None, True),
    ("efter sommaren 2026", None, D(2026, 9, 1), None, True),
    # deadlines: no start, ends before
    ("inför valet 2026", None, None, D(2026, 9, 12), False),
    ("Inför valet", 2022, None, D(2022, 9, 10), False),
    ("Inför EU-valet i juni 2019", None, None, D(2019, 5, 31), False),
    ("före EU-valet 2019", None, None, D(2019, 5, 25), False),
    ("Före konferensen i juni 2019", None, None, D(2019, 5, 31), False),
    ("inför Europaparlamentets val i juni 2019", None, None, D(2019, 5, 31), False),
    ("inför sommaren 2019", None, None, D(2019, 5, 31), False),
    ("inför 2020", None, None, D(2019, 12, 31), False),
    ("före mitten av 2018", None, None, D(2018, 4, 30), False),
    # the municipal term from 15 October after an election
    ("under mandatperioden", 2027, D(2026, 10, 15), D(2030, 10, 14), False),
    ("Under mandatperioden", 2026, D(2022, 10, 15), D(2026, 10, 14), False),
    ("mandatperioden", 2023, D(2022, 10, 15), D(2026, 10, 14), False),
    ("under mandatperioden", 2019, D(2018, 10, 15), D(2022, 10, 14), False),
    ("Mandatperioden 2019–2022", None, D(2018, 10, 15), D(2022, 10, 14), False),
    ("mandatperioden 2022-2026", None, D(2022, 10, 15), D(2026, 10, 14), False),
    ("mandatperioden (2023–2026)", None, D(2022, 10, 15), D(2026, 10, 14), False),
    ("under innevarande mandatperiod", 2024, D(2022, 10, 15), D(2026, 10, 14), False),
    ("nästa mandatperiod", 2027, D(2030, 10, 15), D(2034, 10, 14), False),
    ("kommande mandatperiod", 2025, D(2026, 10, 15), D(2030, 10, 14), False),
    ("i början av mandatperioden", 2027, D(2026, 10, 15), D(2028, 2, 13), False),
    ("senast i slutet av mandatperioden", 2027, None, D(2030, 10, 14), False),
    # the EU programme period holding the year
    ("programperioden", 2016, D(2014, 1, 1), D(2020, 12, 31), False),
    ("under programperioden", 2021, D(2021, 1, 1), D(2027, 12, 31), False),
    ("programperioden", 2030, D(2028, 1, 1), D(2034, 12, 31), False),
    ("EU-programperioden", 2010, D(2007, 1, 1), D(2013, 12, 31), False),
    ("programperioden 2021–2027", None, D(2021, 1, 1), D(2027, 12, 31), False),
    ("under EU:s programperiod 2014-2020", None, D(2014, 1, 1), D(2020, 12, 31), False),
    ("nästa programperiod", 2024, D(2028, 1, 1), D(2034, 12, 31), False),
    ("inför kommande programperiod", 2019, None, D(2020, 12, 31), False),
    # since: from then, ongoing
    ("sedan 1993", None, D(1993, 1, 1), None, True),
    ("Sedan 1993", 2026, D(1993, 1, 1), None, True),
    ("sedan 1990-talet", None, D(1990, 1, 1), None, True),
    ("Sedan 1990 talet", None, D(1990, 1, 1), None, True),
    ("sedan början av 2000-talet", None, D(2000, 1, 1), None, True),
    ("sedan mars 2015", None, D(2015, 3, 1), None, True),
    ("under 2020-talet", None, D(2020, 1, 1), D(2029, 12, 31), False),
    # ongoing words
    ("fortsätta", None, None, None, True),
    ("Fortsätta arbetet", 2026, None, None, True),
    ("fortsatt arbete", None, None, None, True),
    ("Fortsatt", None, None, None, True),
    ("Fortsätta under 2027", None, D(2027, 1, 1), D(2027, 12, 31), True),
    ("varje mandatperiod", None, None, None, True),
    ("1 gång per mandatperiod", None, None, None, True),
    ("en gång varje mandatperiod", 2026, None, None, True),
    ("per kalenderår", None, None, None, True),
    ("Två gånger per år", None, None, None, True),
    ("4 gånger per år", 2026, None, None, True),
    ("årligen i december", 2026, D(2026, 12, 1), D(2026, 12, 31), True),
    # years counted from the plan's year
    ("nästkommande år", 2026, D(2027, 1, 1), D(2027, 12, 31), False),
    ("Nästa år", 2026, D(2027, 1, 1), D(2027, 12, 31), False),
    ("under nästkommande kalenderår", 2019, D(2020, 1, 1), D(2020, 12, 31), False),
    ("våren nästkommande år", 2026, D(2027, 1, 1), D(2027, 6, 30), False),
    ("senast i juni nästa år", 2026, None, D(2027, 6, 30), False),
    ("innevarande år", 2026, D(2026, 1, 1), D(2026, 12, 31), False),
    ("under året", 2026, D(2026, 1, 1), D(2026, 12, 31), False),
    # a span across years
    ("hösten 2018/våren 2019", None, D(2018, 7, 1), D(2019, 6, 30), False),
    ("hösten 2018 / våren 2019", None, D(2018, 7, 1), D(2019, 6, 30), False),
    ("ht 2018/vt 2019", None, D(2018, 7, 1), D(2019, 6, 30), False),
    ("HT18/VT19", None, D(2018, 7, 1), D(2019, 6, 30), False),
    ("höstterminen 2018/vårterminen 2019", 2030, D(2018, 7, 1), D(2019, 6, 30), False),
    ("maj 2017/mars 2018", None, D(2017, 5, 1), D(2018, 3, 31), False),
]

# Events that cannot be placed stay unparsed: never a confident wrong date.
UNPLACED_EVENTS = [
    ("Europaveckan", None),
    ("efter valet", None),
    ("efter valet 2019", None),  # no general election that year
    ("efter valet 2019", 2019),
    ("efter EU-valet", 2025),  # the next EU election's day is not yet fixed
    ("valet av samarbetspartner", 2026),  # a choice, not an election
    ("under mandatperioden", None),
    ("under mandatperioden", 2012),  # terms from 15 October began in 2014
    ("mandatperioden 2019-2023", None),
    ("programperioden", None),
    ("programperioden", 2040),
    ("programperioden 2021-2026", None),
    ("nästkommande år", None),
    ("våren nästa år", None),
    ("sedan 90-talet", None),
    ("efter beslut i fullmäktige", 2026),
    ("efter EU-valet", None),
]


@pytest.mark.parametrize(
    ("text", "default_year", "starts_on", "ends_on", "is_ongoing"), EVENTS
)
def test_events_and_phrases_are_read_as_dates(
    text, default_year, starts_on, ends_on, is_ongoing
):
    timing = parse_timing(text, default_year=default_year)
    assert timing == Timing(starts_on, ends_on, is_ongoing)


@pytest.mark.parametrize(
    "text",
    [
        text
        for text, default_year, starts_on, ends_on, _ in EVENTS
        if default_year is None and (starts_on or ends_on)
    ],
)
def test_an_event_with_its_year_ignores_the_default_year(text):
    assert parse_timing(text, default_year=2040) == parse_timing(text)


@pytest.mark.parametrize(("text", "default_year"), UNPLACED_EVENTS)
def test_events_that_cannot_be_placed_give_no_dates(text, default_year):
    timing = parse_timing(text, default_year=default_year)
    assert (timing.starts_on, timing.ends_on) == (None, None)


def test_the_election_day_is_computed_for_elections_beyond_the_table():
    assert parse_timing("efter valet 2034").starts_on == D(2034, 9, 10)
    assert parse_timing("efter valet", default_year=2031).starts_on == D(2034, 9, 10)


def test_each_term_ends_the_day_before_the_next_begins():
    terms = [
        parse_timing("mandatperioden", default_year=year) for year in range(2015, 2060)
    ]
    for term, following in zip(terms, terms[1:], strict=False):
        assert (
            term == following or term.ends_on + timedelta(days=1) == following.starts_on
        )


def test_next_term_follows_the_plan_years_term():
    this = parse_timing("under mandatperioden", default_year=2029)
    following = parse_timing("under nästa mandatperiod", default_year=2029)
    assert this.ends_on + timedelta(days=1) == following.starts_on


# Finding the timing inside a sentence of a plan:
# (sentence, default year, phrase, starts_on, ends_on, is_ongoing)
SENTENCES = [
    (
        "Arrangera en EU-dag för gymnasieelever under Europaveckan 2026 (4–10 maj) "
        "tillsammans med Europa Direkt.",
        2026,
        "under Europaveckan 2026 (4–10 maj)",
        D(2026, 5, 4),
        D(2026, 5, 10),
        False,
    ),
    (
        "Ge projektledare en kurs om EU:s fonder hösten 2026 med stöd av Region Exempel.",
        2026,
        "hösten 2026",
        D(2026, 7, 1),
        D(2026, 12, 31),
        False,
    ),
    (
        "Efter valet 2026 erbjuda nya förtroendevalda en introduktion om EU.",
        None,
        "Efter valet 2026",
        D(2026, 9, 13),
        None,
        True,
    ),
    (
        "Under mandatperioden besöka Europaparlamentet med fullmäktiges presidium.",
        2027,
        "Under mandatperioden",
        D(2026, 10, 15),
        D(2030, 10, 14),
        False,
    ),
    (
        "Fortsätta söka EU-medel för skolornas utbyten.",
        2026,
        "Fortsätta",
        None,
        None,
        True,
    ),
    (
        "två gånger per år samla kommunens EU-samordnare.",
        2026,
        "två gånger per år",
        None,
        None,
        True,
    ),
    (
        "Senast juni 2027 ska en internationell strategi antas av fullmäktige.",
        2026,
        "Senast juni 2027",
        None,
        D(2027, 6, 30),
        False,
    ),
    (
        "Under 2027 genomföra en studieresa till vänorten i samarbete med "
        "Föreningen Norden.",
        2026,
        "Under 2027",
        D(2027, 1, 1),
        D(2027, 12, 31),
        False,
    ),
    (
        "Från 2026 delta i nätverket Eurocities där Region Exempel deltar.",
        None,
        "Från 2026",
        D(2026, 1, 1),
        None,
        True,
    ),
    (
        "Genomföra ett utbyte för lärare 2026–2028 tillsammans med partnerskolor.",
        2026,
        "2026–2028",
        D(2026, 1, 1),
        D(2028, 12, 31),
        False,
    ),
    (
        "Bjuda in till en EU-frukost i mars 2027 och en uppföljning hösten 2027.",
        2026,
        "i mars 2027",
        D(2027, 3, 1),
        D(2027, 3, 31),
        False,
    ),
    (
        "Hösten 2026 kartlägga förvaltningarnas kontakter, våren 2027 redovisa dem.",
        2026,
        "Hösten 2026",
        D(2026, 7, 1),
        D(2026, 12, 31),
        False,
    ),
    (
        "Vår kommun ska arbeta med Agenda 2030 och ta fram en plan senast i "
        "december 2026.",
        2026,
        "senast i december 2026",
        None,
        D(2026, 12, 31),
        False,
    ),
    (
        "Anordna en EU-dag för personalen årligen i maj.",
        2026,
        "årligen i maj",
        D(2026, 5, 1),
        D(2026, 5, 31),
        True,
    ),
    (
        "Inför EU-valet i juni 2029 arrangera debatter på gymnasieskolorna med "
        "ungdomsrådet.",
        2026,
        "Inför EU-valet i juni 2029",
        None,
        D(2029, 5, 31),
        False,
    ),
    (
        "Söka medel ur Erasmus+ varje år, se SOU 2016:10 och Dnr KS 2025/123.",
        2026,
        "varje år",
        None,
        None,
        True,
    ),
    (
        "Informera nämnderna om programperioden 2028–2034 i samverkan med regionen.",
        2026,
        "programperioden 2028–2034",
        D(2028, 1, 1),
        D(2034, 12, 31),
        False,
    ),
    (
        "Sedan 1990-talet har kommunen en vänort i Tyskland; fortsatt arbete med den.",
        2026,
        "Sedan 1990-talet",
        D(1990, 1, 1),
        None,
        True,
    ),
    (
        "Nästkommande år ta fram en handlingsplan för EU-arbetet.",
        2026,
        "Nästkommande år",
        D(2027, 1, 1),
        D(2027, 12, 31),
        False,
    ),
    (
        "• Delta i Europaforum hösten 2018/våren 2019 med kommunstyrelsens presidium.",
        None,
        "hösten 2018/våren 2019",
        D(2018, 7, 1),
        D(2019, 6, 30),
        False,
    ),
    (
        "Hela 2027 och därefter fortlöpande driva nätverket, i samarbete med SKR.",
        2026,
        "Hela 2027 och därefter fortlöpande",
        D(2027, 1, 1),
        None,
        True,
    ),
    (
        "2. Ta fram en EU-strategi (senast 30 september 2026) med stöd av regionen.",
        2026,
        "senast 30 september 2026",
        None,
        D(2026, 9, 30),
        False,
    ),
]


@pytest.mark.parametrize(
    ("sentence", "default_year", "phrase", "starts_on", "ends_on", "is_ongoing"),
    SENTENCES,
)
def test_the_timing_phrase_is_found_inside_a_sentence(
    sentence, default_year, phrase, starts_on, ends_on, is_ongoing
):
    found = find_timing(sentence, default_year)
    assert found is not None
    assert found.phrase == phrase
    assert sentence[found.start : found.end] == phrase
    assert found.span == (found.start, found.end)
    assert found.timing == Timing(starts_on, ends_on, is_ongoing)


@pytest.mark.parametrize(
    "sentence",
    [
        "ta fram en EU-guide för förvaltningarna,",
        "Vår kommun ska bli bättre på att söka EU-medel.",
        "Arbeta med Agenda 2030 och Europa 2020-strategin i alla nämnder.",
        "Följa SFS 2017:725 och ta fram rutiner, se Dnr KS 2025/123.",
        "Fördela 1/3 av budgeten till skolornas utbyten.",
        "Ordna julbord till jul för vänortens delegation.",
        "Vid valet av partner ska hållbarhet väga tungt.",
        "Budgeten är 500 000 kr för 20 elever.",
        "",
    ],
)
def test_a_sentence_without_a_timing_gives_none(sentence):
    assert find_timing(sentence, 2026) is None


def test_a_phrase_without_its_year_is_found_but_not_understood():
    found = find_timing("Under mandatperioden besöka Europaparlamentet.", None)
    assert found is not None
    assert found.phrase == "Under mandatperioden"
    assert not found.timing.is_understood


def test_a_date_wins_over_an_ongoing_word_elsewhere_in_the_sentence():
    found = find_timing("Fortsätta söka EU-medel och hösten 2026 ge en kurs.", 2026)
    assert found.phrase == "hösten 2026"


def test_the_found_span_points_into_text_with_combining_marks_and_expansions():
    sentence = "Straße und Ga\u0308ste: ho\u0308sten 2026 tillsammans med regionen"
    found = find_timing(sentence, None)
    assert found.phrase == "ho\u0308sten 2026"
    assert found.timing.starts_on == D(2026, 7, 1)


def test_non_text_sentence_finds_nothing():
    assert find_timing(None, 2026) is None  # type: ignore[arg-type]


def test_huge_sentence_is_handled_quickly():
    found = find_timing("Ordna en kurs i maj 2027 " + "(x " * 1_000_000, 2026)
    assert found.phrase == "i maj 2027"


SENTENCE_WORDS = [
    *TIMING_WORDS,
    *("efter", "valet", "inför", "sedan", "1990-talet", "Europaveckan", "(", ")"),
    *("mandatperioden", "nästa", "programperioden", "nästkommande år", "2026"),
    *("fortsätta", "två gånger per år", "årligen", "Agenda", "SOU", "2016:10"),
    *("Arrangera", "en", "EU-dag", "tillsammans med", "vår", "kommun", "jul", "ß"),
]


def _assert_found_where_it_says(sentence, default_year):
    found = find_timing(sentence, default_year)
    if found is not None:
        assert isinstance(found, FoundTiming)
        assert found.phrase
        assert sentence[found.start : found.end] == found.phrase
        assert found.timing == parse_timing(found.phrase, default_year)


@given(st.text(), st.none() | st.integers())
def test_any_sentence_never_raises_and_the_span_is_in_it(sentence, default_year):
    _assert_found_where_it_says(sentence, default_year)


@given(
    st.lists(st.sampled_from(SENTENCE_WORDS), max_size=12).map(" ".join),
    st.none() | st.integers(min_value=1890, max_value=2110),
)
def test_timing_sentences_never_raise_and_the_span_is_in_them(sentence, default_year):
    _assert_found_where_it_says(sentence, default_year)
    timing = parse_timing(sentence, default_year=default_year)
    if timing.starts_on and timing.ends_on:
        assert timing.starts_on <= timing.ends_on
