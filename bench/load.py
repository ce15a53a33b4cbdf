"""The page mix under load: locust, headless and bounded, at 20 and 50 users.

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/intkommun_bench
    python bench/load.py --start-server --kommun "Lastkommun 5" --seconds 60

Each simulated user logs in as the kommun's coordinator and requests the main
pages of ``bench.pages`` (lists, filtered list, search, start page, details) in
turn without pause. With ``--start-server`` gunicorn runs with 2 workers and
production settings (see bench/server.py). Prints, per number of users, the
requests per second, the median and 95th percentile and the errors.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.pages import PAGES  # noqa: E402
from bench.server import (  # noqa: E402
    DEFAULT_PASSWORD,
    ROOT,
    bench_context,
    prepare_users,
    setup_django,
    start_server,
    stop_server,
)

# The mix: what a coordinator opens in a day's work, not the slow printouts.
MIX = [
    "coordinator start page",
    "action list",
    "action list, two filters",
    "search",
    "project list",
    "document list",
    "goal list",
    "partnership list",
    "fund application list",
    "annual report list",
    "organisation list",
    "my actions",
    "action detail",
    "project detail",
]


def run_locust(url: str, mix_file: Path, users: int) -> dict:
    """Locust's aggregated row of one run; its output is in /tmp/…/load.log."""
    prefix = Path(tempfile.mkdtemp()) / "load"
    log = open(f"{prefix}.log", "w")  # noqa: SIM115 (closed below)
    subprocess.run(
        [
            str(Path(sys.executable).parent / "locust"),
            "-f",
            str(ROOT / "bench" / "locustfile.py"),
            "--headless",
            "--users",
            str(users),
            "--spawn-rate",
            str(users),
            # A bound only: the locustfile ends the run `seconds` after the logins.
            "--run-time",
            "900s",
            "--host",
            url,
            "--csv",
            str(prefix),
            "--only-summary",
            "--loglevel",
            "WARNING",
        ],
        env={**os.environ, "INTKOMMUN_BENCH_MIX": str(mix_file)},
        check=False,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    log.close()
    with open(f"{prefix}_stats.csv", newline="") as stats:
        return next(row for row in csv.DictReader(stats) if row["Name"] == "Aggregated")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kommun", default="Lastkommun 5")
    parser.add_argument("--users", type=int, nargs="+", default=[20, 50])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--url", default="http://127.0.0.1:8018")
    parser.add_argument("--start-server", action="store_true")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--password", default=DEFAULT_PASSWORD)
    arguments = parser.parse_args()

    setup_django()
    context = bench_context(arguments.kommun)
    coordinator, _superuser = prepare_users(context, arguments.password)
    by_label = {page.label: page.ours for page in PAGES}
    mix_file = Path(tempfile.mkdtemp()) / "mix.json"
    mix_file.write_text(
        json.dumps(
            {
                "username": coordinator,
                "password": arguments.password,
                "seconds": arguments.seconds,
                "pages": [
                    [label, by_label[label].format(**context.ids)] for label in MIX
                ],
            }
        )
    )
    server = None
    if arguments.start_server:
        server = start_server(int(arguments.url.rsplit(":", 1)[1]), arguments.workers)
    try:
        results = {
            users: run_locust(arguments.url, mix_file, users)
            for users in arguments.users
        }
    finally:
        stop_server(server)
    print(
        f"{arguments.kommun}, {len(MIX)} pages in turn, {arguments.seconds} s "
        f"per run, {arguments.url}\n"
    )
    print("| users | requests/s | p50 | p95 | requests | errors |")
    print("|---|---|---|---|---|---|")
    for users, row in results.items():
        print(
            f"| {users} | {float(row['Requests/s']):.1f} "
            f"| {row['50%']} ms | {row['95%']} ms "
            f"| {row['Request Count']} | {row['Failure Count']} |"
        )


if __name__ == "__main__":
    main()
