"""What identifies this release's code: what is kept in the shared cache across
requests (the KS preview, the start page's lists, the key figures) is kept under
it, so that a new release never shows what the last one computed or rendered."""

from __future__ import annotations

import hashlib
from functools import cache as once
from pathlib import Path

from django.conf import settings

# What ``code_version`` reads: whatever a release changes in what is kept.
CODE_DIRECTORIES = (
    "templates",
    "locale",
    "intkommun",
    "actions",
    "projects",
    "strategies",
    "reports",
)
CODE_SUFFIXES = (".py", ".html", ".mo")


@once
def code_version() -> str:
    """A digest of the templates, translations and code of this release (read
    once per process)."""
    digest = hashlib.sha256()
    base = Path(settings.BASE_DIR)
    for directory in CODE_DIRECTORIES:
        for path in sorted((base / directory).rglob("*")):
            if path.suffix in CODE_SUFFIXES and path.is_file():
                digest.update(str(path.relative_to(base)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()
