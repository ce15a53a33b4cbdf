from __future__ import annotations

import datetime
from typing import Any

import django_filters
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.db.models.expressions import OrderBy
from django.utils.html import escape
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from intkommun import permissions
from intkommun.filters import (
    BY_TITLE,
    ColumnChoicesMixin,
    StableOrderingFilter,
    YearFilter,
    write_choices,
)
from intkommun.models import Organisation
from strategies.models import DocumentType, FocusArea, Goal, Strategy
from strategies.models.goals import focus_area_name

SORTABLE = (
    ("document_type__order", "type"),
    ("title", "title"),
    ("adopted_on", "adopted"),
    ("diary_number", "diary_number"),
    ("valid_until", "valid_until"),
    ("next_review_on", "next_review"),
    ("kommun__name", "kommun"),
)


class NullsLastOrderingFilter(StableOrderingFilter):
    """Empty dates last whichever way one sorts, on SQLite and PostgreSQL alike."""

    def get_ordering_value(self, param: str) -> OrderBy:
        descending = param.startswith("-")
        name = param[1:] if descending else param
        field = F(self.param_map.get(name, name))
        return field.desc(nulls_last=True) if descending else field.asc(nulls_last=True)


class StrategyFilter(django_filters.FilterSet):
    """Filters of the list and of its Excel export.

    Always given a scoped queryset. A status is worked out in the database
    (``with_status``) only to filter by it; the list works out its rows' in
    Python (``Strategy.status_on``, with their successors prefetched).
    """

    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_text",
        help_text=_("Title, diary number, document owner, purpose or goals."),
    )
    document_type = django_filters.ChoiceFilter(
        label=_("Document type"), field_name="document_type__name", empty_label=_("All")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=Strategy.Status.choices,
        method="filter_status",
        empty_label=_("All"),
    )
    organisation = django_filters.ModelChoiceFilter(
        label=_("Applies to"),
        queryset=Organisation.objects.none(),
        method="filter_organisation",
        empty_label=_("All"),
        help_text=_("Documents for the organisation, for a body above it, or for all."),
    )
    adopted_by = django_filters.ModelChoiceFilter(
        label=_("Adopted by"),
        queryset=Organisation.objects.none(),
        empty_label=_("All"),
    )
    year = YearFilter(
        label=_("Valid during year"),
        method="filter_year",
    )
    kommun = django_filters.ModelChoiceFilter(
        label=_("Municipality"),
        queryset=Organisation.objects.none(),
        empty_label=_("All"),
    )
    o = NullsLastOrderingFilter(
        tie_breakers=("title", "pk"),
        label=_("Sort by"),
        empty_label=_("Document type, then title"),
        fields=SORTABLE,
        field_labels={
            "document_type__order": _("Document type"),
            "title": _("Title"),
            "adopted_on": _("Adopted on"),
            "diary_number": _("Diary number"),
            "valid_until": _("Valid until"),
            "next_review_on": _("Next review"),
            "kommun__name": _("Municipality"),
        },
    )

    class Meta:
        model = Strategy
        fields: list[str] = []

    def __init__(self, *args: Any, request: Any, **kwargs: Any) -> None:
        super().__init__(*args, request=request, **kwargs)
        kommun_ids = permissions.visible_kommun_ids_by_name(request.user)
        # A superuser sees every kommun's documents, even with one kommun.
        several = len(kommun_ids) > 1 or request.user.is_superuser
        self.several_kommuner = several
        organisations = (
            Organisation.objects.visible_to(request.user)
            .exclude(kind=Organisation.Kind.EXTERN)
            .order_by(*(("kommun__name", "name") if several else ("name",)))
        )
        self.filters["organisation"].queryset = organisations
        # Only the bodies that have adopted a document: no other choice finds one.
        self.filters["adopted_by"].queryset = organisations.filter(
            pk__in=Strategy.objects.values("adopted_by")
        )
        self.organisation_label = _label_with_kommun if several else _plain_label
        if several:  # the label names the kommun
            self.organisation_columns = ("name", "kind", "kommun__name")
        else:
            self.organisation_columns = ("name", "kind")
        self.filters["document_type"].extra["choices"] = _type_choices(kommun_ids)
        if several:
            self.filters["kommun"].queryset = Organisation.objects.filter(
                pk__in=kommun_ids
            ).order_by("name")
        else:
            del self.filters["kommun"]

    @property
    def form(self) -> Any:
        if not hasattr(self, "_form"):
            self._write_organisation_choices(super().form)
        return super().form

    def _write_organisation_choices(self, form: Any) -> None:
        """The options of 'Applies to' and of 'Adopted by' (those of them that
        have adopted a document) from one query of the organisations' names."""
        adopting = Strategy.objects.filter(adopted_by=OuterRef("pk"))
        rows = (
            self.filters["organisation"]
            .queryset.annotate(has_adopted=Exists(adopting))
            .values_list("pk", "has_adopted", *self.organisation_columns)
        )
        every, adopted = [], []
        for pk, has_adopted, *columns in rows:
            option = (pk, escape(self.organisation_label(*columns)))
            every.append(option)
            if has_adopted:
                adopted.append(option)
        write_choices(form.fields["organisation"], every)
        write_choices(form.fields["adopted_by"], adopted)

    def filter_text(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        matches = Q()
        for word in value.split():
            matches &= (
                Q(title__icontains=word)
                | Q(diary_number__icontains=word)
                | Q(document_owner__icontains=word)
                | Q(prepared_by__icontains=word)
                | Q(purpose__icontains=word)
                | Q(goals__text__icontains=word)
            )
        ids = Strategy.objects.filter(matches).values("pk")
        return queryset.filter(pk__in=ids)

    def filter_status(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.with_status_in([value])

    def filter_organisation(
        self, queryset: QuerySet, name: str, value: Organisation
    ) -> QuerySet:
        return queryset.filter(pk__in=Strategy.objects.applying_to(value).values("pk"))

    def filter_year(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        start, end = datetime.date(value, 1, 1), datetime.date(value, 12, 31)
        return queryset.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=end),
            Q(valid_until__isnull=True) | Q(valid_until__gte=start),
            Q(adopted_on__isnull=True) | Q(adopted_on__lte=end),
        )


def _plain_label(name: str, kind: str) -> str:
    return name


def _label_with_kommun(name: str, kind: str, kommun_name: str) -> str:
    if kind in Organisation.TOP_KINDS:
        return name
    return f"{name} ({kommun_name})"


def _type_choices(kommun_ids: list[int]) -> list[tuple[str, str]]:
    """Type names, in the order of the (first) kommun's list (``kommun_ids`` in
    the order of the kommuner's names): one query for every kommun's types.

    Filtering by name rather than by row lets one choice cover both the default
    "Policy" and a kommun's own copy of it.
    """
    rows = DocumentType.objects.filter(
        Q(kommun__in=kommun_ids) | Q(kommun__isnull=True)
    ).values_list("kommun_id", "name")
    lists: dict[int | None, list[str]] = {}
    for kommun_id, name in rows:  # in the types' own order
        lists.setdefault(kommun_id, []).append(name)
    defaults = lists.get(None, [])
    names: list[str] = []
    for kommun_id in kommun_ids:
        # A kommun's own list once it has one, the defaults until then
        # (``DocumentTypeQuerySet.available_to``).
        for name in lists.get(kommun_id, defaults):
            if name not in names:
                names.append(name)
    return [(name, name) for name in names or defaults]


GOAL_SORTING = (
    ("strategy__title", "document"),
    ("kind_rank", "kind"),
    ("focus_area__number", "focus_area"),
    ("action_count", "actions"),
)
HAS_ACTIONS = (("yes", _("Yes")), ("no", _("No")))


def _focus_area_label(number: int, title: str, strategy_title: str) -> str:
    return f"{focus_area_name(number, title)} ({strategy_title})"


class GoalFilter(ColumnChoicesMixin, django_filters.FilterSet):
    """The goal list's filters, and its export's. Given a scoped queryset annotated
    with ``kind_rank`` and ``action_count``."""

    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_text",
        help_text=_("The goal's text or label."),
    )
    strategy = django_filters.ModelChoiceFilter(
        label=_("Governing document"),
        queryset=Strategy.objects.none(),
        empty_label=_("All"),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"),
        choices=[(value, capfirst(label)) for value, label in Goal.Kind.choices],
        empty_label=_("All"),
    )
    focus_area = django_filters.ModelChoiceFilter(
        label=_("Focus area"), queryset=FocusArea.objects.none(), empty_label=_("All")
    )
    has_actions = django_filters.ChoiceFilter(
        label=_("Has linked actions"),
        choices=HAS_ACTIONS,
        method="filter_has_actions",
        empty_label=_("All"),
    )
    o = StableOrderingFilter(
        label=_("Sort by"),
        empty_label=_("Document, then as the document orders them"),
        tie_breakers=("strategy__title", "kind_rank", "order", "pk"),
        fields=GOAL_SORTING,
        field_labels={
            "strategy__title": _("Governing document"),
            "kind_rank": _("Kind"),
            "focus_area__number": _("Focus area"),
            "action_count": _("Number of linked actions"),
        },
    )

    column_choices = {
        "strategy": BY_TITLE,
        "focus_area": (("number", "title", "strategy__title"), _focus_area_label),
    }

    class Meta:
        model = Goal
        fields: list[str] = []

    def __init__(self, *args: Any, request: Any, **kwargs: Any) -> None:
        super().__init__(*args, request=request, **kwargs)
        user = request.user
        self.filters["strategy"].queryset = (
            Strategy.objects.visible_to(user)
            .filter(pk__in=Goal.objects.values("strategy"))
            .order_by("title", "pk")
        )
        self.filters["focus_area"].queryset = (
            FocusArea.objects.visible_to(user)
            .select_related("strategy")
            .order_by("strategy__title", "number", "pk")
        )

    def filter_text(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        matches = Q()
        for word in value.split():
            matches &= Q(text__icontains=word) | Q(label__icontains=word)
        return queryset.filter(matches)

    def filter_has_actions(self, queryset: QuerySet, name: str, value: str):
        return (
            queryset.filter(action_count__gt=0)
            if value == "yes"
            else (queryset.filter(action_count=0))
        )
