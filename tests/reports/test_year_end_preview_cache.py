"""The KS report's live preview is rendered once and shown again from the shared
cache while nothing it shows has changed, and never shown out of date
(reports.year_end.preview_cache)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from actions.models import Action, ActionUpdate, StatusTerm
from intkommun import settings as project_settings
from intkommun.templatetags.intkommun_format import long_date
from projects.models import Project
from reports.models import YearEndReport
from reports.year_end import preview_cache, services, tasks
from reports.year_end.data import year_end_data
from strategies.models import DocumentType
from tests.reports.conftest import YEAR, approved, make_project
from tests.reports.test_year_end_pdf import (  # noqa: F401 (the fixtures)
    _media,
    adopted,
    generated,
    memo_data,
    post,
    registry,
)
from tests.strategy_factories import StrategyFactory

pytestmark = pytest.mark.django_db

# The year under way: what is changed today shows in its preview (a year that is
# over shows what stood on 31 December).
NOW = timezone.localdate().year


@pytest.fixture
def gathered(monkeypatch) -> mock.Mock:
    """Counts how often a preview gathers the year from the register."""
    spy = mock.Mock(wraps=year_end_data)
    monkeypatch.setattr(preview_cache, "year_end_data", spy)
    return spy


@pytest.fixture(params=["per test", "production"])
def any_cache(request, settings) -> str:
    """Each test in memory and with the production cache table."""
    if request.param == "production":
        settings.CACHES = project_settings.CACHES
    return request.param


def preview(client: Any, kommun: Any, year: int = NOW) -> str:
    response = client.get(reverse("reports:year_end_preview", args=[kommun.pk, year]))
    assert response.status_code == 200
    return response.content.decode()


def document_part(page: str) -> str:
    """The document in the page, without the forms and tokens around it."""
    start = page.index('<article class="ks-preview')
    return page[start : page.index("</article>", start)]


@pytest.fixture
def this_year(kommun, forvaltning_a) -> dict[str, Any]:
    """An action plan in force this year with one action, and a project running."""
    plan = StrategyFactory(
        kommun=kommun,
        title="Handlingsplan i år",
        adopted_on=datetime.date(NOW - 1, 12, 1),
        valid_from=datetime.date(NOW, 1, 1),
        valid_until=datetime.date(NOW, 12, 31),
    )
    action = Action.objects.create(
        plan=plan,
        title="Skolutbyte med Radviliskis",
        reference="1.1",
        starts_on=datetime.date(NOW, 1, 1),
        ends_on=datetime.date(NOW, 12, 31),
        status="in_progress",
    )
    project = make_project(
        forvaltning_a,
        title="Erasmus i skolan",
        kind=Project.Kind.EU_PROJECT,
        status=Project.Status.ONGOING,
        submitted_on=datetime.date(NOW - 1, 3, 1),
        decision_on=datetime.date(NOW - 1, 6, 1),
        starts_on=datetime.date(NOW, 1, 1),
        ends_on=datetime.date(NOW + 1, 6, 30),
        municipality_budget=Decimal("400000"),
        eu_grant=Decimal("300000"),
    )
    return {"plan": plan, "action": action, "project": project}


# --- kept ------------------------------------------------------------------------


def test_the_second_preview_does_not_gather_the_year_again(
    any_cache, this_year, kommun, coordinator_client, gathered
):
    first = preview(coordinator_client, kommun)
    second = preview(coordinator_client, kommun)

    assert gathered.call_count == 1
    assert "Skolutbyte med Radviliskis" in second
    assert document_part(second) == document_part(first)


def test_everyone_in_the_kommun_shares_the_kept_preview_of_a_saved_memo(
    this_year, kommun, coordinator, coordinator_client, reader_client, gathered
):
    services.year_end_save_memo(
        kommun=kommun,
        year=NOW,
        by=coordinator,
        diary_number="KS2026/1",
        summary="",
        proposed_decision="",
        author_name="Anna Samordnare",
    )
    preview(coordinator_client, kommun)
    page = preview(reader_client, kommun)

    assert gathered.call_count == 1
    assert "Anna Samordnare" in page


def test_a_visitors_name_stands_in_as_the_author_only_in_their_own_preview(
    this_year, kommun, coordinator, reader, coordinator_client, reader_client
):
    coordinator.first_name, coordinator.last_name = "Cecilia", "Samordnare"
    coordinator.save()
    reader.first_name, reader.last_name = "Rolf", "Läsare"
    reader.save()

    assert "Cecilia Samordnare" in preview(coordinator_client, kommun)
    page = preview(reader_client, kommun)
    assert "Rolf Läsare" in page
    assert "Cecilia Samordnare" not in page


# --- never out of date -----------------------------------------------------------


def test_an_actions_status_title_and_progress_show_on_the_next_preview(
    any_cache, this_year, kommun, coordinator, coordinator_client, gathered
):
    action = this_year["action"]
    assert "Pågående" in preview(coordinator_client, kommun)

    action.title = "Skolutbyte med Kaunas"
    action.status = "postponed"
    action.save()
    page = preview(coordinator_client, kommun)
    assert "Skolutbyte med Kaunas" in page
    assert "Uppskjuten" in page

    ActionUpdate.objects.create(
        action=action,
        occurred_on=datetime.date(NOW, 1, 2),
        text="Resan planerades om efter beslutet.",
    )
    assert "Resan planerades om efter beslutet." in preview(coordinator_client, kommun)
    assert gathered.call_count == 3


def test_removing_and_restoring_an_action_shows_on_the_next_preview(
    any_cache, this_year, kommun, coordinator, coordinator_client
):
    action = this_year["action"]
    assert "Skolutbyte med Radviliskis" in preview(coordinator_client, kommun)

    action.remove(by=coordinator)
    assert "Skolutbyte med Radviliskis" not in preview(coordinator_client, kommun)

    action.restore(by=coordinator)
    assert "Skolutbyte med Radviliskis" in preview(coordinator_client, kommun)


def test_a_project_change_shows_on_the_next_preview(
    this_year, kommun, coordinator_client
):
    project = this_year["project"]
    assert "Erasmus i skolan" in preview(coordinator_client, kommun)

    project.title = "Erasmus+ i grundskolan"
    project.save()

    assert "Erasmus+ i grundskolan" in preview(coordinator_client, kommun)


def test_the_kommuns_status_terms_show_on_the_next_preview(
    any_cache, this_year, kommun, coordinator_client
):
    assert "Pågående" in preview(coordinator_client, kommun)

    StatusTerm.objects.create(kommun=kommun, term="Gul", status="in_progress")

    assert "Gul" in preview(coordinator_client, kommun)


def test_the_saved_memo_shows_on_the_next_preview(
    any_cache, this_year, kommun, coordinator, coordinator_client
):
    preview(coordinator_client, kommun)

    services.year_end_save_memo(
        kommun=kommun,
        year=NOW,
        by=coordinator,
        diary_number="KS2026/0042",
        summary="Ett år med många nya utbyten.",
        proposed_decision="",
    )
    page = preview(coordinator_client, kommun)

    assert "KS2026/0042" in page
    assert "Ett år med många nya utbyten." in page


def test_an_approved_annual_report_shows_on_the_next_preview(
    any_cache, registry, kommun, report_b, reporter_b, coordinator, coordinator_client
):
    page = preview(coordinator_client, kommun, YEAR)
    # Förvaltning B is listed among those that did not report.
    assert page.count("Samhällsbyggnadsförvaltningen") == 1

    approved(report_b, reporter_b, coordinator)

    page = preview(coordinator_client, kommun, YEAR)
    assert page.count("Samhällsbyggnadsförvaltningen") > 1


def test_the_kommuns_name_shows_on_the_next_preview(
    this_year, kommun, coordinator_client
):
    assert "Skara kommun" in preview(coordinator_client, kommun)

    kommun.name = "Skara kommun (ny)"
    kommun.save()

    assert "Skara kommun (ny)" in preview(coordinator_client, kommun)


def test_pruned_history_and_forget_all_give_a_new_version(this_year, kommun):
    version = preview_cache.data_version(kommun.pk)
    assert preview_cache.data_version(kommun.pk) == version

    this_year["action"].history.order_by("history_date").first().delete()
    pruned = preview_cache.data_version(kommun.pk)
    assert pruned != version

    preview_cache.forget_all()
    assert preview_cache.data_version(kommun.pk) != pruned


def test_a_change_in_another_kommun_keeps_the_kept_preview(
    any_cache, this_year, kommun, other_kommun, coordinator_client, gathered
):
    preview(coordinator_client, kommun)
    StrategyFactory(kommun=other_kommun, title="Essungas handlingsplan")
    other_kommun.name = "Essunga kommun (ny)"
    other_kommun.save()

    preview(coordinator_client, kommun)
    assert gathered.call_count == 1

    this_year["action"].title = "Skolutbyte med Kaunas"
    this_year["action"].save()
    assert "Skolutbyte med Kaunas" in preview(coordinator_client, kommun)
    assert gathered.call_count == 2


def test_a_change_to_a_person_or_a_shared_document_type_renders_every_kommun_again(
    this_year, kommun, other_kommun, coordinator
):
    before = {pk: preview_cache.data_version(pk) for pk in (kommun.pk, other_kommun.pk)}

    coordinator.first_name = "Cecilia"
    coordinator.save()

    for pk, version in before.items():
        assert preview_cache.data_version(pk) != version


def test_the_version_is_one_cache_read_that_never_counts_the_history(
    settings, this_year, kommun, django_assert_num_queries
):
    settings.CACHES = project_settings.CACHES
    preview_cache.data_version(kommun.pk)  # the tokens are made on first read

    with django_assert_num_queries(1) as captured:
        preview_cache.data_version(kommun.pk)

    assert "historical" not in captured.captured_queries[0]["sql"]


@pytest.fixture
def default_types(transactional_db) -> None:
    """The document types the data migration made, gone after an earlier test
    that committed (the database is emptied after each such test)."""
    DocumentType.objects.ensure_defaults()


@pytest.mark.django_db(transaction=True)
def test_a_change_reaches_other_sessions_when_its_transaction_commits(
    default_types, this_year, kommun
):
    committed = preview_cache.data_version(kommun.pk)
    action = this_year["action"]

    with transaction.atomic():
        action.title = "Skolutbyte med Kaunas"
        action.save()
        # Inside the transaction its own previews are keyed apart...
        assert preview_cache.data_version(kommun.pk) != committed
        # ...while what other sessions read is unchanged until the commit.
        assert cache.get(preview_cache._version_key(kommun.pk)) in committed

    assert preview_cache.data_version(kommun.pk) != committed


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_change_leaves_the_version_and_the_next_commit_counts(
    default_types, this_year, kommun
):
    committed = preview_cache.data_version(kommun.pk)
    action = this_year["action"]

    with pytest.raises(RuntimeError), transaction.atomic():
        action.title = "Aldrig sparad"
        action.save()
        raise RuntimeError
    assert preview_cache.data_version(kommun.pk) == committed

    with transaction.atomic():
        action.refresh_from_db()
        action.title = "Skolutbyte med Kaunas"
        action.save()
    assert preview_cache.data_version(kommun.pk) != committed


@pytest.mark.django_db(transaction=True)
def test_a_preview_gathered_while_a_change_commits_is_not_kept(
    default_types, this_year, kommun, coordinator_client, monkeypatch
):
    """Another session commits a change after this preview read the register:
    the preview shows the register as it read it, and the next one the change."""
    action = this_year["action"]

    def gather_then_another_session_commits(*args):
        data = year_end_data(*args)
        if action.title == "Skolutbyte med Radviliskis":
            action.title = "Skolutbyte med Kaunas"
            action.save()
        return data

    monkeypatch.setattr(
        preview_cache, "year_end_data", gather_then_another_session_commits
    )

    assert "Skolutbyte med Radviliskis" in preview(coordinator_client, kommun)
    page = preview(coordinator_client, kommun)
    assert "Skolutbyte med Kaunas" in page
    assert "Skolutbyte med Radviliskis" not in page


def test_another_language_gets_its_own_preview(
    this_year, kommun, coordinator_client, gathered
):
    swedish = preview(coordinator_client, kommun)
    set_language(coordinator_client, "en")
    english = preview(coordinator_client, kommun)
    set_language(coordinator_client, "sv")

    assert "Sammanfattning och nyckeltal" in swedish
    assert "Summary and key figures" in english
    assert "Sammanfattning och nyckeltal" not in english
    assert document_part(preview(coordinator_client, kommun)) == document_part(swedish)
    assert gathered.call_count == 2


def set_language(client: Any, language: str) -> None:
    response = client.post(reverse("set_language"), {"language": language})
    assert response.status_code == 302


def test_a_new_day_renders_the_preview_again(
    this_year, kommun, coordinator_client, gathered, monkeypatch
):
    today = timezone.localdate()
    assert long_date(today) in document_part(preview(coordinator_client, kommun))
    tomorrow = today + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)

    page = document_part(preview(coordinator_client, kommun))

    assert gathered.call_count == 2
    assert long_date(tomorrow) in page  # the memo's date
    assert long_date(today) not in page


# --- what the cache never changes ------------------------------------------------


def test_an_adopted_report_shows_its_adopted_document_not_a_kept_preview(
    adopted, kommun, coordinator_client, gathered
):
    YearEndReport.objects.filter(pk=adopted.pk).update(
        document_html="<p>Det antagna dokumentet.</p>"
    )
    page = preview(coordinator_client, kommun, YEAR)

    assert "Det antagna dokumentet." in page
    assert gathered.call_count == 0


def test_a_live_preview_of_a_generated_draft_is_kept_too(
    generated, kommun, coordinator_client, gathered
):
    path = reverse("reports:year_end_preview", args=[kommun.pk, YEAR])
    live = coordinator_client.get(f"{path}?live=1").content.decode()
    again = coordinator_client.get(f"{path}?live=1").content.decode()

    assert gathered.call_count == 1
    assert "Vidareutveckla skolutbyten 0" in live
    assert document_part(again) == document_part(live)


def test_another_kommuns_kept_preview_never_shows(
    any_cache,
    this_year,
    kommun,
    other_kommun,
    coordinator_client,
    other_coordinator_client,
):
    preview(coordinator_client, kommun)

    response = other_coordinator_client.get(
        reverse("reports:year_end_preview", args=[kommun.pk, NOW])
    )
    assert response.status_code == 404
    page = preview(other_coordinator_client, other_kommun)
    assert "Essunga kommun" in page
    assert "Skolutbyte med Radviliskis" not in page


# --- rendered again in the task worker after a change ----------------------------


@pytest.fixture
def refreshing(settings) -> None:
    """Refreshes on, as with the database task backend; the tests' immediate
    backend runs each queued refresh at once."""
    settings.INTKOMMUN_KS_PREVIEW_REFRESH = True


def rename(action: Action, title: str) -> None:
    with transaction.atomic():
        action.title = title
        action.save()


@pytest.mark.django_db(transaction=True)
def test_a_watched_preview_is_rendered_again_when_a_change_commits(
    default_types, refreshing, this_year, kommun, coordinator_client, gathered
):
    preview(coordinator_client, kommun)
    assert gathered.call_count == 1

    rename(this_year["action"], "Skolutbyte med Kaunas")
    assert gathered.call_count == 2  # by the refresh, not by a visit

    page = preview(coordinator_client, kommun)
    assert gathered.call_count == 2
    assert "Skolutbyte med Kaunas" in page
    assert "Skolutbyte med Radviliskis" not in page


def test_a_refresh_is_not_a_visit(
    refreshing, this_year, kommun, coordinator, monkeypatch
):
    """Only visits keep a preview watched: one nobody looks at any more stops
    being rendered an hour after the last visit, however often the kommun changes."""
    preview_cache.watch(kommun.pk, NOW, coordinator.pk)
    visits = mock.Mock(wraps=preview_cache.watch)
    monkeypatch.setattr(preview_cache, "watch", visits)
    assert preview_cache.refresh(kommun.pk) == 1
    assert visits.call_count == 0


@pytest.mark.django_db(transaction=True)
def test_no_refresh_without_the_setting_or_a_recent_visit(
    default_types, this_year, kommun, other_kommun, coordinator_client, gathered
):
    preview(coordinator_client, kommun)
    rename(this_year["action"], "Skolutbyte med Kaunas")
    assert gathered.call_count == 1  # the immediate backend: refreshes are off
    assert preview_cache.watched_previews(kommun.pk) == {}

    with override_settings(INTKOMMUN_KS_PREVIEW_REFRESH=True):
        rename(this_year["action"], "Skolutbyte med Vilnius")
        assert gathered.call_count == 1  # nobody has looked since the setting


@pytest.mark.django_db(transaction=True)
def test_a_change_in_another_kommun_renders_nothing_again(
    default_types,
    refreshing,
    this_year,
    kommun,
    other_kommun,
    coordinator_client,
    gathered,
):
    preview(coordinator_client, kommun)
    plan = StrategyFactory(kommun=other_kommun, title="Grannens plan")
    rename(Action.objects.create(plan=plan, title="Grannens åtgärd"), "Ändrad")
    assert gathered.call_count == 1
    preview(coordinator_client, kommun)
    assert gathered.call_count == 1


@pytest.mark.django_db(transaction=True)
def test_one_refresh_is_queued_until_it_starts(
    default_types, refreshing, this_year, kommun, coordinator_client, monkeypatch
):
    task = mock.Mock()
    monkeypatch.setattr(tasks, "refresh_ks_preview", task)
    queued = task.enqueue
    preview(coordinator_client, kommun)

    rename(this_year["action"], "Skolutbyte med Kaunas")
    rename(this_year["action"], "Skolutbyte med Vilnius")
    assert queued.call_args_list == [mock.call(kommun.pk)]

    assert preview_cache.refresh(kommun.pk) == 1  # the queued task starts
    assert "Skolutbyte med Vilnius" in preview(coordinator_client, kommun)
    rename(this_year["action"], "Skolutbyte med Riga")
    assert queued.call_count == 2


def test_a_refresh_skips_an_adopted_report_and_a_removed_author(
    refreshing, adopted, kommun, coordinator, coordinator_client, gathered
):
    preview_cache.watch(kommun.pk, adopted.year, coordinator.pk)
    preview_cache.watch(kommun.pk, NOW, coordinator.pk + 1000)
    assert preview_cache.refresh(kommun.pk) == 0
    assert gathered.call_count == 0


@pytest.mark.django_db(transaction=True)
def test_a_refresh_that_cannot_be_queued_loses_no_change(
    default_types,
    refreshing,
    this_year,
    kommun,
    coordinator_client,
    monkeypatch,
    caplog,
):
    task = mock.Mock()
    task.enqueue.side_effect = [RuntimeError("kön är nere"), None]
    monkeypatch.setattr(tasks, "refresh_ks_preview", task)
    preview(coordinator_client, kommun)

    rename(this_year["action"], "Skolutbyte med Kaunas")

    assert Action.objects.get(pk=this_year["action"].pk).title == (
        "Skolutbyte med Kaunas"
    )
    assert "Could not queue the KS preview's refresh" in caplog.text
    assert "Skolutbyte med Kaunas" in preview(coordinator_client, kommun)
    rename(this_year["action"], "Skolutbyte med Vilnius")
    assert task.enqueue.call_count == 2  # the next change queues one again
