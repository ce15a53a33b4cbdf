"""Reading an existing action plan (DESIGN §4.3) into rows for the import preview.

Pure: text or bytes in, a `ParsedPlan` out. Nothing is saved here and nothing raises
on bad input; every difficulty becomes a `Problem` with a Swedish message (this module
is not translated, so the messages are literal Swedish). The one exception is a file
over the size limits of `actions.upload_limits`: that raises `UploadRefused` before
the parser does the work, so that the upload form can refuse it.

Choices made, so the preview shows what the document says:
- Field values are kept as written, with runs of whitespace (line breaks in a cell,
  continuation lines of a block) joined by one space. A value that is only a dash
  ("-", "–", "—") means "nothing" and becomes "".
- Markdown emphasis (`*EU*`, `**förankra**`, `__x__`) and heading marks (`## `) are
  formatting, not text: they are removed. A lone asterisk stays.
- Block format: a field label at the start of a line ("Åtgärd:", "ÅTGÄRD :", English
  "Action:") starts or continues a block; "Åtgärd" and a label already in the block
  start a new block. A line without a label right after a field (no blank line
  between) continues that field. After a blank line, a line without a label ends the
  block and is prose, which is ignored. A block without an Åtgärd is a problem.
- Focus areas: a numbered line ("1. Internationella nätverk ...") that is not part of
  a numbered list (no numbered line next to it) starts a focus area; its title is the
  text without the number. An unnumbered heading (a short line on its own, starting
  with a capital, not ending in punctuation) ends a focus area that already has
  actions, so "Uppföljning och utvärdering" leaves its actions without focus area
  while "1. X / Åtgärder / Åtgärd: ..." keeps X. Actions before the first focus area
  have focus area "". `ParsedPlan.focus_areas` lists only areas that have actions, so
  an introduction's list of areas never shows up on its own.
- Tables (csv, xlsx, docx): the header row is the first of the first ten non-empty
  rows that names known columns, in any order and case. A row whose columns all hold
  the same text (a merged row across the table) is a focus area heading. Merged cells
  in xlsx take the value of their top-left cell. Only the first sheet with an Åtgärd
  column is read.
- docx: tables with an action header are read as tables, everything else (paragraphs,
  and two-column "Åtgärd | text" tables) as block text, in document order, so a
  heading above a table gives its rows their focus area. Each Word paragraph is a
  paragraph of the block text; a line break inside a paragraph is a continuation line.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from pathlib import PurePath
from typing import Any

import docx
import openpyxl
from defusedxml import ElementTree
from docx.oxml.ns import qn
from docx.table import Table
from openpyxl.worksheet.cell_range import CellRange

from actions.plan_columns import (
    TARGET_NAMES,
    TITLE,
    column_target,
    row_fields,
    suggest,
)
from actions.plan_prose import (
    Paragraph,
    Passage,
    has_items,
    read_prose,
    text_paragraphs,
)
from actions.upload_limits import (
    Limits,
    UploadRefused,
    check_zip,
    too_many_cells,
    too_many_paragraphs,
    too_many_rows,
)
from intkommun.formatting import format_number
from intkommun.limits import SHORT_TEXT_LENGTH, TEXT_LENGTH, TITLE_LENGTH

FOCUS_AREA_LENGTH = 300  # strategies.FocusArea.title


@dataclass(frozen=True)
class ParsedAction:
    focus_area: str
    title: str
    participants_text: str
    timing_text: str
    responsible_text: str
    source: str  # where it came from, in Swedish words: "block 3", "tabell 1 rad 4"
    # The source's other columns ("Förväntat resultat: …"), or text the reader
    # keeps with the action; saved as the action's description.
    description: str = ""
    goal_text: str = ""  # a Mål column, matched to the plan's goals on import


@dataclass(frozen=True)
class TableToMap:
    """A table whose columns were not all recognised: the user says which column
    is which (`actions.plan_columns`) before its rows become actions."""

    source: str  # "kalkylbladet", "tabell 2"
    headers: list[str]  # as written; a column without a header is "Kolumn 3"
    rows: list[list[str]]  # the rows below the header row, as read
    first_row: int  # the number of rows[0] in the file (1-based)
    row_prefix: str  # what a row's source starts with: "tabell 2 " or ""
    at: int  # how many actions come before it in the document
    focus_area: str  # the focus area in force above it
    suggested: list[str]  # one target per column, from the headers

    def row_source(self, index: int) -> str:
        return f"{self.row_prefix}rad {self.first_row + index}"

    @property
    def samples(self) -> list[str]:
        """The first non-empty value of each column, so that the user sees what
        a column holds."""
        found = []
        for position in range(len(self.headers)):
            values = (_cell(row, position).strip() for row in self.rows)
            found.append(next((value for value in values if value), ""))
        return found


@dataclass(frozen=True)
class Problem:
    source: str
    message: str


@dataclass(frozen=True)
class ParsedPlan:
    focus_areas: list[str]
    actions: list[ParsedAction]
    problems: list[Problem]
    # The number a focus area's heading had ("2. Omvärldsspaning …" → 2), so that
    # a plan's heading can find its strategy's area even when worded differently.
    focus_area_numbers: dict[str, int] = field(default_factory=dict)
    # Tables that wait for the user to say which column is which.
    tables: list[TableToMap] = field(default_factory=list)
    # Text of a prose plan that did not become an action (`actions.plan_prose`).
    left_out: list[Passage] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.problems and not self.tables and bool(self.actions)

    def as_json(self) -> dict:
        """What a staged import keeps, so that its preview never parses again."""
        return {
            "focus_areas": self.focus_areas,
            "actions": [vars(action) for action in self.actions],
            "problems": [vars(problem) for problem in self.problems],
            "focus_area_numbers": self.focus_area_numbers,
            "tables": [vars(table) for table in self.tables],
            "left_out": [vars(passage) for passage in self.left_out],
        }

    @classmethod
    def from_json(cls, data: dict) -> ParsedPlan:
        return cls(
            focus_areas=list(data["focus_areas"]),
            actions=[ParsedAction(**action) for action in data["actions"]],
            problems=[Problem(**problem) for problem in data["problems"]],
            focus_area_numbers=dict(data["focus_area_numbers"]),
            tables=[TableToMap(**table) for table in data.get("tables", [])],
            left_out=[Passage(**passage) for passage in data.get("left_out", [])],
        )

    def with_actions(self, actions: list[ParsedAction]) -> ParsedPlan:
        """The plan with its rows as corrected in the preview."""
        areas = dict.fromkeys(a.focus_area for a in actions if a.focus_area)
        problems = [
            Problem(action.source, message)
            for action in actions
            if (message := row_problem(vars(action)))
        ]
        # A passage the user made rows of is no longer left out.
        sources = {
            part.split(",")[0]
            for action in actions
            for part in action.source.split(" + ")
        }
        return ParsedPlan(
            list(areas),
            list(actions),
            problems,
            dict(self.focus_area_numbers),
            left_out=[p for p in self.left_out if p.source not in sources],
        )


# Block text knows the labels of Skara's layout; tables know every column name of
# `actions.plan_columns`.
_BLOCK_NAMES = {
    "title": ("åtgärd", "åtgärder", "aktivitet", "action", "activity"),
    "participants_text": ("medverkande", "deltagare", "participants"),
    "timing_text": ("tidpunkt", "tidplan", "tidsplan", "timing", "time"),
    "responsible_text": ("ansvarig", "ansvariga", "ansvar", "responsible"),
}
_KEYS = {name: key for key, names in _BLOCK_NAMES.items() for name in names}
_BLOCK_LABELS = {
    "title": "Åtgärd",
    "participants_text": "Medverkande",
    "timing_text": "Tidpunkt",
    "responsible_text": "Ansvarig",
}
# What an action's fields hold (actions.models): a longer value is a problem of
# the file, shown before anything is saved, not a refusal by the database.
_LENGTHS = {
    "title": TITLE_LENGTH,
    "participants_text": SHORT_TEXT_LENGTH,
    "timing_text": 500,
    "responsible_text": SHORT_TEXT_LENGTH,
    "focus_area": FOCUS_AREA_LENGTH,
    "goal_text": TITLE_LENGTH,
    "description": TEXT_LENGTH,
}
_FIELD_LABELS = {**TARGET_NAMES, "description": "Beskrivningen"}
# Block text has no focus-area label: there the numbered headings say it.
_LABEL = re.compile(
    r"^(?P<label>"
    + "|".join(sorted((n for n in _KEYS if _KEYS[n] in _BLOCK_LABELS), key=len)[::-1])
    + r")\s*:\s*(?P<value>.*)$",
    re.IGNORECASE,
)
_NUMBERED = re.compile(r"^(?P<number>\d{1,2})[.)]\s+(?P<title>\S.*)$")
# Bounded so that a long line full of asterisks cannot make the search quadratic.
_EMPHASIS = re.compile(r"(\*{1,3}|__)(?=\S)(.{1,300}?)(?<=\S)\1")
_HEADING_MARK = re.compile(r"^#{1,6}\s+")
_PARENTHESIS = re.compile(r"\s*\(.*\)$")
_SPACES = re.compile(r"\s+")
_DASH_ONLY = {"-", "–", "—", "−"}
_HEADER_SEARCH_ROWS = 10

_MISSING_ACTION = "Åtgärd saknas."
_NO_ACTIONS = (
    "Inga åtgärder hittades. Åtgärder läses ur tabeller, ur block som börjar med "
    "”Åtgärd:” och ur punktlistor."
)
_EMPTY_FILE = "Filen är tom."
_NOT_TEXT = "Filen går inte att läsa som text."
_NOT_CSV = "Filen går inte att läsa som CSV."
_NOT_XLSX = "Filen går inte att läsa som en Excel-fil (.xlsx)."
_NOT_DOCX = "Filen går inte att läsa som en Word-fil (.docx)."
_UNKNOWN_TYPE = "Filtypen stöds inte. Använd .txt, .csv, .xlsx eller .docx."
_OLD_TYPES = {
    ".doc": "Äldre Word-filer (.doc) kan inte läsas. Spara filen som .docx och försök igen.",
    ".xls": "Äldre Excel-filer (.xls) kan inte läsas. Spara filen som .xlsx och försök igen.",
    ".pdf": "PDF-filer kan inte läsas. Kopiera texten ur filen och klistra in den i stället.",
}


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\ufeff", "")
    text = _HEADING_MARK.sub("", _SPACES.sub(" ", text).strip())
    return _EMPHASIS.sub(r"\2", text)


def _value(text: str) -> str:
    text = _clean(text)
    return "" if text in _DASH_ONLY else text


def _too_long(key: str) -> str:
    return (
        f"{_FIELD_LABELS[key]} är längre än {format_number(_LENGTHS[key])} tecken; "
        "korta texten."
    )


def row_problem(values: dict[str, str]) -> str | None:
    """Why a row cannot become an action (no Åtgärd, a field too long), or None."""
    if not values.get("title"):
        return _MISSING_ACTION
    for key, limit in _LENGTHS.items():
        if len(values.get(key) or "") > limit:
            return _too_long(key)
    return None


def title_key(title: str) -> str:
    """The form in which two titles of actions are the same action: case and runs
    of whitespace do not count."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", title)).strip().casefold()


