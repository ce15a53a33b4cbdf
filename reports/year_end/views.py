"""The KS report: preview in the browser, generate, adopt and download the PDF."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from actions.status_scale import scale_for
from intkommun import permissions
from intkommun.exports import build_xlsx, dated_filename, xlsx_response
from intkommun.filters import is_filtered, query_string_without_page, sort_headers
from intkommun.models import Organisation
from intkommun.views import announce_merges
from reports.archive.package import ArchiveRefused, package_name, package_zip
from reports.exports import YEAR_END_COLUMNS
from reports.filters import YearEndFilterForm, filter_year_end_rows, year_end_state
from reports.models import FollowUpRound, YearEndReport
from reports.year_end import document, preview_cache, services, tasks
from reports.year_end.data import key_figure_years
from reports.year_end.figures_export import figures_xlsx
from reports.year_end.forms import AdoptForm, MemoForm


def _kommun(request: HttpRequest, kommun_pk: int) -> Organisation:
    # Everyone in the kommun reads the KS report (DESIGN §3); another kommun's is 404.
    kommuner = Organisation.objects.visible_to(request.user).kommuner()
    return get_object_or_404(kommuner, pk=kommun_pk)


def _report(kommun: Organisation, year: int) -> YearEndReport | None:
    return (
        YearEndReport.objects.filter(kommun=kommun, year=year)
        .select_related("generated_by", "adopted_by")
        .first()
    )


def filtered_year_end_rows(
    request: HttpRequest,
) -> tuple[YearEndFilterForm, list[dict[str, Any]]]:
    """Every year of the user's kommuner that has a follow-up round or a KS report,
    through the list's filters; shared with the export."""
    kommuner = Organisation.objects.visible_to(request.user).kommuner().order_by("name")
    form = YearEndFilterForm(request.GET or None, user=request.user)
    return form, filter_year_end_rows(year_end_rows(list(kommuner)), form)


@login_required
def year_end_list(request: HttpRequest) -> HttpResponse:
    form, rows = filtered_year_end_rows(request)
    context = {
        "rows": rows,
        "filter": SimpleNamespace(form=form),
        "query_string": query_string_without_page(request),
        "sort": sort_headers(request.GET.get("o", ""), ("year", "kommun")),
        "is_filtered": is_filtered(request, form.fields),
        "several_kommuner": "kommun" in form.fields,
        "is_coordinator": permissions.is_coordinator_anywhere(request.user),
    }
    return render(request, "reports/year_end/list.html", context)


@login_required
def year_end_export(request: HttpRequest) -> HttpResponse:
    _form, rows = filtered_year_end_rows(request)
    xlsx = build_xlsx(_("KS reports"), YEAR_END_COLUMNS, rows)
    return xlsx_response(xlsx, dated_filename(_("ks-reports"), timezone.localdate()))


def year_end_rows(kommuner: list[Organisation]) -> list[dict[str, Any]]:
    reports = {
        (r.kommun_id, r.year): r
        # Not the stored document (1.6 MB at scale 5): no row shows it.
        for r in YearEndReport.objects.filter(kommun__in=kommuner).defer(
            "document_html"
        )
    }
    rounds = FollowUpRound.objects.filter(kommun__in=kommuner).values_list(
        "kommun_id", "year"
    )
    years = sorted(set(reports) | set(rounds), key=lambda key: (-key[1], key[0]))
    names = {kommun.pk: kommun for kommun in kommuner}
    return [
        {
            "kommun": names[kommun_id],
            "year": year,
            "report": reports.get((kommun_id, year)),
            "state": year_end_state(reports.get((kommun_id, year))),
        }
        for kommun_id, year in years
    ]


@login_required
def year_end_preview(request: HttpRequest, kommun_pk: int, year: int) -> HttpResponse:
    return _preview_page(request, _kommun(request, kommun_pk), year)


