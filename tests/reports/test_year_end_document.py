"""The KS report as a document: its cover memo, the adopted document that never
changes, its print layout, the organisations' status, and a region as the top
organisation."""

from __future__ import annotations

import datetime
import html as html_lib
import re
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from actions.models import Action, StatusTerm
from actions.status_scale import STANDARD
from intkommun.models import Membership, Organisation
from projects.models import Project
from reports.models import KommunGoalAssessment, YearEndReport
from reports.year_end import document
from reports.year_end.data import year_end_data
from tests.factories import KommunFactory, OrganisationFactory, member
from tests.reports.conftest import YEAR, approved, make_project, submitted
from tests.reports.test_year_end_pdf import (  # noqa: F401 (the fixtures)
    _media,
    adopted,
    generated,
    memo_data,
    pdf_text,
    post,
    registry,
    url,
)

pytestmark = pytest.mark.django_db


def figures(year: int = YEAR, reported: int = 0, funding: int = 0, **by_status):
    """What ``default_summary`` reads of a year: no database needed."""
    current = SimpleNamespace(
        actions_by_status=by_status,
        organisations_reported=reported,
        figures=SimpleNamespace(external_funding_sek=Decimal(funding)),
    )
    return SimpleNamespace(year=year, current=current, status_scale=STANDARD)


# --- the summary's sentences -----------------------------------------------------


def test_the_summary_counts_every_action_once_by_status():
    data = figures(
        done=2, in_progress=12, planned=5, postponed=1, cancelled=1, reported=3
    )

    assert document.default_summary(data) == (
        "Under 2017 fanns 21 åtgärder i handlingsplanen: 2 genomförda, "
        "12 pågående, 5 planerade, 1 uppskjuten och 1 avbruten. "
        "3 organisationer redovisade sitt internationella arbete."
    )


def test_the_summary_speaks_of_one_action_in_the_singular_and_leaves_out_noughts():
    data = figures(done=1, in_progress=0, reported=1, funding=2812505)

    assert document.default_summary(data) == (
        "Under 2017 fanns 1 åtgärd i handlingsplanen: 1 genomförd. "
        "1 organisation redovisade sitt internationella arbete. "
        "Extern finansiering på 2\xa0812\xa0505\xa0kr beviljades."
    )


def test_the_summary_of_a_year_without_actions_says_so():
    assert document.default_summary(figures()) == (
        "Under 2017 fanns ingen åtgärd i handlingsplanen."
    )


# --- who writes to whom, and when -------------------------------------------------


def test_the_memo_names_the_author_and_title_the_addressee_and_the_date(
    registry, kommun, coordinator, coordinator_client, post
):
    coordinator.username = "skara.konto7"
    coordinator.save()
    data = memo_data(
        addressee="Kommunfullmäktige",
        memo_date="2026-11-22",
        author_name="Anna Exempelperson",
        author_title="Internationell strateg",
    )

    post(coordinator_client, url("year_end_generate", kommun), data)

    report = YearEndReport.objects.get(kommun=kommun, year=YEAR)
    text = pdf_text(report.file.open("rb").read())
    assert "Anna Exempelperson, Internationell strateg" in text
    assert "Kommunfullmäktige" in text
    assert "22 november 2026" in text
    assert coordinator.username not in text


def test_the_memo_form_starts_from_the_name_and_the_last_title(
    registry, kommun, coordinator, coordinator_client
):
    YearEndReport.objects.create(
        kommun=kommun, year=YEAR - 1, author_title="Internationell strateg"
    )

    response = coordinator_client.get(url("year_end_preview", kommun))

    initial = response.context["memo_form"].initial
    assert initial["author_name"] == coordinator.get_full_name()
    assert initial["author_title"] == "Internationell strateg"
    assert initial["addressee"] == "Kommunstyrelsen"
    assert initial["proposed_decision"].startswith("Kommunstyrelsen godkänner")


def test_without_a_name_the_memo_prints_no_user_name(registry, kommun, coordinator):
    coordinator.first_name = coordinator.last_name = ""
    data = year_end_data(kommun, YEAR)

    memo = document.memo_for(None, data, coordinator)

    assert memo.author == ""
    assert memo.date == timezone.localdate()


def test_an_empty_addressee_is_the_executive_board_and_decides_the_proposal(
    registry, kommun
):
    data = year_end_data(kommun, YEAR)
    report = YearEndReport(kommun=kommun, year=YEAR, addressee="Kommunfullmäktige")

    assert document.memo_for(None, data, None).addressee == "Kommunstyrelsen"
    memo = document.memo_for(report, data, None)
    assert memo.proposed_decision.startswith("Kommunfullmäktige godkänner")


