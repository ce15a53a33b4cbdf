"""Every vision, purpose and goal of the governing documents the user sees."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import generic

from actions.models import Action
from intkommun import permissions
from intkommun.exports import build_xlsx, dated_filename, xlsx_response
from intkommun.filters import (
    filtered,
    is_filtered,
    query_string_without_page,
    sort_headers,
)
from intkommun.pagination import Paginator
from strategies.exports import GOAL_COLUMNS
from strategies.filters import GOAL_SORTING, GoalFilter
from strategies.models import Goal, Indicator, Strategy
from strategies.models.goals import KIND_RANK


def linked_action_count() -> Subquery:
    """The number of a goal's live actions (removed ones do not count), as a
    subquery of the goal's own links: PostgreSQL works it out only for the rows
    of the page (after ORDER BY … LIMIT) unless the list is sorted by it, and the
    page's row count needs no grouping of every goal with its actions."""
    links = (
        Action.goals.through.objects.filter(
            goal=OuterRef("pk"), action__removed_at__isnull=True
        )
        .order_by()
        .values("goal")
        .annotate(count=Count("*"))
        .values("count")
    )
    return Coalesce(Subquery(links), 0)


def filtered_goals(request: HttpRequest) -> tuple[GoalFilter, QuerySet]:
    queryset = (
        Goal.objects.visible_to(request.user)
        .select_related("strategy", "strategy__kommun", "focus_area", "parent")
        .prefetch_related(
            Prefetch("indicators", queryset=Indicator.objects.order_by("name", "pk"))
        )
        .annotate(
            kind_rank=KIND_RANK,
            action_count=linked_action_count(),
        )
        .order_by("strategy__title", "strategy__pk", "kind_rank", "order", "pk")
    )
    filterset = GoalFilter(request.GET or None, queryset=queryset, request=request)
    return filterset, filtered(filterset)


class GoalListView(LoginRequiredMixin, generic.ListView):
    template_name = "strategies/goal_list.html"
    paginate_by = 50
    paginator_class = Paginator

    def get_queryset(self):
        user = self.request.user
        self.several_kommuner = (
            user.is_superuser or len(permissions.visible_kommun_ids(user)) > 1
        )
        self.filterset, queryset = filtered_goals(self.request)
        # The rows show their document's title (and its kommun's name to whoever
        # sees several kommuner), not the rest of the document (the export does).
        related = ["strategy", "focus_area"]
        if self.several_kommuner:
            related.append("strategy__kommun")
        # The indicators as a plain list: a related manager per row, made to
        # store them and again to read them, costs more than the rows.
        indicators = Indicator.objects.only("goal_id", "name").order_by("name", "pk")
        return (
            queryset.select_related(None)
            .select_related(*related)
            .defer(*(f"strategy__{name}" for name in Strategy.LONG_TEXT_FIELDS))
            .prefetch_related(None)
            .prefetch_related(
                Prefetch("indicators", indicators, to_attr="listed_indicators")
            )
        )

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            filter=self.filterset,
            query_string=query_string_without_page(self.request),
            sort=sort_headers(
                self.request.GET.get("o", ""), tuple(k for _f, k in GOAL_SORTING)
            ),
            is_filtered=is_filtered(self.request, self.filterset.filters),
            several_kommuner=self.several_kommuner,
            can_create=permissions.is_coordinator_anywhere(user),
            **kwargs,
        )


@login_required
def goal_export(request: HttpRequest) -> HttpResponse:
    _filterset, goals = filtered_goals(request)
    xlsx = build_xlsx(_("Goals"), GOAL_COLUMNS, goals)
    return xlsx_response(xlsx, dated_filename(_("goals"), timezone.localdate()))
