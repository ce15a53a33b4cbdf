"""The public pages of a kommun that publishes (issue 19): no login, Swedish, cached.

Every view opens with ``permissions.publishing_kommun_or_404`` and fetches only
through ``public_in(kommun)``, so what is public is decided in one place: the
``Access.public`` rules of the models, read by intkommun/permissions.py. The
publishing check runs on every request, so a kommun that stops publishing (or
stops showing names) does so at once; only the rendered content is cached.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models import OuterRef, Prefetch, Subquery
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from actions.models import Action, ActionUpdate
from actions.status_scale import scale_for
from intkommun import permissions
from intkommun.models import Organisation
from projects.models import Partnership, PartnerTown, Project
from public import facts
from reports.models import YearEndReport
from strategies.models import Goal, Strategy

CACHE_SECONDS = 5 * 60
SECTIONS = (
    "public:kommun",
    "public:documents",
    "public:action_plans",
    "public:projects",
    "public:partnerships",
    "public:year_end_list",
)


def _page(
    request: HttpRequest,
    kommun: Organisation,
    template: str,
    context: Callable[[], dict[str, Any]],
) -> HttpResponse:
    """The page in Swedish, rendered at most once per five minutes; the key holds
    whether names are shown and the licence, so that a change takes effect at once."""
    shows_names = permissions.public_shows_names(kommun)
    key = f"public:{request.path}:{shows_names}:{kommun.open_data_licence}"
    html = cache.get(key)
    if html is None:
        with translation.override("sv"):
            frame = {
                "kommun": kommun,
                "last_changed_on": facts.last_changed_on(kommun),
                "is_demonstration": facts.holds_examples(kommun),
            }
            html = render_to_string(template, {**frame, **context()}, request=request)
        cache.set(key, html, CACHE_SECONDS)
    return HttpResponse(html)


@require_safe
def kommun(request: HttpRequest, kommun_pk: int) -> HttpResponse:
    kommun = permissions.publishing_kommun_or_404(kommun_pk)
    return _page(request, kommun, "public/kommun.html", dict)


def _in_force(kommun: Organisation):
    return (
        Strategy.objects.public_in(kommun)
        .in_force()
        .select_related("document_type", "adopted_by")
        .order_by("document_type__order", "title", "pk")
    )


@require_safe
def documents(request: HttpRequest, kommun_pk: int) -> HttpResponse:
    kommun = permissions.publishing_kommun_or_404(kommun_pk)
    goals = Goal.objects.public_in(kommun).order_by("order", "pk")

    def context() -> dict[str, Any]:
        strategies = _in_force(kommun).prefetch_related(Prefetch("goals", goals))
        return {"strategies": strategies}

    return _page(request, kommun, "public/documents.html", context)


@require_safe
def action_plans(request: HttpRequest, kommun_pk: int) -> HttpResponse:
    kommun = permissions.publishing_kommun_or_404(kommun_pk)

    def context() -> dict[str, Any]:
        plans = list(_in_force(kommun).filter(document_type__is_action_plan=True))
        actions = _public_actions(kommun, plans)
        for plan in plans:
            plan.public_actions = [a for a in actions if a.plan_id == plan.pk]
        return {"plans": plans, "shows_names": permissions.public_shows_names(kommun)}

    return _page(request, kommun, "public/action_plans.html", context)


def _public_actions(kommun: Organisation, plans: list[Strategy]) -> list[Action]:
    """The plans' actions, each with its status in the kommun's words and its
    latest progress entry (with who wrote it only when names are shown)."""
    latest = ActionUpdate.objects.public_in(kommun).filter(action=OuterRef("pk"))
    latest = latest.order_by("-occurred_on", "-created_at")
    actions = list(
        Action.objects.public_in(kommun)
        .filter(plan__in=plans)
        .with_latest_update()
        .annotate(latest_author_id=Subquery(latest.values("author")[:1]))
        .order_by("plan", "position", "pk")
    )
    scale = scale_for(kommun)
    authors = {}
    if permissions.public_shows_names(kommun):
        ids = {action.latest_author_id for action in actions}
        authors = get_user_model().objects.in_bulk(ids - {None})
    for action in actions:
        action.status_label = scale.label(action.status)
        author = authors.get(action.latest_author_id)
        action.latest_author = author.get_full_name() if author else ""
    return actions


@require_safe
def projects(request: HttpRequest, kommun_pk: int) -> HttpResponse:
    kommun = permissions.publishing_kommun_or_404(kommun_pk)

    def context() -> dict[str, Any]:
        projects = (
            Project.objects.public_in(kommun)
            .filter(kind=Project.Kind.EU_PROJECT)
            .select_related("programme", "owner")
            .order_by("-starts_on", "title", "pk")
        )
        return {
            "projects": projects,
            "shows_names": permissions.public_shows_names(kommun),
        }

    return _page(request, kommun, "public/projects.html", context)


@require_safe
def partnerships(request: HttpRequest, kommun_pk: int) -> HttpResponse:
    kommun = permissions.publishing_kommun_or_404(kommun_pk)
    towns = PartnerTown.objects.public_in(kommun).order_by("pk")

    def context() -> dict[str, Any]:
        partnerships = (
            Partnership.objects.public_in(kommun)
            .select_related("responsible_organisation")
            .prefetch_related(Prefetch("towns", towns))
            .order_by("kind", "name", "pk")
        )
        return {"partnerships": partnerships}

    return _page(request, kommun, "public/partnerships.html", context)


@require_safe
def year_end_reports(request: HttpRequest, kommun_pk: int) -> HttpResponse:
    kommun = permissions.publishing_kommun_or_404(kommun_pk)

    def context() -> dict[str, Any]:
        reports = (
            YearEndReport.objects.public_in(kommun)
            .defer("document_html")
            .order_by("-year")
        )
        return {"reports": reports}

    return _page(request, kommun, "public/year_end_list.html", context)


@require_safe
def year_end_download(request: HttpRequest, kommun_pk: int, year: int) -> HttpResponse:
    """The adopted PDF, byte for byte as adopted; a draft does not exist here."""
    kommun = permissions.publishing_kommun_or_404(kommun_pk)
    report = get_object_or_404(YearEndReport.objects.public_in(kommun), year=year)
    response = FileResponse(
        report.file.open("rb"),
        as_attachment=True,
        filename=f"ks-rapport-{kommun.pk}-{report.year}.pdf",
        content_type="application/pdf",
    )
    response["ETag"] = f'"{report.sha256}"'
    return response


@require_safe
@cache_control(public=True, max_age=24 * 60 * 60)
def robots_txt(request: HttpRequest) -> HttpResponse:
    """For search engines: the public pages may be indexed, the staff app (behind
    its login anyway) not; the sitemap lists the pages of every publishing kommun."""
    sitemap_url = request.build_absolute_uri(reverse("public:sitemap"))
    lines = [
        "User-agent: *",
        "Allow: /offentligt/",  # where intkommun/urls.py includes public.urls
        # The public pages' stylesheets, so they are seen as people see them.
        f"Allow: {settings.STATIC_URL}",
        "Disallow: /",
        "",
        f"Sitemap: {sitemap_url}",
    ]
    return HttpResponse(
        "\n".join(lines) + "\n", content_type="text/plain; charset=utf-8"
    )


@require_safe
def sitemap(request: HttpRequest) -> HttpResponse:
    """Every public page of every kommun that publishes, for search engines."""
    kommuner = permissions.publishing_kommuner().order_by("pk")
    urls = [
        request.build_absolute_uri(reverse(name, args=[kommun.pk]))
        for kommun in kommuner
        for name in SECTIONS
    ]
    xml = render_to_string("public/sitemap.xml", {"urls": urls})
    return HttpResponse(xml, content_type="application/xml")
