"""Work that runs in the task worker, not in a web request (DESIGN §6).

Development and tests use django-tasks' immediate backend (the task runs when it
is enqueued); production sets DJANGO_TASKS_BACKEND to the database backend and
runs `manage.py db_worker`.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django_tasks import task

from intkommun.models import Organisation
from reports.models import YearEndReport
from reports.year_end import preview_cache, services


def request_generation(*, kommun: Organisation, year: int, by: Any) -> YearEndReport:
    """Ask the task worker for a new draft PDF of the kommun's year.

    PDF generation never runs inside a web request: WeasyPrint takes seconds and
    keeps its memory, so a recycled worker process does it. The task is queued
    only once the request's transaction has committed, so the worker never reads
    a memo or a request time that is not saved yet.
    """
    with transaction.atomic():
        report = services.year_end_mark_requested(kommun=kommun, year=year, by=by)
        transaction.on_commit(
            lambda: generate_year_end_report.enqueue(kommun.pk, year, by.pk)
        )
    return report


@task()
def generate_year_end_report(kommun_id: int, year: int, user_id: int) -> int:
    """Generate the draft KS report PDF; returns its number of pages."""
    kommun = Organisation.objects.get(pk=kommun_id)
    user = get_user_model().objects.get(pk=user_id)
    try:
        report = services.year_end_generate(kommun=kommun, year=year, by=user)
    except Exception as error:
        # Kept for the coordinator's page, then raised for the task backend's log.
        services.year_end_generation_failed(kommun=kommun, year=year, error=error)
        raise
    return report.page_count or 0


@task()
def refresh_ks_preview(kommun_id: int) -> int:
    """Render the kommun's watched KS previews again after a change, so that the
    next visit finds them kept (``preview_cache``); returns how many it rendered."""
    return preview_cache.refresh(kommun_id)
