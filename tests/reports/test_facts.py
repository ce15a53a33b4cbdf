"""The report's facts from the register: live until approval, frozen after."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from actions.models import Action, ActionUpdate
from projects.models import FundingProgramme, Project
from reports.facts import (
    ActionFact,
    ProjectFact,
    ReportFacts,
    facts_from_json,
    facts_to_json,
    live_facts,
    report_facts,
)
from tests.factories import OrganisationFactory
from tests.reports.conftest import approved, make_project, submitted

pytestmark = pytest.mark.django_db

Kind = Project.Kind
Status = Project.Status


def titles(projects: list[ProjectFact]) -> list[str]:
    return [project.title for project in projects]


@pytest.fixture
def erasmus(db) -> FundingProgramme:
    return FundingProgramme.objects.defaults().get(code="ERASMUS+")


@pytest.fixture
def projects_a(forvaltning_a, enhet_a, forvaltning_b, erasmus) -> dict[str, Project]:
    """Förvaltning A's projects and applications of 2017, and some that are not."""
    return {
        "ongoing": make_project(
            forvaltning_a,
            title="Elevutbyte med Radviliskis",
            acronym="ELEV",
            kind=Kind.EU_PROJECT,
            programme=erasmus,
            status=Status.ONGOING,
            submitted_on=datetime.date(2017, 2, 1),
            decision_on=datetime.date(2017, 5, 15),
            starts_on=datetime.date(2017, 9, 1),
            ends_on=datetime.date(2018, 8, 31),
            currency="EUR",
            exchange_rate=Decimal("9.6543"),
            municipality_budget=Decimal("60000.00"),
            eu_grant=Decimal("45000.00"),
        ),
        "closed": make_project(
            enhet_a,
            title="Språkcafé i Europa",
            kind=Kind.EU_PROJECT,
            status=Status.CLOSED,
            submitted_on=datetime.date(2015, 3, 1),
            decision_on=datetime.date(2015, 6, 1),
            starts_on=datetime.date(2015, 9, 1),
            ends_on=datetime.date(2017, 6, 30),
            eu_grant=Decimal("250000.50"),
        ),
        "exchange": make_project(
            forvaltning_a,
            title="Lärarutbyte med Island",
            kind=Kind.EXCHANGE,
            status=Status.ONGOING,
            decision_on=datetime.date(2016, 12, 1),
            starts_on=datetime.date(2017, 1, 1),
        ),
        "rejected": make_project(
            forvaltning_a,
            title="Ansökan om digitalt lärande",
            kind=Kind.EU_PROJECT,
            status=Status.REJECTED,
            submitted_on=datetime.date(2017, 3, 1),
            decision_on=datetime.date(2017, 9, 1),
        ),
        "ended_before": make_project(
            forvaltning_a,
            title="Avslutat 2016",
            kind=Kind.EU_PROJECT,
            status=Status.CLOSED,
            decision_on=datetime.date(2014, 1, 1),
            starts_on=datetime.date(2014, 1, 1),
            ends_on=datetime.date(2016, 12, 31),
        ),
        "idea": make_project(forvaltning_a, title="Bara en idé"),
        "other_organisation": make_project(
            forvaltning_b,
            title="Förvaltning B:s projekt",
            kind=Kind.EU_PROJECT,
            status=Status.ONGOING,
            decision_on=datetime.date(2017, 1, 1),
            starts_on=datetime.date(2017, 1, 1),
        ),
    }


def test_facts_hold_the_organisations_and_its_units_projects_of_the_year(
    forvaltning_a, projects_a
):
    facts = live_facts(forvaltning_a, 2017)
    assert titles(facts.eu_projects_ongoing) == ["Elevutbyte med Radviliskis"]
    assert titles(facts.eu_projects_closed) == ["Språkcafé i Europa"]
    assert titles(facts.other_projects) == ["Lärarutbyte med Island"]
    assert titles(facts.applications) == [
        "Elevutbyte med Radviliskis",
        "Ansökan om digitalt lärande",
    ]
    assert [a.status_label for a in facts.applications] == [
        str(Status.ONGOING.label),
        str(Status.REJECTED.label),
    ]
    ongoing = facts.eu_projects_ongoing[0]
    assert ongoing.owner == forvaltning_a.name
    assert ongoing.programme == projects_a["ongoing"].programme.name
    assert ongoing.eu_grant_sek == Decimal("434443.50")
    assert facts.eu_grant_sek == Decimal("434443.50") + Decimal("250000.50")
    assert ongoing.url == reverse("projects:detail", args=[projects_a["ongoing"].pk])