def _preview_page(
    request: HttpRequest,
    kommun: Organisation,
    year: int,
    memo_form: MemoForm | None = None,
    status: int = 200,
) -> HttpResponse:
    report = _report(kommun, year)
    context = {
        "kommun": kommun,
        "year": year,
        "title": document.document_title(year),
        "report": report,
        "is_coordinator": permissions.is_coordinator(request.user, kommun),
    }
    # An adopted report shows the document it was adopted as, never today's data.
    if report is None or not report.is_adopted:
        if _shows_generated_draft(request, report):
            context |= _generated_preview(request, kommun, year, report, memo_form)
        else:
            context |= _live_preview(request, kommun, year, report, memo_form)
    return render(request, "reports/year_end/preview.html", context, status=status)


def _shows_generated_draft(request: HttpRequest, report: YearEndReport | None) -> bool:
    """A generated draft is previewed as the document stored with its PDF, which
    takes no gathering; today's data is one link away (``?live=1``)."""
    return bool(report and report.document_html) and not request.GET.get("live")


def _generated_preview(
    request: HttpRequest,
    kommun: Organisation,
    year: int,
    report: YearEndReport,
    memo_form: MemoForm | None,
) -> dict[str, Any]:
    memo = document.saved_memo(report, kommun, year, _author(request, report))
    return {"shows_generated_draft": True} | _forms(
        request, kommun, report, memo, memo_form
    )


def _live_preview(
    request: HttpRequest,
    kommun: Organisation,
    year: int,
    report: YearEndReport | None,
    memo_form: MemoForm | None,
) -> dict[str, Any]:
    """The draft document from today's data, with the coordinator's forms.

    The document is rendered once and shown again from the shared cache as long
    as nothing it shows has changed (``preview_cache``); only a miss gathers the
    year."""
    author = _author(request, report)
    preview_cache.watch(kommun.pk, year, author.pk)
    html, memo = preview_cache.live_preview(kommun, year, report, author)
    return {"document_html": html} | _forms(request, kommun, report, memo, memo_form)


def _author(request: HttpRequest, report: YearEndReport | None) -> Any:
    return report.generated_by if report and report.generated_by else request.user


def _forms(
    request: HttpRequest,
    kommun: Organisation,
    report: YearEndReport | None,
    memo: document.Memo,
    memo_form: MemoForm | None,
) -> dict[str, Any]:
    initial = {
        "addressee": memo.addressee,
        "author_name": (report and report.author_name) or request.user.get_full_name(),
        "author_title": memo.author_title or _last_author_title(kommun),
        "summary": memo.summary,
        "proposed_decision": memo.proposed_decision,
    }
    return {
        "memo_form": memo_form or MemoForm(instance=report, initial=initial),
        "adopt_form": AdoptForm(initial={"diary_number": memo.diary_number}),
    }


def _last_author_title(kommun: Organisation) -> str:
    """The title on the kommun's latest memo: the same person writes most years."""
    titles = YearEndReport.objects.filter(kommun=kommun).exclude(author_title="")
    return titles.order_by("-year").values_list("author_title", flat=True).first() or ""


@require_POST
@login_required
def year_end_generate(request: HttpRequest, kommun_pk: int, year: int) -> HttpResponse:
    kommun = _kommun(request, kommun_pk)
    permissions.require_coordinator(request.user, kommun)
    try:
        with transaction.atomic():
            # Locked, so that the memo's version check and its save see one state.
            locked = YearEndReport.objects.select_for_update().filter(
                kommun=kommun, year=year
            )
            form = MemoForm(request.POST, instance=locked.first())
            if not form.is_valid():
                messages.error(request, _("Check the cover memo."))
                return _preview_page(request, kommun, year, memo_form=form, status=400)
            services.year_end_save_memo(
                kommun=kommun, year=year, by=request.user, **form.cleaned_data
            )
        announce_merges(request, [form])
        report = tasks.request_generation(kommun=kommun, year=year, by=request.user)
    except services.YearEndRefused as refusal:
        messages.error(request, refusal.message)
    else:
        _announce_generation(request, report)
    return redirect("reports:year_end_preview", kommun.pk, year)


