"""What the API answers: one schema per kind of object. Amounts are decimals
(JSON strings, so that no öre is lost); dates are ISO 8601."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from ninja import Field, Schema

from actions.status_scale import scale_for
from intkommun import permissions


class OrganisationRef(Schema):
    id: int
    name: str


class LicenceOut(Schema):
    id: str = Field(..., description="SPDX identifier, e.g. `CC0-1.0`.")
    name: str
    url: str


def licence_of(principal: Any) -> dict | None:
    """The kommun's open-data licence when the answer is open data (no token);
    a token's answer is the kommun's register, not open data: null."""
    if not isinstance(principal, permissions.PublicVisitor):
        return None
    licence = principal.kommun.licence
    return {"id": licence.id, "name": licence.name, "url": licence.url}


def source_of(principal: Any) -> dict:
    """The kommun whose register the answer comes from."""
    kommun = principal.kommun
    return {"id": kommun.pk, "name": kommun.name}


LICENCE_HELP = (
    "The kommun's licence of its open data (answers without a token); null with "
    "a token, whose answers are not open data."
)
SOURCE_HELP = "The kommun whose register this is."


class Sourced(Schema):
    """Whose data an object is, and on what terms: added to every single object."""

    licence: LicenceOut | None = Field(None, description=LICENCE_HELP)
    source: OrganisationRef = Field(..., description=SOURCE_HELP)

    @staticmethod
    def resolve_licence(obj: Any, context: dict) -> dict | None:
        return licence_of(context["request"].auth)

    @staticmethod
    def resolve_source(obj: Any, context: dict) -> dict:
        return source_of(context["request"].auth)


class GoalOut(Schema):
    id: int
    kind: str
    label: str
    text: str
    parent_id: int | None


class StrategyOut(Schema):
    id: int
    title: str
    document_type: str = Field(..., alias="document_type.name")
    status: str
    status_label: str = Field(..., alias="get_status_display")
    version_text: str
    adopted_by: OrganisationRef | None
    adopted_by_text: str
    adopted_on: datetime.date | None
    adopted_on_precision: str
    diary_number: str
    paragraph: str
    valid_from: datetime.date | None
    valid_until: datetime.date | None
    next_review_on: datetime.date | None
    purpose: str
    implements_id: int | None = Field(..., alias="parent_id")
    replaces_id: int | None
    goals: list[GoalOut]


class ProgressOut(Schema):
    occurred_on: datetime.date
    text: str


class ActionOut(Schema):
    id: int
    plan_id: int
    reference: str
    title: str
    status: str
    status_label: str = Field(..., description="The status in the kommun's terms.")
    timing_text: str
    starts_on: datetime.date | None
    ends_on: datetime.date | None
    is_ongoing: bool
    responsible_text: str
    responsible_organisations: list[OrganisationRef]
    goal_ids: list[int]
    budget: Decimal | None
    latest_progress: ProgressOut | None

    @staticmethod
    def resolve_status_label(action: Any, context: dict) -> str:
        # One kommun per token: its scale is read once per request.
        request = context["request"]
        if not hasattr(request, "status_scale"):
            request.status_scale = scale_for(request.auth.kommun_id)
        return request.status_scale.label(action.status)

    @staticmethod
    def resolve_goal_ids(action: Any) -> list[int]:
        return [goal.pk for goal in action.goals.all()]

    @staticmethod
    def resolve_latest_progress(action: Any) -> dict | None:
        if action.latest_update_on is None:
            return None
        return {
            "occurred_on": action.latest_update_on,
            "text": action.latest_update_text,
        }


class ProjectOut(Schema):
    id: int
    title: str
    acronym: str
    kind: str
    status: str
    status_label: str = Field(..., alias="get_status_display")
    owner: OrganisationRef
    programme: str | None
    starts_on: datetime.date | None
    ends_on: datetime.date | None
    total_budget_sek: Decimal | None
    eu_grant_sek: Decimal | None
    municipality_budget_sek: Decimal | None

    @staticmethod
    def resolve_programme(project: Any) -> str | None:
        return str(project.programme) if project.programme else None


class TownOut(Schema):
    name: str
    country: str = Field(..., description="ISO 3166-1 alpha-2 code.")

    @staticmethod
    def resolve_country(town: Any) -> str:
        return town.country.code


class PartnershipOut(Schema):
    id: int
    name: str
    kind: str
    kind_label: str = Field(..., alias="get_kind_display")
    status: str
    status_label: str = Field(..., alias="get_status_display")
    responsible_organisation: OrganisationRef
    starts_on: datetime.date | None
    starts_on_precision: str
    ends_on: datetime.date | None
    ends_on_precision: str
    via_id: int | None
    towns: list[TownOut]


class FundApplicationOut(Schema):
    id: int
    fund_year: int = Field(..., alias="fund.year")
    applicant: OrganisationRef
    purpose: str
    amount_requested: Decimal
    submitted_on: datetime.date
    status: str
    status_label: str = Field(..., alias="get_status_display")
    decided_on: datetime.date | None
    granted_amount: Decimal | None
    amount_used: Decimal | None
    project_id: int | None


class YearEndReportOut(Schema):
    id: int
    year: int
    status: str
    status_label: str = Field(..., alias="get_status_display")
    diary_number: str
    ks_paragraph: str
    adopted_at: datetime.datetime | None
    page_count: int | None
    pdf_sha256: str | None = Field(
        ..., description="SHA-256 of the adopted PDF; null while it is a draft."
    )

    @staticmethod
    def resolve_pdf_sha256(report: Any) -> str | None:
        # A draft's PDF is its coordinator's until adopted (DESIGN §3).
        return report.sha256 if report.is_adopted and report.sha256 else None


class StrategyDetailOut(StrategyOut, Sourced):
    pass


class ActionDetailOut(ActionOut, Sourced):
    pass


class ProjectDetailOut(ProjectOut, Sourced):
    pass


class PartnershipDetailOut(PartnershipOut, Sourced):
    pass


class FundApplicationDetailOut(FundApplicationOut, Sourced):
    pass


class YearEndReportDetailOut(YearEndReportOut, Sourced):
    pass


class ErrorOut(Schema):
    detail: str


class FilterErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]]
