"""Personer: the coordinator's pages for a kommun's users and their roles."""

from __future__ import annotations

import dataclasses
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views import generic
from django.views.decorators.http import require_POST

from intkommun import permissions
from intkommun.exports import Column, build_xlsx, dated_filename, xlsx_response
from intkommun.filters import query_string_without_page, sort_headers
from intkommun.history import record_entries
from intkommun.models import Membership, Organisation
from intkommun.pagination import Paginator
from intkommun.people import services
from intkommun.people.forms import (
    PERSON_SORTING,
    InviteForm,
    PersonFilter,
    PersonForm,
    RoleForm,
)
from intkommun.views import announce_merges, locked_on_post

User = get_user_model()
Role = Membership.Role


def _kommun(request: HttpRequest) -> tuple[Organisation, list[Organisation]]:
    """The kommun whose people are shown (``?kommun=``, else the first the user
    coordinates), and every kommun the user coordinates."""
    kommuner = permissions.coordinated_kommuner(request.user)
    if not kommuner:
        raise PermissionDenied
    chosen = request.GET.get("kommun", "")
    if not chosen:
        return kommuner[0], kommuner
    kommun = next((k for k in kommuner if str(k.pk) == chosen), None)
    if kommun is None:
        raise Http404
    return kommun, kommuner


def _people(request: HttpRequest, kommun: Organisation) -> QuerySet:
    roles = Membership.objects.filter(organisation__kommun=kommun).select_related(
        "organisation"
    )
    return (
        permissions.people_in(request.user, kommun)
        .prefetch_related(Prefetch("memberships", roles, to_attr="kommun_roles"))
        .order_by("last_name", "first_name", "username")
    )


def filtered_people(request: HttpRequest) -> tuple[PersonFilter, QuerySet, Any]:
    kommun, kommuner = _kommun(request)
    people = _people(request, kommun)
    data = request.GET.copy()
    data.pop("kommun", None)
    filterset = PersonFilter(data or None, queryset=people, kommun=kommun)
    if filterset.is_bound and not filterset.is_valid():
        return filterset, people.none(), (kommun, kommuner)
    return filterset, filterset.qs, (kommun, kommuner)


def unreachable(kommun: Organisation) -> list:
    """Active reporters and coordinators (and contact persons) of the kommun
    whom no reminder can reach, each with their roles in the kommun
    (``kommun_roles``, as the list's rows): one query of the roles of the
    kommun's active people without an e-mail address, not the people read
    person by person. Who among them has a role that reminders go to is seen
    from those roles (a subquery for it made the query take longer to plan than
    to run)."""
    roles = (
        Membership.objects.filter(
            organisation__kommun=kommun, user__is_active=True, user__email=""
        )
        .select_related("user", "organisation")
        .order_by(
            "user__last_name",
            "user__first_name",
            "user__username",
            "user_id",
            "organisation__name",
            "pk",
        )
    )
    people: dict[int, Any] = {}
    for role in roles:
        person = people.get(role.user_id)
        if person is None:
            person = people[role.user_id] = role.user
            person.kommun_roles = []
        person.kommun_roles.append(role)
    return [
        person
        for person in people.values()
        if any(_is_reminded(role) for role in person.kommun_roles)
    ]


def _is_reminded(role: Membership) -> bool:
    return role.role in (Role.REPORTER, Role.COORDINATOR) or role.is_contact_person


PEOPLE_PER_PAGE = 100


@login_required
def person_list(request: HttpRequest) -> HttpResponse:
    filterset, people, (kommun, kommuner) = filtered_people(request)
    page = Paginator(people, PEOPLE_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "intkommun/people/person_list.html",
        {
            "filter": filterset,
            "people": page.object_list,
            "page_obj": page,
            "kommun": kommun,
            "kommuner": kommuner,
            "unreachable": unreachable(kommun),
            "query_string": query_string_without_page(request),
            "sort": sort_headers(
                request.GET.get("o", ""), tuple(key for _f, key in PERSON_SORTING)
            ),
        },
    )


