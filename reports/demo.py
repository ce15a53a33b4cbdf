"""Demo data: Skara's follow-up of 2017, with a report in every state, and last
year's, done: three reports approved and the round closed.

Skara's action plan says the international work is evaluated and reported to KS in
December, so the round's deadline is 30 November 2017. Seeded years later, the
round is a back-filling one (efterregistrering): the kommun registers a year that
is over, so nothing in it is late and nobody is reminded. The organisations and users
are those of ``intkommun.demo``. Everything the reports say is an invented example:
the reports are stored with ``is_example=True`` and their texts begin "Exempel:".

- Barn- och utbildningsförvaltningen and Kommunstyrelsen: draft, nothing written yet
  (skara.buf fills in BUF's report in the browser journey).
- Bostadsbolaget i Skara: draft, half written.
- Katedralskolan: submitted, waiting for the coordinator.
- Samhällsbyggnadsförvaltningen: returned with a comment.
- Kommunledningsförvaltningen and Socialförvaltningen: approved, facts frozen.
"""

from __future__ import annotations

import datetime
import itertools
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from actions.models import ActivityType
from intkommun.models import Organisation
from reports import services
from reports.models import (
    AnnualReport,
    FollowUpRound,
    KommunGoalAssessment,
    ReportActivity,
)
from reports.models.annual_reports import Assessment

SKARA = "Skara kommun"
YEAR = 2017
DEADLINE = datetime.date(2017, 11, 30)
INSTRUCTIONS = (
    "Exempel: efterregistrering av 2017. Redovisa förvaltningens internationella "
    "arbete under 2017: pågående "
    "och avslutade EU-projekt, andra internationella projekt och inlämnade "
    "ansökningar (förifyllda från registret – rätta i registret om något är fel), "
    "övrigt internationellt arbete, resultat, en bedömning av varje mål i "
    "handlingsplanen samt behov och projektidéer inför 2018. Redovisningen ligger "
    "till grund för utvärderingen till kommunstyrelsen i december."
)
COORDINATOR = "skara.samordnare"


@dataclass(frozen=True)
class Activity:
    activity_type: str
    title: str
    countries: tuple[str, ...] = ()
    participants: int | None = None
    young_participants: int | None = None
    description: str = ""


@dataclass(frozen=True)
class DemoReport:
    organisation: str
    state: str  # "draft", "submitted", "returned" or "approved"
    reporter: str = COORDINATOR
    contact_name: str = ""
    results: str = ""
    needs: str = ""
    project_ideas: str = ""
    assessments: tuple[str, ...] = ()
    activities: tuple[Activity, ...] = field(default_factory=tuple)
    return_comment: str = ""


ASSESSMENT_COMMENTS = {
    Assessment.ACHIEVED: "Exempel: genomfört enligt plan.",
    Assessment.PARTLY: "Exempel: påbörjat, fortsätter nästa år.",
    Assessment.NOT_ACHIEVED: "Exempel: inte prioriterat under året.",
    Assessment.NOT_ASSESSED: "Exempel: målet berör inte förvaltningen.",
}