@require_POST
@login_required
def year_end_retry(request: HttpRequest, kommun_pk: int, year: int) -> HttpResponse:
    """Generate again after a failure, with the memo as it was saved."""
    kommun = _kommun(request, kommun_pk)
    permissions.require_coordinator(request.user, kommun)
    try:
        report = tasks.request_generation(kommun=kommun, year=year, by=request.user)
    except services.YearEndRefused as refusal:
        messages.error(request, refusal.message)
    else:
        _announce_generation(request, report)
    return redirect("reports:year_end_preview", kommun.pk, year)


def _announce_generation(request: HttpRequest, report: YearEndReport) -> None:
    report.refresh_from_db()
    if report.generation_has_failed:
        messages.error(request, report.generation_failure_reason)
    elif report.is_generating:
        messages.info(request, _("The KS report is being generated."))
    else:
        messages.success(
            request,
            _("The KS report has been generated (%(pages)s pages).")
            % {"pages": report.page_count},
        )


@login_required
def year_end_status(request: HttpRequest, kommun_pk: int, year: int) -> HttpResponse:
    """Polled by the preview page while the worker generates the PDF."""
    kommun = _kommun(request, kommun_pk)
    report = _report(kommun, year)
    if report is None or not report.is_generating:
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    return render(request, "reports/year_end/_generating.html", {"report": report})


@require_POST
@login_required
def year_end_adopt(request: HttpRequest, kommun_pk: int, year: int) -> HttpResponse:
    kommun = _kommun(request, kommun_pk)
    permissions.require_coordinator(request.user, kommun)
    report = get_object_or_404(YearEndReport, kommun=kommun, year=year)
    form = AdoptForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the KS paragraph and the diary number."))
        return redirect(report)
    try:
        services.year_end_adopt(
            report=report,
            paragraph=form.cleaned_data["ks_paragraph"],
            diary_number=form.cleaned_data["diary_number"],
            by=request.user,
        )
    except services.YearEndRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("The KS report has been adopted."))
    return redirect(report)


@login_required
def year_end_download(request: HttpRequest, kommun_pk: int, year: int) -> HttpResponse:
    """The stored file, byte for byte; readers get adopted reports only."""
    kommun = _kommun(request, kommun_pk)
    report = _report(kommun, year)
    if report is None or not report.has_file:
        raise Http404
    if not report.is_adopted and not permissions.is_coordinator(request.user, kommun):
        # Everyone in the kommun sees that a draft exists: forbidden, not missing.
        raise PermissionDenied
    response = FileResponse(
        report.file.open("rb"),
        as_attachment=True,
        filename=report.filename,
        content_type="application/pdf",
    )
    response["ETag"] = f'"{report.sha256}"'
    return response


@login_required
def year_end_figures(request: HttpRequest, kommun_pk: int, year: int) -> HttpResponse:
    """The key figures as an Excel appendix; everyone in the kommun, like the
    preview."""
    kommun = _kommun(request, kommun_pk)
    xlsx = figures_xlsx(key_figure_years(kommun, year), scale_for(kommun))
    return xlsx_response(xlsx, f"nyckeltal-{slugify(kommun.name)}-{year}.xlsx")


@login_required
def year_end_archive(request: HttpRequest, kommun_pk: int, year: int) -> HttpResponse:
    """The adopted report as a package for the kommun's e-archive (a zip file);
    the coordinator's, who hands it to the archive."""
    kommun = _kommun(request, kommun_pk)
    permissions.require_coordinator(request.user, kommun)
    report = _report(kommun, year)
    if report is None or not report.is_adopted:
        raise Http404
    try:
        package = package_zip(report)
    except ArchiveRefused as refusal:
        messages.error(request, refusal.message)
        return redirect(report)
    return FileResponse(
        package,
        as_attachment=True,
        filename=f"{package_name(report)}.zip",
        content_type="application/zip",
    )
