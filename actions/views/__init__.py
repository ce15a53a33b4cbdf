from actions.views.detail import (
    ActionCreateView,
    ActionDetailView,
    ActionUpdateView,
    action_update_add,
)
from actions.views.lists import ActionListView, MyActionListView, action_export

__all__ = [
    "ActionCreateView",
    "ActionDetailView",
    "ActionListView",
    "ActionUpdateView",
    "MyActionListView",
    "action_export",
    "action_update_add",
]
