"""Write an adopted KS report as a package for the kommun's e-archive
(docs/archive.md): a folder, or a zip file when PATH ends in .zip."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from intkommun.models import Organisation
from reports.archive.package import ArchiveRefused, package_name, write_package
from reports.year_end.document import LANGUAGE


class Command(BaseCommand):
    help = (
        "Skriver en fastställd KS-rapport som paket för kommunens e-arkiv (E-ARK "
        "SIP med METS): en mapp, eller en zip-fil om sökvägen slutar på .zip. "
        "En befintlig fil eller mapp skrivs aldrig över."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--kommun", required=True, help="Kommunens namn.")
        parser.add_argument("--year", required=True, type=int, help="Året.")
        parser.add_argument(
            "path", type=Path, help="Paketets mapp, eller zip-fil (.zip)."
        )

    def handle(self, *args, kommun: str, year: int, path: Path, **options) -> None:
        with translation.override(LANGUAGE):
            found = _kommun_named(kommun)
            report = found.year_end_reports.filter(year=year).first()
            if report is None or not report.is_adopted:
                raise CommandError(
                    _(
                        "The KS report %(year)s of %(kommun)s is not adopted; only "
                        "an adopted report can be archived."
                    )
                    % {"year": year, "kommun": found.name}
                )
            try:
                written = write_package(report, path)
            except ArchiveRefused as refusal:
                raise CommandError(refusal.message) from refusal
            self.stdout.write(
                _("%(path)s: archive package %(name)s, PDF SHA-256 %(sha256)s")
                % {
                    "path": written,
                    "name": package_name(report),
                    "sha256": report.sha256,
                }
            )


def _kommun_named(name: str) -> Organisation:
    found = Organisation.objects.kommuner().filter(name__iexact=name)
    if not found:
        found = Organisation.objects.kommuner().filter(short_name__iexact=name)
    if len(found) != 1:
        raise CommandError(
            _("No municipality (or more than one) is called “%(name)s”.")
            % {"name": name}
        )
    return found[0]
