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

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import OuterRef, Subquery
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from intkommun.formatting import format_long_date
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


def describe_moment(moment: datetime.datetime) -> str:
    """ "28 november 2026 kl. 14:02" in local time."""
    local = timezone.localtime(moment)
    return _("%(date)s at %(time)s") % {
        "date": format_long_date(local.date()),
        "time": formats.time_format(local.time(), "H:i"),
    }


VERSION_FIELD = "loaded_version"
_UNKNOWN = object()


class VersionedFormMixin:
    """For every ModelForm that edits an existing object: the form carries the
    version it was loaded from, and saving over a newer version never silently
    undoes someone else's change.

    Field by field, against the version the user saw:
    - a field only the other person changed keeps their value (merged, and the
      view says so), because the stale form merely re-posted the old value;
    - a field only this user changed takes this user's value;
    - a field both changed, to different values, is a conflict: nothing is saved,
      the field shows who changed it, when and to what, and keeps what this user
      typed; the form now carries the newest version, so saving again is a
      conscious choice to replace their value.
    Merging field by field keeps both people's work in the common case (one edits
    the title, the other the description, or a progress entry changes the status
    while the form is open) and stops only where two people disagree.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.conflicts: dict[str, LaterChange | None] = {}
        self.merged: dict[str, LaterChange | None] = {}
        if self.instance.pk is None:
            return
        self.fields[VERSION_FIELD] = forms.CharField(
            required=False,
            widget=forms.HiddenInput,
            initial=current_version(self.instance),
        )

    @property
    def guards_version(self) -> bool:
        return VERSION_FIELD in self.fields

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if self.guards_version:
            self._resolve_concurrent_edits()
            cleaned.pop(VERSION_FIELD, None)
        return cleaned

    def _resolve_concurrent_edits(self) -> None:
        loaded = _parse_version(self.data.get(self.add_prefix(VERSION_FIELD)))
        now = current_version(self.instance)
        if loaded == now:
            return
        seen = version_record(self.instance, loaded)
        later = changes_since(self.instance, loaded)
        for name, model_field in self._editable_model_fields():
            theirs = _comparable(_stored(self.instance, model_field))
            mine = _comparable(self.cleaned_data[name])
            if mine == theirs:
                continue
            before = _seen_value(seen, model_field)
            if before is not _UNKNOWN and before == theirs:
                continue  # only this user changed it
            if before is not _UNKNOWN and mine == before:
                self.cleaned_data[name] = _stored(self.instance, model_field)
                self.merged[name] = later.get(name)
                continue
            self.conflicts[name] = later.get(name)
            self.add_error(name, conflict_message(later.get(name)))
        if self.conflicts:
            carry_version(self, now)
            # The page is shown again with the newest version: fields taken from
            # the other person must show their value too, or saving again would
            # post the old value as if this user had typed it.
            for name in self.merged:
                _show_stored(self, name, _model_field(self.instance, name))
            self.add_error(None, _conflict_summary())

    def _editable_model_fields(self) -> list[tuple[str, models.Field]]:
        found = []
        for name, form_field in self.fields.items():
            if name == VERSION_FIELD or form_field.disabled:
                continue
            if name not in self.cleaned_data:
                continue  # invalid already; its own error says why
            model_field = _model_field(self.instance, name)
            if model_field is not None and not isinstance(
                model_field, models.FileField
            ):
                found.append((name, model_field))
        return found

    @property
    def merge_notice(self) -> str:
        """What the view tells the user after a save that kept others' changes."""
        return merge_notice([self])


def carry_version(form: forms.BaseForm, version: int | None) -> None:
    """Let a re-rendered form carry ``version``: saving it again is then a choice
    made with the newer change in view."""
    data = form.data.copy()
    data[form.add_prefix(VERSION_FIELD)] = "" if version is None else version
    form.data = data


