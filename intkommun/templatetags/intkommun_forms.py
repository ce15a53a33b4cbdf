from __future__ import annotations

from django import template
from django.forms import Form

from intkommun.widgets import with_python_options

register = template.Library()


@register.filter
def python_options(form: Form) -> Form:
    """The form with its selects' options written in Python (see widgets.py)."""
    return with_python_options(form)
