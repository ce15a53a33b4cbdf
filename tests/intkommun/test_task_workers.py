"""Several `manage.py db_worker` processes never run the same task twice.

Real worker processes poll one database together: on PostgreSQL the test database
(a worker claims a row with SELECT ... FOR UPDATE SKIP LOCKED), on SQLite a file
database of its own (an exclusive transaction), since the test suite's in-memory
one cannot be shared between processes.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

WORKERS = 3
TASKS = 24
DATABASE_BACKEND = "django_tasks_db.backend.DatabaseBackend"


def database_url_of(settings_dict: dict) -> str:
    """The test database, as DATABASE_URL for another process."""
    user = settings_dict["USER"]
    password = f":{settings_dict['PASSWORD']}" if settings_dict["PASSWORD"] else ""
    host = settings_dict["HOST"] or "127.0.0.1"
    port = settings_dict["PORT"] or 5432
    return f"postgres://{user}{password}@{host}:{port}/{settings_dict['NAME']}"


@pytest.fixture
def shared_database(request, tmp_path) -> str:
    """A DATABASE_URL that several processes can use at once."""
    if connection.vendor == "postgresql":
        request.getfixturevalue("transactional_db")  # rows committed, then flushed
        return database_url_of(connection.settings_dict)
    url = f"sqlite:///{tmp_path / 'tasks.sqlite3'}"
    manage(url, "migrate", "django_tasks_database", "--noinput")
    return url


def environment(database_url: str) -> dict[str, str]:
    return os.environ | {
        "DATABASE_URL": database_url,
        "DJANGO_TASKS_BACKEND": DATABASE_BACKEND,
        "DJANGO_DEBUG": "1",
    }


def manage(database_url: str, *arguments: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=settings.BASE_DIR,
        env=environment(database_url),
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def start_worker(database_url: str, log: Path) -> subprocess.Popen:
    with log.open("w") as output:
        return subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "db_worker",
                "--no-reload",
                "--no-startup-delay",
                "--interval",
                "0.05",
            ],
            cwd=settings.BASE_DIR,
            env=environment(database_url),
            stdout=output,
            stderr=subprocess.STDOUT,
        )


def wait_for(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"Timed out waiting for {what}")
        time.sleep(0.1)


def test_several_workers_run_every_task_exactly_once(shared_database, tmp_path):
    runs = tmp_path / "runs.txt"
    runs.touch()
    logs = [tmp_path / f"worker-{index}.log" for index in range(WORKERS)]
    workers = [start_worker(shared_database, log) for log in logs]
    try:
        # Every worker polls before the first task is queued, so they compete.
        wait_for(
            lambda: all("Starting worker" in log.read_text() for log in logs),
            timeout=180,
            what="the workers to start",
        )
        manage(
            shared_database,
            "shell",
            "--no-imports",
            "-c",
            "from tests.intkommun.task_probe import enqueue; "
            f"enqueue({TASKS}, {str(runs)!r})",
        )
        wait_for(
            lambda: len(set(runs.read_text().split("\n"))) > TASKS,  # and ""
            timeout=180,
            what=f"{TASKS} tasks to run",
        )
    finally:
        for worker in workers:
            worker.send_signal(signal.SIGTERM)  # finishes a running task, then stops
        for worker in workers:
            try:
                worker.wait(timeout=60)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait()

    lines = runs.read_text().split()
    numbers = Counter(int(number) for number in lines[0::2])
    assert numbers == Counter(range(TASKS))  # each exactly once
    pids = set(lines[1::2])
    assert pids <= {str(worker.pid) for worker in workers}
    assert len(pids) > 1, "only one worker took tasks; the test proves nothing"

    statuses = json.loads(
        manage(
            shared_database,
            "shell",
            "--no-imports",
            "-c",
            "import json; from django_tasks_db.models import DBTaskResult; "
            "print(json.dumps([[r.status, r.worker_ids] "
            "for r in DBTaskResult.objects.all()]))",
        )
    )
    assert len(statuses) == TASKS
    assert {status for status, _workers in statuses} == {"SUCCESSFUL"}
    assert all(len(worker_ids) == 1 for _status, worker_ids in statuses)
