"""What the global search finds among projects and partnerships."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from intkommun.search import SearchProvider
from projects.models import Partnership, Project


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
