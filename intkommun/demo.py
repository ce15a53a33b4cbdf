"""Demo organisations and users for the five kommuner of the seed documents.

Honest by construction: the kommuner, their fullmäktige and styrelse, and the units
the seed documents name are real; every other organisation and every person is an
invented example and is stored with ``is_example=True`` or an "Exempelperson" name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from intkommun.models import Membership, Organisation

# Verbatim copies of the five public documents the product is modelled on
# (seed_documents/README.md); demo data and tests read them from here.
SEED_FOLDER = Path(__file__).parent / "seed_documents"

DEMO_PASSWORD = "intkommun-demo"  # noqa: S105 (the README publishes it; demo only)
EXAMPLE_SURNAME = "Exempelperson"
# The .invalid top-level domain is reserved (RFC 2606): no mail to it can reach
# anyone, yet every demo user has an address, so reminders have a recipient.
EXAMPLE_EMAIL_DOMAIN = "exempel.invalid"


def demo_email(username: str) -> str:
    return f"{username}@{EXAMPLE_EMAIL_DOMAIN}"


Kind = Organisation.Kind
Role = Membership.Role


@dataclass(frozen=True)
class Unit:
    name: str
    kind: str
    short_name: str = ""
    is_example: bool = True
    children: tuple[Unit, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    organisation: str
    role: str
    is_contact_person: bool = False


@dataclass(frozen=True)
class DemoKommun:
    name: str
    short_name: str
    # Rounded to the thousand; see APPROXIMATE_POPULATION.
    population: int
    units: tuple[Unit, ...]
    users: tuple[DemoUser, ...]
    # Its public pages (/offentligt/<id>/) are on, without names, so the demo
    # shows them; public/ tells residents there that the data are a demonstration.
    publishes: bool = False


# The demo needs a population for the figures per inhabitant. The numbers are
# approximate (rounded to the thousand, of the order SCB publishes for these
# kommuner in the mid-2020s) and say so where they are shown; a kommun enters
# its own figure and source on its page.
APPROXIMATE_POPULATION = "exempelvärde, avrundat – kontrollera mot SCB"


def _political_bodies() -> tuple[Unit, ...]:
    # Every kommun has these by law (kommunallagen); not examples.
    return (
        Unit("Kommunfullmäktige", Kind.NAMND, "KF", is_example=False),
        Unit("Kommunstyrelsen", Kind.NAMND, "KS", is_example=False),
    )


def _committee_with_office(
    committee: str, office: str, short: str, *, units: tuple[Unit, ...] = (), real=False
) -> Unit:
    return Unit(
        committee,
        Kind.NAMND,
        is_example=not real,
        children=(
            Unit(office, Kind.FORVALTNING, short, is_example=True, children=units),
        ),
    )


def _users(
    prefix: str, reporters: tuple[tuple[str, str, str], ...]
) -> tuple[DemoUser, ...]:
    kommun_users = (
        DemoUser(f"{prefix}.samordnare", "Samordnare", "", Role.COORDINATOR, True),
        DemoUser(f"{prefix}.lasare", "Läsare", "", Role.READER),
    )
    return kommun_users + tuple(
        DemoUser(f"{prefix}.{slug}", first_name, organisation, Role.REPORTER, True)
        for slug, first_name, organisation in reporters
    )


SKARA = DemoKommun(
    name="Skara kommun",
    short_name="Skara",
    population=19_000,
    units=_political_bodies()
    + (
        _committee_with_office(
            "Barn- och utbildningsnämnden",
            "Barn- och utbildningsförvaltningen",
            "BUF",
            # Katedralskolan is named in Skara's action plan (the Radviliskis exchange).
            units=(Unit("Katedralskolan", Kind.ENHET, is_example=False),),
        ),
        _committee_with_office("Socialnämnden", "Socialförvaltningen", "SOC"),
        _committee_with_office(
            "Samhällsbyggnadsnämnden", "Samhällsbyggnadsförvaltningen", "SBF"
        ),
        Unit(
            "Kommunledningsförvaltningen",
            Kind.FORVALTNING,
            "KLF",
            children=(Unit("Näringslivsenheten", Kind.ENHET),),
        ),
        Unit("Bostadsbolaget i Skara (exempel)", Kind.BOLAG),
        # Partners named in Skara's action plan.
        Unit("Europa Direkt", Kind.EXTERN, is_example=False),
        Unit("Potential 12", Kind.EXTERN, is_example=False),
    ),
    users=_users(
        "skara",
        (
            ("buf", "Rapportör BUF", "Barn- och utbildningsförvaltningen"),
            ("katedral", "Rapportör Katedralskolan", "Katedralskolan"),
            ("sbf", "Rapportör SBF", "Samhällsbyggnadsförvaltningen"),
            ("klf", "Rapportör KLF", "Kommunledningsförvaltningen"),
        ),
    ),
    # Skara's plan, projects and partnerships make the most complete public pages.
    publishes=True,
)

ESSUNGA = DemoKommun(
    name="Essunga kommun",
    short_name="Essunga",
    population=6_000,
    units=_political_bodies()
    + (
        Unit("Kommunledningsförvaltningen", Kind.FORVALTNING, "KLF"),
        _committee_with_office(
            "Barn- och utbildningsnämnden", "Bildningsförvaltningen", "BIF"
        ),
        _committee_with_office("Socialnämnden", "Socialförvaltningen", "SOC"),
    ),
    users=_users(
        "essunga",
        (
            ("bif", "Rapportör BIF", "Bildningsförvaltningen"),
            ("soc", "Rapportör SOC", "Socialförvaltningen"),
        ),
    ),
)

ENKOPING = DemoKommun(
    name="Enköpings kommun",
    short_name="Enköping",
    population=47_000,
    units=_political_bodies()
    + (
        # The policy's header names Kommunledningskontoret.
        Unit("Kommunledningskontoret", Kind.FORVALTNING, "KLK", is_example=False),
        _committee_with_office("Utbildningsnämnden", "Utbildningsförvaltningen", "UF"),
        _committee_with_office(
            "Kultur- och fritidsnämnden", "Kultur- och fritidsförvaltningen", "KFF"
        ),
        Unit("Bostadsbolaget i Enköping (exempel)", Kind.BOLAG),
    ),
    users=_users(
        "enkoping",
        (
            ("uf", "Rapportör UF", "Utbildningsförvaltningen"),
            ("kff", "Rapportör KFF", "Kultur- och fritidsförvaltningen"),
        ),
    ),
)

# Växjö's nämnder of 2017 are real (see shared/data/vocabulary.md); the förvaltningar
# under them and the bolag are examples.
VAXJO = DemoKommun(
    name="Växjö kommun",
    short_name="Växjö",
    population=96_000,
    units=_political_bodies()
    + (
        Unit("Planeringskontoret", Kind.FORVALTNING, is_example=False),
        _committee_with_office(
            "Utbildningsnämnden", "Utbildningsförvaltningen", "UTB", real=True
        ),
        _committee_with_office(
            "Kultur- och fritidsnämnden",
            "Kultur- och fritidsförvaltningen",
            "KOF",
            real=True,
        ),
        _committee_with_office(
            "Nämnden för arbete och välfärd",
            "Förvaltningen arbete och välfärd",
            "AOV",
            real=True,
        ),
        _committee_with_office(
            "Tekniska nämnden", "Tekniska förvaltningen", "TEK", real=True
        ),
        Unit("Energibolaget i Växjö (exempel)", Kind.BOLAG),
    ),
    users=_users(
        "vaxjo",
        (
            ("utb", "Rapportör UTB", "Utbildningsförvaltningen"),
            ("kof", "Rapportör KOF", "Kultur- och fritidsförvaltningen"),
            ("aov", "Rapportör AOV", "Förvaltningen arbete och välfärd"),
        ),
    ),
)

SKOVDE = DemoKommun(
    name="Skövde kommun",
    short_name="Skövde",
    population=57_000,
    units=_political_bodies()
    + (
        # Skövde organises its administration in sectors ("sektorer" in the policy).
        Unit("Sektor service", Kind.FORVALTNING),
        Unit("Sektor barn och utbildning", Kind.FORVALTNING),
        Unit("Sektor vård och omsorg", Kind.FORVALTNING),
        Unit("Bostadsbolaget i Skövde (exempel)", Kind.BOLAG),
    ),
    users=_users(
        "skovde",
        (
            ("sbu", "Rapportör SBU", "Sektor barn och utbildning"),
            ("sse", "Rapportör SSE", "Sektor service"),
        ),
    ),
)

KOMMUNER = (ESSUNGA, SKARA, ENKOPING, VAXJO, SKOVDE)


@transaction.atomic
def load_organisations_and_users(stdout: Any) -> None:
    for demo in KOMMUNER:
        kommun = _get_or_create_organisation(
            None, demo.name, Kind.KOMMUN, demo.short_name, is_example=False
        )
        if kommun.population is None:
            kommun.population = demo.population
            kommun.population_source = APPROXIMATE_POPULATION
            kommun.save(update_fields=["population", "population_source"])
        if demo.publishes and not kommun.publishes_publicly:
            kommun.publishes_publicly = True
            kommun.public_shows_names = False
            kommun.save(update_fields=["publishes_publicly", "public_shows_names"])
        for unit in demo.units:
            _create_unit(kommun, unit)
        for demo_user in demo.users:
            _create_user(kommun, demo_user)
    _create_administrator()


def _create_unit(parent: Organisation, unit: Unit) -> None:
    organisation = _get_or_create_organisation(
        parent, unit.name, unit.kind, unit.short_name, is_example=unit.is_example
    )
    for child in unit.children:
        _create_unit(organisation, child)


def _get_or_create_organisation(
    parent: Organisation | None,
    name: str,
    kind: str,
    short_name: str,
    *,
    is_example: bool,
) -> Organisation:
    organisation, _ = Organisation.objects.get_or_create(
        parent=parent,
        name=name,
        defaults={"kind": kind, "short_name": short_name, "is_example": is_example},
    )
    return organisation


def _create_user(kommun: Organisation, demo_user: DemoUser) -> None:
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(
        username=demo_user.username,
        defaults={
            "first_name": demo_user.first_name,
            "last_name": EXAMPLE_SURNAME,
            "email": demo_email(demo_user.username),
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    elif not user.email:
        # A demo loaded before its users had addresses.
        user.email = demo_email(demo_user.username)
        user.save(update_fields=["email"])
    organisation = (
        Organisation.objects.get(kommun=kommun, name=demo_user.organisation)
        if demo_user.organisation
        else kommun
    )
    Membership.objects.get_or_create(
        user=user,
        organisation=organisation,
        defaults={
            "role": demo_user.role,
            "is_contact_person": demo_user.is_contact_person,
        },
    )


def _create_administrator() -> None:
    user_model = get_user_model()
    admin, created = user_model.objects.get_or_create(
        username="admin",
        defaults={
            "first_name": "Systemförvaltare",
            "last_name": EXAMPLE_SURNAME,
            "is_staff": True,
            "is_superuser": True,
        },
    )
    if created:
        admin.set_password(DEMO_PASSWORD)
        admin.save(update_fields=["password"])


def publishing_kommuner() -> list[Organisation]:
    """The demo kommuner whose public pages are on."""
    names = [demo.name for demo in KOMMUNER if demo.publishes]
    return list(Organisation.objects.kommuner().filter(name__in=names))


def demo_user_rows() -> list[tuple[str, str, str, str]]:
    """(username, kommun, organisation, role) for the command's printout."""
    rows = [("admin", "–", "–", "administratör (superuser)")]
    for demo in KOMMUNER:
        for demo_user in demo.users:
            rows.append(
                (
                    demo_user.username,
                    demo.name,
                    demo_user.organisation or demo.name,
                    str(Role(demo_user.role).label),
                )
            )
    return rows
