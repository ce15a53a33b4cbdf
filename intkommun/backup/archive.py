"""The archive format: a zip with ``manifest.json``, one JSON-lines file of rows per
model under ``data/`` and the uploaded files under ``files/``.

A row is an object of the model's column values by attribute name, written as
Django's serializers write them but with full-precision times (Django's JSON
encoder cuts microseconds, and history must come back exactly). A foreign key to a
content type or a permission is written as its natural key.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import IO, Any

from django.db import models
from django.db.migrations.recorder import MigrationRecorder
from django.utils.encoding import is_protected_type

from intkommun.backup.scope import NATURAL_KEY_MODELS

FORMAT = "intkommun-registry"
VERSION = 1
MANIFEST_NAME = "manifest.json"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """An archive cannot be written or restored; the message is for the user."""


def data_path(model: type[models.Model]) -> str:
    return f"data/{model._meta.label}.jsonl"


def file_path(name: str) -> str:
    return f"files/{name}"


def columns(model: type[models.Model]) -> list[models.Field]:
    """The columns a backup holds: not the generated ones (the search columns),
    which the database computes again on restore and refuses to be given."""
    return [field for field in model._meta.local_concrete_fields if not field.generated]


def applied_migrations(connection: Any) -> list[list[str]]:
    return sorted(
        [app, name] for app, name in MigrationRecorder(connection).applied_migrations()
    )


def encode_row(obj: models.Model, fields: list[models.Field]) -> dict[str, Any]:
    return {field.attname: _encode_value(obj, field) for field in fields}


def _encode_value(obj: models.Model, field: models.Field) -> Any:
    value = getattr(obj, field.attname)
    if value is None:
        return None
    if field.many_to_one and field.related_model in NATURAL_KEY_MODELS:
        return list(field.related_model._base_manager.get(pk=value).natural_key())
    if isinstance(value, bool | int | float | str):
        return value
    if is_protected_type(value) and hasattr(value, "isoformat"):
        return value.isoformat()
    return field.value_to_string(obj)


def decode_row(
    model: type[models.Model], fields: list[models.Field], row: dict[str, Any]
) -> models.Model:
    values = {}
    for field in fields:
        value = row[field.attname]
        if (
            value is not None
            and field.many_to_one
            and field.related_model in NATURAL_KEY_MODELS
        ):
            value = field.related_model._default_manager.get_by_natural_key(*value).pk
        values[field.attname] = None if value is None else field.to_python(value)
    return model(**values)


def sha256_of(stream: IO[bytes]) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    for chunk in iter_chunks(stream):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


def iter_chunks(stream: IO[bytes]) -> Iterator[bytes]:
    while chunk := stream.read(CHUNK):
        yield chunk


class HashingWriter:
    """Writes to a stream and keeps the SHA-256 and size of what went through."""

    def __init__(self, stream: IO[bytes]):
        self.stream = stream
        self.digest = hashlib.sha256()
        self.size = 0

    def write(self, data: bytes) -> None:
        self.stream.write(data)
        self.digest.update(data)
        self.size += len(data)

    def entry(self, path: str, **extra: Any) -> dict[str, Any]:
        return {
            "path": path,
            "sha256": self.digest.hexdigest(),
            "size": self.size,
            **extra,
        }
