"""Write the register (or one kommun's part of it) to one checked archive."""

from __future__ import annotations

import json
import os
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import django
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from intkommun.backup import archive
from intkommun.backup.scope import (
    LEFT_OUT_APPS,
    KommunSelection,
    is_history,
    registry_models,
)


@dataclass
class ExportResult:
    path: Path
    manifest: dict[str, Any]
    missing_files: list[str] = field(default_factory=list)


@dataclass
class _FileRef:
    storage: Any
    fields: set[str]
    # Named by a current row, not only by history (an old draft's removed PDF).
    is_current: bool = False


def registry_export(*, path: Path, kommun: models.Model | None = None) -> ExportResult:
    """Write every row (history included) and every referenced uploaded file to
    ``path``, with a manifest of checksums. Reads in one transaction so that the
    rows agree with each other while others keep writing."""
    path = Path(path)
    if path.exists():
        raise archive.BackupError(
            _("%(path)s already exists; choose a new file name.") % {"path": path}
        )
    partial = path.with_name(path.name + ".part")
    outermost = not connection.in_atomic_block
    try:
        with transaction.atomic():
            if outermost:
                _read_a_snapshot()
            manifest = _write(partial, kommun)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return ExportResult(path, manifest, manifest["missing_files"])


def _read_a_snapshot() -> None:
    # PostgreSQL's default isolation lets each query see later commits; one
    # snapshot for the whole export keeps foreign keys between tables intact. (It
    # must be the transaction's first statement; inside a caller's transaction the
    # caller decides.)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")


def _write(partial: Path, kommun: models.Model | None) -> dict[str, Any]:
    all_models = registry_models()
    selection = KommunSelection(kommun, all_models) if kommun is not None else None
    pulled_in = selection.complete() if selection is not None else {}
    entries, model_rows, files = [], [], {}
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as zf:
        for model in all_models:
            rows = selection.rows(model) if selection else model._base_manager.all()
            entry, count = _write_rows(zf, model, rows, files)
            entries.append(entry)
            model_rows.append(_model_entry(model, entry["path"], count))
        missing = _write_files(zf, files, entries)
        manifest = _manifest(kommun, model_rows, entries, missing, pulled_in)
        zf.writestr(archive.MANIFEST_NAME, json.dumps(manifest, indent=1))
    return manifest


def _write_rows(zf, model, rows, files) -> tuple[dict[str, Any], int]:
    fields = archive.columns(model)
    file_fields = _file_fields(model)
    path, count = archive.data_path(model), 0
    with zf.open(path, "w", force_zip64=True) as stream:
        writer = archive.HashingWriter(stream)
        for obj in rows.order_by("pk").iterator(chunk_size=2000):
            row = archive.encode_row(obj, fields)
            # Sorted keys: PostgreSQL's jsonb reorders the keys of a JSON value, and
            # one register should give the same rows from either database.
            line = json.dumps(row, ensure_ascii=False, sort_keys=True)
            writer.write(line.encode() + b"\n")
            count += 1
            for file_field in file_fields:
                _note_file(files, model, file_field, row[file_field.attname])
    return writer.entry(path), count


def _file_fields(model: type[models.Model]) -> list[models.Field]:
    """FileFields of a model; for a history model, the columns where the recorded
    model has one (simple-history stores the file's name as text)."""
    recorded = model.instance_type if is_history(model) else model
    names = {f.name for f in recorded._meta.fields if isinstance(f, models.FileField)}
    return [f for f in model._meta.local_concrete_fields if f.name in names]


def _note_file(files, model, file_field, name: str | None) -> None:
    if not name:
        return
    recorded = model.instance_type if is_history(model) else model
    storage = recorded._meta.get_field(file_field.name).storage
    ref = files.setdefault(name, _FileRef(storage, set()))
    ref.fields.add(f"{recorded._meta.label}.{file_field.name}")
    ref.is_current = ref.is_current or not is_history(model)


def _write_files(zf, files: dict[str, _FileRef], entries: list) -> list[str]:
    """Copy each file from its storage. Returns the names current rows point to
    that storage lacks; a name only history remembers may rightly be gone."""
    missing = []
    for name in sorted(files):
        ref = files[name]
        if not ref.storage.exists(name):
            if ref.is_current:
                missing.append(name)
            continue
        path = archive.file_path(name)
        # Stored as they are: PDFs, DOCX and images are compressed already.
        info = zipfile.ZipInfo(path, date_time=time.localtime()[:6])
        info.compress_type = zipfile.ZIP_STORED
        with (
            ref.storage.open(name, "rb") as source,
            zf.open(info, "w", force_zip64=True) as target,
        ):
            writer = archive.HashingWriter(target)
            for chunk in archive.iter_chunks(source):
                writer.write(chunk)
        entries.append(writer.entry(path, name=name, fields=sorted(ref.fields)))
    return missing


def _model_entry(model, path: str, count: int) -> dict[str, Any]:
    return {
        "label": model._meta.label,
        "path": path,
        "rows": count,
        "fields": [f.attname for f in archive.columns(model)],
    }


def _manifest(kommun, model_rows, entries, missing, pulled_in) -> dict[str, Any]:
    return {
        "format": archive.FORMAT,
        "version": archive.VERSION,
        "exported_at": timezone.now().isoformat(),
        "kommun": None if kommun is None else {"id": kommun.pk, "name": str(kommun)},
        "database": connection.vendor,
        "django": django.get_version(),
        "migrations": archive.applied_migrations(connection),
        "models": model_rows,
        "files": entries,
        "missing_files": missing,
        "rows_of_other_kommuner": pulled_in,
        "left_out": list(LEFT_OUT_APPS),
    }
