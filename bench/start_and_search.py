"""Benchmark the coordinator's start page and the global search on the synthetic
kommun of ``generate_load_data``.

    DJANGO_DEBUG=1 python manage.py generate_load_data --scale 4
    DJANGO_DEBUG=1 python bench/start_and_search.py --scale 4

Requests go through Django's test client in this process (no network, no
gunicorn), logged in as the synthetic kommun's coordinator. Prints the median
and 95th percentile of the response time and the number of SQL queries of each
page. Set DATABASE_URL to measure on PostgreSQL.
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

PAGES = {
    "start page (coordinator)": "/",
    "search, one word (400 hits/scale)": "/sok/?q=partnerkommuner",
    "search, two words": "/sok/?q=hållbar+utveckling",
    "search, nothing found": "/sok/?q=zanzibar",
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--runs", type=int, default=20)
    arguments = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    settings.ALLOWED_HOSTS = ["*"]
    user = get_user_model().objects.get(username=f"last_samordnare_{arguments.scale}")
    client = Client()
    client.force_login(user)
    print(f"scale {arguments.scale} on {connection.vendor}, {arguments.runs} runs each")
    for label, url in PAGES.items():
        client.get(url)  # warm the caches once
        times = []
        for _run in range(arguments.runs):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        times.sort()
        p95 = times[max(0, round(0.95 * len(times)) - 1)]
        print(
            f"{label:36s} p50 {statistics.median(times):6.0f} ms"
            f"  p95 {p95:6.0f} ms  {len(queries.captured_queries):3d} queries"
        )


if __name__ == "__main__":
    main()
