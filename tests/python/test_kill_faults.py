"""A run killed at any point never changes what readers see, and the next run recovers.

``make run`` (``python -m orchestration.run``) is started on a county's landing folder
with a new export in it and its whole process group is SIGKILLed at a random moment
(stratified over the length of a clean run, so a few kills reach every phase: land,
build, checks, the bulletin), and once more while the serving copy is being written
(the moment its staging file appears: the middle of a publish). Then:

- the serving copy opens and holds either exactly what it held before the run or
  exactly what the recovered run publishes — never a half-published state;
- the next run, started as an operator would, exits 0;
- after the last kill the serving copy equals that of a clean build of the same
  landing folder in a new folder (every published table, row for row).

``make test`` runs two kills (one timed, one during a publish); ``make faults`` runs more
(HOTLINE_FAULT_KILLS) and prints one line per kill. HOTLINE_FAULT_SEED repeats a sequence.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from hotline.contract import TICKETS
from hotline.generate import CountyGenerator, write_rows
from tests.python.conftest import PROJECT_DIR

KILLS = int(os.environ.get("HOTLINE_FAULT_KILLS", "2"))
SEED = int(os.environ.get("HOTLINE_FAULT_SEED", str(random.SystemRandom().randrange(1 << 30))))
LABELS = [f"2025-{m:02d}" for m in range(1, 13)]
FORMATS = ("csv", "gb18030", "xlsx")


def _export(landing: Path, index: int) -> None:
    label, fmt = LABELS[index], FORMATS[index % len(FORMATS)]
    county = CountyGenerator("青禾县", seed=7, tickets_per_period=250)
    rows = list(county.export_rows(label, LABELS[index - 1] if index else None))
    write_rows(landing / f"tickets_青禾县_{label}.{'xlsx' if fmt == 'xlsx' else 'csv'}", TICKETS, rows, fmt)


def _env(folder: Path, landing: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HOTLINE_", "DBT_"))}
    env.update(
        HOTLINE_DUCKDB_PATH=str(folder / "hotline.duckdb"),
        HOTLINE_EXPORTS_DIR=str(landing),
        DBT_TARGET_PATH=str(folder / "target"),
        DBT_LOG_PATH=str(folder / "logs"),
        HOTLINE_PHONE_SALT="a salt for the fault suite",
    )
    return env


def _start(folder: Path, landing: Path) -> tuple[subprocess.Popen, Path]:
    out = folder / f"run-{time.monotonic_ns()}.out"
    with open(out, "w", encoding="utf-8") as handle:
        process = subprocess.Popen(
            [sys.executable, "-m", "orchestration.run"],
            cwd=PROJECT_DIR,
            env=_env(folder, landing),
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: the kill takes dbt's and GX's children too
        )
    return process, out


def _run(folder: Path, landing: Path) -> float:
    started = time.monotonic()
    process, out = _start(folder, landing)
    assert process.wait(timeout=900) == 0, out.read_text(encoding="utf-8")[-3000:]
    return time.monotonic() - started


def _phase(folder: Path, out: Path, log_from: int, staged_before: set[Path]) -> str:
    """Where a run is, from what it has written so far."""
    printed = out.read_text(encoding="utf-8", errors="replace")
    log = folder / "logs" / "run.log"
    logged = ""
    if log.exists():
        with open(log, "rb") as handle:
            handle.seek(log_from)
            logged = handle.read().decode("utf-8", "replace")
    if "Bulletin period" in printed:
        return "bulletin"
    if "  publish" in printed or set(folder.glob(".hotline_serving.duckdb.*.tmp")) - staged_before:
        return "publish"
    if "Finished running" in logged:
        return "checks"
    if "Running with dbt" in logged:
        return "build"
    return "land"


def fingerprint(serving: Path) -> dict[str, list[tuple]]:
    """Every published table's rows, sorted, rates to 1e-9; load times (which differ by design) left out."""
    con = duckdb.connect(str(serving), read_only=True)
    try:
        tables = [
            t
            for (t,) in con.execute("select table_name from information_schema.tables order by 1").fetchall()
            if not t.startswith("_")  # _publication: when the copy was published
        ]
        out = {}
        for table in tables:
            columns = [
                c
                for (c,) in con.execute(
                    "select column_name from information_schema.columns where table_name = ? order by ordinal_position",
                    [table],
                ).fetchall()
                if not c.endswith("loaded_at")
            ]
            rows = con.execute(f"select {', '.join(f'{chr(34)}{c}{chr(34)}' for c in columns)} from marts.{table}")
            out[table] = sorted(
                (tuple(round(v, 9) if isinstance(v, float) else v for v in row) for row in rows.fetchall()),
                key=repr,
            )
        return out
    finally:
        con.close()


@pytest.mark.slow
def test_a_run_killed_anywhere_changes_nothing_readers_see_and_the_next_run_recovers(tmp_path):
    landing = tmp_path / "landing"
    landing.mkdir()
    folder = tmp_path / "county"
    folder.mkdir()
    for index in range(2):
        _export(landing, index)
    duration = _run(folder, landing)
    serving = folder / "hotline_serving.duckdb"
    rng = random.Random(SEED)
    report = [f"fault suite: seed {SEED}, {KILLS} kills over a clean run of {duration:.1f} s, one during a publish"]
    timed = max(1, KILLS - 1)
    for kill in range(timed + 1):
        before = fingerprint(serving)
        _export(landing, 2 + kill % (len(LABELS) - 2))
        # the last kill waits for the serving copy's staging file: the middle of a publish
        at = duration * (kill + rng.random()) / timed if kill < timed else duration * 3
        log = folder / "logs" / "run.log"
        log_from = log.stat().st_size if log.exists() else 0
        staged_before = set(folder.glob(".hotline_serving.duckdb.*.tmp"))  # left by an earlier kill
        process, out = _start(folder, landing)
        started = time.monotonic()
        while process.poll() is None and time.monotonic() - started < at:
            if kill == timed and set(folder.glob(".hotline_serving.duckdb.*.tmp")) - staged_before:
                at = time.monotonic() - started
                break
            time.sleep(0.02)
        phase = _phase(folder, out, log_from, staged_before)
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        after_kill = fingerprint(serving)
        recovery = _run(folder, landing)
        recovered = fingerprint(serving)
        assert after_kill in (before, recovered), f"half-published state after a kill at {at:.1f} s ({phase})"
        report.append(
            f"  kill {kill + 1}: at {at:5.1f} s in {phase:<8} serving "
            f"{'unchanged' if after_kill == before else 'already the new state'}; "
            f"next run recovered in {recovery:.1f} s"
        )
    assert not list((folder / ".landing-work").glob("*")), "converted exports left behind"
    clean = tmp_path / "clean"
    clean.mkdir()
    _run(clean, landing)
    assert fingerprint(serving) == fingerprint(clean / "hotline_serving.duckdb")
    print("\n".join(report))