def _failed(message: str, source: str = "filen") -> ParsedPlan:
    return ParsedPlan([], [], [Problem(source, message)])


# Collecting actions, blocks and focus areas


@dataclass
class _Block:
    source: str
    fields: dict[str, str]
    last_key: str


@dataclass
class _Table:
    source: str  # "tabell 2"
    rows: list[list[str]]


@dataclass
class _Builder:
    focus_area: str = ""
    focus_area_has_actions: bool = False
    focus_area_numbers: dict[str, int] = field(default_factory=dict)
    block: _Block | None = None
    block_count: int = 0
    actions: list[ParsedAction] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    tables: list[TableToMap] = field(default_factory=list)

    def start_focus_area(self, title: str, number: int | None = None) -> None:
        self.focus_area, self.focus_area_has_actions = title, False
        if title and number is not None:
            self.focus_area_numbers.setdefault(title, number)

    def end_focus_area(self) -> None:
        if self.focus_area_has_actions:
            self.start_focus_area("")

    def add(self, fields: dict[str, str], source: str) -> None:
        # The description keeps its lines; every other field is one line.
        values = {
            key: text if key == "description" else _value(text)
            for key, text in fields.items()
        }
        problem = row_problem(values)
        if problem:
            self.problems.append(Problem(source, problem))
            return
        self.focus_area_has_actions = True
        self.actions.append(
            ParsedAction(
                focus_area=values.get("focus_area") or self.focus_area,
                title=values["title"],
                participants_text=values.get("participants_text", ""),
                timing_text=values.get("timing_text", ""),
                responsible_text=values.get("responsible_text", ""),
                source=source,
                description=values.get("description", ""),
                goal_text=values.get("goal_text", ""),
            )
        )

    def set_field(self, key: str, text: str) -> None:
        if self.block is None or key == "title" or key in self.block.fields:
            self.close_block()
            self.block_count += 1
            self.block = _Block(f"block {self.block_count}", {}, key)
        self.block.fields[key] = text
        self.block.last_key = key

    def continue_field(self, line: str) -> None:
        fields, key = self.block.fields, self.block.last_key
        fields[key] = f"{fields[key]} {line}".strip()

    def close_block(self) -> None:
        if self.block is not None:
            self.add(self.block.fields, self.block.source)
            self.block = None

    def plan(self, source: str) -> ParsedPlan:
        self.close_block()
        if not self.actions and not self.problems and not self.tables:
            self.problems.append(Problem(source, _NO_ACTIONS))
        areas = dict.fromkeys(a.focus_area for a in self.actions if a.focus_area)
        # A table's rows may use headings seen so far; their numbers are kept.
        numbers = (
            dict(self.focus_area_numbers)
            if self.tables
            else {t: n for t, n in self.focus_area_numbers.items() if t in areas}
        )
        return ParsedPlan(
            list(areas),
            list(self.actions),
            list(self.problems),
            numbers,
            list(self.tables),
        )