# --- adopted means frozen ----------------------------------------------------------


def words(html: str) -> list[str]:
    """The words a reader sees in the stored document (charts are drawn)."""
    html = re.sub(r"<svg.*?</svg>", " ", html, flags=re.DOTALL)
    return html_lib.unescape(re.sub(r"<[^>]*>", " ", html)).split()


def test_the_adopted_page_shows_the_document_the_pdf_was_made_from(
    adopted, kommun, reader_client
):
    pdf = re.sub(r"\s", "", pdf_text(adopted.file.open("rb").read()))

    missing = [word for word in words(adopted.document_html) if word not in pdf]

    assert words(adopted.document_html), "the document was stored"
    assert missing == []
    page = reader_client.get(url("year_end_preview", kommun)).content.decode()
    assert adopted.document_html in page


def test_changing_the_register_after_adoption_leaves_the_adopted_page_alone(
    adopted, kommun, reader_client, forvaltning_a
):
    Action.objects.filter(title="Vidareutveckla skolutbyten 0").update(
        title="Ett nytt namn efter beslutet"
    )
    make_project(
        forvaltning_a, title="Projekt efter beslutet", kind=Project.Kind.EU_PROJECT
    )

    page = reader_client.get(url("year_end_preview", kommun)).content.decode()

    assert "Vidareutveckla skolutbyten 0" in page
    assert "Ett nytt namn efter beslutet" not in page
    assert "Projekt efter beslutet" not in page
    assert "data" not in reader_client.get(url("year_end_preview", kommun)).context


def test_a_draft_without_a_generated_document_is_previewed_live(
    registry, kommun, coordinator_client
):
    response = coordinator_client.get(url("year_end_preview", kommun))

    assert "visar registrets uppgifter som de är nu" in response.text
    assert response.context["data"].year == YEAR


def assess_after_generation(kommun, goal) -> None:
    KommunGoalAssessment.objects.create(
        kommun=kommun,
        year=YEAR,
        goal=goal,
        assessment="achieved",
        comment="Bedömd efter genereringen.",
    )


def test_a_generated_draft_is_previewed_as_the_document_stored_with_its_pdf(
    generated, kommun, reader_client, goals
):
    assess_after_generation(kommun, goals[0])

    response = reader_client.get(url("year_end_preview", kommun))

    assert generated.document_html in response.text
    assert "Bedömd efter genereringen." not in response.text
    assert "visar utkastet som det genererades" in response.text
    assert 'href="?live=1"' in response.text
    assert "data" not in response.context  # nothing gathered


def test_a_generated_draft_can_still_be_previewed_with_todays_data(
    generated, kommun, reader_client, goals
):
    assess_after_generation(kommun, goals[0])

    response = reader_client.get(url("year_end_preview", kommun), {"live": "1"})

    assert "Bedömd efter genereringen." in response.text
    assert "visar registrets uppgifter som de är nu" in response.text
    assert "Visa det genererade utkastet" in response.text


def test_the_memo_form_of_a_generated_draft_holds_the_saved_memo(
    generated, kommun, coordinator_client
):
    response = coordinator_client.get(url("year_end_preview", kommun))

    initial = response.context["memo_form"].initial
    assert initial["summary"] == generated.summary
    assert initial["proposed_decision"] == generated.proposed_decision
    assert response.context["adopt_form"].initial["diary_number"] == (
        generated.diary_number
    )


