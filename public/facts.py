"""What the frame of a kommun's public pages says about them: when what they show
last changed, and whether the register holds the demo's invented examples."""

from __future__ import annotations

import datetime

from django.db.models import Max, Model
from django.utils import timezone

from actions.models import Action, ActionUpdate
from intkommun.models import Organisation
from projects.models import Partnership, PartnerTown, Project
from reports.models import YearEndReport
from strategies.models import Goal, Strategy

# Everything the public pages show (public/views.py), each with its history.
SHOWN: tuple[type[Model], ...] = (
    Strategy,
    Goal,
    Action,
    ActionUpdate,
    Project,
    Partnership,
    PartnerTown,
    YearEndReport,
)
# What manage.py seed_demo invents is stored with is_example=True; no form sets it.
EXAMPLE_MARKED: tuple[type[Model], ...] = (
    Organisation,
    ActionUpdate,
    Project,
    Partnership,
)


def last_changed_on(kommun: Organisation) -> datetime.date | None:
    """The day anything the pages show last changed (its latest history entry)."""
    latest = [
        model.history.filter(
            id__in=model.objects.public_in(kommun).values("pk")
        ).aggregate(at=Max("history_date"))["at"]
        for model in SHOWN
    ]
    known = [at for at in latest if at is not None]
    return timezone.localdate(max(known)) if known else None


def holds_examples(kommun: Organisation) -> bool:
    """Whether the kommun's register is a demonstration: the demo's invented
    examples sit next to the verbatim seed documents, so residents must be told."""
    return any(
        model._default_manager.filter(
            is_example=True, **{model.access.kommun: kommun.pk}
        ).exists()
        for model in EXAMPLE_MARKED
    )
