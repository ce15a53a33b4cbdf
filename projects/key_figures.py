"""Key figures computed from the registry, never typed (DESIGN §2.2, §4.4).

One small function per figure, each taking (kommun, year) and doing a fixed number
of queries, whatever the amount of data: the sums are made in the database. The
start page and the key-figure page read the register as it is now.

The KS report reads each year as it stood at its end: ``key_figures_at_year_end``
gives the same figures for several years, each from the projects as the register
held them on 31 December (``projects.year_end`` states the rule per figure):

* external funding granted and applications granted: projects whose status then
  was granted (or ongoing, closed) with a decision date then in the year;
  applications rejected: status then rejected, decision then in the year;
* applications submitted: a submission date then in the year;
* active EU projects: running in the year by their status and dates then;
* active twin towns and networks, young participants: the activities and progress
  entries dated in the year (dated events, so a back-filled one counts), leaving
  out those of an action removed before the end of the year.

For the current year these equal the live figures.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import reduce

from django.db.models import Count, Q, Sum

from actions.models import ActionUpdate
from intkommun.as_of import year_end_moment
from intkommun.models import Organisation
from projects.models import (
    GRANTED_STATUSES,
    Partnership,
    PartnershipActivity,
    Project,
    Status,
)
from projects.models.money import round_money
from projects.models.partnerships import activity_counts_in_year_q
from projects.models.projects import (
    MONEY_OUTPUT,
    granted_in_year_q,
    running_in_year_q,
    sek,
)
from projects.year_end import kommun_project_records

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


def external_funding_granted_sek_by_year(
    kommun: Organisation, years: list[int]
) -> dict[int, Decimal]:
    """``external_funding_granted_sek`` of each of the years, in one query."""
    funding = sek("eu_grant") + sek("other_cofinancing")
    totals = (
        Project.objects.in_kommun(kommun)
        .filter(decision_on__year__in=years)
        .aggregate(
            **{
                str(year): Sum(
                    funding, filter=granted_in_year_q(year), output_field=MONEY_OUTPUT
                )
                for year in years
            }
        )
    )
    return {year: round_money(Decimal(totals[str(year)] or 0)) for year in years}


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
    those with at least one visit, delegation, meeting or exchange in it (a
    recurring one counts in each year it recurs)."""
    counts = (
        Partnership.objects.in_kommun(kommun)
        .filter(
            activity_counts_in_year_q(
                year, prefix="activities__", partnership_prefix=""
            )
        )
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
    return (from_actions or 0) + _young_in_partnerships(kommun, [year])[year]


@dataclass(frozen=True)
class KeyFigures:
    year: int
    external_funding_sek: Decimal
    external_funding_per_inhabitant: Decimal | None
    active_eu_projects: int
    applications: ApplicationFigures
    partnerships: ActivePartnerships
    young_participants: int


def key_figures(
    kommun: Organisation, year: int, funding: Decimal | None = None
) -> KeyFigures:
    """Every figure of one year, for a summary table; ``funding`` is the year's
    external funding when the caller has already summed it."""
    if funding is None:
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


# --- each year as it stood at its end (the KS report) -----------------------------


def key_figures_at_year_end(kommun: Organisation, years: list[int]) -> list[KeyFigures]:
    """Every figure of each year as the register held it at the end of the year
    (one query per year plus three)."""
    partnerships = _active_partnerships_by_year(kommun, years)
    young = _young_participants_by_year(kommun, years)
    return [
        _project_figures_at_year_end(kommun, year, partnerships[year], young[year])
        for year in years
    ]


def _project_figures_at_year_end(
    kommun: Organisation, year: int, partnerships: ActivePartnerships, young: int
) -> KeyFigures:
    funding = sek("eu_grant") + sek("other_cofinancing")
    running_eu = running_in_year_q(year) & Q(kind=Project.Kind.EU_PROJECT)
    row = kommun_project_records(kommun, year).aggregate(
        funding=Sum(funding, filter=granted_in_year_q(year), output_field=MONEY_OUTPUT),
        active_eu=Count("history_id", filter=running_eu),
        **_application_counts(year),
    )
    funding_sek = round_money(Decimal(row.pop("funding") or 0))
    return KeyFigures(
        year=year,
        external_funding_sek=funding_sek,
        external_funding_per_inhabitant=(
            round_money(funding_sek / kommun.population) if kommun.population else None
        ),
        active_eu_projects=row.pop("active_eu"),
        applications=ApplicationFigures(**row),
        partnerships=partnerships,
        young_participants=young,
    )


def _active_partnerships_by_year(
    kommun: Organisation, years: list[int]
) -> dict[int, ActivePartnerships]:
    counts = {}
    for year in years:
        in_year = activity_counts_in_year_q(
            year, prefix="activities__", partnership_prefix=""
        )
        for kind, name in [
            (Partnership.Kind.TWIN_TOWN, "twin_towns"),
            (Partnership.Kind.NETWORK, "networks"),
        ]:
            counts[f"{name}_{year}"] = Count(
                "pk", filter=in_year & Q(kind=kind), distinct=True
            )
    row = Partnership.objects.in_kommun(kommun).aggregate(**counts)
    return {
        year: ActivePartnerships(row[f"twin_towns_{year}"], row[f"networks_{year}"])
        for year in years
    }


def _young_participants_by_year(
    kommun: Organisation, years: list[int]
) -> dict[int, int]:
    from_actions = ActionUpdate.objects.with_removed().aggregate(
        **{
            str(year): Sum(
                "young_participants",
                filter=Q(action__plan__kommun=kommun.kommun_id, occurred_on__year=year)
                & (
                    Q(action__removed_at__isnull=True)
                    | Q(action__removed_at__gte=year_end_moment(year))
                ),
            )
            for year in years
        }
    )
    from_partnerships = _young_in_partnerships(kommun, years)
    return {
        year: (from_actions[str(year)] or 0) + from_partnerships[year] for year in years
    }


def _young_in_partnerships(kommun: Organisation, years: list[int]) -> dict[int, int]:
    """Young participants of the partnerships' activities in each year, a
    recurring activity counted as often as it happens (`projects.recurrence`),
    as the KS report's section 7 counts them (one query)."""
    in_any_year = reduce(operator.or_, (activity_counts_in_year_q(y) for y in years))
    activities = PartnershipActivity.objects.filter(
        in_any_year,
        partnership__responsible_organisation__kommun=kommun.kommun_id,
        young_participants__gt=0,
    ).select_related("partnership")
    totals = dict.fromkeys(years, 0)
    for activity in activities:
        for year in years:
            totals[year] += activity.young_participants * activity.occurrences_in(year)
    return totals
