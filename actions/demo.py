"""Demo data: Skara's action plan 2017, imported through the importer itself.

The plan's text is the seed document verbatim (intkommun/seed_documents). The progress entries are invented examples, stored with is_example=True
and written as examples, never as facts about Skara.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from actions import services
from actions.models import Action, Status
from actions.plan_parsing import parse_text
from intkommun.demo import SEED_FOLDER
from strategies.models import Strategy

PLAN_TEXT = SEED_FOLDER / "001_eb7c21d3ea54bc9a.txt"
SKARA = "Skara kommun"
PLAN_TITLE = "Handlingsplan genomförande – Strategi för ökad internationalisering"

EXAMPLE_UPDATES = (
    (
        "Framtagande av enkel ansökningsmall",
        datetime.date(2017, 2, 20),
        "Exempel: ansökningsmallen är klar och publicerad på intranätet.",
        Status.DONE,
        None,
        None,
    ),
    (
        "Förankring av strategin för ökad internationalisering",
        datetime.date(2017, 4, 12),
        "Exempel: strategin presenterad på förvaltningschefernas ledningsgrupp.",
        Status.IN_PROGRESS,
        14,
        0,
    ),
    (
        "Vidareutveckla arbetet med internationella skolutbyten",
        datetime.date(2017, 10, 5),
        "Exempel: elevutbyte med partnerskola, planeringsmöte med lärarna.",
        Status.IN_PROGRESS,
        32,
        28,
    ),
)


@transaction.atomic
def load_demo(stdout: Any) -> None:
    plan = Strategy.objects.filter(kommun__name=SKARA, title=PLAN_TITLE).first()
    # Removed actions count too: a removed demo action is not loaded again.
    if plan is None or Action.objects.with_removed().filter(plan=plan).exists():
        return
    parsed = parse_text(PLAN_TEXT.read_text(encoding="utf-8"))
    services.plan_import(plan=plan, parsed=parsed)
    author = get_user_model().objects.filter(username="skara.samordnare").first()
    for title_start, day, text, status, participants, young in EXAMPLE_UPDATES:
        action = Action.objects.filter(plan=plan, title__startswith=title_start).first()
        if action is not None:
            services.action_update_add(
                action=action,
                by=author,
                occurred_on=day,
                text=text,
                new_status=status,
                participants=participants,
                young_participants=young,
                is_example=True,
            )
