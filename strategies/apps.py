from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StrategiesConfig(AppConfig):
    name = "strategies"
    verbose_name = _("Governing documents")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from intkommun import registry
        from strategies.demo import load_demo

        registry.register_navigation(
            registry.NavigationEntry(
                label=_("Governing documents"), url_name="strategies:list", order=10
            )
        )
        registry.register_demo_loader(
            registry.DemoLoader(name="styrdokument", order=10, load=load_demo)
        )
