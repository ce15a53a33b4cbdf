"""A project's, partnership's or fund application's status as a badge."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.text import capfirst

register = template.Library()

# The colour only repeats the status in words.
STATUS_CLASSES = {
    "granted": "text-bg-success",
    "ongoing": "text-bg-success",
    "active": "text-bg-success",
    "rejected": "text-bg-danger",
    "ended": "text-bg-danger",
    "submitted": "text-bg-primary",
    "preparing": "text-bg-warning",
    "dormant": "text-bg-warning",
    "closed": "text-bg-dark",
}
OTHER_CLASS = "text-bg-light border"


@register.simple_tag
def project_status(status: str, label: str) -> str:
    """The status in words, in a badge (a tag, as long lists write one per row)."""
    css_class = STATUS_CLASSES.get(status, OTHER_CLASS)
    return format_html('<span class="badge {}">{}</span>', css_class, capfirst(label))
