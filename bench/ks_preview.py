"""The KS preview right after a change, with and without the task worker's refresh.

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/intkommun_bench
    DJANGO_DEBUG=1 python manage.py generate_load_data --scale 5
    DJANGO_SECRET_KEY=bench DJANGO_ALLOWED_HOSTS=testserver \\
        python bench/ks_preview.py --kommun "Lastkommun 5" --year 2024

Logged in as the kommun's coordinator through Django's test client, with the
database task backend. Each side looks at the preview (so that it is watched and
kept), then ``--changes`` times renames one of the kommun's actions (a commit,
as a save in the browser), waits ``--wait`` seconds, as someone who saved and then
opens the preview, and times the preview. "refresh" runs a real
``manage.py db_worker`` with INTKOMMUN_KS_PREVIEW_REFRESH on; "no refresh" has it
off, so the visit gathers the year itself. The two sides alternate. Prints the
median and the slowest visit of each side.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intkommun.settings")
os.environ["DJANGO_TASKS_BACKEND"] = "django_tasks_db.backend.DatabaseBackend"
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")

MANAGE = Path(__file__).resolve().parent.parent / "manage.py"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kommun", default="Lastkommun 5")
    parser.add_argument("--year", type=int, required=True)
    parser.add_argument("--changes", type=int, default=6)
    parser.add_argument("--wait", type=float, default=3.0)
    arguments = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    from actions.models import Action
    from intkommun.models import Membership, Organisation

    kommun = Organisation.objects.kommuner().get(name=arguments.kommun)
    coordinator = (
        Membership.objects.filter(organisation=kommun, role=Membership.Role.COORDINATOR)
        .select_related("user")
        .first()
        .user
    )
    client = Client()
    client.force_login(coordinator)
    url = f"/uppfoljning/ks-rapport/{kommun.pk}/{arguments.year}/"
    action = Action.objects.filter(plan__kommun=kommun).order_by("pk").first()
    title = action.title

    def visit() -> float:
        started = time.perf_counter()
        response = client.get(url, secure=True)
        assert response.status_code == 200, response.status_code
        return (time.perf_counter() - started) * 1000

    worker = subprocess.Popen(
        [sys.executable, str(MANAGE), "db_worker", "--interval", "0.5"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    times: dict[str, list[float]] = {"refresh": [], "no refresh": []}
    try:
        for side in times:
            settings.INTKOMMUN_KS_PREVIEW_REFRESH = side == "refresh"
            visit()  # watched (with the refresh on) and kept
        for change in range(arguments.changes):
            for side in times:
                settings.INTKOMMUN_KS_PREVIEW_REFRESH = side == "refresh"
                visit()
                action.title = f"{title} ({side}, {change})"
                action.save()
                time.sleep(arguments.wait)
                times[side].append(visit())
    finally:
        worker.terminate()
        worker.wait()
        action.title = title
        action.save()
    print(
        f"{arguments.kommun} {arguments.year}, {arguments.changes} changes, "
        f"preview {arguments.wait:.1f} s after each\n\n"
        "| | median | slowest |\n|---|---|---|"
    )
    for side, measured in times.items():
        print(
            f"| {side} | {statistics.median(measured):.0f} ms | {max(measured):.0f} ms |"
        )


if __name__ == "__main__":
    main()
