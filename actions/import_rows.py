"""Correcting a plan's rows in the import preview: drop a row, merge it with the
next, split it in two. Pure: a list of parsed rows in, a new list out. Nothing of
the rows' text is lost: a merge joins every field, a split copies the fields that
are not split to each part."""

from __future__ import annotations

import re
from dataclasses import replace

from actions.plan_parsing import ParsedAction
from actions.plan_prose import Passage, rows_of
from intkommun.formatting import format_number
from intkommun.limits import TITLE_LENGTH


class RowOperationRefused(ValueError):
    """The operation does not fit the row; the message says why, in Swedish."""


def drop(rows: list[ParsedAction], index: int) -> list[ParsedAction]:
    return rows[:index] + rows[index + 1 :]


def merge_with_next(rows: list[ParsedAction], index: int) -> list[ParsedAction]:
    if index + 1 >= len(rows):
        raise RowOperationRefused("Den sista raden har ingen rad efter sig.")
    first, second = rows[index], rows[index + 1]
    description = [first.description, second.description]
    if first.focus_area and second.focus_area not in ("", first.focus_area):
        # One action has one focus area; the other one stays in its text.
        description.append(f"Fokusområde: {second.focus_area}")
    merged = ParsedAction(
        focus_area=first.focus_area or second.focus_area,
        title=_joined(first.title, second.title, " "),
        participants_text=_joined(first.participants_text, second.participants_text),
        timing_text=_joined(first.timing_text, second.timing_text),
        responsible_text=_joined(first.responsible_text, second.responsible_text),
        source=f"{first.source} + {second.source}",
        description="\n".join(text for text in description if text),
        goal_text=_joined(first.goal_text, second.goal_text),
    )
    return [*rows[:index], merged, *rows[index + 2 :]]


def _joined(first: str, second: str, separator: str = "; ") -> str:
    if not second or second == first:
        return first
    return f"{first}{separator}{second}" if first else second


def split_on_semicolons(rows: list[ParsedAction], index: int) -> list[ParsedAction]:
    parts = [part.strip() for part in rows[index].title.split(";")]
    parts = [part for part in parts if part]
    if len(parts) < 2:
        raise RowOperationRefused("Åtgärden har inget semikolon att dela vid.")
    return _split(rows, index, parts)


def split_before(rows: list[ParsedAction], index: int, text: str) -> list[ParsedAction]:
    """Split the title where ``text`` starts (case does not count)."""
    title, text = rows[index].title, text.strip()
    found = re.search(re.escape(text), title, re.IGNORECASE) if text else None
    if found is None:
        raise RowOperationRefused("Texten finns inte i åtgärden.")
    parts = [title[: found.start()].strip(), title[found.start() :].strip()]
    if not parts[0]:
        raise RowOperationRefused(
            "Texten står först i åtgärden; välj texten där den andra delen börjar."
        )
    return _split(rows, index, parts)


def _split(
    rows: list[ParsedAction], index: int, titles: list[str]
) -> list[ParsedAction]:
    row = rows[index]
    parts = [replace(row, title=title) for title in titles]
    return [*rows[:index], *parts, *rows[index + 1 :]]


def add_passage(rows: list[ParsedAction], passage: Passage) -> list[ParsedAction]:
    """Make rows of a text that was left out, read as a bullet is, where it stood."""
    if len(passage.text) > TITLE_LENGTH:
        raise RowOperationRefused(
            f"Texten är längre än {format_number(TITLE_LENGTH)} tecken och kan inte "
            "bli en åtgärd; dela den i källan och importera igen."
        )
    added = [
        ParsedAction(**vars(row))
        for row in rows_of(passage.text, passage.focus_area, passage.source)
    ]
    at = min(passage.at, len(rows))
    return [*rows[:at], *added, *rows[at:]]
