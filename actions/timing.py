"""The Tidpunkt parser (DESIGN §4.2): the Swedish free-text timing of an action as dates.

`parse_timing("januari-februari 2017")` gives 2017-01-01..2017-02-28, and
`find_timing(sentence)` finds the timing phrase inside a plan's sentence ("Ge en
kurs hösten 2026 med stöd av regionen" -> "hösten 2026"). The rules that are
choices rather than plain Swedish:

- Only the first date expression counts: in "Våren-hösten 2017 för att 2018 kunna söka
  medel" the later year is a purpose, not a date.
- Seasons: våren/vt = Jan-Jun, sommaren = Jun-Aug, hösten/ht = Jul-Dec, vintern Y =
  Jan-Feb of Y, but "vintern 2017/2018" = Dec 2017-Feb 2018; läsåret 2017/2018 =
  Aug 2017-Jun 2018. Tertials T1-T3 = Jan-Apr, May-Aug, Sep-Dec; halvår H1/H2.
  "1990-talet" is 1990-1999.
- A range takes a missing year from its other end ("januari-februari 2017"); a range
  that runs backwards within a year crosses New Year ("nov-feb 2018" = Nov 2017-Feb
  2018). A lone number takes the unit of the other end ("vecka 19-21", "1-15 maj").
  A slash joins two dated ends ("hösten 2018/våren 2019") or two years.
- "senast X", "till (och med) X", "fram till X": no start, ends with X. "före X",
  "inför X": ends the day before X, also with a few words between ("inför
  Europaparlamentets val i juni 2019"). "med start X", "från (och med) X", "sedan X":
  starts with X, no end, ongoing. "efter X": starts the day after X, no end, ongoing;
  after an event ("efter valet 2018") it starts on the event's day.
- "början/mitten/slutet av X": the first, middle or last third of X.
- Events: Europaveckan, Europadagen, the general election and the EU election,
  the municipal term (mandatperioden) and the EU programme period; their dates and
  phrases are in `actions.timing_events`. Dates written next to an event
  ("Europaveckan 2026 (4-10 maj)") win unless the event's own dates lie inside them.
- "nästa år", "nästkommande år" = the plan's year + 1; "i år", "innevarande år",
  "under året" = the plan's year.
- Ongoing words ("fortlöpande", "årligen", "fortsätta", "två gånger per år", "varje
  mandatperiod" ...) keep the dates found ("Hela 2017 och fortlöpande" ends
  2017-12-31); "och framåt", "fortsättningsvis" and "tills vidare" also leave the
  end open.
- Without a year the default year (the plan's year) is used; without that, the text
  is not understood. So is any year outside 1900-2100, any impossible date and any
  event on a day not known ("valet 2019").
- "jul" is July, as in the month abbreviations, not Christmas.

Inside a sentence (`find_timing`) a date phrase wins over an ongoing word; the
phrase takes the words that open or cut it ("under", "senast", "efter"), adjacent
ongoing words and a closing parenthesis. A sentence is stricter than a Tidpunkt
field: "vår" (our) or an abbreviated month needs a year, and a year that names a
thing ("Agenda 2030", "SFS 2017:725", "2030-målen") is no date.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date, timedelta

from actions.timing_events import EVENT_PHRASES, EVENTS, NotAnOccasion
from intkommun.years import FIRST_YEAR as MIN_YEAR
from intkommun.years import LAST_YEAR as MAX_YEAR

# A Tidpunkt is a line or two, a plan's sentence a paragraph at most; the caps keep
# hostile input cheap.
_MAX_CHARS = 500
_MAX_SENTENCE_CHARS = 2000


@dataclass(frozen=True)
class Timing:
    starts_on: date | None = None
    ends_on: date | None = None
    is_ongoing: bool = False

    @property
    def is_understood(self) -> bool:
        return self.starts_on is not None or self.ends_on is not None or self.is_ongoing


@dataclass(frozen=True)
class FoundTiming:
    """A timing phrase inside a sentence: `sentence[start:end] == phrase`, and
    `timing == parse_timing(phrase, default_year)`."""

    phrase: str
    timing: Timing
    start: int
    end: int

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end


class _NotUnderstood(ValueError):
    """The text names a date that cannot be placed (no year, impossible number)."""


@dataclass(frozen=True)
class _Point:
    """One end of a period, before its year is known."""

    unit: str  # "span" (of months), "week", "day", "iso", "event" or "bare" (a number)
    month: int = 1
    length: int = 12  # months in a span
    number: int = 0  # week, day of month, part of the year (Q3 -> 3) or lone number
    year: int | None = None
    iso: date | None = None  # first day of an "iso" point
    iso_end: date | None = None  # last day, when not the first
    offset: int | None = None  # years after the plan's year ("nästa år" -> 1)
    event: str = ""  # a key of EVENTS
    step: int = 0  # occasions after the one meant ("nästa mandatperiod" -> 1)
    last_year: int | None = None  # "mandatperioden 2019-2022"
    given: tuple[_Point, _Point] | None = None  # dates written after an event


# The vocabulary

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
_BEFORE_WORDS = {"före", "innan", "inför"}
_OPENING_WORDS = {*_UNTIL_WORDS, *_BEFORE_WORDS, "from", "after"}
_WORDS_BEFORE_A_DEADLINE = 4  # "inför Europaparlamentets val i juni 2019"
_THIRDS = {"början": 0, "mitten": 1, "slutet": 2, "slut": 2}

# Years counted from the plan's year (the default year).
_RELATIVE_YEARS = {
    r"i\s+år|innevarande\s+år|detta\s+år|under\s+året": 0,
    r"(?:nästa|nästkommande|följande|efterföljande)\s+(?:kalender)?år|året\s+därpå": 1,
}

# Phrases read as one word: (pattern on casefolded text, the word or words it becomes).
_PHRASES = (
    (r"t\.?\s?o\.?\s?m\b\.?|till\s+och\s+med|fram\s+till", "tom"),
    (r"fr\.?\s?o\.?\s?m\b\.?|från\s+och\s+med", "from"),
    (r"med\s+(?:start|början|uppstart)", "from"),
    (r"(?:start|startar|uppstart|påbörjas|börjar|inleds|från|sedan)\b", "from"),
    (r"efter\b", "after"),
    *(
        (rf"(?<![\w-])(?:{pattern})(?!\w)", f"@{event}:{step}")
        for pattern, event, step in EVENT_PHRASES
    ),
    (r"[0-9]{4}\s+års\s+val\b", "@election:0 year"),  # "efter 2018 års val"
    (r"[0-9]{3}0[-\s]?tal(?:et|ets)?\b", "decade"),  # "1990-talet"
    *(
        (rf"\b(?:{pattern})\b", f"+{years}")
        for pattern, years in _RELATIVE_YEARS.items()
    ),
)

# Ongoing words: (pattern, whether it is a timing on its own inside a sentence).
_ONGOING_WORDS = (
    (r"fortlöpande|löpande|kontinuerlig\w*|regelbund\w*|återkommande", True),
    (r"årlig\w*|terminsvis|kvartalsvis|månadsvis", True),
    (r"fortsätt\w*|fortsatt\w*|tills?\s*vidare", True),
    (
        r"varje\s+(?:år|kalenderår|läsår|termin|månad|vecka|kvartal|mandatperiod"
        r"|vår|höst)",
        True,
    ),
    (
        r"(?:[0-9]+|en|ett\s+par|två|tre|fyra|fem|sex)\s+gånge?r?\s+(?:per|om|i|varje)"
        r"\s+(?:år|året|kalenderår|läsår|termin|terminen|månad|kvartal|mandatperiod)",
        True,
    ),
    (r"per\s+(?:kalenderår|läsår|termin|kvartal|mandatperiod)", True),
    (r"per\s+(?:år|månad|vecka)", False),
    (r"långsiktig\w*|pågående|ständigt|framåt", False),
    (r"ongoing|continuous\w*|annually|yearly", True),
)
_ONGOING = re.compile(rf"\b(?:{'|'.join(pattern for pattern, _ in _ONGOING_WORDS)})\b")
_ONGOING_ALONE = re.compile(
    rf"\b(?:{'|'.join(pattern for pattern, alone in _ONGOING_WORDS if alone)})\b"
)
_OPEN_ENDED = re.compile(
    r"\b(?:framåt|fortsättningsvis|tills?\s*vidare|och\s+(?:vidare|därefter|senare))\b"
)
_DASHES = re.compile(r"[\u2010-\u2015\u2212\u2043\ufe58\ufe63\uff0d]")
_WORD = (
    r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?![0-9])"
    r"|[0-9]{4}-(?:0[1-9]|1[0-2])(?![0-9])"
    r"|[0-9]+|[^\W\d_]+|-+|/"
)
_TOKEN = re.compile(
    "|".join(
        f"(?P<p{number}>{pattern})" for number, (pattern, _) in enumerate(_PHRASES)
    )
    + f"|{_WORD}"
)

# Inside a sentence: words that lead into a timing phrase, and what is no date there.
_LEADING_WORDS = _FILLER - {"a", "e"}
_GLUE = re.compile(r"[\s,]*(?:(?:och|samt|därefter|sedan)[\s,]+)*")
_FULL_MONTH_NAMES = {
    *("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti"),
    *("september", "oktober", "november", "december"),
}
_WEAK_WORDS = {"vår", "höst", "sommar", "vinter"} | (set(_MONTHS) - _FULL_MONTH_NAMES)
_NAMING_WORDS = {
    *("agenda", "vision", "visionen", "horisont", "horizon", "europa", "strategi"),
    *("sfs", "sou", "prop", "ds", "dir", "dnr", "iso", "nr", "version"),
}
_REFERENCE_AFTER_A_YEAR = re.compile(r"[:/.][0-9]|-[^\W\d_]")
_REST_OF_PARENTHESIS = re.compile(r"[^()\n]{0,40}\)")


def parse_timing(text: str, default_year: int | None = None) -> Timing:
    """Read a Tidpunkt; never raises, returns an empty Timing when not understood."""
    if not isinstance(text, str):
        return Timing()
    lowered, _, _ = _lowered(text[:_MAX_CHARS])
    default_year = _checked_year(default_year)
    is_ongoing = bool(_ONGOING.search(lowered))
    try:
        tokens = _tokens(lowered).words
        found = _first_expression(tokens)
        if found is None:
            return Timing(is_ongoing=is_ongoing)
        index, start, end, _ = found
        first, last = _dates(tokens, index, start, end, default_year)
    except (ValueError, OverflowError):
        return Timing(is_ongoing=is_ongoing)
    if first is not None and (last is None or _OPEN_ENDED.search(lowered)):
        return Timing(first, None, True)
    return Timing(first, last, is_ongoing)


def find_timing(sentence: str, default_year: int | None = None) -> FoundTiming | None:
    """The first timing phrase in a plan's sentence, or None; never raises."""
    if not isinstance(sentence, str):
        return None
    text = sentence[:_MAX_SENTENCE_CHARS]
    lowered, starts, ends = _lowered(text)
    try:
        span = _date_phrase(lowered) or _ongoing_phrase(lowered)
    except (ValueError, OverflowError):
        return None
    if span is None:
        return None
    start, end = starts[span[0]], ends[span[1] - 1]
    phrase = text[start:end]
    return FoundTiming(phrase, parse_timing(phrase, default_year), start, end)


