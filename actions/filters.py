from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from actions.models import Action, ActivityType, Status, TargetGroup
from actions.status_scale import only_scale, user_scales
from intkommun.filters import (
    BY_NAME,
    BY_TITLE,
    ColumnChoicesMixin,
    StableOrderingFilter,
    YearFilter,
)
from intkommun.models import Organisation
from intkommun.permissions import subtree_ids
from strategies.models import FocusArea, Goal, Strategy
from strategies.models.goals import focus_area_name, goal_name

YES_NO = (("yes", _("Yes")), ("no", _("No")))


class ActionFilter(ColumnChoicesMixin, django_filters.FilterSet):
    """Filters of the action list and of its Excel export; given a scoped queryset."""

    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_text",
        help_text=_("Action, participants, timing, responsible or description."),
    )
    plan = django_filters.ModelChoiceFilter(
        label=_("Action plan"), queryset=Strategy.objects.none(), empty_label=_("All")
    )
    focus_area = django_filters.ModelChoiceFilter(
        label=_("Focus area"), queryset=FocusArea.objects.none(), empty_label=_("All")
    )
    goal = django_filters.ModelChoiceFilter(
        label=_("Goal"),
        field_name="goals",
        queryset=Goal.objects.none(),
        empty_label=_("All"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Status.choices, empty_label=_("All")
    )
    responsible = django_filters.ModelChoiceFilter(
        label=_("Responsible organisation"),
        queryset=Organisation.objects.none(),
        method="filter_responsible",
        empty_label=_("All"),
    )
    activity_type = django_filters.ChoiceFilter(
        label=_("Activity type"), choices=ActivityType.choices, empty_label=_("All")
    )
    target_group = django_filters.ModelChoiceFilter(
        label=_("Target group"),
        field_name="target_groups",
        queryset=TargetGroup.objects.all(),
        empty_label=_("All"),
    )
    year = YearFilter(
        label=_("Active during year"),
        method="filter_year",
    )
    overdue = django_filters.ChoiceFilter(
        label=_("Overdue"),
        choices=YES_NO,
        method="filter_overdue",
        empty_label=_("All"),
    )
    o = StableOrderingFilter(
        label=_("Sort by"),
        tie_breakers=("plan", "position", "pk"),
        fields=(
            ("position", "position"),
            ("title", "title"),
            ("ends_on", "ends_on"),
            ("status", "status"),
            ("latest_update_on", "latest_update"),
        ),
        field_labels={
            "position": _("Order in the plan"),
            "title": _("Action"),
            "ends_on": _("Ends on"),
            "status": _("Status"),
            "latest_update_on": _("Latest update"),
        },
    )

    column_choices = {
        "plan": BY_TITLE,
        "focus_area": (("number", "title"), focus_area_name),
        "goal": (("label", "text"), goal_name),
        "responsible": BY_NAME,
        "target_group": (("code",), TargetGroup.label_of),
    }

    class Meta:
        model = Action
        fields: list[str] = []

    def __init__(self, *args: Any, request: Any, **kwargs: Any) -> None:
        super().__init__(*args, request=request, **kwargs)
        user = request.user
        # The one kommun's scale names the listed rows' statuses too.
        self.status_scales = user_scales(user)
        self.filters["status"].extra["choices"] = only_scale(
            self.status_scales
        ).choices()
        self.filters["plan"].queryset = Strategy.objects.visible_to(user).order_by(
            "title"
        )
        # Only choices that have actions left: removed ones do not count. A
        # subquery, not a join made distinct: 2,000 actions made that the
        # slowest query of the page.
        live = Action.objects.all()
        self.filters["focus_area"].queryset = FocusArea.objects.visible_to(user).filter(
            pk__in=live.values("focus_area")
        )
        # Every goal the user sees, not only those linked to an action: a plan
        # whose actions are not yet linked to goals left this list empty.
        self.filters["goal"].queryset = Goal.objects.visible_to(user)
        self.filters["responsible"].queryset = (
            Organisation.objects.visible_to(user)
            .filter(pk__in=live.values("responsible_organisations"))
            .order_by("name")
        )

    def filter_text(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        matches = Q()
        for word in value.split():
            matches &= (
                Q(title__icontains=word)
                | Q(participants_text__icontains=word)
                | Q(timing_text__icontains=word)
                | Q(responsible_text__icontains=word)
                | Q(description__icontains=word)
            )
        return queryset.filter(matches)

    def filter_responsible(self, queryset, name, value: Organisation) -> QuerySet:
        ids = Action.objects.filter(
            responsible_organisations__in=subtree_ids([value])
        ).values("pk")
        return queryset.filter(pk__in=ids)

    def filter_year(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        return queryset.filter(pk__in=Action.objects.active_in_year(value).values("pk"))

    def filter_overdue(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.overdue() if value == "yes" else queryset.not_overdue()
