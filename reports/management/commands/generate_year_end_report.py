"""Write a kommun's KS year-end report as a PDF file, e.g. for a first look or a
benchmark. The file is not stored in the register: generate and adopt the report
on its page for that."""

from __future__ import annotations

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from intkommun.models import Organisation
from reports.year_end.data import year_end_data
from reports.year_end.document import memo_for, year_end_pdf


class Command(BaseCommand):
    help = "Write the KS year-end report of a kommun and a year as a PDF file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--kommun", required=True, help="The kommun's name.")
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument("--output", required=True, type=Path)

    def handle(self, *args, kommun: str, year: int, output: Path, **options) -> None:
        found = Organisation.objects.kommuner().filter(name__iexact=kommun)
        if not found:
            found = Organisation.objects.kommuner().filter(short_name__iexact=kommun)
        if len(found) != 1:
            raise CommandError(f"No single kommun is called {kommun!r}.")
        started = time.perf_counter()
        data = year_end_data(found[0], year)
        existing = found[0].year_end_reports.filter(year=year).first()
        rendered = year_end_pdf(data, memo_for(existing, data, None))
        output = Path(output)
        output.write_bytes(rendered.content)
        self.stdout.write(
            f"{output}: {rendered.page_count} pages, "
            f"{len(rendered.content)} bytes, "
            f"{time.perf_counter() - started:.1f} s"
        )
