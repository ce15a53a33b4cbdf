"""How much text one field takes: enough for any real plan, never a megabyte.

A 1 MB action title was accepted and made the KS report 99 pages. Every field a
person types into has a limit, checked by the form (``max_length``), by the model
(a validator) and by the database (a ``CheckConstraint`` on the length), so that an
import, the admin or a script cannot store what the form refuses.
"""

from __future__ import annotations

from typing import Any

from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils.translation import gettext_lazy as _

# The longest action in Skara's plan is under 200 characters.
TITLE_LENGTH = 1_000
# A list of names, contacts, an authority, a rate in words.
SHORT_TEXT_LENGTH = 2_000
# A goal as written in a strategy, a partnership's contacts.
MEDIUM_TEXT_LENGTH = 5_000
# A description, results, a memo: about ten pages of text.
TEXT_LENGTH = 20_000


def bounded_text(
    verbose_name: Any, *, max_length: int = TEXT_LENGTH, **kwargs: Any
) -> models.TextField:
    """A ``TextField`` that takes at most ``max_length`` characters."""
    return models.TextField(
        verbose_name,
        max_length=max_length,
        validators=[MaxLengthValidator(max_length)],
        **kwargs,
    )


def length_constraints(prefix: str, **limits: int) -> list[models.CheckConstraint]:
    """One database check per field, ``<prefix>_<field>_length``."""
    return [
        models.CheckConstraint(
            condition=LessThanOrEqual(Length(name), limit),
            name=f"{prefix}_{name}_length",
            violation_error_message=_("The text is too long."),
        )
        for name, limit in limits.items()
    ]
