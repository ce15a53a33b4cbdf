"""Pages of a list, with whose data they are and on what terms (issue 19)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

from api.v1.schemas import (
    LICENCE_HELP,
    SOURCE_HELP,
    LicenceOut,
    OrganisationRef,
    licence_of,
    source_of,
)


class SourcedPagination(LimitOffsetPagination):
    """``limit`` and ``offset``; the page says its total, its licence and source."""

    class Output(Schema):
        items: list[Any]
        count: int
        licence: LicenceOut | None = Field(None, description=LICENCE_HELP)
        source: OrganisationRef = Field(..., description=SOURCE_HELP)

    def paginate_queryset(
        self, queryset: QuerySet, pagination: Any, request: HttpRequest, **params: Any
    ) -> dict[str, Any]:
        page = super().paginate_queryset(queryset, pagination, request, **params)
        page["licence"] = licence_of(request.auth)
        page["source"] = source_of(request.auth)
        return page