REPORTS = (
    DemoReport("Kommunstyrelsen", "draft"),
    DemoReport("Barn- och utbildningsförvaltningen", "draft"),
    DemoReport(
        "Bostadsbolaget i Skara (exempel)",
        "draft",
        contact_name="Exempel: Kontaktperson, Bostadsbolaget",
        results="Exempel: bolaget deltog i ett nordiskt nätverk om energieffektiva "
        "bostäder.",
    ),
    DemoReport(
        "Katedralskolan",
        "submitted",
        reporter="skara.katedral",
        results="Exempel: elevutbytet med Radviliskis gav 20 elever erfarenhet av "
        "att arbeta i en internationell grupp; två lärare har utbildats i "
        "Erasmus+-ansökningar.",
        needs="Exempel: stöd att skriva ansökan om ackreditering i Erasmus+.",
        project_ideas="Exempel: ett gemensamt projekt om hållbar utveckling med "
        "partnerskolan.",
        assessments=(Assessment.ACHIEVED, Assessment.PARTLY, Assessment.ACHIEVED),
        activities=(
            Activity(
                ActivityType.TRANSNATIONAL_EXCHANGE,
                "Exempel: elevutbyte med partnerskola i Radviliskis",
                ("LT",),
                24,
                20,
                "Exempel: en veckas besök i Litauen och ett återbesök i Skara.",
            ),
        ),
    ),
    DemoReport(
        "Samhällsbyggnadsförvaltningen",
        "returned",
        reporter="skara.sbf",
        results="Exempel: studieresa.",
        assessments=(
            Assessment.PARTLY,
            Assessment.NOT_ASSESSED,
            Assessment.NOT_ACHIEVED,
        ),
        activities=(
            Activity(
                ActivityType.EXTERNAL_MONITORING,
                "Exempel: studieresa om hållbart byggande",
                ("DK",),
            ),
        ),
        return_comment="Exempel: Beskriv vad studieresan gav förvaltningen och ange "
        "hur många som deltog.",
    ),
    DemoReport(
        "Kommunledningsförvaltningen",
        "approved",
        reporter="skara.klf",
        results="Exempel: Europaveckan genomfördes tillsammans med Europa Direkt; "
        "samtliga förvaltningschefer har fått strategin presenterad.",
        needs="Exempel: fler förvaltningar behöver stöd att hitta EU-program som "
        "passar deras utmaningar.",
        project_ideas="Exempel: en gemensam V6-ansökan om kompetensutveckling.",
        assessments=(Assessment.ACHIEVED, Assessment.ACHIEVED, Assessment.PARTLY),
        activities=(
            Activity(
                ActivityType.INTERNATIONAL_NETWORK,
                "Exempel: möten i V6-nätverket om gemensamma EU-ansökningar",
                ("SE",),
                12,
                0,
            ),
            Activity(
                ActivityType.TRAINING,
                "Exempel: utbildning om EU:s fonder för förvaltningarna",
                (),
                35,
                3,
            ),
        ),
    ),
    DemoReport(
        "Socialförvaltningen",
        "approved",
        contact_name="Exempel: Kontaktperson, Socialförvaltningen",
        results="Exempel: förvaltningen har kartlagt vilka utmaningar som kan lösas "
        "genom EU-projekt.",
        assessments=(Assessment.PARTLY, Assessment.NOT_ACHIEVED, Assessment.ACHIEVED),
    ),
)


# Last year's follow-up, done and closed, so that last year's KS report has the
# organisations' reports in it. Its year follows the day the demo is seeded.
LAST_YEARS_REPORTS = (
    DemoReport(
        "Kommunledningsförvaltningen",
        "approved",
        reporter="skara.klf",
        results="Exempel: Europaveckan genomfördes med gymnasieskolan; två "
        "förvaltningar fick stöd att söka EU-medel.",
        needs="Exempel: en gemensam rutin för medfinansiering av EU-projekt.",
        assessments=(Assessment.ACHIEVED, Assessment.PARTLY),
        activities=(
            Activity(
                ActivityType.INTERNATIONAL_NETWORK,
                "Exempel: nätverksträffar i V6 en gång per termin",
                ("SE",),
                12,
                0,
            ),
        ),
    ),
    DemoReport(
        "Barn- och utbildningsförvaltningen",
        "approved",
        reporter="skara.buf",
        results="Exempel: det digitala utbytet med vänorternas skolor nådde 30 "
        "elever under året.",
        assessments=(Assessment.ACHIEVED, Assessment.ACHIEVED),
        activities=(
            Activity(
                ActivityType.TRANSNATIONAL_EXCHANGE,
                "Exempel: digitalt utbyte med vänorternas skolor",
                ("NO", "FI"),
                36,
                30,
            ),
        ),
    ),
    DemoReport(
        "Socialförvaltningen",
        "approved",
        contact_name="Exempel: Kontaktperson, Socialförvaltningen",
        results="Exempel: ett studiebesök om äldreomsorg har förberetts.",
        assessments=(Assessment.PARTLY, Assessment.NOT_ASSESSED),
    ),
)


