"""List, export, detail, create, edit, delete and download of governing documents."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, ProtectedError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import generic

from intkommun import permissions
from intkommun.exports import dated_filename, xlsx_response
from intkommun.filters import filtered, sort_headers, sort_keys
from intkommun.models import Organisation
from intkommun.pagination import Paginator
from intkommun.views import ScopedObjectMixin, announce_merges
from strategies import services
from strategies.exports import export_filename_stem, strategies_xlsx
from strategies.filters import SORTABLE, StrategyFilter
from strategies.forms import StrategyForm, strategy_formsets
from strategies.models import DocumentType, Goal, Indicator, Strategy
from strategies.validators import CONTENT_TYPES, extension_of


def filtered_strategies(request: HttpRequest) -> StrategyFilter:
    """The user's documents through the list's filters; shared with the export."""
    queryset = (
        Strategy.objects.visible_to(request.user)
        .select_related("document_type", "adopted_by", "kommun")
        .order_by("document_type__order", "title", "pk")
    )
    return StrategyFilter(request.GET or None, queryset=queryset, request=request)


class StrategyListView(LoginRequiredMixin, generic.ListView):
    template_name = "strategies/strategy_list.html"
    paginate_by = 25
    paginator_class = Paginator

    def get_queryset(self):
        self.filterset = filtered_strategies(self.request)
        self.several_kommuner = self.filterset.several_kommuner
        # Each row's status from its successors, read for the page in one query:
        # cheaper than building and running the status annotation for a page.
        successors = Strategy.objects.only(*Strategy.SUCCESSION_FIELDS).order_by()
        strategies = (
            filtered(self.filterset)
            .prefetch_related(Prefetch("successors", queryset=successors))
            .defer(*Strategy.LONG_TEXT_FIELDS)  # no column shows them
        )
        if not self.several_kommuner:  # the rows do not name their kommun
            strategies = strategies.select_related(None).select_related(
                "document_type", "adopted_by"
            )
        return strategies

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            filter=self.filterset,
            query_string=query.urlencode(),
            sort=sort_headers(self.request.GET.get("o", ""), sort_keys(SORTABLE)),
            # Whoever may create a document in some kommun: its coordinators.
            can_create=permissions.is_coordinator_anywhere(self.request.user),
            several_kommuner=self.several_kommuner,
        )
        return context


@login_required
def strategy_export(request: HttpRequest) -> HttpResponse:
    """The filtered list as .xlsx, every matching row, in the list's order."""
    strategies = (
        filtered(filtered_strategies(request))
        .with_status(timezone.localdate())
        .select_related("replaces", "parent")
        .prefetch_related("applies_to", "goals", "focus_areas")
    )
    filename = dated_filename(export_filename_stem(), timezone.localdate())
    return xlsx_response(strategies_xlsx(strategies), filename)


class StrategyReviewListView(LoginRequiredMixin, generic.TemplateView):
    """Documents to review: review date near or passed, or expired with no successor."""

    template_name = "strategies/strategy_review_list.html"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        strategies = (
            Strategy.objects.visible_to(self.request.user)
            .due_for_review(today)
            .select_related("document_type", "kommun")
            .prefetch_related("successors")
        )
        rows = [(strategy, strategy.review_reason_on(today)) for strategy in strategies]
        rows.sort(
            key=lambda row: (row[0].next_review_on or row[0].valid_until, row[0].title)
        )
        return super().get_context_data(rows=rows, today=today, **kwargs)


def strategy_detail_queryset():
    indicators = Prefetch(
        "indicators", queryset=Indicator.objects.prefetch_related("values")
    )
    goals = Goal.objects.select_related("focus_area", "parent").prefetch_related(
        indicators
    )
    return Strategy.objects.select_related(
        "document_type", "adopted_by", "kommun", "replaces", "parent"
    ).prefetch_related(
        "applies_to",
        "successors",
        "focus_areas",
        Prefetch("goals", queryset=goals.order_by("order", "pk")),
    )


class StrategyDetailView(ScopedObjectMixin, generic.DetailView):
    template_name = "strategies/strategy_detail.html"

    def get_queryset(self):
        return strategy_detail_queryset()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        strategy, today = self.object, timezone.localdate()
        goals = list(strategy.goals.all())
        areas_owner, focus_areas = strategy.focus_areas_in_use()
        context.update(
            visions=[goal for goal in goals if goal.kind == Goal.Kind.VISION],
            purposes=[goal for goal in goals if goal.kind == Goal.Kind.PURPOSE],
            goals=[goal for goal in goals if goal.kind == Goal.Kind.GOAL],
            areas_owner=areas_owner,
            focus_areas=focus_areas,
            parent_goals=_parent_goals(strategy),
            successors=strategy.successors.with_status(today).select_related(
                "document_type"
            ),
            implementing=strategy.implementing_documents.with_status(today)
            .select_related("document_type")
            .order_by("valid_from", "title"),
            review_reason=strategy.review_reason_on(today),
            can_remove_goals=permissions.can_remove(self.request.user, strategy),
        )
        return context


