"""Every main page against the Django admin of the same model, in one run.

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/intkommun_bench
    DJANGO_DEBUG=1 python manage.py migrate
    DJANGO_DEBUG=1 python manage.py generate_load_data --scale 5
    python bench/pages.py --start-server --kommun "Lastkommun 5" --requests 30

With ``--start-server`` it runs collectstatic and starts gunicorn with 2 workers
and production settings (DJANGO_DEBUG unset, a random DJANGO_SECRET_KEY,
DJANGO_ALLOWED_HOSTS=127.0.0.1) on ``DATABASE_URL``, and stops it at the end;
without it, ``--url`` names a server already running on the same database.
Requests carry ``X-Forwarded-Proto: https`` as from a TLS-terminating proxy.

Our pages are requested as the kommun's coordinator, the admin as a superuser
(``bench_admin``); both get ``--password``. Each round requests every page and
its admin counterpart one after the other (which goes first alternates), so a
noisy moment hits both; the first ``--warmup`` rounds are not counted. The admin
changelist is filtered to the same kommun and shows as many rows per page as our
list; the start page is compared with the admin index, the search with the
admin's ``?q=``. Prints a markdown table: median and 95th percentile of each,
the ratio of the medians and the size of our page.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.server import (  # noqa: E402 (the path above first)
    DEFAULT_PASSWORD,
    bench_context,
    login,
    prepare_users,
    send_secure_cookies_over_http,
    setup_django,
    start_server,
    stop_server,
)


@dataclass(frozen=True)
class Page:
    label: str
    ours: str | None
    admin: str | None = None


def changelist(model: str, kommun_lookup: str, extra: str = "") -> str:
    """The admin changelist of ``app/model`` filtered to the benchmark kommun."""
    return f"/admin/{model}/?{kommun_lookup}__id__exact={{kommun}}{extra}"


# The URLs take the ids of bench.server.bench_context, e.g. {kommun} and {plan}.
PAGES = [
    Page("coordinator start page", "/", "/admin/"),
    Page(
        "action list",
        "/atgarder/",
        changelist("actions/action", "plan__kommun"),
    ),
    Page(
        "action list, two filters",
        "/atgarder/?plan={plan}&status=in_progress",
        changelist("actions/action", "plan__kommun", "&status__exact=in_progress"),
    ),
    Page(
        "search",
        "/sok/?q=partnerkommuner",
        changelist("actions/action", "plan__kommun", "&q=partnerkommuner"),
    ),
    Page(
        "project list",
        "/projekt/",
        changelist("projects/project", "owner__kommun"),
    ),
    Page(
        "document list",
        "/styrdokument/",
        changelist("strategies/strategy", "kommun"),
    ),
    Page(
        "goal list",
        "/styrdokument/mal/",
        changelist("strategies/goal", "strategy__kommun"),
    ),
    Page(
        "partnership list",
        "/projekt/samarbeten/",
        changelist("projects/partnership", "responsible_organisation__kommun"),
    ),
    Page(
        "fund application list",
        "/projekt/fond/ansokningar/",
        changelist("projects/fundapplication", "fund__kommun"),
    ),
    Page(
        "fund list",
        "/projekt/fond/",
        changelist("projects/internationalfund", "kommun"),
    ),
    Page(
        "follow-up round list",
        "/uppfoljning/",
        changelist("reports/followupround", "kommun"),
    ),
    Page(
        "annual report list",
        "/uppfoljning/redovisningar/",
        changelist("reports/annualreport", "round__kommun"),
    ),
    Page(
        "organisation list",
        "/organisationer/",
        changelist("intkommun/organisation", "kommun"),
    ),
    Page(
        "person list",
        "/personer/",
        changelist("intkommun/membership", "organisation__kommun"),
    ),
    Page(
        "funding programme list",
        "/projekt/program/",
        "/admin/projects/fundingprogramme/",
    ),
    Page("my actions", "/atgarder/mina/"),
    Page("partnership activities", "/projekt/samarbeten/aktiviteter/"),
    Page("documents due for review", "/styrdokument/omprovning/"),
    Page("KS report list", "/uppfoljning/ks-rapport/"),
    Page("key figures", "/projekt/nyckeltal/"),
    Page("applications of the year", "/projekt/ansokningar/"),
    Page("action detail", "/atgarder/{action}/"),
    Page("project detail", "/projekt/{project}/"),
    Page("organisation detail", "/organisationer/{organisation}/"),
    Page("plan timeline", "/atgarder/plan/{plan}/tidslinje/"),
    Page("KS report preview", "/uppfoljning/ks-rapport/{kommun}/{year}/"),
    Page("action export", "/atgarder/export.xlsx"),
    Page("project export", "/projekt/export.xlsx"),
    Page("organisation export", "/organisationer/export/"),
    Page("annual report export", "/uppfoljning/redovisningar/export/"),
]


def percentile(times: list[float], fraction: float) -> float:
    ordered = sorted(times)
    return ordered[max(0, round(fraction * len(ordered)) - 1)]


def timed_get(session, url: str) -> tuple[float, int]:
    started = time.perf_counter()
    response = session.get(url, allow_redirects=False)
    size = len(response.content)
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        sys.exit(f"{url} svarade {response.status_code}.")
    return elapsed, size


def measure(
    pages: list[Page], ours, admin, base_url: str, ids: dict, requests: int, warmup
) -> dict[tuple[str, str], list[float]]:
    times: dict[tuple[str, str], list[float]] = {}
    sizes: dict[str, int] = {}
    for round_number in range(warmup + requests):
        for index, page in enumerate(pages):
            pairs = [("ours", ours, page.ours), ("admin", admin, page.admin)]
            if (round_number + index) % 2:
                pairs.reverse()
            for side, session, url in pairs:
                if url is None:
                    continue
                elapsed, size = timed_get(session, base_url + url.format(**ids))
                if side == "ours":
                    sizes[page.label] = size
                if round_number >= warmup:
                    times.setdefault((page.label, side), []).append(elapsed)
    return times, sizes


def table(pages: list[Page], times, sizes) -> str:
    lines = [
        "| page | ours p50/p95 | Django admin p50/p95 | ratio | our page |",
        "|---|---|---|---|---|",
    ]
    for page in pages:
        ours = times[(page.label, "ours")]
        ours_text = f"{statistics.median(ours):.0f}/{percentile(ours, 0.95):.0f} ms"
        admin = times.get((page.label, "admin"))
        if admin:
            admin_text = (
                f"{statistics.median(admin):.0f}/{percentile(admin, 0.95):.0f} ms"
            )
            ratio = f"{statistics.median(ours) / statistics.median(admin):.2f}"
        else:
            admin_text = ratio = "–"
        size = f"{sizes[page.label] / 1024:.0f} KiB"
        lines.append(
            f"| {page.label} | {ours_text} | {admin_text} | {ratio} | {size} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kommun", default="Lastkommun 5")
    parser.add_argument("--requests", type=int, default=30, help="Per page and side.")
    parser.add_argument("--warmup", type=int, default=2, help="Rounds not counted.")
    parser.add_argument("--url", default="http://127.0.0.1:8018")
    parser.add_argument("--start-server", action="store_true")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--password", default=DEFAULT_PASSWORD)
    parser.add_argument("--only", help="Only the pages whose label contains this.")
    arguments = parser.parse_args()

    import requests

    setup_django()
    context = bench_context(arguments.kommun)
    coordinator, superuser = prepare_users(context, arguments.password)
    pages = [p for p in PAGES if not arguments.only or arguments.only in p.label]
    server = None
    if arguments.start_server:
        port = int(arguments.url.rsplit(":", 1)[1])
        server = start_server(port, arguments.workers)
    try:
        session_class = send_secure_cookies_over_http(requests.Session)
        ours, admin = session_class(), session_class()
        login(ours, arguments.url, coordinator, arguments.password)
        login(admin, arguments.url, superuser, arguments.password)
        started = time.monotonic()
        times, sizes = measure(
            pages,
            ours,
            admin,
            arguments.url,
            context.ids,
            arguments.requests,
            arguments.warmup,
        )
    finally:
        stop_server(server)
    print(
        f"{arguments.kommun}, {arguments.requests} requests per page and side "
        f"(after {arguments.warmup} warm-up rounds), {arguments.url}, "
        f"{time.monotonic() - started:.0f} s\n"
    )
    print(table(pages, times, sizes))


if __name__ == "__main__":
    main()
