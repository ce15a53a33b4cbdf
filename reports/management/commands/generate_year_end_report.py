"""Write a kommun's KS year-end report as a PDF file, e.g. for a first look or a
benchmark. The file is not stored in the register: generate and adopt the report
on its page for that."""

from __future__ import annotations

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from intkommun.formatting import format_number
from intkommun.models import Organisation
from reports.year_end.data import year_end_data
from reports.year_end.document import memo_for, year_end_pdf


class Command(BaseCommand):
    help = "Skriver en kommuns KS-rapport (årsuppföljning) för ett år som PDF-fil."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--kommun", required=True, help="Kommunens namn.")
        parser.add_argument("--year", required=True, type=int, help="Året.")
        parser.add_argument(
            "--output", required=True, type=Path, help="PDF-filen som skrivs."
        )

    def handle(self, *args, kommun: str, year: int, output: Path, **options) -> None:
        found = Organisation.objects.kommuner().filter(name__iexact=kommun)
        if not found:
            found = Organisation.objects.kommuner().filter(short_name__iexact=kommun)
        if len(found) != 1:
            raise CommandError(f"Ingen kommun (eller fler än en) heter ”{kommun}”.")
        started = time.perf_counter()
        data = year_end_data(found[0], year)
        existing = found[0].year_end_reports.filter(year=year).first()
        rendered = year_end_pdf(data, memo_for(existing, data, None))
        output = Path(output)
        try:
            output.write_bytes(rendered.content)
        except OSError as error:
            raise CommandError(
                f"Filen {output} går inte att skriva: {error.strerror}."
            ) from error
        seconds = format_number(time.perf_counter() - started, 1)
        self.stdout.write(
            f"{output}: {format_number(rendered.page_count)} sidor, "
            f"{format_number(len(rendered.content))} byte, {seconds} s"
        )
