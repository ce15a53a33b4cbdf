"""The fund as real fund rules run it: associations (föreningar) apply through the
coordinator, calls have deadlines with reminders, and an application names the
partnerships and actions it concerns. Every name here is invented."""

from __future__ import annotations

import datetime
from decimal import Decimal
from io import StringIO

import lxml.html
import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from intkommun.models import Organisation
from projects import services
from projects.exports import FUND_APPLICATION_COLUMNS
from projects.models import FundApplication, FundCall
from reports.models import ReminderSent
from reports.year_end.data import year_end_data
from tests.actions.conftest import (  # noqa: F401
    action_a,
    make_action,
    other_plan,
    plan,
    plan_type,
)
from tests.factories import OrganisationFactory
from tests.projects.conftest import make_application
from tests.spreadsheets import exported_rows

pytestmark = pytest.mark.django_db

D = Decimal
TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


@pytest.fixture
def association(kommun) -> Organisation:
    return OrganisationFactory(
        parent=kommun, name="Exempelföreningen Vänskapsbron", kind="extern"
    )


def make_call(fund, deadline, **fields) -> FundCall:
    return FundCall.objects.create(
        fund=fund,
        title=fields.pop("title", "Påhittad utlysning"),
        deadline=deadline,
        **fields,
    )


def application_data(applicant, **fields) -> dict:
    return {
        "applicant": applicant.pk,
        "allocation": "",
        "purpose": "Påhittat ungdomsutbyte med vänorten",
        "project": "",
        "amount_requested": "20 000",
        "submitted_on": TODAY.isoformat(),
        **fields,
    }


def create_url(fund) -> str:
    return reverse("projects:application_create", args=[fund.pk])


def association_url(fund) -> str:
    return reverse("projects:association_create", args=[fund.pk])


# -- associations ------------------------------------------------------------------


def test_the_coordinator_registers_an_association_and_applies_for_it(
    coordinator_client, fund, kommun
):
    response = coordinator_client.post(
        association_url(fund), {"name": "Påhittade vänortsföreningen"}
    )

    association = Organisation.objects.get(name="Påhittade vänortsföreningen")
    assert (association.kind, association.parent, association.kommun) == (
        Organisation.Kind.EXTERN,
        kommun,
        kommun,
    )
    assert response.url == f"{create_url(fund)}?applicant={association.pk}"
    form = coordinator_client.get(response.url).context["form"]
    assert form.initial["applicant"] == str(association.pk)

    assert coordinator_client.post(
        create_url(fund), application_data(association)
    ).status_code == (302)
    application = FundApplication.objects.get()
    assert application.applicant == association
    assert application.is_from_association


