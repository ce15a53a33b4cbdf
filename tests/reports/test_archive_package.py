"""An adopted KS report as an e-archive package (docs/archive.md): its METS
manifest validates against the vendored schemas, every file's SHA-256 in the
manifest is the file's, and the PDF is the adopted one, byte for byte."""

from __future__ import annotations

import csv
import hashlib
import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.utils import timezone
from lxml import etree

from reports.archive import package
from reports.models import YearEndReport
from tests.reports.conftest import YEAR
from tests.reports.test_year_end_pdf import (  # noqa: F401 (the fixtures)
    DIARY_NUMBER,
    _media,
    adopted,
    generated,
    post,
    registry,
    url,
)

pytestmark = pytest.mark.django_db

NS = {"mets": package.METS, "xlink": package.XLINK, "d": package.DECISION}
STAND_IN_PDF = b"%PDF-1.7\n% stands in for an adopted KS report\n%%EOF\n"


def archive(path: Path, kommun: str = "Skara kommun", year: int = YEAR) -> str:
    printed = io.StringIO()
    call_command("archive_package", str(path), kommun=kommun, year=year, stdout=printed)
    return printed.getvalue()


def refusal(path: Path, **kwargs) -> str:
    with pytest.raises(CommandError) as raised:
        archive(path, **kwargs)
    return str(raised.value)


def manifest(root: Path) -> etree._Element:
    return etree.parse(str(root / "METS.xml")).getroot()


def assert_valid_package(root: Path) -> None:
    """The manifest and the decision validate against the repository's schemas,
    and the manifest lists every file of the package with its SHA-256."""
    schemas = Path(package.__file__).parent / "schemas"
    mets_schema = etree.XMLSchema(etree.parse(str(schemas / "package.xsd")))
    mets_schema.assertValid(etree.parse(str(root / "METS.xml")))
    decision_schema = etree.XMLSchema(etree.parse(str(schemas / "decision.xsd")))
    decision_schema.assertValid(etree.parse(str(root / package.DECISION_PATH)))

    mets = manifest(root)
    listed = mets.xpath("//mets:file | //mets:mdRef", namespaces=NS)
    paths = set()
    for entry in listed:
        location = entry if entry.tag.endswith("mdRef") else entry[0]
        path = location.get(f"{{{package.XLINK}}}href")
        content = (root / path).read_bytes()
        assert entry.get("CHECKSUMTYPE") == "SHA-256"
        assert entry.get("CHECKSUM") == hashlib.sha256(content).hexdigest(), path
        assert entry.get("SIZE") == str(len(content))
        paths.add(path)
    # The schema leaves the references between sections to the documents.
    references = mets.xpath("//mets:fptr/@FILEID | //mets:div/@DMDID", namespaces=NS)
    assert references and set(references) <= set(mets.xpath("//@ID"))
    on_disk = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}
    assert on_disk - {"METS.xml"} == paths


def test_the_package_holds_the_adopted_pdf_the_decision_and_the_figures(
    adopted, tmp_path
):
    root = tmp_path / "paket"

    output = archive(root)

    assert adopted.sha256 in output
    assert_valid_package(root)
    pdf = root / "representations/rep1/data" / f"ks-rapport-{YEAR}.pdf"
    with adopted.file.open("rb") as stored:
        assert pdf.read_bytes() == stored.read()
    assert hashlib.sha256(pdf.read_bytes()).hexdigest() == adopted.sha256
    mets = manifest(root)
    assert mets.get("OBJID") == f"ks-rapport-skara-kommun-{YEAR}"
    assert mets.get("PROFILE") == package.SIP_PROFILE
    pdf_entry = mets.xpath(
        "//mets:fileGrp[@USE='Representations/rep1']/mets:file[@MIMETYPE='application/pdf']",
        namespaces=NS,
    )
    assert [entry.get("CHECKSUM") for entry in pdf_entry] == [adopted.sha256]

    decision = etree.parse(str(root / package.DECISION_PATH)).getroot()

    def fact(name: str) -> str:
        return decision.findtext(f"d:{name}", namespaces=NS)

    assert fact("diaryNumber") == DIARY_NUMBER
    assert fact("paragraph") == "§ 42"
    assert (
        fact("adoptionRecordedOn") == timezone.localdate(adopted.adopted_at).isoformat()
    )
    assert fact("decisionBody") == "Kommunstyrelsen"
    assert fact("municipality") == "Skara kommun"
    assert fact("year") == str(YEAR)
    assert fact("sha256") == adopted.sha256

    figures = (root / f"representations/rep1/data/nyckeltal-{YEAR}.csv").read_text()
    rows = list(csv.reader(io.StringIO(figures), delimiter=";"))
    assert rows[0][0] == "Nyckeltal" and rows[0][-1] == str(YEAR)
    assert rows[1][0] == "Åtgärder i handlingsplanen"


def test_a_zip_path_gets_the_package_in_one_root_folder(adopted, tmp_path):
    target = tmp_path / "paket.zip"

    archive(target)

    with zipfile.ZipFile(target) as written:
        names = written.namelist()
        written.extractall(tmp_path / "unpacked")
    root_name = f"ks-rapport-skara-kommun-{YEAR}"
    assert all(name.startswith(f"{root_name}/") for name in names)
    assert f"{root_name}/METS.xml" in names
    assert_valid_package(tmp_path / "unpacked" / root_name)


