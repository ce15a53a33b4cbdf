"""Document types: the seven defaults, and a kommun's own ranked list."""

from __future__ import annotations

import pytest
from django.urls import reverse

from strategies import services
from strategies.forms import StrategyForm
from strategies.models import DocumentType
from tests.strategy_factories import StrategyFactory, default_type
from tests.versions import loaded_version

pytestmark = pytest.mark.django_db

DEFAULT_NAMES = [
    "Program",
    "Policy",
    "Strategi",
    "Plan",
    "Handlingsplan",
    "Riktlinjer",
    "Regler",
]
LIST = reverse("strategies:document_type_list")


def names(kommun) -> list[str]:
    return list(
        DocumentType.objects.available_to(kommun).values_list("name", flat=True)
    )


def test_every_kommun_starts_with_the_seven_default_types_in_order(kommun):
    assert names(kommun) == DEFAULT_NAMES
    assert list(
        DocumentType.objects.filter(is_action_plan=True).values_list("name", flat=True)
    ) == ["Handlingsplan"]


def test_coordinator_adds_a_type_and_keeps_the_defaults(
    coordinator_client, kommun, other_kommun
):
    url = reverse("strategies:document_type_create") + f"?kommun={kommun.pk}"
    response = coordinator_client.post(
        url,
        {
            "name": "Verksamhetsplan",
            "order": "55",
            "is_action_plan": "on",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    assert names(kommun) == DEFAULT_NAMES[:5] + ["Verksamhetsplan"] + DEFAULT_NAMES[5:]
    assert names(other_kommun) == DEFAULT_NAMES


def test_a_kommun_cannot_have_two_types_with_the_same_name(coordinator_client, kommun):
    url = reverse("strategies:document_type_create") + f"?kommun={kommun.pk}"
    response = coordinator_client.post(
        url, {"name": "policy", "order": "5", "is_active": "on"}
    )
    assert response.status_code == 200
    assert "name" in response.context["form"].errors
    assert not DocumentType.objects.filter(kommun=kommun).exists()


def test_own_list_takes_over_the_kommuns_documents(
    coordinator_client, kommun, other_kommun
):
    mine = StrategyFactory(kommun=kommun, document_type=default_type("Policy"))
    theirs = StrategyFactory(kommun=other_kommun, document_type=default_type("Policy"))
    response = coordinator_client.post(
        reverse("strategies:document_types_customise"), {"kommun": kommun.pk}
    )
    assert response.status_code == 302
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.document_type.kommun == kommun and mine.document_type.name == "Policy"
    assert theirs.document_type.is_default


def test_making_the_own_list_twice_copies_the_defaults_once(kommun):
    services.document_types_customise(kommun=kommun)
    services.document_types_customise(kommun=kommun)
    assert DocumentType.objects.filter(kommun=kommun).count() == 7


def test_coordinator_moves_a_type_up_the_list(coordinator_client, kommun):
    services.document_types_customise(kommun=kommun)
    plan = DocumentType.objects.get(kommun=kommun, name="Plan")
    url = reverse("strategies:document_type_move", args=[plan.pk])
    coordinator_client.post(url, {"direction": "up"})
    assert names(kommun)[2:4] == ["Plan", "Strategi"]


def test_coordinator_renames_a_type_of_the_own_list(coordinator_client, kommun):
    services.document_types_customise(kommun=kommun)
    rules = DocumentType.objects.get(kommun=kommun, name="Regler")
    url = reverse("strategies:document_type_update", args=[rules.pk])
    data = {"name": "Regler och rutiner", "order": "70", "is_active": "on"}
    data.update(loaded_version(rules))
    assert coordinator_client.post(url, data).status_code == 302
    assert names(kommun)[-1] == "Regler och rutiner"


def test_new_document_form_offers_the_kommuns_own_active_types(kommun):
    services.document_types_customise(kommun=kommun)
    DocumentType.objects.filter(kommun=kommun, name="Regler").update(is_active=False)
    form = StrategyForm(kommun=kommun)
    offered = [str(choice) for choice in form.fields["document_type"].queryset]
    assert offered == DEFAULT_NAMES[:-1]
    assert all(t.kommun == kommun for t in form.fields["document_type"].queryset)


@pytest.mark.parametrize(
    ("persona", "status"), [("reporter_a_client", 403), ("reader_client", 403)]
)
def test_only_coordinators_change_the_types(request, persona, status, kommun):
    client = request.getfixturevalue(persona)
    response = client.post(
        reverse("strategies:document_types_customise"), {"kommun": kommun.pk}
    )
    assert response.status_code == status
    assert not DocumentType.objects.filter(kommun=kommun).exists()


def test_another_kommuns_types_cannot_be_changed(other_coordinator_client, kommun):
    services.document_types_customise(kommun=kommun)
    policy = DocumentType.objects.get(kommun=kommun, name="Policy")
    url = reverse("strategies:document_type_update", args=[policy.pk])
    assert other_coordinator_client.get(url).status_code == 404
    move = reverse("strategies:document_type_move", args=[policy.pk])
    assert other_coordinator_client.post(move, {"direction": "up"}).status_code == 404


def test_defaults_cannot_be_reordered_by_a_coordinator(coordinator_client):
    url = reverse("strategies:document_type_move", args=[default_type("Plan").pk])
    assert coordinator_client.post(url, {"direction": "up"}).status_code == 403


def test_everyone_in_the_kommun_sees_its_list(reader_client, kommun):
    response = reader_client.get(LIST)
    [row] = response.context["rows"]
    assert (row.kommun, row.is_own_list, row.can_edit) == (kommun, False, False)
    assert [t.name for t in row.types] == DEFAULT_NAMES
