"""What the global search finds among projects, their partners, partnerships and
their activities, and fund applications."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from intkommun.formatting import format_long_date
from intkommun.search import SearchProvider
from projects.models import (
    FundApplication,
    Partnership,
    PartnershipActivity,
    PartnerTown,
    Project,
    ProjectPartner,
)


def describe_project(project: Project) -> str:
    parts = [project.get_kind_display(), project.get_status_display()]
    if project.acronym:
        parts.insert(0, project.acronym)
    return " · ".join(parts)


def describe_partnership(partnership: Partnership) -> str:
    return " · ".join(
        part for part in (partnership.get_kind_display(), partnership.place) if part
    )


PROJECTS = SearchProvider(
    key="projects",
    label=_("Projects"),
    order=20,
    queryset=lambda user: Project.objects.visible_to(user),
    title_field="title",
    text_fields=("acronym", "description", "results", "call", "reference_number"),
    describe=describe_project,
)

PARTNERSHIPS = SearchProvider(
    key="partnerships",
    label=_("Partnerships"),
    order=50,
    queryset=lambda user: Partnership.objects.visible_to(user),
    title_field="name",
    text_fields=("description",),
    describe=describe_partnership,
)


def describe_partner(partner: ProjectPartner) -> str:
    place = ", ".join(part for part in (partner.city, partner.country.name) if part)
    return " · ".join(part for part in (place, str(partner.project)) if part)


def describe_activity(activity: PartnershipActivity) -> str:
    return " · ".join(
        (activity.get_kind_display(), activity.occurred_text, str(activity.partnership))
    )


def describe_application(application: FundApplication) -> str:
    return " · ".join(
        (
            str(application.applicant),
            application.get_status_display(),
            format_long_date(application.submitted_on),
        )
    )


PARTNERS = SearchProvider(
    key="partners",
    label=_("Project partners"),
    order=25,
    queryset=lambda user: ProjectPartner.objects.visible_to(user).select_related(
        "project"
    ),
    title_field="name",
    text_fields=("city",),
    describe=describe_partner,
)

ACTIVITIES = SearchProvider(
    key="activities",
    label=_("Partnership activities"),
    order=55,
    queryset=lambda user: PartnershipActivity.objects.visible_to(user).select_related(
        "partnership"
    ),
    title_field="purpose",
    text_fields=("participants_text",),
    describe=describe_activity,
)

APPLICATIONS = SearchProvider(
    key="fund_applications",
    label=_("Fund applications"),
    order=60,
    queryset=lambda user: FundApplication.objects.visible_to(user).select_related(
        "applicant"
    ),
    title_field="purpose",
    text_fields=("decision_comment",),
    describe=describe_application,
)

TOWNS = SearchProvider(
    key="partner_towns",
    label=_("Twin towns and partner towns"),
    order=52,
    queryset=lambda user: PartnerTown.objects.visible_to(user).select_related(
        "partnership"
    ),
    title_field="name",
    describe=lambda town: str(town.partnership),
)
