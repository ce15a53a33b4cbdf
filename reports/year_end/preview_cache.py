"""The KS report's live preview, rendered once and shown again while nothing in it
has changed.

Gathering a kommun's year (``year_end_data``) and rendering the document takes
about a second for a large kommun; the preview page asks for it on every visit
before a draft exists (and with ``?live=1``). The rendered document (not the
coordinator's forms around it) is therefore kept in the shared cache
(``settings.CACHES``, a database table, so every worker and app server sees it)
under a key made of everything it depends on:

* the kommun and the year;
* the active language (the preview is shown in the interface language);
* today's date (the document says "as of", what is overdue, the memo's date);
* the saved cover memo as printed (``document.saved_memo``: the coordinator's
  texts, or the visitor's name as the author while none is saved);
* the *data version* (``data_version``), which changes whenever anything the
  document shows changes;
* the code version (``code_version``): a new release's templates, translations or
  code never show an old rendering.

The data version is read from the change history, in one query: for each
watched model's history table, the newest ``history_date`` and the number of
rows. Every edit leaves history (django-simple-history: saving, deleting, the
removal and restore of a row, which save it, and changes of the many-to-many
relations the models track), so:

* the newest date moves with every edit (a lookup in the ``history_date``
  index);
* the count closes the date's gaps: a history row is dated when it is written,
  not when its transaction commits, so a long transaction committing after a
  shorter, later one would not move the maximum; and deleting history (pruning)
  changes what "as it stood on 31 December" reads without moving a maximum.

It takes no signal handler and no write on save, so editing costs nothing more
and no writer waits for another on a shared cache row. Code that changes watched
rows without writing history (``QuerySet.update()``, ``bulk_create()``, a
restore) must call ``forget_all``, which replaces a generation kept in the cache
that is part of the version too.

The watched models, everything the document reads (``reports.year_end.data``,
``reports.facts``, ``reports/year_end/_*.html``), all with history:

* intkommun: Organisation (names, logo, population, the kommun's settings);
  auth.User (contact persons' names);
* strategies: DocumentType, Strategy, FocusArea, Goal, Indicator, IndicatorValue;
* actions: Action, ActionUpdate, StatusTerm (the kommun's status terms);
* projects: FundingProgramme, Project, ProjectPartner, Partnership, PartnerTown,
  PartnershipFunding, PartnershipActivity, InternationalFund, FundAllocation,
  FundCall, FundApplication;
* reports: FollowUpRound, AnnualReport, ReportActivity, GoalAssessment,
  KommunGoalAssessment, YearEndReport (the memo).

Models the document does not read (memberships, imports, API tokens, report
events, reminders, target groups) are not watched: their changes keep the
preview.

Keys are global to the register (a change anywhere renders every kommun's
preview again on its next visit), which keeps the version one query;
another kommun's entry is never reachable, since the kommun is part of the key
and the view has checked the visitor may see it.
"""

from __future__ import annotations

import hashlib
import uuid
import zlib
from collections.abc import Callable
from dataclasses import astuple
from functools import cache as once
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Max, Model, Value
from django.utils import timezone, translation

from intkommun.models import Organisation
from reports.year_end.document import Memo

# A day at most: the date is part of the key, so older entries are never read.
TIMEOUT = 24 * 60 * 60
GENERATION_KEY = "ks-preview:generation"

WATCHED = (
    "intkommun.Organisation",
    "auth.User",
    "strategies.DocumentType",
    "strategies.Strategy",
    "strategies.FocusArea",
    "strategies.Goal",
    "strategies.Indicator",
    "strategies.IndicatorValue",
    "actions.Action",
    "actions.ActionUpdate",
    "actions.StatusTerm",
    "projects.FundingProgramme",
    "projects.Project",
    "projects.ProjectPartner",
    "projects.Partnership",
    "projects.PartnerTown",
    "projects.PartnershipFunding",
    "projects.PartnershipActivity",
    "projects.InternationalFund",
    "projects.FundAllocation",
    "projects.FundCall",
    "projects.FundApplication",
    "reports.FollowUpRound",
    "reports.AnnualReport",
    "reports.ReportActivity",
    "reports.GoalAssessment",
    "reports.KommunGoalAssessment",
    "reports.YearEndReport",
)

