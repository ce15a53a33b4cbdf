"""seed_demo: Skara's follow-up of 2017 with a report in every state."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from reports.facts import report_facts
from reports.models import AnnualReport, FollowUpRound, ReportActivity, ReportEvent

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    return {
        "rounds": FollowUpRound.objects.count(),
        "reports": AnnualReport.objects.count(),
        "activities": ReportActivity.objects.count(),
        "events": ReportEvent.objects.count(),
        "history": AnnualReport.history.count(),
    }


def test_seed_demo_opens_skaras_2017_follow_up_with_a_report_in_every_state():
    call_command("seed_demo", stdout=StringIO())
    follow_up_round = FollowUpRound.objects.get(kommun__name="Skara kommun", year=2017)
    assert (follow_up_round.year, follow_up_round.is_open) == (2017, True)
    # Seeded years later, it registers a year that is over: nothing in it is late.
    assert follow_up_round.is_backfill and not follow_up_round.is_late
    by_name = {r.organisation.name: r for r in follow_up_round.reports.all()}
    assert {r.status for r in by_name.values()} == {
        "draft",
        "submitted",
        "returned",
        "approved",
    }
    assert by_name["Barn- och utbildningsförvaltningen"].status == "draft"
    approved = [r for r in by_name.values() if r.status == "approved"]
    assert {r.organisation.kind for r in approved} == {"forvaltning"}
    assert len(approved) == 2
    assert all(report_facts(r).is_frozen for r in approved)
    returned = next(r for r in by_name.values() if r.status == "returned")
    assert returned.return_comment.startswith("Exempel:")


def test_the_demo_reports_content_is_labelled_as_examples():
    call_command("seed_demo", stdout=StringIO())
    written = AnnualReport.objects.exclude(results="")
    assert written.exists()
    assert all(r.is_example and r.results.startswith("Exempel:") for r in written)
    assert all(a.is_example for a in ReportActivity.objects.all())
    assert all(a.title.startswith("Exempel:") for a in ReportActivity.objects.all())


def test_the_demo_steps_are_taken_by_the_demo_users():
    call_command("seed_demo", stdout=StringIO())
    report = AnnualReport.objects.get(
        round__kommun__name="Skara kommun",
        organisation__name="Samhällsbyggnadsförvaltningen",
    )
    steps = [(e.kind, e.by.username) for e in report.events.order_by("at", "pk")]
    assert steps == [
        ("created", "skara.samordnare"),
        ("submitted", "skara.sbf"),
        ("returned", "skara.samordnare"),
    ]


def test_seed_demo_twice_creates_nothing_twice():
    call_command("seed_demo", stdout=StringIO())
    first = counts()
    call_command("seed_demo", stdout=StringIO())
    assert counts() == first


def test_last_years_follow_up_is_done_and_closed():
    call_command("seed_demo", stdout=StringIO())
    last_year = timezone.localdate().year - 1
    follow_up_round = FollowUpRound.objects.get(
        kommun__name="Skara kommun", year=last_year
    )
    assert not follow_up_round.is_open and not follow_up_round.is_backfill
    statuses = set(follow_up_round.reports.values_list("status", flat=True))
    assert statuses == {"approved"}
    assert follow_up_round.reports.count() == 3
    assert all(r.results.startswith("Exempel:") for r in follow_up_round.reports.all())


def test_last_years_ks_report_has_the_example_plans_goals_assessed_by_the_reports():
    from reports.year_end.data import year_end_data

    call_command("seed_demo", stdout=StringIO())
    last_year = timezone.localdate().year - 1
    kommun = FollowUpRound.objects.get(
        kommun__name="Skara kommun", year=last_year
    ).kommun
    sections = year_end_data(kommun, last_year).goals
    assert [s.goal.text for s in sections] == [
        "Exempel: fler unga ska delta i internationella utbyten.",
        "Exempel: förvaltningarna ska ha kunskap att söka EU-medel.",
    ]
    assert all(section.assessments for section in sections)
    assert all(section.goal.actions.exists() for section in sections)
    assert all(
        section.kommun_assessment.comment.startswith("Exempel:") for section in sections
    )
