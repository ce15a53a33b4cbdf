"""Create synthetic large kommuner ("Lastkommun N", or "Lastkommun N-1" … with
``--kommuner``) for benchmarks of the KS report and of a shared instance."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from bench.load_data import YEAR, coordinator_username, kommun_name, load_data
from intkommun.models import Organisation


class Command(BaseCommand):
    help = (
        "Skapar en påhittad kommun för prestandamätningar (skala 1: 400 åtgärder …), "
        "eller med --kommuner många kommuner av samma storlek."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", type=int, default=1, help="Skalan, minst 1.")
        parser.add_argument(
            "--kommuner",
            type=int,
            default=None,
            help=(
                'Så många kommuner, med namnen "Lastkommun SKALA-1" … '
                "Kommuner som redan finns hoppas över."
            ),
        )

    def handle(self, *args, scale: int, kommuner: int | None, **options) -> None:
        if scale < 1:
            raise CommandError("Skalan är minst 1.")
        if kommuner is None:
            self._refuse_if_taken(scale, None)
            self._create(scale, None)
            return
        if kommuner < 1:
            raise CommandError("Antalet kommuner är minst 1.")
        for number in range(1, kommuner + 1):
            if Organisation.objects.filter(name=kommun_name(scale, number)).exists():
                self.stdout.write(f"{kommun_name(scale, number)} finns redan.")
                continue
            self._refuse_if_taken(scale, number)
            self._create(scale, number)

    def _refuse_if_taken(self, scale: int, number: int | None) -> None:
        name = kommun_name(scale, number)
        if Organisation.objects.filter(name=name).exists():
            raise CommandError(f"{name} finns redan.")
        username = coordinator_username(scale, number)
        if get_user_model().objects.filter(username=username).exists():
            raise CommandError(
                f"Användaren {username} finns redan men inte {name}: "
                "ta bort användaren eller välj en annan skala."
            )

    def _create(self, scale: int, number: int | None) -> None:
        kommun, coordinator = load_data(scale, number)
        self.stdout.write(
            f"{kommun.name} (id {kommun.pk}), år {YEAR}, "
            f"samordnare {coordinator.username}."
        )
