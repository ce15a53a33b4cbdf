from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntkommunConfig(AppConfig):
    name = "intkommun"
    verbose_name = _("Organisations and users")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from intkommun import registry

        registry.register_navigation(
            registry.NavigationEntry(
                label=_("Organisations"),
                url_name="intkommun:organisation_list",
                order=90,
            )
        )
