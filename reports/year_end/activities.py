"""Twin towns, networks and exchanges in the year, for the KS report.

A partnership belongs in the report of a year when its registered period
touches the year (a twinning 2005–2015 is in 2012's report, even though it has
since ended), when something happened in it that year, or when an application
to the year's international fund concerns it. Every visit,
delegation, study visit, meeting and exchange of the year is listed with the
totals a report gives: activities by kind, participants, young participants,
the countries involved and the cost, plus the partnerships' funding of the year
by source.

An activity dated only "2017" or "mars 2017" is stored on the first day of that
period, so it counts in 2017. A recurring activity (a language camp every
summer) counts in each year it recurs, as many times as
``projects.recurrence.occurrences_in_year`` says, its participants and cost
multiplied by that number. Today's status does not rewrite the past.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import BooleanField, ExpressionWrapper, Prefetch
from django_countries.fields import Country

from intkommun.models import Organisation
from projects.models import (
    FundApplication,
    Partnership,
    PartnershipActivity,
    PartnershipFunding,
)
from projects.models.partnerships import (
    activity_counts_in_year_q,
    period_overlaps_year_q,
)

Kind = PartnershipActivity.Kind
Source = PartnershipFunding.Source


@dataclass(frozen=True)
class ActivityInYear:
    """An activity as it counts in one year: held ``occurrences`` times."""

    activity: PartnershipActivity
    occurrences: int

    @property
    def participants(self) -> int | None:
        return self._times(self.activity.participants)

    @property
    def young_participants(self) -> int | None:
        return self._times(self.activity.young_participants)

    @property
    def cost(self) -> Decimal | None:
        return self._times(self.activity.cost)

    def _times(self, value):
        return None if value is None else value * self.occurrences


@dataclass(frozen=True)
class PartnershipYear:
    """One twin town, network or exchange and what happened in it in the year."""

    partnership: Partnership
    activities: list[ActivityInYear]

    @property
    def funding(self) -> list[PartnershipFunding]:
        return self.partnership.funding_of_year

    @property
    def fund_applications(self) -> list[FundApplication]:
        """Applications to the year's international fund that concern it."""
        return self.partnership.fund_applications_of_year


@dataclass(frozen=True)
class KindCount:
    kind: str
    label: str
    count: int


@dataclass(frozen=True)
class SourceTotal:
    source: str
    label: str
    amount: Decimal


@dataclass(frozen=True)
class PartnershipActivities:
    year: int
    partnerships: list[PartnershipYear]

    @property
    def activities(self) -> list[ActivityInYear]:
        return [a for entry in self.partnerships for a in entry.activities]

    @property
    def activity_count(self) -> int:
        """Occurrences: four video conferences a year count four."""
        return sum(a.occurrences for a in self.activities)

    @property
    def by_kind(self) -> list[KindCount]:
        """Every kind with its count, none left out: "0 study visits" is news too."""
        return [
            KindCount(
                value,
                str(label),
                sum(a.occurrences for a in self.activities if a.activity.kind == value),
            )
            for value, label in Kind.choices
        ]

    @property
    def participants(self) -> int:
        return sum(a.participants or 0 for a in self.activities)

    @property
    def young_participants(self) -> int:
        return sum(a.young_participants or 0 for a in self.activities)

    @property
    def cost(self) -> Decimal:
        return sum((a.cost or Decimal(0) for a in self.activities), Decimal(0))

    @property
    def countries(self) -> list[Country]:
        """The countries taking part in an activity, and the partner towns'
        countries of each partnership in the section, by name."""
        found = {c.code: c for a in self.activities for c in a.activity.countries}
        for entry in self.partnerships:
            for country in entry.partnership.countries:
                found.setdefault(country.code, country)
        return sorted(found.values(), key=lambda country: str(country.name))

    @property
    def funding_by_source(self) -> list[SourceTotal]:
        """The year's funding of the partnerships, one row per source given."""
        rows = [row for entry in self.partnerships for row in entry.funding]
        return [
            SourceTotal(
                value,
                str(label),
                sum((r.amount for r in rows if r.source == value), Decimal(0)),
            )
            for value, label in Source.choices
            if any(r.source == value for r in rows)
        ]

    @property
    def funding_total(self) -> Decimal:
        return sum((row.amount for row in self.funding_by_source), Decimal(0))


@dataclass(frozen=True)
class PartnershipsOfYear:
    """Section 7 (what happened) and the appendix's list (what ran)."""

    activities: PartnershipActivities
    running: list[Partnership]


def partnerships_of_year(kommun: Organisation, year: int) -> PartnershipsOfYear:
    """The kommun's partnerships and activities of the year (five queries)."""
    partnerships = list(
        Partnership.objects.in_kommun(kommun)
        .annotate(
            in_period=ExpressionWrapper(
                period_overlaps_year_q(year), output_field=BooleanField()
            )
        )
        .select_related("responsible_organisation", "via")
        .prefetch_related(
            "towns",
            Prefetch(
                "funding",
                queryset=PartnershipFunding.objects.filter(year=year),
                to_attr="funding_of_year",
            ),
            Prefetch(
                "fund_applications",
                queryset=FundApplication.objects.filter(fund__year=year)
                .select_related("applicant")
                .order_by("submitted_on", "pk"),
                to_attr="fund_applications_of_year",
            ),
        )
        .order_by("kind", "name", "pk")
    )
    happened = _activities_in_year(kommun, year, {p.pk: p for p in partnerships})
    entries = [
        PartnershipYear(p, happened.get(p.pk, []))
        for p in partnerships
        if p.pk in happened
        or (p.in_period and (p.starts_on or p.ends_on))
        or p.fund_applications_of_year
    ]
    return PartnershipsOfYear(
        activities=PartnershipActivities(year=year, partnerships=entries),
        running=[p for p in partnerships if p.in_period or p.pk in happened],
    )


def _activities_in_year(
    kommun: Organisation, year: int, partnerships: dict[int, Partnership]
) -> dict[int, list[ActivityInYear]]:
    activities = (
        PartnershipActivity.objects.filter(
            activity_counts_in_year_q(year),
            partnership__responsible_organisation__kommun=kommun.kommun_id,
        )
        .select_related("organiser")
        .order_by("occurred_on", "created_at", "pk")
    )
    grouped: dict[int, list[ActivityInYear]] = {}
    for activity in activities:
        partnership = partnerships.get(activity.partnership_id)
        if partnership is None:
            continue
        activity.partnership = partnership  # read once, above
        occurrences = activity.occurrences_in(year)
        if occurrences:
            grouped.setdefault(partnership.pk, []).append(
                ActivityInYear(activity, occurrences)
            )
    return grouped
