"""An adopted KS report as an information package for the kommun's e-archive.

The layout is E-ARK's Common Specification for Information Packages (CSIP) and
its SIP profile, which Riksarkivet's FGS Paketstruktur builds on (docs/archive.md)::

    ks-rapport-skara-kommun-2017/
        METS.xml                               the manifest: files, SHA-256, structure
        metadata/descriptive/decision.xml      Dnr, §, date, board, kommun, title, year
        representations/rep1/data/ks-rapport-2017.pdf    the adopted PDF/A, byte-identical
        representations/rep1/data/nyckeltal-2017.csv     the report's key figures
        representations/rep1/data/nyckeltal-2017.xlsx    the same, as the Excel appendix
        schemas/                               the XML schemas the package uses

The package is built in a temporary folder and validated against the vendored
schemas before it is moved into place or zipped: a failure leaves nothing behind.
"""

from __future__ import annotations

import csv
import errno
import hashlib
import io
import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO

from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from lxml import etree

from actions.status_scale import scale_for
from reports.models import YearEndReport
from reports.year_end.data import FigureRow, figure_rows, key_figure_years
from reports.year_end.document import LANGUAGE, default_addressee, document_title
from reports.year_end.figures_export import figures_xlsx

SCHEMAS = Path(__file__).parent / "schemas"
# Copied into every package's schemas/ folder: what its XML files are written to.
PACKAGE_SCHEMAS = (
    "mets.xsd",
    "xlink.xsd",
    "DILCISExtensionMETS.xsd",
    "DILCISExtensionSIPMETS.xsd",
    "decision.xsd",
)

METS = "http://www.loc.gov/METS/"
XLINK = "http://www.w3.org/1999/xlink"
CSIP = "https://DILCIS.eu/XML/METS/CSIPExtensionMETS"
SIP = "https://DILCIS.eu/XML/METS/SIPExtensionMETS"
DECISION = "urn:x-intkommun:decision:1"
SIP_PROFILE = "https://earksip.dilcis.eu/profile/E-ARK-SIP.xml"
# Raised when the package's layout or manifest changes.
FORMAT_VERSION = "1"

DATA = "representations/rep1/data"
DECISION_PATH = "metadata/descriptive/decision.xml"
PDF = "application/pdf"
CSV = "text/csv"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
XML = "application/xml"
CHUNK = 1024 * 1024


class ArchiveRefused(Exception):
    """No package was written; the message says why, for the person asking."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class PackagedFile:
    path: str  # inside the package, with forward slashes
    mimetype: str
    size: int
    sha256: str
    created: datetime


def package_name(report: YearEndReport) -> str:
    """The package's identifier (METS OBJID) and the name of its root folder."""
    return f"ks-rapport-{slugify(report.kommun.name)}-{report.year}"


def write_package(report: YearEndReport | None, path: Path) -> Path:
    """Write the package at ``path``: a zip file if it ends in ``.zip``, else a
    folder. An existing ``path`` is refused, never written over."""
    require_adopted(report)
    path = Path(path)
    if os.path.lexists(path):
        raise ArchiveRefused(_exists(path))
    try:
        # Beside the target, so that the final step is a rename.
        staging = Path(tempfile.mkdtemp(prefix=".arkivpaket-", dir=path.parent))
    except OSError as error:
        raise ArchiveRefused(_unwritable(path, error)) from error
    try:
        root = staging / package_name(report)
        root.mkdir()
        build_package(report, root)
        if path.suffix.lower() == ".zip":
            built = staging / "package.zip"
            with built.open("wb") as output:
                _zip(root, output)
        else:
            built = root
        if os.path.lexists(path):  # made while the package was being built
            raise ArchiveRefused(_exists(path))
        built.rename(path)
    except OSError as error:
        raise ArchiveRefused(_unwritable(path, error)) from error
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return path


def package_zip(report: YearEndReport) -> IO[bytes]:
    """The package as a zip file (a temporary file, read from the start)."""
    require_adopted(report)
    output = tempfile.TemporaryFile()
    with tempfile.TemporaryDirectory(prefix="arkivpaket-") as staging:
        root = Path(staging) / package_name(report)
        root.mkdir()
        build_package(report, root)
        _zip(root, output)
    output.seek(0)
    return output


def require_adopted(report: YearEndReport | None) -> None:
    if report is None or not report.is_adopted:
        raise ArchiveRefused(_("Only an adopted KS report can be archived."))


