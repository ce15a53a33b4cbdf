"""Filters of the project, partnership and fund application lists and of their
Excel exports.

Each FilterSet is always given a queryset already scoped to what the user may see.
"""

from __future__ import annotations

import datetime
from typing import Any

import django_filters
from django.db.models import F, Q, QuerySet
from django.db.models.expressions import OrderBy
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from intkommun.filters import (
    BY_NAME,
    WITH_KOMMUN,
    ColumnChoicesMixin,
    StableOrderingFilter,
    YearFilter,
)
from intkommun.models import Organisation
from intkommun.permissions import subtree_ids
from projects.models import (
    FundApplication,
    FundCall,
    FundingProgramme,
    Partnership,
    PartnershipActivity,
    PartnerTown,
    Project,
)
from projects.models.funds import fund_call_name
from projects.models.partnerships import activity_counts_in_year_q

PROJECT_SORTABLE = (
    ("title", "title"),
    ("owner__name", "owner"),
    ("status", "status"),
    ("starts_on", "starts_on"),
    ("ends_on", "ends_on"),
    ("decision_on", "decision_on"),
)
PARTNERSHIP_SORTABLE = (
    ("name", "name"),
    ("kind", "kind"),
    ("status", "status"),
    ("starts_on", "starts_on"),
    ("ends_on", "ends_on"),
)
ACTIVITY_SORTABLE = (
    ("occurred_on", "occurred_on"),
    ("partnership__name", "partnership"),
    ("kind", "kind"),
)


class NullsLastOrderingFilter(StableOrderingFilter):
    """Empty dates last whichever way one sorts, on SQLite and PostgreSQL alike."""

    # django-filter ships no Swedish; the project's catalogue translates this.
    descending_fmt = _("%s (descending)")

    def get_ordering_value(self, param: str) -> OrderBy:
        descending = param.startswith("-")
        name = param[1:] if descending else param
        field = F(self.param_map.get(name, name))
        return field.desc(nulls_last=True) if descending else field.asc(nulls_last=True)


def _owner_queryset(request: Any, owners: QuerySet) -> QuerySet[Organisation]:
    """Organisations among ``owners`` (the owner column of live objects: removed
    objects do not count), by a subquery rather than a join made distinct."""
    return (
        Organisation.objects.visible_to(request.user)
        .filter(pk__in=owners)
        .select_related("kommun")
        .order_by("kommun__name", "name")
    )


