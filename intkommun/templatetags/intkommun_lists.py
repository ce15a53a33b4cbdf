"""What every list page writes many times: a tag each, not an included template
(an include costs a template lookup and a context per use)."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.defaulttags import querystring
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import capfirst

register = template.Library()

# The arrow only repeats aria-sort for sighted users.
ARROWS = {
    "ascending": mark_safe(' <span aria-hidden="true">▲</span>'),
    "descending": mark_safe(' <span aria-hidden="true">▼</span>'),
}


@register.simple_tag(takes_context=True)
def sort_header(context: Any, column: dict[str, str], label: str) -> str:
    """A sortable column's header: a link that sorts the list by it (the other way
    when it already does, back to the first page) and ``aria-sort`` saying how the
    list is sorted now. ``column`` is one of ``intkommun.filters.sort_headers``."""
    return format_html(
        '<th scope="col" aria-sort="{}"><a href="{}">{}{}</a></th>',
        column["aria"],
        querystring(context, o=column["next"], page=None),
        label,
        ARROWS.get(column["aria"], ""),
    )


def badge(css_classes: str, label: str) -> str:
    """A status in words, in a badge whose colour (``css_classes``) only repeats
    it: for the status tags of each kind of object."""
    return format_html('<span class="badge {}">{}</span>', css_classes, capfirst(label))
