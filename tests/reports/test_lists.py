"""The follow-up lists: rounds, annual reports and KS reports filter, sort and
export exactly the rows shown, with a dated Swedish file name; another kommun's
rows never appear."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from reports import services
from reports.exports import REPORT_COLUMNS, ROUND_COLUMNS, YEAR_END_COLUMNS
from reports.models import AnnualReport, FollowUpRound, YearEndReport
from tests.factories import OrganisationFactory, member
from tests.spreadsheets import exported_rows

pytestmark = pytest.mark.django_db

Status = AnnualReport.Status


@pytest.fixture
def earlier_round(kommun, coordinator, forvaltning_a) -> FollowUpRound:
    follow_up_round = services.round_open(
        kommun=kommun,
        year=2016,
        deadline=datetime.date(2016, 11, 30),
        organisations=[forvaltning_a],
        by=coordinator,
        is_backfill=True,
    )
    follow_up_round.is_open = False
    follow_up_round.save()
    return follow_up_round


@pytest.fixture
def other_round(other_kommun) -> FollowUpRound:
    other_coordinator = member(other_kommun, "coordinator", "essunga_samordnare")
    hidden = OrganisationFactory(parent=other_kommun, name="Dold förvaltning")
    return services.round_open(
        kommun=other_kommun,
        year=2017,
        deadline=datetime.date(2017, 11, 30),
        organisations=[hidden],
        by=other_coordinator,
    )


def dated(stem: str) -> str:
    """The header of a file named after the list and today (RFC 6266 when not
    ASCII)."""
    name = f"{stem}-{timezone.localdate().isoformat()}.xlsx"
    if "%" in stem:
        return f"attachment; filename*=utf-8''{name}"
    return f'attachment; filename="{name}"'


def listed(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


# Rounds


def test_round_filter_narrows_and_sorts(
    coordinator_client, follow_up_round, earlier_round, other_round
):
    page = listed(coordinator_client.get(reverse("reports:round_list")))
    assert "Uppföljning 2017" in page and "Uppföljning 2016" in page
    assert "Essunga" not in page

    closed = listed(
        coordinator_client.get(reverse("reports:round_list"), {"state": "closed"})
    )
    assert "Uppföljning 2016" in closed and "Uppföljning 2017" not in closed
    by_year = listed(
        coordinator_client.get(reverse("reports:round_list"), {"year": 2017})
    )
    assert "Uppföljning 2017" in by_year and "Uppföljning 2016" not in by_year

    ascending = listed(
        coordinator_client.get(reverse("reports:round_list"), {"o": "year"})
    )
    assert ascending.index("Uppföljning 2016") < ascending.index("Uppföljning 2017")
    assert 'aria-sort="ascending"' in ascending
    descending = listed(
        coordinator_client.get(reverse("reports:round_list"), {"o": "-year"})
    )
    assert descending.index("Uppföljning 2017") < descending.index("Uppföljning 2016")


def test_round_export_has_the_filtered_rounds_and_their_report_counts(
    coordinator_client, follow_up_round, earlier_round, other_round, report_a
):
    AnnualReport.objects.filter(pk=report_a.pk).update(
        status=Status.SUBMITTED, submitted_at=timezone.now()
    )
    response = coordinator_client.get(
        reverse("reports:round_export"), {"state": "open"}
    )
    assert response["Content-Disposition"] == dated("uppf%C3%B6ljningsomg%C3%A5ngar")
    rows = exported_rows(response, ROUND_COLUMNS)
    assert len(rows) == 1
    (row,) = rows
    assert row["Year"].value == 2017
    assert row["Municipality"].value == "Skara kommun"
    assert row["Deadline"].value.date() == datetime.date(2017, 11, 30)
    assert row["Open"].value == "Ja"
    assert (row["Reports"].value, row["Draft"].value, row["Submitted"].value) == (
        2,
        1,
        1,
    )
    assert row["Approved"].value == 0


def test_the_round_list_says_what_to_do_when_empty(coordinator_client, reader_client):
    page = listed(coordinator_client.get(reverse("reports:round_list")))
    assert reverse("reports:round_create") in page
    filtered = listed(
        coordinator_client.get(reverse("reports:round_list"), {"year": 2001})
    )
    assert "Ingen uppföljningsomgång matchar filtret." in filtered
    assert reverse("reports:round_create") not in listed(
        reader_client.get(reverse("reports:round_list"))
    )


# Annual reports


def test_report_list_filters_by_status_organisation_and_year(
    coordinator_client, report_a, report_b, earlier_round, other_round, forvaltning_b
):
    AnnualReport.objects.filter(pk=report_b.pk).update(status=Status.RETURNED)
    url = reverse("reports:report_list")
    page = listed(coordinator_client.get(url))
    assert page.count(reverse("reports:report_detail", args=[report_a.pk])) == 1
    assert "Dold förvaltning" not in page
    assert "3 redovisningar" in page

    returned = listed(coordinator_client.get(url, {"status": "returned"}))
    assert "Samhällsbyggnadsförvaltningen</a>" in returned
    assert "Barn- och utbildningsförvaltningen</a>" not in returned
    by_organisation = listed(
        coordinator_client.get(url, {"organisation": forvaltning_b.pk})
    )
    assert "1 redovisning" in by_organisation
    assert "2 redovisningar" in listed(coordinator_client.get(url, {"year": 2017}))
    assert "1 redovisning" in listed(
        coordinator_client.get(url, {"round": earlier_round.pk})
    )


def test_report_list_sorts_by_organisation(coordinator_client, report_a, report_b):
    url = reverse("reports:report_list")
    up = listed(coordinator_client.get(url, {"o": "organisation"}))
    down = listed(coordinator_client.get(url, {"o": "-organisation"}))
    a, b = "Barn- och utbildningsförvaltningen</a>", "Samhällsbyggnadsförvaltningen</a>"
    assert up.index(a) < up.index(b)
    assert down.index(b) < down.index(a)
    assert 'aria-sort="descending"' in down


def test_a_reporter_lists_only_their_organisations_reports(
    reporter_a_client, report_a, report_b
):
    page = listed(reporter_a_client.get(reverse("reports:report_list")))
    assert reverse("reports:report_detail", args=[report_a.pk]) in page
    assert reverse("reports:report_detail", args=[report_b.pk]) not in page
    rows = exported_rows(
        reporter_a_client.get(reverse("reports:report_export")), REPORT_COLUMNS
    )
    assert [row["Organisation"].value for row in rows] == [
        "Barn- och utbildningsförvaltningen"
    ]


def test_report_export_has_the_filtered_reports(
    coordinator_client, report_a, report_b, other_round
):
    AnnualReport.objects.filter(pk=report_a.pk).update(
        status=Status.SUBMITTED,
        submitted_at=timezone.now(),
        results="=1+1 Utbyte med Polen",
    )
    response = coordinator_client.get(
        reverse("reports:report_export"), {"status": "submitted"}
    )
    assert response["Content-Disposition"] == dated("redovisningar")
    rows = exported_rows(response, REPORT_COLUMNS)
    assert len(rows) == 1
    assert rows[0]["Organisation"].value == "Barn- och utbildningsförvaltningen"
    assert rows[0]["Status"].value == "Inskickad"
    assert rows[0]["Results"].value == "=1+1 Utbyte med Polen"


def test_another_kommun_sees_none_of_the_reports(
    other_coordinator_client, report_a, report_b
):
    page = listed(other_coordinator_client.get(reverse("reports:report_list")))
    assert "Barn- och utbildningsförvaltningen" not in page
    rows = exported_rows(
        other_coordinator_client.get(reverse("reports:report_export")), REPORT_COLUMNS
    )
    assert rows == []


# KS reports


@pytest.fixture
def adopted_2016(kommun, coordinator) -> YearEndReport:
    report = YearEndReport(
        kommun=kommun,
        year=2016,
        status=YearEndReport.Status.ADOPTED,
        file="ks-rapporter/x/ks-2016.pdf",
        sha256="ab" * 32,
        page_count=14,
        ks_paragraph="§ 42",
        adopted_at=timezone.make_aware(datetime.datetime(2017, 3, 6, 10)),
    )
    YearEndReport.objects.bulk_create([report])  # no file to store in a test
    return YearEndReport.objects.get(kommun=kommun, year=2016)


def test_year_end_list_filters_by_status_and_year(
    coordinator_client, follow_up_round, adopted_2016, other_round
):
    url = reverse("reports:year_end_list")
    page = listed(coordinator_client.get(url))
    assert "Uppföljning 2017" in page and "Uppföljning 2016" in page
    assert "Essunga" not in page
    adopted = listed(coordinator_client.get(url, {"status": "adopted"}))
    assert "Uppföljning 2016" in adopted and "Uppföljning 2017" not in adopted
    missing = listed(coordinator_client.get(url, {"status": "not_generated"}))
    assert "Uppföljning 2017" in missing and "Uppföljning 2016" not in missing
    assert "Uppföljning 2016" not in listed(coordinator_client.get(url, {"year": 2017}))
    up = listed(coordinator_client.get(url, {"o": "year"}))
    assert up.index("Uppföljning 2016") < up.index("Uppföljning 2017")
    down = listed(coordinator_client.get(url))
    assert down.index("Uppföljning 2017") < down.index("Uppföljning 2016")


def test_year_end_export_has_status_adoption_pages_and_checksum(
    coordinator_client, follow_up_round, adopted_2016, other_round
):
    response = coordinator_client.get(
        reverse("reports:year_end_export"), {"status": "adopted"}
    )
    assert response["Content-Disposition"] == dated("ks-rapporter")
    rows = exported_rows(response, YEAR_END_COLUMNS)
    assert len(rows) == 1
    (row,) = rows
    assert row["Year"].value == 2016
    assert row["Status"].value == "Fastställd"
    assert row["Finalised on"].value.date() == datetime.date(2017, 3, 6)
    assert row["Pages"].value == 14
    assert row["SHA-256 checksum"].value == "ab" * 32
    everything = exported_rows(
        coordinator_client.get(reverse("reports:year_end_export")), YEAR_END_COLUMNS
    )
    assert [r["Year"].value for r in everything] == [2017, 2016]
    assert {r["Municipality"].value for r in everything} == {"Skara kommun"}


def test_a_bad_year_filter_is_an_error_not_a_crash(coordinator_client, follow_up_round):
    for name in ("reports:year_end_list", "reports:round_list", "reports:report_list"):
        page = listed(coordinator_client.get(reverse(name), {"year": "abc"}))
        assert re.search(r"invalid-feedback|is-invalid", page), name


def test_the_ks_list_and_export_never_read_the_stored_documents(
    coordinator_client, follow_up_round, adopted_2016
):
    """The stored document of a report is about 1.6 MB at scale 5; no row shows it."""
    YearEndReport.objects.filter(pk=adopted_2016.pk).update(
        document_html="<p>Dokumentet</p>" * 1000
    )
    for name in ("reports:year_end_list", "reports:year_end_export"):
        with CaptureQueriesContext(connection) as queries:
            assert coordinator_client.get(reverse(name)).status_code == 200
        read = [q["sql"] for q in queries if "reports_yearendreport" in q["sql"]]
        assert read, name
        assert not any('"document_html"' in sql for sql in read), name
