from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from intkommun.backup import BackupError, registry_export
from intkommun.models import Organisation


class Command(BaseCommand):
    help = (
        "Write the whole register (or one kommun's part) with its history, users and "
        "uploaded files to one zip archive with a manifest of checksums."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--kommun", help="Export only this kommun (its name).")

    def handle(self, *args, path: Path, kommun: str | None, **options) -> None:
        root = self._kommun(kommun) if kommun else None
        try:
            result = registry_export(path=path, kommun=root)
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(item["rows"] for item in result.manifest["models"])
        files = sum(1 for entry in result.manifest["files"] if "name" in entry)
        self.stdout.write(
            _("Wrote %(path)s: %(rows)s rows and %(files)s uploaded files.")
            % {"path": result.path, "rows": rows, "files": files}
        )
        for name in result.missing_files:
            self.stderr.write(
                _("Missing in storage, not in the archive: %(name)s") % {"name": name}
            )
        for label, count in result.manifest["rows_of_other_kommuner"].items():
            self.stderr.write(
                _("%(count)s rows of %(model)s from another kommun came along.")
                % {"count": count, "model": label}
            )

    def _kommun(self, name: str) -> Organisation:
        try:
            return Organisation._base_manager.get(
                name=name, kind__in=Organisation.TOP_KINDS
            )
        except Organisation.DoesNotExist as error:
            raise CommandError(
                _("There is no kommun named %(name)s.") % {"name": name}
            ) from error
        except Organisation.MultipleObjectsReturned as error:
            raise CommandError(
                _("Several kommuner are named %(name)s; rename one first.")
                % {"name": name}
            ) from error
