"""The project's money arithmetic and its rules, in the model and in the database."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from projects.models import Project
from tests.projects.conftest import make_project

pytestmark = pytest.mark.django_db

D = Decimal


def test_a_euro_project_converts_every_amount_to_kronor_at_its_rate(project_a):
    assert project_a.rate == D("9.6543")
    assert project_a.eu_grant_sek == D("434443.50")
    assert project_a.total_budget_sek == D("1158516.00")
    assert project_a.municipality_budget_sek == D("579258.00")
    assert project_a.own_cofinancing == D("15000.00")
    assert project_a.own_cofinancing_sek == D("144814.50")
    assert project_a.funded_total == D("60000.00")
    assert project_a.unfunded == D("0.00")
    assert project_a.grant_rate == D("75.0")


def test_kronor_are_rounded_half_up_to_the_ore(forvaltning_a):
    project = make_project(
        forvaltning_a, currency="EUR", exchange_rate=D("10.1250"), eu_grant=D("1.00")
    )
    # 1.00 × 10.1250 = 10.125: half an öre rounds up, never to the even 10.12.
    assert project.eu_grant_sek == D("10.13")
    assert project.to_sek(D("1234.56")) == D("12499.92")


def test_a_project_in_kronor_keeps_its_amounts(forvaltning_a):
    project = make_project(
        forvaltning_a, municipality_budget=D("150000"), eu_grant=D("100000")
    )
    assert project.rate == D(1)
    assert project.eu_grant_sek == D("100000.00")
    assert project.unfunded == D("50000")
    assert project.other_cofinancing_sek is None


def test_the_money_box_has_each_amount_in_both_currencies(project_a):
    with translation.override("en"):
        rows = {str(row.label): row for row in project_a.money_rows()}
    grant = rows["EU grant to the municipality"]
    assert (grant.amount, grant.amount_sek) == (D("45000.00"), D("434443.50"))
    assert rows["Other co-financing"].amount is None
    assert rows["Other co-financing"].amount_sek is None


def invalid(project: Project) -> set[str]:
    with pytest.raises(ValidationError) as error:
        project.full_clean()
    return set(error.value.message_dict)


def test_the_end_cannot_be_before_the_start(forvaltning_a):
    project = Project(
        owner=forvaltning_a,
        title="X",
        starts_on=datetime.date(2018, 1, 1),
        ends_on=datetime.date(2017, 12, 31),
    )
    assert invalid(project) == {"ends_on"}


def test_granted_and_rejected_need_a_decision_date(forvaltning_a):
    for status in (Project.Status.GRANTED, Project.Status.REJECTED):
        project = Project(owner=forvaltning_a, title="X", status=status)
        assert invalid(project) == {"decision_on"}
        project.decision_on = datetime.date(2017, 5, 1)
        project.full_clean()


def test_submitted_needs_the_date_of_submission(forvaltning_a):
    project = Project(owner=forvaltning_a, title="X", status=Project.Status.SUBMITTED)
    assert invalid(project) == {"submitted_on"}


def test_the_decision_cannot_come_before_the_application(forvaltning_a):
    project = Project(
        owner=forvaltning_a,
        title="X",
        submitted_on=datetime.date(2017, 5, 1),
        decision_on=datetime.date(2017, 4, 1),
    )
    assert invalid(project) == {"decision_on"}


def test_grant_and_co_financing_cannot_exceed_the_share(forvaltning_a):
    project = Project(
        owner=forvaltning_a,
        title="X",
        municipality_budget=D("100000.00"),
        eu_grant=D("60000.00"),
        own_cofinancing_cash=D("20000.00"),
        other_cofinancing=D("20000.01"),
    )
    assert invalid(project) == {"eu_grant"}
    project.other_cofinancing = D("20000.00")
    project.full_clean()


def test_the_share_cannot_exceed_the_total_budget(forvaltning_a):
    project = Project(
        owner=forvaltning_a,
        title="X",
        total_budget=D("50000"),
        municipality_budget=D("50000.01"),
    )
    assert invalid(project) == {"municipality_budget"}


def test_amounts_cannot_be_negative(forvaltning_a):
    project = Project(
        owner=forvaltning_a,
        title="X",
        total_budget=D("-1"),
        prefinancing_need=D("-0.01"),
    )
    assert invalid(project) == {"total_budget", "prefinancing_need"}


def test_euro_needs_an_exchange_rate_and_kronor_none(forvaltning_a):
    project = Project(owner=forvaltning_a, title="X", currency="EUR")
    assert invalid(project) == {"exchange_rate"}
    project = Project(
        owner=forvaltning_a, title="X", currency="SEK", exchange_rate=D("11")
    )
    assert invalid(project) == {"exchange_rate"}


@pytest.mark.parametrize(
    "fields",
    [
        {"starts_on": datetime.date(2018, 1, 1), "ends_on": datetime.date(2017, 1, 1)},
        {"status": "granted"},
        {"status": "submitted"},
        {"eu_grant": D("-5")},
        {"municipality_budget": D("10"), "eu_grant": D("10.01")},
        {"total_budget": D("10"), "municipality_budget": D("11")},
        {"currency": "EUR"},
        {"currency": "SEK", "exchange_rate": D("11")},
        {
            "submitted_on": datetime.date(2017, 5, 2),
            "decision_on": datetime.date(2017, 5, 1),
        },
    ],
)
def test_the_database_refuses_what_clean_refuses(forvaltning_a, fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        Project.objects.create(owner=forvaltning_a, title="X", **fields)


def test_the_database_accepts_amounts_with_ore_that_add_up_exactly(forvaltning_a):
    # 0.10 + 0.20 is not 0.30 in binary floating point, as SQLite would add it.
    Project.objects.create(
        owner=forvaltning_a,
        title="X",
        municipality_budget=D("0.30"),
        eu_grant=D("0.10"),
        own_cofinancing_cash=D("0.20"),
    )


def test_only_a_coordinator_may_record_the_funders_decision(
    coordinator, reporter_a, forvaltning_a
):
    reporter_choices = Project.statuses_open_to(reporter_a, forvaltning_a, "submitted")
    assert reporter_choices == ["idea", "preparing", "submitted", "withdrawn"]
    assert "granted" in Project.statuses_open_to(
        coordinator, forvaltning_a, "submitted"
    )
    after_grant = Project.statuses_open_to(reporter_a, forvaltning_a, "granted")
    assert {"granted", "ongoing", "closed"} <= set(after_grant)
    assert "rejected" not in after_grant