def test_facts_hold_the_actions_with_their_latest_update_of_the_year(
    forvaltning_a, enhet_a, forvaltning_b, plan
):
    action = Action.objects.create(
        plan=plan,
        title="Vidareutveckla skolutbyten",
        reference="3.1",
        starts_on=datetime.date(2017, 1, 1),
        ends_on=datetime.date(2017, 12, 31),
    )
    action.responsible_organisations.set([enhet_a])
    for day, text, people, young in [
        (datetime.date(2017, 3, 1), "Planering.", 10, 2),
        (datetime.date(2017, 10, 5), "Elevutbyte genomfört.", 32, 28),
        (datetime.date(2018, 2, 1), "Uppföljning nästa år.", 5, 0),
    ]:
        ActionUpdate.objects.create(
            action=action,
            occurred_on=day,
            text=text,
            participants=people,
            young_participants=young,
        )
    ongoing = Action.objects.create(
        plan=plan, title="Stöd till Charity Group", is_ongoing=True
    )
    ongoing.responsible_organisations.set([forvaltning_a])
    other = Action.objects.create(
        plan=plan,
        title="B:s åtgärd",
        starts_on=datetime.date(2017, 1, 1),
        ends_on=datetime.date(2017, 6, 30),
    )
    other.responsible_organisations.set([forvaltning_b])

    facts = live_facts(forvaltning_a, 2017)

    by_title = {fact.title: fact for fact in facts.actions}
    assert set(by_title) == {"Vidareutveckla skolutbyten", "Stöd till Charity Group"}
    fact = by_title["Vidareutveckla skolutbyten"]
    assert fact.latest_update_on == datetime.date(2017, 10, 5)
    assert fact.latest_update_text == "Elevutbyte genomfört."
    assert (fact.participants, fact.young_participants) == (42, 30)
    assert fact.url == reverse("actions:detail", args=[action.pk])


def test_the_snapshot_round_trips_into_the_same_dataclasses():
    facts = ReportFacts(
        year=2017,
        organisation="Barn- och utbildningsförvaltningen",
        eu_projects_ongoing=[
            ProjectFact(
                pk=7,
                title="Elevutbyte",
                acronym="ELEV",
                kind="eu_project",
                status="ongoing",
                owner="Katedralskolan",
                programme="Erasmus+",
                submitted_on=datetime.date(2017, 2, 1),
                decision_on=None,
                starts_on=datetime.date(2017, 9, 1),
                ends_on=None,
                municipality_budget_sek=Decimal("579258.00"),
                eu_grant_sek=Decimal("434443.50"),
            )
        ],
        eu_projects_closed=[],
        other_projects=[],
        applications=[],
        actions=[
            ActionFact(
                pk=3,
                reference="3.1",
                title="Skolutbyten",
                plan="Handlingsplan 2017",
                status="in_progress",
                timing_text="Hela 2017",
                latest_update_on=datetime.date(2017, 10, 5),
                latest_update_text="Genomfört.",
                participants=42,
                young_participants=None,
            )
        ],
        frozen_at=datetime.datetime(2017, 12, 1, 9, 30, tzinfo=datetime.UTC),
    )
    stored = json.loads(json.dumps(facts_to_json(facts)))
    assert stored["facts"]["eu_projects_ongoing"][0]["eu_grant_sek"] == "434443.50"
    assert stored["facts"]["eu_projects_ongoing"][0]["starts_on"] == "2017-09-01"
    assert facts_from_json(stored) == facts
    restored = facts_from_json(stored).eu_projects_ongoing[0]
    assert isinstance(restored.eu_grant_sek, Decimal)
    assert isinstance(restored.submitted_on, datetime.date)


def test_before_approval_the_facts_follow_the_register(
    reporter_a, report_a, projects_a
):
    report = submitted(report_a, reporter_a)
    project = projects_a["ongoing"]
    project.title = "Elevutbyte med Radviliskis och Riga"
    project.save()
    facts = report_facts(report)
    assert not facts.is_frozen
    assert titles(facts.eu_projects_ongoing) == ["Elevutbyte med Radviliskis och Riga"]


