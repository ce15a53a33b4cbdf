from __future__ import annotations

import datetime

from axes.models import AccessAttempt
from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import F
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import generic
from django.views.decorators.http import require_POST

from intkommun import login_throttling, permissions
from intkommun import search as global_search
from intkommun.forms import OrganisationForm, SearchForm
from intkommun.history import history_entries
from intkommun.models import Membership, Organisation
from intkommun.removal import Removable, removable_models, removal_consequences
from intkommun.versioning import merge_notice


class ScopedObjectMixin(LoginRequiredMixin):
    """Fetch through the permissions module: unseen is 404, seen but not editable 403.

    Views that change an object set ``needs_edit = True``.
    """

    needs_edit = False

    def dispatch(self, request, *args, **kwargs):
        if not (self.needs_edit and request.method == "POST"):
            return super().dispatch(request, *args, **kwargs)
        # The row stays locked from reading it to saving it, so that the version
        # check of the form (intkommun/versioning.py) and the save see one state.
        with transaction.atomic():
            return super().dispatch(request, *args, **kwargs)

    def get_object(self, queryset=None):
        queryset = self.get_queryset() if queryset is None else queryset
        if self.needs_edit:
            queryset = locked_on_post(self.request, queryset)
        getter = (
            permissions.get_editable_or_403
            if self.needs_edit
            else permissions.get_visible_or_404
        )
        return getter(self.request.user, queryset, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if getattr(self, "object", None) is not None:
            context["can_edit"] = permissions.can_edit(self.request.user, self.object)
            context["can_remove"] = isinstance(
                self.object, Removable
            ) and permissions.can_remove(self.request.user, self.object)
        return context

    def form_valid(self, form):
        response = super().form_valid(form)
        announce_merges(self.request, [form])
        return response


def locked_on_post(request: HttpRequest, queryset: models.QuerySet) -> models.QuerySet:
    """``queryset`` locking the rows it reads when ``request`` posts an edit, so that
    the version check of the form (intkommun/versioning.py) and the save see one
    state. The view runs the post in a transaction."""
    if request.method == "POST":
        return queryset.select_for_update(of=("self",))
    return queryset


def announce_merges(request: HttpRequest, saved_forms: list) -> None:
    """Tell the user whose concurrent changes a save kept beside theirs."""
    notice = merge_notice(saved_forms)
    if notice:
        messages.info(request, notice)


# Change these when the statement or the assessment behind it changes.
ACCESSIBILITY_ASSESSED = datetime.date(2026, 11, 23)
ACCESSIBILITY_STATEMENT_UPDATED = datetime.date(2026, 11, 23)


def accessibility_statement(request: HttpRequest) -> HttpResponse:
    """The accessibility statement (tillgänglighetsredogörelse).

    Public on purpose, like the login page: the law (DOS-lagen) asks that anyone
    who cannot use the service can read how to report it. It shows no data.
    """
    return render(
        request,
        "intkommun/accessibility.html",
        {
            "contact_email": settings.ACCESSIBILITY_CONTACT_EMAIL,
            "assessed": ACCESSIBILITY_ASSESSED,
            "updated": ACCESSIBILITY_STATEMENT_UPDATED,
        },
    )


@login_required
def search(request: HttpRequest) -> HttpResponse:
    """The global search in the header: everything the user may see, by type."""
    form = SearchForm(request.GET)
    form.is_valid()  # a field with an error is left out of cleaned_data
    query = form.cleaned_data.get("q", "")
    only = form.cleaned_data.get("type") or None
    groups = global_search.search(request.user, query, only=only) if query else []
    return render(
        request,
        "intkommun/search.html",
        {
            "form": form,
            "search_query": request.GET.get("q", ""),
            "groups": groups,
            "only": only,
            "total": sum(group.total for group in groups),
        },
    )


def organisation_trees(
    organisations: list[Organisation],
) -> list[list[tuple[int, Organisation]]]:
    """Each kommun's organisations in tree order, as (depth, organisation) pairs."""
    children: dict[int | None, list[Organisation]] = {}
    for organisation in organisations:
        children.setdefault(organisation.parent_id, []).append(organisation)
    trees = []
    for root in children.get(None, []):
        rows, pending = [], [(0, root)]
        while pending:
            depth, node = pending.pop()
            rows.append((depth, node))
            below = sorted(
                children.get(node.pk, []), key=lambda o: o.name, reverse=True
            )
            pending.extend((depth + 1, child) for child in below)
        trees.append(rows)
    return trees


class OrganisationDetailView(ScopedObjectMixin, generic.DetailView):
    template_name = "intkommun/organisation_detail.html"

    def get_queryset(self):
        return Organisation.objects.select_related("parent", "kommun")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["children"] = self.object.children.order_by("name")
        context["members"] = (
            Membership.objects.filter(organisation=self.object)
            .select_related("user")
            .order_by("role", "user__last_name", "user__first_name")
        )
        context["may_manage_people"] = permissions.is_coordinator(
            self.request.user, self.object
        )
        return context


class OrganisationCreateView(LoginRequiredMixin, generic.CreateView):
    form_class = OrganisationForm
    template_name = "intkommun/organisation_form.html"

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if (
            user.is_authenticated
            and not Organisation.objects.editable_by(user).exists()
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        # "Add an organisation" from an empty kommun's pages names the kommun.
        return {"parent": self.request.GET.get("parent")}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("The organisation has been created."))
        return response


class OrganisationUpdateView(ScopedObjectMixin, generic.UpdateView):
    needs_edit = True
    form_class = OrganisationForm
    template_name = "intkommun/organisation_form.html"

    def get_queryset(self):
        return Organisation.objects.select_related("parent", "kommun")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("The changes have been saved."))
        return response


