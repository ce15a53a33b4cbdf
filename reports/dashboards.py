"""What each role's start page shows (DESIGN §1): a summary of everything below.

One function per role builds that role's dashboard for one kommun. Each does a
fixed number of queries whatever the amount of data, and uses the same key-figure
functions as the KS report, so the start page and the report always agree.

The coordinator's lists (``CoordinatorLists``: overdue, due soon, latest progress,
open follow-up, applications, documents due for review) are the same for every
coordinator of the kommun, who sees all of it. The page keeps them rendered in the
shared cache under ``lists_version`` and gathers them only when that changes: a
change to anything they show, a new day, another language or a new release.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.db.models import Count, F, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from actions.models import CLOSED_STATUSES, Action, ActionUpdate
from actions.status_scale import STANDARD, StatusScale, scale_for
from intkommun import permissions
from intkommun.formatting import format_money
from intkommun.models import Membership, Organisation
from intkommun.release import code_version
from projects import key_figures, key_figures_cache
from projects.models import FundApplication, Project
from projects.models import Status as ProjectStatus
from reports import charts
from reports.first_steps import Step, first_steps
from reports.models import AnnualReport, FollowUpRound, YearEndReport
from reports.year_end.preview_cache import data_version
from strategies.models import Strategy

DUE_SOON_DAYS = 30
FUNDING_YEARS_SHOWN = 5
LIST_LENGTH = 8
LATEST_UPDATES = 5
LATEST_YEAR_END_REPORTS = 5
# Submitted reports listed per open round on the coordinator's start page; the
# round's page lists them all.
REPORTS_TO_REVIEW_SHOWN = 10
# How long the coordinator's rendered lists are kept: a day, which is part of
# their version anyway.
LISTS_TIMEOUT = 24 * 60 * 60
CURRENT_PROJECT_STATUSES = (
    ProjectStatus.IDEA,
    ProjectStatus.PREPARING,
    ProjectStatus.SUBMITTED,
    ProjectStatus.GRANTED,
    ProjectStatus.ONGOING,
)


@dataclass
class ShortList:
    """The first few of a list, and how many there are in all."""

    items: list[Any]
    total: int

    @classmethod
    def of(cls, queryset: QuerySet, length: int = LIST_LENGTH) -> ShortList:
        """The first ``length`` rows and the number of all, in one query: each row
        carries the count of the whole selection (a window over no partition);
        an empty list has none."""
        rows = list(queryset.annotate(short_list_total=Window(Count("pk")))[:length])
        return cls(rows, rows[0].short_list_total if rows else 0)

    @property
    def has_more(self) -> bool:
        return self.total > len(self.items)


@dataclass
class RoundStatus:
    round: FollowUpRound
    # The submitted reports that wait for the coordinator's review, the longest
    # waiting first, at most REPORTS_TO_REVIEW_SHOWN of them.
    to_review: list[AnnualReport] = field(default_factory=list)
    # How many reports have each status, counted in the database.
    counted: dict[str, int] = field(default_factory=dict)

    @property
    def counts(self) -> list[tuple[str, str, int]]:
        """(status, label, count) for every status, in the order of the workflow."""
        return [
            (status, label, self.counted.get(status, 0))
            for status, label in AnnualReport.Status.choices
        ]

    @property
    def total(self) -> int:
        return sum(self.counted.values())

    @property
    def waiting_for_review(self) -> int:
        return self.counted.get(AnnualReport.Status.SUBMITTED, 0)


@dataclass
class MyReport:
    report: AnnualReport
    days_left: int

    @property
    def days_late(self) -> int:
        return -self.days_left


@dataclass
class Dashboard:
    kommun: Organisation
    role: str
    role_label: str
    year: int
    today: datetime.date
    memberships: list[Membership] = field(default_factory=list)
    figures: key_figures.KeyFigures | None = None
    funding_chart: charts.BarChart | None = None
    funding_years: list[tuple[int, Any]] = field(default_factory=list)
    # The coordinator's lists, read when shown, and what their rendering depends on.
    lists: CoordinatorLists | None = None
    lists_version: str = ""
    lists_timeout: int = LISTS_TIMEOUT
    my_actions: ShortList | None = None
    my_reports: list[MyReport] = field(default_factory=list)
    my_projects: ShortList | None = None
    year_end_reports: list[YearEndReport] = field(default_factory=list)
    # The kommun's words for the statuses of its actions.
    status_scale: StatusScale = STANDARD
    # A new kommun's first steps, until all are done (`reports.first_steps`).
    first_steps: list[Step] = field(default_factory=list)


def dashboards(user: Any, today: datetime.date | None = None) -> list[Dashboard]:
    """One dashboard per kommun the user belongs to, for the user's strongest role
    there: coordinator, else reporter, else reader."""
    today = today or timezone.localdate()
    by_kommun: dict[int, list[Membership]] = {}
    for membership in permissions.memberships(user):
        by_kommun.setdefault(membership.organisation.kommun_id, []).append(membership)
    boards = []
    for memberships in by_kommun.values():
        kommun = memberships[0].organisation.kommun
        roles = {membership.role for membership in memberships}
        if permissions.is_coordinator(user, kommun):
            board = coordinator_dashboard(user, kommun, today)
        elif Membership.Role.REPORTER in roles:
            board = reporter_dashboard(user, kommun, today)
        else:
            board = reader_dashboard(user, kommun, today)
        board.memberships = memberships
        boards.append(board)
    return sorted(boards, key=lambda board: board.kommun.name)


def _board(kommun: Organisation, role: str, today: datetime.date) -> Dashboard:
    return Dashboard(
        kommun=kommun,
        role=role,
        role_label=str(Membership.Role(role).label),
        year=today.year,
        today=today,
        status_scale=scale_for(kommun),
    )


def coordinator_dashboard(
    user: Any, kommun: Organisation, today: datetime.date
) -> Dashboard:
    board = _board(kommun, Membership.Role.COORDINATOR, today)
    steps = first_steps(kommun)
    board.first_steps = [] if all(step.is_done for step in steps) else steps
    board.funding_years, board.funding_chart, board.figures = cached_figures(
        kommun, today.year
    )
    board.lists = CoordinatorLists(user, kommun, today)
    board.lists_version = lists_version(kommun, today)
    return board


class CoordinatorLists:
    """The coordinator's lists of the kommun, each read from the database the first
    time the page asks for it: a page whose lists come from the cache reads none."""

    def __init__(self, user: Any, kommun: Organisation, today: datetime.date) -> None:
        self.user = user
        self.kommun = kommun
        self.today = today

    @cached_property
    def overdue(self) -> ShortList:
        actions = kommun_actions(self.user, self.kommun).overdue(self.today)
        return ShortList.of(actions.order_by("ends_on", "pk"))

    @cached_property
    def due_soon(self) -> ShortList:
        return ShortList.of(
            due_soon(kommun_actions(self.user, self.kommun), self.today)
        )

    @cached_property
    def latest_updates(self) -> list[ActionUpdate]:
        return latest_updates(self.user, self.kommun)

    @cached_property
    def rounds(self) -> list[RoundStatus]:
        return open_rounds(self.user, self.kommun)

    @cached_property
    def fund_applications(self) -> ShortList:
        return ShortList.of(
            FundApplication.objects.visible_to(self.user)
            .filter(fund__kommun=self.kommun, status=FundApplication.Status.SUBMITTED)
            .select_related("fund", "applicant")
            .order_by("submitted_on", "pk")
        )

    @cached_property
    def project_applications(self) -> ShortList:
        return ShortList.of(
            Project.objects.visible_to(self.user)
            .filter(owner__kommun=self.kommun, status=ProjectStatus.SUBMITTED)
            .select_related("owner", "programme")
            .order_by("submitted_on", "pk")
        )

    @cached_property
    def due_for_review(self) -> ShortList:
        return ShortList.of(
            Strategy.objects.visible_to(self.user)
            .filter(kommun=self.kommun)
            .due_for_review(self.today)
            .select_related("document_type")
            .order_by("next_review_on", "title")
        )


def lists_version(kommun: Organisation, today: datetime.date) -> str:
    """Everything the coordinator's rendered lists depend on: the kommun's data
    version (``preview_cache.data_version``, which changes with every edit of what
    the KS report shows: the actions, their progress, rounds and reports,
    applications, projects, documents, the people and organisations named), the
    day (what is overdue), the language and the release."""
    return ":".join(
        (
            str(kommun.pk),
            today.isoformat(),
            get_language(),
            data_version(kommun.pk),
            code_version(),
        )
    )


def reporter_dashboard(
    user: Any, kommun: Organisation, today: datetime.date
) -> Dashboard:
    board = _board(kommun, Membership.Role.REPORTER, today)
    own = reporting_organisation_ids(user, kommun)
    mine = Action.objects.filter(responsible_organisations__in=own).values("pk")
    board.my_actions = ShortList.of(
        kommun_actions(user, kommun)
        .filter(pk__in=mine)
        .exclude(status__in=CLOSED_STATUSES)
        .with_latest_update()
        .order_by("ends_on", "pk")
    )
    board.my_reports = [
        MyReport(report, report.round.days_left(today))
        for report in my_open_reports(user, kommun)
    ]
    board.my_projects = ShortList.of(
        Project.objects.visible_to(user)
        .filter(owner__in=own, status__in=CURRENT_PROJECT_STATUSES)
        .select_related("owner")
        .order_by("-starts_on", "title")
    )
    return board


def reader_dashboard(
    user: Any, kommun: Organisation, today: datetime.date
) -> Dashboard:
    board = _board(kommun, Membership.Role.READER, today)
    _years, _chart, board.figures = cached_figures(kommun, today.year)
    board.year_end_reports = list(
        YearEndReport.objects.visible_to(user)
        .filter(kommun=kommun, status=YearEndReport.Status.ADOPTED)
        .defer("document_html")  # the links need no stored document
        .order_by("-year")[:LATEST_YEAR_END_REPORTS]
    )
    return board


# --- the parts -------------------------------------------------------------------


def kommun_actions(user: Any, kommun: Organisation) -> QuerySet:
    """The kommun's actions the user may see, with only what the start page's
    lists show (title, status, end date, link): not the descriptions and search
    columns of every action and its plan."""
    return (
        Action.objects.visible_to(user)
        .filter(plan__kommun=kommun)
        .only("title", "status", "ends_on", "removed_at")
    )


def due_soon(actions: QuerySet, today: datetime.date) -> QuerySet:
    """Open actions whose end date falls within the coming 30 days."""
    return (
        actions.filter(
            ends_on__gte=today, ends_on__lte=today + datetime.timedelta(DUE_SOON_DAYS)
        )
        .exclude(status__in=CLOSED_STATUSES)
        .order_by("ends_on", "pk")
    )


def latest_updates(user: Any, kommun: Organisation) -> list[ActionUpdate]:
    return list(
        ActionUpdate.objects.visible_to(user)
        .filter(action__plan__kommun=kommun)
        .select_related("action", "author")
        # Only what the page shows: the database sorts every entry of the
        # kommun, and the actions' descriptions made that sort slow.
        .only(
            "action__title",
            "author__first_name",
            "author__last_name",
            "author__username",
            "occurred_on",
            "text",
            "new_status",
            "participants",
            "created_at",
        )
        .order_by("-created_at", "-pk")[:LATEST_UPDATES]
    )


def open_rounds(user: Any, kommun: Organisation) -> list[RoundStatus]:
    """Each open follow-up round with the number of reports in each status and
    the first few submitted reports waiting for review (three queries, whatever
    the number of organisations). A report's name, status and link are all the
    page shows: its texts and frozen facts are not loaded."""
    rounds = list(
        FollowUpRound.objects.visible_to(user)
        .open()
        .filter(kommun=kommun)
        .order_by("-year")
    )
    reports = AnnualReport.objects.visible_to(user).filter(round__in=rounds)
    by_round: dict[int, RoundStatus] = {r.pk: RoundStatus(r) for r in rounds}
    for row in reports.values("round", "status").annotate(count=Count("pk")):
        by_round[row["round"]].counted[row["status"]] = row["count"]
    waiting = (
        reports.filter(status=AnnualReport.Status.SUBMITTED)
        .annotate(
            place=Window(
                RowNumber(),
                partition_by=[F("round")],
                order_by=[F("submitted_at").asc(nulls_first=True), F("pk").asc()],
            )
        )
        .filter(place__lte=REPORTS_TO_REVIEW_SHOWN)
        .select_related("organisation")
        .only("round_id", "status", "submitted_at", "organisation__name")
        .order_by("round", "place")
    )
    for report in waiting:
        by_round[report.round_id].to_review.append(report)
    return list(by_round.values())


def cached_figures(
    kommun: Organisation, year: int
) -> tuple[list[tuple[int, Any]], charts.BarChart, key_figures.KeyFigures]:
    """External funding granted in each of the last five years, its chart, and the
    year's key figures; the numbers from the shared cache while nothing they read
    has changed (`projects.key_figures_cache`: two cache reads), the chart's texts
    in the language of the request."""
    years = list(range(year - FUNDING_YEARS_SHOWN + 1, year + 1))
    numbers = key_figures_cache.cached(
        kommun.pk,
        {
            f"funding-{years[0]}-{year}": lambda: (
                key_figures.external_funding_granted_sek_by_year(kommun, years)
            ),
            **key_figures_cache.figures_computations(kommun, [year]),
        },
    )
    rows = list(numbers[f"funding-{years[0]}-{year}"].items())
    return rows, funding_chart(rows), numbers[f"figures-{year}"]


def funding_chart(rows: list[tuple[int, Any]]) -> charts.BarChart:
    return charts.bar_chart(
        _("External funding granted (SEK)"),
        [(str(shown), amount) for shown, amount in rows],
        [format_money(amount) for _shown, amount in rows],
    )


def reporting_organisation_ids(user: Any, kommun: Organisation) -> set[int]:
    """The organisations (with their subtrees) the user reports for in the kommun."""
    roots = [
        membership.organisation
        for membership in permissions.memberships(user)
        if membership.role == Membership.Role.REPORTER
        and membership.organisation.kommun_id == kommun.pk
    ]
    return permissions.subtree_ids(roots)


def my_open_reports(
    user: Any, kommun: Organisation | None = None
) -> list[AnnualReport]:
    """Reports in open rounds of the organisations the user reports for or reads
    (a coordinator's whole kommun is the round overview instead)."""
    roots = [
        m.organisation
        for m in permissions.memberships(user)
        if m.role != Membership.Role.COORDINATOR
        and (kommun is None or m.organisation.kommun_id == kommun.pk)
    ]
    if not roots:  # a coordinator only: no query needed to know there are none
        return []
    reports = (
        AnnualReport.objects.visible_to(user)
        .in_open_rounds()
        .of_organisations(permissions.subtree_ids(roots))
        .select_related("round", "round__kommun", "organisation", "contact_person")
        .order_by("round__deadline", "organisation__name")
    )
    return list(reports)
