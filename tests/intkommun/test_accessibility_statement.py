"""The accessibility statement (tillgänglighetsredogörelse) that the law asks for."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_statement_is_public_and_swedish(client):
    response = client.get(reverse("intkommun:accessibility"))
    text = response.content.decode()
    assert response.status_code == 200
    assert "<h1" in text and "Tillgänglighetsredogörelse" in text
    assert "delvis förenlig" in text
    assert "https://www.digg.se/tdosanmalan" in text
    assert "23 november 2026" in text


def test_statement_names_the_configured_contact(client, settings):
    settings.ACCESSIBILITY_CONTACT_EMAIL = "tillganglighet@skara.example"
    text = client.get(reverse("intkommun:accessibility")).content.decode()
    assert 'href="mailto:tillganglighet@skara.example"' in text


def test_without_a_contact_the_statement_points_to_the_coordinator(client, settings):
    settings.ACCESSIBILITY_CONTACT_EMAIL = ""
    text = client.get(reverse("intkommun:accessibility")).content.decode()
    assert "mailto:" not in text
    assert "kommuns internationella samordnare" in text


def test_every_page_links_to_the_statement(reader_client):
    text = reader_client.get(reverse("start")).content.decode()
    assert f'href="{reverse("intkommun:accessibility")}"' in text
