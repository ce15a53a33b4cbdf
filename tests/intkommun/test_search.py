"""The global search in the header (DESIGN §4.1)."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.urls import reverse

from intkommun.search import highlight, search
from projects.models import (
    FundApplication,
    InternationalFund,
    Partnership,
    PartnershipActivity,
    PartnerTown,
    ProjectPartner,
)
from strategies.models import DocumentType, Strategy
from tests.actions.conftest import make_action
from tests.factories import OrganisationFactory
from tests.projects.conftest import make_project
from tests.strategy_factories import GoalFactory, StrategyFactory

pytestmark = pytest.mark.django_db

ON_POSTGRESQL = connection.vendor == "postgresql"


@pytest.fixture
def plan(kommun) -> Strategy:
    document_type, _ = DocumentType.objects.get_or_create(
        kommun=None, name="Handlingsplan", defaults={"is_action_plan": True}
    )
    return Strategy.objects.create(
        kommun=kommun,
        document_type=document_type,
        title="Handlingsplan 2017",
        valid_from=datetime.date(2017, 1, 1),
    )


@pytest.fixture
def register(kommun, forvaltning_a, plan):
    """One of each searchable kind in Skara, each mentioning "utbyte"."""
    make_action(
        plan,
        title="Stöd till Katedralskolans utbyte med Radviliskis",
        description="Eleverna besöker Litauen.",
        responsible=[forvaltning_a],
    )
    make_action(plan, title="Genomföra Europaveckan")
    make_project(forvaltning_a, title="Elevutbyte i Europa", description="Ett utbyte.")
    StrategyFactory(
        kommun=kommun,
        title="Internationell strategi",
        purpose="Strategin ska främja utbyte mellan skolor.",
    )
    GoalFactory(strategy=plan, text="Fler elever deltar i ett internationellt utbyte.")
    Partnership.objects.create(
        kind=Partnership.Kind.EXCHANGE,
        name="Katedralskolans utbyte med Radviliskis",
        responsible_organisation=forvaltning_a,
    ).towns.create(country="LT")


@pytest.fixture
def other_register(other_kommun):
    """The same words in another kommun, which Skara's users must never see."""
    other_plan = Strategy.objects.create(
        kommun=other_kommun,
        document_type=DocumentType.objects.get(kommun=None, name="Handlingsplan"),
        title="Annan kommuns plan",
    )
    make_action(other_plan, title="Essungas utbyte med Tyskland")
    owner = OrganisationFactory(parent=other_kommun, name="Bildningsförvaltningen")
    make_project(owner, title="Essungas utbyte i Europa")
    StrategyFactory(kommun=other_kommun, title="Essungas utbyte-strategi")
    Partnership.objects.create(
        kind=Partnership.Kind.EXCHANGE,
        name="Essungas utbyte med Polen",
        responsible_organisation=other_kommun,
    )


def titles(groups) -> dict[str, list[str]]:
    return {
        group.provider.key: [
            "".join(fragment.text for fragment in hit.title) for hit in group.hits
        ]
        for group in groups
    }


def test_search_finds_every_kind_grouped_by_type_in_order(coordinator, register):
    groups = search(coordinator, "utbyte")
    assert [group.provider.key for group in groups] == [
        "actions",
        "projects",
        "strategies",
        "goals",
        "partnerships",
    ]
    found = titles(groups)
    assert found["actions"] == ["Stöd till Katedralskolans utbyte med Radviliskis"]
    assert found["strategies"] == ["Internationell strategi"]
    assert found["goals"] == ["Fler elever deltar i ett internationellt utbyte."]
    assert "Genomföra Europaveckan" not in str(found)


def test_search_never_shows_another_kommuns_data(
    coordinator, reader, reporter_a, register, other_register
):
    for user in (coordinator, reader, reporter_a):
        found = str(titles(search(user, "utbyte")))
        assert "Essunga" not in found
        assert "Annan kommun" not in found


def test_search_page_never_shows_another_kommuns_data(
    coordinator_client, register, other_register
):
    response = coordinator_client.get(reverse("intkommun:search"), {"q": "utbyte"})
    text = response.content.decode()
    assert response.status_code == 200
    assert "Katedralskolans" in text
    assert "Essunga" not in text


def test_other_kommuns_user_finds_only_their_own(
    other_coordinator, register, other_register
):
    found = str(titles(search(other_coordinator, "utbyte")))
    assert "Essungas utbyte med Tyskland" in found
    assert "Katedralskolans" not in found


def test_swedish_stemming_on_postgresql_and_substrings_on_sqlite(coordinator, register):
    found = titles(search(coordinator, "utbyten"))
    if ON_POSTGRESQL:
        # The Swedish configuration stems both words alike: "utbyten" finds "utbyte".
        assert found["actions"] == ["Stöd till Katedralskolans utbyte med Radviliskis"]
        assert "goals" in found
    else:
        # The plain fallback matches parts of words only: "utbyten" is not in "utbyte".
        assert found == {}
        assert titles(search(coordinator, "tbyt"))["actions"]


def test_every_word_must_match(coordinator, register):
    assert titles(search(coordinator, "utbyte Radviliskis"))["actions"] == [
        "Stöd till Katedralskolans utbyte med Radviliskis"
    ]
    assert search(coordinator, "utbyte Tokyo") == []


def test_search_ignores_case_of_swedish_letters(coordinator, register):
    assert titles(search(coordinator, "STÖD KATEDRALSKOLANS"))["actions"] == [
        "Stöd till Katedralskolans utbyte med Radviliskis"
    ]