def _checked_year(year: object) -> int | None:
    if isinstance(year, int) and MIN_YEAR <= year <= MAX_YEAR:
        return year
    return None


# From text to words, remembering where each word stands


def _lowered(text: str) -> tuple[str, list[int], list[int]]:
    """The casefolded NFC text, and for each of its characters where the character
    it came from starts and ends in `text`."""
    simple = unicodedata.normalize("NFC", text.casefold())
    if len(simple) == len(text) and unicodedata.is_normalized("NFC", text):
        return (
            _DASHES.sub("-", simple),
            list(range(len(text))),
            list(range(1, len(text) + 1)),
        )
    pieces, starts, ends = [], [], []
    index = 0
    while index < len(text):
        after = index + 1
        while after < len(text) and unicodedata.combining(text[after]):
            after += 1
        piece = unicodedata.normalize("NFC", text[index:after].casefold())
        pieces.append(piece)
        starts.extend([index] * len(piece))
        ends.extend([after] * len(piece))
        index = after
    return _DASHES.sub("-", "".join(pieces)), starts, ends


@dataclass(frozen=True)
class _Tokens:
    words: list[str]  # what the parser reads: fillers left out
    spans: list[tuple[int, int]]  # where each word stands in the lowered text
    everything: list[tuple[str, int, int]]  # every word with fillers, and its place
    places: list[int]  # where each of `words` is in `everything`


