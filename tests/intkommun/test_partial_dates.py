"""Dates known only by year or month: reading what people type, printing it back."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from intkommun.partial_dates import (
    PartialDate,
    PartialDateField,
    Precision,
    parse_partial_date,
)


@pytest.mark.parametrize(
    ("text", "first", "last", "precision"),
    [
        ("2012", "2012-01-01", "2012-12-31", Precision.YEAR),
        (" 2012 ", "2012-01-01", "2012-12-31", Precision.YEAR),
        ("2012-03", "2012-03-01", "2012-03-31", Precision.MONTH),
        ("2012-2", "2012-02-01", "2012-02-29", Precision.MONTH),
        ("mars 2012", "2012-03-01", "2012-03-31", Precision.MONTH),
        ("Sept. 2015", "2015-09-01", "2015-09-30", Precision.MONTH),
        ("3/2012", "2012-03-01", "2012-03-31", Precision.MONTH),
        ("2012-03-15", "2012-03-15", "2012-03-15", Precision.DAY),
        ("15 mars 2012", "2012-03-15", "2012-03-15", Precision.DAY),
        ("15/3/2012", "2012-03-15", "2012-03-15", Precision.DAY),
    ],
)
def test_what_people_type_is_read_with_its_precision(text, first, last, precision):
    value = parse_partial_date(text)
    assert value.precision == precision
    assert value.first_day == datetime.date.fromisoformat(first)
    assert value.last_day == datetime.date.fromisoformat(last)


@pytest.mark.parametrize(
    "text", ["", "12", "20120", "2012-13", "2013-02-29", "smarch 2012", "x"]
)
def test_anything_else_is_one_clear_swedish_error(text):
    with translation.override("sv"), pytest.raises(ValidationError) as raised:
        parse_partial_date(text)
    assert "2012-03-15" in raised.value.messages[0]
    assert "bara ett år" in raised.value.messages[0]


@pytest.mark.parametrize("text", ["1066", "1800-01-01", "mars 2101"])
def test_a_year_out_of_range_gets_the_range_in_the_error(text):
    with translation.override("sv"), pytest.raises(ValidationError) as raised:
        parse_partial_date(text)
    assert raised.value.messages == ["Ange ett datum mellan 1900-01-01 och 2100-12-31."]


def test_printed_for_people_as_much_as_is_known():
    with translation.override("sv"):
        assert str(PartialDate(2012, precision=Precision.YEAR)) == "2012"
        assert str(PartialDate(2012, 3, precision=Precision.MONTH)) == "mars 2012"
        assert str(PartialDate(2026, 11, 22)) == "22 november 2026"


def test_the_form_field_round_trips_its_own_text():
    field = PartialDateField(required=False)
    for text in ["2012", "2012-03", "2012-03-15"]:
        assert field.prepare_value(field.clean(text)) == text
    assert field.clean("") is None
    with pytest.raises(ValidationError):
        field.clean("2012" * 20)


def test_a_partial_date_compares_as_the_first_day_of_its_period():
    year = PartialDate(2012, 7, 9, Precision.YEAR)
    assert year == datetime.date(2012, 1, 1)
    assert year < datetime.date(2012, 6, 1) < year.last_day
