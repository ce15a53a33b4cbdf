"""Removal that can be undone (DESIGN §7): users remove, never delete.

A model takes part by inheriting ``Removable`` and declaring
``objects = live_manager(ItsQuerySet)``. The default manager is also what Django uses
for reverse relations and many-to-many fields (``plan.actions``, ``project.goals``),
so a removed row leaves every list, count and report that reads through it, while
its links stay in the database and come back when it is restored. ``with_removed()`` and
``_base_manager`` still see every row; the history keeps both events.

Rows that belong to a removable object (the log of an action, the partners of a
project) take ``live_manager(ScopedQuerySet, removed_with="action")``: they leave
with their owner and come back with it.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class LiveManager(models.Manager):
    """A manager that leaves out removed rows (and rows of a removed owner)."""

    # A class attribute: Django builds related managers from the class, without
    # arguments.
    removed_with: str | None = None
    _shown = "live"  # or "all", or "removed"

    def get_queryset(self) -> models.QuerySet:
        queryset = super().get_queryset()
        if self._shown == "all":
            return queryset
        return queryset.filter(**{self._lookup(): self._shown == "live"})

    def with_removed(self) -> models.QuerySet:
        return self._showing("all").get_queryset()

    def removed(self) -> models.QuerySet:
        return self._showing("removed").get_queryset()

    def _showing(self, shown: str) -> LiveManager:
        # A copy whose get_queryset runs through the subclass's too, so that a
        # related manager (``batch.actions.with_removed()``) keeps its relation.
        manager = copy.copy(self)
        manager._shown = shown
        return manager

    def _lookup(self) -> str:
        prefix = f"{self.removed_with}__" if self.removed_with else ""
        return f"{prefix}removed_at__isnull"


def live_manager(
    queryset_class: type[models.QuerySet], removed_with: str | None = None
) -> LiveManager:
    """The default manager of a removable model (or of rows that belong to one),
    with the model's own QuerySet methods."""
    manager_class = LiveManager.from_queryset(queryset_class)
    if removed_with:
        name = f"{manager_class.__name__}RemovedWith"
        manager_class = type(name, (manager_class,), {"removed_with": removed_with})
    return manager_class()


class Removable(models.Model):
    """Fields and verbs of an object a coordinator can remove and restore."""

    removed_at = models.DateTimeField(_("removed at"), null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("removed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True

    @property
    def is_removed(self) -> bool:
        return self.removed_at is not None

    def remove(self, *, by: Any) -> None:
        self._set_removed(removed_at=timezone.now(), removed_by=by, changed_by=by)

    def restore(self, *, by: Any) -> None:
        self._set_removed(removed_at=None, removed_by=None, changed_by=by)

    def _set_removed(self, *, removed_at, removed_by, changed_by) -> None:
        # save() writes the history record: who removed or restored, and when.
        self.removed_at, self.removed_by = removed_at, removed_by
        self._history_user = changed_by
        self.save(update_fields=["removed_at", "removed_by"])


def removable_models() -> list[type[Removable]]:
    return [model for model in apps.get_models() if issubclass(model, Removable)]


@dataclass(frozen=True)
class Consequence:
    """What a removal brings along: related rows that leave, or links that stay."""

    label: str
    count: int
    follows: bool


def removal_consequences(obj: Removable) -> list[Consequence]:
    """Rows that leave with ``obj`` and rows linked to it, whose links are kept."""
    found = []
    for relation in obj._meta.related_objects:
        accessor = relation.get_accessor_name()
        if accessor is None or relation.related_model is obj.history.model:
            continue
        count = getattr(obj, accessor).count()
        if count:
            model = relation.related_model
            follows = relation.one_to_many and _removed_with(model)
            found.append(
                Consequence(str(model._meta.verbose_name_plural), count, follows)
            )
    return found


def _removed_with(model: type[models.Model]) -> bool:
    return getattr(model._default_manager, "removed_with", None) is not None
