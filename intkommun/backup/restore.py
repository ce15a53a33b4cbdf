"""Restore an archive into an empty database: check everything, then all or nothing."""

from __future__ import annotations

import json
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist
from django.core.files import File
from django.core.management.color import no_style
from django.db import DatabaseError, IntegrityError, connection, models, transaction
from django.utils.translation import gettext as _

from intkommun.backup import archive
from intkommun.backup.scope import is_history, kommun_lookup, registry_models

BackupError = archive.BackupError


@dataclass
class ImportResult:
    rows: int
    files: int
    manifest: dict[str, Any]


def registry_import(*, path: Path) -> ImportResult:
    """Restore the archive at ``path``. Every check runs before anything is written;
    then all rows go in one transaction, without signals (so simple-history adds
    no records), and the files through the storage API."""
    try:
        opened = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        raise _unreadable(error) from error
    with opened as zf:
        try:
            manifest = _read_manifest(zf)
            _verify_files(zf, manifest)
        except (zipfile.BadZipFile, EOFError, zlib.error) as error:
            raise _unreadable(error) from error
        _check_migrations(manifest)
        _check_empty()
        to_write = _files_to_write(manifest)
        rows = _restore(zf, manifest, to_write)
    # The rows went in without signals: no cached key figure or KS preview may
    # outlive them.
    from projects import key_figures_cache
    from reports.year_end import preview_cache

    key_figures_cache.forget_all()
    preview_cache.forget_all()
    return ImportResult(rows, len(to_write), manifest)


def _unreadable(error: Exception) -> BackupError:
    return BackupError(_("The archive cannot be read (%(error)s).") % {"error": error})


def _read_manifest(zf: zipfile.ZipFile) -> dict[str, Any]:
    try:
        manifest = json.loads(zf.read(archive.MANIFEST_NAME))
    except (KeyError, ValueError) as error:
        raise BackupError(_("The archive has no readable manifest.")) from error
    if manifest.get("format") != archive.FORMAT or manifest.get("version") != (
        archive.VERSION
    ):
        raise BackupError(
            _(
                "The archive is of an unknown format or version (%(found)s); "
                "this version reads version %(version)s."
            )
            % {
                "found": f"{manifest.get('format')} {manifest.get('version')}",
                "version": archive.VERSION,
            }
        )
    return manifest


def _verify_files(zf: zipfile.ZipFile, manifest: dict[str, Any]) -> None:
    listed = {entry["path"]: entry for entry in manifest["files"]}
    present = set(zf.namelist()) - {archive.MANIFEST_NAME}
    if present - set(listed):
        raise BackupError(
            _("The archive holds files that its manifest does not list: %(files)s")
            % {"files": ", ".join(sorted(present - set(listed))[:5])}
        )
    for path, entry in listed.items():
        if path not in present:
            raise BackupError(
                _("The file %(path)s is missing from the archive.") % {"path": path}
            )
        with zf.open(path) as stream:
            digest, size = archive.sha256_of(stream)
        if (digest, size) != (entry["sha256"], entry["size"]):
            raise BackupError(
                _(
                    "The file %(path)s does not match its checksum in the manifest: "
                    "the archive has been changed or damaged."
                )
                % {"path": path}
            )


def _check_migrations(manifest: dict[str, Any]) -> None:
    here = {tuple(item) for item in archive.applied_migrations(connection)}
    there = {tuple(item) for item in manifest["migrations"]}
    if here != there:
        differing = sorted(here ^ there)[:5]
        raise BackupError(
            _(
                "The archive was made with other migrations than this database has "
                "(for example %(migrations)s). Restore with the same version of "
                "intkommun, migrated with manage.py migrate."
            )
            % {"migrations": ", ".join(f"{app}.{name}" for app, name in differing)}
        )


def _check_empty() -> None:
    """Only what migrations create may be there: reference rows that belong to no
    kommun (target groups, shared document types). No users, no history."""
    for model in registry_models():
        rows = model._base_manager.all()
        lookup = kommun_lookup(model)
        if lookup is not None and not is_history(model):
            rows = rows.filter(**{f"{lookup}__isnull": False})
        elif not (is_history(model) or model._meta.app_label == "auth"):
            continue
        if rows.exists():
            raise BackupError(
                _(
                    "The database is not empty (it has rows in %(model)s). Restore "
                    "only into a new, migrated database; nothing was changed."
                )
                % {"model": model._meta.verbose_name_plural}
            )


