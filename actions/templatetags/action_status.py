from __future__ import annotations

from typing import Any

from django import template

from actions.status_scale import STANDARD

register = template.Library()


@register.filter
def status_label(status: str, scale: Any = None) -> str:
    """A status in the kommun's words (``scale``, a StatusScale), or by its
    standard name where the page has no scale."""
    return (scale or STANDARD).label(status)
