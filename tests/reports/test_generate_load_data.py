"""``manage.py generate_load_data``: synthetic kommuner for the benchmarks."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from actions.models import Action
from bench import load_data
from intkommun.models import Membership, Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def small(monkeypatch):
    for key, count in {
        "organisations": 2,
        "actions": 5,
        "projects": 2,
        "fund_applications": 1,
    }.items():
        monkeypatch.setitem(load_data.PER_SCALE, key, count)


def generate(*args: str) -> str:
    output = io.StringIO()
    call_command("generate_load_data", *args, stdout=output)
    return output.getvalue()


def test_many_kommuner_each_with_its_own_coordinator_and_register():
    generate("--scale", "2", "--kommuner", "3")

    names = set(Organisation.objects.kommuner().values_list("name", flat=True))
    assert names == {"Lastkommun 2-1", "Lastkommun 2-2", "Lastkommun 2-3"}
    for number in (1, 2, 3):
        kommun = Organisation.objects.get(name=f"Lastkommun 2-{number}")
        membership = Membership.objects.get(organisation=kommun)
        assert membership.user.username == f"last_samordnare_2_{number}"
        assert membership.role == Membership.Role.COORDINATOR
        assert Organisation.objects.filter(kommun=kommun).count() == 1 + 2 * 2
        assert Action.objects.filter(plan__kommun=kommun).count() == 5 * 2
        seen = Action.objects.visible_to(membership.user)
        assert set(seen.values_list("plan__kommun", flat=True)) == {kommun.pk}


def test_again_it_creates_only_the_missing_kommuner():
    generate("--kommuner", "1")
    output = generate("--kommuner", "2")

    assert "Lastkommun 1-1 finns redan." in output
    assert "Lastkommun 1-2 (id" in output
    assert Organisation.objects.kommuner().count() == 2


def test_one_kommun_is_refused_in_swedish_when_it_exists():
    generate("--scale", "1")
    assert Organisation.objects.filter(name="Lastkommun 1").exists()

    with pytest.raises(CommandError, match="Lastkommun 1 finns redan"):
        generate("--scale", "1")


def test_a_coordinator_without_the_kommun_is_refused_before_anything_is_made():
    get_user_model().objects.create_user(username="last_samordnare_1_1")

    with pytest.raises(CommandError, match="Användaren last_samordnare_1_1 finns"):
        generate("--kommuner", "1")
    assert not Organisation.objects.exists()
