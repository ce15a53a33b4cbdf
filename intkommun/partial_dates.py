"""Dates known only by their year or month: "2012", "mars 2012", "22 november 2026".

Real documents say "antagen av kommunfullmäktige 2012" without a day. Such a date
is stored as two columns: a ``DateField`` holding the first day of what is known
(2012-01-01) and a precision column next to it ("year"). Queries keep working on
the date column; ``PartialDate`` knows the last day of the period too, so a rule
such as "in force from its adoption" can ask for the right end of it.

In a model::

    adopted_on = models.DateField(...)
    adopted_on_precision = precision_field()

    @property
    def adopted(self) -> PartialDate | None:
        return partial_date(self, "adopted_on")

In a ModelForm, ``PartialDateFormMixin`` with ``partial_dates = ["adopted_on"]``
turns the field into one text input that takes "2012", "2012-03", "mars 2012",
"2012-03-15" or "15 mars 2012", and saves both columns.
"""

from __future__ import annotations

import calendar
import datetime
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from intkommun.formatting import format_long_date
from intkommun.years import is_plausible_year


class Precision(models.TextChoices):
    DAY = "day", gettext_lazy("Day")
    MONTH = "month", gettext_lazy("Month")
    YEAR = "year", gettext_lazy("Year")


def precision_field() -> models.CharField:
    """The column that says how much of the date next to it is known."""
    return models.CharField(
        gettext_lazy("precision"),
        max_length=5,
        choices=Precision.choices,
        default=Precision.DAY,
    )


# Swedish month names and the abbreviations documents use, and the English ones.
MONTHS = {
    **{
        name: number
        for number, names in enumerate(
            [
                ("januari", "jan", "january"),
                ("februari", "feb", "february"),
                ("mars", "mar", "march"),
                ("april", "apr"),
                ("maj", "may"),
                ("juni", "jun", "june"),
                ("juli", "jul", "july"),
                ("augusti", "aug", "august"),
                ("september", "sep", "sept"),
                ("oktober", "okt", "oct", "october"),
                ("november", "nov"),
                ("december", "dec"),
            ],
            start=1,
        )
        for name in names
    }
}


class PartialDate(datetime.date):
    """A date with what is known of it: the first day of the period it names.

    It compares as that first day. ``str()`` gives the text for people ("2012",
    "mars 2012"), so never assign one to a model field: store ``first_day``
    (``PartialDateFormMixin`` does).
    """

    precision: str

    def __new__(
        cls, year: int, month: int = 1, day: int = 1, precision: str = Precision.DAY
    ) -> PartialDate:
        if precision == Precision.YEAR:
            month, day = 1, 1
        elif precision == Precision.MONTH:
            day = 1
        instance = super().__new__(cls, year, month, day)
        instance.precision = Precision(precision).value
        return instance

    @classmethod
    def of(cls, value: datetime.date, precision: str | None) -> PartialDate:
        return cls(value.year, value.month, value.day, precision or Precision.DAY)

    def __reduce__(self) -> Any:
        return (type(self), (self.year, self.month, self.day, self.precision))

    def __repr__(self) -> str:
        return f"PartialDate({self.as_text()!r})"

    @property
    def first_day(self) -> datetime.date:
        return datetime.date(self.year, self.month, self.day)

    @property
    def last_day(self) -> datetime.date:
        if self.precision == Precision.YEAR:
            return datetime.date(self.year, 12, 31)
        if self.precision == Precision.MONTH:
            last = calendar.monthrange(self.year, self.month)[1]
            return datetime.date(self.year, self.month, last)
        return self.first_day

    def as_text(self) -> str:
        """The form's text: "2012", "2012-03" or "2012-03-15"."""
        if self.precision == Precision.YEAR:
            return f"{self.year:04d}"
        if self.precision == Precision.MONTH:
            return f"{self.year:04d}-{self.month:02d}"
        return self.first_day.isoformat()

    def __str__(self) -> str:
        """For people: "2012", "mars 2012", "22 november 2026"."""
        if self.precision == Precision.YEAR:
            return str(self.year)
        if self.precision == Precision.MONTH:
            # "j F Y" of the first day, without the day: the month in the
            # active language's standalone form.
            return format_long_date(self.first_day).split(" ", 1)[1]
        return format_long_date(self.first_day)


