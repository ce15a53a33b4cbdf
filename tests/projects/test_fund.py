"""The international fund: applications, decisions, earmarks and what is left."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from projects import services
from projects.models import FundAllocation, FundApplication, InternationalFund
from tests.projects.conftest import make_application
from tests.versions import loaded_version

pytestmark = pytest.mark.django_db

D = Decimal


def decide_url(application) -> str:
    return reverse("projects:application_decide", args=[application.pk])


def grant(amount: str, **fields) -> dict:
    return {
        "outcome": "grant",
        "granted_amount": amount,
        "decided_on": "2017-04-01",
        **fields,
    }


def test_the_fund_page_sums_budget_earmarks_grants_use_and_remaining(
    reader_client, coordinator, fund, school_earmark, forvaltning_a, forvaltning_b
):
    school = make_application(fund, forvaltning_a, "120000", allocation=school_earmark)
    other = make_application(fund, forvaltning_b, "60000")
    make_application(fund, forvaltning_b, "25000")
    services.fund_application_decide(
        application=school, granted_amount=D("120000"), by=coordinator
    )
    services.fund_application_decide(
        application=other, granted_amount=D("50000"), by=coordinator
    )
    FundApplication.objects.filter(pk=school.pk).update(amount_used=D("112500"))

    response = reader_client.get(fund.get_absolute_url())
    totals = response.context["totals"]
    assert totals.budget == D("500000")
    assert totals.allocated == D("250000")
    assert totals.granted == D("170000")
    assert totals.used == D("112500")
    assert totals.requested_pending == D("25000")
    assert totals.remaining == D("330000")
    assert totals.unallocated_remaining == D("200000")
    earmark = response.context["allocations"][0]
    assert earmark.remaining == D("130000")
    listed = reader_client.get(reverse("projects:fund_list")).context["object_list"][0]
    assert (listed.granted_total, listed.remaining_total) == (D("170000"), D("330000"))


def test_a_reporter_applies_and_the_coordinator_grants(
    reporter_a_client, coordinator_client, fund, forvaltning_a
):
    data = {
        "applicant": forvaltning_a.pk,
        "allocation": "",
        "purpose": "Förstudie inför EU-ansökan",
        "project": "",
        "amount_requested": "80 000",
        "submitted_on": "2017-03-01",
    }
    url = reverse("projects:application_create", args=[fund.pk])
    assert reporter_a_client.post(url, data).status_code == 302
    application = FundApplication.objects.get()
    assert application.status == "submitted"

    response = coordinator_client.post(decide_url(application), grant("75 000"))
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "granted"
    assert application.granted_amount == D("75000")
    assert application.decided_on == datetime.date(2017, 4, 1)
    fund.refresh_from_db()
    assert fund.compute_totals().remaining == D("425000")


def test_a_rejection_grants_nothing(coordinator_client, application_a):
    data = {"outcome": "reject", "granted_amount": "", "decided_on": "2017-04-01"}
    assert coordinator_client.post(decide_url(application_a), data).status_code == 302
    application_a.refresh_from_db()
    assert application_a.status == "rejected"
    assert application_a.granted_amount is None


def test_a_grant_beyond_what_is_left_is_refused_and_saves_nothing(
    coordinator, coordinator_client, fund, forvaltning_a, forvaltning_b
):
    first = make_application(fund, forvaltning_a, "450000")
    services.fund_application_decide(
        application=first, granted_amount=D("450000"), by=coordinator
    )
    second = make_application(fund, forvaltning_b, "100000")
    response = coordinator_client.post(decide_url(second), grant("100000"))
    assert response.status_code == 400
    assert "granted_amount" in response.context["decision_form"].errors
    second.refresh_from_db()
    assert second.status == "submitted"
    assert fund.compute_totals().remaining == D("50000")


def test_an_earmark_limits_the_grants_charged_to_it(
    coordinator, fund, school_earmark, forvaltning_a
):
    application = make_application(
        fund, forvaltning_a, "260000", allocation=school_earmark
    )
    with pytest.raises(services.FundExhausted) as refused:
        services.fund_application_decide(
            application=application, granted_amount=D("250000.01"), by=coordinator
        )
    assert refused.value.available == D("250000")
    services.fund_application_decide(
        application=application, granted_amount=D("250000"), by=coordinator
    )


def test_applications_outside_the_earmarks_cannot_take_earmarked_money(
    coordinator, fund, school_earmark, forvaltning_b
):
    application = make_application(fund, forvaltning_b, "300000")
    with pytest.raises(services.FundExhausted) as refused:
        services.fund_application_decide(
            application=application, granted_amount=D("250000.01"), by=coordinator
        )
    assert refused.value.available == D("250000")
    assert FundApplication.objects.get(pk=application.pk).status == "submitted"


def test_an_application_is_decided_only_once(coordinator, application_a):
    services.fund_application_decide(
        application=application_a, granted_amount=D("1000"), by=coordinator
    )
    with pytest.raises(services.ApplicationAlreadyDecided):
        services.fund_application_decide(
            application=application_a, granted_amount=D("1000"), by=coordinator
        )
    assert application_a.fund.compute_totals().granted == D("1000")


def test_more_than_requested_cannot_be_granted(coordinator_client, application_a):
    response = coordinator_client.post(decide_url(application_a), grant("100000,01"))
    assert "granted_amount" in response.context["decision_form"].errors
    application_a.refresh_from_db()
    assert application_a.status == "submitted"


@pytest.mark.parametrize(
    "data",
    [
        grant(""),
        grant("-5"),
        grant("mycket"),
        grant("100", decided_on="2017-02-31"),
        {"granted_amount": "100", "decided_on": "2017-04-01"},
    ],
)
def test_invalid_decisions_save_nothing(coordinator_client, application_a, data):
    response = coordinator_client.post(decide_url(application_a), data)
    assert response.status_code == 400
    assert response.context["decision_form"].errors
    application_a.refresh_from_db()
    assert application_a.status == "submitted"


@pytest.mark.parametrize(
    ("client_name", "status"),
    [
        ("reporter_a_client", 403),
        ("reporter_b_client", 403),
        ("reader_client", 403),
        ("other_coordinator_client", 404),
    ],
)
def test_only_a_coordinator_of_the_kommun_decides(
    request, application_a, client_name, status
):
    client = request.getfixturevalue(client_name)
    assert client.post(decide_url(application_a), grant("1000")).status_code == status
    application_a.refresh_from_db()
    assert application_a.status == "submitted"


@pytest.mark.parametrize(
    ("client_name", "status"),
    [
        ("coordinator_client", 200),
        ("reporter_a_client", 200),
        ("reader_client", 403),
        ("other_coordinator_client", 404),
    ],
)
def test_who_may_apply(request, fund, client_name, status):
    client = request.getfixturevalue(client_name)
    url = reverse("projects:application_create", args=[fund.pk])
    assert client.get(url).status_code == status


def test_a_reporter_applies_only_for_their_own_organisation(
    reporter_a_client, fund, forvaltning_b
):
    data = {
        "applicant": forvaltning_b.pk,
        "purpose": "X",
        "amount_requested": "1000",
        "submitted_on": "2017-03-01",
    }
    url = reverse("projects:application_create", args=[fund.pk])
    response = reporter_a_client.post(url, data)
    assert "applicant" in response.context["form"].errors
    assert not FundApplication.objects.exists()


@pytest.mark.parametrize("amount", ["0", "-10", "tio", ""])
def test_an_application_needs_an_amount_above_zero(
    reporter_a_client, fund, forvaltning_a, amount
):
    data = {
        "applicant": forvaltning_a.pk,
        "purpose": "X",
        "amount_requested": amount,
        "submitted_on": "2017-03-01",
    }
    url = reverse("projects:application_create", args=[fund.pk])
    response = reporter_a_client.post(url, data)
    assert set(response.context["form"].errors) == {"amount_requested"}
    assert not FundApplication.objects.exists()


@pytest.mark.parametrize(
    ("client_name", "status"),
    [
        ("reporter_a_client", 200),
        ("reporter_b_client", 403),
        ("reader_client", 403),
        ("other_coordinator_client", 404),
    ],
)
def test_the_applicant_edits_the_application_until_it_is_decided(
    request, coordinator, application_a, client_name, status
):
    client = request.getfixturevalue(client_name)
    url = reverse("projects:application_update", args=[application_a.pk])
    assert client.get(url).status_code == status
    services.fund_application_decide(
        application=application_a, granted_amount=D("10"), by=coordinator
    )
    assert client.get(url).status_code in {403, 404}


def test_the_applicant_withdraws_an_open_application(reporter_a_client, application_a):
    url = reverse("projects:application_withdraw", args=[application_a.pk])
    assert reporter_a_client.post(url).status_code == 302
    application_a.refresh_from_db()
    assert application_a.status == "withdrawn"
    assert reporter_a_client.post(url).status_code == 403


def test_the_coordinator_records_the_money_used_within_the_grant(
    coordinator, coordinator_client, application_a
):
    services.fund_application_decide(
        application=application_a, granted_amount=D("80000"), by=coordinator
    )
    url = reverse("projects:application_usage", args=[application_a.pk])
    version = loaded_version(application_a)
    response = coordinator_client.post(url, {"amount_used": "80 000,01", **version})
    assert response.status_code == 400
    assert "amount_used" in response.context["usage_form"].errors
    data = {"amount_used": "79 500", **version}
    assert coordinator_client.post(url, data).status_code == 302
    application_a.refresh_from_db()
    assert application_a.amount_used == D("79500")


def test_an_earmark_must_fit_in_the_fund(coordinator_client, fund, school_earmark):
    url = reverse("projects:allocation_create", args=[fund.pk])
    data = {"name": "Vänortsutbyten", "organisation": "", "amount": "250 000,01"}
    response = coordinator_client.post(url, data)
    assert "amount" in response.context["form"].errors
    assert FundAllocation.objects.count() == 1
    data["amount"] = "250 000"
    assert coordinator_client.post(url, data).status_code == 302
    assert FundAllocation.objects.count() == 2


def test_an_earmark_cannot_shrink_below_what_was_granted_from_it(
    coordinator, coordinator_client, fund, school_earmark, forvaltning_a
):
    application = make_application(
        fund, forvaltning_a, "100000", allocation=school_earmark
    )
    services.fund_application_decide(
        application=application, granted_amount=D("100000"), by=coordinator
    )
    url = reverse("projects:allocation_update", args=[school_earmark.pk])
    data = {"name": school_earmark.name, "organisation": "", "amount": "99 999"}
    data.update(loaded_version(school_earmark))
    response = coordinator_client.post(url, data)
    assert "amount" in response.context["form"].errors
    school_earmark.refresh_from_db()
    assert school_earmark.amount == D("250000")


def test_the_budget_cannot_drop_below_what_is_committed(
    coordinator, coordinator_client, kommun, fund, school_earmark, forvaltning_b
):
    application = make_application(fund, forvaltning_b, "100000")
    services.fund_application_decide(
        application=application, granted_amount=D("100000"), by=coordinator
    )
    url = reverse("projects:fund_update", args=[fund.pk])
    data = {"year": "2017", "budget": "349 999", "decision": "", "description": ""}
    data.update(loaded_version(fund))
    response = coordinator_client.post(url, data)
    assert "budget" in response.context["form"].errors
    fund.refresh_from_db()
    assert fund.budget == D("500000")
    data["budget"] = "350000"
    assert coordinator_client.post(url, data).status_code == 302


def test_a_coordinator_opens_the_years_fund_once(coordinator_client, kommun):
    url = reverse("projects:fund_create")
    data = {"kommun": kommun.pk, "year": "2018", "budget": "400 000", "description": ""}
    assert coordinator_client.post(url, data).status_code == 302
    fund = InternationalFund.objects.get()
    assert (fund.kommun, fund.year, fund.budget) == (kommun, 2018, D("400000"))
    response = coordinator_client.post(url, data)
    assert response.context["form"].errors
    assert InternationalFund.objects.count() == 1


@pytest.mark.parametrize(
    ("client_name", "status"),
    [("reporter_a_client", 403), ("reader_client", 403)],
)
def test_only_coordinators_open_a_fund(request, kommun, client_name, status):
    client = request.getfixturevalue(client_name)
    url = reverse("projects:fund_create")
    data = {"kommun": kommun.pk, "year": "2018", "budget": "1"}
    assert client.post(url, data).status_code == status
    assert not InternationalFund.objects.exists()


def test_a_coordinator_of_another_kommun_cannot_open_a_fund_here(
    other_coordinator_client, kommun
):
    url = reverse("projects:fund_create")
    data = {"kommun": kommun.pk, "year": "2018", "budget": "1"}
    response = other_coordinator_client.post(url, data)
    assert "kommun" in response.context["form"].errors
    assert not InternationalFund.objects.exists()


@pytest.mark.parametrize(
    ("client_name", "view_status", "edit_status"),
    [
        ("coordinator_client", 200, 200),
        ("reporter_a_client", 200, 403),
        ("reader_client", 200, 403),
        ("other_coordinator_client", 404, 404),
    ],
)
def test_who_may_see_and_edit_the_fund(
    request, fund, client_name, view_status, edit_status
):
    client = request.getfixturevalue(client_name)
    assert client.get(fund.get_absolute_url()).status_code == view_status
    edit = reverse("projects:fund_update", args=[fund.pk])
    assert client.get(edit).status_code == edit_status
    earmark = reverse("projects:allocation_create", args=[fund.pk])
    assert client.get(earmark).status_code == edit_status


def test_the_fund_list_shows_only_the_own_kommuns_funds(
    reader_client, fund, foreign_fund
):
    response = reader_client.get(reverse("projects:fund_list"))
    assert list(response.context["object_list"]) == [fund]


def test_the_model_refuses_a_grant_without_amount_or_date(application_a):
    application_a.status = FundApplication.Status.GRANTED
    with pytest.raises(ValidationError) as error:
        application_a.full_clean()
    assert set(error.value.message_dict) == {"decided_on", "granted_amount"}


def test_a_decision_cannot_be_dated_before_the_application(
    coordinator_client, application_a
):
    response = coordinator_client.post(
        decide_url(application_a), grant("1000", decided_on="2017-02-28")
    )
    assert response.status_code == 400
    assert "decided_on" in response.context["decision_form"].errors
    application_a.refresh_from_db()
    assert application_a.status == "submitted"


def test_a_fund_cannot_move_to_a_year_that_already_has_one(
    coordinator_client, kommun, fund
):
    InternationalFund.objects.create(kommun=kommun, year=2018, budget=D("1"))
    url = reverse("projects:fund_update", args=[fund.pk])
    data = {"year": "2018", "budget": "500000", "decision": "", "description": ""}
    data.update(loaded_version(fund))
    response = coordinator_client.post(url, data)
    assert response.context["form"].errors
    fund.refresh_from_db()
    assert fund.year == 2017