def _parent_goals(strategy: Strategy) -> list[Goal]:
    if strategy.parent_id is None:
        return []
    return list(
        # In the model's order: vision, purposes, goals.
        strategy.parent.goals.prefetch_related(
            Prefetch(
                "indicators", queryset=Indicator.objects.prefetch_related("values")
            )
        )
    )


class StrategyFormMixin:
    """Document form with its focus-area and goal form sets, saved together."""

    form_class = StrategyForm
    template_name = "strategies/strategy_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "kommun": self.kommun}

    def get_context_data(self, **kwargs):
        if "formsets" not in kwargs:
            kwargs["formsets"] = strategy_formsets(
                self.object or Strategy(kommun=self.kommun)
            )
        return super().get_context_data(kommun=self.kommun, **kwargs)

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        formsets = strategy_formsets(form.instance, request.POST, request.FILES)
        if form.is_valid() and all(formset.is_valid() for formset in formsets):
            self.object = services.strategy_save(form=form, formsets=formsets)
            messages.success(request, _("The governing document has been saved."))
            announce_merges(request, [form, *formsets[0].forms, *formsets[1].forms])
            if "continue" in request.POST:
                return redirect("strategies:update", pk=self.object.pk)
            return redirect(self.object)
        return self.render_to_response(
            self.get_context_data(form=form, formsets=formsets)
        )


class StrategyCreateView(LoginRequiredMixin, StrategyFormMixin, generic.CreateView):
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.object = None
        self.parent = self._parent(request)
        kommuner = (
            Organisation.objects.editable_by(request.user).kommuner().order_by("name")
        )
        if self.parent is not None:
            kommuner = kommuner.filter(pk=self.parent.kommun_id)
        chosen = request.GET.get("kommun", "")
        if chosen:
            kommuner = (
                kommuner.filter(pk=chosen) if chosen.isdigit() else kommuner.none()
            )
        if not kommuner.exists():
            raise PermissionDenied
        if len(kommuner) > 1:
            return render(
                request, "strategies/choose_kommun.html", {"kommuner": kommuner}
            )
        self.kommun = kommuner[0]
        return super().dispatch(request, *args, **kwargs)

    def _parent(self, request: HttpRequest) -> Strategy | None:
        pk = request.GET.get("parent", "")
        if not pk.isdigit():
            return None
        return permissions.get_visible_or_404(
            request.user, Strategy.objects.all(), pk=pk
        )

    def get_initial(self):
        if self.parent is None:
            return {}
        plan_type = (
            DocumentType.objects.available_to(self.kommun)
            .filter(is_action_plan=True, is_active=True)
            .first()
        )
        return {"parent": self.parent, "document_type": plan_type}


class StrategyUpdateView(ScopedObjectMixin, StrategyFormMixin, generic.UpdateView):
    needs_edit = True

    def get_queryset(self):
        return Strategy.objects.select_related("kommun", "document_type")

    @property
    def kommun(self) -> Organisation:
        return self.object.kommun

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().post(request, *args, **kwargs)


class StrategyDeleteView(ScopedObjectMixin, generic.DeleteView):
    needs_edit = True
    template_name = "strategies/strategy_confirm_delete.html"
    success_url = reverse_lazy("strategies:list")

    def get_queryset(self):
        return Strategy.objects.all()

    def form_valid(self, form):
        try:
            self.object.delete()
        except ProtectedError:
            messages.error(
                self.request,
                _(
                    "The document cannot be deleted: other documents replace or "
                    "implement it, or actions belong to it. Remove those links first."
                ),
            )
            return redirect(self.object)
        messages.success(self.request, _("The governing document has been deleted."))
        return redirect(self.get_success_url())


@login_required
def strategy_document(request: HttpRequest, pk: int) -> FileResponse:
    """The original document, to those who may see the governing document."""
    strategy = permissions.get_visible_or_404(
        request.user, Strategy.objects.all(), pk=pk
    )
    if not strategy.original_document:
        raise Http404
    content_type = CONTENT_TYPES.get(extension_of(strategy.original_document.name))
    return FileResponse(
        strategy.original_document.open("rb"),
        as_attachment=True,
        filename=strategy.original_document_filename,
        content_type=content_type or "application/octet-stream",
    )
