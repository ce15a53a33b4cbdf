"""Gaps in the registry that the coordinator should close before the follow-up.

Each check is a QuerySet of one kommun's rows, so the page can count and list them.
"""

from __future__ import annotations

import datetime

from django.db.models import QuerySet

from actions.models import Action
from actions.models import Status as ActionStatus
from intkommun.models import Organisation
from projects.models import Project, Status
from strategies.models import Goal, Strategy

# A rejected or withdrawn application needs no goal any more.
SETTLED_STATUSES = (Status.REJECTED, Status.WITHDRAWN)


def projects_without_goal(kommun: Organisation) -> QuerySet[Project]:
    """Projects that no goal of a governing document motivates."""
    return (
        Project.objects.in_kommun(kommun)
        .exclude(status__in=SETTLED_STATUSES)
        # Through the default manager: a removed goal keeps its link but
        # motivates nothing.
        .exclude(goals__in=Goal.objects.all())
        .select_related("owner", "programme")
        .order_by("title", "pk")
    )


def goals_without_action_or_project(
    kommun: Organisation, today: datetime.date
) -> QuerySet[Goal]:
    """Goals of documents in force that no action and no project works towards."""
    in_force = Strategy.objects.filter(kommun=kommun.kommun_id).in_force(today)
    return (
        Goal.objects.filter(strategy__in=in_force.values("pk"), kind=Goal.Kind.GOAL)
        .exclude(actions__in=Action.objects.all())
        .exclude(projects__in=Project.objects.all())
        .select_related("strategy")
        .order_by("strategy__title", "order", "pk")
    )


def actions_past_end_without_update(
    kommun: Organisation, today: datetime.date
) -> QuerySet[Action]:
    """Actions whose end has passed with nothing at all logged on them."""
    return (
        Action.objects.filter(plan__kommun=kommun.kommun_id, ends_on__lt=today)
        .exclude(status=ActionStatus.CANCELLED)
        .filter(updates__isnull=True)
        .select_related("plan")
        .order_by("ends_on", "plan", "position", "pk")
    )