# --- the coordinator's button ----------------------------------------------------


def test_the_coordinator_downloads_the_package_of_an_adopted_report(
    adopted, kommun, coordinator_client, tmp_path
):
    page = coordinator_client.get(url("year_end_preview", kommun))
    assert url("year_end_archive", kommun) in page.content.decode()

    response = coordinator_client.get(url("year_end_archive", kommun))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "ks-rapport-skara-kommun-2017.zip" in response["Content-Disposition"]
    with zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))) as zipped:
        zipped.extractall(tmp_path)
    root = tmp_path / f"ks-rapport-skara-kommun-{YEAR}"
    assert_valid_package(root)
    pdf = root / "representations/rep1/data" / f"ks-rapport-{YEAR}.pdf"
    assert hashlib.sha256(pdf.read_bytes()).hexdigest() == adopted.sha256


def test_a_draft_has_no_package_and_no_button(generated, kommun, coordinator_client):
    page = coordinator_client.get(url("year_end_preview", kommun))
    assert url("year_end_archive", kommun) not in page.content.decode()
    response = coordinator_client.get(url("year_end_archive", kommun))
    assert response.status_code == 404


# --- refusals: nothing half-written ----------------------------------------------


@pytest.fixture
def out(tmp_path) -> Path:
    """An empty folder for packages (the media files are in tmp_path too)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.fixture
def stand_in(kommun) -> YearEndReport:
    """An adopted report with a small stand-in PDF: the refusals need no real one."""
    report = YearEndReport(kommun=kommun, year=YEAR, generated_at=timezone.now())
    report.file.save("ks-rapport-2017.pdf", ContentFile(STAND_IN_PDF), save=False)
    report.sha256 = hashlib.sha256(STAND_IN_PDF).hexdigest()
    report.save()
    report.status = YearEndReport.Status.ADOPTED
    report.adopted_at = timezone.now()
    report.ks_paragraph = "§ 7"
    report.save()
    return report


def test_the_stand_in_makes_a_valid_package(stand_in, out):
    archive(out / "paket")

    assert_valid_package(out / "paket")


def test_an_unknown_kommun_is_refused(kommun, out):
    message = refusal(out / "paket", kommun="Atlantis")

    assert message == "Ingen kommun (eller fler än en) heter ”Atlantis”."
    assert list(out.iterdir()) == []


def test_a_report_that_is_not_adopted_is_refused(kommun, out):
    YearEndReport.objects.create(kommun=kommun, year=YEAR)

    assert refusal(out / "paket") == (
        "KS-rapporten 2017 för Skara kommun är inte fastställd; bara en "
        "fastställd rapport kan arkiveras."
    )
    assert "2016 för Skara kommun är inte fastställd" in refusal(
        out / "paket", year=YEAR - 1
    )
    assert list(out.iterdir()) == []


@pytest.mark.parametrize("existing", ["folder", "file", "empty folder"])
def test_an_existing_path_is_never_written_over(stand_in, out, existing):
    target = out / "paket"
    if existing == "file":
        target.write_bytes(b"keep me")
    else:
        target.mkdir()
    if existing == "folder":
        (target / "keep.txt").write_bytes(b"keep me")

    message = refusal(target)

    assert message == (
        f"{target} finns redan. Ett arkivpaket skrivs aldrig över en fil eller "
        "mapp; välj ett nytt namn."
    )
    assert [p.name for p in out.iterdir()] == ["paket"]
    if existing == "file":
        assert target.read_bytes() == b"keep me"
    else:
        kept = [p.name for p in target.iterdir()]
        assert kept == (["keep.txt"] if existing == "folder" else [])


def test_a_path_that_cannot_be_written_is_refused(stand_in, out):
    (out / "a-file").write_bytes(b"")

    missing = refusal(out / "saknas" / "paket")
    under_a_file = refusal(out / "a-file" / "paket.zip")

    assert missing == (
        f"{out / 'saknas' / 'paket'} går inte att skriva: mappen finns inte. "
        "Inget paket skrevs."
    )
    assert "går inte att skriva: mappen finns inte." in under_a_file
    assert [p.name for p in out.iterdir()] == ["a-file"]


def test_permission_denied_is_said_in_swedish(stand_in, out, monkeypatch):
    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(package.tempfile, "mkdtemp", denied)

    assert "går inte att skriva: behörighet saknas." in refusal(out / "paket")


def test_a_failure_late_in_the_build_leaves_nothing_behind(stand_in, out, monkeypatch):
    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(package.Path, "rename", full)

    assert "disken är full" in refusal(out / "paket.zip")
    assert list(out.iterdir()) == []


def test_a_pdf_that_no_longer_matches_its_checksum_is_refused(stand_in, out):
    with open(stand_in.file.path, "ab") as stored:
        stored.write(b"tampered")

    assert "stämmer inte med kontrollsumman" in refusal(out / "paket")
    assert list(out.iterdir()) == []