def test_the_stored_preview_of_a_draft_takes_few_queries(
    generated, kommun, coordinator_client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(15):
        coordinator_client.get(url("year_end_preview", kommun))


def test_a_report_adopted_before_documents_were_kept_offers_only_the_pdf(
    adopted, kommun, reader_client
):
    YearEndReport.objects.filter(pk=adopted.pk).update(document_html="")

    page = reader_client.get(url("year_end_preview", kommun)).content.decode()

    assert "innan dokumentet sparades" in page
    assert url("year_end_download", kommun) in page
    assert "Vidareutveckla skolutbyten 0" not in page


def test_the_stored_document_of_an_adopted_report_cannot_be_changed(adopted):
    adopted.document_html = "<p>Något annat</p>"

    with pytest.raises(ValidationError):
        adopted.save()

    adopted.refresh_from_db()
    assert "Något annat" not in adopted.document_html


# --- a region -----------------------------------------------------------------------


@pytest.fixture
def region(db) -> Organisation:
    return KommunFactory(name="Region Exempelland", kind=Organisation.Kind.REGION)


@pytest.fixture
def region_coordinator(region):
    OrganisationFactory(parent=region, name="Regionens utvecklingsförvaltning")
    return member(region, Membership.Role.COORDINATOR, "regionsamordnare")


def test_a_region_is_a_top_organisation_like_a_kommun(region, kommun):
    assert region.kommun_id == region.pk
    assert region.is_kommun and region.is_region
    assert set(Organisation.objects.kommuner()) == {region, kommun}
    Membership(
        user=member(region, Membership.Role.READER, "x"),
        organisation=region,
        role=Membership.Role.COORDINATOR,
    ).clean()


def test_a_regions_coordinator_generates_a_memo_to_the_regional_board(
    region, region_coordinator, post
):
    from tests.conftest import client_for

    client = client_for(region_coordinator)

    post(client, url("year_end_generate", region), memo_data(proposed_decision=""))

    report = YearEndReport.objects.get(kommun=region, year=YEAR)
    text = pdf_text(report.file.open("rb").read())
    assert "Regionstyrelsen" in text
    assert "Regionstyrelsen godkänner uppföljningen" in text
    assert "Kommunstyrelsen" not in text


def test_a_region_and_a_kommun_never_see_each_others_reports(
    region, region_coordinator, kommun, coordinator_client
):
    from tests.conftest import client_for

    region_client = client_for(region_coordinator)

    assert region_client.get(url("year_end_preview", kommun)).status_code == 404
    assert coordinator_client.get(url("year_end_preview", region)).status_code == 404
    assert region_client.get(url("year_end_preview", region)).status_code == 200


# --- the organisations that reported -------------------------------------------------


def test_a_submitted_report_is_listed_apart_from_organisations_that_never_reported(
    registry, kommun, report_a, report_b, reporter_a, coordinator, forvaltning_b
):
    submitted(report_a, reporter_a)

    data = year_end_data(kommun, YEAR)

    assert data.awaiting_approval == [report_a]
    assert data.not_reported == [forvaltning_b]
    html = document.year_end_document_html(data, document.memo_for(None, data, None))
    awaiting, missing = html.split("Organisationer som inte redovisat")
    assert "Inskickade, ännu inte godkända" in awaiting
    assert "Barn- och utbildningsförvaltningen (inskickad" in awaiting
    assert "Barn- och utbildningsförvaltningen" not in missing
    assert "Samhällsbyggnadsförvaltningen" in missing


def test_an_approved_report_is_neither_awaiting_nor_missing(
    registry, kommun, report_a, reporter_a, coordinator
):
    approved(report_a, reporter_a, coordinator)

    data = year_end_data(kommun, YEAR)

    assert data.awaiting_approval == []
    assert [section.report for section in data.organisations] == [report_a]


# --- print layout ------------------------------------------------------------------


def test_amounts_print_in_whole_kronor_and_dates_in_one_piece(
    registry, kommun, forvaltning_a
):
    make_project(
        forvaltning_a,
        title="Ett stort projekt",
        kind=Project.Kind.EU_PROJECT,
        status=Project.Status.ONGOING,
        submitted_on=datetime.date(YEAR, 3, 1),
        starts_on=datetime.date(YEAR, 3, 1),
        ends_on=datetime.date(YEAR + 1, 12, 31),
        municipality_budget=Decimal("2812505.63"),
        eu_grant=Decimal("1968750.49"),
    )
    data = year_end_data(kommun, YEAR)

    html = document.year_end_document_html(data, document.memo_for(None, data, None))

    assert '<td class="num">2\xa0812\xa0506\xa0kr</td>' in html
    assert '<td class="num">1\xa0968\xa0750\xa0kr</td>' in html
    assert "505,63" not in html
    assert '<span class="date">2017-03-01</span>' in html
    assert '<td class="date">2017-03-01</td>' in html


# --- the kommun's own status words ---------------------------------------------------


def test_the_report_speaks_of_statuses_in_the_kommuns_own_words(
    registry, kommun, coordinator
):
    StatusTerm.objects.create(kommun=kommun, term="Klar", status="done", position=1)
    StatusTerm.objects.create(kommun=kommun, term="B", status="in_progress", position=2)
    data = year_end_data(kommun, YEAR)

    html = document.year_end_document_html(
        data, document.memo_for(None, data, coordinator)
    )

    assert "<td>Klar</td>" in html  # the action plan's table
    assert '<th scope="row">– Klar</th>' in html  # the key figures
    assert '<th scope="row">– Planerad</th>' in html  # a status without a term
    assert "1 åtgärd i handlingsplanen: 1 med status Klar." in html  # the summary
    assert "Genomförd" not in html
