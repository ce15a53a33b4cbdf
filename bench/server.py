"""What the HTTP benchmarks share: the users they log in as, the pages' ids, a
production-like gunicorn to measure, and logging in over HTTP.

The benchmarks run Django in their own process only to read ids and to set the
benchmark users' passwords (``DATABASE_URL`` must name the server's database);
every measured request goes over HTTP to the server.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
ADMIN_USERNAME = "bench_admin"
# Benchmark accounts on a benchmark database; never a real installation's.
DEFAULT_PASSWORD = "bench-lasse-last-18"  # noqa: S105


@dataclass
class BenchContext:
    kommun_name: str
    coordinator: Any
    ids: dict[str, int]


def setup_django() -> None:
    """Django for reading the database, in this process only (the server it
    measures has its own settings): debug settings unless a secret key is set."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intkommun.settings")
    if not os.environ.get("DJANGO_SECRET_KEY"):
        os.environ["DJANGO_DEBUG"] = "1"
    import django

    django.setup()


def bench_context(kommun_name: str) -> BenchContext:
    """The ids the pages' URLs need, of the synthetic kommun ``kommun_name``."""
    from actions.models import Action
    from bench.load_data import YEAR
    from intkommun.models import Membership, Organisation
    from projects.models import Project
    from strategies.models import Strategy

    kommun = Organisation.objects.filter(name=kommun_name).first()
    if kommun is None:
        sys.exit(
            f"{kommun_name} finns inte: skapa den med manage.py generate_load_data."
        )
    membership = (
        Membership.objects.filter(organisation=kommun, role=Membership.Role.COORDINATOR)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    plan = Strategy.objects.filter(kommun=kommun, actions__isnull=False).first()
    ids = {
        "kommun": kommun.pk,
        "year": YEAR,
        "plan": plan.pk,
        "action": Action.objects.filter(plan=plan).order_by("pk").first().pk,
        "project": Project.objects.filter(owner__kommun=kommun).order_by("pk")[0].pk,
        "organisation": Organisation.objects.filter(kommun=kommun)
        .exclude(pk=kommun.pk)
        .order_by("pk")[0]
        .pk,
    }
    return BenchContext(kommun_name, membership.user, ids)


def prepare_users(context: BenchContext, password: str) -> tuple[str, str]:
    """Give the kommun's coordinator the password and make sure the superuser
    exists; returns both usernames."""
    from django.contrib.auth import get_user_model

    coordinator = context.coordinator
    coordinator.set_password(password)
    coordinator.save(update_fields=["password"])
    admin, _ = get_user_model().objects.get_or_create(
        username=ADMIN_USERNAME, defaults={"is_staff": True, "is_superuser": True}
    )
    admin.is_staff = admin.is_superuser = admin.is_active = True
    admin.set_password(password)
    admin.save()
    return coordinator.username, admin.username


def send_secure_cookies_over_http(session_class: type) -> type:
    """A requests session class that sends the server's Secure cookies back over
    the local plain connection: the server believes it is behind TLS
    (X-Forwarded-Proto), as behind the real proxy."""

    class Session(session_class):
        def send(self, request, **kwargs):
            response = super().send(request, **kwargs)
            for cookie in self.cookies:
                cookie.secure = False
            return response

    return Session


# The header a TLS-terminating proxy adds; production settings trust it.
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}


def login(session: Any, base_url: str, username: str, password: str) -> None:
    """Log a session (of ``send_secure_cookies_over_http``) in through the login
    page, as a browser does."""
    session.headers.update(PROXY_HEADERS)
    login_url = f"{base_url}/konto/logga-in/"
    page = session.get(login_url)
    page.raise_for_status()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    host = base_url.split("://", 1)[1]
    response = session.post(
        login_url,
        data={
            "csrfmiddlewaretoken": token.group(1),
            "username": username,
            "password": password,
            "next": "/",
        },
        # CSRF over HTTPS checks that the form came from our own origin.
        headers={"Referer": f"https://{host}/konto/logga-in/"},
        allow_redirects=False,
    )
    if response.status_code != 302:
        sys.exit(f"Inloggningen som {username} misslyckades ({response.status_code}).")


def production_environment(port: int) -> dict[str, str]:
    """The server's environment: production settings (no DJANGO_DEBUG), a random
    secret key, the local host allowed and no redirect to HTTPS (the proxy
    header says the request came over TLS, as behind a real proxy)."""
    environment = dict(os.environ)
    environment.pop("DJANGO_DEBUG", None)
    environment.update(
        DJANGO_SECRET_KEY=secrets.token_hex(40),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_STATIC_ROOT=environment.get(
            "DJANGO_STATIC_ROOT", "/tmp/intkommun_bench_static"
        ),
        DJANGO_LOG_LEVEL="WARNING",
    )
    if "DATABASE_URL" not in environment:
        sys.exit("Sätt DATABASE_URL till PostgreSQL-databasen med lastdata.")
    return environment


def start_server(port: int, workers: int = 2) -> subprocess.Popen:
    """gunicorn with production settings on PostgreSQL, after collectstatic
    (the manifest storage of production needs it)."""
    environment = production_environment(port)
    python = sys.executable
    subprocess.run(
        [python, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=environment,
        check=True,
    )
    gunicorn = shutil.which("gunicorn", path=str(Path(python).parent)) or "gunicorn"
    server = subprocess.Popen(
        [
            gunicorn,
            "intkommun.wsgi",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=environment,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/konto/logga-in/"):  # noqa: S310
                return server
        except OSError:
            if server.poll() is not None:
                sys.exit("gunicorn avslutades direkt; se felet ovan.")
            time.sleep(0.5)
    server.terminate()
    sys.exit("gunicorn svarade inte inom en minut.")


def stop_server(server: subprocess.Popen | None) -> None:
    if server is not None:
        server.terminate()
        server.wait(timeout=30)