# Block text


def parse_text(text: str, limits: Limits | None = None) -> ParsedPlan:
    """Read pasted text: `Åtgärd: / Medverkande: / Tidpunkt: / Ansvarig:` blocks, or
    rows copied from a spreadsheet (tab-separated with a header row)."""
    if not isinstance(text, str):
        text = ""
    limits = limits or Limits.from_settings()
    _check_lines(text, limits.paragraphs)
    builder = _Builder()
    if "\t" in text and _is_pasted_table(text):
        rows = [line.split("\t") for line in text.splitlines()]
        _read_table(builder, rows, "texten", "")
        return builder.plan("texten")
    _read_items(builder, [_clean(line) for line in text.splitlines()])
    return _or_as_prose(builder, text_paragraphs(_cleaned_lines(text)), "texten")


def _is_pasted_table(text: str) -> bool:
    """Rows copied from a spreadsheet: a header row of named columns, known or not
    (the user maps unknown ones), and most lines split by tabs. "Åtgärd:<tab>text"
    is block text."""
    rows = [line.split("\t") for line in text.splitlines() if line.strip()]
    header = _find_header(rows)
    if header is not None and "title" in header[1] and len(header[1]) >= 2:
        return True
    start = _any_header(rows)
    if start is None or header is not None and "title" in header[1]:
        return False
    names = [_clean(cell) for cell in rows[start] if _clean(cell)]
    tabbed = sum(1 for row in rows if len(row) >= 2)
    return (
        len(names) >= 2
        and not any(name.endswith(":") for name in names)
        and tabbed >= 2
        and tabbed * 2 >= len(rows)
    )


