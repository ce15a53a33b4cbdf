"""The KS report as a file: an archival, tagged PDF that coordinators generate and
adopt, and that readers download byte-identical once adopted."""

from __future__ import annotations

import datetime
import hashlib
import io
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from pypdf import PdfReader

from reports.models import YearEndReport
from reports.year_end import document, services
from reports.year_end.pdf import render_pdf
from tests.reports.conftest import YEAR, approved
from tests.reports.test_year_end import build_registry
from tests.versions import loaded_version

pytestmark = pytest.mark.django_db

DIARY_NUMBER = "KS2018/0042"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def post(django_capture_on_commit_callbacks):
    """POST as the browser does, then commit: the task is queued only on commit."""

    def post(client: Any, path: str, data: Any = None) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(path, data or {})

    return post


@pytest.fixture
def registry(plan, goals, forvaltning_a, kommun, report_a, reporter_a, coordinator):
    built = build_registry(plan=plan, goals=goals, owner=forvaltning_a, kommun=kommun)
    approved(report_a, reporter_a, coordinator)
    return built


def url(name: str, kommun: Any, year: int = YEAR) -> str:
    return reverse(f"reports:{name}", args=[kommun.pk, year])


def memo_data(**overrides: Any) -> dict[str, str]:
    data = {
        "diary_number": DIARY_NUMBER,
        "summary": "Ett år med många utbyten.",
        "proposed_decision": "Kommunstyrelsen godkänner uppföljningen.",
    }
    return data | overrides


