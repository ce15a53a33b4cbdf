from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from actions.models import Action
from actions.status_scale import scale_for
from actions.timeline import build_timeline
from intkommun import permissions
from strategies.models import Strategy


@login_required
def plan_timeline(request: HttpRequest, plan_pk: int) -> HttpResponse:
    """The plan's actions month by month; printable."""
    plan = permissions.get_visible_or_404(request.user, Strategy.objects, pk=plan_pk)
    actions = (
        Action.objects.filter(plan=plan)
        .select_related("focus_area")
        .order_by("position", "pk")
    )
    timeline = build_timeline(actions, timezone.localdate())
    return render(
        request,
        "actions/plan_timeline.html",
        {
            "plan": plan,
            "timeline": timeline,
            "today": timezone.localdate(),
            "status_scale": scale_for(plan.kommun_id),
        },
    )
