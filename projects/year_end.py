"""Projects as they stood at the end of a year, for the reports about that year.

A report about year Y reads each project from its history record held at the end
of Y (``intkommun.as_of``): its status, dates, money, owner and programme as the
register held them on 31 December of Y. So a project granted, rejected, closed,
re-dated, re-budgeted or removed after Y reads in Y's report as it did then:

* **Running in Y**: its status then was granted, ongoing or closed, and its dates
  then touched Y.
* **Granted in Y** (external funding): its status then was granted, ongoing or
  closed, and its decision date then lay in Y. A grant registered only after Y
  counts from the next year's report on.
* **Applications of Y**: submitted in Y by its dates then, with the status it had
  then (an application decided after Y shows as submitted).

A project first registered after Y (back-filled) reads as registered: its dates
place it in the past years.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from intkommun.as_of import held_at_year_end, instance_of
from intkommun.models import Organisation
from projects.models import Project


def project_records_at_year_end(year: int, **filters: Any) -> QuerySet:
    """The history record of each project (of ``filters``) held at the end of the
    year; filter it further with the conditions of ``projects.models.projects``."""
    return held_at_year_end(Project.history.filter(**filters), year)


def kommun_project_records(kommun: Organisation, year: int) -> QuerySet:
    return project_records_at_year_end(year, owner__kommun=kommun.kommun_id)


def projects_as_of(records: QuerySet) -> list[Project]:
    """``records`` as projects (owner and programme read in the same query)."""
    projects = []
    for record in records.select_related("owner", "programme"):
        project = instance_of(record)
        project.owner = record.owner
        project.programme = record.programme
        projects.append(project)
    return projects
