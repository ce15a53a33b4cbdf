"""Writes on people and roles; the views have already asked intkommun.permissions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from intkommun.models import Membership, Organisation

EMAIL_LANGUAGE = "sv"
Role = Membership.Role


def find_by_email(email: str) -> Any | None:
    """The user with this e-mail address, whatever its case."""
    return get_user_model().objects.filter(email__iexact=email.strip()).first()


def email_taken(email: str, *, other_than: Any = None) -> bool:
    users = get_user_model().objects.filter(email__iexact=email.strip())
    if other_than is not None:
        users = users.exclude(pk=other_than.pk)
    return bool(email.strip()) and users.exists()


def _free_username(email: str) -> str:
    """A user name from the e-mail address, unique (``anna@x.se``, ``anna@x.se-2``)."""
    users = get_user_model().objects
    base = email.strip().lower()[:140]
    name, number = base, 1
    while users.filter(username__iexact=name).exists():
        number += 1
        name = f"{base}-{number}"
    return name


@dataclass(frozen=True)
class Invitation:
    person: Any
    membership: Membership
    created: bool  # False: the address was known; a role was given to that person


@transaction.atomic
def person_invite(
    *,
    by: Any,
    first_name: str,
    last_name: str,
    email: str,
    organisation: Organisation,
    role: str,
    base_url: str,
    is_contact_person: bool = False,
) -> Invitation:
    """Give ``email``'s person ``role`` in ``organisation``; a new person gets an
    account without a password and an e-mail with a link to choose one."""
    person = find_by_email(email)
    created = person is None
    if created:
        person = get_user_model()(
            username=_free_username(email),
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            email=email.strip(),
        )
        person.set_unusable_password()
        person._history_user = by
        person.save()
    membership = role_give(
        by=by,
        person=person,
        organisation=organisation,
        role=role,
        is_contact_person=is_contact_person,
    )
    if created:
        transaction.on_commit(lambda: send_invitation(person, base_url=base_url))
    return Invitation(person=person, membership=membership, created=created)


def invitation_link(person: Any, base_url: str) -> str:
    uid = urlsafe_base64_encode(force_bytes(person.pk))
    token = default_token_generator.make_token(person)
    path = reverse("password_reset_confirm", args=[uid, token])
    return base_url.rstrip("/") + path


def validity_text() -> str:
    """How long a link works, in words ("3 dagar", "12 timmar")."""
    hours = settings.PASSWORD_RESET_TIMEOUT // 3600
    if hours and hours % 24 == 0:
        days = hours // 24
        return ngettext("%(count)s day", "%(count)s days", days) % {"count": days}
    hours = max(hours, 1)
    return ngettext("%(count)s hour", "%(count)s hours", hours) % {"count": hours}


def invitation_email(person: Any, *, base_url: str) -> EmailMessage:
    with translation.override(EMAIL_LANGUAGE):
        kommuner = sorted(
            {m.organisation.kommun.name for m in person.memberships.all()}
        )
        context = {
            "name": person.get_full_name() or person.get_username(),
            "username": person.get_username(),
            "kommuner": ", ".join(kommuner),
            "link": invitation_link(person, base_url),
            "valid_for": validity_text(),
            "login": base_url.rstrip("/") + reverse("login"),
        }
        body = render_to_string("intkommun/emails/invitation.txt", context)
        subject = _("You have been invited to intkommun")
    return EmailMessage(subject, body, to=[person.email])


def send_invitation(person: Any, *, base_url: str) -> None:
    invitation_email(person, base_url=base_url).send()


def _coordinators_left(kommun_id: int, *, without: Any) -> bool:
    """Whether the kommun keeps an active coordinator once ``without`` (a
    membership or a user) no longer counts."""
    coordinators = Membership.objects.filter(
        organisation_id=kommun_id, role=Role.COORDINATOR, user__is_active=True
    )
    if isinstance(without, Membership):
        coordinators = coordinators.exclude(pk=without.pk)
    else:
        coordinators = coordinators.exclude(user=without)
    return coordinators.exists()


def _last_coordinator_error(kommun: Organisation) -> ValidationError:
    return ValidationError(
        _(
            "%(kommun)s must keep at least one active coordinator. Give someone "
            "else the coordinator role first."
        )
        % {"kommun": kommun.name}
    )


@transaction.atomic
def role_give(
    *,
    by: Any,
    person: Any,
    organisation: Organisation,
    role: str,
    is_contact_person: bool = False,
) -> Membership:
    """Give ``person`` ``role`` in ``organisation``; a role they already have in
    the organisation is changed, and so is whether they are its contact person."""
    membership = (
        Membership.objects.select_for_update()
        .filter(user=person, organisation=organisation)
        .first()
    ) or Membership(user=person, organisation=organisation)
    if (
        membership.pk
        and membership.role == Role.COORDINATOR
        and role != Role.COORDINATOR
        and not _coordinators_left(organisation.kommun_id, without=membership)
    ):
        raise _last_coordinator_error(organisation.kommun)
    membership.role = role
    membership.is_contact_person = is_contact_person
    membership.clean()
    membership._history_user = by
    membership.save()
    return membership


@transaction.atomic
def role_remove(*, by: Any, membership: Membership) -> None:
    if membership.role == Role.COORDINATOR and not _coordinators_left(
        membership.organisation.kommun_id, without=membership
    ):
        raise _last_coordinator_error(membership.organisation.kommun)
    if not membership.user.memberships.exclude(pk=membership.pk).exists():
        raise ValidationError(
            _(
                "This is the person's only role. To let someone go, deactivate "
                "them instead: their history stays."
            )
        )
    membership._history_user = by
    membership.delete()


@transaction.atomic
def person_deactivate(*, by: Any, person: Any) -> None:
    if person == by:
        raise ValidationError(_("You cannot deactivate yourself."))
    kommuner = person.memberships.filter(role=Role.COORDINATOR).select_related(
        "organisation"
    )
    for membership in kommuner:
        if not _coordinators_left(membership.organisation_id, without=person):
            raise _last_coordinator_error(membership.organisation)
    _set_active(by=by, person=person, is_active=False)


def person_reactivate(*, by: Any, person: Any) -> None:
    _set_active(by=by, person=person, is_active=True)


def _set_active(*, by: Any, person: Any, is_active: bool) -> None:
    person.is_active = is_active
    person._history_user = by
    person.save(update_fields=["is_active"])