def _roles_text(person: Any) -> str:
    return "; ".join(
        f"{capfirst(m.get_role_display())}, {m.organisation.name}"
        for m in person.kommun_roles
    )


PERSON_COLUMNS = [
    Column(_("Name"), 30, lambda p: p.get_full_name()),
    Column(_("User name"), 28, lambda p: p.get_username()),
    Column(_("E-mail address"), 32, lambda p: p.email),
    Column(_("Roles"), 60, _roles_text),
    Column(
        _("Last login"),
        14,
        lambda p: timezone.localdate(p.last_login) if p.last_login else None,
        is_date=True,
        comment=_("Empty: never logged in."),
    ),
    Column(_("Active"), 8, lambda p: _("Yes") if p.is_active else _("No")),
]


@login_required
def person_export(request: HttpRequest) -> HttpResponse:
    _filterset, people, (kommun, _kommuner) = filtered_people(request)
    xlsx = build_xlsx(_("People"), PERSON_COLUMNS, people)
    filename = dated_filename(_("people"), timezone.localdate())
    return xlsx_response(xlsx, filename)


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


@login_required
def person_invite(request: HttpRequest) -> HttpResponse:
    permissions.require_coordinator_anywhere(request.user)
    organisations = permissions.role_organisations(request.user)
    form = InviteForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            invitation = services.person_invite(
                by=request.user, base_url=_base_url(request), **data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            _announce_invitation(request, invitation)
            return redirect("intkommun:person_detail", invitation.person.pk)
    context = {"form": form, "valid_for": services.validity_text()}
    return render(request, "intkommun/people/person_invite.html", context)


def _announce_invitation(request: HttpRequest, invitation: Any) -> None:
    names = {
        "name": invitation.person.get_full_name() or invitation.person.username,
        "email": invitation.person.email,
        "role": invitation.membership.get_role_display(),
        "organisation": invitation.membership.organisation.name,
        "valid_for": services.validity_text(),
    }
    if invitation.created:
        text = _(
            "%(name)s has been invited as %(role)s in %(organisation)s. An e-mail "
            "with a link to choose a password has been sent to %(email)s; the link "
            "works for %(valid_for)s."
        )
    else:
        text = _(
            "%(email)s already belongs to %(name)s, so no new account was created: "
            "%(name)s has been given the role %(role)s in %(organisation)s."
        )
    messages.success(request, text % names)


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = permissions.get_person_or_404(request.user, pk)
    return render(
        request, "intkommun/people/person_detail.html", _detail(request, person)
    )


def _detail(request: HttpRequest, person: Any, role_form: Any = None) -> dict:
    organisations = permissions.role_organisations(request.user)
    roles = permissions.managed_memberships(request.user, person).order_by(
        "organisation__kommun__name", "organisation__name"
    )
    elsewhere = person.memberships.exclude(pk__in=roles.values("pk")).exists()
    return {
        "person": person,
        "roles": roles,
        "has_roles_elsewhere": elsewhere,
        "may_manage_account": permissions.may_manage_account(request.user, person),
        "role_form": role_form or RoleForm(organisations=organisations),
        "valid_for": services.validity_text(),
    }


@require_POST
@login_required
def role_give(request: HttpRequest, pk: int) -> HttpResponse:
    person = permissions.get_person_or_404(request.user, pk)
    organisations = permissions.role_organisations(request.user)
    form = RoleForm(request.POST, organisations=organisations)
    if form.is_valid():
        try:
            membership = services.role_give(
                by=request.user, person=person, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("%(name)s is now %(role)s in %(organisation)s.")
                % {
                    "name": person.get_full_name() or person.username,
                    "role": membership.get_role_display(),
                    "organisation": membership.organisation.name,
                },
            )
            return redirect("intkommun:person_detail", person.pk)
    context = _detail(request, person, role_form=form)
    return render(request, "intkommun/people/person_detail.html", context, status=400)


@require_POST
@login_required
def role_remove(request: HttpRequest, pk: int) -> HttpResponse:
    membership = permissions.get_membership_or_404(request.user, pk)
    person = membership.user
    try:
        services.role_remove(by=request.user, membership=membership)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The role %(role)s in %(organisation)s has been removed.")
            % {
                "role": membership.get_role_display(),
                "organisation": membership.organisation.name,
            },
        )
    if permissions.managed_memberships(request.user, person).exists():
        return redirect("intkommun:person_detail", person.pk)
    return redirect("intkommun:person_list")


