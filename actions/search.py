"""What the global search finds in the action plan."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from actions.models import Action
from intkommun.search import SearchProvider


def describe_action(action: Action) -> str:
    return f"{action.get_status_display()} · {action.plan.title}"


ACTIONS = SearchProvider(
    key="actions",
    label=_("Actions"),
    order=10,
    queryset=lambda user: Action.objects.visible_to(user).select_related("plan"),
    title_field="title",
    text_fields=(
        "description",
        "participants_text",
        "responsible_text",
        "timing_text",
    ),
    describe=describe_action,
)
