"""Template filters that only format: numbers, money and dates the Swedish way."""

from __future__ import annotations

from django import template

from intkommun import formatting

register = template.Library()


@register.filter
def number(value, decimals: int = 0) -> str:
    return formatting.format_number(value, int(decimals))


@register.filter
def money(value, currency: str = "SEK") -> str:
    return formatting.format_money(value, currency)


@register.filter
def long_date(value) -> str:
    return formatting.format_long_date(value)
