"""Which column of a plan's table holds what (DESIGN §4.3, issue 15).

Pure, like `actions.plan_parsing`, which reads the tables: the names plans give
their columns, kept as data, and a table's columns read with a mapping, one target
per column. A column that is none of the targets is kept in the action's
description under its own header ("Förväntat resultat: …"), so that an import never
drops a column silently.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence

TITLE = "title"
PARTICIPANTS = "participants_text"
TIMING = "timing_text"
RESPONSIBLE = "responsible_text"
FOCUS_AREA = "focus_area"
GOAL = "goal_text"
# Not a field of its own: the column goes into the description under its header.
DESCRIPTION = ""

# What plans and agency templates call each column, written as the header would be
# (case, a trailing colon or asterisk and a parenthesis do not count). The order of
# the targets is the order in which the mapping step asks for them.
COLUMN_NAMES: dict[str, tuple[str, ...]] = {
    TITLE: (
        *("åtgärd", "åtgärder", "aktivitet", "aktiviteter", "insats", "insatser"),
        *("action", "activity"),
    ),
    PARTICIPANTS: (
        *("medverkande", "deltagare", "samarbetspartners", "samarbetspartner"),
        *("samarbetsparter", "i samverkan med", "samverkan med", "i samarbete med"),
        *("samverkanspartners", "participants", "partners"),
    ),
    TIMING: (
        *("tidpunkt", "tidplan", "tidsplan", "tid", "när", "klart", "klart när"),
        *("timing", "time", "when"),
    ),
    RESPONSIBLE: (
        *("ansvarig", "ansvariga", "ansvar", "huvudansvarig", "huvudansvar"),
        *("ansvarig part", "ansvarig förvaltning", "responsible"),
    ),
    FOCUS_AREA: (
        *("fokusområde", "prioriterat område", "prioriterade områden"),
        *("insatsområde", "område", "focus area"),
    ),
    GOAL: ("mål", "delmål", "målsättning", "goal"),
}
TARGETS = tuple(COLUMN_NAMES)
_TARGET_OF = {name: target for target, names in COLUMN_NAMES.items() for name in names}

_SPACES = re.compile(r"\s+")
_PARENTHESIS = re.compile(r"\s*\(.*\)$")


def normalise_header(text: str) -> str:
    """The form of a header in which two tables' headers are the same."""
    text = _SPACES.sub(" ", unicodedata.normalize("NFC", str(text))).strip()
    return _PARENTHESIS.sub("", text.casefold().rstrip(":*").strip())


def column_target(header: str) -> str | None:
    """The target a header names, or None for a header that is none of them."""
    return _TARGET_OF.get(normalise_header(header))


def suggest(headers: Sequence[str]) -> list[str]:
    """One target per column: the first column named for a target gets it, every
    other column is kept in the description."""
    columns, taken = [], set()
    for header in headers:
        target = column_target(header)
        if target is None or target in taken:
            columns.append(DESCRIPTION)
        else:
            columns.append(target)
            taken.add(target)
    return columns


def signature(headers: Sequence[str]) -> str:
    """What identifies a table layout, so that a kommun's mapping of it can be
    offered again: its headers in order, normalised."""
    joined = "\x1f".join(normalise_header(header) for header in headers)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()


def column_problems(columns: Sequence[str]) -> list[str]:
    """What is wrong with a mapping, in Swedish: no Åtgärd, or a target twice."""
    problems = []
    if TITLE not in columns:
        problems.append("Ange vilken kolumn som är Åtgärd.")
    twice = [t for t in TARGETS if list(columns).count(t) > 1]
    problems += [f"Bara en kolumn kan vara {TARGET_NAMES[t]}." for t in twice]
    return problems


# The targets' names as the plans write them (this module is not translated).
TARGET_NAMES = {
    TITLE: "Åtgärd",
    PARTICIPANTS: "Medverkande",
    TIMING: "Tidpunkt",
    RESPONSIBLE: "Ansvarig",
    FOCUS_AREA: "Fokusområde",
    GOAL: "Mål",
}


def row_fields(
    headers: Sequence[str], columns: Sequence[str], cells: Sequence[str]
) -> dict[str, str]:
    """A row's cells as an action's fields; the description holds each other
    column's value as "Header: value", one line each, empty cells left out."""
    fields: dict[str, str] = {}
    kept = []
    for position, (header, target) in enumerate(zip(headers, columns, strict=True)):
        value = cells[position] if position < len(cells) else ""
        if target != DESCRIPTION:
            fields[target] = value
        elif value:
            kept.append(f"{header}: {value}")
    fields["description"] = "\n".join(kept)
    return fields