def test_matched_words_are_highlighted_and_the_rest_escaped(coordinator_client, plan):
    make_action(plan, title="Utbyte <script>alert(1)</script> med Litauen")
    response = coordinator_client.get(reverse("intkommun:search"), {"q": "litauen"})
    text = response.content.decode()
    assert "<mark>Litauen</mark>" in text
    assert "<script>alert(1)</script>" not in text
    assert "&lt;script&gt;" in text


def test_highlight_marks_every_occurrence_whatever_the_case():
    fragments = highlight("Utbyte och utbyten", ["utbyte"])
    assert [(f.text, f.is_match) for f in fragments] == [
        ("Utbyte", True),
        (" och ", False),
        ("utbyte", True),
        ("n", False),
    ]


def test_search_requires_login(client):
    response = client.get(reverse("intkommun:search"), {"q": "utbyte"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_too_long_query_gets_a_swedish_error_and_no_search(coordinator_client):
    response = coordinator_client.get(reverse("intkommun:search"), {"q": "x" * 201})
    text = response.content.decode()
    assert response.status_code == 200
    assert "som mest 200 tecken" in text
    assert 'aria-invalid="true"' in text


def test_unknown_type_is_said_and_every_type_is_searched(coordinator_client, register):
    response = coordinator_client.get(
        reverse("intkommun:search"), {"q": "utbyte", "type": "bogus"}
    )
    text = response.content.decode()
    assert "Den typ av träffar som efterfrågades finns inte" in text
    assert "Katedralskolans <mark>utbyte</mark> med Radviliskis" in text


def test_one_type_shows_only_that_type(coordinator_client, register):
    response = coordinator_client.get(
        reverse("intkommun:search"), {"q": "utbyte", "type": "goals"}
    )
    groups = response.context["groups"]
    assert [group.provider.key for group in groups] == ["goals"]


def test_many_hits_are_cut_to_a_few_with_a_link_to_all_of_the_type(
    coordinator_client, plan
):
    for number in range(13):
        make_action(plan, title=f"Utbyte nummer {number}")
    response = coordinator_client.get(reverse("intkommun:search"), {"q": "utbyte"})
    (group,) = response.context["groups"]
    assert group.total == 13
    assert len(group.hits) == 10
    assert "type=actions" in response.content.decode()
    response = coordinator_client.get(
        reverse("intkommun:search"), {"q": "utbyte", "type": "actions"}
    )
    assert len(response.context["groups"][0].hits) == 13


def test_empty_query_shows_the_form_only(coordinator_client, register):
    response = coordinator_client.get(reverse("intkommun:search"), {"q": "   "})
    assert response.status_code == 200
    assert response.context["groups"] == []


# The same words find the same objects on SQLite and PostgreSQL (issue 17).


@pytest.fixture
def twin_towns(kommun, forvaltning_a, plan):
    """Words in the forms and compounds real registers hold."""
    make_action(plan, title="Vidareutveckla vänortsarbetet med Norden")
    make_action(plan, title="Besöka våra vänorter i Finland")
    make_action(plan, title="Bjuda in skolvänorten till Europaveckan")
    make_action(plan, title="Ordna en EU-dag för gymnasieelever")
    project = make_project(forvaltning_a, title="Ungdomsutbyte")
    ProjectPartner.objects.create(
        project=project, name="Kaunas stadsförvaltning", city="Kaunas", country="LT"
    )
    partnership = Partnership.objects.create(
        kind=Partnership.Kind.TWIN_TOWN,
        name="Vänortssamarbetet i Norden",
        responsible_organisation=forvaltning_a,
    )
    PartnerTown.objects.create(partnership=partnership, name="Kaunas", country="LT")
    PartnershipActivity.objects.create(
        partnership=partnership,
        occurred_on=datetime.date(2017, 5, 9),
        kind=PartnershipActivity.Kind.VISIT,
        purpose="Språkläger för elever i Kaunas",
    )
    fund = InternationalFund.objects.create(kommun=kommun, year=2017, budget=100_000)
    FundApplication.objects.create(
        fund=fund,
        applicant=forvaltning_a,
        purpose="Resa till vänortsmötet i Kaunas",
        amount_requested=10_000,
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "vänort",
            {
                "actions": {
                    "Vidareutveckla vänortsarbetet med Norden",
                    "Besöka våra vänorter i Finland",
                    "Bjuda in skolvänorten till Europaveckan",
                },
                "partnerships": {"Vänortssamarbetet i Norden"},
                "fund_applications": {"Resa till vänortsmötet i Kaunas"},
            },
        ),
        (
            "kaunas",
            {
                "partners": {"Kaunas stadsförvaltning"},
                "partner_towns": {"Kaunas"},
                "activities": {"Språkläger för elever i Kaunas"},
                "fund_applications": {"Resa till vänortsmötet i Kaunas"},
            },
        ),
        ("VÄNORTER finland", {"actions": {"Besöka våra vänorter i Finland"}}),
        ("eu-dag", {"actions": {"Ordna en EU-dag för gymnasieelever"}}),
        ("språkläger", {"activities": {"Språkläger för elever i Kaunas"}}),
        ("vänort tokyo", {}),
    ],
)
def test_the_same_words_find_the_same_objects_on_both_databases(
    coordinator, twin_towns, query, expected
):
    found = {
        key: set(names) for key, names in titles(search(coordinator, query)).items()
    }
    assert found == expected