def build_package(report: YearEndReport, root: Path) -> list[PackagedFile]:
    """Write every file of the package into the empty folder ``root``; returns
    the files the manifest lists (all but METS.xml itself)."""
    with translation.override(LANGUAGE):
        data = [_copy_pdf(report, root), *_figures(report, root)]
        schemas = [
            _write(root, f"schemas/{name}", (SCHEMAS / name).read_bytes(), XML)
            for name in PACKAGE_SCHEMAS
        ]
        decision_content = decision_xml(report)
        validate(decision_content, "decision.xsd")
        decision = _write(root, DECISION_PATH, decision_content, XML)
        manifest = mets_xml(report, decision=decision, schemas=schemas, data=data)
        validate(manifest, "package.xsd")
        (root / "METS.xml").write_bytes(manifest)
    return [decision, *schemas, *data]


def validate(content: bytes, schema_name: str) -> None:
    """Raise ``etree.DocumentInvalid`` unless ``content`` is valid against the
    vendored schema (``package.xsd``: METS with the E-ARK extensions)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / schema_name), parser))
    schema.assertValid(etree.fromstring(content, parser))


# --- the files -------------------------------------------------------------------


def _copy_pdf(report: YearEndReport, root: Path) -> PackagedFile:
    """The adopted file byte for byte, refused unless it is the one adopted."""
    relative = f"{DATA}/{report.filename}"
    target = root / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    with report.file.open("rb") as source, target.open("wb") as output:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            output.write(chunk)
    if digest.hexdigest() != report.sha256:
        raise ArchiveRefused(
            _(
                "The stored PDF does not match the checksum recorded when the "
                "report was adopted, so no package was written. Contact the "
                "system administrator."
            )
        )
    created = report.generated_at or report.adopted_at
    return PackagedFile(relative, PDF, target.stat().st_size, report.sha256, created)


def _figures(report: YearEndReport, root: Path) -> list[PackagedFile]:
    """The key figures of the report's years, as each year stood at its end."""
    years = key_figure_years(report.kommun, report.year)
    scale = scale_for(report.kommun)
    workbook = figures_xlsx(years, scale).read()
    stem = f"{DATA}/nyckeltal-{report.year}"
    header = [_("Key figure"), *(str(shown.year) for shown in years)]
    return [
        _write(
            root, f"{stem}.csv", figures_csv(header, figure_rows(years, scale)), CSV
        ),
        _write(root, f"{stem}.xlsx", workbook, XLSX),
    ]


def figures_csv(header: list[str], rows: list[FigureRow]) -> bytes:
    """UTF-8, semicolons, a decimal point and nothing where a figure is unknown:
    for machines and for the archive, not formatted for reading."""
    text = io.StringIO()
    writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        label = f"– {row.label}" if row.is_part else row.label
        writer.writerow([label, *("" if v is None else str(v) for v in row.values)])
    return text.getvalue().encode()


def _write(root: Path, relative: str, content: bytes, mimetype: str) -> PackagedFile:
    target = root / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
    return PackagedFile(
        relative,
        mimetype,
        len(content),
        hashlib.sha256(content).hexdigest(),
        timezone.now(),
    )


def _zip(root: Path, output: IO[bytes]) -> None:
    """The folder ``root`` in a zip file, under its own name as E-ARK asks."""
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as package:
        for file in sorted(p for p in root.rglob("*") if p.is_file()):
            package.write(file, f"{root.name}/{file.relative_to(root).as_posix()}")


# --- the XML ---------------------------------------------------------------------


def decision_xml(report: YearEndReport) -> bytes:
    """What the register knows of KS's decision (decision.xsd)."""
    decision = etree.Element(f"{{{DECISION}}}decision", nsmap={None: DECISION})
    facts = [
        ("title", document_title(report.year)),
        ("municipality", report.kommun.name),
        ("year", str(report.year)),
        ("decisionBody", default_addressee(report.kommun)),
        ("diaryNumber", report.diary_number),
        ("paragraph", report.ks_paragraph),
        ("adoptionRecordedOn", timezone.localdate(report.adopted_at).isoformat()),
        ("document", f"{DATA}/{report.filename}"),
        ("sha256", report.sha256),
    ]
    for name, value in facts:
        etree.SubElement(decision, f"{{{DECISION}}}{name}").text = value
    return _serialise(decision)


