"""What every list's FilterSet shares."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.html import escape

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


def sort_keys(sortable: tuple[tuple[str, str], ...]) -> tuple[str, ...]:
    """The keys of an ordering filter's ``fields`` (field, key) pairs."""
    return tuple(key for _field, key in sortable)


def sort_headers(current: str, keys: tuple[str, ...]) -> dict[str, dict[str, str]]:
    """For each sortable column: the value its header link sets, and aria-sort
    (written by the ``sort_header`` tag, ``intkommun_lists``)."""
    headers = {}
    for key in keys:
        if current == key:
            headers[key] = {"next": f"-{key}", "aria": "ascending"}
        elif current == f"-{key}":
            headers[key] = {"next": key, "aria": "descending"}
        else:
            headers[key] = {"next": key, "aria": "none"}
    return headers


def choices_from_columns(
    field: Any,
    queryset: QuerySet,
    columns: tuple[str, ...],
    label: Callable[..., str],
) -> None:
    """The options of a model choice field, written from ``columns`` of
    ``queryset`` (``label`` is given their values): one query, no model instance
    per option, each label escaped once. The field still checks a chosen value
    against its own queryset."""
    options = [
        (pk, escape(label(*values)))
        for pk, *values in queryset.values_list("pk", *columns)
    ]
    write_choices(field, options)


def write_choices(field: Any, options: list[tuple[Any, str]]) -> None:
    """A model choice field's options as written (value, escaped label), after
    its empty label: what its select shows. The field still checks a chosen
    value against its own queryset."""
    empty = [] if field.empty_label is None else [("", field.empty_label)]
    field.widget.choices = empty + options


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


def as_is(value: str) -> str:
    return value


def organisation_with_kommun(
    name: str, kommun_short_name: str, kommun_name: str
) -> str:
    """An organisation with its kommun's short name, for lists over kommuner."""
    return f"{name} ({kommun_short_name or kommun_name})"


BY_NAME = (("name",), as_is)
BY_TITLE = (("title",), as_is)
WITH_KOMMUN = (("name", "kommun__short_name", "kommun__name"), organisation_with_kommun)


class ColumnChoicesMixin:
    """For a FilterSet: the options of the model choice filters named in
    ``column_choices`` (name: columns and label, e.g. ``BY_NAME``) are written
    from those columns of each filter's queryset (``choices_from_columns``)."""

    column_choices: dict[str, tuple[tuple[str, ...], Callable[..., str]]] = {}

    @property
    def form(self) -> Any:
        if not hasattr(self, "_form"):
            form = super().form
            for name, (columns, label) in self.column_choices.items():
                if name in form.fields:
                    queryset = self.filters[name].queryset
                    choices_from_columns(form.fields[name], queryset, columns, label)
        return super().form
