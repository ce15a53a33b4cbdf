"""How often a recurring partnership activity happens in a year.

A language camp every summer, a meeting each term or four video conferences a
year are logged once, with the date of the first time and how often it recurs,
instead of once per occurrence with invented dates. The report of a year counts
such an activity as this rule says; nothing else multiplies.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Recurrence(models.TextChoices):
    NONE = "none", _("Once")
    YEARLY = "yearly", _("Every year")
    PER_TERM = "per_term", _("Every term (twice a year)")
    TIMES_A_YEAR = "times_a_year", _("Several times a year")


TERMS_PER_YEAR = 2


def occurrences_in_year(
    *,
    year: int,
    first_year: int,
    recurrence: str,
    times_per_year: int | None = None,
    last_year: int | None = None,
) -> int:
    """How many times an activity first held in ``first_year`` happens in ``year``.

    * Once (``none``): 1 in its own year, 0 in every other.
    * Recurring: from ``first_year`` to ``last_year`` inclusive (open when
      ``last_year`` is None) it happens 1 time a year (yearly), 2 (per term) or
      ``times_per_year``; 0 before the first year and after the last. The first
      year counts in full: the date logged is the first occurrence, not a
      boundary inside the year.

    Participants and cost are given per occurrence, so a year's participants and
    cost of the activity are these figures times this number.
    """
    if year < first_year:
        return 0
    if recurrence == Recurrence.NONE:
        return 1 if year == first_year else 0
    if last_year is not None and year > last_year:
        return 0
    if recurrence == Recurrence.YEARLY:
        return 1
    if recurrence == Recurrence.PER_TERM:
        return TERMS_PER_YEAR
    return times_per_year or 0
