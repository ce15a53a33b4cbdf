"""Which models an archive holds, and which of their rows belong to one kommun."""

from __future__ import annotations

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q

# Referenced by natural key, never copied: every migrated database has its own rows
# (created by post_migrate) with its own ids.
NATURAL_KEY_MODELS = (ContentType, Permission)

# Left out on purpose (docs/operations.md): sessions, django-axes' login log, the task
# queue's rows and the admin's action log are the running instance's, not the register.
LEFT_OUT_APPS = ("sessions", "axes", "django_tasks_db", "admin")


def project_app_labels() -> list[str]:
    """The apps of this project: those whose code lives in the checkout."""
    base = Path(settings.BASE_DIR).resolve()
    return [
        config.label
        for config in apps.get_app_configs()
        if Path(config.path).resolve().is_relative_to(base)
        and "site-packages" not in Path(config.path).parts
    ]


def registry_models() -> list[type[models.Model]]:
    """Every model whose rows an archive holds, users and groups first."""
    user = get_user_model()
    found = [
        Group,
        Group.permissions.through,
        user,
        user.groups.through,
        user.user_permissions.through,
    ]
    for label in project_app_labels():
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            if model._meta.managed and not model._meta.proxy:
                found.append(model)
    return found


def is_history(model: type[models.Model]) -> bool:
    # simple-history gives each historical model the model it records.
    return hasattr(model, "instance_type") and not hasattr(model, "access")


def kommun_lookup(model: type[models.Model]) -> str | None:
    access = getattr(model, "access", None)
    return access.kommun if access is not None else None


class KommunSelection:
    """The rows of one kommun, as a QuerySet per model.

    A model with an ``access`` rule gives the lookup to its kommun; rows where that
    lookup is empty belong to no kommun (shared reference data) and come along. A
    history row comes along when its object does, or when its own fields lead to the
    kommun (the history of a deleted object). Any other model follows its first
    required foreign key (a membership its organisation, a link row its owner); a
    model with none is reference data and comes whole. Users come along when they
    are members in the kommun or when a selected row points to them.
    """

    def __init__(self, kommun: models.Model, all_models: list[type[models.Model]]):
        self.kommun = kommun
        self.models = all_models
        self._cache: dict[type[models.Model], models.QuerySet] = {}

    def rows(self, model: type[models.Model]) -> models.QuerySet:
        if model not in self._cache:
            self._cache[model] = self._select(model)
        return self._cache[model]

    def _select(self, model: type[models.Model]) -> models.QuerySet:
        manager = model._base_manager
        if model is get_user_model():
            return manager.filter(self._referenced_users())
        lookup = kommun_lookup(model)
        if is_history(model):
            # A many-to-many history row belongs to the historical record it lists.
            record = _foreign_key_to_history(model)
            if record is not None:
                chosen = self.rows(record.related_model).values("pk")
                return manager.filter(**{f"{record.name}__in": chosen})
            return manager.filter(self._history_rule(model))
        if lookup is not None:
            return manager.filter(
                Q(**{lookup: self.kommun}) | Q(**{f"{lookup}__isnull": True})
            )
        owner = _owning_foreign_key(model)
        if model._meta.app_label == get_user_model()._meta.app_label:
            owner = _foreign_key_to(model, get_user_model()) or owner
        if owner is None:
            return manager.all()
        return manager.filter(
            **{f"{owner.name}__in": self.rows(owner.related_model).values("pk")}
        )

    def _history_rule(self, model: type[models.Model]) -> Q:
        recorded = model.instance_type
        pk_name = recorded._meta.pk.attname
        rule = Q(**{f"{pk_name}__in": self.rows(recorded).values("pk")})
        lookup = kommun_lookup(recorded)
        if lookup is not None and _resolves(model, lookup):
            rule |= Q(**{lookup: self.kommun})
        return rule

    def complete(self) -> dict[str, int]:
        """Add the rows that selected rows point to in another kommun (an organisation
        of a partner kommun named as co-actor), so that nothing dangles on restore.
        Returns how many rows each model gained."""
        gained: dict[str, int] = {}
        changed = True
        while changed:
            changed = False
            for model in self.models:
                for field in _constrained_foreign_keys(model, self.models):
                    ids = self._dangling(model, field)
                    if ids:
                        target = field.related_model
                        extra = target._base_manager.filter(pk__in=ids)
                        self._cache[target] = self.rows(target) | extra
                        label = target._meta.label
                        gained[label] = gained.get(label, 0) + len(ids)
                        changed = True
        return gained

    def _dangling(self, model: type[models.Model], field: models.Field) -> set:
        """Ids of rows outside the selection that selected rows point to (only
        rows that exist, so that a broken reference cannot loop forever)."""
        target = field.related_model
        pointed_to = (
            self.rows(model)
            .exclude(**{f"{field.attname}__isnull": True})
            .exclude(**{f"{field.attname}__in": self.rows(target).values("pk")})
            .values(field.attname)
        )
        return set(
            target._base_manager.filter(pk__in=pointed_to).values_list("pk", flat=True)
        )

    def _referenced_users(self) -> Q:
        user = get_user_model()
        rule = Q(pk__in=[])
        for model in self.models:
            if model._meta.app_label == user._meta.app_label:
                continue
            if is_history(model) and model.instance_type is user:
                # A user's own history comes along with the user; reading it
                # here would ask for the users again.
                continue
            for field in model._meta.local_concrete_fields:
                if field.is_relation and field.related_model is user:
                    rule |= Q(pk__in=self.rows(model).values(field.attname))
        return rule


def _owning_foreign_key(model: type[models.Model]) -> models.ForeignKey | None:
    for field in model._meta.local_concrete_fields:
        if (
            field.many_to_one
            and not field.null
            and field.related_model is not get_user_model()
            and field.related_model not in NATURAL_KEY_MODELS
            and field.related_model is not model
        ):
            return field
    return None


def _foreign_key_to(
    model: type[models.Model], target: type[models.Model]
) -> models.ForeignKey | None:
    for field in model._meta.local_concrete_fields:
        if field.many_to_one and field.related_model is target:
            return field
    return None


def _foreign_key_to_history(model: type[models.Model]) -> models.ForeignKey | None:
    for field in model._meta.local_concrete_fields:
        if field.many_to_one and is_history(field.related_model):
            return field
    return None


def _constrained_foreign_keys(
    model: type[models.Model], all_models: list[type[models.Model]]
) -> list[models.ForeignKey]:
    """Foreign keys the database enforces, to rows the selection decides on (users
    and the auth app follow from the rest)."""
    if model._meta.app_label == get_user_model()._meta.app_label:
        return []
    return [
        field
        for field in model._meta.local_concrete_fields
        if field.many_to_one
        and field.db_constraint
        and field.related_model in all_models
        and field.related_model._meta.app_label != get_user_model()._meta.app_label
    ]


def _resolves(model: type[models.Model], lookup: str) -> bool:
    try:
        model._base_manager.filter(**{f"{lookup}__isnull": True}).query  # noqa: B018
    except Exception:  # FieldError: the lookup's first step is not on this model
        return False
    return True