def _tokens(lowered: str) -> _Tokens:
    words, spans, everything, places = [], [], [], []
    for match in _TOKEN.finditer(lowered):
        for word in _words_of(match):
            everything.append((word, match.start(), match.end()))
            if word not in _FILLER:
                words.append(word)
                spans.append((match.start(), match.end()))
                places.append(len(everything) - 1)
    return _Tokens(words, spans, everything, places)


def _words_of(match: re.Match[str]) -> list[str]:
    if match.lastgroup is None:
        return [match.group()]
    words = _PHRASES[int(match.lastgroup[1:])][1].split()
    digits = re.match(r"[0-9]+", match.group())
    if words[-1] == "year" and digits:
        return [*words[:-1], digits.group()]
    if words[-1] == "decade" and digits:
        return [f"{digits.group()}s"]
    return words


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


def _relative_year(token: str | None) -> int | None:
    if token and token[0] == "+":
        return int(token[1:])
    return None


# Reading points and ranges from the words


def _first_expression(tokens: list[str]) -> tuple[int, _Point, _Point, int] | None:
    for index in range(len(tokens)):
        found = _read_expression(tokens, index)
        if found is not None:
            return index, *found
    return None


def _read_expression(
    tokens: list[str], index: int
) -> tuple[_Point, _Point, int] | None:
    """The point or range that starts at `index`, and where it ends."""
    found = _read_point(tokens, index)
    if found is None:
        return None
    start, after = found
    separator = _at(tokens, after)
    if separator in _RANGE_WORDS and (separator != "/" or _may_slash(start)):
        end_found = _read_point(tokens, after + 1)
        if end_found is not None and (
            separator != "/" or _may_slash(start, end_found[0])
        ):
            first, last = _inherit(start, end_found[0])
            if "bare" not in (first.unit, last.unit):
                return first, last, end_found[1]
    return None if start.unit == "bare" else (start, start, after)


