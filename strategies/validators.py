"""Checks on an uploaded original document: what it is, not what it is called.

A file named ``policy.pdf`` must start like a PDF, a ``.docx`` must be a zip archive
holding a Word document. We sniff the bytes ourselves (no libmagic on a closed
municipal network) and never trust the browser's content type.
"""

from __future__ import annotations

import zipfile
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from intkommun.formatting import format_number

# Scanned council decisions with appendices can be large; anything past this is
# almost certainly the wrong file.
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024

PDF = "pdf"
DOCX = "docx"
ALLOWED_EXTENSIONS = (PDF, DOCX)
CONTENT_TYPES = {
    PDF: "application/pdf",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
DOCX_MAIN_PART = "word/document.xml"


def sniff_document_kind(file: IO[bytes]) -> str | None:
    """ "pdf", "docx" or None, from the file's content; the position is restored."""
    start = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        head = file.read(len(PDF_MAGIC))
        if head.startswith(PDF_MAGIC):
            return PDF
        if head.startswith(ZIP_MAGIC) and _zip_holds(file, DOCX_MAIN_PART):
            return DOCX
        return None
    finally:
        file.seek(start)


def _zip_holds(file: IO[bytes], name: str) -> bool:
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            return name in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def _is_new_upload(value: Any) -> bool:
    # A file already stored was checked when it was uploaded; only read new ones.
    return not getattr(value, "_committed", False)


def extension_of(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def validate_document_size(value: Any) -> None:
    if not _is_new_upload(value):
        return
    if value.size > MAX_DOCUMENT_BYTES:
        raise ValidationError(
            _(
                "The file is %(size)s MB; the largest file you can upload is "
                "%(limit)s MB. Reduce the file size, for example by saving the PDF "
                "again with a lower image resolution."
            ),
            code="file_too_large",
            params={
                "size": format_number(value.size / (1024 * 1024), 1),
                "limit": format_number(MAX_DOCUMENT_BYTES / (1024 * 1024)),
            },
        )


def validate_document_content(value: Any) -> None:
    if not _is_new_upload(value):
        return
    extension = extension_of(value.name)
    kind = sniff_document_kind(value)
    if kind is None or extension not in ALLOWED_EXTENSIONS:
        raise ValidationError(
            _(
                "The file is not a PDF or Word document (.docx). Upload the "
                "document as a PDF or as a .docx file."
            ),
            code="invalid_document",
        )
    if kind != extension:
        raise ValidationError(
            _(
                "The file's name ends in .%(extension)s but its content is a "
                "%(kind)s file. Rename it to end in .%(kind)s and upload it again."
            ),
            code="extension_mismatch",
            params={"extension": extension, "kind": kind},
        )
