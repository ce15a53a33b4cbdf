"""Occasions of Swedish public life that a Tidpunkt names instead of dates.

"efter valet 2018", "under mandatperioden", "under Europaveckan", "programperioden
2021–2027": each phrase names an event, and each event knows its dates, given the
year written next to it or, without one, the year of the plan. The tables below are
the whole vocabulary; `actions.timing` reads them.

- Europaveckan is the ISO week that holds Europe Day, 9 May; Europadagen is 9 May.
- The general election (riksdag, regions and kommuner on one day) is on a known day
  up to 2022 and on the second Sunday of September every fourth year since.
  "efter valet" in a plan means the first election in or after the plan's year.
- The municipal term (mandatperiod) runs from 15 October of an election year to
  14 October four years later (kommunallagen 5 kap. 5 §, from the 2014 election).
  "under mandatperioden" means the term holding 1 July of the plan's year, so the
  one that covers most of it; "mandatperioden 2019–2022" and "2022–2026" both name
  the term that ends in October 2022 and 2026.
- An EU programme period is a run of calendar years (2021–2027); a plan means the
  one holding its year.
- Only what is known: an election before 1994, a term before 2014, a programme
  period outside the table or a future EU election is not placed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

Period = tuple[date, date]


class NotAnOccasion(ValueError):
    """The year names no occasion of this event ("valet 2019")."""


# The Swedish general elections, before the rule below fixed the day.
ELECTION_DAYS = {
    1994: date(1994, 9, 18),
    1998: date(1998, 9, 20),
    2002: date(2002, 9, 15),
    2006: date(2006, 9, 17),
    2010: date(2010, 9, 19),
    2014: date(2014, 9, 14),
    2018: date(2018, 9, 9),
    2022: date(2022, 9, 11),
}
FIRST_RULED_ELECTION = 2026  # then every fourth year, on the second Sunday of September
FIRST_TERM_ELECTION = 2014  # terms from 15 October began with this election

# Sweden's elections to the European Parliament; later ones are not yet fixed.
EU_ELECTION_DAYS = {
    2004: date(2004, 6, 13),
    2009: date(2009, 6, 7),
    2014: date(2014, 5, 25),
    2019: date(2019, 5, 26),
    2024: date(2024, 6, 9),
}

# The EU's multiannual programme periods (first year, last year).
PROGRAMME_PERIODS = (
    (2000, 2006),
    (2007, 2013),
    (2014, 2020),
    (2021, 2027),
    (2028, 2034),
)


# Elections


def election_day(year: int) -> date:
    if year in ELECTION_DAYS:
        return ELECTION_DAYS[year]
    if year < FIRST_RULED_ELECTION or (year - FIRST_RULED_ELECTION) % 4:
        raise NotAnOccasion(f"no general election in {year}")
    first = date(year, 9, 1)
    first_sunday = first + timedelta(days=(6 - first.weekday()) % 7)
    return first_sunday + timedelta(days=7)


def _election_years_from(year: int) -> range:
    """Every election year from `year` on, checked by `election_day`."""
    if year >= FIRST_RULED_ELECTION:
        return range(year, year + 4)
    return range(year, FIRST_RULED_ELECTION + 1)


def _next_election(year: int) -> date:
    for candidate in _election_years_from(year):
        try:
            return election_day(candidate)
        except NotAnOccasion:
            continue
    raise NotAnOccasion(f"no general election known after {year}")


def _election_named(year: int, last_year: int | None) -> Period:
    if last_year is not None:
        raise NotAnOccasion("an election has one year")
    day = election_day(year)
    return day, day


def _election_for_plan(year: int) -> Period:
    day = _next_election(year)
    return day, day


def _election_following(period: Period) -> Period:
    day = _next_election(period[1].year + 1)
    return day, day


def _eu_election_named(year: int, last_year: int | None) -> Period:
    if last_year is not None or year not in EU_ELECTION_DAYS:
        raise NotAnOccasion(f"no EU election known in {year}")
    day = EU_ELECTION_DAYS[year]
    return day, day


def _eu_election_for_plan(year: int) -> Period:
    for election_year in sorted(EU_ELECTION_DAYS):
        if election_year >= year:
            day = EU_ELECTION_DAYS[election_year]
            return day, day
    raise NotAnOccasion(f"no EU election known after {year}")


def _eu_election_following(period: Period) -> Period:
    return _eu_election_for_plan(period[1].year + 1)


# Municipal terms


def _term_after(election_year: int) -> Period:
    election_day(election_year)  # raises unless it is an election year
    if election_year < FIRST_TERM_ELECTION:
        raise NotAnOccasion(f"no term from 15 October {election_year}")
    return date(election_year, 10, 15), date(election_year + 4, 10, 14)


def _term_holding(day: date) -> Period:
    year = day.year if day >= date(day.year, 10, 15) else day.year - 1
    for election_year in range(year, year - 4, -1):
        try:
            return _term_after(election_year)
        except NotAnOccasion:
            continue
    raise NotAnOccasion(f"no term known on {day}")


def _term_named(year: int, last_year: int | None) -> Period:
    if last_year is None:
        return _term_holding(date(year, 7, 1))
    for election_year in (year, year - 1):  # "2022–2026" and "2023–2026"
        try:
            term = _term_after(election_year)
        except NotAnOccasion:
            continue
        if term[1].year == last_year:
            return term
    raise NotAnOccasion(f"no term {year}-{last_year}")


def _term_for_plan(year: int) -> Period:
    return _term_holding(date(year, 7, 1))


def _term_following(period: Period) -> Period:
    return _term_holding(period[1] + timedelta(days=1))


# EU programme periods


def _programme_holding(year: int) -> Period:
    for first, last in PROGRAMME_PERIODS:
        if first <= year <= last:
            return date(first, 1, 1), date(last, 12, 31)
    raise NotAnOccasion(f"no programme period known in {year}")


def _programme_named(year: int, last_year: int | None) -> Period:
    period = _programme_holding(year)
    if last_year is not None and (period[0].year, period[1].year) != (year, last_year):
        raise NotAnOccasion(f"no programme period {year}-{last_year}")
    return period


def _programme_following(period: Period) -> Period:
    return _programme_holding(period[1].year + 1)


# Europe Day and Europaveckan


def _europe_week(year: int, last_year: int | None = None) -> Period:
    if last_year is not None:
        raise NotAnOccasion("Europaveckan has one year")
    iso_year, week, _ = date(year, 5, 9).isocalendar()
    monday = date.fromisocalendar(iso_year, week, 1)
    return monday, monday + timedelta(days=6)


def _europe_day(year: int, last_year: int | None = None) -> Period:
    if last_year is not None:
        raise NotAnOccasion("Europadagen has one year")
    return date(year, 5, 9), date(year, 5, 9)


def _next_year_of(occasion: Callable[[int], Period]) -> Callable[[Period], Period]:
    return lambda period: occasion(period[1].year + 1)


@dataclass(frozen=True)
class Event:
    named: Callable[
        [int, int | None], Period
    ]  # "valet 2018", "mandatperioden 2019–2022"
    for_plan: Callable[[int], Period]  # "efter valet" in a plan for that year
    following: Callable[[Period], Period]  # "nästa mandatperiod"


EVENTS = {
    "europe_week": Event(_europe_week, _europe_week, _next_year_of(_europe_week)),
    "europe_day": Event(_europe_day, _europe_day, _next_year_of(_europe_day)),
    "election": Event(_election_named, _election_for_plan, _election_following),
    "eu_election": Event(
        _eu_election_named, _eu_election_for_plan, _eu_election_following
    ),
    "term": Event(_term_named, _term_for_plan, _term_following),
    "programme_period": Event(
        _programme_named, _programme_holding, _programme_following
    ),
}

_NEXT = r"(?:nästa|kommande|nästkommande|efterföljande)\s+"
_THIS = r"(?:innevarande|denna|nuvarande|aktuella?)\s+"
_NOT_A_CHOICE = r"(?!\s+(?:av|mellan|att|som|är)\b)"  # "valet av partner" is a choice

# How a text names an event: (pattern on casefolded text, event, occasions later).
# The first pattern that matches at a place wins, so longer phrases come first.
EVENT_PHRASES = (
    (r"europaveckan|europaveckans|europaveckor", "europe_week", 0),
    (r"europadagen|europadagens", "europe_day", 0),
    (
        r"eu-valet|europaparlamentsvalet|europavalet|valet\s+till\s+europaparlamentet",
        "eu_election",
        0,
    ),
    (
        r"(?:riksdags|kommunal|kommun|regions?|allmänna\s+)?val(?:et|en)"
        + _NOT_A_CHOICE,
        "election",
        0,
    ),
    (_NEXT + r"mandatperiod(?:en)?", "term", 1),
    (_THIS + r"mandatperiod(?:en)?|mandatperioden", "term", 0),
    (_NEXT + r"(?:eu-)?programperiod(?:en)?", "programme_period", 1),
    (
        _THIS + r"(?:eu-)?programperiod(?:en)?|(?:eu-)?programperioden"
        r"|(?:eu-)?programperiod(?=\s+\d{4})",
        "programme_period",
        0,
    ),
)
