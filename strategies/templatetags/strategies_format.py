"""Filters that only format a governing document's text and figures."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from intkommun.formatting import format_number
from intkommun.templatetags.intkommun_lists import badge

register = template.Library()

BULLET = "- "


@register.filter
def paragraphs(text: str) -> SafeString:
    """Blank-line separated paragraphs; a block of "- " lines becomes a list."""
    blocks = [block for block in (text or "").split("\n\n") if block.strip()]
    return mark_safe("".join(_block_html(block) for block in blocks))  # noqa: S308


def _block_html(block: str) -> SafeString:
    lines = [line.strip() for line in block.strip().split("\n")]
    if all(line.startswith(BULLET) for line in lines):
        items = format_html_join("", "<li>{}</li>", ((line[2:],) for line in lines))
        return format_html("<ul>{}</ul>", items)
    escaped = format_html_join(mark_safe("<br>"), "{}", ((line,) for line in lines))
    return format_html("<p>{}</p>", escaped)


@register.filter
def amount(value: Decimal | int | None) -> str:
    """A figure without decimals when it is whole: "500 000", "12,50"."""
    if value is None:
        return "–"
    number = Decimal(str(value))
    whole = number == number.to_integral_value()
    return format_number(number, 0 if whole else 2)


# The colour only repeats the status in words.
DOCUMENT_STATUS_CLASSES = {
    "in_force": "text-bg-success",
    "upcoming": "text-bg-info",
    "draft": "text-bg-secondary",
    "expired": "text-bg-danger",
}
OTHER_DOCUMENT_STATUS_CLASS = "text-bg-light border"


@register.simple_tag
def document_status(status: str, label: str) -> str:
    """A governing document's status in words, in a badge (a tag, as the list
    writes one per row)."""
    css_class = DOCUMENT_STATUS_CLASSES.get(status, OTHER_DOCUMENT_STATUS_CLASS)
    return badge(f"{css_class} fw-normal", label)
