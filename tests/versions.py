"""The hidden field every edit form carries: the version of the object it was loaded
from (intkommun/versioning.py). Tests that post hand-built data add it as a browser
would, so that the post is an edit of what the page showed."""

from __future__ import annotations

from django.db import models

from intkommun.versioning import VERSION_FIELD, current_version


def loaded_version(obj: models.Model, prefix: str = "") -> dict[str, str]:
    """``obj``'s version as its edit form renders it now; ``prefix`` is the form's
    (``report``, ``goals-0``)."""
    name = f"{prefix}-{VERSION_FIELD}" if prefix else VERSION_FIELD
    version = current_version(obj)
    return {name: "" if version is None else str(version)}
