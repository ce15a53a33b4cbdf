"""Measure export_registry and import_registry on the synthetic kommun of
``generate_load_data``.

    DJANGO_DEBUG=1 python bench/backup.py --scale 1
    DJANGO_DEBUG=1 python bench/backup.py --scale 1 \\
        --database postgres://postgres@127.0.0.1:5432/intkommun_backup

Without ``--database`` the source and the target are two new SQLite files in a
temporary folder. With a PostgreSQL URL the one database is dropped and created
anew (with dropdb and createdb) as the source, and again after the export as the
target. Each side gets its own media folder. The script migrates, fills the source
(generate_load_data and 20 governing documents with a 2 MiB original, untimed),
then times each command as a separate process (as cron would run it) and prints
the wall time, the time a bare Django start takes, the archive's size and whether
a second export of the restored database holds exactly the same rows and files
(the same SHA-256 of every file).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent

# Governing documents with an uploaded original (random bytes: PDFs barely compress).
ADD_DOCUMENTS = """
import os
from django.core.files.base import ContentFile
from strategies.models import Strategy
plan = Strategy.objects.get(title__startswith="Handlingsplan", kommun__name__startswith="Lastkommun")
for number in range({count}):
    plan.pk = None
    plan.title = f"Dokument {{number}}"
    plan.original_document.save(f"dokument-{{number}}.pdf", ContentFile(os.urandom({size})), save=False)
    plan.save()
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--database", help="a PostgreSQL URL; the database is lost")
    parser.add_argument("--documents", type=int, default=20)
    parser.add_argument("--document-mib", type=float, default=2.0)
    arguments = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench_backup_"))
    source = side(folder / "source", arguments.database)
    target = side(folder / "target", arguments.database)
    for environment in (source, target):
        manage(environment, "migrate", "--verbosity", "0")
    if arguments.database:
        empty(source)
    manage(source, "generate_load_data", "--scale", str(arguments.scale))
    size = int(arguments.document_mib * 1024 * 1024)
    code = ADD_DOCUMENTS.format(count=arguments.documents, size=size)
    manage(source, "shell", "--command", code)
    startup = timed(source, "shell", "--command", "pass")
    archive = folder / "register.zip"
    export = timed(source, "export_registry", str(archive))
    if arguments.database:
        empty(target)
    restore = timed(target, "import_registry", str(archive))
    again = folder / "again.zip"
    manage(target, "export_registry", str(again))
    report(arguments.scale, source, archive, again, startup, export, restore)


def side(folder: Path, url: str | None) -> dict[str, str]:
    folder.mkdir(parents=True)
    environment = dict(os.environ, DJANGO_DEBUG="1", INTKOMMUN_VAR_DIR=str(folder))
    environment["DJANGO_MEDIA_ROOT"] = str(folder / "media")
    environment.pop("DATABASE_URL", None)
    if url:
        environment["DATABASE_URL"] = url
    return environment


def empty(environment: dict[str, str]) -> None:
    """A new, migrated PostgreSQL database (flush would also drop the rows that
    migrations add, which a freshly migrated database has)."""
    url = urlsplit(environment["DATABASE_URL"])
    name = url.path.lstrip("/")
    server = ["-h", url.hostname, "-p", str(url.port or 5432), "-U", url.username]
    subprocess.run(["dropdb", "--if-exists", *server, name], check=True)
    subprocess.run(["createdb", *server, name], check=True)
    manage(environment, "migrate", "--verbosity", "0")


def manage(environment: dict[str, str], *command: str) -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *command],
        env=environment,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def timed(environment: dict[str, str], *command: str) -> float:
    started = time.perf_counter()
    manage(environment, *command)
    return time.perf_counter() - started


def contents(archive: Path) -> tuple[dict[str, int], dict[str, str]]:
    with zipfile.ZipFile(archive) as opened:
        manifest = json.loads(opened.read("manifest.json"))
    rows = {item["label"]: item["rows"] for item in manifest["models"]}
    files = {entry["path"]: entry["sha256"] for entry in manifest["files"]}
    return rows, files


def report(scale, source, archive, again, startup, export, restore) -> None:
    rows, files = contents(archive)
    same = contents(again) == (rows, files)
    uploaded = [path for path in files if path.startswith("files/")]
    models = len(rows)
    vendor = "PostgreSQL" if "DATABASE_URL" in source else "SQLite"
    history = sum(count for label, count in rows.items() if ".Historical" in label)
    print(f"scale {scale} on {vendor}")
    print(f"rows: {sum(rows.values())} in {models} models (history: {history})")
    print(f"uploaded files: {len(uploaded)} (governing documents' originals)")
    print(f"archive: {archive.stat().st_size / 1024 / 1024:.1f} MiB")
    print(f"Django start (manage.py shell -c pass): {startup:.1f} s")
    print(f"export_registry: {export:.1f} s")
    print(f"import_registry into an empty database: {restore:.1f} s")
    print(f"a second export of the restored database matches: {same}")


if __name__ == "__main__":
    main()