def partial_date(obj: Any, name: str) -> PartialDate | None:
    """The partial date held in ``obj.<name>`` and ``obj.<name>_precision``."""
    value = getattr(obj, name)
    if value is None:
        return None
    return PartialDate.of(value, getattr(obj, f"{name}_precision", None))


# --- reading what people type -----------------------------------------------------

_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_WORDS = re.compile(r"^(?:(\d{1,2})\.?\s+)?([a-zåäö]+)\.?\s+(\d{4})$")
_SLASHED = re.compile(r"^(?:(\d{1,2})/)?(\d{1,2})[/ ](\d{4})$")


def parse_partial_date(text: str) -> PartialDate:
    """Read "2012", "2012-03", "2012-03-15", "mars 2012", "15 mars 2012" or
    "3/2012"; raise ValidationError with a Swedish message otherwise."""
    cleaned = " ".join(text.strip().lower().split())
    year, month, day = _parts(cleaned)
    if year is None or not is_plausible_year(year):
        raise ValidationError(_invalid_message(), code="invalid")
    try:
        if day is not None:
            return PartialDate(year, month, day, Precision.DAY)
        if month is not None:
            return PartialDate(year, month, 1, Precision.MONTH)
        return PartialDate(year, precision=Precision.YEAR)
    except ValueError:  # month 13, 30 February
        raise ValidationError(_invalid_message(), code="invalid") from None


def _parts(text: str) -> tuple[int | None, int | None, int | None]:
    if match := _ISO.match(text):
        year, month, day = match.groups()
        return int(year), _int(month), _int(day)
    if match := _WORDS.match(text):
        day, month_name, year = match.groups()
        if month_name not in MONTHS:
            return None, None, None
        return int(year), MONTHS[month_name], _int(day)
    if match := _SLASHED.match(text):
        day, month, year = match.groups()
        return int(year), int(month), _int(day)
    return None, None, None


def _int(value: str | None) -> int | None:
    return int(value) if value is not None else None


def _invalid_message() -> str:
    return _(
        "Give a date as 2012-03-15, a month as 2012-03 or “mars 2012”, "
        "or only a year as 2012."
    )


PARTIAL_DATE_HELP = gettext_lazy(
    "A date (2012-03-15), a month (2012-03) or only a year (2012), as much as is known."
)


class PartialDateField(forms.Field):
    """One text input for a day, a month or a year."""

    widget = forms.TextInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", PARTIAL_DATE_HELP)
        super().__init__(**kwargs)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        # Long enough for "15 september 2012"; no browser date picker, which
        # cannot take a year alone.
        return super().widget_attrs(widget) | {"maxlength": "30", "size": "18"}

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, PartialDate):
            return value.as_text()
        if isinstance(value, datetime.date):
            return value.isoformat()
        return value

    def to_python(self, value: Any) -> PartialDate | None:
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, datetime.date):
            return PartialDate.of(value, Precision.DAY)
        if value in self.empty_values or not str(value).strip():
            return None
        if len(str(value)) > 30:
            raise ValidationError(_invalid_message(), code="invalid")
        return parse_partial_date(str(value))


class PartialDateFormMixin:
    """For a ModelForm: ``partial_dates`` names date fields that take a partial
    date; the precision column next to each is saved with it."""

    partial_dates: tuple[str, ...] | list[str] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in self.partial_dates:
            if name not in self.fields:
                continue
            old = self.fields[name]
            self.fields[name] = PartialDateField(
                required=old.required,
                label=old.label,
                help_text=format_lazy(
                    "{} {}", old.help_text or "", PARTIAL_DATE_HELP
                ).strip(),
            )
            if self.instance.pk is not None and name not in self.initial:
                self.initial[name] = partial_date(self.instance, name)

    def _post_clean(self) -> None:
        super()._post_clean()
        cleaned = getattr(self, "cleaned_data", {})
        for name in self.partial_dates:
            if name not in cleaned:
                continue
            value = cleaned[name]
            setattr(
                self.instance,
                f"{name}_precision",
                value.precision if value else Precision.DAY,
            )
            # The model holds a plain date: a PartialDate prints as "2012".
            setattr(self.instance, name, value.first_day if value else None)