def _cleaned_lines(text: str) -> str:
    """The text with each line cleaned as `_clean` does, its indent kept as one
    space: an indented line continues a bullet."""
    return "\n".join(
        (" " if line[:1].isspace() else "") + _clean(line) for line in text.splitlines()
    )


def _or_as_prose(
    builder: _Builder, paragraphs: list[Paragraph], source: str
) -> ParsedPlan:
    """The plan as labelled blocks and tables give it; when they give no action and
    the text has lists, the plan as prose (`actions.plan_prose`)."""
    builder.close_block()
    if builder.actions or builder.tables or not has_items(paragraphs):
        return builder.plan(source)
    reading = read_prose(paragraphs)
    prose = _Builder(focus_area_numbers=reading.focus_area_numbers)
    for row in reading.rows:
        prose.add(
            {key: value for key, value in vars(row).items() if key != "source"},
            row.source,
        )
    return replace(prose.plan(source), left_out=reading.left_out)


def _check_lines(text: str, limit: int) -> None:
    if text.count("\n") + (not text.endswith("\n")) > limit:
        raise too_many_rows(limit)


def _read_items(builder: _Builder, items: Sequence[str | _Table]) -> None:
    after_blank = True
    for index, item in enumerate(items):
        if isinstance(item, _Table):
            builder.close_block()
            _read_table(builder, item.rows, "tabellen", f"{item.source} ")
            after_blank = True
        elif not item:
            after_blank = True
        else:
            _read_line(builder, items, index, after_blank)
            after_blank = False
    builder.close_block()


