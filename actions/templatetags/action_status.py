from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.text import capfirst

from actions.status_scale import STANDARD

register = template.Library()


@register.filter
def status_label(status: str, scale: Any = None) -> str:
    """A status in the kommun's words (``scale``, a StatusScale), or by its
    standard name where the page has no scale."""
    return (scale or STANDARD).label(status)


@register.simple_tag
def status_badge(status: str, label: str) -> str:
    """An action's status in words, in a badge whose colour only repeats it
    (``actions/includes/_status.html``; a tag, as long lists write one per row)."""
    return format_html(
        '<span class="badge status-badge status-{}">{}</span>', status, capfirst(label)
    )
