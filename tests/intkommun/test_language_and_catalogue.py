from __future__ import annotations

import os
import shutil
import subprocess
import sys
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
    # A heading set on a view class at import time follows the language too.
    actions = reader_client.get(reverse("actions:list")).content.decode()
    assert '<h1 class="h2 mb-0">Actions</h1>' in actions

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


# What `make messages` reads: the apps, the templates and the print CSS.
SOURCE_DIRS = [
    "actions",
    "api",
    "intkommun",
    "projects",
    "public",
    "reports",
    "strategies",
    "templates",
]


def test_every_string_of_the_code_has_a_swedish_translation(tmp_path):
    """The code's strings as `makemessages` extracts them, from a copy of the
    source: a string added to the code and not to the catalogue fails here, not
    in front of a user as English."""
    base = Path(settings.BASE_DIR)
    for name in SOURCE_DIRS:
        shutil.copytree(base / name, tmp_path / name)
    shutil.copy(base / "manage.py", tmp_path / "manage.py")
    (tmp_path / "locale").mkdir()
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "sv"]
        + ["-e", "html,txt,py,css", "--no-location", "--no-wrap"],
        cwd=tmp_path,
        env={**os.environ, "DJANGO_DEBUG": "1", "PYTHONPATH": str(tmp_path)},
        check=True,
        capture_output=True,
    )
    extracted = polib.pofile(str(tmp_path / "locale/sv/LC_MESSAGES/django.po"))
    translated = {
        (entry.msgctxt, entry.msgid)
        for entry in polib.pofile(str(CATALOGUE)).translated_entries()
    }
    missing = [
        entry.msgid
        for entry in extracted
        if (entry.msgctxt, entry.msgid) not in translated
    ]
    assert missing == []
