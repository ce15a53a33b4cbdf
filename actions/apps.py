from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActionsConfig(AppConfig):
    name = "actions"
    verbose_name = _("Action plan")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.urls import reverse

        from actions.demo import load_demo
        from actions.search import ACTIONS
        from intkommun import permissions, registry
        from intkommun import search as global_search

        registry.register_navigation(
            registry.NavigationEntry(
                label=_("Actions"), url_name="actions:list", order=20
            )
        )
        registry.register_object_link(
            registry.ObjectLink(
                model="strategies.strategy",
                label=_("Actions of the plan"),
                url=lambda plan: f"{reverse('actions:list')}?plan={plan.pk}",
                order=10,
                is_shown=holds_actions,
            )
        )
        registry.register_object_link(
            registry.ObjectLink(
                model="strategies.strategy",
                label=_("Timeline"),
                url=lambda plan: reverse("actions:timeline", args=[plan.pk]),
                order=20,
                is_shown=holds_actions,
            )
        )
        registry.register_object_link(
            registry.ObjectLink(
                model="intkommun.organisation",
                label=_("Status scale"),
                url=lambda kommun: reverse("actions:status_scale", args=[kommun.pk]),
                is_shown=lambda organisation: organisation.is_kommun,
                is_shown_to=lambda kommun, user: permissions.is_coordinator(
                    user, kommun
                ),
            )
        )
        registry.register_demo_loader(
            registry.DemoLoader(name="handlingsplan", order=20, load=load_demo)
        )
        global_search.register(ACTIONS)


def holds_actions(plan) -> bool:
    return plan.document_type.is_action_plan or plan.actions.exists()
