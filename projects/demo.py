"""Demo data for ``manage.py seed_demo``; safe to run again.

What the seed documents say is loaded as it is, with the document as its source:
the V6 network (Essunga's and Skara's plans), Skara's cooperation with Europa Direkt,
its agreement with Potential 12, Katedralskolan's exchange with Radviliskis (an
exchange, as the plan calls it), Skara's Nordic twin-town work with the exchange in
Iceland in August 2017 as the plan words it, Enköping's Stockholm Business Alliance,
and Skara's international fund for 2017 with its earmark for school exchanges.

Everything else is invented to show the product, stored with ``is_example=True`` and
written as an example ("Exempel: …"): the projects, the fund applications, the
fund's call with its deadline, the association that applies to the fund, and the
activities in the logs. So that the start page and last year's KS report are not
empty, the examples reach the year the demo is seeded in: recurring meetings of
the V6 network and a digital exchange between the example twin towns' schools
from 2019 on, and an example fund of last year with its applications. The other
organisations come from ``intkommun.demo``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from actions.models import Action
from intkommun.models import Organisation
from projects import services
from projects.models import (
    FundAllocation,
    FundApplication,
    FundCall,
    FundingProgramme,
    InternationalFund,
    Partnership,
    PartnershipActivity,
    PartnershipFunding,
    PartnerTown,
    Project,
    ProjectPartner,
)

SKARA, ESSUNGA, ENKOPING = "Skara kommun", "Essunga kommun", "Enköpings kommun"
SKARA_PLAN = "Källa: Skara kommuns handlingsplan genomförande 2017."
Kind, Status = Partnership.Kind, Partnership.Status


@dataclass(frozen=True)
class SeedPartnership:
    kommun: str
    responsible: str  # An organisation's name; the kommun's own name for itself.
    kind: str
    name: str
    description: str
    country: str = ""
    city: str = ""
    since_year: int | None = None  # the start of its period, known by year


PARTNERSHIPS = (
    SeedPartnership(
        SKARA,
        SKARA,
        Kind.NETWORK,
        "V6",
        "Skara kommun har redan idag ett befintligt samarbete med de sk. V6 "
        "kommunerna, Götene, Lidköping, Grästorp, Vara och Essunga, rörande ett "
        "gemensamt arbete rörande internationella frågor.\n\n" + SKARA_PLAN,
        country="SE",
        # Essunga's plan: "Inom V6-kommunerna finns sedan 2015 ett internationellt
        # samarbete".
        since_year=2015,
    ),
    SeedPartnership(
        SKARA,
        SKARA,
        Kind.NETWORK,
        "Europa Direkt",
        "Kommunen har också ett samarbete med Europa Direkt som har i uppgift att "
        "informera invånare, företag, myndigheter och organisationer i "
        "landsbygdsområden om EU-medlemskapets möjligheter samt stödja åtgärder som "
        "utvecklar vårt område.\n\n" + SKARA_PLAN,
    ),
    SeedPartnership(
        SKARA,
        SKARA,
        Kind.AGREEMENT,
        "Potential 12",
        "Dessutom har Skara kommun ett avtal med företaget Potential 12 som kan vara "
        "behjälplig vad gäller utbildning, ansökningsförfaranden och konkreta "
        "EU-program som kan passa olika projekt.\n\n" + SKARA_PLAN,
    ),
    SeedPartnership(
        SKARA,
        "Katedralskolan",
        Kind.EXCHANGE,
        "Katedralskolans utbyte med Radviliskis",
        "Stöd till Charity Group på Katedralskolan med deras utbyte med "
        "Radviliskis.\n\n" + SKARA_PLAN,
        country="LT",
        city="Radviliskis",
    ),
    SeedPartnership(
        SKARA,
        "Kommunstyrelsen",
        Kind.TWIN_TOWN,
        "Nordiskt vänortssamarbete",
        "Beskriv och vidareutveckla vänortsarbetet. Förbereda och Nordiskt "
        "vänortsutbyte på Island i augusti 2017\n\n" + SKARA_PLAN,
    ),
    SeedPartnership(
        ESSUNGA,
        ESSUNGA,
        Kind.NETWORK,
        "V6",
        "Inom V6-kommunerna finns sedan 2015 ett internationellt samarbete där det "
        "är överenskommet att varje kommun ska ha en internationell "
        "strateg/samordnare som ingår i ett nätverk med de 6 kommunerna i västra "
        "Skaraborg.\n\nKälla: Essunga kommuns internationella strategiska plan.",
        country="SE",
        since_year=2015,
    ),
    SeedPartnership(
        ENKOPING,
        ENKOPING,
        Kind.NETWORK,
        "Stockholm Business Alliance",
        "Stimulerar fortsatt internationalisering av det lokala näringslivet bland "
        "annat genom samarbetet inom Stockholm Business Alliance.\n\n"
        "Källa: Internationell policy för Enköpings kommun.",
        country="SE",
    ),
)

EXAMPLE_ACTIVITIES = (
    (
        SKARA,
        "V6",
        datetime.date(2017, 3, 15),
        PartnershipActivity.Kind.MEETING,
        "Exempel: nätverksträff för de internationella samordnarna i V6-kommunerna.",
        6,
        0,
        None,
    ),
    (
        SKARA,
        "Katedralskolans utbyte med Radviliskis",
        datetime.date(2017, 10, 5),
        PartnershipActivity.Kind.EXCHANGE,
        "Exempel: elever från Charity Group besöker partnerskolan.",
        14,
        12,
        Decimal("45000"),
    ),
)

EXAMPLE_PARTNERSHIP = "Exempel: nordiskt vänortsavtal"
# Invented towns: the example must not read as a fact about a real kommun.
EXAMPLE_TOWNS = (
    ("Fjordvik (exempel)", "NO"),
    ("Järvikylä (exempel)", "FI"),
    ("Sandholm (exempel)", "DK"),
    ("Hvítafell (exempel)", "IS"),
)
EXAMPLE_FUNDING = (
    (2017, PartnershipFunding.Source.OWN, Decimal("40000"), "Exempel: KS budget"),
    (2017, PartnershipFunding.Source.EU, Decimal("25000"), "Exempel: Erasmus+"),
)
RECURRENCE = PartnershipActivity.Recurrence
EXAMPLE_RECURRING = (
    {
        "occurred_on": datetime.date(2015, 7, 1),
        "occurred_on_precision": "month",
        "kind": PartnershipActivity.Kind.EXCHANGE,
        "purpose": "Exempel: språkläger för ungdomar, varje sommar i en av vänorterna.",
        "participants": 24,
        "young_participants": 20,
        "pupils": 20,
        "staff": 4,
        "cost": Decimal("30000"),
        "recurrence": RECURRENCE.YEARLY,
        "last_year": 2018,
        "organiser": "Barn- och utbildningsförvaltningen",
    },
    {
        "occurred_on": datetime.date(2016, 1, 1),
        "occurred_on_precision": "year",
        "kind": PartnershipActivity.Kind.MEETING,
        "purpose": "Exempel: videokonferens mellan vänorternas samordnare.",
        "participants": 5,
        "staff": 3,
        "elected_representatives": 2,
        "recurrence": RECURRENCE.TIMES_A_YEAR,
        "times_per_year": 4,
        "organiser": "Kommunledningsförvaltningen",
    },
)

SKARA_FUND_TEXT = (
    "Budgeterade medel för 2017 är 500 000 kr. Av dessa avsätts 250 000 kronor till "
    "skolan 2017 för att utöka och vidareutveckla arbetet med internationella "
    "skolutbyten som skolan redan har idag. Övriga medel ska finnas att tillgå för "
    "samtliga förvaltningar och kommunala bolag som medfinansiering, "
    "projektutveckling och kompetenshöjande insatser. Dessa medel söks från "
    "kommunstyrelsen genom den internationella samordnaren."
)
SCHOOL_EARMARK = "Internationella skolutbyten"
SCHOOL_EARMARK_TEXT = (
    "Av dessa avsätts 250 000 kronor till skolan 2017 för att utöka och "
    "vidareutveckla arbetet med internationella skolutbyten som skolan redan har "
    "idag."
)


@dataclass(frozen=True)
class ExampleApplication:
    applicant: str
    purpose: str
    requested: Decimal
    submitted_on: datetime.date
    earmarked: bool = False
    granted: Decimal | None = None
    decided_on: datetime.date | None = None
    used: Decimal | None = None


EXAMPLE_APPLICATIONS = (
    ExampleApplication(
        "Barn- och utbildningsförvaltningen",
        "Exempel: resor och logi för elever i skolans befintliga utbyten.",
        Decimal("120000"),
        datetime.date(2017, 2, 20),
        earmarked=True,
        granted=Decimal("120000"),
        decided_on=datetime.date(2017, 3, 15),
        used=Decimal("112500"),
    ),
    ExampleApplication(
        "Kommunledningsförvaltningen",
        "Exempel: medfinansiering av en förstudie inför en EU-ansökan.",
        Decimal("60000"),
        datetime.date(2017, 8, 30),
        granted=Decimal("50000"),
        decided_on=datetime.date(2017, 9, 15),
    ),
    ExampleApplication(
        "Samhällsbyggnadsförvaltningen",
        "Exempel: deltagande i en internationell konferens om hållbar stadsutveckling.",
        Decimal("25000"),
        datetime.date(2017, 11, 10),
    ),
)


@dataclass(frozen=True)
class ExampleProject:
    owner: str
    title: str
    fields: dict[str, Any]
    programme: str = ""
    partners: tuple[tuple[str, str, str, bool], ...] = ()
    action_starts: str = ""


def _d(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


P = Project
EXAMPLE_PROJECTS = (
    ExampleProject(
        "Barn- och utbildningsförvaltningen",
        "Exempel: Elevutbyte med partnerskolor i Europa",
        {
            "kind": P.Kind.EU_PROJECT,
            "status": P.Status.ONGOING,
            "role": P.Role.LEAD_PARTNER,
            "submitted_on": _d("2024-02-20"),
            "decision_on": _d("2024-06-15"),
            "starts_on": _d("2024-09-01"),
            "ends_on": _d("2026-08-31"),
            "currency": "EUR",
            "exchange_rate": Decimal("11.4500"),
            "exchange_rate_on": _d("2024-06-15"),
            "total_budget": Decimal("48000"),
            "municipality_budget": Decimal("48000"),
            "eu_grant": Decimal("48000"),
            "description": "Exempel: elever och lärare besöker partnerskolor.",
        },
        programme="ERASMUS+",
        partners=(
            ("Partnerskola i Litauen (exempel)", "LT", "school", False),
            ("Partnerskola i Tyskland (exempel)", "DE", "school", False),
        ),
        action_starts="Vidareutveckla arbetet med internationella skolutbyten",
    ),
    ExampleProject(
        "Socialförvaltningen",
        "Exempel: Kompetensutveckling i äldreomsorgen",
        {
            "kind": P.Kind.EU_PROJECT,
            "status": P.Status.SUBMITTED,
            "role": P.Role.LEAD_PARTNER,
            "submitted_on": _d("2026-09-30"),
            "starts_on": _d("2027-01-01"),
            "ends_on": _d("2029-12-31"),
            "total_budget": Decimal("2400000"),
            "municipality_budget": Decimal("2400000"),
            "eu_grant": Decimal("1296000"),
            "own_cofinancing_in_kind": Decimal("1104000"),
            "prefinancing_need": Decimal("650000"),
        },
        programme="ESF+",
    ),
    ExampleProject(
        "Samhällsbyggnadsförvaltningen",
        "Exempel: Klimatanpassning av småstäder",
        {
            "kind": P.Kind.EU_PROJECT,
            "status": P.Status.GRANTED,
            "role": P.Role.PARTNER,
            "submitted_on": _d("2026-03-01"),
            "decision_on": _d("2026-10-15"),
            "starts_on": _d("2027-01-01"),
            "ends_on": _d("2029-12-31"),
            "currency": "EUR",
            "exchange_rate": Decimal("11.0000"),
            "exchange_rate_on": _d("2026-10-15"),
            "total_budget": Decimal("2500000"),
            "municipality_budget": Decimal("200000"),
            "eu_grant": Decimal("120000"),
            "own_cofinancing_cash": Decimal("30000"),
            "own_cofinancing_in_kind": Decimal("50000"),
            "prefinancing_need": Decimal("120000"),
        },
        programme="INTERREG-NSR",
        partners=(
            ("Kommun i Danmark (exempel)", "DK", "municipality", True),
            ("Kommun i Norge (exempel)", "NO", "municipality", False),
            ("Universitet i Nederländerna (exempel)", "NL", "university", False),
        ),
    ),
    ExampleProject(
        "Kommunledningsförvaltningen",
        "Exempel: Förstudie om digitala e-tjänster",
        {"kind": P.Kind.EU_PROJECT, "status": P.Status.IDEA},
        programme="DIGITAL",
    ),
    ExampleProject(
        "Barn- och utbildningsförvaltningen",
        "Exempel: Vänortsläger för unga",
        {
            "kind": P.Kind.EXCHANGE,
            "status": P.Status.REJECTED,
            "submitted_on": _d("2025-02-01"),
            "decision_on": _d("2025-04-20"),
            "municipality_budget": Decimal("150000"),
            "eu_grant": Decimal("100000"),
            "own_cofinancing_cash": Decimal("50000"),
        },
        programme="NATIONAL",
    ),
    ExampleProject(
        "Näringslivsenheten",
        "Exempel: Nordiskt nätverk för cirkulär ekonomi",
        {
            "kind": P.Kind.INTERNATIONAL_PROJECT,
            "status": P.Status.CLOSED,
            "role": P.Role.PARTNER,
            "submitted_on": _d("2022-09-15"),
            "decision_on": _d("2022-11-20"),
            "starts_on": _d("2023-01-01"),
            "ends_on": _d("2024-12-31"),
            "municipality_budget": Decimal("400000"),
            "eu_grant": Decimal("200000"),
            "own_cofinancing_cash": Decimal("100000"),
            "other_cofinancing": Decimal("100000"),
            "results": "Exempel: tre företag i kommunen deltog i nätverkets träffar.",
        },
        programme="OTHER-INT",
        partners=(("Nätverkets sekretariat (exempel)", "FI", "non_profit", True),),
    ),
)


# Examples that keep the demo alive in the year it is seeded (see the docstring).
RECENT_ACTIVITIES = (
    (
        "V6",
        {
            "occurred_on": datetime.date(2019, 3, 1),
            "occurred_on_precision": "month",
            "kind": PartnershipActivity.Kind.MEETING,
            "purpose": "Exempel: nätverksträff för de internationella samordnarna i "
            "V6-kommunerna, en gång per termin.",
            "participants": 6,
            "staff": 6,
            "recurrence": RECURRENCE.PER_TERM,
            "organiser": "Kommunledningsförvaltningen",
        },
    ),
    (
        EXAMPLE_PARTNERSHIP,
        {
            "occurred_on": datetime.date(2019, 9, 1),
            "occurred_on_precision": "month",
            "kind": PartnershipActivity.Kind.EXCHANGE,
            "purpose": "Exempel: digitalt utbyte mellan vänorternas skolor, varje "
            "termin.",
            "participants": 18,
            "young_participants": 15,
            "pupils": 15,
            "staff": 3,
            "cost": Decimal("5000"),
            "recurrence": RECURRENCE.PER_TERM,
            "organiser": "Barn- och utbildningsförvaltningen",
        },
    ),
)
LAST_YEARS_FUND_TEXT = (
    "Exempel: kommunens internationella fond för året, för medfinansiering, "
    "projektutveckling och utbyten."
)


@dataclass(frozen=True)
class RecentApplication:
    applicant: str
    purpose: str
    requested: Decimal
    submitted: tuple[int, int]  # month, day of last year
    granted: Decimal | None = None
    decided: tuple[int, int] | None = None


LAST_YEARS_APPLICATIONS = (
    RecentApplication(
        "Barn- och utbildningsförvaltningen",
        "Exempel: resor för elever i det digitala utbytet med vänorternas skolor.",
        Decimal("80000"),
        (2, 15),
        granted=Decimal("70000"),
        decided=(3, 10),
    ),
    RecentApplication(
        "Kommunledningsförvaltningen",
        "Exempel: medfinansiering av en ansökan till Interreg.",
        Decimal("40000"),
        (9, 1),
        granted=Decimal("40000"),
        decided=(9, 20),
    ),
    RecentApplication(
        "Socialförvaltningen",
        "Exempel: studiebesök om äldreomsorg i en nordisk vänort.",
        Decimal("20000"),
        (11, 5),
    ),
)


@transaction.atomic
def load_demo(stdout: Any) -> None:
    kommuner = {kommun.name: kommun for kommun in Organisation.objects.kommuner()}
    if SKARA not in kommuner:
        return
    for seed in PARTNERSHIPS:
        if seed.kommun in kommuner:
            _partnership(kommuner[seed.kommun], seed)
    skara = kommuner[SKARA]
    for args in EXAMPLE_ACTIVITIES:
        _activity(kommuner[args[0]], *args[1:])
    _example_partnership(kommuner[SKARA])
    for example in EXAMPLE_PROJECTS:
        _project(skara, example)
    _fund(skara)
    _recent_examples(skara, timezone.localdate().year - 1)


def _recent_examples(kommun: Organisation, last_year: int) -> None:
    """Activity from 2019 to today and an example fund of ``last_year``."""
    for name, fields in RECENT_ACTIVITIES:
        partnership = Partnership.objects.with_removed().get(
            responsible_organisation__kommun=kommun, name=name
        )
        if partnership.activities.filter(purpose=fields["purpose"]).exists():
            continue
        organiser = _organisation(kommun, fields["organiser"])
        activity = PartnershipActivity(
            partnership=partnership,
            is_example=True,
            **{**fields, "organiser": organiser},
        )
        activity.full_clean()
        activity.save()
    fund, _ = InternationalFund.objects.get_or_create(
        kommun=kommun,
        year=last_year,
        defaults={
            "budget": Decimal("500000"),
            "description": LAST_YEARS_FUND_TEXT,
            "is_example": True,
        },
    )
    coordinator = get_user_model().objects.filter(username="skara.samordnare").first()
    for example in LAST_YEARS_APPLICATIONS:
        _application(
            fund,
            None,
            ExampleApplication(
                example.applicant,
                example.purpose,
                example.requested,
                datetime.date(last_year, *example.submitted),
                granted=example.granted,
                decided_on=datetime.date(last_year, *example.decided)
                if example.decided
                else None,
            ),
            coordinator,
        )


def _organisation(kommun: Organisation, name: str) -> Organisation:
    if name == kommun.name:
        return kommun
    return Organisation.objects.get(kommun=kommun, name=name)


def _partnership(kommun: Organisation, seed: SeedPartnership) -> Partnership:
    # Removed rows count too: what a user removed is not loaded again.
    partnership, _ = Partnership.objects.with_removed().get_or_create(
        responsible_organisation__kommun=kommun,
        name=seed.name,
        defaults={
            "responsible_organisation": _organisation(kommun, seed.responsible),
            "kind": seed.kind,
            "status": Status.ACTIVE,
            "description": seed.description,
            "starts_on": datetime.date(seed.since_year, 1, 1)
            if seed.since_year
            else None,
            "starts_on_precision": "year",
        },
    )
    if seed.country and not partnership.towns.exists():
        PartnerTown.objects.create(
            partnership=partnership, name=seed.city, country=seed.country
        )
    return partnership


def _example_partnership(kommun: Organisation) -> None:
    """Four invented Nordic towns in one agreement since 2009, its funding of 2017,
    a yearly language camp 2015–2018 and four video conferences a year."""
    if Partnership.objects.with_removed().filter(name=EXAMPLE_PARTNERSHIP).exists():
        return
    partnership = Partnership.objects.create(
        kind=Partnership.Kind.TWIN_TOWN,
        name=EXAMPLE_PARTNERSHIP,
        responsible_organisation=_organisation(kommun, "Kommunstyrelsen"),
        starts_on=datetime.date(2009, 5, 1),
        starts_on_precision="month",
        description="Exempel: ett avtal som omfattar fyra nordiska vänorter.",
        is_example=True,
    )
    for name, country in EXAMPLE_TOWNS:
        PartnerTown.objects.create(partnership=partnership, name=name, country=country)
    for year, source, amount, note in EXAMPLE_FUNDING:
        PartnershipFunding.objects.create(
            partnership=partnership, year=year, source=source, amount=amount, note=note
        )
    for fields in EXAMPLE_RECURRING:
        organiser = _organisation(kommun, fields["organiser"])
        activity = PartnershipActivity(
            partnership=partnership,
            is_example=True,
            **{**fields, "organiser": organiser},
        )
        activity.full_clean()
        activity.save()


def _activity(kommun, name, occurred_on, kind, purpose, participants, young, cost):
    partnership = Partnership.objects.with_removed().get(
        responsible_organisation__kommun=kommun, name=name
    )
    PartnershipActivity.objects.with_removed().get_or_create(
        partnership=partnership,
        occurred_on=occurred_on,
        purpose=purpose,
        defaults={
            "kind": kind,
            "participants": participants,
            "young_participants": young,
            "cost": cost,
            "is_example": True,
        },
    )


def _project(kommun: Organisation, example: ExampleProject) -> None:
    owner = _organisation(kommun, example.owner)
    if Project.objects.with_removed().filter(owner=owner, title=example.title).exists():
        return
    programme = FundingProgramme.objects.defaults().filter(code=example.programme)
    project = Project(
        owner=owner,
        title=example.title,
        programme=programme.first(),
        is_example=True,
        **example.fields,
    )
    project.full_clean()
    project.save()
    for name, country, organisation_type, is_lead in example.partners:
        ProjectPartner.objects.create(
            project=project,
            name=name,
            country=country,
            organisation_type=organisation_type,
            is_lead=is_lead,
        )
    if example.action_starts:
        project.actions.set(
            Action.objects.filter(
                plan__kommun=kommun, title__startswith=example.action_starts
            )
        )


def _fund(kommun: Organisation) -> None:
    fund, _ = InternationalFund.objects.get_or_create(
        kommun=kommun,
        year=2017,
        defaults={"budget": Decimal("500000"), "description": SKARA_FUND_TEXT},
    )
    earmark, _ = FundAllocation.objects.get_or_create(
        fund=fund,
        name=SCHOOL_EARMARK,
        defaults={"amount": Decimal("250000"), "description": SCHOOL_EARMARK_TEXT},
    )
    coordinator = get_user_model().objects.filter(username="skara.samordnare").first()
    for example in EXAMPLE_APPLICATIONS:
        _application(fund, earmark, example, coordinator)
    _association_application(fund, coordinator)


EXAMPLE_CALL = "Exempel: höstens utlysning 2017"
EXAMPLE_ASSOCIATION = "Exempel: Vänortsföreningen i Skara"
EXAMPLE_ASSOCIATION_PURPOSE = (
    "Exempel: föreningens ungdomsläger med den nordiska vänorten, resor och "
    "program för tio ungdomar."
)
TWIN_TOWNS = "Nordiskt vänortssamarbete"


def _association_application(fund: InternationalFund, coordinator) -> None:
    """An invented association (förening) that applies in an invented call with a
    deadline, for the twin-town work, and is granted by the coordinator."""
    call, _ = FundCall.objects.get_or_create(
        fund=fund,
        title=EXAMPLE_CALL,
        defaults={
            "opens_on": datetime.date(2017, 8, 1),
            "deadline": datetime.date(2017, 9, 30),
            "description": "Exempel: för föreningar och förvaltningar; utbyten "
            "med vänorterna har förtur.",
            "is_example": True,
        },
    )
    association, _ = Organisation.objects.get_or_create(
        parent=fund.kommun,
        name=EXAMPLE_ASSOCIATION,
        defaults={"kind": Organisation.Kind.EXTERN, "is_example": True},
    )
    application, created = FundApplication.objects.get_or_create(
        fund=fund,
        purpose=EXAMPLE_ASSOCIATION_PURPOSE,
        defaults={
            "applicant": association,
            "call": call,
            "amount_requested": Decimal("20000"),
            "submitted_on": datetime.date(2017, 9, 20),
            "is_example": True,
        },
    )
    if not created:
        return
    application.partnerships.set(
        Partnership.objects.filter(
            **{Partnership.access.kommun: fund.kommun}, name=TWIN_TOWNS
        )
    )
    services.fund_application_decide(
        application=application,
        granted_amount=Decimal("15000"),
        by=coordinator,
        decided_on=datetime.date(2017, 10, 10),
        comment="Exempel: beviljat för resorna; programmet bekostar föreningen.",
    )


def _application(fund, earmark, example: ExampleApplication, coordinator) -> None:
    application, created = FundApplication.objects.get_or_create(
        fund=fund,
        purpose=example.purpose,
        defaults={
            "applicant": _organisation(fund.kommun, example.applicant),
            "allocation": earmark if example.earmarked else None,
            "amount_requested": example.requested,
            "submitted_on": example.submitted_on,
            "is_example": True,
        },
    )
    if not created or example.granted is None:
        return
    application = services.fund_application_decide(
        application=application,
        granted_amount=example.granted,
        by=coordinator,
        decided_on=example.decided_on,
        comment="Exempel: beslut av den internationella samordnaren.",
    )
    if example.used is not None:
        application.amount_used = example.used
        application.save(update_fields=["amount_used"])
