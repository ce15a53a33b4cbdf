"""The organisation list: the kommun's tree, or a flat table through filters,
and its Excel export."""

from __future__ import annotations

from typing import Any

import django_filters
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from intkommun import permissions
from intkommun.exports import Column, build_xlsx, dated_filename, xlsx_response
from intkommun.filters import (
    StableOrderingFilter,
    filtered,
    is_filtered,
    query_string_without_page,
    sort_headers,
)
from intkommun.models import Organisation
from intkommun.pagination import Paginator
from intkommun.permissions import subtree_ids
from intkommun.views import organisation_trees

ACTIVE_CHOICES = (("yes", gettext_lazy("Active")), ("no", gettext_lazy("Inactive")))
SORTING = (("name", "name"), ("kind", "kind"), ("parent__name", "parent"))


class OrganisationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=gettext_lazy("Search"),
        method="filter_text",
        help_text=gettext_lazy("Name or short name."),
    )
    kind = django_filters.ChoiceFilter(
        label=gettext_lazy("Kind"),
        choices=[
            (value, capfirst(label)) for value, label in Organisation.Kind.choices
        ],
        empty_label=gettext_lazy("All"),
    )
    active = django_filters.ChoiceFilter(
        label=gettext_lazy("Active or inactive"),
        choices=ACTIVE_CHOICES,
        method="filter_active",
        empty_label=gettext_lazy("All"),
    )
    within = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Part of"),
        queryset=Organisation.objects.none(),
        method="filter_within",
        empty_label=gettext_lazy("All"),
        help_text=gettext_lazy("The organisations below the chosen one."),
    )
    o = StableOrderingFilter(
        label=gettext_lazy("Sort by"),
        empty_label=gettext_lazy("As the organisation tree"),
        tie_breakers=("name", "pk"),
        fields=SORTING,
        field_labels={
            "name": gettext_lazy("Name"),
            "kind": gettext_lazy("Kind"),
            "parent__name": gettext_lazy("Part of"),
        },
    )

    class Meta:
        model = Organisation
        fields: list[str] = []

    def __init__(self, *args: Any, request: Any, **kwargs: Any) -> None:
        super().__init__(*args, request=request, **kwargs)
        # Only organisations with something below them can be chosen.
        self.filters["within"].queryset = (
            Organisation.objects.visible_to(request.user)
            .filter(pk__in=Organisation.objects.values("parent"))
            .order_by("kommun__name", "name")
        )

    def filter_text(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        matches = Q()
        for word in value.split():
            matches &= Q(name__icontains=word) | Q(short_name__icontains=word)
        return queryset.filter(matches)

    def filter_active(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(is_active=value == "yes")

    def filter_within(self, queryset: QuerySet, name: str, value: Organisation):
        return queryset.filter(pk__in=subtree_ids([value]) - {value.pk})


def filtered_organisations(request: HttpRequest) -> tuple[OrganisationFilter, Any]:
    queryset = (
        Organisation.objects.visible_to(request.user)
        .select_related("parent", "kommun")
        .annotate(people_count=Count("memberships__user", distinct=True))
        .order_by("kommun__name", "name", "pk")
    )
    filterset = OrganisationFilter(
        request.GET or None, queryset=queryset, request=request
    )
    return filterset, filtered(filterset)


class OrganisationListView(LoginRequiredMixin, generic.ListView):
    """The tree of each kommun; a flat, paged table once filtered or sorted."""

    template_name = "intkommun/organisation_list.html"
    paginate_by = 100
    paginator_class = Paginator

    def get_queryset(self):
        self.filterset, queryset = filtered_organisations(self.request)
        self.is_flat = is_filtered(self.request, self.filterset.filters) or bool(
            self.request.GET.get("o")
        )
        return queryset

    def paginate_queryset(self, queryset, page_size):
        if not self.is_flat:  # the tree is shown whole
            return None, None, queryset, False
        return super().paginate_queryset(queryset, page_size)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            filter=self.filterset,
            query_string=query_string_without_page(self.request),
            sort=sort_headers(
                self.request.GET.get("o", ""), tuple(k for _f, k in SORTING)
            ),
            is_flat=self.is_flat,
            trees=[] if self.is_flat else organisation_trees(list(self.object_list)),
            several_kommuner=user.is_superuser
            or len(permissions.visible_kommun_ids(user)) > 1,
            can_create=Organisation.objects.editable_by(user).exists(),
        )
        return context


ORGANISATION_COLUMNS = (
    Column(gettext_lazy("Name"), 40, lambda o: o.name),
    Column(gettext_lazy("Short name"), 14, lambda o: o.short_name),
    Column(gettext_lazy("Kind"), 22, lambda o: str(o.get_kind_display()).capitalize()),
    Column(gettext_lazy("Part of"), 36, lambda o: o.parent.name if o.parent else ""),
    Column(
        gettext_lazy("Municipality"),
        18,
        lambda o: o.kommun.name if o.kommun_id else o.name,
    ),
    Column(
        gettext_lazy("Active"),
        8,
        lambda o: _("Yes") if o.is_active else _("No"),
    ),
    Column(gettext_lazy("People with roles"), 12, lambda o: o.people_count),
)


@login_required
def organisation_export(request: HttpRequest) -> HttpResponse:
    _filterset, organisations = filtered_organisations(request)
    xlsx = build_xlsx(_("Organisations"), ORGANISATION_COLUMNS, organisations)
    filename = dated_filename(_("organisations"), timezone.localdate())
    return xlsx_response(xlsx, filename)