def pdf_text(content: bytes) -> str:
    """The text of every page, with words hyphenated at a line end joined again."""
    reader = PdfReader(io.BytesIO(content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return text.replace("\u2010\n", "")


@pytest.fixture
def generated(registry, kommun, coordinator_client, post) -> YearEndReport:
    response = post(coordinator_client, url("year_end_generate", kommun), memo_data())
    assert response.status_code == 302
    return YearEndReport.objects.get(kommun=kommun, year=YEAR)


@pytest.fixture
def adopted(generated, coordinator_client, kommun) -> YearEndReport:
    coordinator_client.post(
        url("year_end_adopt", kommun),
        {"ks_paragraph": "§ 42", "diary_number": DIARY_NUMBER},
    )
    generated.refresh_from_db()
    return generated


# --- the PDF itself --------------------------------------------------------------


def test_render_pdf_writes_a_tagged_pdf_a_with_title_author_and_language():
    content = render_pdf(
        "<html><body><h1>Rubrik</h1><p>Text</p></body></html>",
        base_url=".",
        title="Uppföljning 2017",
        author="Skara kommun",
    )

    reader = PdfReader(io.BytesIO(content))
    root = reader.trailer["/Root"]
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert 'pdfaid:part="3"' in xmp
    assert 'pdfaid:conformance="A"' in xmp
    assert reader.metadata.title == "Uppföljning 2017"
    assert reader.metadata.author == "Skara kommun"
    assert root["/Lang"] == "sv"
    assert "/StructTreeRoot" in root
    assert "/OutputIntents" in root


def test_generated_report_holds_every_section_and_the_memo(generated):
    content = generated.file.open("rb").read()

    text = pdf_text(content)
    assert DIARY_NUMBER in text
    assert "Ett år med många utbyten." in text
    assert "Vidareutveckla skolutbyten 0" in text
    assert "Elevutbyte 0" in text
    assert "Nordiskt vänortssamarbete" in text
    assert "Barn- och utbildningsförvaltningen" in text
    assert "Samhällsbyggnadsförvaltningen" in text  # did not report
    reader = PdfReader(io.BytesIO(content))
    assert reader.metadata.title.endswith("Skara kommun")
    assert reader.trailer["/Root"]["/Lang"] == "sv"
    assert generated.page_count == len(reader.pages)


def test_generating_stores_the_file_with_its_checksum(generated, coordinator):
    content = generated.file.open("rb").read()

    assert generated.sha256 == hashlib.sha256(content).hexdigest()
    assert generated.status == YearEndReport.Status.DRAFT
    assert generated.generated_by == coordinator
    assert generated.diary_number == DIARY_NUMBER


def test_a_draft_can_be_regenerated_with_a_new_memo(
    generated, coordinator_client, post
):
    post(
        coordinator_client,
        url("year_end_generate", generated.kommun),
        memo_data(summary="En ny sammanfattning.") | loaded_version(generated),
    )

    generated.refresh_from_db()
    assert "En ny sammanfattning." in pdf_text(generated.file.open("rb").read())
    assert YearEndReport.objects.count() == 1


# --- who may do what -------------------------------------------------------------


def test_readers_see_the_preview_with_the_data(registry, kommun, reader_client):
    response = reader_client.get(url("year_end_preview", kommun))

    assert response.status_code == 200
    assert "Vidareutveckla skolutbyten 0" in response.content.decode()
    assert response.context["data"].year == YEAR


def test_coordinators_get_the_memo_form_with_the_default_decision(
    registry, kommun, coordinator_client
):
    response = coordinator_client.get(url("year_end_preview", kommun))

    assert response.status_code == 200
    initial = response.context["memo_form"].initial
    assert initial["proposed_decision"] == document.default_proposed_decision(YEAR)
    assert response.context["is_coordinator"]


def test_reporters_read_the_preview_like_everyone_in_the_kommun(
    kommun, reporter_a_client
):
    response = reporter_a_client.get(url("year_end_preview", kommun))
    assert response.status_code == 200
    assert not response.context["is_coordinator"]


def test_another_kommuns_coordinator_gets_not_found(kommun, other_coordinator_client):
    client = other_coordinator_client
    assert client.get(url("year_end_preview", kommun)).status_code == 404
    assert client.post(url("year_end_generate", kommun), memo_data()).status_code == 404


@pytest.mark.parametrize("persona", ["reader_client", "reporter_a_client"])
def test_only_coordinators_generate(registry, kommun, persona, request):
    client = request.getfixturevalue(persona)

    response = client.post(url("year_end_generate", kommun), memo_data())

    assert response.status_code == 403
    assert not YearEndReport.objects.exists()


def test_only_coordinators_adopt(generated, kommun, reader_client):
    response = reader_client.post(
        url("year_end_adopt", kommun), {"ks_paragraph": "§ 1", "diary_number": "X"}
    )

    assert response.status_code == 403
    generated.refresh_from_db()
    assert not generated.is_adopted


def test_readers_cannot_download_a_draft(generated, kommun, reader_client):
    assert reader_client.get(url("year_end_download", kommun)).status_code == 403


def test_the_service_refuses_a_reader(registry, kommun, reader):
    with pytest.raises(PermissionDenied):
        services.year_end_generate(kommun=kommun, year=YEAR, by=reader)


# --- adopted reports never change ------------------------------------------------


def test_adopting_records_the_decision(adopted, coordinator):
    assert adopted.is_adopted
    assert adopted.ks_paragraph == "§ 42"
    assert adopted.diary_number == DIARY_NUMBER
    assert adopted.adopted_by == coordinator
    assert adopted.adopted_at is not None


def test_an_adopted_report_is_byte_identical_on_every_download(
    adopted, kommun, reader_client, coordinator_client
):
    first = b"".join(reader_client.get(url("year_end_download", kommun)))
    second = b"".join(coordinator_client.get(url("year_end_download", kommun)))

    assert first == second
    assert hashlib.sha256(first).hexdigest() == adopted.sha256


def test_readers_see_the_checksum_of_an_adopted_report(adopted, kommun, reader_client):
    response = reader_client.get(url("year_end_preview", kommun))

    assert adopted.sha256 in response.content.decode()


def test_an_adopted_report_cannot_be_regenerated(
    adopted, kommun, coordinator_client, post
):
    name, checksum = adopted.file.name, adopted.sha256

    post(coordinator_client, url("year_end_generate", kommun), memo_data())

    adopted.refresh_from_db()
    assert (adopted.file.name, adopted.sha256) == (name, checksum)
    assert adopted.file.storage.exists(name)
    with pytest.raises(services.YearEndRefused):
        services.year_end_generate(kommun=kommun, year=YEAR, by=adopted.adopted_by)


def test_an_adopted_report_cannot_be_adopted_again(adopted, coordinator):
    with pytest.raises(services.YearEndRefused):
        services.year_end_adopt(
            report=adopted, paragraph="§ 99", diary_number="", by=coordinator
        )


def test_an_adopted_report_cannot_be_deleted(adopted):
    with pytest.raises(ValidationError):
        adopted.delete()

    assert YearEndReport.objects.filter(pk=adopted.pk).exists()


def test_a_report_must_be_generated_before_it_is_adopted(registry, kommun, coordinator):
    report = services.year_end_save_memo(
        kommun=kommun,
        year=YEAR,
        by=coordinator,
        diary_number=DIARY_NUMBER,
        summary="",
        proposed_decision="",
    )

    with pytest.raises(services.YearEndRefused):
        services.year_end_adopt(
            report=report, paragraph="§ 1", diary_number="", by=coordinator
        )


# --- the command -----------------------------------------------------------------


def test_command_writes_the_pdf(registry, kommun, tmp_path):
    output = tmp_path / "ks.pdf"

    call_command(
        "generate_year_end_report",
        kommun="Skara kommun",
        year=YEAR,
        output=str(output),
        stdout=io.StringIO(),
    )

    reader = PdfReader(output)
    assert reader.trailer["/Root"]["/Lang"] == "sv"
    assert "Vidareutveckla skolutbyten 0" in pdf_text(output.read_bytes())


def test_the_reports_page_lists_each_year_with_status_and_checksum(
    adopted, reader_client, other_coordinator_client
):
    from django.urls import reverse

    response = reader_client.get(reverse("reports:year_end_list"))
    [row] = [r for r in response.context["rows"] if r["year"] == YEAR]
    assert row["report"] == adopted
    assert adopted.sha256 in response.content.decode()
    others = other_coordinator_client.get(reverse("reports:year_end_list"))
    assert all(r["report"] != adopted for r in others.context["rows"])


def test_generating_hands_the_pdf_to_the_task_worker_and_the_page_shows_progress(
    registry, kommun, coordinator, coordinator_client, settings, post
):
    # The dummy backend keeps the task instead of running it, like a busy worker.
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}
    }
    from django_tasks import default_task_backend

    response = post(coordinator_client, url("year_end_generate", kommun), memo_data())
    assert response.status_code == 302
    report = YearEndReport.objects.get()
    assert report.is_generating
    assert not report.has_file
    [queued] = default_task_backend.results
    assert list(queued.args) == [kommun.pk, YEAR, coordinator.pk]

    page = coordinator_client.get(url("year_end_preview", kommun))
    assert 'hx-get="' + url("year_end_status", kommun) in page.content.decode()
    assert coordinator_client.get(url("year_end_status", kommun)).status_code == 200

    queued.task.call(*queued.args)
    done = coordinator_client.get(url("year_end_status", kommun))
    assert done.status_code == 204
    assert done["HX-Refresh"] == "true"
    report.refresh_from_db()
    assert report.has_file and not report.is_generating