def _may_slash(start: _Point, end: _Point | None = None) -> bool:
    """A slash joins two years ("2017/2018") or two dated ends ("hösten 2018/våren
    2019"), not a day and a month ("9/5")."""
    if _is_whole_year(start):
        return True
    if start.year is None or start.unit == "bare":
        return False
    return end is None or (
        end.year is not None and end.unit != "bare" and not _is_whole_year(end)
    )


def _read_point(tokens: list[str], index: int) -> tuple[_Point, int] | None:
    token = _at(tokens, index)
    if token is None:
        return None
    if token[0] in "0123456789":
        return _read_number(tokens, index)
    if token[0] == "@":
        return _read_event(tokens, index)
    if token[0] == "+":
        return _Point("span", offset=_relative_year(token)), index + 1
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
    if token.endswith("s"):  # "1990-talet"
        return _Point("span", length=120, year=_year(token[:-1])), index + 1
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


def _read_event(tokens: list[str], index: int) -> tuple[_Point, int]:
    """An event, its year or years ("mandatperioden 2019-2022") and the dates
    written after it ("Europaveckan 2026 (4-10 maj)")."""
    name, step = tokens[index][1:].split(":")
    point, after = _with_year(
        tokens, index + 1, _Point("event", event=name, step=int(step))
    )
    following = _at(tokens, after + 1)
    if point.year and _at(tokens, after) in ("-", "/", "till", "tom") and following:
        if _is_number(following, 4):
            point, after = replace(point, last_year=_year(following)), after + 2
        elif _is_number(following, 2):
            last_year = point.year // 100 * 100 + int(following)
            point, after = replace(point, last_year=last_year), after + 2
    given = _read_expression(tokens, after)
    if given is not None and "event" not in (given[0].unit, given[1].unit):
        return replace(point, given=given[:2]), given[2]
    return point, after


