"""The composition root: the one module that includes every app's URLs (and
routes the start page to the dashboards in reports)."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, register_converter, reverse_lazy

from api.v1 import api as api_v1
from intkommun import organisation_list, sso, views
from intkommun.people import views as people
from intkommun.years import YearConverter
from public import views as public
from reports.views import dashboard

app_urls = [
    path("sok/", views.search, name="search"),
    path(
        "tillganglighet/",
        views.accessibility_statement,
        name="accessibility",
    ),
    path(
        "organisationer/",
        organisation_list.OrganisationListView.as_view(),
        name="organisation_list",
    ),
    path(
        "organisationer/export/",
        organisation_list.organisation_export,
        name="organisation_export",
    ),
    path(
        "organisationer/ny/",
        views.OrganisationCreateView.as_view(),
        name="organisation_create",
    ),
    path(
        "organisationer/<int:pk>/",
        views.OrganisationDetailView.as_view(),
        name="organisation_detail",
    ),
    path(
        "organisationer/<int:pk>/andra/",
        views.OrganisationUpdateView.as_view(),
        name="organisation_update",
    ),
    path(
        "historik/<str:app_label>/<str:model_name>/<int:pk>/",
        views.object_history,
        name="history",
    ),
    path("personer/", people.person_list, name="person_list"),
    path("personer/export/", people.person_export, name="person_export"),
    path("personer/bjud-in/", people.person_invite, name="person_invite"),
    path("personer/<int:pk>/", people.person_detail, name="person_detail"),
    path(
        "personer/<int:pk>/andra/",
        people.PersonUpdateView.as_view(),
        name="person_update",
    ),
    path("personer/<int:pk>/historik/", people.person_history, name="person_history"),
    path("personer/<int:pk>/roller/", people.role_give, name="role_give"),
    path("personer/roller/<int:pk>/ta-bort/", people.role_remove, name="role_remove"),
    path(
        "personer/<int:pk>/bjud-in-igen/",
        people.person_reinvite,
        name="person_reinvite",
    ),
    path(
        "personer/<int:pk>/inaktivera/",
        people.person_deactivate,
        name="person_deactivate",
    ),
    path(
        "personer/<int:pk>/aktivera/",
        people.person_reactivate,
        name="person_reactivate",
    ),
    path("borttaget/", views.removed_list, name="removed_list"),
    path("sparrar/", views.lockout_list, name="lockout_list"),
    path("sparrar/<int:pk>/hav/", views.lockout_lift, name="lockout_lift"),
    path(
        "borttaget/<str:app_label>/<str:model_name>/<int:pk>/ta-bort/",
        views.remove,
        name="remove",
    ),
    path(
        "borttaget/<str:app_label>/<str:model_name>/<int:pk>/aterstall/",
        views.restore,
        name="restore",
    ),
]

# Registered here, before the apps' URLconfs below are read.
register_converter(YearConverter, "year")

urlpatterns = [
    path("", dashboard.start, name="start"),
    path("", include((app_urls, "intkommun"))),
    path("styrdokument/", include("strategies.urls")),
    path("konto/logga-in/", sso.LoginView.as_view(), name="login"),
    # Single sign-on (intkommun/sso.py): 404 unless configured. The callback is the
    # redirect URI registered with the kommun's identity provider.
    path(
        "konto/oidc/logga-in/",
        sso.SSOStartView.as_view(),
        name="oidc_authentication_init",
    ),
    path(
        "konto/oidc/callback/",
        sso.SSOCallbackView.as_view(),
        name="oidc_authentication_callback",
    ),
    # After an SSO login, logging out goes on to the provider (intkommun/sso.py).
    path("konto/logga-ut/", sso.LogoutView.as_view(), name="logout"),
    path(
        "konto/losenord/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "konto/losenord/klart/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    # The link of an invitation e-mail (intkommun/people/services.py): choose a
    # password. Public, like the login page; the signed token is the permission.
    path(
        "konto/valj-losenord/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            post_reset_login=False,
            success_url=reverse_lazy("password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "konto/valj-losenord/klart/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("atgarder/", include("actions.urls")),
    path("uppfoljning/", include("reports.urls")),
    path("projekt/", include("projects.urls")),
    path("api-nycklar/", include("api.urls")),
    path("api/v1/", api_v1.urls),
    # No login: a kommun's public pages, when its coordinator publishes them.
    path("offentligt/", include("public.urls")),
    path("robots.txt", public.robots_txt, name="robots_txt"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
