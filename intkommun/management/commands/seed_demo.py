from __future__ import annotations

from django.core.management.base import BaseCommand
from django.urls import reverse

from intkommun import demo, registry


class Command(BaseCommand):
    help = (
        "Load demo data: the five kommuner of the seed documents, their organisations, "
        "demo users and what each app adds. Safe to run again: nothing is duplicated."
    )

    def handle(self, *args, **options) -> None:
        demo.load_organisations_and_users(self.stdout)
        for loader in registry.demo_loaders():
            self.stdout.write(f"Laddar {loader.name} …")
            loader.load(self.stdout)
        self._print_users()

    def _print_users(self) -> None:
        self.stdout.write(self.style.SUCCESS("Demodata är inläst."))
        self.stdout.write(
            f"Alla demoanvändare har lösenordet: {demo.DEMO_PASSWORD}\n"
            "Personerna är påhittade exempel; organisationer märkta som exempel likaså.\n"
        )
        self.stdout.write(
            f"{'Användarnamn':<20} {'Kommun':<18} {'Organisation':<38} Roll"
        )
        for username, kommun, organisation, role in demo.demo_user_rows():
            self.stdout.write(f"{username:<20} {kommun:<18} {organisation:<38} {role}")
        for kommun in demo.publishing_kommuner():
            self.stdout.write(
                f"Offentliga sidor utan inloggning för {kommun.name}: "
                f"{reverse('public:kommun', args=[kommun.pk])} "
                "(märkta som demonstrationsdata)"
            )
