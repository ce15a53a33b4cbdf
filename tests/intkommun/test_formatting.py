from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.template.defaultfilters import truncatechars
from django.utils import formats, translation
from django.utils.safestring import mark_safe
from hypothesis import given
from hypothesis import strategies as st

from intkommun.formatting import (
    format_long_date,
    format_money,
    format_money_whole,
    format_number,
)
from intkommun.templatetags.intkommun_format import shorten

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("500000"), f"500{NBSP}000{NBSP}kr"),
        (Decimal("250000.00"), f"250{NBSP}000{NBSP}kr"),
        (Decimal("1234.5"), f"1{NBSP}234,50{NBSP}kr"),
        (0, f"0{NBSP}kr"),
        (Decimal("-1500"), f"−1{NBSP}500{NBSP}kr"),
        (None, "–"),
    ],
)
def test_money_is_written_the_swedish_way(value, expected):
    assert format_money(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("2812505.63"), f"2{NBSP}812{NBSP}506{NBSP}kr"),
        (Decimal("1968750.49"), f"1{NBSP}968{NBSP}750{NBSP}kr"),
        (Decimal("0.40"), f"0{NBSP}kr"),
        (Decimal("-1500.5"), f"−1{NBSP}501{NBSP}kr"),
        (None, "–"),
    ],
)
def test_money_in_print_is_rounded_to_whole_kronor(value, expected):
    assert format_money_whole(value) == expected


def test_money_in_another_currency_names_it():
    assert format_money(Decimal("12000"), "EUR") == f"12{NBSP}000{NBSP}EUR"


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (1234567, 0, f"1{NBSP}234{NBSP}567"),
        (Decimal("0.125"), 2, "0,13"),
        (999, 0, "999"),
        (Decimal("10.5"), 1, "10,5"),
    ],
)
def test_numbers_group_thousands_and_use_a_decimal_comma(value, decimals, expected):
    assert format_number(value, decimals) == expected


def test_long_date_is_written_out_in_swedish():
    with translation.override("sv"):
        assert format_long_date(datetime.date(2026, 11, 22)) == "22 november 2026"


@given(day=st.dates(), language=st.sampled_from(["sv", "en"]))
def test_long_date_is_what_django_writes(day, language):
    with translation.override(language):
        assert format_long_date(day) == formats.date_format(day, "j F Y")


# --- shorten: truncatechars without walking a text that fits ----------------------

# Letters, combining marks (a decomposed "ä" is "a" and U+0308) and spaces.
TEXTS = st.text(alphabet=st.sampled_from("aäoö ÅéE\u0308\u0301.–"), max_size=40)


@given(text=TEXTS, length=st.integers(min_value=-2, max_value=45))
def test_shorten_gives_what_truncatechars_gives(text, length):
    assert shorten(text, length) == truncatechars(text, length)


def test_shorten_keeps_a_safe_text_safe_and_escapes_the_rest():
    template = Template(
        "{% load intkommun_format %}{{ safe|shorten:8 }} {{ raw|shorten:5 }}"
    )
    page = template.render(Context({"safe": mark_safe("<b>A</b>"), "raw": "<b>"}))
    assert page == "<b>A</b> &lt;b&gt;"


@pytest.mark.parametrize(
    ("model_label", "field_name"),
    [
        ("projects.Project", "kind"),
        ("projects.Project", "status"),
        ("projects.Partnership", "kind"),
        ("projects.Partnership", "status"),
        ("projects.FundApplication", "status"),
        ("reports.AnnualReport", "status"),
    ],
)
def test_choice_label_gives_the_words_get_display_gives_in_each_language(
    model_label, field_name
):
    from django.apps import apps

    from intkommun.templatetags.intkommun_format import choice_label

    model = apps.get_model(model_label)
    values = [value for value, _label in model._meta.get_field(field_name).flatchoices]
    # Swedish, English and Swedish again: the words made for one language are
    # never shown in another.
    for language in ("sv", "en", "sv"):
        with translation.override(language):
            for value in [*values, "no-such-choice"]:
                row = model(**{field_name: value})
                expected = getattr(row, f"get_{field_name}_display")()
                assert choice_label(row, field_name) == expected