@transaction.atomic
def load_demo(stdout: Any) -> None:
    kommun = Organisation.objects.kommuner().filter(name=SKARA).first()
    coordinator = get_user_model().objects.filter(username=COORDINATOR).first()
    if kommun is None or coordinator is None:
        return
    _last_years_round(kommun, coordinator, timezone.localdate().year - 1, stdout)
    if FollowUpRound.objects.filter(kommun=kommun, year=YEAR).exists():
        return
    organisations = {
        o.name: o for o in Organisation.objects.filter(kommun=kommun, is_active=True)
    }
    follow_up_round = services.round_open(
        kommun=kommun,
        year=YEAR,
        deadline=DEADLINE,
        instructions=INSTRUCTIONS,
        organisations=[organisations[demo.organisation] for demo in REPORTS],
        by=coordinator,
        is_backfill=True,
    )
    for demo in REPORTS:
        report = follow_up_round.reports.get(organisation__name=demo.organisation)
        _play(report, demo, coordinator)
    stdout.write(
        f"  {kommun.name}: uppföljning {YEAR} med {len(REPORTS)} redovisningar"
    )


def _last_years_round(kommun: Any, coordinator: Any, year: int, stdout: Any) -> None:
    """Last year's follow-up: every report approved, the round closed."""
    if FollowUpRound.objects.filter(kommun=kommun, year=year).exists():
        return
    organisations = {
        o.name: o for o in Organisation.objects.filter(kommun=kommun, is_active=True)
    }
    follow_up_round = services.round_open(
        kommun=kommun,
        year=year,
        deadline=datetime.date(year + 1, 1, 31),
        instructions=f"Exempel: redovisa förvaltningens internationella arbete "
        f"under {year}.",
        organisations=[organisations[demo.organisation] for demo in LAST_YEARS_REPORTS],
        by=coordinator,
    )
    for demo in LAST_YEARS_REPORTS:
        report = follow_up_round.reports.get(organisation__name=demo.organisation)
        _play(report, demo, coordinator)
    services.round_close(follow_up_round=follow_up_round, by=coordinator)
    services.kommun_goal_assessments_save(
        kommun=kommun,
        year=year,
        assessments=[
            KommunGoalAssessment(
                kommun=kommun,
                year=year,
                goal=goal,
                assessment=Assessment.PARTLY,
                comment="Exempel: samordnarens bedömning för hela kommunen – på "
                "god väg, arbetet fortsätter nästa år.",
            )
            for goal in services.kommun_goals_to_assess(kommun, year)
        ],
        by=coordinator,
    )
    stdout.write(f"  {kommun.name}: uppföljning {year}, avslutad")


def _play(report: AnnualReport, demo: DemoReport, coordinator: Any) -> None:
    """Write the example content, then take the report to its state."""
    reporter = get_user_model().objects.get(username=demo.reporter)
    _write(report, demo, reporter)
    if demo.state == "draft":
        return
    report = services.report_submit(report=report, by=reporter)
    if demo.state == "returned":
        services.report_return(
            report=report, by=coordinator, comment=demo.return_comment
        )
    elif demo.state == "approved":
        services.report_approve(report=report, by=coordinator)


def _write(report: AnnualReport, demo: DemoReport, by: Any) -> None:
    if not (demo.results or demo.contact_name or demo.activities):
        return
    report.is_example = True
    report.contact_name = demo.contact_name
    report.results = demo.results
    report.needs = demo.needs
    report.project_ideas = demo.project_ideas
    report._history_user = by
    report.save()
    for activity in demo.activities:
        row = ReportActivity(
            report=report,
            activity_type=activity.activity_type,
            title=activity.title,
            countries=list(activity.countries),
            participants=activity.participants,
            young_participants=activity.young_participants,
            description=activity.description,
            is_example=True,
        )
        row._history_user = by
        row.save()
    if not demo.assessments:
        return
    assessments = report.goal_assessments.order_by("position", "pk")
    for assessment, value in zip(
        assessments, itertools.cycle(demo.assessments), strict=False
    ):
        assessment.assessment = value
        assessment.comment = ASSESSMENT_COMMENTS[value]
        assessment._history_user = by
        assessment.save()