def _with_year(tokens: list[str], index: int, point: _Point) -> tuple[_Point, int]:
    token = _at(tokens, index)
    if _is_number(token, 4):
        return replace(point, year=_year(token)), index + 1
    if _relative_year(token) is not None:  # "våren nästa år"
        return replace(point, offset=_relative_year(token)), index + 1
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


def _dates(
    tokens: list[str], index: int, start: _Point, end: _Point, default_year: int | None
) -> tuple[date | None, date | None]:
    placed_start = _placed(start, default_year)
    placed_end = placed_start if end is start else _placed(end, default_year)
    first, last = _resolve(placed_start, placed_end, default_year)
    if end is not start:
        return first, last
    return _apply_prefix(tokens, index, placed_start, first, last)


def _placed(point: _Point, default_year: int | None) -> _Point:
    """The point with the plan's year applied to "nästa år" and events as dates."""
    if point.offset is not None and point.year is None:
        if default_year is None:
            raise _NotUnderstood("no year")
        point = replace(
            point, year=_year(str(default_year + point.offset)), offset=None
        )
    if point.unit == "event":
        return _placed_event(point, default_year)
    return point


def _placed_event(point: _Point, default_year: int | None) -> _Point:
    given = None
    if point.given is not None:
        given_start, given_end = (_placed(end, default_year) for end in point.given)
        given = _resolve(given_start, given_end, point.year or default_year)
    try:
        occasion = _occasion(point, given[0].year if given else default_year)
    except NotAnOccasion:
        if given is None:
            raise
        occasion = None
    if given and (
        occasion is None or not given[0] <= occasion[0] <= occasion[1] <= given[1]
    ):
        return _Point("iso", year=given[0].year, iso=given[0], iso_end=given[1])
    first, last = occasion
    return _Point("iso", year=first.year, iso=first, iso_end=last, event=point.event)


def _occasion(point: _Point, plan_year: int | None) -> tuple[date, date]:
    event = EVENTS[point.event]
    if point.year is not None:
        occasion = event.named(point.year, point.last_year)
    elif plan_year is not None:
        occasion = event.for_plan(plan_year)
    else:
        raise _NotUnderstood("no year")
    for _ in range(point.step):
        occasion = event.following(occasion)
    return occasion


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
        return point.iso, point.iso_end or point.iso
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
    """The words before a single point may cut it to a third, then open or end it."""
    lead, opener = _opening(tokens, index)
    if lead < index:
        first, last = _third(point, first, last, _THIRDS[tokens[lead]])
    word = _at(tokens, opener) if opener is not None else None
    if word in _UNTIL_WORDS:
        return None, last
    if word in _BEFORE_WORDS:
        return None, first - timedelta(days=1)
    if word == "from" or (word == "after" and point.event):
        return first, None
    if word == "after":
        return last + timedelta(days=1), None
    return first, last


