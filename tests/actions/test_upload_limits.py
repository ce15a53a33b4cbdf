"""Hardened against bad input (issue 13): an upload over a limit is refused on the
form, quickly and with nothing staged, and a staged upload is parsed only once."""

from __future__ import annotations

import io
import time
import zipfile

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook

from actions import services
from actions.models import Action, ActionImport, Status

pytestmark = pytest.mark.django_db


def docx_bytes(paragraphs=(), table_rows=0) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table_rows:
        table = document.add_table(rows=table_rows, cols=2)
        table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Åtgärd", "Ansvarig"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx_bytes(rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def with_document_xml(body: bytes) -> bytes:
    """A real .docx whose document.xml is replaced by ``body``."""
    source = zipfile.ZipFile(io.BytesIO(docx_bytes()))
    members = {info.filename: source.read(info) for info in source.infolist()}
    members["word/document.xml"] = body
    return zip_bytes(members)


def many_paragraphs(count: int, *, same: bool = False) -> bytes:
    """Numbered paragraphs pack about 20 times; the same one over and over, 500."""
    namespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    paragraphs = b"".join(
        b"<w:p><w:r><w:t>Rad %d</w:t></w:r></w:p>" % (0 if same else number)
        for number in range(count)
    )
    return b'<w:document xmlns:w="%s"><w:body>%s</w:body></w:document>' % (
        namespace.encode(),
        paragraphs,
    )


def upload_plan(client, plan, name, data):
    return client.post(
        reverse("actions:import"),
        {"plan": plan.pk, "file": SimpleUploadedFile(name, data)},
    )


def upload_bulk(client, data, name="atgarder.xlsx"):
    return client.post(
        reverse("actions:bulk_update"), {"file": SimpleUploadedFile(name, data)}
    )


def refused_with(response, field="file") -> str:
    assert response.status_code == 200
    assert not ActionImport.objects.exists()
    return " ".join(response.context["form"].errors[field])


@pytest.fixture
def low_limits(settings):
    settings.IMPORT_MAX_ROWS = 20
    settings.IMPORT_MAX_CELLS = 100
    settings.IMPORT_MAX_PARAGRAPHS = 100
    settings.IMPORT_MAX_ZIP_MEMBERS = 50
    settings.IMPORT_MAX_UNCOMPRESSED_BYTES = 1024 * 1024
    return settings


# The archive, before any parser opens it


def test_a_zip_that_unpacks_to_too_much_is_refused_naming_the_limit(
    coordinator_client, plan, low_limits
):
    low_limits.IMPORT_MAX_COMPRESSION_RATIO = 10_000
    data = with_document_xml(b" " * (2 * 1024 * 1024))
    errors = refused_with(upload_plan(coordinator_client, plan, "plan.docx", data))
    assert errors.startswith("Filen är för stor uppackad: 2,")
    assert errors.endswith("MB (högst 1 MB).")


def test_a_zip_with_too_many_members_is_refused(coordinator_client, plan, low_limits):
    data = zip_bytes({f"xl/part{n}.xml": b"<x/>" for n in range(60)})
    errors = refused_with(upload_plan(coordinator_client, plan, "plan.xlsx", data))
    assert "Filen har fler än 50 delar inuti." in errors


def test_a_zip_bomb_is_refused_by_its_ratio_within_two_seconds(
    coordinator_client, plan
):
    data = with_document_xml(many_paragraphs(200_000, same=True))
    assert len(data) < 64 * 1024
    started = time.monotonic()
    response = upload_plan(coordinator_client, plan, "plan.docx", data)
    assert time.monotonic() - started < 2
    assert "gånger större uppackad" in refused_with(response)


def test_the_default_paragraph_limit_stops_a_document_within_two_seconds(
    coordinator_client, plan
):
    data = with_document_xml(many_paragraphs(200_000))
    started = time.monotonic()
    response = upload_plan(coordinator_client, plan, "plan.docx", data)
    assert time.monotonic() - started < 2
    assert "Filen har fler än 20\u00a0000 stycken" in refused_with(response)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("plan.docx", b"inte en zip"),
        ("plan.docx", docx_bytes(["Åtgärd: A"])[:400]),
        ("plan.docx", zip_bytes({"word/document.xml": b"<inte-word/>"})),
        ("plan.xlsx", b"PK\x03\x04trasig"),
    ],
)
def test_a_damaged_file_is_a_swedish_problem_not_a_server_error(
    coordinator_client, plan, name, data
):
    response = upload_plan(coordinator_client, plan, name, data)
    preview = coordinator_client.get(response.url)
    assert preview.status_code == 200
    assert "Filen går inte att läsa som en" in preview.content.decode()
    assert not Action.objects.exists()


