from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntkommunConfig(AppConfig):
    name = "intkommun"
    verbose_name = _("Organisations and users")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        import django_countries

        from intkommun import registry
        from intkommun.countries import swedish_sort_key

        # django-countries sorts by a module-level key and offers no setting for it.
        django_countries.sort_key = swedish_sort_key

        registry.register_navigation(
            registry.NavigationEntry(
                label=_("Organisations"),
                url_name="intkommun:organisation_list",
                order=90,
            )
        )
