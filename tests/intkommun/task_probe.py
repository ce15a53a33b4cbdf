"""A task for the multi-worker test: it notes each run of itself in a file.

It lives in the tests package, which `manage.py db_worker` can import from the
checkout; it touches no table of the register, so the workers need only
django_tasks_db's.
"""

from __future__ import annotations

import os
import time

from django_tasks import task


@task()
def note_run(number: int, path: str) -> int:
    """Append "<number> <worker pid>" to ``path``, after a moment of "work" so that
    the other workers are polling while this one runs."""
    time.sleep(0.1)
    # One short write in append mode: lines of different processes never interleave.
    with open(path, "a", encoding="utf-8") as log:
        log.write(f"{number} {os.getpid()}\n")
    return number


def enqueue(count: int, path: str) -> None:
    for number in range(count):
        note_run.enqueue(number, path)
