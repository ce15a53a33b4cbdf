"""What the global search finds among governing documents and their goals."""

from __future__ import annotations

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from intkommun.search import SearchProvider
from strategies.models import Goal, Strategy


def describe_strategy(strategy: Strategy) -> str:
    return f"{strategy.document_type.name} · {strategy.get_status_display()}"


def describe_goal(goal: Goal) -> str:
    kind = goal.get_kind_display()
    label = f"{kind} {goal.label}" if goal.label else kind
    return gettext("%(goal)s in %(document)s") % {
        "goal": label,
        "document": goal.strategy.title,
    }


STRATEGIES = SearchProvider(
    key="strategies",
    label=_("Governing documents"),
    order=30,
    queryset=lambda user: (
        Strategy.objects.visible_to(user).with_status().select_related("document_type")
    ),
    title_field="title",
    text_fields=(
        "purpose",
        "diary_number",
        "document_owner",
        "prepared_by",
        "applies_to_text",
    ),
    describe=describe_strategy,
)

GOALS = SearchProvider(
    key="goals",
    label=_("Goals"),
    order=40,
    queryset=lambda user: Goal.objects.visible_to(user).select_related("strategy"),
    title_field="text",
    describe=describe_goal,
)
