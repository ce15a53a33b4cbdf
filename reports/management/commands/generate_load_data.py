"""Create a synthetic large kommun ("Lastkommun N") for benchmarks of the KS report."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bench.load_data import YEAR, kommun_name, load_data
from intkommun.models import Organisation


class Command(BaseCommand):
    help = "Skapar en påhittad kommun för prestandamätningar (skala 1: 400 åtgärder …)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", type=int, default=1, help="Skalan, minst 1.")

    def handle(self, *args, scale: int, **options) -> None:
        if scale < 1:
            raise CommandError("Skalan är minst 1.")
        if Organisation.objects.filter(name=kommun_name(scale)).exists():
            raise CommandError(f"{kommun_name(scale)} finns redan.")
        kommun, _coordinator = load_data(scale)
        self.stdout.write(f"{kommun.name} (id {kommun.pk}), år {YEAR}.")
