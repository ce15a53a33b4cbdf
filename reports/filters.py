"""Filters and sorting of the follow-up lists: rounds, annual reports, KS reports."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from intkommun import permissions
from intkommun.filters import (
    BY_NAME,
    ColumnChoicesMixin,
    StableOrderingFilter,
    YearFilter,
)
from intkommun.models import Organisation
from intkommun.years import YearField
from reports.models import AnnualReport, FollowUpRound

OPEN_CLOSED = (("open", _("Open for reporting")), ("closed", _("Closed for reporting")))

ROUND_SORTING = (
    ("year", "year"),
    ("deadline", "deadline"),
    ("kommun__name", "kommun"),
)
REPORT_SORTING = (
    ("round__year", "year"),
    ("organisation__name", "organisation"),
    ("status", "status"),
    ("submitted_at", "submitted"),
)


def several_kommuner(user: Any) -> bool:
    return user.is_superuser or len(permissions.visible_kommun_ids(user)) > 1


class KommunFilterMixin:
    """A municipality filter only for those who see more than one."""

    def limit_kommun(self, user: Any) -> None:
        if several_kommuner(user):
            self.filters["kommun"].queryset = (
                Organisation.objects.visible_to(user).kommuner().order_by("name")
            )
        else:
            del self.filters["kommun"]


class RoundFilter(KommunFilterMixin, django_filters.FilterSet):
    year = YearFilter(label=_("Year"))
    state = django_filters.ChoiceFilter(
        label=_("Open or closed"),
        choices=OPEN_CLOSED,
        method="filter_state",
        empty_label=_("All"),
    )
    kommun = django_filters.ModelChoiceFilter(
        label=_("Municipality"),
        queryset=Organisation.objects.none(),
        empty_label=_("All"),
    )
    o = StableOrderingFilter(
        label=_("Sort by"),
        empty_label=_("Municipality, then latest year"),
        tie_breakers=("kommun__name", "-year", "pk"),
        fields=ROUND_SORTING,
        field_labels={
            "year": _("Year"),
            "deadline": _("Deadline"),
            "kommun__name": _("Municipality"),
        },
    )

    class Meta:
        model = FollowUpRound
        fields: list[str] = []

    def __init__(self, *args: Any, request: Any, **kwargs: Any) -> None:
        super().__init__(*args, request=request, **kwargs)
        self.limit_kommun(request.user)

    def filter_state(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(is_open=value == "open")


class AnnualReportFilter(
    ColumnChoicesMixin, KommunFilterMixin, django_filters.FilterSet
):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_text",
        help_text=_("Organisation, results, needs or project ideas."),
    )
    year = YearFilter(label=_("Year"), field_name="round__year")
    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        empty_label=_("All"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=AnnualReport.Status.choices, empty_label=_("All")
    )
    round = django_filters.ModelChoiceFilter(
        label=_("Follow-up round"),
        queryset=FollowUpRound.objects.none(),
        empty_label=_("All"),
    )
    kommun = django_filters.ModelChoiceFilter(
        label=_("Municipality"),
        field_name="round__kommun",
        queryset=Organisation.objects.none(),
        empty_label=_("All"),
    )
    o = StableOrderingFilter(
        label=_("Sort by"),
        empty_label=_("Latest year, then organisation"),
        tie_breakers=("-round__year", "organisation__name", "pk"),
        fields=REPORT_SORTING,
        field_labels={
            "round__year": _("Year"),
            "organisation__name": _("Organisation"),
            "status": _("Status"),
            "submitted_at": _("Submitted"),
        },
    )

    column_choices = {"organisation": BY_NAME}

    class Meta:
        model = AnnualReport
        fields: list[str] = []

    def __init__(self, *args: Any, request: Any, **kwargs: Any) -> None:
        super().__init__(*args, request=request, **kwargs)
        user = request.user
        reports = AnnualReport.objects.visible_to(user)
        self.filters["organisation"].queryset = Organisation.objects.filter(
            pk__in=reports.values("organisation")
        ).order_by("name")
        rounds = FollowUpRound.objects.visible_to(user).select_related("kommun")
        self.filters["round"].queryset = rounds.order_by("-year", "kommun__name")
        self.limit_kommun(user)

    def filter_text(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        matches = Q()
        for word in value.split():
            matches &= (
                Q(organisation__name__icontains=word)
                | Q(results__icontains=word)
                | Q(needs__icontains=word)
                | Q(project_ideas__icontains=word)
            )
        return queryset.filter(matches)


# The KS report list's rows are years, with or without a report: a plain form.
NOT_GENERATED, GENERATED, ADOPTED = "not_generated", "generated", "adopted"
YEAR_END_STATES = (
    (NOT_GENERATED, _("Not generated yet")),
    (GENERATED, _("Draft generated")),
    (ADOPTED, _("Finalised")),
)
YEAR_END_SORTING = (("year", _("Year")), ("kommun", _("Municipality")))


class YearEndFilterForm(forms.Form):
    year = YearField(label=_("Year"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All")), *YEAR_END_STATES],
        required=False,
    )
    kommun = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("All"),
    )
    o = forms.ChoiceField(label=_("Sort by"), required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if several_kommuner(user):
            self.fields["kommun"].queryset = (
                Organisation.objects.visible_to(user).kommuner().order_by("name")
            )
        else:
            del self.fields["kommun"]
        choices: list[tuple[str, Any]] = [("", _("Latest year first"))]
        for key, label in YEAR_END_SORTING:
            choices += [(key, label), (f"-{key}", _("%s (descending)") % label)]
        self.fields["o"].choices = choices


def year_end_state(report: Any) -> str:
    if report is None or not report.file:
        return NOT_GENERATED
    return ADOPTED if report.is_adopted else GENERATED


def filter_year_end_rows(
    rows: list[dict[str, Any]], form: YearEndFilterForm
) -> list[dict[str, Any]]:
    """The rows the valid filters keep, sorted; none when a filter is invalid."""
    if form.is_bound and not form.is_valid():
        return []
    data = form.cleaned_data if form.is_bound else {}
    if data.get("year"):
        rows = [row for row in rows if row["year"] == data["year"]]
    if data.get("status"):
        rows = [row for row in rows if row["state"] == data["status"]]
    if data.get("kommun"):
        rows = [row for row in rows if row["kommun"].pk == data["kommun"].pk]
    order = data.get("o") or ""
    key = order.lstrip("-")
    if key == "year":
        rows = sorted(rows, key=lambda row: (row["year"], row["kommun"].name))
    elif key == "kommun":
        rows = sorted(rows, key=lambda row: (row["kommun"].name, -row["year"]))
    if order.startswith("-"):
        rows.reverse()
    return rows