def test_the_task_is_queued_only_once_the_request_has_committed(
    registry, kommun, coordinator_client, settings, django_capture_on_commit_callbacks
):
    # A worker must never pick up a task whose memo and request time are not
    # saved yet, nor one of a request that was rolled back.
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}
    }
    from django_tasks import default_task_backend

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        coordinator_client.post(url("year_end_generate", kommun), memo_data())
        assert default_task_backend.results == []
    assert len(callbacks) == 1

    callbacks[0]()
    assert len(default_task_backend.results) == 1


def test_the_cover_carries_the_kommuns_logo(registry, kommun, settings, tmp_path):
    from django.core.files.base import ContentFile
    from PIL import Image

    from reports.year_end.data import year_end_data

    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    Image.new("RGB", (60, 30), (23, 54, 93)).save(buffer, format="PNG")
    kommun.logo.save("skara.png", ContentFile(buffer.getvalue()))
    data = year_end_data(kommun, YEAR)
    memo = document.memo_for(None, data, None)
    assert document.document_context(data, memo)["logo"].startswith(
        "data:image/png;base64,"
    )
    assert 'class="cover-logo"' in document.year_end_html(data, memo)
    pdf = PdfReader(io.BytesIO(document.year_end_pdf(data, memo).content))
    assert len(pdf.pages[0].images) == 1


# --- a generation that fails -----------------------------------------------------


@pytest.fixture
def failing_renderer(monkeypatch):
    def explode(*args: Any, **kwargs: Any):
        raise RuntimeError("/srv/intkommun/fonts: no space left on device")

    monkeypatch.setattr(services, "pdf_of_document", explode)


@pytest.fixture
def failed(
    registry, kommun, coordinator_client, failing_renderer, post
) -> YearEndReport:
    response = post(coordinator_client, url("year_end_generate", kommun), memo_data())
    assert response.status_code == 302
    return YearEndReport.objects.get(kommun=kommun, year=YEAR)


