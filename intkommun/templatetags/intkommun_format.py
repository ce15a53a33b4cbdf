"""Template filters that only format: numbers, money, dates (the Swedish way),
people's names and the words for a choice."""

from __future__ import annotations

import functools
import unicodedata

from django import template
from django.template.defaultfilters import stringfilter, truncatechars
from django.utils.translation import get_language, gettext

from intkommun import formatting
from intkommun.partial_dates import PartialDate

register = template.Library()


@register.filter
def number(value, decimals: int = 0) -> str:
    return formatting.format_number(value, int(decimals))


@register.filter
def money(value, currency: str = "SEK") -> str:
    return formatting.format_money(value, currency)


@register.filter
def money_whole(value, currency: str = "SEK") -> str:
    """Whole kronor, for the printed KS report."""
    return formatting.format_money_whole(value, currency)


@register.filter(is_safe=True)
@stringfilter
def shorten(value: str, length: int) -> str:
    """Django's ``truncatechars``, which looks at every character up to the
    length even of a text that fits: one that fits (most do) is returned at
    once. The KS report's tables call it for each of 2,000 actions."""
    if len(value) <= int(length):
        return unicodedata.normalize("NFC", value)  # as truncatechars returns it
    return truncatechars(value, length)


@register.filter
def long_date(value) -> str:
    """ "22 november 2026"; a partial date as far as it is known: "mars 2012"."""
    if isinstance(value, PartialDate):
        return str(value)
    return formatting.format_long_date(value)


@register.filter
def person(user) -> str:
    """A user's full name, else the user name; "unknown" once the user is gone."""
    return formatting.person_name(user) or gettext("unknown")


@register.filter
def nbsp(value) -> str:
    """The text with non-breaking spaces, so that "15 mars 2016" never breaks."""
    return str(value).replace(" ", "\u00a0")


@register.filter
def numbered(label) -> str:
    """A goal's number as a list shows it: "2" -> "2.", while "a." and "1)" are
    kept as the document writes them."""
    return formatting.numbered_label(label)


@register.filter
def choice_label(obj, field_name: str):
    """The words for the value of a choice field, as ``get_<field>_display``
    gives them, looked up in the field's words made once per language: that
    method makes them again at every call, and a list calls it for every row."""
    value = getattr(obj, field_name)
    return _choice_labels(type(obj), field_name, get_language()).get(value, value)


@functools.cache
def _choice_labels(model: type, field_name: str, language: str) -> dict:
    field = model._meta.get_field(field_name)
    return {value: str(label) for value, label in field.flatchoices}