def _opening(tokens: list[str], index: int) -> tuple[int, int | None]:
    """Where "början av" before the point starts, and where the word that opens or
    ends it stands ("senast", "från", "efter", "inför ... i")."""
    lead = index
    if _at(tokens, index - 1) == "av" and _at(tokens, index - 2) in _THIRDS:
        lead = index - 2
    if _at(tokens, lead - 1) in _OPENING_WORDS:
        return lead, lead - 1
    for before in range(lead - 1, max(lead - 2 - _WORDS_BEFORE_A_DEADLINE, -1), -1):
        token = tokens[before]
        if token in _BEFORE_WORDS:
            return lead, before
        if not token.isalpha() or token in _OPENING_WORDS or token in _RANGE_WORDS:
            break
    return lead, None


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


# Finding the phrase inside a sentence


def _date_phrase(lowered: str) -> tuple[int, int] | None:
    """Where the first date phrase of the sentence stands in `lowered`."""
    tokens = _tokens(lowered)
    for index in range(len(tokens.words)):
        try:
            found = _read_expression(tokens.words, index)
        except (ValueError, OverflowError):
            continue
        if found is None or not _is_a_date_in_a_sentence(
            tokens, lowered, index, *found
        ):
            continue
        lead, opener = _opening(tokens.words, index)
        begin = tokens.spans[opener if opener is not None else lead][0]
        begin = _with_leading_words(tokens, lowered, tokens.places[lead], begin)
        end = _with_closing_parenthesis(lowered, begin, tokens.spans[found[2] - 1][1])
        return _with_ongoing_words(lowered, begin, end)
    return None


def _is_a_date_in_a_sentence(
    tokens: _Tokens, lowered: str, index: int, start: _Point, end: _Point, after: int
) -> bool:
    """A sentence is stricter than a Tidpunkt: "vår kommun", "till jul", "1/3 av
    budgeten" and "Agenda 2030" are no dates."""
    if start.unit == "day" and start.year is None and "/" in tokens.words[index:after]:
        return False
    if end is not start or after - index > 1:
        return True
    word = tokens.words[index]
    if word in _WEAK_WORDS:
        return False
    if _is_number(word, 4):
        before = tokens.words[index - 1] if index else ""
        following = lowered[tokens.spans[index][1] : tokens.spans[index][1] + 2]
        return before not in _NAMING_WORDS and not _REFERENCE_AFTER_A_YEAR.match(
            following
        )
    return True


def _with_leading_words(tokens: _Tokens, lowered: str, place: int, begin: int) -> int:
    """Take "under", "i", "hela" ... written just before the phrase."""
    while place > 0:
        word, word_start, word_end = tokens.everything[place - 1]
        if word_end > begin:
            place -= 1
            continue
        if word not in _LEADING_WORDS or lowered[word_end:begin].strip():
            break
        begin, place = word_start, place - 1
    return begin


def _with_closing_parenthesis(lowered: str, begin: int, end: int) -> int:
    phrase = lowered[begin:end]
    if phrase.count("(") > phrase.count(")"):
        match = _REST_OF_PARENTHESIS.match(lowered, end)
        if match:
            return match.end()
    return end


def _with_ongoing_words(lowered: str, begin: int, end: int) -> tuple[int, int]:
    """Take the ongoing words written next to the phrase ("årligen i maj", "hela 2027
    och därefter fortlöpande")."""
    matches = list(_ONGOING.finditer(lowered))
    for match in reversed(matches):
        if match.end() <= begin and _GLUE.fullmatch(lowered, match.end(), begin):
            begin = match.start()
    for match in matches:
        if match.start() >= end and _GLUE.fullmatch(lowered, end, match.start()):
            end = match.end()
        elif match.start() < end and match.end() > begin:
            begin, end = min(begin, match.start()), max(end, match.end())
    return begin, end


def _ongoing_phrase(lowered: str) -> tuple[int, int] | None:
    match = _ONGOING_ALONE.search(lowered)
    return match.span() if match else None
