"""Projects, partnerships and funds of the personas' kommuner (tests/conftest.py)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from projects.models import (
    FundAllocation,
    FundApplication,
    FundingProgramme,
    InternationalFund,
    Partnership,
    Project,
)


def make_project(owner, **fields) -> Project:
    """A project idea of ``owner``, validated like a form would."""
    values = {"title": "Ungdomsutbyte i Europa", "status": Project.Status.IDEA}
    project = Project(owner=owner, **{**values, **fields})
    project.full_clean()
    project.save()
    return project


@pytest.fixture
def erasmus(db) -> FundingProgramme:
    """From the data migration."""
    return FundingProgramme.objects.defaults().get(code="ERASMUS+")


@pytest.fixture
def project_a(forvaltning_a, erasmus) -> Project:
    """A granted EU project of förvaltning A, in euro."""
    return make_project(
        forvaltning_a,
        title="Elevutbyte med Radviliskis",
        acronym="ELEV",
        programme=erasmus,
        status=Project.Status.GRANTED,
        submitted_on=datetime.date(2017, 2, 1),
        decision_on=datetime.date(2017, 5, 15),
        starts_on=datetime.date(2017, 9, 1),
        ends_on=datetime.date(2018, 8, 31),
        currency="EUR",
        exchange_rate=Decimal("9.6543"),
        total_budget=Decimal("120000.00"),
        municipality_budget=Decimal("60000.00"),
        eu_grant=Decimal("45000.00"),
        own_cofinancing_cash=Decimal("10000.00"),
        own_cofinancing_in_kind=Decimal("5000.00"),
    )


@pytest.fixture
def project_b(forvaltning_b) -> Project:
    return make_project(forvaltning_b, title="Hållbar stadsutveckling")


@pytest.fixture
def foreign_project(other_kommun) -> Project:
    from tests.factories import OrganisationFactory

    owner = OrganisationFactory(parent=other_kommun, name="Bildningsförvaltningen")
    return make_project(owner, title="Annan kommuns projekt")


@pytest.fixture
def partnership_a(forvaltning_a) -> Partnership:
    partnership = Partnership.objects.create(
        kind=Partnership.Kind.EXCHANGE,
        name="Katedralskolans utbyte med Radviliskis",
        responsible_organisation=forvaltning_a,
    )
    partnership.towns.create(name="Radviliskis", country="LT")
    return partnership


@pytest.fixture
def foreign_partnership(other_kommun) -> Partnership:
    return Partnership.objects.create(
        kind=Partnership.Kind.NETWORK, name="V6", responsible_organisation=other_kommun
    )


@pytest.fixture
def fund(kommun) -> InternationalFund:
    """Skara 2017: 500 000 kr."""
    return InternationalFund.objects.create(
        kommun=kommun, year=2017, budget=Decimal("500000.00")
    )


@pytest.fixture
def school_earmark(fund) -> FundAllocation:
    return FundAllocation.objects.create(
        fund=fund, name="Internationella skolutbyten", amount=Decimal("250000.00")
    )


def make_application(fund, applicant, amount, **fields) -> FundApplication:
    return FundApplication.objects.create(
        fund=fund,
        applicant=applicant,
        purpose=fields.pop("purpose", "Medfinansiering av förstudie"),
        amount_requested=Decimal(amount),
        submitted_on=datetime.date(2017, 3, 1),
        **fields,
    )


@pytest.fixture
def application_a(fund, forvaltning_a) -> FundApplication:
    return make_application(fund, forvaltning_a, "100000")


@pytest.fixture
def foreign_fund(other_kommun) -> InternationalFund:
    return InternationalFund.objects.create(
        kommun=other_kommun, year=2017, budget=Decimal("100000.00")
    )
