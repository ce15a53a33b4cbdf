"""The year's activities in twin towns, networks and exchanges, for the KS report.

Every visit, delegation, study visit, meeting and exchange logged in the year
(one query), grouped by partnership, with the totals a report gives: activities
by kind, participants, young participants, the countries involved and the cost.
An activity dated only "2017" or "mars 2017" is stored on the first day of that
period, so it counts in 2017. A partnership that has since ended still shows the
activities it had that year: today's status does not rewrite the past.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django_countries.fields import Country

from intkommun.models import Organisation
from projects.models import Partnership, PartnershipActivity

Kind = PartnershipActivity.Kind


@dataclass(frozen=True)
class PartnershipYear:
    """One twin town, network or exchange and what happened in it in the year."""

    partnership: Partnership
    activities: list[PartnershipActivity]


@dataclass(frozen=True)
class KindCount:
    kind: str
    label: str
    count: int


@dataclass(frozen=True)
class PartnershipActivities:
    year: int
    partnerships: list[PartnershipYear]

    @property
    def activities(self) -> list[PartnershipActivity]:
        return [a for entry in self.partnerships for a in entry.activities]

    @property
    def by_kind(self) -> list[KindCount]:
        """Every kind with its count, none left out: "0 study visits" is news too."""
        kinds = [activity.kind for activity in self.activities]
        return [
            KindCount(value, str(label), kinds.count(value))
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
        """The countries taking part in an activity, and each active partnership's
        own country, by name."""
        found = {c.code: c for a in self.activities for c in a.countries}
        for entry in self.partnerships:
            if entry.partnership.country:
                found.setdefault(
                    entry.partnership.country.code, entry.partnership.country
                )
        return sorted(found.values(), key=lambda country: str(country.name))


def partnership_activities(kommun: Organisation, year: int) -> PartnershipActivities:
    """The kommun's partnership activities of the year (one query)."""
    activities = (
        PartnershipActivity.objects.filter(
            partnership__responsible_organisation__kommun=kommun.kommun_id,
            occurred_on__year=year,
        )
        .select_related("partnership__responsible_organisation")
        .order_by(
            "partnership__kind",
            "partnership__name",
            "partnership__pk",
            "occurred_on",
            "created_at",
            "pk",
        )
    )
    grouped: dict[Partnership, list[PartnershipActivity]] = {}
    for activity in activities:
        grouped.setdefault(activity.partnership, []).append(activity)
    return PartnershipActivities(
        year=year,
        partnerships=[PartnershipYear(p, rows) for p, rows in grouped.items()],
    )
