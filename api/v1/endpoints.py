"""The read-only endpoints: a paged list and one object of each kind.

Every query starts from the model's ``visible_to(request.auth)``: the reader the
token stands for, who sees what a reader of the token's kommun sees on the pages,
or, on the endpoints open to ``TOKEN_OR_OPEN_DATA``, anyone reading a publishing
kommun's open data, who sees what its public pages show (api/auth.py). The
filters are the lists' own FilterSets.
"""

# No ``from __future__ import annotations``: ninja reads the parameters' types
# (``Query[...]``) from the signatures at import time.

from types import SimpleNamespace
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from actions.filters import ActionFilter
from actions.models import Action
from api.auth import TOKEN, TOKEN_OR_OPEN_DATA
from api.v1 import schemas
from api.v1.pagination import SourcedPagination
from intkommun import permissions
from projects.filters import FundApplicationFilter, PartnershipFilter, ProjectFilter
from projects.models import FundApplication, Partnership, Project
from reports.models import YearEndReport
from strategies.filters import StrategyFilter
from strategies.models import Strategy

router = Router()


class FilterError(Exception):
    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__(_("The filters are not valid."))
        self.errors = errors


class Filters(Schema):
    q: str | None = None
    status: str | None = None
    year: int | None = None


class OrganisationFilters(Filters):
    organisation: int | None = None


def filtered(
    filterset_class: Any,
    queryset: QuerySet,
    request: Any,
    filters: Schema,
    organisation: str = "organisation",
) -> QuerySet:
    """``queryset`` filtered as the list filters it; invalid values are a 400.
    ``organisation`` names the list's filter the API's ``organisation`` means."""
    data = {
        (organisation if name == "organisation" else name): value
        for name, value in filters.dict().items()
        if value not in (None, "")
    }
    user = SimpleNamespace(user=request.auth)
    filterset = filterset_class(data, queryset=queryset, request=user)
    if not filterset.is_valid():
        raise FilterError({k: [str(e) for e in v] for k, v in filterset.errors.items()})
    return filterset.qs


def visible(request: Any, queryset: QuerySet, pk: int) -> Any:
    return permissions.get_visible_or_404(request.auth, queryset, pk=pk)


# -- governing documents -----------------------------------------------------


def strategies(request: Any) -> QuerySet:
    return (
        Strategy.objects.visible_to(request.auth)
        .with_status()
        .select_related("document_type", "adopted_by")
        .prefetch_related("goals")
    )


@router.get(
    "/strategies/",
    response=list[schemas.StrategyOut],
    tags=["strategies"],
    auth=TOKEN_OR_OPEN_DATA,
)
@paginate(SourcedPagination)
def strategy_list(request: Any, filters: Query[OrganisationFilters]) -> QuerySet:
    """Governing documents with their goals. ``organisation``: documents that
    apply to it; ``year``: valid during the year."""
    found = filtered(StrategyFilter, strategies(request), request, filters)
    return found.order_by("title", "pk")


@router.get(
    "/strategies/{int:pk}/",
    response=schemas.StrategyDetailOut,
    tags=["strategies"],
    auth=TOKEN_OR_OPEN_DATA,
)
def strategy_detail(request: Any, pk: int) -> Strategy:
    return visible(request, strategies(request), pk)


# -- actions -----------------------------------------------------------------


class ActionFilters(OrganisationFilters):
    plan: int | None = None


def actions(request: Any) -> QuerySet:
    return (
        Action.objects.visible_to(request.auth)
        .with_latest_update()
        .select_related("plan")
        .prefetch_related("responsible_organisations", "goals")
    )


@router.get(
    "/actions/",
    response=list[schemas.ActionOut],
    tags=["actions"],
    auth=TOKEN_OR_OPEN_DATA,
)
@paginate(SourcedPagination)
def action_list(request: Any, filters: Query[ActionFilters]) -> QuerySet:
    """Actions of the action plans, with their latest progress. ``organisation``:
    responsible organisation; ``year``: active during the year."""
    found = filtered(ActionFilter, actions(request), request, filters, "responsible")
    return found.order_by("plan", "position", "pk")


