from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.urls import reverse

from intkommun.middleware import SESSION_STARTED_KEY

pytestmark = pytest.mark.django_db


def test_check_deploy_is_clean_with_production_variables(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL"))
    }
    env.update(
        DJANGO_SECRET_KEY="a-long-production-secret-" + "x" * 40,
        DJANGO_ALLOWED_HOSTS="intkommun.example.se",
        INTKOMMUN_VAR_DIR=str(tmp_path),
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_settings_refuse_to_start_without_a_secret_key_in_production(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env["INTKOMMUN_VAR_DIR"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_a_session_older_than_twelve_hours_must_log_in_again(reader_client):
    assert reader_client.get(reverse("start")).status_code == 200
    session = reader_client.session
    session[SESSION_STARTED_KEY] = time.time() - 12 * 60 * 60 - 1
    session.save()
    response = reader_client.get(reverse("start"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_repeated_wrong_passwords_lock_only_that_username_from_that_address(
    client, reader
):
    url = reverse("login")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(url, {"username": reader.username, "password": "fel"})
    locked = client.post(
        url, {"username": reader.username, "password": "test-password"}
    )
    assert "För många misslyckade inloggningar" in locked.content.decode()

    elsewhere = client.post(
        url,
        {"username": reader.username, "password": "test-password"},
        REMOTE_ADDR="10.0.0.99",
    )
    assert elsewhere.status_code == 302


def test_production_keeps_database_connections_and_checks_them(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL"))
    }
    env.update(
        DJANGO_SECRET_KEY="a-long-production-secret-" + "x" * 40,
        DJANGO_ALLOWED_HOSTS="intkommun.example.se",
        INTKOMMUN_VAR_DIR=str(tmp_path),
    )
    code = (
        "from django.conf import settings; d = settings.DATABASES['default']; "
        "print(d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'], "
        "settings.SESSION_SAVE_EVERY_REQUEST)"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["60", "True", "False"]