# What ``code_version`` reads: whatever a release changes in the document.
CODE_DIRECTORIES = (
    "templates",
    "locale",
    "intkommun",
    "actions",
    "projects",
    "strategies",
    "reports",
)
CODE_SUFFIXES = (".py", ".html", ".mo")


def _watched_models() -> list[type[Model]]:
    from django.apps import apps

    return [apps.get_model(label) for label in WATCHED]


def _history_model(model: type[Model]) -> type[Model]:
    manager = model._meta.simple_history_manager_attribute  # type: ignore[attr-defined]
    return getattr(model, manager).model


# --- the version -----------------------------------------------------------------


def history_version() -> str:
    """The newest history date and the number of history rows of each watched
    model, in one query."""
    sql, params = _history_version_sql()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return "|".join(str(row) for row in sorted(rows))


@once
def _history_version_sql() -> tuple[str, tuple]:
    """A union of one row per watched history table (its newest date and its row
    count), as the ORM compiles it: once per process, since building 28 querysets
    costs more than running them."""
    parts = [
        _history_model(model)
        .objects.order_by()
        .annotate(model_index=Value(index))
        .values("model_index")
        .annotate(newest=Max("history_date"), rows=Count("pk"))
        .values_list("model_index", "newest", "rows")
        for index, model in enumerate(_watched_models())
    ]
    return parts[0].union(*parts[1:], all=True).query.sql_with_params()


def _new_generation() -> str:
    return uuid.uuid4().hex


def data_version() -> str:
    """Changes whenever anything the document shows has changed."""
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, _new_generation(), timeout=None)
        generation = cache.get(GENERATION_KEY)
    return f"{generation}:{history_version()}"


@once
def code_version() -> str:
    """A digest of the templates, translations and code of this release (read
    once per process)."""
    digest = hashlib.sha256()
    base = Path(settings.BASE_DIR)
    for directory in CODE_DIRECTORIES:
        for path in sorted((base / directory).rglob("*")):
            if path.suffix in CODE_SUFFIXES and path.is_file():
                digest.update(str(path.relative_to(base)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def preview_key(kommun: Organisation, year: int, memo: Memo) -> str:
    """The cache key of the kommun's preview as it would be rendered now."""
    parts = (
        kommun.pk,
        year,
        translation.get_language(),
        timezone.localdate().isoformat(),
        repr(astuple(memo)),
        data_version(),
        code_version(),
    )
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()
    return f"ks-preview:{kommun.pk}:{year}:{digest}"


# --- the cache -------------------------------------------------------------------


def cached_preview(
    kommun: Organisation,
    year: int,
    saved: Memo,
    render: Callable[[], tuple[str, Memo]],
) -> tuple[str, Memo]:
    """The document's HTML and the memo it prints, from the cache if it holds
    them for everything as it is now, else ``render()``-ed and stored.

    ``saved`` is the memo as saved (``document.saved_memo``), which needs no
    data; the memo returned has its defaults written from the year's figures.
    """
    key = preview_key(kommun, year, saved)
    found = cache.get(key)
    if found is not None:
        compressed, memo = found
        return zlib.decompress(compressed).decode(), memo
    html, memo = render()
    # Compressed: the document is about 1.6 MB of repetitive HTML, a tenth of
    # that compressed, which the cache table writes and reads much faster.
    cache.set(key, (zlib.compress(html.encode(), 1), memo), timeout=TIMEOUT)
    return html, memo


def forget_all() -> None:
    """Make every cached preview unreachable (after changes that wrote no
    history)."""
    cache.set(GENERATION_KEY, _new_generation(), timeout=None)
