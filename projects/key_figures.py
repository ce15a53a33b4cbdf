"""Key figures computed from the registry, never typed (DESIGN §2.2, §4.4).

One small function per figure, each taking (kommun, year) and doing a fixed number
of queries, whatever the amount of data: the sums are made in the database. The
start page and the KS report use the same functions, so they always agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, Sum

from actions.models import ActionUpdate
from intkommun.models import Organisation
from projects.models import (
    GRANTED_STATUSES,
    Partnership,
    PartnershipActivity,
    Project,
    Status,
)
from projects.models.money import round_money
from projects.models.projects import MONEY_OUTPUT, sek

ONE_DECIMAL = Decimal("0.1")


def external_funding_granted_sek(kommun: Organisation, year: int) -> Decimal:
    """External money granted in the year, in SEK (one query).

    The grant plus the other co-financing of the municipality's share of every
    project whose funder decided in the year to grant it, each converted at its
    own exchange rate. The municipality's own co-financing is not external.
    """
    total = (
        Project.objects.in_kommun(kommun)
        .granted_in_year(year)
        .aggregate(
            total=Sum(
                sek("eu_grant") + sek("other_cofinancing"), output_field=MONEY_OUTPUT
            )
        )["total"]
    )
    return round_money(Decimal(total or 0))


def external_funding_per_inhabitant(kommun: Organisation, year: int) -> Decimal | None:
    """External funding granted in the year per inhabitant, in SEK (one query);
    None while the kommun's population is not known."""
    if not kommun.population:
        return None
    return round_money(external_funding_granted_sek(kommun, year) / kommun.population)


def active_eu_projects(kommun: Organisation, year: int) -> int:
    """EU projects that were granted and ran during some part of the year (one query)."""
    return (
        Project.objects.in_kommun(kommun)
        .filter(kind=Project.Kind.EU_PROJECT)
        .running_in_year(year)
        .count()
    )


@dataclass(frozen=True)
class ApplicationFigures:
    submitted: int
    granted: int
    rejected: int

    @property
    def decided(self) -> int:
        return self.granted + self.rejected

    @property
    def success_rate(self) -> Decimal | None:
        """Granted as a percentage of the applications decided in the year."""
        if not self.decided:
            return None
        rate = Decimal(self.granted * 100) / Decimal(self.decided)
        return rate.quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def _application_counts(year: int) -> dict[str, Count]:
    decided_in_year = Q(decision_on__year=year)
    return {
        "submitted": Count("pk", filter=Q(submitted_on__year=year)),
        "granted": Count("pk", filter=decided_in_year & Q(status__in=GRANTED_STATUSES)),
        "rejected": Count("pk", filter=decided_in_year & Q(status=Status.REJECTED)),
    }


def applications(kommun: Organisation, year: int) -> ApplicationFigures:
    """Applications for external funding (one query): submitted in the year, and
    granted or rejected by a decision in the year."""
    counts = Project.objects.in_kommun(kommun).aggregate(**_application_counts(year))
    return ApplicationFigures(**counts)


def applications_by_organisation(
    kommun: Organisation, year: int
) -> list[tuple[Organisation, ApplicationFigures]]:
    """The same figures for each owner organisation with any of them (two queries)."""
    rows = (
        Project.objects.in_kommun(kommun)
        .values("owner")
        .annotate(**_application_counts(year))
        .filter(Q(submitted__gt=0) | Q(granted__gt=0) | Q(rejected__gt=0))
        .order_by()
    )
    figures = {
        row["owner"]: ApplicationFigures(
            submitted=row["submitted"], granted=row["granted"], rejected=row["rejected"]
        )
        for row in rows
    }
    owners = Organisation.objects.filter(pk__in=figures).order_by("name")
    return [(owner, figures[owner.pk]) for owner in owners]


@dataclass(frozen=True)
class ActivePartnerships:
    twin_towns: int
    networks: int


def active_partnerships(kommun: Organisation, year: int) -> ActivePartnerships:
    """Twin towns and networks that were actually active in the year (one query):
    those with at least one visit, delegation, meeting or exchange logged in it."""
    counts = (
        Partnership.objects.in_kommun(kommun)
        .filter(activities__occurred_on__year=year)
        .aggregate(
            twin_towns=Count(
                "pk", filter=Q(kind=Partnership.Kind.TWIN_TOWN), distinct=True
            ),
            networks=Count(
                "pk", filter=Q(kind=Partnership.Kind.NETWORK), distinct=True
            ),
        )
    )
    return ActivePartnerships(**counts)


def young_participants(kommun: Organisation, year: int) -> int:
    """Young people (under 26) taking part in international activities in the year
    (two queries): the progress entries of the action plan plus the activities of
    twin towns, exchanges and networks. An exchange logged in both is counted twice,
    so log it in one place."""
    from_actions = ActionUpdate.objects.filter(
        action__plan__kommun=kommun.kommun_id, occurred_on__year=year
    ).aggregate(total=Sum("young_participants"))["total"]
    from_partnerships = PartnershipActivity.objects.filter(
        partnership__responsible_organisation__kommun=kommun.kommun_id,
        occurred_on__year=year,
    ).aggregate(total=Sum("young_participants"))["total"]
    return (from_actions or 0) + (from_partnerships or 0)


@dataclass(frozen=True)
class KeyFigures:
    year: int
    external_funding_sek: Decimal
    external_funding_per_inhabitant: Decimal | None
    active_eu_projects: int
    applications: ApplicationFigures
    partnerships: ActivePartnerships
    young_participants: int


def key_figures(kommun: Organisation, year: int) -> KeyFigures:
    """Every figure of one year, for a summary table."""
    funding = external_funding_granted_sek(kommun, year)
    per_inhabitant = (
        round_money(funding / kommun.population) if kommun.population else None
    )
    return KeyFigures(
        year=year,
        external_funding_sek=funding,
        external_funding_per_inhabitant=per_inhabitant,
        active_eu_projects=active_eu_projects(kommun, year),
        applications=applications(kommun, year),
        partnerships=active_partnerships(kommun, year),
        young_participants=young_participants(kommun, year),
    )
