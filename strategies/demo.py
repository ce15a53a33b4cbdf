"""Loads the seed documents for ``manage.py seed_demo``; safe to run again.

A document that already exists (same kommun, same title) is left exactly as it is:
nothing is duplicated, nothing is overwritten, and no history row is written.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from intkommun.models import Organisation
from strategies.demo_documents import SEED_DOCUMENTS, SeedDocument
from strategies.models import DocumentType, FocusArea, Goal, Strategy


@transaction.atomic
def load_demo(stdout: Any) -> None:
    # The data migration creates them, but a test database flushed between
    # transactional tests (the browser journeys) has lost them.
    DocumentType.objects.ensure_defaults()
    for seed in SEED_DOCUMENTS:
        kommun = Organisation.objects.kommuner().get(name=seed.kommun)
        if Strategy.objects.filter(kommun=kommun, title=seed.title).exists():
            continue
        strategy = _create_document(seed, kommun)
        stdout.write(f"  {kommun.name}: {strategy.title}")


def _create_document(seed: SeedDocument, kommun: Organisation) -> Strategy:
    strategy = Strategy(
        kommun=kommun,
        document_type=DocumentType.objects.available_to(kommun).get(
            name=seed.document_type
        ),
        title=seed.title,
        adopted_by=_organisation(kommun, seed.adopted_by),
        adopted_on=seed.adopted_on,
        adoption_date_unknown=seed.adoption_date_unknown,
        paragraph=seed.paragraph,
        diary_number=seed.diary_number,
        valid_from=seed.valid_from,
        valid_until=seed.valid_until,
        document_owner=seed.document_owner,
        applies_to_text=seed.applies_to_text,
        review_interval=seed.review_interval,
        purpose=seed.purpose,
        budget_text=seed.budget_text,
        follow_up_text=seed.follow_up_text,
        replaces=_document(kommun, seed.replaces),
        parent=_document(kommun, seed.parent),
    )
    strategy.full_clean()
    strategy.save()
    for number, text in enumerate(seed.visions, start=1):
        Goal.objects.create(
            strategy=strategy, kind=Goal.Kind.VISION, order=number, text=text
        )
    for number, text in enumerate(seed.purposes, start=1):
        Goal.objects.create(
            strategy=strategy, kind=Goal.Kind.PURPOSE, order=number, text=text
        )
    for number, goal in enumerate(seed.goals, start=1):
        Goal.objects.create(
            strategy=strategy,
            kind=Goal.Kind.GOAL,
            order=number,
            label=goal.label,
            text=goal.text,
        )
    for area in seed.focus_areas:
        FocusArea.objects.create(
            strategy=strategy,
            number=area.number,
            title=area.title,
            description=area.description,
        )
    return strategy


def _organisation(kommun: Organisation, name: str) -> Organisation | None:
    if not name:
        return None
    return Organisation.objects.get(kommun=kommun, name=name)


def _document(kommun: Organisation, title: str) -> Strategy | None:
    if not title:
        return None
    return Strategy.objects.get(kommun=kommun, title=title)
