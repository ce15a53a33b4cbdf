from __future__ import annotations

import io
import json
from pathlib import Path

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError

from actions import services
from actions.plan_parsing import parse_upload
from actions.upload_limits import UploadRefused
from strategies.models import Strategy


class Command(BaseCommand):
    help = (
        "Import an action plan from a .txt (Åtgärd:/Medverkande:/Tidpunkt:/Ansvarig: "
        "blocks), .docx, .xlsx or .csv file into a plan. All actions are saved in one "
        "transaction, or none. Actions already in the plan (same title, whatever "
        "the case and spacing) are skipped and listed, unless --import-existing is "
        "given. The import is recorded, so that a coordinator can undo it."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", help="The file to import.")
        parser.add_argument("--plan", type=int, required=True, help="The plan's id.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Print the parsed actions as JSON and save nothing.",
        )
        parser.add_argument(
            "--import-existing",
            action="store_true",
            help="Import also the actions that are already in the plan.",
        )

    def handle(
        self,
        *args,
        path: str,
        plan: int,
        dry_run: bool,
        import_existing: bool = False,
        **options,
    ) -> None:
        source = Path(path)
        try:
            data = source.read_bytes()
        except OSError as error:
            raise CommandError(
                f"Filen {path} går inte att läsa: {error.strerror}."
            ) from error
        try:
            target = Strategy.objects.get(pk=plan)
        except Strategy.DoesNotExist as error:
            raise CommandError(
                f"Det finns ingen handlingsplan med id {plan}."
            ) from error
        try:
            parsed = parse_upload(source.name, data)
        except UploadRefused as refused:
            raise CommandError(str(refused)) from refused
        if not parsed.is_valid:
            raise CommandError(_problems_text(parsed))
        if dry_run:
            rows = services.preview_rows(target, parsed)
            self.stdout.write(
                json.dumps(
                    [_as_json(row) for row in rows], ensure_ascii=False, indent=2
                )
            )
            return
        staged = services.staged_import_create(
            by=None, plan=target, upload=File(io.BytesIO(data), name=source.name)
        )
        every_row = range(1, len(parsed.actions) + 1)
        result = services.staged_import_apply(
            staged=staged, by=None, import_anyway=every_row if import_existing else ()
        )
        for number in result.skipped:
            title = parsed.actions[number - 1].title
            self.stdout.write(
                f"Finns redan i planen, importerades inte: rad {number} {title}"
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(result.created)} åtgärder importerades till {target.title}, "
                f"{len(result.skipped)} fanns redan (import {staged.pk})."
            )
        )


def _problems_text(parsed) -> str:
    if not parsed.problems:
        return "Inga åtgärder hittades i filen; inget sparades."
    lines = [
        f"{p.source}: {p.message}" if p.source else p.message for p in parsed.problems
    ]
    return "Inget sparades. Problem i filen:\n" + "\n".join(lines)


def _as_json(row: services.PreviewRow) -> dict:
    timing = row.timing
    return {
        "focus_area": row.parsed.focus_area,
        "title": row.parsed.title,
        "participants_text": row.parsed.participants_text,
        "timing_text": row.parsed.timing_text,
        "responsible_text": row.parsed.responsible_text,
        "starts_on": timing.starts_on.isoformat() if timing.starts_on else None,
        "ends_on": timing.ends_on.isoformat() if timing.ends_on else None,
        "is_ongoing": timing.is_ongoing,
    }
