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
* the kommun's *data version* (``data_version``), which changes whenever
  anything the document shows changes;
* the code version (``code_version``): a new release's templates, translations or
  code never show an old rendering.

The data version is a token per kommun in the same cache, with a generation
token for all of them, read together in one cache query: its cost does not
grow with the register or with the number of kommuner (it was once read from the
change history, whose row counts grew with every kommun's edits: 117 ms for one
table of a million rows). Every edit leaves history (django-simple-history:
saving, deleting, the removal and restore of a row, which save it, and changes
of the many-to-many relations the models track), so each new history row of a
watched model is a change to its kommun (``permissions.kommun_id_of``; a change
to a user, a shared document type, or a row whose kommun cannot be found any
more, is a change to every kommun). Deleting history rows (pruning) changes
what "as it stood on 31 December" reads, so it is a change to every kommun too.

A change made in a transaction gets its kommun a new token when the transaction
commits, once per kommun and transaction, so that no writer holds a cache row
locked while its transaction runs (an import would hold up every other edit in
its kommun). Until then the change is known only to its own transaction,
whose previews it keys apart (``_Uncommitted``); a rolled-back transaction
leaves no trace. A preview rendered from rows as they were before a commit is
stored under the version read before that commit, which the commit replaces:
it is never shown. Code that changes watched rows without writing history
(``QuerySet.update()``, ``bulk_create()``, a restore) must call ``forget_all``
or ``forget_kommun``.

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

A change in one kommun keeps every other kommun's preview; another kommun's
entry is never reachable, since the kommun is part of the key and the view has
checked the visitor may see it.

While someone looks at a kommun's preview, the task worker renders it again after
each change (``INTKOMMUN_KS_PREVIEW_REFRESH``, on with a task backend that runs
elsewhere): the preview shown in the hour after (``WATCH_SECONDS``) is kept per
kommun, year and language (``watch``), and a commit that gives the kommun a new
token queues one refresh (``refresh_ks_preview``) unless one is already queued
and not yet started. The next visit after the change then finds the preview
rendered instead of gathering the year in its request. A refresh that starts
after further changes renders them too, since it reads the version when it
starts; a change during its rendering queues the next.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
import zlib
from collections.abc import Callable
from dataclasses import astuple, dataclass, field
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Model
from django.db.models.signals import post_delete
from django.utils import timezone, translation
from simple_history.signals import post_create_historical_record

from intkommun.models import Organisation
from intkommun.permissions import kommun_id_of
from intkommun.release import code_version
from reports.models import YearEndReport
from reports.year_end import document
from reports.year_end.data import year_end_data
from reports.year_end.document import Memo

logger = logging.getLogger(__name__)

# A day at most: the date is part of the key, so older entries are never read.
TIMEOUT = 24 * 60 * 60
# How long after the last visit a kommun's preview is rendered again on a change.
WATCH_SECONDS = 60 * 60
GENERATION_KEY = "ks-preview:generation"
# Where a connection keeps its transaction's changes (``_Uncommitted``).
UNCOMMITTED_ATTRIBUTE = "intkommun_ks_preview_uncommitted"

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


def _watched_models() -> list[type[Model]]:
    from django.apps import apps

    return [apps.get_model(label) for label in WATCHED]


def _history_model(model: type[Model]) -> type[Model]:
    manager = model._meta.simple_history_manager_attribute  # type: ignore[attr-defined]
    return getattr(model, manager).model


# --- the version -----------------------------------------------------------------


def _version_key(kommun_id: int) -> str:
    return f"ks-preview:version:{kommun_id}"


def _new_token() -> str:
    return uuid.uuid4().hex


def data_version(kommun_id: int) -> str:
    """Changes whenever anything the kommun's document shows has changed."""
    keys = [GENERATION_KEY, _version_key(kommun_id)]
    found = cache.get_many(keys)
    tokens = []
    for key in keys:
        token = found.get(key)
        if token is None:
            cache.add(key, _new_token(), timeout=None)
            token = cache.get(key)
        tokens.append(token)
    uncommitted = _uncommitted()
    if uncommitted is not None:
        tokens += uncommitted.tokens_for(kommun_id)
    return ":".join(tokens)


def forget_kommun(kommun_id: int) -> None:
    """Make the kommun's kept previews unreachable."""
    cache.set(_version_key(kommun_id), _new_token(), timeout=None)


def forget_all() -> None:
    """Make every kept preview unreachable (after changes that wrote no
    history)."""
    cache.set(GENERATION_KEY, _new_token(), timeout=None)


def note_change(kommun_id: int | None) -> None:
    """Something the kommun's document shows has changed (None: something every
    kommun's shows): forgotten now, or when the transaction commits."""
    if not connection.in_atomic_block:
        _forget(kommun_id)
        return
    uncommitted = _uncommitted() or _Uncommitted.begin()
    uncommitted.tokens[kommun_id] = _new_token()


def _forget(kommun_id: int | None) -> None:
    if kommun_id is None:
        forget_all()
    else:
        forget_kommun(kommun_id)
        _queue_refresh(kommun_id)


@dataclass
class _Uncommitted:
    """The changes of the transaction under way on this connection: a token per
    kommun changed (None: every kommun), new with each change, so that a preview
    rendered inside the transaction is keyed apart from the committed one and
    from the one before the transaction's next change."""

    tokens: dict[int | None, str] = field(default_factory=dict)
    # The kommun of each object changed rows reach it through (kommun_id_of).
    known_kommuner: dict = field(default_factory=dict)

    @classmethod
    def begin(cls) -> _Uncommitted:
        uncommitted = cls()
        setattr(connection, UNCOMMITTED_ATTRIBUTE, uncommitted)
        transaction.on_commit(uncommitted.commit)
        return uncommitted

    def commit(self) -> None:
        for kommun_id in self.tokens:
            _forget(kommun_id)
        self.tokens.clear()

    def tokens_for(self, kommun_id: int) -> list[str]:
        return [self.tokens[key] for key in (None, kommun_id) if key in self.tokens]


