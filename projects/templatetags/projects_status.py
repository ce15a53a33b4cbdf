"""A project's, partnership's or fund application's status as a badge."""

from __future__ import annotations

from django import template

from intkommun.templatetags.intkommun_lists import badge

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
    return badge(STATUS_CLASSES.get(status, OTHER_CLASS), label)
