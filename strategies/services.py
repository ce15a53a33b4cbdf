"""Writes that span several rows or models, each in one transaction."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.forms import BaseFormSet, ModelForm

from intkommun.models import Organisation
from strategies.models import DocumentType, Strategy


@transaction.atomic
def strategy_save(*, form: ModelForm, formsets: Iterable[BaseFormSet]) -> Strategy:
    """Save a document with its focus areas and goals: all of it or nothing.

    Focus areas are saved before goals (``formsets`` in that order), so that a goal
    can point at an area in the same submission once the document exists.
    """
    strategy = form.save()
    for formset in formsets:
        formset.instance = strategy
        formset.save()
    return strategy


@transaction.atomic
def document_types_customise(*, kommun: Organisation) -> list[DocumentType]:
    """Give the kommun its own copy of the default types, once.

    The kommun's documents move over to the copies, so that a renamed or reordered
    type still covers every document the kommun already has.
    """
    own = list(DocumentType.objects.filter(kommun=kommun))
    if own:
        return own
    copies = []
    for default in DocumentType.objects.defaults().order_by("order", "name"):
        copy = DocumentType.objects.create(
            kommun=kommun,
            name=default.name,
            order=default.order,
            is_action_plan=default.is_action_plan,
            is_active=default.is_active,
        )
        for strategy in Strategy.objects.filter(kommun=kommun, document_type=default):
            # One save per document, not a bulk update: each move is in the history.
            strategy.document_type = copy
            strategy.save(update_fields=["document_type"])
        copies.append(copy)
    return copies


@transaction.atomic
def document_type_move(*, document_type: DocumentType, up: bool) -> None:
    """Swap a type with its neighbour in the kommun's list; numbers become 10, 20 …"""
    siblings = list(
        DocumentType.objects.filter(kommun=document_type.kommun_id).order_by(
            "order", "name"
        )
    )
    index = next(
        i for i, sibling in enumerate(siblings) if sibling.pk == document_type.pk
    )
    neighbour = index - 1 if up else index + 1
    if 0 <= neighbour < len(siblings):
        siblings[index], siblings[neighbour] = siblings[neighbour], siblings[index]
    for position, sibling in enumerate(siblings, start=1):
        if sibling.order != position * 10:
            sibling.order = position * 10
            sibling.save(update_fields=["order"])


@transaction.atomic
def indicator_values_save(*, formset: BaseFormSet) -> None:
    """Every year's value of an indicator as typed, or none of the changes."""
    formset.save()
