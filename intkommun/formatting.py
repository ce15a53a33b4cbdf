"""Swedish number, money and date formats, the same on screen and in the PDF.

"500 000 kr", "1 234,50 kr", "22 november 2026". Pure functions, no database.
"""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.dates import MONTHS

# A no-break space keeps "500 000 kr" on one line.
THOUSANDS_SEPARATOR = "\u00a0"
DECIMAL_SEPARATOR = ","


def format_number(value: Decimal | int | float | None, decimals: int = 0) -> str:
    """Group thousands with a no-break space; a comma before the decimals."""
    if value is None:
        return "–"
    quantum = Decimal(1).scaleb(-decimals)
    rounded = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "−" if rounded < 0 else ""
    whole, _, fraction = f"{abs(rounded):f}".partition(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    text = THOUSANDS_SEPARATOR.join(groups)
    if fraction:
        text += DECIMAL_SEPARATOR + fraction
    return sign + text


def format_money(value: Decimal | int | None, currency: str = "SEK") -> str:
    """Whole kronor unless there are öre: "500 000 kr", "1 234,50 kr", "12 000 EUR"."""
    if value is None:
        return "–"
    amount = Decimal(str(value))
    decimals = 0 if amount == amount.to_integral_value() else 2
    unit = "kr" if currency == "SEK" else currency
    return f"{format_number(amount, decimals)}{THOUSANDS_SEPARATOR}{unit}"


def format_money_whole(value: Decimal | int | None, currency: str = "SEK") -> str:
    """Rounded to whole kronor, for print: "2 812 506 kr", never öre."""
    if value is None:
        return "–"
    unit = "kr" if currency == "SEK" else currency
    return f"{format_number(value, 0)}{THOUSANDS_SEPARATOR}{unit}"


def format_long_date(value: datetime.date | None) -> str:
    """ "22 november 2026" in Swedish, in the active language otherwise: what
    Django's ``date_format(value, "j F Y")`` writes, without parsing the format
    for each of a list's dates."""
    if value is None:
        return "–"
    return f"{value.day} {MONTHS[value.month]} {value.year:04d}"


def person_name(user: Any) -> str:
    """A user's full name, else the user name; empty when there is no user."""
    return (user.get_full_name() or user.get_username()) if user else ""


def numbered_label(label: object) -> str:
    """A goal's number as a list shows it: "2" -> "2.", while "a." and "1)" are
    kept as the document writes them."""
    text = str(label).strip()
    return text if not text or text.endswith((".", ")", ":")) else f"{text}."