def _show_stored(form: forms.BaseForm, name: str, model_field: models.Field) -> None:
    """Put the stored value of field ``name`` into the form's data, as posted."""
    form_field = form.fields[name]
    value = form_field.prepare_value(_stored(form.instance, model_field))
    if isinstance(form_field.widget, forms.CheckboxInput):
        posted = ["true" if value else "false"]
    elif isinstance(value, Iterable) and not isinstance(value, str):
        posted = [str(_comparable(item)) for item in value]
    else:
        posted = [_as_text(value)]
    data = form.data.copy()
    if hasattr(data, "setlist"):
        data.setlist(form.add_prefix(name), posted)
    else:
        data[form.add_prefix(name)] = posted if len(posted) != 1 else posted[0]
    form.data = data


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def field_changed_since(
    obj: models.Model, loaded: Any, name: str
) -> LaterChange | None:
    """Who changed field ``name`` of ``obj`` after the posted version ``loaded``."""
    version = _parse_version(loaded)
    if version == current_version(obj):
        return None
    return changes_since(obj, version, names=[name]).get(name)


def merge_notice(forms_saved: list[Any]) -> str:
    parts = []
    for form in forms_saved:
        for name, change in getattr(form, "merged", {}).items():
            label = str(form.fields[name].label or name)
            if change is None:
                parts.append(label)
            else:
                parts.append(
                    _("%(field)s (%(person)s, %(when)s)")
                    % {
                        "field": label,
                        "person": change.changed_by,
                        "when": describe_moment(change.changed_at),
                    }
                )
    if not parts:
        return ""
    return _(
        "While you were editing, someone else changed %(fields)s. Their changes "
        "are kept together with yours."
    ) % {"fields": ", ".join(parts)}


def conflict_message(change: LaterChange | None) -> str:
    if change is None:
        return _(
            "Someone else changed this after you opened the form. What you typed is "
            "kept here; save again to replace their value with yours."
        )
    return _(
        "%(person)s changed this on %(when)s, after you opened the form. Their "
        "value: “%(value)s”. What you typed is kept here; save again to replace "
        "their value with yours."
    ) % {
        "person": change.changed_by,
        "when": describe_moment(change.changed_at),
        "value": change.value,
    }


def _conflict_summary() -> str:
    return _(
        "Nothing has been saved: someone else saved changes to the same fields "
        "while you were editing. The fields are marked below, each with their "
        "value beside yours."
    )


def _parse_version(raw: Any) -> int | None:
    try:
        return int(raw)
    except (TypeError, ValueError):
        return None


def _model_field(instance: models.Model, name: str) -> models.Field | None:
    try:
        field = instance._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    if field.auto_created or not (field.concrete or field.many_to_many):
        return None
    return field


def _stored(instance: models.Model, field: models.Field) -> Any:
    """The field's value as stored now, in the shape a form's cleaned_data has."""
    if field.many_to_many:
        return list(getattr(instance, field.name).all())
    return getattr(instance, field.name)


def _seen_value(record: Any, field: models.Field) -> Any:
    """What the user saw in the field, or _UNKNOWN if the history cannot say."""
    if record is None:
        return _UNKNOWN
    if field.many_to_many:
        if field.name not in {f.name for f in _history_m2m_fields(record)}:
            return _UNKNOWN
        target = field.m2m_reverse_field_name()
        through = getattr(record, field.name)
        return _comparable(list(through.values_list(target, flat=True)))
    if field.name in set(getattr(type(record), "_history_excluded_fields", [])):
        return _UNKNOWN
    return _comparable(getattr(record, field.attname))


def _history_m2m_fields(record: Any) -> list[models.Field]:
    return list(getattr(record, "_history_m2m_fields", None) or [])


def _comparable(value: Any) -> Any:
    """One shape for a stored value, a historical value and a cleaned form value."""
    if isinstance(value, models.Model):
        return value.pk
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip().replace("\r\n", "\n")
    if isinstance(value, Iterable):
        # Lists, querysets, and the countries of a multiple CountryField.
        return tuple(sorted(str(_comparable(item)) for item in value))
    code = getattr(value, "code", None)  # a django-countries Country
    if code is not None:
        return code
    return value
