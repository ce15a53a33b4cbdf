"""What every list's FilterSet shares."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet

from intkommun.years import YearField


class StableOrderingFilter(django_filters.OrderingFilter):
    """Sort by the chosen column, then by the given tie-breakers, so pages never shuffle."""

    def __init__(self, *args: Any, tie_breakers: tuple[str, ...] = ("pk",), **kwargs):
        self.tie_breakers = tie_breakers
        super().__init__(*args, **kwargs)

    def filter(self, qs: QuerySet, value: Any) -> QuerySet:
        ordered = super().filter(qs, value)
        if value:
            ordered = ordered.order_by(*ordered.query.order_by, *self.tie_breakers)
        return ordered


class YearFilter(django_filters.NumberFilter):
    """A year in the plausible range; any other value is left out with a form error."""

    field_class = YearField
