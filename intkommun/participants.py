"""Counting people: "N participants, of whom M young people (under 26)".

Progress entries, partnership activities and report activities all count people
the same way; the rule and its database constraint live here once.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

TOO_MANY_YOUNG = _("There cannot be more young participants than participants.")


def young_within_participants(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(young_participants__isnull=True)
        | Q(participants__isnull=True)
        | Q(young_participants__lte=F("participants")),
        name=name,
        violation_error_message=TOO_MANY_YOUNG,
    )


def participant_errors(participants: int | None, young: int | None) -> dict[str, str]:
    """Form errors by field for a count of participants and young participants."""
    if young is None:
        return {}
    if participants is None:
        return {"participants": _("Give the number of participants as well.")}
    if young > participants:
        return {"young_participants": TOO_MANY_YOUNG}
    return {}