def _read_line(
    builder: _Builder, items: Sequence[str | _Table], index: int, after_blank: bool
) -> None:
    line = items[index]
    label = _LABEL.match(line)
    if label:
        builder.set_field(_KEYS[label["label"].casefold()], label["value"])
    elif builder.block is not None and not after_blank and not _NUMBERED.match(line):
        builder.continue_field(line)
    else:
        builder.close_block()
        _read_heading(builder, items, index)


def _read_heading(builder: _Builder, items: Sequence[str | _Table], index: int) -> None:
    line = items[index]
    numbered = _NUMBERED.match(line)
    if numbered:
        if _is_heading_text(numbered["title"]) and not _is_list_item(items, index):
            builder.start_focus_area(numbered["title"], int(numbered["number"]))
    elif _is_heading_text(line) and line[0].isupper() and _stands_alone(items, index):
        builder.end_focus_area()


def _is_heading_text(line: str) -> bool:
    return len(line) <= 100 and line[-1] not in ".,;:" and line[0] not in "-–•*"


def _neighbours(items: Sequence[str | _Table], index: int) -> list[str | _Table]:
    """The nearest non-blank item on each side; blank lines separate Word paragraphs."""
    found = []
    for step in (-1, 1):
        position = index + step
        while 0 <= position < len(items) and items[position] == "":
            position += step
        if 0 <= position < len(items):
            found.append(items[position])
    return found


def _is_list_item(items: Sequence[str | _Table], index: int) -> bool:
    return any(
        isinstance(item, str) and _NUMBERED.match(item)
        for item in _neighbours(items, index)
    )


def _stands_alone(items: Sequence[str | _Table], index: int) -> bool:
    return all(
        not (0 <= position < len(items)) or not items[position]
        for position in (index - 1, index + 1)
    )


# Tables: csv, xlsx, docx and tab-separated text


def _header_key(cell: str) -> str | None:
    return column_target(_clean(cell))


