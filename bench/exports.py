"""The main .xlsx exports in process through Django's test client: median wall and
CPU time of ``--requests`` downloads each (after one warm-up), and the file size.

    export DATABASE_URL=sqlite:////tmp/exports.sqlite3   # generate_load_data --scale 5
    DJANGO_SECRET_KEY=bench DJANGO_ALLOWED_HOSTS=testserver python bench/exports.py \\
        --user last_samordnare_5 --year 2026

The time includes the queries, building the workbook and reading the whole file
from the response; no server, so it is the export's own cost.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intkommun.settings")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--user", default="last_samordnare_5")
    parser.add_argument("--year", type=int, required=True)
    parser.add_argument("--requests", type=int, default=5)
    arguments = parser.parse_args()

    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    from intkommun.models import Organisation

    user = get_user_model().objects.get(username=arguments.user)
    kommun = Organisation.objects.visible_to(user).kommuner().get()
    client = Client()
    client.force_login(user)
    exports = {
        "actions": reverse("actions:export"),
        "projects": reverse("projects:export"),
        "fund applications": reverse("projects:application_export"),
        "KS key figures": reverse(
            "reports:year_end_figures", args=[kommun.pk, arguments.year]
        ),
    }
    print("| export | wall ms | CPU ms | KiB |\n|---|---|---|---|")
    for label, url in exports.items():
        walls, cpus = [], []
        for attempt in range(arguments.requests + 1):
            wall, cpu = time.perf_counter(), time.process_time()
            response = client.get(url, secure=True)
            size = len(response.getvalue())
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            assert response.status_code == 200, (url, response.status_code)
            if attempt:
                walls.append(wall * 1000)
                cpus.append(cpu * 1000)
        print(
            f"| {label} | {statistics.median(walls):.0f} "
            f"| {statistics.median(cpus):.0f} | {size // 1024} |"
        )


if __name__ == "__main__":
    main()
