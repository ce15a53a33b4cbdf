"""The Tidpunkt parser (DESIGN §4.2): the Swedish free-text timing of an action as dates.

`parse_timing("januari-februari 2017")` gives 2017-01-01..2017-02-28. The rules that
are choices rather than plain Swedish:

- Only the first date expression counts: in "Våren-hösten 2017 för att 2018 kunna söka
  medel" the later year is a purpose, not a date.
- Seasons: våren/vt = Jan-Jun, sommaren = Jun-Aug, hösten/ht = Jul-Dec, vintern Y =
  Jan-Feb of Y, but "vintern 2017/2018" = Dec 2017-Feb 2018; läsåret 2017/2018 =
  Aug 2017-Jun 2018. Tertials T1-T3 = Jan-Apr, May-Aug, Sep-Dec; halvår H1/H2.
- A range takes a missing year from its other end ("januari-februari 2017"); a range
  that runs backwards within a year crosses New Year ("nov-feb 2018" = Nov 2017-Feb
  2018). A lone number takes the unit of the other end ("vecka 19-21", "1-15 maj").
- "senast X", "till (och med) X", "fram till X": no start, ends with X. "före X": ends
  the day before X. "med start X", "från (och med) X": starts with X, no end, ongoing.
- "början/mitten/slutet av X": the first, middle or last third of X.
- Ongoing words ("fortlöpande", "årligen" ...) keep the dates found ("Hela 2017 och
  fortlöpande" ends 2017-12-31); "och framåt", "fortsättningsvis" and "tills vidare"
  also leave the end open.
- Without a year the default year is used; without that, the text is not understood.
  So is any year outside 1900-2100 and any impossible date.
- "jul" is July, as in the month abbreviations, not Christmas.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date, timedelta

from intkommun.years import FIRST_YEAR as MIN_YEAR
from intkommun.years import LAST_YEAR as MAX_YEAR

# A Tidpunkt is a line or two; the cap keeps hostile input cheap.
_MAX_CHARS = 500


@dataclass(frozen=True)
class Timing:
    starts_on: date | None = None
    ends_on: date | None = None
    is_ongoing: bool = False

    @property
    def is_understood(self) -> bool:
        return self.starts_on is not None or self.ends_on is not None or self.is_ongoing


class _NotUnderstood(ValueError):
    """The text names a date that cannot be placed (no year, impossible number)."""


@dataclass(frozen=True)
class _Point:
    """One end of a period, before its year is known."""

    unit: str  # "span" (of months), "week", "day", "iso" or "bare" (a lone number)
    month: int = 1
    length: int = 12  # months in a span
    number: int = 0  # week, day of month, part of the year (Q3 -> 3) or lone number
    year: int | None = None
    iso: date | None = None


_MONTHS = {
    **dict.fromkeys(("januari", "jan", "january"), 1),
    **dict.fromkeys(("februari", "feb", "february"), 2),
    **dict.fromkeys(("mars", "mar", "march"), 3),
    **dict.fromkeys(("april", "apr"), 4),
    **dict.fromkeys(("maj", "may"), 5),
    **dict.fromkeys(("juni", "jun", "june"), 6),
    **dict.fromkeys(("juli", "jul", "july"), 7),
    **dict.fromkeys(("augusti", "aug", "august"), 8),
    **dict.fromkeys(("september", "sep", "sept"), 9),
    **dict.fromkeys(("oktober", "okt", "october", "oct"), 10),
    **dict.fromkeys(("november", "nov"), 11),
    **dict.fromkeys(("december", "dec"), 12),
}
_SEASONS = {  # first month, number of months
    **dict.fromkeys(("våren", "vår", "vårterminen", "vt"), (1, 6)),
    **dict.fromkeys(("sommaren", "sommar"), (6, 3)),
    **dict.fromkeys(("hösten", "höst", "höstterminen", "ht"), (7, 6)),
    **dict.fromkeys(("vintern", "vinter"), (1, 2)),
}
_PARTS = {  # months per part, number of parts in a year
    **dict.fromkeys(("q", "kv", "kvartal", "kvartalet"), (3, 4)),
    **dict.fromkeys(("t", "tertial", "tertialet"), (4, 3)),
    **dict.fromkeys(("h", "halvår", "halvåret"), (6, 2)),
}
_PART_NOUNS = {"kvartal", "kvartalet", "tertial", "tertialet", "halvår", "halvåret"}
_ORDINALS = {"första": 1, "andra": 2, "tredje": 3, "fjärde": 4}
_WEEK_WORDS = {"vecka", "veckan", "v", "w", "week"}
_SCHOOL_YEAR_WORDS = {"läsår", "läsåret"}
_FILLER = {
    *("hela", "helt", "under", "i", "den", "år", "året", "kalenderåret"),
    *("ca", "cirka", "c", "omkring", "ungefär", "preliminärt", "prel"),
    *("a", "e"),  # ordinal endings: "3:e kvartalet"
}
_RANGE_WORDS = {"-", "till", "tom", "och", "samt", "/"}
_UNTIL_WORDS = {"senast", "tom", "till"}
_BEFORE_WORDS = {"före", "innan"}
_THIRDS = {"början": 0, "mitten": 1, "slutet": 2, "slut": 2}

_PHRASES = (
    (re.compile(r"\bt\.?\s?o\.?\s?m\b\.?|\btill och med\b|\bfram till\b"), " tom "),
    (re.compile(r"\bfr\.?\s?o\.?\s?m\b\.?|\bfrån och med\b"), " from "),
    (re.compile(r"\bmed (?:start|början|uppstart)\b"), " from "),
    (
        re.compile(r"\b(?:start|startar|uppstart|påbörjas|börjar|inleds|från)\b"),
        " from ",
    ),
)
_ONGOING = re.compile(
    r"\b(?:fortlöpande|löpande|långsiktig\w*|kontinuerlig\w*|årlig\w*|återkommande"
    r"|tills?\s*vidare|fortsättningsvis|framåt|pågående|ständigt|regelbundet"
    r"|varje\s+(?:år|termin|månad|vecka|kvartal)|terminsvis|kvartalsvis|månadsvis"
    r"|ongoing|continuous\w*|annually|yearly)\b"
)
_OPEN_ENDED = re.compile(
    r"\b(?:framåt|fortsättningsvis|tills?\s*vidare|och\s+(?:vidare|därefter|senare))\b"
)
_DASHES = re.compile(r"[\u2010-\u2015\u2212\u2043\ufe58\ufe63\uff0d]")
_TOKEN = re.compile(
    r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?![0-9])"
    r"|[0-9]{4}-(?:0[1-9]|1[0-2])(?![0-9])"
    r"|[0-9]+|[^\W\d_]+|-+|/"
)


def parse_timing(text: str, default_year: int | None = None) -> Timing:
    """Read a Tidpunkt; never raises, returns an empty Timing when not understood."""
    if not isinstance(text, str):
        return Timing()
    lowered = _DASHES.sub(
        "-", unicodedata.normalize("NFC", text[:_MAX_CHARS].casefold())
    )
    is_ongoing = bool(_ONGOING.search(lowered))
    tokens = _tokens(lowered)
    try:
        found = _first_expression(tokens)
        if found is None:
            return Timing(is_ongoing=is_ongoing)
        index, start, end = found
        first, last = _resolve(start, end, _checked_year(default_year))
        if start is end:
            first, last = _apply_prefix(tokens, index, start, first, last)
    except (ValueError, OverflowError):
        return Timing(is_ongoing=is_ongoing)
    if first is not None and (last is None or _OPEN_ENDED.search(lowered)):
        return Timing(first, None, True)
    return Timing(first, last, is_ongoing)


def _checked_year(year: object) -> int | None:
    if isinstance(year, int) and MIN_YEAR <= year <= MAX_YEAR:
        return year
    return None


def _tokens(lowered: str) -> list[str]:
    for pattern, replacement in _PHRASES:
        lowered = pattern.sub(replacement, lowered)
    return [token for token in _TOKEN.findall(lowered) if token not in _FILLER]


def _at(tokens: list[str], index: int) -> str | None:
    return tokens[index] if 0 <= index < len(tokens) else None


def _is_number(token: str | None, digits: int) -> bool:
    return bool(token) and token.isascii() and token.isdigit() and len(token) == digits


def _is_small_number(token: str | None) -> bool:
    return _is_number(token, 1) or _is_number(token, 2)


def _year(token: str) -> int:
    year = int(token)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise _NotUnderstood(token)
    return year


# Reading points and ranges from the tokens


def _first_expression(tokens: list[str]) -> tuple[int, _Point, _Point] | None:
    for index in range(len(tokens)):
        found = _read_expression(tokens, index)
        if found is not None:
            return index, found[0], found[1]
    return None


def _read_expression(tokens: list[str], index: int) -> tuple[_Point, _Point] | None:
    found = _read_point(tokens, index)
    if found is None:
        return None
    start, after = found
    separator = _at(tokens, after)
    is_year_slash = separator == "/" and _is_whole_year(start)
    if separator in _RANGE_WORDS and (separator != "/" or is_year_slash):
        end_found = _read_point(tokens, after + 1)
        if end_found is not None:
            first, last = _inherit(start, end_found[0])
            if "bare" not in (first.unit, last.unit):
                return first, last
    return None if start.unit == "bare" else (start, start)


def _read_point(tokens: list[str], index: int) -> tuple[_Point, int] | None:
    token = _at(tokens, index)
    if token is None:
        return None
    if token[0] in "0123456789":
        return _read_number(tokens, index)
    if token in _MONTHS:
        point = _Point("span", month=_MONTHS[token], length=1)
        return _with_year(tokens, index + 1, point)
    if token in _SEASONS:
        return _read_season(tokens, index)
    return _read_numbered_unit(tokens, index)


def _read_number(tokens: list[str], index: int) -> tuple[_Point, int] | None:
    token, following = tokens[index], _at(tokens, index + 1)
    if "-" in token:
        return _iso_point(token), index + 1
    if len(token) == 4:
        return _Point("span", year=_year(token)), index + 1
    if len(token) > 2:
        return None
    number = int(token)
    if following in _MONTHS:
        point = _Point("day", month=_MONTHS[following], number=number)
        return _with_year(tokens, index + 2, point)
    if following in _PART_NOUNS:
        return _with_year(tokens, index + 2, _part(following, number))
    if following == "/" and _is_small_number(_at(tokens, index + 2)):
        point = _Point("day", month=int(tokens[index + 2]), number=number)
        return _with_year(tokens, index + 3, point)
    return _with_year(tokens, index + 1, _Point("bare", number=number))


def _read_numbered_unit(tokens: list[str], index: int) -> tuple[_Point, int] | None:
    token, following = tokens[index], _at(tokens, index + 1)
    if token in _ORDINALS and following in _PART_NOUNS:
        return _with_year(tokens, index + 2, _part(following, _ORDINALS[token]))
    if token in _SCHOOL_YEAR_WORDS and _is_number(following, 4):
        return _read_school_year(tokens, index + 1)
    if not _is_small_number(following):
        return None
    number = int(following)
    if token in _PARTS:
        return _with_year(tokens, index + 2, _part(token, number))
    if token in _WEEK_WORDS:
        if not 1 <= number <= 53:
            raise _NotUnderstood(token)
        return _with_year(tokens, index + 2, _Point("week", number=number))
    return None


def _read_season(tokens: list[str], index: int) -> tuple[_Point, int]:
    token, following = tokens[index], _at(tokens, index + 1)
    month, length = _SEASONS[token]
    point = _Point("span", month=month, length=length)
    if token in ("vt", "ht") and _is_number(following, 2):  # "ht17"
        return replace(point, year=2000 + int(following)), index + 2
    point, after = _with_year(tokens, index + 1, point)
    if length == 2 and point.year and _at(tokens, after) == "/":
        if _is_next_year(_at(tokens, after + 1), point.year):  # "vintern 2017/2018"
            return replace(point, month=12, length=3), after + 2
    return point, after


def _read_school_year(tokens: list[str], index: int) -> tuple[_Point, int]:
    year, after = _year(tokens[index]), index + 1
    if _at(tokens, after) in ("/", "-") and _is_next_year(_at(tokens, after + 1), year):
        after += 2
    return _Point("span", month=8, length=11, year=year), after


def _with_year(tokens: list[str], index: int, point: _Point) -> tuple[_Point, int]:
    token = _at(tokens, index)
    if _is_number(token, 4):
        return replace(point, year=_year(token)), index + 1
    return point, index


def _is_next_year(token: str | None, year: int) -> bool:
    return token in (str(year + 1), f"{(year + 1) % 100:02d}")


def _is_whole_year(point: _Point) -> bool:
    return point.unit == "span" and point.length == 12


def _iso_point(token: str) -> _Point:
    parts = [int(part) for part in token.split("-")]
    if len(parts) == 2:
        return _Point("span", month=parts[1], length=1, year=_year(token[:4]))
    day = date(_year(token[:4]), parts[1], parts[2])
    return _Point("iso", year=day.year, iso=day)


def _part(word: str, number: int) -> _Point:
    size, count = _PARTS[word]
    if not 1 <= number <= count:
        raise _NotUnderstood(word)
    return _Point("span", month=(number - 1) * size + 1, length=size, number=number)


def _inherit(start: _Point, end: _Point) -> tuple[_Point, _Point]:
    if start.unit == "bare" and end.unit != "bare":
        return _as_unit_of(end, start), end
    if end.unit == "bare" and start.unit != "bare":
        return start, _as_unit_of(start, end)
    return start, end


def _as_unit_of(model: _Point, bare: _Point) -> _Point:
    """A lone number in a range takes the unit of the other end: "vecka 19-21"."""
    number = bare.number
    if model.unit in ("week", "day"):
        return replace(model, number=number, year=bare.year)
    if model.unit == "span" and model.number:
        if number * model.length > 12 or number < 1:
            raise _NotUnderstood(str(number))
        month = (number - 1) * model.length + 1
        return replace(model, month=month, number=number, year=bare.year)
    if _is_whole_year(model) and model.year and bare.year is None:  # "2017-18"
        return replace(model, year=_year(str(model.year // 100 * 100 + number)))
    return bare


# From points to dates


def _resolve(start: _Point, end: _Point, default_year: int | None) -> tuple[date, date]:
    start_year, end_year = start.year, end.year
    if start_year is None and end_year is None:
        if default_year is None:
            raise _NotUnderstood("no year")
        start_year = default_year
    if start_year is None:
        start_year = end_year
        if _bounds(start, start_year)[0] > _bounds(end, end_year)[1]:
            start_year -= 1
    elif end_year is None:
        end_year = start_year
        if _bounds(end, end_year)[1] < _bounds(start, start_year)[0]:
            end_year += 1
    first, last = _bounds(start, start_year)[0], _bounds(end, end_year)[1]
    if first > last:
        raise _NotUnderstood("backwards")
    return first, last


def _bounds(point: _Point, year: int) -> tuple[date, date]:
    if point.iso is not None:
        return point.iso, point.iso
    if point.unit == "day":
        day = date(year, point.month, point.number)
        return day, day
    if point.unit == "week":
        monday = date.fromisocalendar(year, point.number, 1)
        return monday, monday + timedelta(days=6)
    return _month_span(year, point.month, point.length)


def _month_span(year: int, month: int, length: int) -> tuple[date, date]:
    last_index = month - 1 + length - 1
    end_year, end_month = year + last_index // 12, last_index % 12 + 1
    last_day = calendar.monthrange(end_year, end_month)[1]
    return date(year, month, 1), date(end_year, end_month, last_day)


def _apply_prefix(
    tokens: list[str], index: int, point: _Point, first: date, last: date
) -> tuple[date | None, date | None]:
    """The word before a single point may open or cut its period."""
    before = _at(tokens, index - 1)
    if before in _UNTIL_WORDS:
        return None, last
    if before in _BEFORE_WORDS:
        return None, first - timedelta(days=1)
    if before == "from":
        return first, None
    if before == "av" and _at(tokens, index - 2) in _THIRDS:
        return _third(point, first, last, _THIRDS[tokens[index - 2]])
    return first, last


def _third(point: _Point, first: date, last: date, part: int) -> tuple[date, date]:
    if point.unit == "span" and point.length % 3 == 0:
        size = point.length // 3
        month_index = first.month - 1 + part * size
        return _month_span(first.year + month_index // 12, month_index % 12 + 1, size)
    days = (last - first).days + 1
    if days < 3:
        return first, last
    start = first + timedelta(days=part * days // 3)
    return start, first + timedelta(days=(part + 1) * days // 3 - 1)
