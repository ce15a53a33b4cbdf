from __future__ import annotations

from django import template
from django.db import models
from django.urls import reverse

from intkommun import registry

register = template.Library()


@register.simple_tag
def history_url(obj: models.Model) -> str:
    """Where the change history of any object is shown."""
    meta = obj._meta
    return reverse("intkommun:history", args=[meta.app_label, meta.model_name, obj.pk])


@register.simple_tag(takes_context=True)
def object_links(context: template.Context, obj: models.Model) -> list:
    """Links other apps offer on this object's page (see registry.ObjectLink)."""
    return registry.object_links(obj, context.get("user"))


@register.simple_tag
def remove_url(obj: models.Model) -> str:
    """Where a coordinator confirms the removal of an object."""
    meta = obj._meta
    return reverse("intkommun:remove", args=[meta.app_label, meta.model_name, obj.pk])


@register.simple_tag
def restore_url(obj: models.Model) -> str:
    meta = obj._meta
    return reverse("intkommun:restore", args=[meta.app_label, meta.model_name, obj.pk])


@register.filter
def verbose_name(obj: models.Model) -> str:
    """What kind of object this is, in words ("åtgärd")."""
    return str(obj._meta.verbose_name)
