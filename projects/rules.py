"""Who may register what in this app, built only on ``intkommun.permissions``.

Reading and editing go through the models' ``access`` rules. Registering something
new needs one more answer: for which organisations? A coordinator registers for
every organisation of their kommun, a reporter for their own organisation and
everything below it, a reader for none.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from intkommun import permissions
from intkommun.models import Membership, Organisation


def registrable_organisations(user: Any) -> QuerySet[Organisation]:
    """Organisations the user may register a project, partnership or application for."""
    if not user.is_authenticated or not user.is_active:
        return Organisation.objects.none()
    candidates = Organisation.objects.filter(is_active=True).exclude(
        kind=Organisation.Kind.EXTERN
    )
    if user.is_superuser:
        return candidates.order_by("kommun__name", "name")
    memberships = permissions.memberships(user)
    coordinator_kommuner = {
        m.organisation.kommun_id
        for m in memberships
        if m.role == Membership.Role.COORDINATOR
    }
    reporter_roots = [
        m.organisation for m in memberships if m.role == Membership.Role.REPORTER
    ]
    own = permissions.own_organisation_ids(user) & permissions.subtree_ids(
        reporter_roots
    )
    return candidates.filter(
        Q(kommun__in=coordinator_kommuner) | Q(pk__in=own)
    ).order_by("kommun__name", "name")


def may_register(user: Any) -> bool:
    return registrable_organisations(user).exists()


def coordinator_kommuner(user: Any) -> QuerySet[Organisation]:
    """The kommuner whose coordinator the user is (every kommun for a superuser)."""
    return Organisation.objects.editable_by(user).kommuner().order_by("name")
