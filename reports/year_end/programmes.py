"""Projects per funding programme and the total project volume of the year.

The granted projects that ran during the year (the projects section lists the
same ones), counted per programme with the municipality's budget share and the
grant summed in the database in SEK, each project at its own exchange rate
(one query).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Sum

from intkommun.models import Organisation
from projects.models import Project
from projects.models.money import round_money
from projects.models.projects import MONEY_OUTPUT, sek


@dataclass(frozen=True)
class ProgrammeRow:
    # Empty for projects registered without a programme.
    name: str
    projects: int
    municipality_budget_sek: Decimal
    grant_sek: Decimal


@dataclass(frozen=True)
class ProgrammeTable:
    rows: list[ProgrammeRow]

    @property
    def projects(self) -> int:
        return sum(row.projects for row in self.rows)

    @property
    def municipality_budget_sek(self) -> Decimal:
        return sum((row.municipality_budget_sek for row in self.rows), Decimal(0))

    @property
    def grant_sek(self) -> Decimal:
        return sum((row.grant_sek for row in self.rows), Decimal(0))


def projects_by_programme(kommun: Organisation, year: int) -> ProgrammeTable:
    """The year's running projects per programme, with their volume in SEK."""
    rows = (
        Project.objects.in_kommun(kommun)
        .running_in_year(year)
        .values("programme", "programme__name_sv")
        .annotate(
            count=Count("pk"),
            budget=Sum(sek("municipality_budget"), output_field=MONEY_OUTPUT),
            grant=Sum(sek("eu_grant"), output_field=MONEY_OUTPUT),
        )
        .order_by("programme__name_sv", "programme")
    )
    table = [
        ProgrammeRow(
            name=row["programme__name_sv"] or "",
            projects=row["count"],
            municipality_budget_sek=round_money(Decimal(row["budget"] or 0)),
            grant_sek=round_money(Decimal(row["grant"] or 0)),
        )
        for row in rows
    ]
    # Projects without a programme last, on SQLite and PostgreSQL alike.
    return ProgrammeTable(sorted(table, key=lambda row: not row.name))