def test_an_approved_report_is_frozen_against_later_changes_in_the_register(
    reporter_a_client, reporter_a, coordinator, report_a, projects_a, plan
):
    report = approved(report_a, reporter_a, coordinator)
    before = report_facts(report)

    project = projects_a["ongoing"]
    project.title = "Omdöpt efter godkännandet"
    project.eu_grant = Decimal("1000.00")
    project.save()
    projects_a["closed"].delete()
    make_project(
        report.organisation,
        title="Ny ansökan efter godkännandet",
        status=Status.SUBMITTED,
        submitted_on=datetime.date(2017, 12, 20),
    )
    late_action = Action.objects.create(
        plan=plan,
        title="Åtgärd tillagd efter godkännandet",
        starts_on=datetime.date(2017, 1, 1),
        ends_on=datetime.date(2017, 12, 31),
    )
    late_action.responsible_organisations.set([report.organisation])

    report.refresh_from_db()
    after = report_facts(report)
    assert after == before
    assert after.is_frozen
    assert titles(after.eu_projects_ongoing) == ["Elevutbyte med Radviliskis"]
    assert after.eu_projects_ongoing[0].eu_grant_sek == Decimal("434443.50")
    assert titles(after.eu_projects_closed) == ["Språkcafé i Europa"]
    page = reporter_a_client.get(report.get_absolute_url()).content.decode()
    assert "Elevutbyte med Radviliskis" in page
    assert "Omdöpt efter godkännandet" not in page
    assert "Ny ansökan efter godkännandet" not in page
    assert "Åtgärd tillagd efter godkännandet" not in page


def test_an_approved_report_keeps_the_wording_of_the_goals_it_assessed(
    reader_client, reporter_a, coordinator, report_a, goals
):
    report = approved(report_a, reporter_a, coordinator)
    goals[0].text = "Omformulerat mål"
    goals[0].save()
    page = reader_client.get(report.get_absolute_url()).content.decode()
    assert "Att förankra det internationella arbetet" in page
    assert "Omformulerat mål" not in page


def test_an_open_report_follows_a_reworded_goal(reporter_a_client, report_a, goals):
    goals[0].text = "Omformulerat mål"
    goals[0].save()
    reporter_a_client.get(report_a.get_absolute_url())
    assert report_a.goal_assessments.get(goal=goals[0]).goal_text == "Omformulerat mål"


def test_the_frozen_facts_are_stamped_with_the_time_of_approval(
    reporter_a, coordinator, report_a
):
    before = timezone.now()
    report = approved(report_a, reporter_a, coordinator)
    facts = report_facts(report)
    assert before <= facts.frozen_at <= timezone.now()
    assert facts.frozen_at == report.approved_at


def test_the_report_page_links_each_fact_to_the_register(
    reporter_a_client, report_a, projects_a
):
    page = reporter_a_client.get(report_a.get_absolute_url()).content.decode()
    for key in ("ongoing", "closed", "exchange", "rejected"):
        assert reverse("projects:detail", args=[projects_a[key].pk]) in page
    assert reverse("projects:detail", args=[projects_a["idea"].pk]) not in page
    assert (
        reverse("projects:detail", args=[projects_a["other_organisation"].pk])
        not in page
    )


def test_a_kommuns_organisation_outside_the_tree_is_not_counted(kommun, forvaltning_a):
    sibling = OrganisationFactory(parent=kommun, name="Kultur")
    make_project(
        sibling,
        title="Kulturens projekt",
        kind=Kind.EU_PROJECT,
        status=Status.ONGOING,
        decision_on=datetime.date(2017, 1, 1),
        starts_on=datetime.date(2017, 1, 1),
    )
    assert live_facts(forvaltning_a, 2017).eu_projects_ongoing == []
    assert titles(live_facts(sibling, 2017).eu_projects_ongoing) == [
        "Kulturens projekt"
    ]


def test_a_recurring_partnership_activity_counts_in_each_year_it_recurs(forvaltning_a):
    from projects.models import Partnership, PartnershipActivity

    partnership = Partnership.objects.create(
        kind=Partnership.Kind.NETWORK,
        name="Exempelnätverket",
        responsible_organisation=forvaltning_a,
    )
    PartnershipActivity.objects.create(
        partnership=partnership,
        occurred_on=datetime.date(2016, 2, 1),
        kind=PartnershipActivity.Kind.MEETING,
        purpose="Videokonferens med nätverket",
        participants=5,
        young_participants=1,
        cost=Decimal(100),
        recurrence="times_a_year",
        times_per_year=4,
    )
    (fact,) = live_facts(forvaltning_a, 2017).partnership_activities
    assert (fact.occurrences, fact.participants, fact.young_participants) == (4, 20, 4)
    assert fact.cost == Decimal(400)
    assert fact.occurred_text.startswith("4 gånger om året")
    assert live_facts(forvaltning_a, 2015).partnership_activities == []
    # The snapshot keeps it; an older snapshot without the fields reads as once.
    again = facts_from_json(
        json.loads(json.dumps(facts_to_json(live_facts(forvaltning_a, 2017))))
    )
    assert again.partnership_activities == [fact]
