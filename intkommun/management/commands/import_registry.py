from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from intkommun.backup import BackupError, registry_import


class Command(BaseCommand):
    help = (
        "Restore an archive of export_registry into an empty, migrated database: "
        "checks every checksum first, then restores everything or nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)

    def handle(self, *args, path: Path, **options) -> None:
        try:
            result = registry_import(path=path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            _("Restored %(rows)s rows and %(files)s uploaded files from %(path)s.")
            % {"rows": result.rows, "files": result.files, "path": path}
        )