def _account_or_403(request: HttpRequest, pk: int) -> Any:
    person = permissions.get_person_or_404(request.user, pk)
    if not permissions.may_manage_account(request.user, person):
        raise PermissionDenied
    return person


@require_POST
@login_required
def person_reinvite(request: HttpRequest, pk: int) -> HttpResponse:
    person = _account_or_403(request, pk)
    if not person.email or not person.is_active or person.last_login:
        messages.error(
            request,
            _(
                "An invitation is sent only to an active person with an e-mail "
                "address who has never logged in."
            ),
        )
    else:
        services.send_invitation(person, base_url=_base_url(request))
        messages.success(
            request,
            _("The invitation has been sent again to %(email)s.")
            % {"email": person.email},
        )
    return redirect("intkommun:person_detail", person.pk)


@require_POST
@login_required
def person_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    person = _account_or_403(request, pk)
    try:
        services.person_deactivate(by=request.user, person=person)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(name)s has been deactivated and can no longer log in.")
            % {"name": person.get_full_name() or person.username},
        )
    return redirect("intkommun:person_detail", person.pk)


@require_POST
@login_required
def person_reactivate(request: HttpRequest, pk: int) -> HttpResponse:
    person = _account_or_403(request, pk)
    services.person_reactivate(by=request.user, person=person)
    messages.success(
        request,
        _("%(name)s has been reactivated and can log in again.")
        % {"name": person.get_full_name() or person.username},
    )
    return redirect("intkommun:person_detail", person.pk)


class PersonUpdateView(LoginRequiredMixin, generic.UpdateView):
    form_class = PersonForm
    template_name = "intkommun/people/person_form.html"
    context_object_name = "person"

    def dispatch(self, request, *args, **kwargs):
        if request.method != "POST":
            return super().dispatch(request, *args, **kwargs)
        # Locked from reading to saving, as every edit (intkommun/versioning.py).
        with transaction.atomic():
            return super().dispatch(request, *args, **kwargs)

    def get_object(self, queryset=None):
        person = _account_or_403(self.request, self.kwargs["pk"])
        return locked_on_post(self.request, User.objects.all()).get(pk=person.pk)

    def form_valid(self, form):
        form.instance._history_user = self.request.user
        response = super().form_valid(form)
        announce_merges(self.request, [form])
        messages.success(self.request, _("The changes have been saved."))
        return response

    def get_success_url(self) -> str:
        return reverse("intkommun:person_detail", args=[self.object.pk])


@login_required
def person_history(request: HttpRequest, pk: int) -> HttpResponse:
    """Changes of the person's account and of their roles in the user's kommuner."""
    person = permissions.get_person_or_404(request.user, pk)
    entries = record_entries(person.history.all(), User)
    roles = Membership.history.filter(
        user_id=person.pk,
        organisation__kommun__in=permissions.people_kommun_ids(request.user),
    )
    for membership_id in set(roles.values_list("id", flat=True)):
        records = roles.filter(id=membership_id)
        newest = records.order_by("-history_id").first()
        subject = _("Role: %(role)s in %(organisation)s") % {
            "role": newest.get_role_display(),
            "organisation": newest.organisation.name,
        }
        entries += [
            dataclasses.replace(entry, subject=subject)
            for entry in record_entries(records, Membership)
        ]
    entries.sort(key=lambda entry: entry.changed_at, reverse=True)
    return render(
        request,
        "intkommun/object_history.html",
        {
            "object": _PersonLabel(person),
            "entries": entries,
            "model_meta": User._meta,
            "back_url": reverse("intkommun:person_detail", args=[person.pk]),
        },
    )


class _PersonLabel:
    """A person as the history page names them."""

    def __init__(self, person: Any) -> None:
        self.person = person

    def __str__(self) -> str:
        return self.person.get_full_name() or self.person.get_username()