class ProjectFilter(ColumnChoicesMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_text",
        help_text=_("Title, acronym, reference number, description or partner."),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Project.Status.choices, empty_label=_("All")
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Project.Kind.choices, empty_label=_("All")
    )
    programme = django_filters.ModelChoiceFilter(
        label=_("Funding programme"),
        queryset=FundingProgramme.objects.none(),
        empty_label=_("All"),
    )
    owner = django_filters.ModelChoiceFilter(
        label=_("Owner organisation"),
        queryset=Organisation.objects.none(),
        method="filter_owner",
        empty_label=_("All"),
        help_text=_("The organisation and the units below it."),
    )
    year = YearFilter(
        label=_("Active during year"),
        method="filter_year",
    )
    o = NullsLastOrderingFilter(
        label=_("Sort by"),
        tie_breakers=("title", "pk"),
        fields=PROJECT_SORTABLE,
        field_labels={
            "title": _("Title"),
            "owner__name": _("Owner"),
            "status": _("Status"),
            "starts_on": _("Starts on"),
            "ends_on": _("Ends on"),
            "decision_on": _("Decision on"),
        },
    )

    column_choices = {"owner": WITH_KOMMUN}

    class Meta:
        model = Project
        fields: list[str] = []

    def __init__(self, *args: Any, request: Any, **kwargs: Any) -> None:
        super().__init__(*args, request=request, **kwargs)
        self.filters["programme"].queryset = (
            FundingProgramme.objects.visible_to(request.user)
            .filter(pk__in=Project.objects.values("programme"))
            .order_by("name_sv")
        )
        owners = self.filters["owner"]
        owners.queryset = _owner_queryset(request, Project.objects.values("owner"))

    def filter_text(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        matches = Q()
        for word in value.split():
            matches &= (
                Q(title__icontains=word)
                | Q(acronym__icontains=word)
                | Q(reference_number__icontains=word)
                | Q(description__icontains=word)
                | Q(partners__name__icontains=word)
            )
        return queryset.filter(pk__in=Project.objects.filter(matches).values("pk"))

    def filter_owner(self, queryset: QuerySet, name: str, value: Organisation):
        return queryset.filter(owner__in=subtree_ids([value]))

    def filter_year(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        return queryset.active_in_year(value)


class PartnershipFilter(ColumnChoicesMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_text",
        help_text=_("Name, town, contacts or description."),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Partnership.Kind.choices, empty_label=_("All")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Partnership.Status.choices, empty_label=_("All")
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"), choices=[], empty_label=_("All"), method="filter_country"
    )
    responsible = django_filters.ModelChoiceFilter(
        label=_("Responsible organisation"),
        field_name="responsible_organisation",
        queryset=Organisation.objects.none(),
        empty_label=_("All"),
    )
    year = YearFilter(
        label=_("Active during year"),
        method="filter_year",
        help_text=_("Its period touches the year, or it had activities then."),
    )
    o = NullsLastOrderingFilter(
        label=_("Sort by"),
        tie_breakers=("name", "pk"),
        fields=PARTNERSHIP_SORTABLE,
        field_labels={
            "name": _("Name"),
            "kind": _("Kind"),
            "status": _("Status"),
            "starts_on": _("Start"),
            "ends_on": _("End"),
        },
    )

    column_choices = {"responsible": WITH_KOMMUN}

    class Meta:
        model = Partnership
        fields: list[str] = []

    def __init__(self, *args: Any, request: Any, **kwargs: Any) -> None:
        super().__init__(*args, request=request, **kwargs)
        # Read per request, so that country names follow the active language.
        self.filters["country"].extra["choices"] = list(countries)
        responsible = self.filters["responsible"]
        responsible.queryset = _owner_queryset(
            request, Partnership.objects.values("responsible_organisation")
        )

    def filter_text(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        matches = Q()
        for word in value.split():
            matches &= (
                Q(name__icontains=word)
                | Q(towns__name__icontains=word)
                | Q(contacts__icontains=word)
                | Q(description__icontains=word)
            )
        return queryset.filter(pk__in=Partnership.objects.filter(matches).values("pk"))

    def filter_country(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(
            pk__in=PartnerTown.objects.filter(country=value).values("partnership")
        )

    def filter_year(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        return queryset.in_year(value)


class PartnershipActivityFilter(ColumnChoicesMixin, django_filters.FilterSet):
    partnership = django_filters.ModelChoiceFilter(
        label=_("Partnership"),
        queryset=Partnership.objects.none(),
        empty_label=_("All"),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"),
        choices=PartnershipActivity.Kind.choices,
        empty_label=_("All"),
    )
    year = YearFilter(
        label=_("Year"),
        method="filter_year",
        help_text=_("Held in the year, or recurring in it."),
    )
    organiser = django_filters.ModelChoiceFilter(
        label=_("Organised by"),
        queryset=Organisation.objects.none(),
        empty_label=_("All"),
    )
    o = NullsLastOrderingFilter(
        label=_("Sort by"),
        tie_breakers=("-occurred_on", "pk"),
        fields=ACTIVITY_SORTABLE,
        field_labels={
            "occurred_on": _("Date"),
            "partnership__name": _("Partnership"),
            "kind": _("Kind"),
        },
    )

    column_choices = {"organiser": WITH_KOMMUN}

    class Meta:
        model = PartnershipActivity
        fields: list[str] = []

    def __init__(self, *args: Any, request: Any, **kwargs: Any) -> None:
        super().__init__(*args, request=request, **kwargs)
        self.filters["partnership"].queryset = (
            Partnership.objects.visible_to(request.user)
            .filter(pk__in=PartnershipActivity.objects.values("partnership"))
            .order_by("name", "pk")
        )
        organisers = self.filters["organiser"]
        organisers.queryset = _owner_queryset(
            request, PartnershipActivity.objects.values("organiser")
        )

    def filter_year(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        return queryset.filter(activity_counts_in_year_q(value))


APPLICANT_KINDS = (
    ("administration", _("Administration or other part of the municipality")),
    ("association", _("Association or other external organisation")),
)


def _call_label(year: int, title: str, deadline: datetime.date) -> str:
    return f"{year}: {fund_call_name(title, deadline)}"


class FundApplicationFilter(ColumnChoicesMixin, django_filters.FilterSet):
    """The fund's applications over the years, for the coordinator's overview."""

    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_text",
        help_text=_("Purpose or applicant."),
    )
    year = YearFilter(label=_("Fund year"), field_name="fund__year")
    call = django_filters.ModelChoiceFilter(
        label=_("Call"), queryset=FundCall.objects.none(), empty_label=_("All")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=FundApplication.Status.choices,
        empty_label=_("All"),
    )
    applicant_kind = django_filters.ChoiceFilter(
        label=_("Applicant"),
        choices=APPLICANT_KINDS,
        method="filter_applicant_kind",
        empty_label=_("All"),
    )
    partnership = django_filters.ModelChoiceFilter(
        label=_("Concerns the partnership"),
        field_name="partnerships",
        queryset=Partnership.objects.none(),
        empty_label=_("All"),
    )

    column_choices = {
        "call": (("fund__year", "title", "deadline"), _call_label),
        "partnership": BY_NAME,
    }

    class Meta:
        model = FundApplication
        fields: list[str] = []

    def __init__(self, *args: Any, request: Any, **kwargs: Any) -> None:
        super().__init__(*args, request=request, **kwargs)
        self.filters["call"].queryset = FundCall.objects.visible_to(
            request.user
        ).order_by("-fund__year", "deadline", "pk")
        self.filters["partnership"].queryset = (
            Partnership.objects.visible_to(request.user)
            .filter(
                pk__in=FundApplication.partnerships.through.objects.values(
                    "partnership"
                )
            )
            .order_by("name")
        )

    def filter_text(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        matches = Q()
        for word in value.split():
            matches &= Q(purpose__icontains=word) | Q(applicant__name__icontains=word)
        return queryset.filter(matches)

    def filter_applicant_kind(
        self, queryset: QuerySet, name: str, value: str
    ) -> QuerySet:
        external = Q(applicant__kind=Organisation.Kind.EXTERN)
        return queryset.filter(external if value == "association" else ~external)
