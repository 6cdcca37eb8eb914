"""One writer at a time: a lock file beside the warehouse, held for a whole build.

DuckDB allows one writer, and a second build would otherwise fail deep inside
dbt or Dagster with DuckDB's lock message. ``writer_lock`` takes an exclusive
``flock`` on ``<database>.lock`` (the kernel drops it when the process dies, so
a killed build never leaves a stale lock) and writes the holder's pid and start
time into it; a second build gets one line naming them, and exits with 75
(EX_TEMPFAIL: try again later). Within one process the lock is re-entrant.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from datetime import datetime
from pathlib import Path

EXIT_BUILD_RUNNING = 75


class BuildRunning(RuntimeError):
    """Another process holds the warehouse's writer lock."""


def lock_path(database: Path) -> Path:
    return database.with_name(database.name + ".lock")


def _holder(fd: int) -> tuple[int | None, str]:
    os.lseek(fd, 0, os.SEEK_SET)
    text = os.read(fd, 200).decode("utf-8", "replace").strip()
    pid, _, started = text.partition(" ")
    return (int(pid) if pid.isdigit() else None), started


@contextlib.contextmanager
def writer_lock(database: Path):
    database.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_path(database), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            pid, started = _holder(fd)
            if pid == os.getpid():
                yield  # this process already holds it (make run -> Dagster job -> landing)
                return
            raise BuildRunning(
                f"another build is running (pid {pid}, started at {started or 'an unknown time'}) "
                f"on {database}; wait for it to finish, then run again"
            ) from None
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, f"{os.getpid()} {datetime.now().isoformat(timespec='seconds')}\n".encode())
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def ensure_free(database: Path) -> None:
    """Raise BuildRunning when another process is writing the warehouse (a quick look, no wait)."""
    with writer_lock(database):
        pass
