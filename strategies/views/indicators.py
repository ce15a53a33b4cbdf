"""Indicators of a goal and their values per year, with a small trend chart."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import generic

from intkommun import permissions
from intkommun.views import ScopedObjectMixin, announce_merges, locked_on_post
from strategies import services
from strategies.charts import trend_chart
from strategies.forms import IndicatorForm, IndicatorValueFormSet
from strategies.models import Goal, Indicator


def indicator_queryset():
    return Indicator.objects.select_related(
        "goal", "goal__strategy", "goal__strategy__kommun"
    ).prefetch_related("values")


class IndicatorCreateView(LoginRequiredMixin, generic.CreateView):
    form_class = IndicatorForm
    template_name = "strategies/indicator_form.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.goal = permissions.get_editable_or_403(
            request.user, Goal.objects.select_related("strategy"), pk=kwargs["goal_pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = Indicator(goal=self.goal)
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(goal=self.goal, **kwargs)

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("The indicator has been added."))
        return response


class IndicatorDetailView(ScopedObjectMixin, generic.DetailView):
    template_name = "strategies/indicator_detail.html"

    def get_queryset(self):
        return indicator_queryset()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        values = self.object.ordered_values()
        context["values"] = values
        context["chart"] = trend_chart(
            [(value.year, value.value) for value in values], self.object.target_value
        )
        return context


class IndicatorUpdateView(ScopedObjectMixin, generic.UpdateView):
    needs_edit = True
    form_class = IndicatorForm
    template_name = "strategies/indicator_form.html"

    def get_queryset(self):
        return indicator_queryset()

    def get_context_data(self, **kwargs):
        return super().get_context_data(goal=self.object.goal, **kwargs)

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("The changes have been saved."))
        return response


class IndicatorDeleteView(ScopedObjectMixin, generic.DeleteView):
    needs_edit = True
    template_name = "strategies/indicator_confirm_delete.html"

    def get_queryset(self):
        return indicator_queryset()

    def get_success_url(self) -> str:
        return self.object.goal.get_absolute_url()

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("The indicator has been deleted."))
        return response


@login_required
@transaction.atomic
def indicator_values(request: HttpRequest, pk: int) -> HttpResponse:
    """Type the indicator's value for each year."""
    indicators = locked_on_post(request, indicator_queryset())
    indicator = permissions.get_editable_or_403(request.user, indicators, pk=pk)
    formset = IndicatorValueFormSet(
        request.POST or None, instance=indicator, prefix="values"
    )
    if request.method == "POST" and formset.is_valid():
        services.indicator_values_save(formset=formset)
        announce_merges(request, formset.forms)
        messages.success(request, _("The values have been saved."))
        return redirect(indicator)
    return render(
        request,
        "strategies/indicator_values_form.html",
        {"indicator": indicator, "formset": formset},
    )
