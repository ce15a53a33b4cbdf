from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from actions import services
from actions.plan_parsing import parse_upload
from strategies.models import Strategy


class Command(BaseCommand):
    help = (
        "Import an action plan from a .txt (Åtgärd:/Medverkande:/Tidpunkt:/Ansvarig: "
        "blocks), .docx, .xlsx or .csv file into a plan. All actions are saved in one "
        "transaction, or none."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", help="The file to import.")
        parser.add_argument("--plan", type=int, required=True, help="The plan's id.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Print the parsed actions as JSON and save nothing.",
        )

    def handle(self, *args, path: str, plan: int, dry_run: bool, **options) -> None:
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
        parsed = parse_upload(source.name, data)
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
        actions = services.plan_import(plan=target, parsed=parsed)
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(actions)} åtgärder importerades till {target.title}."
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
