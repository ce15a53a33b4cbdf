"""Which SQL of the main pages reads other kommuners' rows (PostgreSQL only).

    export DATABASE_URL=postgres://…/bench DJANGO_DEBUG=1
    python manage.py generate_load_data --scale 1 --kommuner 10
    python bench/explain.py --kommun "Lastkommun 1-1"

Requests every page of ``bench.pages.PAGES`` (ours, not the admin) through Django's
test client as the kommun's coordinator, then runs ``EXPLAIN (ANALYZE, FORMAT
JSON)`` on every query the page made and prints each sequential scan of a table
with more than ``--min-rows`` rows: the rows the scan read and how many of them
it kept. A page whose time must not grow with the number of other kommuner reads
no big table whole. ANALYZE runs first, so the planner knows the table sizes.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intkommun.settings")


def plan_nodes(node: dict) -> Iterator[dict]:
    yield node
    for child in node.get("Plans", []):
        yield from plan_nodes(child)


def sequential_scans(cursor, sql: str, params, table_rows: dict[str, int], min_rows):
    """(table, rows read, rows kept) of each Seq Scan of a big table in the plan."""
    cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}", params)
    (plan,) = cursor.fetchone()
    if isinstance(plan, str):
        plan = json.loads(plan)
    for node in plan_nodes(plan[0]["Plan"]):
        table = node.get("Relation Name")
        if node["Node Type"] != "Seq Scan" or table_rows.get(table, 0) < min_rows:
            continue
        loops = node.get("Actual Loops", 1)
        kept = node.get("Actual Rows", 0) * loops
        removed = node.get("Rows Removed by Filter", 0) * loops
        yield table, kept + removed, kept


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kommun", default="Lastkommun 1-1")
    parser.add_argument("--min-rows", type=int, default=1000)
    parser.add_argument("--only", help="Only the pages whose label contains this.")
    arguments = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.pages import PAGES
    from bench.server import bench_context

    if connection.vendor != "postgresql":
        sys.exit("EXPLAIN of this kind needs PostgreSQL: set DATABASE_URL.")
    settings.ALLOWED_HOSTS = ["*"]
    context = bench_context(arguments.kommun)
    client = Client()
    client.force_login(context.coordinator)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute(
            "SELECT relname, n_live_tup FROM pg_stat_user_tables"
            " WHERE n_live_tup >= %s",
            [arguments.min_rows],
        )
        table_rows = dict(cursor.fetchall())
    print(f"{arguments.kommun}: tables of at least {arguments.min_rows} rows:")
    for table, rows in sorted(table_rows.items(), key=lambda item: -item[1]):
        print(f"  {table:45s} {rows:8d}")
    found = 0
    for page in PAGES:
        if page.ours is None or (arguments.only and arguments.only not in page.label):
            continue
        url = page.ours.format(**context.ids)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        if response.status_code != 200:
            print(f"\n{page.label}: {url} answered {response.status_code}")
            continue
        lines = []
        with connection.cursor() as cursor:
            for query in queries.captured_queries:
                sql = query["sql"]
                if not sql.lstrip().upper().startswith("SELECT"):
                    continue
                # The captured SQL has its parameters inlined by psycopg2's mogrify.
                scans = list(
                    sequential_scans(cursor, sql, None, table_rows, arguments.min_rows)
                )
                for table, read, kept in scans:
                    lines.append(
                        f"  Seq Scan {table}: read {read}, kept {kept}\n    {sql[:300]}"
                    )
        found += len(lines)
        print(f"\n{page.label} ({url}): {len(queries.captured_queries)} queries")
        print("\n".join(lines) if lines else "  no sequential scan of a big table")
    print(f"\n{found} sequential scans of big tables.")


if __name__ == "__main__":
    main()