@router.get(
    "/actions/{int:pk}/",
    response=schemas.ActionDetailOut,
    tags=["actions"],
    auth=TOKEN_OR_OPEN_DATA,
)
def action_detail(request: Any, pk: int) -> Action:
    return visible(request, actions(request), pk)


# -- projects ----------------------------------------------------------------


def projects(request: Any) -> QuerySet:
    return Project.objects.visible_to(request.auth).select_related("owner", "programme")


@router.get(
    "/projects/",
    response=list[schemas.ProjectOut],
    tags=["projects"],
    auth=TOKEN_OR_OPEN_DATA,
)
@paginate(SourcedPagination)
def project_list(request: Any, filters: Query[OrganisationFilters]) -> QuerySet:
    """EU and other projects. ``organisation``: owner; ``year``: running in it."""
    found = filtered(ProjectFilter, projects(request), request, filters, "owner")
    return found.order_by("title", "pk")


@router.get(
    "/projects/{int:pk}/",
    response=schemas.ProjectDetailOut,
    tags=["projects"],
    auth=TOKEN_OR_OPEN_DATA,
)
def project_detail(request: Any, pk: int) -> Project:
    return visible(request, projects(request), pk)


# -- partnerships ------------------------------------------------------------


def partnerships(request: Any) -> QuerySet:
    return (
        Partnership.objects.visible_to(request.auth)
        .select_related("responsible_organisation")
        .prefetch_related("towns")
    )


@router.get(
    "/partnerships/",
    response=list[schemas.PartnershipOut],
    tags=["partnerships"],
    auth=TOKEN_OR_OPEN_DATA,
)
@paginate(SourcedPagination)
def partnership_list(request: Any, filters: Query[OrganisationFilters]) -> QuerySet:
    """Twin towns, networks and other partnerships. ``organisation``:
    responsible organisation; ``year``: the partnership ran during it."""
    found = filtered(
        PartnershipFilter, partnerships(request), request, filters, "responsible"
    )
    return found.order_by("name", "pk")


@router.get(
    "/partnerships/{int:pk}/",
    response=schemas.PartnershipDetailOut,
    tags=["partnerships"],
    auth=TOKEN_OR_OPEN_DATA,
)
def partnership_detail(request: Any, pk: int) -> Partnership:
    return visible(request, partnerships(request), pk)


# -- fund applications -------------------------------------------------------


def fund_applications(request: Any) -> QuerySet:
    return FundApplication.objects.visible_to(request.auth).select_related(
        "fund", "applicant"
    )


@router.get(
    "/fund-applications/",
    response=list[schemas.FundApplicationOut],
    tags=["fund applications"],
    auth=TOKEN,
)
@paginate(SourcedPagination)
def fund_application_list(request: Any, filters: Query[Filters]) -> QuerySet:
    """Applications to the kommun's international fund. ``year``: the fund's."""
    found = filtered(
        FundApplicationFilter, fund_applications(request), request, filters
    )
    return found.order_by("-submitted_on", "pk")


@router.get(
    "/fund-applications/{int:pk}/",
    response=schemas.FundApplicationDetailOut,
    tags=["fund applications"],
    auth=TOKEN,
)
def fund_application_detail(request: Any, pk: int) -> FundApplication:
    return visible(request, fund_applications(request), pk)


# -- KS year-end reports -----------------------------------------------------


class YearEndFilters(Schema):
    year: int | None = None
    status: YearEndReport.Status | None = None


@router.get(
    "/year-end-reports/",
    response=list[schemas.YearEndReportOut],
    tags=["year-end reports"],
    auth=TOKEN_OR_OPEN_DATA,
)
@paginate(SourcedPagination)
def year_end_report_list(request: Any, filters: Query[YearEndFilters]) -> QuerySet:
    """The kommun's reports to the executive board (KS), newest year first."""
    found = YearEndReport.objects.visible_to(request.auth).defer("document_html")
    for name, value in filters.dict().items():
        if value is not None:
            found = found.filter(**{name: value})
    return found.order_by("-year", "pk")


@router.get(
    "/year-end-reports/{int:pk}/",
    response=schemas.YearEndReportDetailOut,
    tags=["year-end reports"],
    auth=TOKEN_OR_OPEN_DATA,
)
def year_end_report_detail(request: Any, pk: int) -> YearEndReport:
    return visible(request, YearEndReport.objects.all(), pk)
