"""Who may open, change, submit, return and approve a report (DESIGN §3).

A reporter works on their own organisation's report, and its units', until it is
submitted; never on another organisation's. Every endpoint is tried with a direct
POST, and the database is checked to be unchanged.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from reports import services
from reports.models import AnnualReport, GoalAssessment, ReportActivity, ReportEvent
from tests.factories import member
from tests.reports.conftest import approved, complete, page_data, submitted
from tests.versions import loaded_version

pytestmark = pytest.mark.django_db

ENDPOINTS = ["report_save", "report_submit", "report_return", "report_approve"]


def url(name: str, report: AnnualReport) -> str:
    return reverse(f"reports:{name}", args=[report.pk])


def post_everything(client, report: AnnualReport) -> list[int]:
    """Every endpoint of the report, each with data that would otherwise work."""
    data = page_data(report, comment="Gör om.")
    return [client.post(url(name, report), data).status_code for name in ENDPOINTS]


def state(report: AnnualReport) -> dict[str, Any]:
    """Everything a POST could change about a report."""
    fresh = AnnualReport.objects.get(pk=report.pk)
    return {
        "fields": {
            name: getattr(fresh, name)
            for name in (
                "status",
                "results",
                "needs",
                "project_ideas",
                "contact_person_id",
                "contact_name",
                "return_comment",
                "snapshot",
                "submitted_at",
                "approved_at",
            )
        },
        "activities": list(
            ReportActivity.objects.filter(report=report).values_list("title", flat=True)
        ),
        "assessments": list(
            GoalAssessment.objects.filter(report=report).values_list(
                "assessment", "comment"
            )
        ),
        "events": ReportEvent.objects.filter(report=report).count(),
    }


def test_reporter_opens_and_works_on_their_own_report(reporter_a_client, report_a):
    response = reporter_a_client.get(report_a.get_absolute_url())
    assert response.status_code == 200
    assert response.context["can_edit"] is True
    assert "form" in response.context


def test_reporter_cannot_open_another_organisations_report(reporter_b_client, report_a):
    assert reporter_b_client.get(report_a.get_absolute_url()).status_code == 403


def test_reporter_cannot_post_to_another_organisations_report(
    reporter_b_client, report_a
):
    before = state(report_a)
    assert post_everything(reporter_b_client, report_a) == [403, 403, 403, 403]
    assert state(report_a) == before


def test_reporter_cannot_touch_another_organisations_submitted_report(
    reporter_b_client, reporter_a, report_a
):
    report = submitted(report_a, reporter_a)
    before = state(report)
    assert post_everything(reporter_b_client, report) == [403, 403, 403, 403]
    assert state(report) == before


def test_reporter_cannot_edit_their_report_after_submitting_it(
    reporter_a_client, reporter_a, report_a
):
    report = submitted(report_a, reporter_a)
    before = state(report)
    page = reporter_a_client.get(report.get_absolute_url())
    assert page.status_code == 200
    assert page.context["can_edit"] is False
    assert "form" not in page.context
    data = page_data(report, **{"report-results": "Ändrat i efterhand."})
    for name in ("report_save", "report_submit"):
        assert reporter_a_client.post(url(name, report), data).status_code == 403
    assert state(report) == before


def test_reporter_cannot_return_or_approve_their_own_report(
    reporter_a_client, reporter_a, report_a
):
    report = submitted(report_a, reporter_a)
    before = state(report)
    for name in ("report_return", "report_approve"):
        response = reporter_a_client.post(url(name, report), {"comment": "Gör om."})
        assert response.status_code == 403
    assert state(report) == before


def test_reader_reads_every_report_but_changes_none(
    reader_client, reporter_a, report_a
):
    page = reader_client.get(report_a.get_absolute_url())
    assert page.status_code == 200
    assert page.context["can_edit"] is False
    before = state(report_a)
    assert post_everything(reader_client, report_a) == [403, 403, 403, 403]
    report = submitted(report_a, reporter_a)
    before = state(report)
    assert post_everything(reader_client, report) == [403, 403, 403, 403]
    assert state(report) == before


def test_another_kommuns_report_is_not_found(other_coordinator_client, report_a):
    assert other_coordinator_client.get(report_a.get_absolute_url()).status_code == 404
    before = state(report_a)
    assert post_everything(other_coordinator_client, report_a) == [404] * 4
    assert state(report_a) == before


def test_reporter_of_a_forvaltning_works_on_its_units_report(
    kommun, coordinator, reporter_a_client, enhet_a, goals
):
    follow_up_round = services.round_open(
        kommun=kommun,
        year=2017,
        deadline=goals[0].strategy.valid_until,
        organisations=[enhet_a],
        by=coordinator,
    )
    report = follow_up_round.reports.get()
    response = reporter_a_client.post(url("report_save", report), page_data(report))
    assert response.status_code == 302
    assert report.activities.count() == 1


def test_reporter_of_a_unit_cannot_open_its_forvaltnings_report(enhet_a, report_a):
    from tests.conftest import client_for

    unit_reporter = client_for(member(enhet_a, "reporter", "rapportor_enhet"))
    assert unit_reporter.get(report_a.get_absolute_url()).status_code == 403
    before = state(report_a)
    assert post_everything(unit_reporter, report_a) == [403] * 4
    assert state(report_a) == before


def test_nobody_changes_a_submitted_report_without_returning_it(
    coordinator_client, reporter_a, report_a
):
    report = submitted(report_a, reporter_a)
    before = state(report)
    data = page_data(report, **{"report-results": "Samordnaren skriver om."})
    assert coordinator_client.post(url("report_save", report), data).status_code == 403
    assert state(report) == before


def test_nobody_changes_an_approved_report(
    coordinator_client, reporter_a_client, reporter_a, coordinator, report_a
):
    report = approved(report_a, reporter_a, coordinator)
    before = state(report)
    for client in (coordinator_client, reporter_a_client):
        data = page_data(report, **{"report-results": "Efter godkännandet."})
        assert client.post(url("report_save", report), data).status_code == 403
        assert client.post(url("report_submit", report), data).status_code == 403
    response = coordinator_client.post(url("report_return", report), {"comment": "x"})
    assert response.status_code == 302
    assert state(report) == before


def test_reporter_cannot_edit_once_the_round_is_closed(
    reporter_a_client, coordinator, report_a
):
    services.round_close(follow_up_round=report_a.round, by=coordinator)
    page = reporter_a_client.get(report_a.get_absolute_url())
    assert page.context["can_edit"] is False
    before = state(report_a)
    response = reporter_a_client.post(url("report_save", report_a), page_data(report_a))
    assert response.status_code == 403
    assert state(report_a) == before


def test_assessments_of_another_report_cannot_be_posted_into_this_one(
    reporter_a_client, reporter_b, report_a, report_b
):
    other = report_b.goal_assessments.first()
    data = page_data(report_a, **{"goals-0-id": str(other.pk)})
    data["goals-0-comment"] = "Skrivet över i en annan redovisning."
    reporter_a_client.post(url("report_save", report_a), data)
    other.refresh_from_db()
    assert other.comment == ""
    assert other.assessment == ""
    assert other.report == report_b


def test_extra_goal_rows_in_the_post_create_no_assessments(reporter_a_client, report_a):
    data = page_data(report_a)
    count = report_a.goal_assessments.count()
    data["goals-TOTAL_FORMS"] = str(count + 1)
    data[f"goals-{count}-assessment"] = "achieved"
    data[f"goals-{count}-comment"] = "Ett mål jag hittat på."
    reporter_a_client.post(url("report_save", report_a), data)
    assert report_a.goal_assessments.count() == count
    assert not report_a.goal_assessments.filter(comment="Ett mål jag hittat på.")


def test_activity_rows_of_another_report_cannot_be_changed_from_this_one(
    reporter_a_client, reporter_b, report_a, report_b
):
    foreign = ReportActivity.objects.create(
        report=report_b, activity_type="other", title="B:s aktivitet"
    )
    data = page_data(report_a)
    data.update(
        {
            "activities-TOTAL_FORMS": "1",
            "activities-INITIAL_FORMS": "1",
            "activities-0-id": str(foreign.pk),
            "activities-0-title": "Kapad",
            # Even with the version of the foreign row the post changes nothing.
            **loaded_version(foreign, "activities-0"),
        }
    )
    reporter_a_client.post(url("report_save", report_a), data)
    foreign.refresh_from_db()
    assert foreign.title == "B:s aktivitet"
    assert foreign.report == report_b


def test_transitions_need_post(reporter_a_client, report_a):
    for name in ENDPOINTS:
        assert reporter_a_client.get(url(name, report_a)).status_code == 405


def test_every_page_needs_login(client, report_a):
    pages = [
        reverse("reports:round_list"),
        reverse("reports:mine"),
        reverse("reports:round_create"),
        report_a.round.get_absolute_url(),
        report_a.get_absolute_url(),
    ]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))
    before = state(report_a)
    for name in ENDPOINTS:
        assert client.post(url(name, report_a), page_data(report_a)).status_code == 302
    assert state(report_a) == before


def test_my_report_lists_only_the_users_own_organisations(
    reporter_a_client, coordinator_client, report_a, report_b
):
    mine = reporter_a_client.get(reverse("reports:mine")).context["reports"]
    assert mine == [report_a]
    assert coordinator_client.get(reverse("reports:mine")).context["reports"] == []


def test_visible_to_gives_reporters_their_own_and_readers_all(
    reporter_a, reader, other_coordinator, report_a, report_b
):
    assert list(AnnualReport.objects.visible_to(reporter_a)) == [report_a]
    assert set(AnnualReport.objects.visible_to(reader)) == {report_a, report_b}
    assert not AnnualReport.objects.visible_to(other_coordinator).exists()


def test_editable_by_ends_for_a_reporter_at_submission(reporter_a, report_a):
    assert list(AnnualReport.objects.editable_by(reporter_a)) == [report_a]
    complete(report_a, reporter_a)
    services.report_submit(report=report_a, by=reporter_a)
    assert not AnnualReport.objects.editable_by(reporter_a).exists()


def test_the_services_refuse_a_reporter_whatever_the_view_lets_through(
    reporter_a, reporter_b, coordinator, report_a
):
    from django.core.exceptions import PermissionDenied

    report = submitted(report_a, reporter_a)
    with pytest.raises(PermissionDenied):
        services.report_approve(report=report, by=reporter_a)
    with pytest.raises(PermissionDenied):
        services.report_return(report=report, by=reporter_a, comment="Gör om.")
    services.report_return(report=report, by=coordinator, comment="Gör om.")
    with pytest.raises(PermissionDenied):
        services.report_submit(report=report, by=reporter_b)
    report.refresh_from_db()
    assert report.status == AnnualReport.Status.RETURNED


def test_the_history_of_another_organisations_report_is_hidden_from_a_reporter(
    reporter_b_client, reader_client, report_a
):
    from django.urls import reverse

    url = reverse("intkommun:history", args=["reports", "annualreport", report_a.pk])
    assert reporter_b_client.get(url).status_code == 403
    assert reader_client.get(url).status_code == 200
