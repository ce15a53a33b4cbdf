"""Which years the register takes from an address or a query string: 1900–2100.

Anything else (0, -1, 10000, twenty digits) is a typo or a probe. Read outside
this range, a year overflows ``datetime.date`` or the database's integers, so
every filter, form field and URL that takes a year goes through here.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.deconstruct import deconstructible
from django.utils.functional import lazy
from django.utils.translation import gettext as _

FIRST_YEAR = 1900
LAST_YEAR = 2100

YEAR_VALIDATORS = [MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]


def is_plausible_year(value: int) -> bool:
    return FIRST_YEAR <= value <= LAST_YEAR


def implausible_year_message() -> str:
    return _("Give a year between %(first)s and %(last)s.") % {
        "first": FIRST_YEAR,
        "last": LAST_YEAR,
    }


# Lazy, so that the message follows the language of each request; made once, as
# ``lazy`` builds a new class on every call.
lazy_implausible_year_message = lazy(implausible_year_message, str)


class YearField(forms.IntegerField):
    """A whole year in the plausible range; every other value is one clear error."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", FIRST_YEAR)
        kwargs.setdefault("max_value", LAST_YEAR)
        super().__init__(**kwargs)
        message = lazy_implausible_year_message()
        self.error_messages = self.error_messages | {"invalid": message}
        for validator in self.validators:
            if isinstance(validator, MinValueValidator | MaxValueValidator):
                validator.message = message


class YearConverter:
    """``<year:year>`` in a URL: four digits in the plausible range, else a 404."""

    regex = "[0-9]{4}"

    def to_python(self, value: str) -> int:
        year = int(value)
        if not is_plausible_year(year):
            raise ValueError(value)  # Django reads this as "no match": a 404.
        return year

    def to_url(self, value: int) -> str:
        return f"{int(value):04d}"


# Dates people type (adopted, valid, reviewed, started, decided) share the same
# window: a date outside it is a typo ("1800-01-01", "20244-05-01"), never a fact.
FIRST_DATE = datetime.date(FIRST_YEAR, 1, 1)
LAST_DATE = datetime.date(LAST_YEAR, 12, 31)


def implausible_date_message() -> str:
    return _("Give a date between %(first)s and %(last)s.") % {
        "first": FIRST_DATE.isoformat(),
        "last": LAST_DATE.isoformat(),
    }


@deconstructible
class PlausibleDateValidator:
    """A date in 1900-01-01 … 2100-12-31; one validator for models and forms."""

    code = "implausible_date"

    def __call__(self, value: datetime.date | None) -> None:
        if value is not None and not FIRST_DATE <= value <= LAST_DATE:
            raise ValidationError(implausible_date_message(), code=self.code)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PlausibleDateValidator)

    def __hash__(self) -> int:
        return hash(self.code)


DATE_VALIDATORS = [PlausibleDateValidator()]