def test_a_generation_that_raises_is_marked_failed_with_the_reason_in_swedish(
    failed, kommun, coordinator_client
):
    assert failed.generation_has_failed and not failed.is_generating
    assert not failed.has_file
    assert "oväntat fel (RuntimeError)" in failed.generation_failure
    assert "/srv" not in failed.generation_failure  # no server paths on the page
    assert failed.summary == memo_data()["summary"]  # the memo is kept

    page = coordinator_client.get(url("year_end_preview", kommun)).content.decode()
    assert "PDF-filen kunde inte tas fram" in page
    assert failed.generation_failure in page
    assert url("year_end_retry", kommun) in page
    assert "Försök igen" in page
    assert 'hx-get="' + url("year_end_status", kommun) not in page


def test_the_progress_poll_reloads_the_page_once_the_generation_failed(
    failed, kommun, coordinator_client
):
    response = coordinator_client.get(url("year_end_status", kommun))
    assert response.status_code == 204
    assert response["HX-Refresh"] == "true"


def test_trying_again_generates_the_pdf_with_the_saved_memo(
    failed, kommun, coordinator_client, monkeypatch, post
):
    monkeypatch.undo()
    response = post(coordinator_client, url("year_end_retry", kommun))
    assert response.status_code == 302
    failed.refresh_from_db()
    assert failed.has_file and not failed.generation_has_failed
    assert "Ett år med många utbyten." in pdf_text(failed.file.read())
    page = coordinator_client.get(url("year_end_preview", kommun)).content.decode()
    assert url("year_end_retry", kommun) not in page


def test_trying_again_that_fails_again_shows_the_reason(
    failed, kommun, coordinator_client, post
):
    post(coordinator_client, url("year_end_retry", kommun))
    failed.refresh_from_db()
    assert failed.generation_has_failed
    page = coordinator_client.get(url("year_end_preview", kommun)).content.decode()
    assert failed.generation_failure in page


def test_readers_see_the_failure_but_cannot_try_again(failed, kommun, reader_client):
    page = reader_client.get(url("year_end_preview", kommun)).content.decode()
    assert failed.generation_failure in page
    assert url("year_end_retry", kommun) not in page
    assert reader_client.post(url("year_end_retry", kommun)).status_code == 403


def test_another_kommuns_coordinator_cannot_try_again(
    failed, kommun, other_coordinator_client
):
    response = other_coordinator_client.post(url("year_end_retry", kommun))
    assert response.status_code == 404


def test_a_generation_running_longer_than_the_timeout_counts_as_failed(
    registry, kommun, coordinator_client, settings, post
):
    # The dummy backend keeps the task and never runs it, like a dead worker.
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}
    }
    settings.INTKOMMUN_PDF_TIMEOUT_SECONDS = 15 * 60
    post(coordinator_client, url("year_end_generate", kommun), memo_data())
    report = YearEndReport.objects.get()
    assert report.is_generating
    page = coordinator_client.get(url("year_end_preview", kommun)).content.decode()
    assert url("year_end_retry", kommun) not in page

    YearEndReport.objects.update(
        generation_requested_at=report.generation_requested_at
        - datetime.timedelta(minutes=16)
    )
    assert coordinator_client.get(url("year_end_status", kommun)).status_code == 204
    page = coordinator_client.get(url("year_end_preview", kommun)).content.decode()
    assert "blev inte klar inom 15 minuter" in page
    assert url("year_end_retry", kommun) in page
    report.refresh_from_db()
    assert report.generation_has_failed and not report.is_generating


def test_command_answers_in_swedish(registry, kommun, tmp_path):
    out = io.StringIO()
    call_command(
        "generate_year_end_report",
        kommun="Skara kommun",
        year=YEAR,
        output=str(tmp_path / "ks.pdf"),
        stdout=out,
    )
    assert " sidor, " in out.getvalue()
    with pytest.raises(CommandError, match="Ingen kommun .* heter ”Ingenstans”"):
        call_command(
            "generate_year_end_report",
            kommun="Ingenstans",
            year=YEAR,
            output=str(tmp_path / "x.pdf"),
        )
    with pytest.raises(CommandError, match="går inte att skriva"):
        call_command(
            "generate_year_end_report",
            kommun="Skara kommun",
            year=YEAR,
            output=str(tmp_path / "saknas" / "ks.pdf"),
            stdout=io.StringIO(),
        )