def _uncommitted() -> _Uncommitted | None:
    """This connection's transaction's changes, if one is under way: none once
    its commit has run or a rollback (of the transaction or of the savepoint the
    first change was made in) has dropped it."""
    uncommitted = getattr(connection, UNCOMMITTED_ATTRIBUTE, None)
    if uncommitted is None or not connection.in_atomic_block:
        return None
    pending = (callback for _savepoints, callback, _robust in connection.run_on_commit)
    if uncommitted.commit not in pending:
        return None
    return uncommitted


# --- what changes the document ---------------------------------------------------


def _history_written(sender: type[Model], instance: Model, **kwargs: Any) -> None:
    uncommitted = _uncommitted()
    known = uncommitted.known_kommuner if uncommitted else None
    note_change(kommun_id_of(instance, known))


def _history_deleted(sender: type[Model], **kwargs: Any) -> None:
    note_change(None)


def connect() -> None:
    """Connect the signals (from ``ReportsConfig.ready``)."""
    for model in _watched_models():
        history_model = _history_model(model)
        uid = f"ks_preview_{model._meta.label}"
        post_create_historical_record.connect(
            _history_written, sender=history_model, dispatch_uid=uid
        )
        post_delete.connect(_history_deleted, sender=history_model, dispatch_uid=uid)


def preview_key(kommun: Organisation, year: int, memo: Memo) -> str:
    """The cache key of the kommun's preview as it would be rendered now."""
    parts = (
        kommun.pk,
        year,
        translation.get_language(),
        timezone.localdate().isoformat(),
        repr(astuple(memo)),
        data_version(kommun.pk),
        code_version(),
    )
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()
    return f"ks-preview:{kommun.pk}:{year}:{digest}"


# --- the cache -------------------------------------------------------------------


def live_preview(
    kommun: Organisation, year: int, report: YearEndReport | None, author: Any
) -> tuple[str, Memo]:
    """The kommun's draft document from today's data in the active language, and
    the memo it prints: kept (``cached_preview``), or gathered, rendered and kept.
    ``author`` stands as the memo's author while the report names nobody."""

    def render() -> tuple[str, Memo]:
        data = year_end_data(kommun, year)
        memo = document.memo_for(report, data, author)
        return document.preview_document_html(data, memo), memo

    saved = document.saved_memo(report, kommun, year, author)
    return cached_preview(kommun, year, saved, render)


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


# --- rendering again after a change ---------------------------------------------


def _watch_key(kommun_id: int) -> str:
    return f"ks-preview:watched:{kommun_id}"


def _pending_key(kommun_id: int) -> str:
    return f"ks-preview:refresh-pending:{kommun_id}"


def watch(kommun_id: int, year: int, author_id: int) -> None:
    """Someone has just looked at the kommun's preview of ``year`` in the active
    language, with ``author_id``'s name standing in as the memo's author (a
    visit, never a refresh: a preview nobody looks at is not kept fresh)."""
    if not settings.INTKOMMUN_KS_PREVIEW_REFRESH:
        return
    watched = watched_previews(kommun_id)
    watched[(year, translation.get_language())] = author_id
    cache.set(_watch_key(kommun_id), watched, timeout=WATCH_SECONDS)


def watched_previews(kommun_id: int) -> dict[tuple[int, str], int]:
    """(year, language) → the author of each preview of the kommun looked at
    within WATCH_SECONDS."""
    return cache.get(_watch_key(kommun_id)) or {}


def _queue_refresh(kommun_id: int) -> None:
    if not settings.INTKOMMUN_KS_PREVIEW_REFRESH or not watched_previews(kommun_id):
        return
    # One queued refresh per kommun: it deletes the flag when it starts.
    if not cache.add(_pending_key(kommun_id), True, timeout=WATCH_SECONDS):
        return
    from reports.year_end.tasks import refresh_ks_preview

    try:
        refresh_ks_preview.enqueue(kommun_id)
    except Exception:
        # The change is committed; without the refresh the next visit renders
        # the preview itself. Another change may queue one again.
        cache.delete(_pending_key(kommun_id))
        logger.exception(
            "Could not queue the KS preview's refresh (kommun %s)", kommun_id
        )


def refresh(kommun_id: int) -> int:
    """Render every watched preview of the kommun that is not kept for the data
    as it is now (in the task worker); returns how many were rendered."""
    from django.contrib.auth import get_user_model

    cache.delete(_pending_key(kommun_id))
    kommun = Organisation.objects.filter(pk=kommun_id).first()
    if kommun is None:
        return 0
    rendered = 0
    for (year, language), author_id in watched_previews(kommun_id).items():
        report = YearEndReport.objects.filter(kommun=kommun, year=year).first()
        if report is not None and report.is_adopted:
            continue  # an adopted report shows the document it was adopted as
        author = (report and report.generated_by) or (
            get_user_model().objects.filter(pk=author_id).first()
        )
        if author is None:
            continue
        with translation.override(language):
            saved = document.saved_memo(report, kommun, year, author)
            if cache.get(preview_key(kommun, year, saved)) is None:
                live_preview(kommun, year, report, author)
                rendered += 1
    return rendered