def _files_to_write(manifest: dict[str, Any]) -> list[dict[str, Any]]:
    """The uploaded files that storage lacks; one already there with other content
    stops the restore before it starts."""
    to_write = []
    for entry in manifest["files"]:
        if "name" not in entry:
            continue
        storage = _storage(entry)
        if not storage.exists(entry["name"]):
            to_write.append(entry)
            continue
        with storage.open(entry["name"], "rb") as existing:
            if archive.sha256_of(existing) != (entry["sha256"], entry["size"]):
                raise BackupError(
                    _(
                        "The storage already holds %(name)s with other content; "
                        "nothing was changed."
                    )
                    % {"name": entry["name"]}
                )
    return to_write


def _storage(entry: dict[str, Any]) -> Any:
    label, field_name = entry["fields"][0].rsplit(".", 1)
    return apps.get_model(label)._meta.get_field(field_name).storage


def _restore(zf, manifest, to_write) -> int:
    written: list[dict[str, Any]] = []
    try:
        with transaction.atomic():
            total = _load_rows(zf, manifest)
            _reset_sequences(manifest)
            for entry in to_write:
                _write_file(zf, entry)
                written.append(entry)
    except BaseException:
        for entry in written:
            _storage(entry).delete(entry["name"])
        raise
    return total


def _load_rows(zf, manifest) -> int:
    loaded = [apps.get_model(item["label"]) for item in manifest["models"]]
    total = 0
    try:
        with connection.constraint_checks_disabled():
            for model in loaded:
                # What migrations put there is replaced by the archive's rows. A raw
                # delete sends no signals: simple-history would record the deletion.
                model._base_manager.all()._raw_delete(connection.alias)
            for model, item in zip(loaded, manifest["models"], strict=True):
                total += _load_model(zf, model, item)
        connection.check_constraints(
            table_names=[model._meta.db_table for model in loaded]
        )
    except (IntegrityError, DatabaseError, ObjectDoesNotExist) as error:
        raise BackupError(
            _("The rows of the archive do not fit together (%(error)s).")
            % {"error": error}
        ) from error
    return total


def _load_model(zf, model: type[models.Model], item: dict[str, Any]) -> int:
    fields = archive.columns(model)
    if [f.attname for f in fields] != item["fields"]:
        raise BackupError(
            _("The columns of %(model)s differ from the archive's.")
            % {"model": item["label"]}
        )
    count, batch = 0, []
    with zf.open(item["path"]) as stream:
        for line in stream:
            batch.append(archive.decode_row(model, fields, json.loads(line)))
            if len(batch) >= 500:
                count += _insert(model, fields, batch)
                batch = []
        count += _insert(model, fields, batch)
    if count != item["rows"]:
        raise BackupError(
            _(
                "%(model)s has %(found)s rows in the archive, the manifest says %(rows)s."
            )
            % {"model": item["label"], "found": count, "rows": item["rows"]}
        )
    return count


def _insert(model, fields, objs) -> int:
    if not objs:
        return 0
    # A raw insert, as loaddata's: values as they were (no auto_now, no upload_to),
    # and no post_save or m2m_changed, so no historical record is added.
    size = connection.ops.bulk_batch_size(fields, objs) or len(objs)
    for start in range(0, len(objs), size):
        model._base_manager._insert(
            objs[start : start + size], fields=fields, using=connection.alias, raw=True
        )
    return len(objs)


def _reset_sequences(manifest) -> None:
    loaded = [apps.get_model(item["label"]) for item in manifest["models"]]
    statements = connection.ops.sequence_reset_sql(no_style(), loaded)
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def _write_file(zf, entry: dict[str, Any]) -> None:
    storage = _storage(entry)
    with zf.open(entry["path"]) as stream:
        saved = storage.save(entry["name"], File(stream, name=entry["name"]))
    if saved != entry["name"]:
        storage.delete(saved)
        raise BackupError(
            _("The storage saved %(name)s under another name.")
            % {"name": entry["name"]}
        )
