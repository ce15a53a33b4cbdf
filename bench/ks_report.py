"""Benchmark the KS report on the synthetic kommun of ``generate_load_data``.

    DJANGO_DEBUG=1 python manage.py generate_load_data --scale 1
    DJANGO_DEBUG=1 python bench/ks_report.py --scale 1

Prints wall time, peak memory (max RSS of this process), pages, SQL queries and
the split between gathering data + rendering HTML and WeasyPrint's layout and
writing. Run each scale in a fresh process: WeasyPrint keeps its memory.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intkommun.settings")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--output", default="/tmp/ks_report_bench.pdf")
    arguments = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import translation

    from bench.load_data import YEAR, kommun_name
    from intkommun.models import Organisation
    from reports.year_end.data import year_end_data
    from reports.year_end.document import document_title, memo_for, year_end_html
    from reports.year_end.pdf import render_pdf_with_timings

    kommun = Organisation.objects.get(name=kommun_name(arguments.scale))
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
