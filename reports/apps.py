from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Annual follow-up")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from intkommun import registry
        from reports.demo import load_demo
        from reports.year_end import preview_cache

        registry.register_navigation(
            registry.NavigationEntry(
                label=_("Follow-up"), url_name="reports:round_list", order=40
            )
        )
        registry.register_navigation(
            registry.NavigationEntry(
                label=_("Reports"), url_name="reports:year_end_list", order=50
            )
        )
        registry.register_demo_loader(
            registry.DemoLoader(name="uppfoljning", order=40, load=load_demo)
        )
        preview_cache.connect()