def _header_columns(row: Sequence[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for position, cell in enumerate(row):
        key = _header_key(cell)
        if key is not None and key not in columns:
            columns[key] = position
    return columns


def _find_header(rows: Sequence[Sequence[str]]) -> tuple[int, dict[str, int]] | None:
    """The first of the first few non-empty rows that names the action or two columns."""
    for index in _first_rows(rows):
        columns = _header_columns(rows[index])
        if "title" in columns or len(columns) >= 2:
            return index, columns
    return None


def _first_rows(rows: Sequence[Sequence[str]]) -> list[int]:
    found = []
    for index, row in enumerate(rows):
        if any(_clean(str(cell)) for cell in row):
            found.append(index)
            if len(found) >= _HEADER_SEARCH_ROWS:
                break
    return found


def _any_header(rows: Sequence[Sequence[str]]) -> int | None:
    """A header of names nobody told us: the first of the first few rows with two
    different texts (a title above the table is one text, merged or not)."""
    for index in _first_rows(rows):
        if len({_clean(str(cell)) for cell in rows[index]} - {""}) >= 2:
            return index
    return None


def _header_row(rows: Sequence[Sequence[str]]) -> int | None:
    header = _find_header(rows)
    return header[0] if header is not None else _any_header(rows)


def _read_table(
    builder: _Builder, rows: Sequence[Sequence[str]], place: str, prefix: str
) -> None:
    """Read a table's rows as actions if its columns are known; else keep it for
    the user to say which column is which. ``prefix`` starts each row's source."""
    start = _header_row(rows)
    if start is None:
        builder.problems.append(Problem("filen", f"Kolumnen Åtgärd saknas i {place}."))
        return
    table = _table_to_map(builder, rows, start, place, prefix)
    if TITLE in table.suggested:
        _read_mapped(builder, table, table.suggested)
    else:
        builder.tables.append(table)


def _table_to_map(
    builder: _Builder,
    rows: Sequence[Sequence[str]],
    start: int,
    place: str,
    prefix: str,
) -> TableToMap:
    width = max(len(row) for row in rows[start:])
    header = [_clean(_cell(rows[start], position)) for position in range(width)]
    headers = [text or f"Kolumn {n}" for n, text in enumerate(header, start=1)]
    return TableToMap(
        source=prefix.strip() or place,
        headers=headers,
        rows=[[str(cell) for cell in row] for row in rows[start + 1 :]],
        first_row=start + 2,
        row_prefix=prefix,
        at=len(builder.actions),
        focus_area=builder.focus_area,
        suggested=suggest(headers),
    )


def _read_mapped(builder: _Builder, table: TableToMap, columns: list[str]) -> None:
    named = [
        p for p, header in enumerate(table.headers) if not header.startswith("Kolumn ")
    ]
    for index, row in enumerate(table.rows):
        cells = [_value(_cell(row, position)) for position in range(len(columns))]
        if not any(cells):
            continue
        section = _section_title([cells[position] for position in named])
        if section:
            builder.start_focus_area(section)
        else:
            builder.add(
                row_fields(table.headers, columns, cells), table.row_source(index)
            )


def apply_columns(parsed: ParsedPlan, columns: list[list[str] | None]) -> ParsedPlan:
    """The plan with each table to map read with its columns (one target per
    column, as `actions.plan_columns`; None: the table holds no actions), its
    rows in the document where the table stood."""
    actions, problems = list(parsed.actions), list(parsed.problems)
    # From the last table back, so that each table's place in the list holds.
    for table, chosen in reversed(list(zip(parsed.tables, columns, strict=True))):
        if chosen is None:
            continue
        builder = _Builder(focus_area=table.focus_area)
        _read_mapped(builder, table, chosen)
        actions[table.at : table.at] = builder.actions
        problems += builder.problems
    if not actions and not problems:
        problems.append(Problem("filen", _NO_ACTIONS))
    areas = dict.fromkeys(a.focus_area for a in actions if a.focus_area)
    numbers = {t: n for t, n in parsed.focus_area_numbers.items() if t in areas}
    return ParsedPlan(list(areas), actions, problems, numbers)


def _cell(row: Sequence[str], position: int) -> str:
    return row[position] if position < len(row) else ""


def _section_title(texts: list[str]) -> str | None:
    """A merged row across the table repeats one text in every column: a heading."""
    found = set(texts)
    if len(texts) < 2 or len(found) != 1 or "" in found:
        return None
    title = found.pop()
    numbered = _NUMBERED.match(title)
    return numbered["title"] if numbered else title


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Ja" if value else "Nej"
    if isinstance(value, datetime):
        if value.time() == time():
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _table_plan(rows: list[list[str]], place: str) -> ParsedPlan:
    builder = _Builder()
    _read_table(builder, rows, place, "")
    return builder.plan("filen")


# CSV


def parse_csv(data: bytes, limits: Limits | None = None) -> ParsedPlan:
    """Read a CSV file with a header row; `;`, tab or `,` separated, UTF-8 or cp1252."""
    text = _decode(data)
    if text is None:
        return _failed(_NOT_TEXT)
    if not text.strip():
        return _failed(_EMPTY_FILE)
    _check_lines(text, (limits or Limits.from_settings()).rows)
    rows = _csv_rows(text)
    if rows is None:
        return _failed(_NOT_CSV)
    return _table_plan(rows, "kalkylbladet")


def _decode(data: bytes) -> str | None:
    if not isinstance(data, bytes | bytearray):
        return None
    data = bytes(data)
    try:
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            text = data.decode("utf-16")
        else:
            text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel on Swedish Windows saves "CSV (semikolonavgränsad)" in cp1252.
        text = data.decode("cp1252", errors="replace")
    return None if "\x00" in text else text


def _csv_rows(text: str) -> list[list[str]] | None:
    """The rows split by the delimiter that gives an Åtgärd column, else by the
    one whose header row has the most columns."""
    best, best_width = None, 0
    for delimiter in (";", "\t", ","):
        try:
            rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
        except csv.Error:
            continue
        header = _find_header(rows)
        if header is not None and "title" in header[1]:
            return rows
        start = _any_header(rows)
        width = len(rows[start]) if start is not None else 1
        if best is None or width > best_width:
            best, best_width = rows, width
    return best


# XLSX


def parse_xlsx(data: bytes, limits: Limits | None = None) -> ParsedPlan:
    """Read the first sheet of an .xlsx workbook that has an Åtgärd column."""
    limits = limits or Limits.from_settings()
    if not check_zip(data, limits):
        return _failed(_NOT_XLSX)
    try:
        with warnings.catch_warnings():
            # openpyxl warns about every Excel feature it skips; none matter here.
            warnings.simplefilter("ignore")
            sheets = _workbook_rows(data, limits)
    except UploadRefused:
        raise
    except Exception:
        # A damaged or foreign file fails in many ways inside openpyxl and zipfile;
        # each one is the same problem for the user.
        return _failed(_NOT_XLSX)
    for rows in sheets:
        header = _find_header(rows)
        if header is not None and "title" in header[1]:
            return _table_plan(rows, "kalkylbladet")
    # No sheet names an Åtgärd column: the first that is a table at all is read,
    # and the user says which column is which.
    tables = [rows for rows in sheets if _any_header(rows) is not None]
    return _table_plan((tables or sheets or [[]])[0], "kalkylbladet")


@dataclass
class _Tally:
    rows: int = 0
    cells: int = 0

    def add(self, row: Sequence, limits: Limits) -> None:
        self.rows, self.cells = self.rows + 1, self.cells + len(row)
        if self.rows > limits.rows:
            raise too_many_rows(limits.rows)
        if self.cells > limits.cells:
            raise too_many_cells(limits.cells)


def _workbook_rows(data: bytes, limits: Limits) -> list[list[list[str]]]:
    """Every sheet's rows, streamed in read-only mode and counted as they come, so
    that a sheet over the limits is refused before it is all in memory."""
    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    tally = _Tally()
    try:
        return [_sheet_rows(sheet, tally, limits) for sheet in workbook.worksheets]
    finally:
        workbook.close()


def _sheet_rows(sheet: Any, tally: _Tally, limits: Limits) -> list[list[str]]:
    rows = []
    for row in sheet.iter_rows(values_only=True):
        tally.add(row, limits)
        rows.append(list(row))
    for merged in _merged_ranges(sheet):
        if merged.min_row > len(rows):
            continue
        value = rows[merged.min_row - 1][merged.min_col - 1]
        for row in rows[merged.min_row - 1 : merged.max_row]:
            for position in range(merged.min_col - 1, min(merged.max_col, len(row))):
                row[position] = value
    return [[_cell_text(value) for value in row] for row in rows]


_MERGE_CELL = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}mergeCell"


def _merged_ranges(sheet: Any) -> list[CellRange]:
    """Read-only mode skips merged cells, so they are read from the sheet's XML;
    `_get_source` is openpyxl 3.1's own way to open it. defusedxml: the XML comes
    from an uploaded file and may declare entities (a "billion laughs")."""
    ranges = []
    with sheet._get_source() as source:
        for _event, element in ElementTree.iterparse(source):
            if element.tag == _MERGE_CELL:
                ranges.append(CellRange(element.get("ref")))
            element.clear()
    return ranges


# DOCX


def parse_docx(data: bytes, limits: Limits | None = None) -> ParsedPlan:
    """Read a Word file: action tables as tables, everything else as block text."""
    limits = limits or Limits.from_settings()
    if not check_zip(data, limits):
        return _failed(_NOT_DOCX)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception:
        # python-docx, lxml and zipfile each raise their own errors on a bad file.
        return _failed(_NOT_DOCX)
    _count_paragraphs(document, limits)
    try:
        items = _docx_items(document)
    except Exception:
        return _failed(_NOT_DOCX)
    builder = _Builder()
    _read_items(builder, items)
    if builder.actions or builder.tables:
        return builder.plan("filen")
    return _or_as_prose(builder, _docx_paragraphs(document), "filen")


def _count_paragraphs(document: docx.document.Document, limits: Limits) -> None:
    """Counted in the XML, which is quick, before python-docx wraps each one."""
    body = document.element.body
    if _more_than(body.iter(qn("w:p")), limits.paragraphs):
        raise too_many_paragraphs(limits.paragraphs)
    if _more_than(body.iter(qn("w:tr")), limits.rows):
        raise too_many_rows(limits.rows)


def _more_than(items, limit: int) -> bool:
    return any(count > limit for count, _ in enumerate(items, start=1))


def _docx_items(document: docx.document.Document) -> list[str | _Table]:
    items: list[str | _Table] = []
    table_count = 0
    styles: dict[str | None, tuple] = {}
    for part in document.iter_inner_content():
        if isinstance(part, Table):
            table_count += 1
            rows = [[cell.text for cell in row.cells] for row in part.rows]
            if _is_action_table(rows):
                items.append(_Table(f"tabell {table_count}", rows))
            else:
                items.extend(_table_as_lines(rows))
        else:
            prefix = "1. " if _is_numbered_heading(part, styles) else ""
            items.extend(_clean(line) for line in (prefix + part.text).split("\n"))
        items.append("")
    return items


def _docx_paragraphs(document: docx.document.Document) -> list[Paragraph]:
    """The document as prose: Word headings, list paragraphs (bullets and
    numbering) as items, every other paragraph and table row as text."""
    found = []
    styles: dict[str | None, str] = {}
    for part in document.iter_inner_content():
        if isinstance(part, Table):
            for row in part.rows:
                cells = dict.fromkeys(_clean(cell.text) for cell in row.cells)
                found.append(Paragraph(" ".join(cell for cell in cells if cell)))
            continue
        style_id = part._p.style
        if style_id not in styles:
            styles[style_id] = _paragraph_kind(part.style)
        kind = styles[style_id]
        own = part._p.pPr
        if kind == "text" and own is not None and own.numPr is not None:
            kind = "item"
        found.append(Paragraph(_clean(part.text), kind))
    return [paragraph for paragraph in found if paragraph.text]


def _paragraph_kind(style: docx.styles.style.ParagraphStyle | None) -> str:
    name = (style.name or "").casefold() if style is not None else ""
    if name.startswith(("heading", "rubrik", "title")):
        return "heading"
    if name.startswith(("list", "punktlista", "numrerad lista")):
        return "item"
    return "text"


def _is_action_table(rows: list[list[str]]) -> bool:
    """A table with an action header, or one of three or more named columns
    (which the user maps); other tables are text, as a layout table is."""
    if _is_label_table(rows):
        return False
    if _find_header(rows) is not None:
        return True
    start = _any_header(rows)
    return (
        start is not None
        and start + 1 < len(rows)
        and len({_clean(cell) for cell in rows[start]} - {""}) >= 3
    )


def _is_label_table(rows: list[list[str]]) -> bool:
    """Labels down the first column ("Åtgärd | text", "Ansvarig | text")."""
    labels = [row for row in rows if row and _header_key(row[0]) in _BLOCK_LABELS]
    return len(labels) >= 2


def _table_as_lines(rows: list[list[str]]) -> list[str]:
    """A table without an action header is text; "Åtgärd | text" rows become fields."""
    lines = [""]
    for row in rows:
        cells = [_clean(cell) for cell in dict.fromkeys(row) if _clean(cell)]
        key = _header_key(cells[0]) if len(cells) >= 2 else None
        if key in _BLOCK_LABELS:
            lines.append(f"{_BLOCK_LABELS[key]}: {' '.join(cells[1:])}")
        else:
            lines.append(" ".join(cells))
    return lines


def _is_numbered_heading(
    paragraph: docx.text.paragraph.Paragraph, styles: dict[str | None, tuple]
) -> bool:
    """A heading numbered by Word's list numbering has no number in its text.
    What a style says is looked up once per document in ``styles``: python-docx
    searches every style for the default one on each paragraph, 2 ms a paragraph."""
    style_id = paragraph._p.style
    if style_id not in styles:
        styles[style_id] = _heading_style(paragraph.style)
    is_heading, style_is_numbered = styles[style_id]
    own = paragraph._p.pPr
    return is_heading and (
        style_is_numbered or (own is not None and own.numPr is not None)
    )


def _heading_style(style: docx.styles.style.ParagraphStyle | None) -> tuple:
    """Whether ``style`` is a heading, and whether it (or a style it is based on)
    numbers its paragraphs."""
    name = (style.name or "").casefold() if style is not None else ""
    if not name.startswith(("heading", "rubrik")):
        return False, False
    properties = []
    while style is not None:
        properties.append(style.element.pPr)
        style = style.base_style
    return True, any(p is not None and p.numPr is not None for p in properties)


# Upload


def parse_upload(
    filename: str, data: bytes, limits: Limits | None = None
) -> ParsedPlan:
    """Read an uploaded plan by its file extension: .txt, .csv, .xlsx or .docx.
    Raises `UploadRefused` if the file is over one of the ``limits``."""
    suffix = PurePath(str(filename or "")).suffix.casefold()
    if suffix in _OLD_TYPES:
        return _failed(_OLD_TYPES[suffix])
    reader = _READERS.get(suffix)
    if reader is None:
        return _failed(_UNKNOWN_TYPE)
    if not data:
        return _failed(_EMPTY_FILE)
    return reader(data, limits or Limits.from_settings())


def _parse_text_file(data: bytes, limits: Limits) -> ParsedPlan:
    text = _decode(data)
    return _failed(_NOT_TEXT) if text is None else parse_text(text, limits)


_READERS: dict[str, Callable[[bytes, Limits], ParsedPlan]] = {
    ".txt": _parse_text_file,
    ".csv": parse_csv,
    ".tsv": parse_csv,
    ".xlsx": parse_xlsx,
    ".docx": parse_docx,
}
