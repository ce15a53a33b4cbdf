"""Two coordinators decide at the same moment, each on their own database connection.

Together the two grants exceed what is left. Exactly one may succeed and the fund
must never go below zero. On PostgreSQL the second decision waits for the first's
row lock and is then refused with a clear error; on SQLite (one writer at a time)
it is refused in the same way, or it fails on the database lock and saves nothing.
"""

from __future__ import annotations

import threading
from decimal import Decimal

import pytest
from django.db import OperationalError, connection, connections

from projects import services
from projects.models import FundApplication, InternationalFund
from tests.factories import KommunFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def decide_in_own_connection(application_pk, amount, by, barrier, outcomes):
    try:
        application = FundApplication.objects.get(pk=application_pk)
        barrier.wait(timeout=10)
        services.fund_application_decide(
            application=application, granted_amount=amount, by=by
        )
        outcomes.append("granted")
    except services.FundExhausted:
        outcomes.append("refused")
    except OperationalError:
        outcomes.append("locked")
    finally:
        connections.close_all()


def test_two_decisions_that_together_exceed_the_fund_cannot_both_succeed():
    kommun = KommunFactory(name="Skara kommun")
    organisation = OrganisationFactory(parent=kommun)
    coordinator = UserFactory(username="samordnare")
    fund = InternationalFund.objects.create(
        kommun=kommun, year=2017, budget=Decimal("100000")
    )
    applications = [
        FundApplication.objects.create(
            fund=fund,
            applicant=organisation,
            purpose=f"Ansökan {number}",
            amount_requested=Decimal("70000"),
        )
        for number in (1, 2)
    ]
    barrier, outcomes = threading.Barrier(2), []
    threads = [
        threading.Thread(
            target=decide_in_own_connection,
            args=(application.pk, Decimal("70000"), coordinator, barrier, outcomes),
        )
        for application in applications
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert len(outcomes) == 2
    assert outcomes.count("granted") == 1
    loser = next(outcome for outcome in outcomes if outcome != "granted")
    expected = (
        {"refused"} if connection.vendor == "postgresql" else {"refused", "locked"}
    )
    assert loser in expected
    fund.refresh_from_db()
    totals = fund.compute_totals()
    assert totals.granted == Decimal("70000")
    assert totals.remaining == Decimal("30000")
    assert totals.remaining >= 0
    statuses = sorted(FundApplication.objects.values_list("status", flat=True))
    assert statuses == ["granted", "submitted"]