# The parsers, bounded


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("plan.docx", docx_bytes(["Text"] * 101), "fler än 100 stycken"),
        ("plan.docx", docx_bytes(table_rows=21), "fler än 20 rader"),
        ("plan.xlsx", xlsx_bytes([["Åtgärd"]] + [["A"]] * 20), "fler än 20 rader"),
        (
            "plan.xlsx",
            xlsx_bytes([["Åtgärd", *"BCDEFGHIJKL"]] * 10),
            "fler än 100 celler",
        ),
        ("plan.csv", "Åtgärd;Ansvarig\n".encode() + b"A;KS\n" * 20, "fler än 20 rader"),
        ("plan.txt", "Åtgärd: A\n".encode() * 101, "fler än 100 rader"),
    ],
)
def test_a_file_over_a_limit_is_refused_on_the_form_and_nothing_is_staged(
    coordinator_client, plan, low_limits, name, data, message
):
    errors = refused_with(upload_plan(coordinator_client, plan, name, data))
    assert message in errors


def test_a_file_at_the_limits_is_imported(coordinator_client, plan, low_limits):
    data = xlsx_bytes([["Åtgärd"]] + [[f"Åtgärd {n}"] for n in range(19)])
    response = upload_plan(coordinator_client, plan, "plan.xlsx", data)
    assert response.status_code == 302
    assert len(coordinator_client.get(response.url).context["preview"].rows) == 19


def test_pasted_text_over_the_limit_is_refused_next_to_the_text(
    coordinator_client, plan, low_limits
):
    response = coordinator_client.post(
        reverse("actions:import"), {"plan": plan.pk, "text": "Åtgärd: A\n" * 101}
    )
    assert "fler än 100 rader" in refused_with(response, field="text")


def test_a_bulk_update_over_a_limit_is_refused_on_the_form(
    coordinator_client, action_a, low_limits
):
    data = xlsx_bytes([["Id", "Status"]] + [[action_a.pk, "Genomförd"]] * 20)
    errors = refused_with(upload_bulk(coordinator_client, data))
    assert "Filen har fler än 20 rader" in errors


def test_a_bulk_update_that_is_no_workbook_is_refused_in_swedish(
    coordinator_client, action_a
):
    errors = refused_with(upload_bulk(coordinator_client, b"PK\x03\x04trasig"))
    assert "Filen går inte att läsa som en Excel-fil (.xlsx)." in errors


# Parsed once


def counting(monkeypatch, name):
    calls = []
    original = getattr(services, name)

    def counted(*args, **kwargs):
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(services, name, counted)
    return calls


def test_the_import_preview_does_not_parse_the_file_again(
    coordinator_client, plan, monkeypatch
):
    calls = counting(monkeypatch, "parse_upload")
    data = xlsx_bytes([["Åtgärd", "Tidpunkt"], ["Skolutbyte", "Våren 2017"]])
    response = upload_plan(coordinator_client, plan, "plan.xlsx", data)
    for _reload in range(3):
        preview = coordinator_client.get(response.url)
        assert [r.parsed.title for r in preview.context["preview"].rows] == [
            "Skolutbyte"
        ]
    staged = ActionImport.objects.get()
    coordinator_client.post(reverse("actions:import_confirm", args=[staged.pk]))
    assert len(calls) == 1
    assert Action.objects.get().timing_text == "Våren 2017"


def test_the_bulk_preview_does_not_read_the_file_again_and_confirm_still_checks(
    coordinator_client, action_a, monkeypatch
):
    calls = counting(monkeypatch, "read_rows")
    data = xlsx_bytes([["Id", "Status"], [action_a.pk, "Genomförd"]])
    response = upload_bulk(coordinator_client, data)
    for _reload in range(3):
        preview = coordinator_client.get(response.url)
    staged = preview.context["staged"]
    confirm = coordinator_client.post(
        reverse("actions:bulk_confirm", args=[staged.pk]),
        {"plan": preview.context["plan"].digest},
    )
    assert confirm.status_code == 302
    assert len(calls) == 1
    action_a.refresh_from_db()
    assert action_a.status == Status.DONE


def test_an_import_staged_before_the_parse_was_kept_is_still_previewed(
    coordinator_client, plan
):
    response = coordinator_client.post(
        reverse("actions:import"), {"plan": plan.pk, "text": "Åtgärd: A\n"}
    )
    ActionImport.objects.update(parsed=None)
    preview = coordinator_client.get(response.url)
    assert [r.parsed.title for r in preview.context["preview"].rows] == ["A"]


def test_the_import_command_refuses_a_file_over_a_limit(plan, low_limits, tmp_path):
    path = tmp_path / "plan.csv"
    path.write_bytes("Åtgärd;Ansvarig\n".encode() + b"A;KS\n" * 20)
    with pytest.raises(CommandError, match="fler än 20 rader"):
        call_command("import_actions", str(path), plan=plan.pk)
    assert not ActionImport.objects.exists()
