"""Uploaded files in S3-compatible object storage (django-storages, boto3).

Chosen by settings.uploaded_files_storage when INTKOMMUN_S3_BUCKET is set; its own
module so that a server without object storage never imports boto3.
"""

from __future__ import annotations

from storages.backends import s3

from intkommun.storage import valid_name


class S3Storage(s3.S3Storage):
    """Private objects, under the names they were uploaded with, as on disk."""

    def get_valid_name(self, name: str) -> str:
        return valid_name(name)
