"""The coordinator's pages for the kommun's API tokens."""

from __future__ import annotations

import pytest
from django.urls import reverse

from api.models import ApiToken
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def create(client, kommun, name="Kommunens webbplats"):
    return client.post(reverse("api:token_create", args=[kommun.pk]), {"name": name})


def test_coordinator_creates_a_token_and_sees_it_once(kommun, coordinator):
    client = client_for(coordinator)
    response = create(client, kommun)
    assert response.status_code == 200
    secret = response.context["secret"]
    assert secret.startswith("ik_") and secret in response.content.decode()
    assert response["Cache-Control"].startswith("max-age=0")
    token = ApiToken.objects.get()
    assert (token.kommun, token.created_by, token.name) == (
        kommun,
        coordinator,
        "Kommunens webbplats",
    )
    listing = client.get(reverse("api:token_list", args=[kommun.pk]))
    assert "Kommunens webbplats" in listing.content.decode()
    assert secret not in listing.content.decode()
    assert token.hint in listing.content.decode()


def test_a_token_needs_a_name(kommun, coordinator):
    response = create(client_for(coordinator), kommun, name="")
    assert response.status_code == 200
    assert response.context["form"].errors["name"]
    assert not ApiToken.objects.exists()


def test_coordinator_revokes_a_token_and_history_keeps_who(kommun, coordinator):
    token, _secret = ApiToken.issue(kommun=kommun, name="Gammal", by=coordinator)
    response = client_for(coordinator).post(
        reverse("api:token_revoke", args=[token.pk])
    )
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.is_revoked and token.revoked_by == coordinator
    assert token.history.first().history_user == coordinator


def test_reader_may_not_create_or_revoke(kommun, coordinator, reader):
    token, _secret = ApiToken.issue(kommun=kommun, name="Webb", by=coordinator)
    client = client_for(reader)
    assert create(client, kommun).status_code == 403
    revoke = client.post(reverse("api:token_revoke", args=[token.pk]))
    assert revoke.status_code == 403
    assert not ApiToken.objects.get().is_revoked


def test_another_kommuns_coordinator_finds_nothing(
    kommun, coordinator, other_coordinator
):
    token, _secret = ApiToken.issue(kommun=kommun, name="Webb", by=coordinator)
    client = client_for(other_coordinator)
    assert client.get(reverse("api:token_list", args=[kommun.pk])).status_code == 404
    revoke = client.post(reverse("api:token_revoke", args=[token.pk]))
    assert revoke.status_code == 404
    assert not ApiToken.objects.get().is_revoked


def test_the_kommun_page_links_its_coordinator_to_the_tokens(
    kommun, coordinator, reader
):
    url = reverse("api:token_list", args=[kommun.pk])
    page = reverse("intkommun:organisation_detail", args=[kommun.pk])
    assert url in client_for(coordinator).get(page).content.decode()
    assert url not in client_for(reader).get(page).content.decode()
