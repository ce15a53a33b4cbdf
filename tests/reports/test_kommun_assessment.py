"""The kommun's own assessment of its goals: the coordinator's page and the KS report."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from reports.models import KommunGoalAssessment, YearEndReport
from reports.year_end.data import year_end_data
from tests.reports.conftest import YEAR, approved
from tests.versions import loaded_version

pytestmark = pytest.mark.django_db


def url(kommun: Any, year: int = YEAR) -> str:
    return reverse("reports:kommun_assessment", args=[kommun.pk, year])


def posted(goals: list, answers: dict[int, tuple[str, str]], **extra: Any) -> dict:
    """The page's form: every goal in order, ``answers`` by position."""
    data = {"goal_ids": ",".join(str(goal.pk) for goal in goals), **extra}
    for index, (assessment, comment) in answers.items():
        data[f"goals-{index}-assessment"] = assessment
        data[f"goals-{index}-comment"] = comment
    return data


def adopt(kommun: Any, year: int = YEAR) -> None:
    report = YearEndReport.objects.create(kommun=kommun, year=year)
    YearEndReport.objects.filter(pk=report.pk).update(
        status=YearEndReport.Status.ADOPTED,
        file="ks/rapport.pdf",
        sha256="0" * 64,
        adopted_at=timezone.now(),
        ks_paragraph="§ 12",
    )


def test_the_page_lists_every_goal_in_force_with_the_organisations_assessments(
    coordinator_client, kommun, goals, report_a, reporter_a, coordinator
):
    approved(report_a, reporter_a, coordinator)

    response = coordinator_client.get(url(kommun))

    html = response.content.decode()
    assert response.status_code == 200
    for goal in goals:
        assert goal.text in html
    assert "Ett syfte." not in html  # a purpose is not assessed
    assert f"{report_a.organisation.name}: Uppnått" in html
    assert 'name="goals-1-comment"' in html


def test_the_coordinator_assesses_the_goals_for_the_whole_kommun(
    coordinator_client, coordinator, kommun, goals
):
    data = posted(
        goals, {0: ("partly", "Tre av fem förvaltningar deltog."), 1: ("", "")}
    )
    response = coordinator_client.post(url(kommun), data)

    assert response.status_code == 302
    (stored,) = KommunGoalAssessment.objects.all()  # the empty answer is not stored
    assert (stored.kommun, stored.year, stored.goal) == (kommun, YEAR, goals[0])
    assert stored.assessment == "partly"
    assert stored.comment == "Tre av fem förvaltningar deltog."
    assert stored.updated_by == coordinator
    assert stored.history.get().history_user == coordinator
    page = coordinator_client.get(url(kommun)).content.decode()
    assert "Senast bedömd av" in page


def test_changing_an_assessment_keeps_the_history(coordinator_client, kommun, goals):
    assessment = KommunGoalAssessment.objects.create(
        kommun=kommun, year=YEAR, goal=goals[0], assessment="partly"
    )
    data = posted(
        goals,
        {0: ("achieved", "Alla deltog."), 1: ("", "")},
        **loaded_version(assessment, "goals-0"),
    )
    assert coordinator_client.post(url(kommun), data).status_code == 302

    assessment.refresh_from_db()
    assert assessment.assessment == "achieved"
    assert [r.assessment for r in assessment.history.order_by("history_id")] == [
        "partly",
        "achieved",
    ]


def test_a_goal_added_meanwhile_saves_nothing(coordinator_client, kommun, goals):
    stale = posted(goals[:1], {0: ("achieved", "")})
    response = coordinator_client.post(url(kommun), stale, follow=True)

    assert "De gällande målen ändrades" in response.content.decode()
    assert not KommunGoalAssessment.objects.exists()


def test_an_unknown_level_is_refused_next_to_the_field(
    coordinator_client, kommun, goals
):
    data = posted(goals, {0: ("excellent", ""), 1: ("", "")})
    response = coordinator_client.post(url(kommun), data)

    assert response.status_code == 400
    assert "Ingenting har sparats" in response.content.decode()
    assert not KommunGoalAssessment.objects.exists()


@pytest.mark.parametrize("persona", ["reader_client", "reporter_a_client"])
def test_only_a_coordinator_assesses(request, persona, kommun, goals):
    client = request.getfixturevalue(persona)
    data = posted(goals, {0: ("achieved", ""), 1: ("", "")})

    assert client.get(url(kommun)).status_code == 403
    assert client.post(url(kommun), data).status_code == 403
    assert not KommunGoalAssessment.objects.exists()


def test_another_kommuns_page_is_not_found(other_coordinator_client, kommun, goals):
    assert other_coordinator_client.get(url(kommun)).status_code == 404


def test_an_adopted_years_assessment_can_no_longer_be_changed(
    coordinator_client, kommun, goals
):
    assessment = KommunGoalAssessment.objects.create(
        kommun=kommun, year=YEAR, goal=goals[0], assessment="partly", comment="Bra."
    )
    adopt(kommun)

    page = coordinator_client.get(url(kommun)).content.decode()
    data = posted(goals, {0: ("achieved", ""), 1: ("achieved", "")})
    refused = coordinator_client.post(url(kommun), data, follow=True)

    assert "har fastställts, så kommunens bedömning" in page
    assert 'name="goals-0-assessment"' not in page
    assert "Delvis uppnått" in page
    assert "har fastställts, så kommunens bedömning" in refused.content.decode()
    assessment.refresh_from_db()
    assert assessment.assessment == "partly"
    assert KommunGoalAssessment.objects.count() == 1


def test_the_ks_report_prints_the_kommuns_assessment_beside_the_organisations(
    coordinator_client, reader_client, kommun, goals, report_a, reporter_a, coordinator
):
    approved(report_a, reporter_a, coordinator)
    KommunGoalAssessment.objects.create(
        kommun=kommun,
        year=YEAR,
        goal=goals[1],
        assessment="not_achieved",
        comment="Inga EU-projekt söktes.",
    )

    data = year_end_data(kommun, YEAR)
    first, second = data.goals
    assert first.kommun_assessment is None
    assert second.kommun_assessment.comment == "Inga EU-projekt söktes."
    assert [a.report for a in second.assessments] == [report_a]

    preview = reverse("reports:year_end_preview", args=[kommun.pk, YEAR])
    html = reader_client.get(preview).content.decode()
    assert "Kommunens bedömning" in html
    assert "Inte uppnått" in html
    assert "Inga EU-projekt söktes." in html
    assert url(kommun) not in html  # the reader sees it, but no link to edit
    assert url(kommun) in coordinator_client.get(preview).content.decode()


def test_another_years_assessment_stays_out_of_the_ks_report(kommun, goals):
    KommunGoalAssessment.objects.create(
        kommun=kommun, year=YEAR - 1, goal=goals[0], assessment="achieved"
    )

    assert all(
        section.kommun_assessment is None
        for section in year_end_data(kommun, YEAR).goals
    )
