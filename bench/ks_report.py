"""Benchmark the KS report on the synthetic kommun of ``generate_load_data``.

    DJANGO_DEBUG=1 python manage.py generate_load_data --scale 1
    python bench/ks_report.py --scale 1            # in the worker vs WeasyPrint
    DJANGO_DEBUG=1 python bench/ks_report.py --scale 1 --breakdown

By default it measures the PDF where it really runs: a coordinator's request is
queued on the database task backend and ``manage.py db_worker --batch`` runs it
(the worker's code path: gathering the data, the HTML, WeasyPrint, storing the
file). Against it, WeasyPrint alone renders the same HTML (the stored document
as the worker passed it to WeasyPrint) with the same PDF/A options. Each
measurement is a fresh process with production settings (DJANGO_DEBUG unset),
the two alternate ``--runs`` times, and the CPU time (user + system) counted is
that of the work alone, after Django and WeasyPrint are imported. Prints the
medians and their ratio.

``--breakdown`` prints, in this process, wall time, peak memory (max RSS), pages,
SQL queries and the split between gathering data + rendering HTML and
WeasyPrint's layout and writing (issue 7). Run each scale in a fresh process:
WeasyPrint keeps its memory.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intkommun.settings")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--kommun", help='Default "Lastkommun SCALE".')
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--breakdown", action="store_true")
    parser.add_argument(
        "--child", choices=["worker", "weasyprint"], help=argparse.SUPPRESS
    )
    parser.add_argument("--output", default="/tmp/ks_report_bench.pdf")
    arguments = parser.parse_args()
    kommun = arguments.kommun or f"Lastkommun {arguments.scale}"
    if arguments.child:
        child(arguments.child, kommun)
    elif arguments.breakdown:
        breakdown(arguments)
    else:
        compare(arguments.scale, kommun, arguments.runs)


def compare(scale: int, kommun: str, runs: int) -> None:
    from bench.server import production_environment

    environment = production_environment(0)
    environment["DJANGO_TASKS_BACKEND"] = "django_tasks_db.backend.DatabaseBackend"
    times: dict[str, list[float]] = {"worker": [], "weasyprint": []}
    for _run in range(runs):
        # The worker first: it stores the HTML that WeasyPrint alone then renders.
        for side in ("worker", "weasyprint"):
            output = subprocess.run(
                [sys.executable, __file__, "--child", side, "--kommun", kommun],
                env=environment,
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            times[side].append(float(output.split()[-1]))
    worker = statistics.median(times["worker"])
    alone = statistics.median(times["weasyprint"])
    print(f"{kommun} (scale {scale}), {runs} runs each, CPU seconds (median):")
    print(f"KS PDF in the task worker  {worker:7.2f} s  {times['worker']}")
    print(f"WeasyPrint alone           {alone:7.2f} s  {times['weasyprint']}")
    print(f"ratio                      {worker / alone:7.2f}")


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def child(side: str, kommun_name_: str) -> None:
    """One measurement in this fresh process; prints the CPU seconds last."""
    import django

    django.setup()
    import weasyprint
    from django.core.management import ManagementUtility

    from bench.load_data import YEAR
    from intkommun.models import Membership, Organisation
    from reports.models import YearEndReport
    from reports.year_end import tasks
    from reports.year_end.document import print_html
    from reports.year_end.pdf import PDF_VARIANT

    kommun = Organisation.objects.get(name=kommun_name_)
    if side == "worker":
        coordinator = (
            Membership.objects.filter(organisation=kommun, role="coordinator")
            .order_by("pk")[0]
            .user
        )
        tasks.request_generation(kommun=kommun, year=YEAR, by=coordinator)
        started = cpu_seconds()
        ManagementUtility(
            ["manage.py", "db_worker", "--batch", "--no-startup-delay"]
        ).execute()
        spent = cpu_seconds() - started
        report = YearEndReport.objects.get(kommun=kommun, year=YEAR)
        if not report.page_count or report.generation_failed_at:
            sys.exit(
                f"The worker did not generate the PDF: {report.generation_failure}"
            )
    else:
        from django.conf import settings
        from django.utils import translation

        report = YearEndReport.objects.get(kommun=kommun, year=YEAR)
        with translation.override("sv"):
            html = print_html(report.document_html, kommun=kommun, year=YEAR)
        started = cpu_seconds()
        weasyprint.HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(
            pdf_variant=PDF_VARIANT, pdf_tags=True
        )
        spent = cpu_seconds() - started
    print(f"{side} {spent:.3f}")


def breakdown(arguments: argparse.Namespace) -> None:
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import translation

    from bench.load_data import YEAR
    from intkommun.models import Organisation
    from reports.year_end.data import year_end_data
    from reports.year_end.document import document_title, memo_for, year_end_html
    from reports.year_end.pdf import render_pdf_with_timings

    kommun = Organisation.objects.get(
        name=arguments.kommun or f"Lastkommun {arguments.scale}"
    )
    started = time.perf_counter()
    with translation.override("sv"), CaptureQueriesContext(connection) as queries:
        data = year_end_data(kommun, YEAR)
        html = year_end_html(data, memo_for(None, data, None))
        gathered = time.perf_counter()
        rendered = render_pdf_with_timings(
            html,
            base_url=".",
            title=document_title(YEAR),
            author=kommun.name,
        )
    total = time.perf_counter() - started
    Path(arguments.output).write_bytes(rendered.content)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    data_html = gathered - started
    print(f"scale {arguments.scale}: {data.action_count} actions")
    print(f"wall time          {total:6.2f} s")
    print(f"peak memory (RSS)  {peak_mb:6.0f} MB")
    print(f"pages              {rendered.page_count:6d}")
    print(f"SQL queries        {len(queries.captured_queries):6d}")
    print(f"data + HTML        {data_html:6.2f} s ({100 * data_html / total:.0f} %)")
    print(f"WeasyPrint layout  {rendered.layout_seconds:6.2f} s")
    print(f"WeasyPrint writing {rendered.write_seconds:6.2f} s")


if __name__ == "__main__":
    main()
