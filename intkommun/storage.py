"""Where uploaded files are stored: under the name they were uploaded with.

Django's storages make a name "valid" by dropping every character that is not a
letter, digit, "-", "_" or ".", and turning spaces into "_": "Handlingsplan
2026–2030.docx" was stored, and downloaded, as "Handlingsplan_20262030.docx".
Here only what a file system or a URL cannot take is dropped.
"""

from __future__ import annotations

import re
import unicodedata

from django.core.exceptions import SuspiciousFileOperation
from django.core.files import storage

# Letters and digits of any script, spaces, dashes, dots, commas and brackets.
_NOT_KEPT = re.compile(r"[^\w\s.,\-–—()&+]")
_SPACES = re.compile(r"\s+")


def valid_name(name: str) -> str:
    """The file name as uploaded, less the characters a path cannot hold."""
    name = unicodedata.normalize("NFC", str(name))
    name = _SPACES.sub(" ", _NOT_KEPT.sub("", name)).strip(" .")
    if not name or name in {".", ".."}:
        raise SuspiciousFileOperation(f"Ogiltigt filnamn: {name!r}")
    return name


class FileSystemStorage(storage.FileSystemStorage):
    def get_valid_name(self, name: str) -> str:
        return valid_name(name)
