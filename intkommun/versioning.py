"""Versions of edited objects, so that nobody saves over a change they never saw.

Every model that users edit keeps its history (django-simple-history), and every save
writes a historical record. The id of an object's newest record is its *version*: it
grows with each save and says, through the history, who changed what and when. An edit
form and a spreadsheet row carry the version they were loaded from (DESIGN §7).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import OuterRef, Subquery

from intkommun.history import EMPTY, _DisplayCache, _user_label


def _records(obj: models.Model) -> models.QuerySet:
    return obj.history.model.objects.filter(**{obj._meta.pk.attname: obj.pk}).order_by(
        "-history_id"
    )


def current_version(obj: models.Model) -> int | None:
    """The version of ``obj`` as it is stored now (None: it has no history yet)."""
    if obj.pk is None:
        return None
    return _records(obj).values_list("history_id", flat=True).first()


def with_versions(queryset: models.QuerySet) -> models.QuerySet:
    """``queryset`` with each object's version as ``.version``, in one query."""
    history_model = queryset.model.history.model
    newest = history_model.objects.filter(
        **{queryset.model._meta.pk.attname: OuterRef("pk")}
    ).order_by("-history_id")
    return queryset.annotate(version=Subquery(newest.values("history_id")[:1]))


def version_record(obj: models.Model, version: int | None) -> Any | None:
    """The historical record of ``obj`` at ``version``, if it is one of its own."""
    if version is None or obj.pk is None:
        return None
    return _records(obj).filter(history_id=version).first()


def version_records(
    model: type[models.Model], pairs: Iterable[tuple[Any, int]]
) -> dict[tuple[Any, int], Any]:
    """``version_record`` for many objects in one query: the record of each
    ``(pk, version)`` pair whose version is really that object's own."""
    wanted = set(pairs)
    records = model.history.model.objects.filter(
        history_id__in={version for _pk, version in wanted}
    )
    attname = model._meta.pk.attname
    found = {
        (getattr(record, attname), record.history_id): record for record in records
    }
    return {pair: found[pair] for pair in wanted if pair in found}


@dataclass(frozen=True)
class LaterChange:
    """A field someone else changed after a given version: who, when, to what."""

    name: str
    label: str
    changed_by: str
    changed_at: datetime.datetime
    value: str


def changes_since(
    obj: models.Model, version: int | None, names: list[str] | None = None
) -> dict[str, LaterChange]:
    """The newest change of each concrete field of ``obj`` made after ``version``.

    With no known version every field that has a value counts as changed by the
    newest record's author, which is the cautious reading."""
    records = list(
        _records(obj).filter(history_id__gt=version or 0).select_related("history_user")
    )
    if not records:
        return {}
    base = version_record(obj, version)
    fields = [
        field
        for field in obj.history.model._meta.fields
        if field.name in _tracked_names(obj) and (names is None or field.name in names)
    ]
    display = _DisplayCache()
    found: dict[str, LaterChange] = {}
    chain = records + ([base] if base is not None else [None])
    for newer, older in zip(chain, chain[1:], strict=False):
        for field in fields:
            if field.name in found:
                continue
            value = getattr(newer, field.attname)
            if older is not None and value == getattr(older, field.attname):
                continue
            shown = display(newer, field)
            if older is None and shown == EMPTY:
                continue
            found[field.name] = LaterChange(
                name=field.name,
                label=str(field.verbose_name),
                changed_by=_user_label(newer.history_user),
                changed_at=newer.history_date,
                value=shown,
            )
    return found


def _tracked_names(obj: models.Model) -> set[str]:
    excluded = set(getattr(obj.history.model, "_history_excluded_fields", []))
    return {
        field.name
        for field in obj._meta.concrete_fields
        if not field.primary_key and field.name not in excluded
    }
