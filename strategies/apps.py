from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StrategiesConfig(AppConfig):
    name = "strategies"
    verbose_name = _("Governing documents")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from intkommun import registry
        from intkommun import search as global_search
        from strategies.demo import load_demo
        from strategies.search import GOALS, STRATEGIES

        registry.register_navigation(
            registry.NavigationEntry(
                label=_("Governing documents"), url_name="strategies:list", order=10
            )
        )
        registry.register_demo_loader(
            registry.DemoLoader(name="styrdokument", order=10, load=load_demo)
        )
        global_search.register(STRATEGIES)
        global_search.register(GOALS)
