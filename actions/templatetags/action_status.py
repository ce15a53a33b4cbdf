from __future__ import annotations

from typing import Any

from django import template

from actions.status_scale import STANDARD
from intkommun.templatetags.intkommun_lists import badge

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
    return badge(f"status-badge status-{status}", label)
