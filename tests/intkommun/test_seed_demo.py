from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from intkommun.demo import DEMO_PASSWORD, KOMMUNER
from intkommun.models import Membership, Organisation

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    return {
        "organisations": Organisation.objects.count(),
        "memberships": Membership.objects.count(),
        "users": get_user_model().objects.count(),
        "history": Organisation.history.count() + Membership.history.count(),
    }


def test_seed_demo_twice_creates_nothing_twice():
    call_command("seed_demo", stdout=StringIO())
    first = counts()
    call_command("seed_demo", stdout=StringIO())
    assert counts() == first


def test_seed_demo_loads_the_five_kommuner_with_kf_ks_and_every_role():
    call_command("seed_demo", stdout=StringIO())
    kommuner = Organisation.objects.kommuner()
    assert sorted(k.name for k in kommuner) == sorted(d.name for d in KOMMUNER)
    for kommun in kommuner:
        bodies = set(
            kommun.children.filter(kind="namnd").values_list("short_name", flat=True)
        )
        assert {"KF", "KS"} <= bodies
        roles = set(
            Membership.objects.filter(organisation__kommun=kommun).values_list(
                "role", flat=True
            )
        )
        assert roles == {"coordinator", "reporter", "reader"}


def test_seed_demo_prints_usernames_and_the_shared_password():
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert DEMO_PASSWORD in out.getvalue()
    assert "skara.samordnare" in out.getvalue()
    user = get_user_model().objects.get(username="skara.samordnare")
    assert user.check_password(DEMO_PASSWORD)


def test_invented_organisations_and_people_are_labelled_as_examples():
    call_command("seed_demo", stdout=StringIO())
    assert Organisation.objects.get(name="Skara kommun").is_example is False
    assert Organisation.objects.get(name="Katedralskolan").is_example is False
    invented = Organisation.objects.get(
        kommun__name="Skara kommun", name="Socialförvaltningen"
    )
    assert invented.is_example is True
    people = get_user_model().objects.filter(memberships__isnull=False).distinct()
    assert all(person.last_name == "Exempelperson" for person in people)


def test_every_demo_kommun_has_an_approximate_population_that_says_so():
    call_command("seed_demo", stdout=StringIO())
    kommuner = Organisation.objects.kommuner()
    assert kommuner.count() == 5
    for kommun in kommuner:
        assert kommun.population and kommun.population % 1000 == 0
        assert kommun.population_source.startswith("exempelvärde")


def test_seed_demo_publishes_skaras_pages_without_names_marked_as_a_demonstration():
    out = StringIO()
    call_command("seed_demo", stdout=out)
    publishing = Organisation.objects.kommuner().filter(publishes_publicly=True)
    assert [k.name for k in publishing] == ["Skara kommun"]
    skara = publishing.get()
    assert skara.public_shows_names is False
    url = reverse("public:kommun", args=[skara.pk])
    assert url in out.getvalue()
    for name in ("public:kommun", "public:action_plans", "public:partnerships"):
        response = Client().get(reverse(name, args=[skara.pk]))
        assert response.status_code == 200
        html = response.content.decode()
        assert "Demonstrationsdata:" in html
        assert "inte kommunens officiella uppgifter" in html
    assert (
        "Exempelperson"
        not in Client()
        .get(reverse("public:action_plans", args=[skara.pk]))
        .content.decode()
    )