def test_an_association_is_decided_and_named_in_the_ks_reports_fund_section(
    coordinator, coordinator_client, fund, kommun, association
):
    application = make_application(
        fund, association, "20000", purpose="Påhittat språkläger för föreningen"
    )
    response = coordinator_client.post(
        reverse("projects:application_decide", args=[application.pk]),
        {"outcome": "grant", "granted_amount": "15000", "decided_on": "2017-04-01"},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert (application.status, application.granted_amount) == ("granted", D(15000))

    section = year_end_data(kommun, 2017).fund
    assert [a.applicant for a in section.applications] == [association]
    assert section.totals.granted == D(15000)
    page = coordinator_client.get(
        reverse("reports:year_end_preview", args=[kommun.pk, 2017])
    ).content.decode()
    assert "Exempelföreningen Vänskapsbron (förening)" in page


def test_before_the_fix_the_applicant_list_held_no_association(
    coordinator_client, fund, association
):
    """The cause of “Välj ett giltigt alternativ”: external organisations were
    never offered as applicants. Now the coordinator is offered them."""
    form = coordinator_client.get(create_url(fund)).context["form"]
    assert association in form.fields["applicant"].queryset


def test_a_reporter_still_applies_only_for_their_own_organisation(
    reporter_a_client, fund, association, forvaltning_b
):
    for other in (association, forvaltning_b):
        response = reporter_a_client.post(create_url(fund), application_data(other))
        assert response.status_code == 200
        assert "applicant" in response.context["form"].errors
    assert not FundApplication.objects.exists()


@pytest.mark.parametrize(
    ("client_name", "status"),
    [
        ("reporter_a_client", 403),
        ("reader_client", 403),
        ("other_coordinator_client", 404),
    ],
)
def test_only_the_kommuns_coordinator_registers_an_association(
    request, fund, client_name, status
):
    client = request.getfixturevalue(client_name)
    assert client.get(association_url(fund)).status_code == status
    response = client.post(association_url(fund), {"name": "Obehörig förening"})
    assert response.status_code == status
    assert not Organisation.objects.filter(name="Obehörig förening").exists()


def test_an_association_that_exists_is_refused_in_swedish(
    coordinator_client, fund, association
):
    response = coordinator_client.post(
        association_url(fund), {"name": "exempelföreningen vänskapsbron"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["name"] == [
        "Kommunen har redan en organisation med det namnet; välj den som sökande "
        "i stället."
    ]


# -- calls and deadlines ------------------------------------------------------------


def test_the_fund_page_shows_its_calls_with_deadlines_and_counts(
    reader_client, fund, forvaltning_a, forvaltning_b
):
    spring = make_call(fund, datetime.date(2017, 3, 31), title="Vårens utlysning")
    autumn = make_call(fund, datetime.date(2017, 9, 30), title="Höstens utlysning")
    make_application(fund, forvaltning_a, "1000", call=spring)
    make_application(fund, forvaltning_b, "2000", call=spring)

    response = reader_client.get(fund.get_absolute_url())

    calls = list(response.context["calls"])
    assert [(c, c.application_count) for c in calls] == [(spring, 2), (autumn, 0)]
    page = response.content.decode()
    assert "31 mars 2017" in page and "30 september 2017" in page


def test_an_application_after_the_deadline_is_refused_in_swedish(
    reporter_a_client, fund, forvaltning_a
):
    call = make_call(fund, TODAY - DAY, title="Stängd utlysning")
    data = application_data(
        forvaltning_a, call=call.pk, submitted_on=(TODAY - 2 * DAY).isoformat()
    )

    response = reporter_a_client.post(create_url(fund), data)

    assert response.status_code == 200
    (error,) = response.context["form"].errors["call"]
    assert error.startswith("Sista ansökningsdag för utlysningen ”Stängd utlysning”")
    assert "kan bara registreras av samordnaren" in error
    assert not FundApplication.objects.exists()


def test_the_coordinator_registers_a_late_application(
    coordinator_client, fund, forvaltning_a
):
    call = make_call(fund, TODAY - DAY)
    response = coordinator_client.post(
        create_url(fund), application_data(forvaltning_a, call=call.pk)
    )
    assert response.status_code == 302
    assert FundApplication.objects.get().call == call


def test_an_application_in_time_is_taken(reporter_a_client, fund, forvaltning_a):
    call = make_call(fund, TODAY, opens_on=TODAY - 10 * DAY)
    response = reporter_a_client.post(
        create_url(fund), application_data(forvaltning_a, call=call.pk)
    )
    assert response.status_code == 302
    assert FundApplication.objects.get().call == call


def test_an_application_before_the_call_opens_is_refused(
    reporter_a_client, fund, forvaltning_a
):
    call = make_call(fund, TODAY + 30 * DAY, opens_on=TODAY + DAY)
    response = reporter_a_client.post(
        create_url(fund), application_data(forvaltning_a, call=call.pk)
    )
    assert "öppnar" in response.context["form"].errors["call"][0]
    assert not FundApplication.objects.exists()


def test_a_fund_with_calls_asks_which_call(reporter_a_client, fund, forvaltning_a):
    make_call(fund, TODAY + DAY)
    response = reporter_a_client.post(create_url(fund), application_data(forvaltning_a))
    assert "call" in response.context["form"].errors


def test_another_funds_call_is_refused(
    coordinator_client, fund, foreign_fund, forvaltning_a
):
    foreign_call = make_call(foreign_fund, TODAY + DAY)
    make_call(fund, TODAY + DAY)
    response = coordinator_client.post(
        create_url(fund), application_data(forvaltning_a, call=foreign_call.pk)
    )
    assert "call" in response.context["form"].errors
    assert not FundApplication.objects.exists()


def test_the_coordinator_opens_a_call_and_another_kommun_cannot_see_it(
    coordinator_client, other_coordinator_client, reporter_a_client, fund
):
    response = coordinator_client.post(
        reverse("projects:call_create", args=[fund.pk]),
        {
            "title": "Vårens utlysning",
            "opens_on": "2017-02-01",
            "deadline": "2017-03-31",
        },
    )
    assert response.status_code == 302
    call = FundCall.objects.get()
    assert call.deadline == datetime.date(2017, 3, 31)
    update = reverse("projects:call_update", args=[call.pk])
    assert other_coordinator_client.get(update).status_code == 404
    assert reporter_a_client.get(update).status_code == 403


def test_a_call_cannot_open_after_its_deadline(coordinator_client, fund):
    response = coordinator_client.post(
        reverse("projects:call_create", args=[fund.pk]),
        {"title": "Baklänges", "opens_on": "2017-05-01", "deadline": "2017-03-31"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["opens_on"] == [
        "Utlysningen kan inte öppna efter sista ansökningsdagen."
    ]
    assert not FundCall.objects.exists()


def test_another_kommuns_application_is_not_found(
    other_coordinator_client, fund, forvaltning_a
):
    application = make_application(fund, forvaltning_a, "1000")
    url = reverse("projects:application_detail", args=[application.pk])
    assert other_coordinator_client.get(url).status_code == 404
    listed = other_coordinator_client.get(reverse("projects:application_list"))
    assert list(listed.context["object_list"]) == []


# -- reminders -----------------------------------------------------------------------


def remind(today: datetime.date, days: int = 7) -> str:
    out = StringIO()
    call_command(
        "send_fund_call_reminders",
        "--days",
        str(days),
        "--today",
        today.isoformat(),
        stdout=out,
    )
    return out.getvalue()


def test_a_reminder_before_the_deadline_is_sent_once(
    fund, coordinator, reporter_a, reader, other_coordinator
):
    for user in (coordinator, reporter_a, reader, other_coordinator):
        user.email = f"{user.username}@exempel.se"
        user.save()
    today = datetime.date(2017, 3, 25)
    make_call(fund, datetime.date(2017, 3, 31), title="Vårens utlysning")
    make_call(fund, datetime.date(2017, 9, 30), title="Höstens utlysning")

    remind(today)
    remind(today + DAY)

    assert sorted(message.to[0] for message in mail.outbox) == [
        "rapportor_a@exempel.se",
        "samordnare@exempel.se",
    ]
    message = mail.outbox[0]
    assert message.subject == "Internationella fonden: ansök senast 31 mars 2017"
    assert "Vårens utlysning" in message.body
    assert "om 6 dagar" in message.body
    assert ReminderSent.objects.filter(kind="fund_call").count() == 2


def test_no_reminder_long_before_the_deadline(fund, coordinator):
    coordinator.email = "samordnare@exempel.se"
    coordinator.save()
    make_call(fund, datetime.date(2017, 3, 31))
    remind(datetime.date(2017, 3, 1))
    assert mail.outbox == []


# -- links to partnerships and actions ---------------------------------------------


@pytest.fixture
def linked(fund, association, partnership_a, action_a, coordinator):  # noqa: F811
    application = make_application(
        fund, association, "20000", purpose="Påhittat besök hos vänskolan"
    )
    application.partnerships.set([partnership_a])
    application.actions.set([action_a])
    services.fund_application_decide(
        application=application, granted_amount=D(20000), by=coordinator
    )
    return application


def test_the_coordinator_links_an_application_to_a_partnership_and_an_action(
    coordinator_client, fund, association, partnership_a, action_a
):
    data = application_data(
        association, partnerships=[partnership_a.pk], actions=[action_a.pk]
    )
    assert coordinator_client.post(create_url(fund), data).status_code == 302
    application = FundApplication.objects.get()
    assert list(application.partnerships.all()) == [partnership_a]
    assert list(application.actions.all()) == [action_a]


def test_another_kommuns_partnership_or_action_cannot_be_linked(
    coordinator_client, fund, association, foreign_partnership, other_plan
):
    foreign_action = make_action(other_plan, title="Annan kommuns åtgärd")
    data = application_data(
        association,
        partnerships=[foreign_partnership.pk],
        actions=[foreign_action.pk],
    )
    response = coordinator_client.post(create_url(fund), data)
    assert {"partnerships", "actions"} <= response.context["form"].errors.keys()
    assert not FundApplication.objects.exists()


def test_links_show_on_the_application_partnership_and_action_pages(
    reader_client, linked, partnership_a, action_a
):
    page = reader_client.get(linked.get_absolute_url()).content.decode()
    assert partnership_a.get_absolute_url() in page
    assert action_a.get_absolute_url() in page
    for obj in (partnership_a, action_a):
        page = reader_client.get(obj.get_absolute_url()).content.decode()
        assert "Ansökningar ur fonden" in page
        assert linked.get_absolute_url() in page
        assert "Exempelföreningen Vänskapsbron" in page


def test_the_list_shows_what_each_application_concerns(
    reader_client, fund, forvaltning_a, linked, partnership_a, action_a
):
    unlinked = make_application(fund, forvaltning_a, "1000")
    response = reader_client.get(reverse("projects:application_list"))
    concerns = {
        row.xpath("string(th/a/@href)"): row.xpath("td[4]")[0]
        for row in lxml.html.fromstring(response.content).xpath("//tbody/tr")
    }
    links = concerns[linked.get_absolute_url()].xpath("a/@href")
    assert links == [partnership_a.get_absolute_url(), action_a.get_absolute_url()]
    assert concerns[unlinked.get_absolute_url()].text_content() == "–"


def test_the_ks_report_shows_what_a_grant_concerns(
    coordinator_client, kommun, linked, partnership_a
):
    (application,) = year_end_data(kommun, 2017).fund.applications
    assert list(application.partnerships.all()) == [partnership_a]
    page = coordinator_client.get(
        reverse("reports:year_end_preview", args=[kommun.pk, 2017])
    ).content.decode()
    fund_section = page[page.index('id="s-fund"') :]
    assert partnership_a.name in fund_section
    assert "Genomföra Europaveckan" in fund_section


# -- list, filters, export ---------------------------------------------------------


def test_the_list_filters_by_applicant_kind_call_year_status_and_partnership(
    reader_client, fund, forvaltning_a, linked, partnership_a
):
    call = make_call(fund, datetime.date(2017, 3, 31))
    own = make_application(fund, forvaltning_a, "1000", call=call)
    url = reverse("projects:application_list")

    def listed(query: str) -> list[FundApplication]:
        return list(reader_client.get(f"{url}?{query}").context["object_list"])

    assert listed("applicant_kind=association") == [linked]
    assert listed("applicant_kind=administration") == [own]
    assert listed(f"call={call.pk}") == [own]
    assert listed("status=granted") == [linked]
    assert listed(f"partnership={partnership_a.pk}") == [linked]
    assert set(listed("year=2017")) == {own, linked}
    assert listed("year=2018") == []


def test_the_export_holds_the_filtered_applications_with_their_links(
    reader_client, fund, forvaltning_a, linked, partnership_a
):
    make_application(fund, forvaltning_a, "1000")
    response = reader_client.get(
        reverse("projects:application_export") + "?applicant_kind=association"
    )
    (row,) = exported_rows(response, FUND_APPLICATION_COLUMNS)
    assert row["Applicant"].value == "Exempelföreningen Vänskapsbron"
    assert row["Kind of applicant"].value == "Förening"
    assert row["Concerns"].value == f"{partnership_a.name}; Genomföra Europaveckan"
    assert row["Amount granted"].value == 20000


def test_the_coordinator_may_register_an_application_outside_every_call(
    coordinator_client, fund, forvaltning_a
):
    make_call(fund, TODAY + DAY)
    response = coordinator_client.post(
        create_url(fund), application_data(forvaltning_a)
    )
    assert response.status_code == 302
    assert FundApplication.objects.get().call is None


def test_the_call_filter_names_each_call_with_its_year_and_deadline(
    coordinator_client, fund
):
    call = make_call(fund, datetime.date(2026, 3, 15), title="Vårens utlysning")
    response = coordinator_client.get(reverse("projects:application_list"))
    options = dict(response.context["filter"].form.fields["call"].widget.choices)
    assert options[call.pk] == (
        f"{fund.year}: Vårens utlysning (sista ansökningsdag 15 mars 2026)"
    )
    assert str(call) == "Vårens utlysning (sista ansökningsdag 15 mars 2026)"
