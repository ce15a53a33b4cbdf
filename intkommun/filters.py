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


def sort_headers(current: str, keys: tuple[str, ...]) -> dict[str, dict[str, str]]:
    """For each sortable column: the value its header link sets, and aria-sort."""
    headers = {}
    for key in keys:
        if current == key:
            headers[key] = {"next": f"-{key}", "aria": "ascending"}
        elif current == f"-{key}":
            headers[key] = {"next": key, "aria": "descending"}
        else:
            headers[key] = {"next": key, "aria": "none"}
    return headers


def share_choices(form: Any, *names: str) -> None:
    """Fields that offer the same rows get one evaluated list of choices: one query
    and one label each, not one per field. Each field still checks a chosen value
    against its own queryset."""
    choices = list(form.fields[names[0]].widget.choices)
    for name in names:
        form.fields[name].widget.choices = choices


def filtered(filterset: django_filters.FilterSet) -> QuerySet:
    """The filtered rows; none when a filter's value is invalid (the form says why)."""
    if filterset.is_bound and not filterset.is_valid():
        return filterset.queryset.none()
    return filterset.qs


def query_string_without_page(request: Any) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def is_filtered(request: Any, names: Any) -> bool:
    """Whether any filter (not the sorting, not the page) has a value."""
    return any(request.GET.get(name) for name in names if name not in ("o", "page"))
