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

        from django.contrib.auth import signals
        from django.contrib.auth.models import update_last_login

        # Django saves the user on every login, which would add an empty change to
        # their history each time; the last login is stored without one instead.
        signals.user_logged_in.disconnect(
            update_last_login, dispatch_uid="update_last_login"
        )
        signals.user_logged_in.connect(
            _store_last_login, dispatch_uid="intkommun_store_last_login"
        )
        from intkommun.middleware import note_login_in_session

        signals.user_logged_in.connect(
            note_login_in_session, dispatch_uid="intkommun_note_login_in_session"
        )


def _store_last_login(sender, user, **kwargs) -> None:
    from django.utils import timezone

    user.last_login = timezone.now()
    type(user)._default_manager.filter(pk=user.pk).update(last_login=user.last_login)