@login_required
def object_history(request: HttpRequest, app_label: str, model_name: str, pk: int):
    """The history of any scoped object the user may see."""
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError as error:
        raise Http404 from error
    if not hasattr(model, "access") or not hasattr(model, "history"):
        raise Http404
    # The base manager: a removed object's history stays readable.
    obj = permissions.get_visible_or_404(request.user, model._base_manager.all(), pk=pk)
    return render(
        request,
        "intkommun/object_history.html",
        {"object": obj, "entries": history_entries(obj), "model_meta": model._meta},
    )


# The query parameter that names what was just removed, to offer "Ångra" for it.
UNDO = "angra"


def _removable_model(app_label: str, model_name: str) -> type[Removable]:
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError as error:
        raise Http404 from error
    if not issubclass(model, Removable):
        raise Http404
    return model


@login_required
def remove(request: HttpRequest, app_label: str, model_name: str, pk: int):
    """Ask what a removal affects (GET), then remove (POST)."""
    model = _removable_model(app_label, model_name)
    obj = permissions.get_removable_or_403(request.user, model.objects.all(), pk=pk)
    if request.method == "POST":
        obj.remove(by=request.user)
        messages.success(request, _("“%(name)s” has been removed.") % {"name": obj})
        undo = f"{app_label}.{model_name}.{obj.pk}"
        return redirect(f"{reverse('intkommun:removed_list')}?{UNDO}={undo}")
    return render(
        request,
        "intkommun/remove_confirm.html",
        {
            "object": obj,
            "model_meta": model._meta,
            "consequences": removal_consequences(obj),
        },
    )


@require_POST
@login_required
def restore(request: HttpRequest, app_label: str, model_name: str, pk: int):
    model = _removable_model(app_label, model_name)
    removed = model.objects.removed()
    obj = permissions.get_removable_or_403(request.user, removed, pk=pk)
    obj.restore(by=request.user)
    messages.success(request, _("“%(name)s” has been restored.") % {"name": obj})
    return redirect(obj.get_absolute_url())


@login_required
def removed_list(request: HttpRequest) -> HttpResponse:
    """Borttaget: what the coordinator's kommuner have removed, newest first."""
    permissions.require_coordinator_anywhere(request.user)
    removed = [
        obj
        for model in removable_models()
        for obj in model.objects.removed()
        .removable_by(request.user)
        .select_related("removed_by")
        .annotate(kommun_name=F(f"{model.access.kommun}__name"))
    ]
    removed.sort(key=lambda obj: obj.removed_at, reverse=True)
    several_kommuner = len({obj.kommun_name for obj in removed}) > 1
    undo = request.GET.get(UNDO)
    just_removed = next((obj for obj in removed if _key(obj) == undo), None)
    return render(
        request,
        "intkommun/removed_list.html",
        {
            "removed": removed,
            "several_kommuner": several_kommuner,
            "just_removed": just_removed,
        },
    )


def _key(obj: Removable) -> str:
    return f"{obj._meta.app_label}.{obj._meta.model_name}.{obj.pk}"


@login_required
def lockout_list(request: HttpRequest) -> HttpResponse:
    """Spärrade inloggningar: the kommun's users locked out after wrong passwords."""
    permissions.require_coordinator_anywhere(request.user)
    attempts = permissions.scope_lockouts(request.user, AccessAttempt.objects.all())
    return render(
        request,
        "intkommun/lockout_list.html",
        {"lockouts": login_throttling.current_lockouts(attempts)},
    )


@require_POST
@login_required
def lockout_lift(request: HttpRequest, pk: int) -> HttpResponse:
    permissions.require_coordinator_anywhere(request.user)
    attempts = permissions.scope_lockouts(request.user, AccessAttempt.objects.all())
    attempt = get_object_or_404(attempts, pk=pk)
    login_throttling.lockout_lift(attempt)
    names = {"username": attempt.username, "address": attempt.ip_address}
    messages.success(
        request,
        _("The lockout of “%(username)s” from %(address)s has been lifted.") % names,
    )
    return redirect("intkommun:lockout_list")
