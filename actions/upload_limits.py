"""Bounds on an uploaded plan or bulk update, so that a bad file is refused quickly.

A .docx or .xlsx is a zip archive: a 64 KB file can unpack to 200,000 paragraphs
and hold a worker for minutes. The archive's own directory says how much it unpacks
to, so that is checked before any parser opens it (zipfile stops reading a member
at its declared size, so the declaration cannot lie); the parsers then stop
counting rows, cells and paragraphs at the limits below. Every refusal is an
`UploadRefused` with a message for the upload form, and nothing is staged.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from intkommun.formatting import format_number

MEGABYTE = 1024 * 1024


class UploadRefused(ValueError):
    """The upload is over a limit or cannot be opened; its message says which."""


@dataclass(frozen=True)
class Limits:
    uncompressed_bytes: int
    zip_members: int
    compression_ratio: int
    rows: int
    cells: int
    paragraphs: int

    @classmethod
    def from_settings(cls) -> Limits:
        return cls(
            uncompressed_bytes=settings.IMPORT_MAX_UNCOMPRESSED_BYTES,
            zip_members=settings.IMPORT_MAX_ZIP_MEMBERS,
            compression_ratio=settings.IMPORT_MAX_COMPRESSION_RATIO,
            rows=settings.IMPORT_MAX_ROWS,
            cells=settings.IMPORT_MAX_CELLS,
            paragraphs=settings.IMPORT_MAX_PARAGRAPHS,
        )


def check_zip(data: bytes, limits: Limits) -> bool:
    """Refuse an archive that unpacks to too much, before anything unpacks it.
    False if ``data`` is no zip archive at all (the caller says what it expected)."""
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return False
    if len(members) > limits.zip_members:
        raise UploadRefused(
            _("The file has more than %(limit)s parts inside.")
            % {"limit": format_number(limits.zip_members)}
        )
    unpacked = sum(member.file_size for member in members)
    if unpacked > limits.uncompressed_bytes:
        raise UploadRefused(
            _("The file is too large unpacked: %(size)s MB (at most %(limit)s MB).")
            % {
                "size": format_number(unpacked / MEGABYTE, 1),
                "limit": format_number(limits.uncompressed_bytes / MEGABYTE),
            }
        )
    packed = sum(member.compress_size for member in members)
    if unpacked > limits.compression_ratio * max(packed, 1):
        raise UploadRefused(
            _(
                "The file unpacks to more than %(limit)s times its size, which a "
                "real document never does."
            )
            % {"limit": format_number(limits.compression_ratio)}
        )
    return True


def too_many_rows(limit: int) -> UploadRefused:
    return UploadRefused(
        _("The file has more than %(limit)s rows; split it and upload the parts.")
        % {"limit": format_number(limit)}
    )


def too_many_cells(limit: int) -> UploadRefused:
    return UploadRefused(
        _("The file has more than %(limit)s cells; split it and upload the parts.")
        % {"limit": format_number(limit)}
    )


def too_many_paragraphs(limit: int) -> UploadRefused:
    return UploadRefused(
        _("The file has more than %(limit)s paragraphs; split it and upload the parts.")
        % {"limit": format_number(limit)}
    )
