"""Work that runs in the task worker, not in a web request (DESIGN §6).

Development and tests use django-tasks' immediate backend (the task runs when it
is enqueued); production sets DJANGO_TASKS_BACKEND to the database backend and
runs `manage.py db_worker`.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django_tasks import task

from intkommun.models import Organisation
from reports import year_end_services


@task()
def generate_year_end_report(kommun_id: int, year: int, user_id: int) -> int:
    """Generate the draft KS report PDF; returns its number of pages."""
    kommun = Organisation.objects.get(pk=kommun_id)
    user = get_user_model().objects.get(pk=user_id)
    try:
        report = year_end_services.year_end_generate(kommun=kommun, year=year, by=user)
    except Exception as error:
        # Kept for the coordinator's page, then raised for the task backend's log.
        year_end_services.year_end_generation_failed(
            kommun=kommun, year=year, error=error
        )
        raise
    return report.page_count or 0
