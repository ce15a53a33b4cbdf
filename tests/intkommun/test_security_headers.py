"""Content-Security-Policy, Permissions-Policy and Cache-Control on responses."""

from __future__ import annotations

import hashlib

import pytest
from django.core.files.base import ContentFile
from django.templatetags.static import static
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from reports.models import YearEndReport

YEAR = 2025


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def directives(response) -> dict[str, list[str]]:
    policy = response.headers["Content-Security-Policy"]
    parts = (part.split() for part in policy.split(";") if part.strip())
    return {name: sources for name, *sources in parts}


def assert_protected(response) -> None:
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "camera=()" in response.headers["Permissions-Policy"]


def assert_not_stored(response) -> None:
    cache_control = response.headers["Cache-Control"]
    assert "no-store" in cache_control
    assert "private" in cache_control


@pytest.fixture
def ks_pdf(kommun, coordinator) -> YearEndReport:
    content = b"%PDF-1.7 KS report"
    report = YearEndReport.objects.create(
        kommun=kommun,
        year=YEAR,
        sha256=hashlib.sha256(content).hexdigest(),
        page_count=1,
        generated_at=timezone.now(),
        generated_by=coordinator,
    )
    report.file.save("ks-rapport.pdf", ContentFile(content))
    return report


def test_a_signed_in_page_is_protected_and_not_stored(coordinator_client):
    response = coordinator_client.get(reverse("start"))

    assert response.status_code == 200
    assert_protected(response)
    assert_not_stored(response)


def test_the_login_page_is_protected_and_not_stored(client):
    response = client.get(reverse("login"))

    assert response.status_code == 200
    assert_protected(response)
    assert_not_stored(response)


def test_an_export_is_protected_and_not_stored(coordinator_client):
    response = coordinator_client.get(reverse("actions:export"))

    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert_protected(response)
    assert_not_stored(response)


def test_the_ks_pdf_download_is_protected_and_not_stored(
    ks_pdf, kommun, coordinator_client
):
    response = coordinator_client.get(
        reverse("reports:year_end_download", args=[kommun.pk, YEAR])
    )

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.7 KS report"
    assert_protected(response)
    assert_not_stored(response)


def test_the_policy_allows_no_inline_script_or_eval(client):
    policy = directives(client.get(reverse("login")))

    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]


def test_a_page_has_no_inline_script_style_or_event_handler(coordinator_client):
    html = coordinator_client.get(reverse("start")).content.decode()

    assert "<script>" not in html
    assert "<style" not in html
    assert " style=" not in html
    assert " onclick=" not in html


def test_a_public_page_for_anyone_signed_out_may_be_cached(client):
    response = client.get(reverse("intkommun:accessibility"))

    assert response.status_code == 200
    assert "no-store" not in response.headers.get("Cache-Control", "")


def test_a_static_file_is_served_cacheable_even_to_a_signed_in_user(
    coordinator, settings
):
    # WhiteNoise answers before the session is read: no private, no no-store.
    # Finders, because the tests run without collectstatic.
    settings.WHITENOISE_USE_FINDERS = True
    client = Client()
    client.force_login(coordinator)

    response = client.get(static("css/intkommun.css"))

    assert response.status_code == 200
    assert "public" in response.headers["Cache-Control"]
    assert "no-store" not in response.headers["Cache-Control"]
    assert "Content-Security-Policy" not in response.headers
