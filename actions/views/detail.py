from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import generic
from django.views.decorators.http import require_POST

from actions import services
from actions.forms import ActionForm, ActionUpdateForm
from actions.models import Action
from intkommun import permissions
from intkommun.views import ScopedObjectMixin

LOG_TEMPLATE = "actions/includes/_progress_log.html"


def action_queryset():
    return Action.objects.select_related("plan", "focus_area", "plan__kommun")


class ActionDetailView(ScopedObjectMixin, generic.DetailView):
    template_name = "actions/action_detail.html"

    def get_queryset(self):
        return action_queryset()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            log_context(
                self.object, ActionUpdateForm(action=self.object), context["can_edit"]
            )
        )
        return context


def log_context(action: Action, form: ActionUpdateForm, can_edit: bool) -> dict:
    updates = action.updates.select_related("author")
    return {
        "action": action,
        "updates": updates,
        "update_form": form,
        "status_scale": form.status_scale,
        "can_edit": can_edit,
    }


@require_POST
@login_required
@transaction.atomic
def action_update_add(request: HttpRequest, pk: int) -> HttpResponse:
    # Locked, so that the status check of the form and the save see one state.
    locked = action_queryset().select_for_update(of=("self",))
    action = permissions.get_editable_or_403(request.user, locked, pk=pk)
    form = ActionUpdateForm(request.POST, action=action)
    if form.is_valid():
        services.action_update_add(action=action, by=request.user, **form.cleaned_data)
        messages.success(request, _("The update has been logged."))
        form = ActionUpdateForm(action=action)
    if request.headers.get("HX-Request"):
        action.refresh_from_db()
        first_error = next((name for name in form.fields if name in form.errors), None)
        if first_error:
            form.fields[first_error].widget.attrs["autofocus"] = True
        return render(request, LOG_TEMPLATE, log_context(action, form, True))
    if form.is_bound and form.errors:
        return render(
            request,
            "actions/action_detail.html",
            {"object": action, **log_context(action, form, True)},
            status=400,
        )
    return redirect(action)


class ActionCreateView(LoginRequiredMixin, generic.CreateView):
    form_class = ActionForm
    template_name = "actions/action_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not permissions.is_coordinator_anywhere(
            request.user
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"plan": self.request.GET.get("plan")}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("The action has been created."))
        return response


class ActionUpdateView(ScopedObjectMixin, generic.UpdateView):
    needs_edit = True
    form_class = ActionForm
    template_name = "actions/action_form.html"

    def get_queryset(self):
        return action_queryset()

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("The changes have been saved."))
        return response
