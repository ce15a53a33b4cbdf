"""Backup and restore of the register (issue 12): export_registry and import_registry.

The demo data is loaded once for the module inside a transaction that is rolled back
at the end; each test first makes the database look freshly migrated (only the rows
migrations create) and empties the media folder, then restores an archive.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test.utils import override_settings
from django.utils import timezone
from PIL import Image

from actions.models import Action
from intkommun.backup.scope import registry_models
from intkommun.models import Organisation
from reports.models import YearEndReport
from strategies.models import Strategy

PDF = b"%PDF-1.7\n% a small stand-in for an adopted KS report\n%%EOF\n"


@dataclass
class Demo:
    folder: Path
    media: Path
    full: Path
    skara: Path
    snapshot: dict[str, list]
    files: dict[str, bytes]
    adopted_sha256: str
    before: dict[str, set]


def serialize_all() -> dict[str, list]:
    """Every row of every archived model, history included, ordered by key."""
    return {
        model._meta.label: serializers.serialize(
            "python", model._base_manager.order_by("pk")
        )
        for model in registry_models()
    }


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), (23, 54, 93)).save(buffer, format="PNG")
    return buffer.getvalue()


def add_uploaded_files() -> tuple[dict[str, bytes], str]:
    skara = Organisation.objects.get(name="Skara kommun")
    skara.logo.save("skara.png", ContentFile(png()))
    strategy = Strategy.objects.filter(kommun=skara).first()
    strategy.original_document.save("strategi.pdf", ContentFile(b"%PDF-1.4 plan"))
    report = YearEndReport(kommun=skara, year=2017, generated_at=timezone.now())
    report.file.save("ks-rapport-2017.pdf", ContentFile(PDF), save=False)
    report.sha256 = hashlib.sha256(PDF).hexdigest()
    report.save()
    report.status = YearEndReport.Status.ADOPTED
    report.adopted_at = timezone.now()
    report.ks_paragraph = "§ 42"
    report.save()
    files = {
        skara.logo.name: png(),
        strategy.original_document.name: b"%PDF-1.4 plan",
        report.file.name: PDF,
    }
    return files, report.sha256


def add_a_group_with_a_permission() -> None:
    group = Group.objects.create(name="Revisorer")
    group.permissions.add(Permission.objects.get(codename="view_action"))
    get_user_model().objects.get(username="skara.lasare").groups.add(group)


def unlink_an_action_from_its_organisations() -> None:
    # Its older history rows then list links that no longer exist.
    action = Action.objects.filter(
        plan__kommun__name="Skara kommun", responsible_organisations__isnull=False
    ).first()
    action.responsible_organisations.clear()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    folder = tmp_path_factory.mktemp("backup")
    media = folder / "media"
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media),
        transaction.atomic(),
    ):
        before = {
            model._meta.label: set(model._base_manager.values_list("pk", flat=True))
            for model in registry_models()
        }
        call_command("seed_demo", stdout=io.StringIO())
        add_a_group_with_a_permission()
        unlink_an_action_from_its_organisations()
        files, sha256 = add_uploaded_files()
        call_command("export_registry", folder / "full.zip", stdout=io.StringIO())
        call_command(
            "export_registry",
            folder / "skara.zip",
            kommun="Skara kommun",
            stdout=io.StringIO(),
        )
        yield Demo(
            folder=folder,
            media=media,
            full=folder / "full.zip",
            skara=folder / "skara.zip",
            snapshot=serialize_all(),
            files=files,
            adopted_sha256=sha256,
            before=before,
        )
        transaction.set_rollback(True)


@pytest.fixture
def empty_database(demo, db) -> Demo:
    wipe(demo)
    return demo


def wipe(demo: Demo) -> None:
    """A database as `migrate` leaves it, and no uploaded files."""
    with connection.constraint_checks_disabled():
        for model in registry_models():
            kept = demo.before[model._meta.label]
            model._base_manager.exclude(pk__in=kept)._raw_delete(connection.alias)
    for path in demo.media.rglob("*"):
        if path.is_file():
            path.unlink()


def restore(path: Path) -> None:
    call_command("import_registry", path, stdout=io.StringIO())


def stored_files(demo: Demo) -> dict[str, bytes]:
    return {
        str(path.relative_to(demo.media)): path.read_bytes()
        for path in demo.media.rglob("*")
        if path.is_file()
    }


def tampered_copy(demo: Demo, change: str) -> Path:
    """A copy of the full archive whose entry ``change`` has other bytes."""
    target = demo.folder / f"tampered-{change.replace('/', '_')}.zip"
    with zipfile.ZipFile(demo.full) as source, zipfile.ZipFile(target, "w") as copy:
        for item in source.infolist():
            data = source.read(item.filename)
            copy.writestr(item, data + b" " if item.filename == change else data)
    return target


def test_a_restored_register_equals_the_exported_one_row_for_row_and_byte_for_byte(
    empty_database,
):
    demo = empty_database
    restore(demo.full)
    assert serialize_all() == demo.snapshot
    assert stored_files(demo) == demo.files
    report = YearEndReport.objects.get(year=2017, kommun__name="Skara kommun")
    with default_storage.open(report.file.name, "rb") as stored:
        assert hashlib.sha256(stored.read()).hexdigest() == demo.adopted_sha256
    assert report.sha256 == demo.adopted_sha256


def test_restoring_adds_no_history_of_its_own(empty_database):
    restore(empty_database.full)
    history = Action.history.model
    assert history._base_manager.count() == len(
        empty_database.snapshot[history._meta.label]
    )


def test_the_manifest_lists_every_file_with_its_checksum_and_every_row_count(demo):
    with zipfile.ZipFile(demo.full) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        for entry in manifest["files"]:
            data = archive.read(entry["path"])
            assert hashlib.sha256(data).hexdigest() == entry["sha256"]
            assert len(data) == entry["size"]
        listed = {entry["path"] for entry in manifest["files"]}
        assert listed == set(archive.namelist()) - {"manifest.json"}
    counts = {item["label"]: item["rows"] for item in manifest["models"]}
    assert counts == {label: len(rows) for label, rows in demo.snapshot.items()}
    assert ["actions", "0001_initial"] in manifest["migrations"]


def test_a_new_object_gets_a_fresh_id_after_a_restore(empty_database):
    restore(empty_database.full)
    highest = Organisation.objects.order_by("-pk").first().pk
    skara = Organisation.objects.get(name="Skara kommun")
    created = Organisation.objects.create(
        parent=skara, kind=Organisation.Kind.ENHET, name="Ny enhet"
    )
    assert created.pk > highest
    assert created.history.count() == 1


def test_a_database_with_register_rows_is_refused_and_left_unchanged(demo, db):
    before = serialize_all()
    with pytest.raises(CommandError, match="Databasen är inte tom"):
        restore(demo.full)
    assert serialize_all() == before


def test_a_tampered_file_restores_nothing(empty_database):
    demo = empty_database
    before = serialize_all()
    name = next(iter(demo.files))
    with pytest.raises(CommandError, match="kontrollsumma"):
        restore(tampered_copy(demo, f"files/{name}"))
    assert serialize_all() == before
    assert stored_files(demo) == {}


def test_a_file_missing_from_the_archive_restores_nothing(empty_database):
    demo = empty_database
    target = demo.folder / "missing.zip"
    name = f"files/{next(iter(demo.files))}"
    with zipfile.ZipFile(demo.full) as source, zipfile.ZipFile(target, "w") as copy:
        for item in source.infolist():
            if item.filename != name:
                copy.writestr(item, source.read(item.filename))
    with pytest.raises(CommandError, match="saknas i arkivet"):
        restore(target)
    assert get_user_model().objects.count() == 0
    assert stored_files(demo) == {}


def test_group_permissions_are_restored_by_their_natural_key(empty_database):
    restore(empty_database.full)
    reader = get_user_model().objects.get(username="skara.lasare")
    assert reader.has_perm("actions.view_action")


def test_a_stored_file_with_other_content_stops_the_restore(empty_database):
    demo = empty_database
    name = next(iter(demo.files))
    default_storage.save(name, ContentFile(b"something else"))
    with pytest.raises(CommandError, match="annat innehåll"):
        restore(demo.full)
    assert get_user_model().objects.count() == 0
    assert stored_files(demo) == {name: b"something else"}


def test_exporting_an_unknown_kommun_is_refused(demo, db):
    with pytest.raises(CommandError, match="ingen kommun som heter Atlantis"):
        call_command(
            "export_registry",
            demo.folder / "x.zip",
            kommun="Atlantis",
            stdout=io.StringIO(),
        )


def test_exporting_a_kommun_name_that_two_kommuner_share_is_refused(demo, db):
    Organisation.objects.create(name="Skara kommun", kind=Organisation.Kind.KOMMUN)
    with pytest.raises(CommandError, match="Flera kommuner heter Skara kommun"):
        call_command(
            "export_registry",
            demo.folder / "x.zip",
            kommun="Skara kommun",
            stdout=io.StringIO(),
        )
    assert not (demo.folder / "x.zip").exists()


def test_a_tampered_row_file_restores_nothing(empty_database):
    before = serialize_all()
    with pytest.raises(CommandError, match="kontrollsumma"):
        restore(tampered_copy(empty_database, "data/actions.Action.jsonl"))
    assert serialize_all() == before


def test_a_file_that_is_not_a_zip_is_refused(empty_database):
    broken = empty_database.folder / "broken.zip"
    broken.write_bytes(b"not a zip at all")
    with pytest.raises(CommandError, match="Arkivet kan inte läsas"):
        restore(broken)


def test_an_archive_of_another_format_version_is_refused(empty_database):
    demo = empty_database
    target = demo.folder / "version2.zip"
    with zipfile.ZipFile(demo.full) as source, zipfile.ZipFile(target, "w") as copy:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "manifest.json":
                manifest = json.loads(data)
                manifest["version"] = 2
                data = json.dumps(manifest).encode()
            copy.writestr(item, data)
    with pytest.raises(CommandError, match="version"):
        restore(target)
    assert get_user_model().objects.count() == 0


def test_an_archive_with_other_migrations_is_refused(empty_database):
    demo = empty_database
    target = demo.folder / "migrations.zip"
    with zipfile.ZipFile(demo.full) as source, zipfile.ZipFile(target, "w") as copy:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "manifest.json":
                manifest = json.loads(data)
                manifest["migrations"].append(["actions", "9999_from_the_future"])
                data = json.dumps(manifest).encode()
            copy.writestr(item, data)
    with pytest.raises(CommandError, match="9999_from_the_future"):
        restore(target)


def test_an_export_of_one_kommun_holds_no_other_kommuns_rows(empty_database):
    demo = empty_database
    restore(demo.skara)
    kommuner = Organisation.objects.kommuner()
    assert [kommun.name for kommun in kommuner] == ["Skara kommun"]
    assert not Organisation.objects.exclude(kommun__name="Skara kommun").exists()
    assert not Action.objects.exclude(plan__kommun__name="Skara kommun").exists()
    assert not Organisation.history.exclude(
        id__in=Organisation.objects.values("pk")
    ).exists()
    links = apps.get_model("actions", "HistoricalAction_responsible_organisations")
    restored = set(Action.history.values_list("history_id", flat=True))
    expected = [
        row
        for row in demo.snapshot[links._meta.label]
        if row["fields"]["history"] in restored
    ]
    assert expected
    assert links._default_manager.count() == len(expected)
    usernames = set(get_user_model().objects.values_list("username", flat=True))
    assert "skara.samordnare" in usernames
    assert not {name for name in usernames if name.startswith("essunga.")}
    assert stored_files(demo) == demo.files


def test_an_export_refuses_to_overwrite_a_file(demo, db):
    with pytest.raises(CommandError, match="finns redan"):
        call_command("export_registry", demo.full, stdout=io.StringIO())


def test_a_row_of_another_kommun_that_the_kommun_points_to_comes_along(demo, db):
    action = Action.objects.filter(plan__kommun__name="Skara kommun").first()
    action.participant_organisations.add(
        Organisation.objects.get(name="Essunga kommun")
    )
    path = demo.folder / "with-partner.zip"
    warnings = io.StringIO()
    call_command(
        "export_registry",
        path,
        kommun="Skara kommun",
        stdout=io.StringIO(),
        stderr=warnings,
    )
    with zipfile.ZipFile(path) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    assert manifest["rows_of_other_kommuner"] == {"intkommun.Organisation": 1}
    assert "från en annan kommun" in warnings.getvalue()
    wipe(demo)
    restore(path)
    restored = Action.objects.get(pk=action.pk)
    assert [o.name for o in restored.participant_organisations.all()] == [
        "Essunga kommun"
    ]
