"""The report's life: draft → submitted → returned (→ submitted) or approved."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from reports import services
from reports.facts import SNAPSHOT_VERSION
from reports.models import AnnualReport, ReportEvent
from tests.factories import member
from tests.reports.conftest import approved, complete, page_data, submitted
from tests.versions import loaded_version

pytestmark = pytest.mark.django_db

Status = AnnualReport.Status
Kind = ReportEvent.Kind


def url(name: str, report: AnnualReport) -> str:
    return reverse(f"reports:{name}", args=[report.pk])


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_reporter_saves_a_draft_with_activities_and_assessments(
    reporter_a_client, reporter_a, report_a
):
    response = reporter_a_client.post(url("report_save", report_a), page_data(report_a))
    assert response.status_code == 302
    report = AnnualReport.objects.get(pk=report_a.pk)
    assert report.status == Status.DRAFT
    assert report.results.startswith("Tjugo elever")
    assert report.project_ideas == "Ett Erasmus+-projekt om hållbarhet."
    activity = report.activities.get()
    assert (activity.activity_type, activity.participants) == (
        "transnational_exchange",
        24,
    )
    assert activity.young_participants == 20
    assert [country.code for country in activity.countries] == ["LT"]
    assert {a.assessment for a in report.goal_assessments.all()} == {"achieved"}
    assert report.history.first().history_user == reporter_a
    event = report.events.latest("at")
    assert (event.kind, event.by) == (Kind.SAVED, reporter_a)


def test_an_activity_row_can_be_removed(reporter_a_client, report_a):
    reporter_a_client.post(url("report_save", report_a), page_data(report_a))
    activity = report_a.activities.get()
    data = page_data(report_a)
    data.update(
        {
            "activities-TOTAL_FORMS": "1",
            "activities-INITIAL_FORMS": "1",
            "activities-0-id": str(activity.pk),
            "activities-0-DELETE": "on",
            **loaded_version(activity, "activities-0"),
        }
    )
    assert reporter_a_client.post(url("report_save", report_a), data).status_code == 302
    assert not report_a.activities.exists()


def test_saving_the_page_again_keeps_an_activitys_countries(
    reporter_a_client, report_a
):
    reporter_a_client.post(url("report_save", report_a), page_data(report_a))
    activity = report_a.activities.get()
    page = reporter_a_client.get(report_a.get_absolute_url())
    row = page.context["activity_formset"].forms[0]
    assert row.instance == activity
    assert 'value="LT" selected' in str(row["countries"])

    data = page_data(report_a)
    data.update(
        {
            "activities-TOTAL_FORMS": "1",
            "activities-INITIAL_FORMS": "1",
            "activities-0-id": str(activity.pk),
            "activities-0-countries": [
                c for c in row["countries"].value() if c == "LT"
            ],
            **loaded_version(activity, "activities-0"),
        }
    )
    assert reporter_a_client.post(url("report_save", report_a), data).status_code == 302
    activity.refresh_from_db()
    assert [country.code for country in activity.countries] == ["LT"]


def test_more_young_participants_than_participants_is_refused_next_to_the_field(
    reporter_a_client, report_a
):
    data = page_data(report_a, **{"activities-0-young_participants": "30"})
    response = reporter_a_client.post(url("report_save", report_a), data)
    assert response.status_code == 400
    formset = response.context["activity_formset"]
    assert "young_participants" in formset.forms[0].errors
    assert not report_a.activities.exists()
    assert AnnualReport.objects.get(pk=report_a.pk).results == ""


def test_the_contact_person_must_belong_to_the_organisation(
    reporter_a_client, reporter_b, enhet_a, report_a
):
    data = page_data(report_a, **{"report-contact_person": str(reporter_b.pk)})
    response = reporter_a_client.post(url("report_save", report_a), data)
    assert response.status_code == 400
    assert "contact_person" in response.context["form"].errors

    unit_member = member(enhet_a, "reader", "enhetschef")
    data = page_data(report_a, **{"report-contact_person": str(unit_member.pk)})
    assert reporter_a_client.post(url("report_save", report_a), data).status_code == 302
    assert AnnualReport.objects.get(pk=report_a.pk).contact_person == unit_member


def test_submitting_an_incomplete_report_is_refused_with_what_is_missing(
    reporter_a_client, report_a
):
    response = reporter_a_client.post(url("report_submit", report_a))
    assert response.status_code == 302
    report = AnnualReport.objects.get(pk=report_a.pk)
    assert report.status == Status.DRAFT
    assert not report.events.filter(kind=Kind.SUBMITTED).exists()
    (message,) = messages_of(response)
    assert gettext("A contact person is named") in message
    assert gettext("The results of the international work are described") in message
    assert "a. Att förankra det internationella arbetet" in message


def test_a_goal_marked_not_assessed_needs_a_comment_before_submitting(
    reporter_a, report_a
):
    complete(report_a, reporter_a)
    assessment = report_a.goal_assessments.first()
    assessment.assessment = "not_assessed"
    assessment.save()
    with pytest.raises(services.ReportRefused) as refusal:
        services.report_submit(report=report_a, by=reporter_a)
    assert refusal.value.missing == [
        gettext("A goal marked “Not assessed” has a comment saying why")
        + ": "
        + assessment.goal_display
    ]
    assessment.comment = "Målet berör inte förvaltningen."
    assessment.save()
    assert services.report_submit(report=report_a, by=reporter_a).status == "submitted"


def test_the_checklist_shows_what_is_done_and_what_is_missing(
    reporter_a_client, report_a
):
    response = reporter_a_client.get(report_a.get_absolute_url())
    checklist = {item.label: item.is_done for item in response.context["checklist"]}
    assert checklist == {
        gettext("A contact person is named"): False,
        gettext("The results of the international work are described"): False,
        gettext("Every goal is assessed (%(done)s of %(total)s)")
        % {"done": 0, "total": 2}: False,
        gettext("A goal marked “Not assessed” has a comment saying why"): True,
    }


def test_submit_from_the_page_saves_what_was_typed_and_submits(
    reporter_a_client, reporter_a, report_a
):
    data = page_data(report_a, **{"report-contact_name": "Anna Exempelperson"})
    response = reporter_a_client.post(url("report_submit", report_a), data)
    assert response.status_code == 302
    report = AnnualReport.objects.get(pk=report_a.pk)
    assert report.status == Status.SUBMITTED
    assert report.submitted_by == reporter_a
    assert report.submitted_at is not None
    assert report.activities.count() == 1
    kinds = list(report.events.values_list("kind", flat=True))
    assert kinds[-2:] == [Kind.SAVED, Kind.SUBMITTED]


def test_an_invalid_page_is_not_submitted(reporter_a_client, report_a):
    data = page_data(
        report_a,
        **{
            "report-contact_name": "Anna Exempelperson",
            "activities-0-young_participants": "99",
        },
    )
    response = reporter_a_client.post(url("report_submit", report_a), data)
    assert response.status_code == 400
    assert AnnualReport.objects.get(pk=report_a.pk).status == Status.DRAFT


def test_coordinator_returns_a_report_with_a_comment_and_the_organisation_is_told(
    coordinator_client,
    coordinator,
    reporter_a,
    report_a,
    django_capture_on_commit_callbacks,
):
    reporter_a.email = "rapportor.a@skara.example"
    reporter_a.save()
    report = submitted(report_a, reporter_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            url("report_return", report),
            {"comment": "Beskriv resultaten mer konkret."},
        )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Status.RETURNED
    assert report.return_comment == "Beskriv resultaten mer konkret."
    event = report.events.latest("at")
    assert (event.kind, event.by, event.comment) == (
        Kind.RETURNED,
        coordinator,
        "Beskriv resultaten mer konkret.",
    )
    (email,) = mail.outbox
    assert email.to == ["rapportor.a@skara.example"]
    with translation.override("sv"):
        expected = gettext(
            "Your report on international work %(year)s has been returned"
        ) % {"year": 2017}
    assert email.subject == expected
    assert "Beskriv resultaten mer konkret." in email.body
    assert f"http://testserver{report.get_absolute_url()}" in email.body


def test_a_return_without_a_comment_is_refused_next_to_the_field(
    coordinator_client, reporter_a, report_a
):
    report = submitted(report_a, reporter_a)
    response = coordinator_client.post(url("report_return", report), {"comment": " "})
    assert response.status_code == 400
    assert "comment" in response.context["return_form"].errors
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED


def test_a_returned_report_is_changed_and_submitted_again(
    reporter_a_client, coordinator, reporter_a, report_a
):
    report = submitted(report_a, reporter_a)
    services.report_return(report=report, by=coordinator, comment="Lägg till mer.")
    page = reporter_a_client.get(report.get_absolute_url())
    assert page.context["can_edit"] is True
    assert "Lägg till mer." in page.content.decode()

    data = page_data(report, **{"report-contact_name": "Anna Exempelperson"})
    data["report-results"] = "Nu med fler resultat."
    response = reporter_a_client.post(url("report_submit", report), data)
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.status, report.results) == (
        Status.SUBMITTED,
        "Nu med fler resultat.",
    )


def test_coordinator_approves_a_submitted_report(
    coordinator_client, coordinator, reporter_a, report_a
):
    report = submitted(report_a, reporter_a)
    response = coordinator_client.post(url("report_approve", report))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Status.APPROVED
    assert report.approved_by == coordinator
    assert report.approved_at is not None
    assert report.snapshot["version"] == SNAPSHOT_VERSION


@pytest.mark.parametrize("name", ["report_approve", "report_return"])
def test_only_a_submitted_report_is_approved_or_returned(
    coordinator_client, report_a, name
):
    response = coordinator_client.post(url(name, report_a), {"comment": "Gör om."})
    assert response.status_code == 302
    assert messages_of(response) == [
        gettext("Only a submitted report can be returned or approved.")
    ]
    report = AnnualReport.objects.get(pk=report_a.pk)
    assert (report.status, report.snapshot) == (Status.DRAFT, None)


def test_every_transition_is_recorded_with_who_and_when(
    coordinator, reporter_a, report_a
):
    report = submitted(report_a, reporter_a)
    report = services.report_return(report=report, by=coordinator, comment="Mer.")
    report = services.report_submit(report=report, by=reporter_a)
    services.report_approve(report=report, by=coordinator)

    events = list(report_a.events.order_by("at", "pk"))
    assert [(e.kind, e.by) for e in events] == [
        (Kind.CREATED, coordinator),
        (Kind.SUBMITTED, reporter_a),
        (Kind.RETURNED, coordinator),
        (Kind.SUBMITTED, reporter_a),
        (Kind.APPROVED, coordinator),
    ]
    times = [event.at for event in events]
    assert times == sorted(times)
    statuses = [record.status for record in report_a.history.order_by("history_id")]
    assert statuses[-4:] == ["submitted", "returned", "submitted", "approved"]


def test_the_report_page_shows_every_event_with_who(
    reader_client, coordinator, reporter_a, report_a
):
    reporter_a.first_name, reporter_a.last_name = "Rut", "Rapportör"
    reporter_a.save()
    report = submitted(report_a, reporter_a)
    services.report_return(report=report, by=coordinator, comment="Fyll i behoven.")
    text = reader_client.get(report.get_absolute_url()).content.decode()
    events = text[text.index('id="report-events"') :]
    assert "Rut Rapportör" in events
    assert "Fyll i behoven." in events
    assert events.count("<li") == 3


def test_coordinator_sees_the_review_forms_only_on_a_submitted_report(
    coordinator_client, reporter_a, report_a
):
    draft_page = coordinator_client.get(report_a.get_absolute_url())
    assert draft_page.context["can_review"] is False
    assert url("report_approve", report_a) not in draft_page.content.decode()
    report = submitted(report_a, reporter_a)
    page = coordinator_client.get(report.get_absolute_url())
    assert page.context["can_review"] is True
    assert url("report_approve", report) in page.content.decode()
    assert url("report_return", report) in page.content.decode()


def test_an_approved_report_shows_its_content_read_only(
    reporter_a_client, reporter_a, coordinator, report_a
):
    report = approved(report_a, reporter_a, coordinator)
    page = reporter_a_client.get(report.get_absolute_url())
    assert page.status_code == 200
    assert page.context["can_edit"] is False
    assert page.context["can_review"] is False
    text = page.content.decode()
    assert "Tjugo elever deltog i ett utbyte." in text
    assert 'id="report-form"' not in text
