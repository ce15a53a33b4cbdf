from __future__ import annotations

from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "sv" / "LC_MESSAGES" / "django.po"


def test_interface_is_swedish_by_default(reader_client):
    response = reader_client.get(reverse("start"))
    text = response.content.decode()
    assert '<html lang="sv">' in text
    assert "Hoppa till innehållet" in text
    assert "Logga ut" in text


def test_an_english_browser_still_gets_the_swedish_interface(reader_client):
    response = reader_client.get(reverse("start"), HTTP_ACCEPT_LANGUAGE="en-US,en")
    assert '<html lang="sv">' in response.content.decode()
    assert response.headers["Content-Language"] == "sv"


def test_language_switch_turns_the_interface_english_and_back(reader_client):
    response = reader_client.post(
        reverse("set_language"), {"language": "en", "next": reverse("start")}
    )
    assert response.status_code == 302
    text = reader_client.get(reverse("start")).content.decode()
    assert '<html lang="en">' in text
    assert "Skip to content" in text
    assert "Reader" in text

    reader_client.post(reverse("set_language"), {"language": "sv", "next": "/"})
    assert (
        "Hoppa till innehållet" in reader_client.get(reverse("start")).content.decode()
    )


def test_swedish_catalogue_is_complete_and_compiled():
    catalogue = polib.pofile(str(CATALOGUE))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert untranslated == []
    assert fuzzy == []
    compiled = CATALOGUE.with_suffix(".mo")
    assert compiled.exists()
    assert compiled.stat().st_size > 0
    assert {e.msgid for e in polib.mofile(str(compiled))} >= {
        e.msgid for e in catalogue.translated_entries()
    }