def mets_xml(
    report: YearEndReport,
    *,
    decision: PackagedFile,
    schemas: list[PackagedFile],
    data: list[PackagedFile],
) -> bytes:
    """The package's root METS document, after E-ARK CSIP and SIP."""
    name = package_name(report)
    now = _timestamp(timezone.now())
    mets = etree.Element(
        _m("mets"),
        nsmap={"mets": METS, "xlink": XLINK, "csip": CSIP, "sip": SIP},
        attrib={
            "OBJID": name,
            "LABEL": f"{document_title(report.year)}, {report.kommun.name}",
            "TYPE": "Mixed",  # a document and a data set
            "PROFILE": SIP_PROFILE,
        },
    )
    _header(mets, report, now)
    dmd = etree.SubElement(
        mets, _m("dmdSec"), ID="dmd-decision", CREATED=now, STATUS="CURRENT"
    )
    reference = etree.SubElement(
        dmd,
        _m("mdRef"),
        LOCTYPE="URL",
        MDTYPE="OTHER",
        OTHERMDTYPE="intkommun decision",
        LABEL=_("The decision"),
        **_file_attributes(decision),
    )
    _link(reference, decision.path)
    file_sec = etree.SubElement(mets, _m("fileSec"), ID="filesec")
    groups = [
        ("grp-schemas", "Schemas", schemas),
        ("grp-rep1", "Representations/rep1", data),
    ]
    number = 0
    for group_id, use, files in groups:
        group = etree.SubElement(file_sec, _m("fileGrp"), ID=group_id, USE=use)
        for packaged in files:
            number += 1
            file = etree.SubElement(
                group, _m("file"), ID=f"file-{number}", **_file_attributes(packaged)
            )
            _link(etree.SubElement(file, _m("FLocat"), LOCTYPE="URL"), packaged.path)
    struct_map = etree.SubElement(
        mets, _m("structMap"), ID="structmap-csip", TYPE="PHYSICAL", LABEL="CSIP"
    )
    package = etree.SubElement(struct_map, _m("div"), ID="div-package", LABEL=name)
    etree.SubElement(
        package, _m("div"), ID="div-metadata", LABEL="Metadata", DMDID="dmd-decision"
    )
    for group_id, use, _files in groups:
        division = etree.SubElement(package, _m("div"), ID=f"div-{group_id}", LABEL=use)
        etree.SubElement(division, _m("fptr"), FILEID=group_id)
    return _serialise(mets)


def _header(mets: etree._Element, report: YearEndReport, now: str) -> None:
    header = etree.SubElement(
        mets,
        _m("metsHdr"),
        attrib={
            "CREATEDATE": now,
            "RECORDSTATUS": "NEW",
            f"{{{CSIP}}}OAISPACKAGETYPE": "SIP",
        },
    )
    creator = etree.SubElement(
        header, _m("agent"), ROLE="CREATOR", TYPE="OTHER", OTHERTYPE="SOFTWARE"
    )
    etree.SubElement(creator, _m("name")).text = "intkommun"
    etree.SubElement(
        creator, _m("note"), attrib={f"{{{CSIP}}}NOTETYPE": "SOFTWARE VERSION"}
    ).text = f"arkivpaket {FORMAT_VERSION}"
    # The kommun submits its own record to its own archive.
    archivist = etree.SubElement(
        header, _m("agent"), ROLE="ARCHIVIST", TYPE="ORGANIZATION"
    )
    etree.SubElement(archivist, _m("name")).text = report.kommun.name


def _file_attributes(packaged: PackagedFile) -> dict[str, str]:
    return {
        "MIMETYPE": packaged.mimetype,
        "SIZE": str(packaged.size),
        "CREATED": _timestamp(packaged.created),
        "CHECKSUM": packaged.sha256,
        "CHECKSUMTYPE": "SHA-256",
    }


def _link(element: etree._Element, path: str) -> None:
    element.set(f"{{{XLINK}}}type", "simple")
    element.set(f"{{{XLINK}}}href", path)


def _m(tag: str) -> str:
    return f"{{{METS}}}{tag}"


def _timestamp(moment: datetime) -> str:
    return timezone.localtime(moment).isoformat(timespec="seconds")


def _serialise(element: etree._Element) -> bytes:
    return etree.tostring(
        element, xml_declaration=True, encoding="UTF-8", pretty_print=True
    )


# --- messages --------------------------------------------------------------------


def _exists(path: Path) -> str:
    return _(
        "%(path)s already exists. An archive package is never written over a file "
        "or folder; choose a new name."
    ) % {"path": path}


def _unwritable(path: Path, error: OSError) -> str:
    reasons = {
        errno.EACCES: _("permission denied"),
        errno.EPERM: _("permission denied"),
        errno.ENOENT: _("the folder does not exist"),
        errno.ENOTDIR: _("the folder does not exist"),
        errno.EROFS: _("the file system is read-only"),
        errno.ENOSPC: _("the disk is full"),
    }
    reason = reasons.get(error.errno, error.strerror or type(error).__name__)
    return _("%(path)s cannot be written: %(reason)s. No package was written.") % {
        "path": path,
        "reason": reason,
    }
