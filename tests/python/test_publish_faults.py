"""Faults around writing: hostile paths, a killed publish, growing run folders, a second writer."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time

import duckdb
import pytest

from hotline.publish import LEFTOVER_AGE_SECONDS, publish, sweep_leftovers
from tests.python.conftest import PROJECT_DIR


@pytest.mark.slow
def test_publish_from_and_to_a_path_with_a_quote(sample_warehouse, tmp_path):
    folder = tmp_path / "county's data"
    folder.mkdir()
    working = folder / "hot'line.duckdb"
    shutil.copy(sample_warehouse, working)
    result = publish(working, folder / "serving's copy.duckdb")
    con = duckdb.connect(str(result.path), read_only=True)
    try:
        rows = con.execute("select count(*) from marts.fct_unit_period_metrics").fetchone()[0]
    finally:
        con.close()
    assert rows == result.tables["fct_unit_period_metrics"] > 0


def test_a_killed_publish_leaves_nothing_for_ever(tmp_path):
    serving = tmp_path / "hotline_serving.duckdb"
    old = tmp_path / ".hotline_serving.duckdb.0123abcd.tmp"
    old_wal = tmp_path / ".hotline_serving.duckdb.0123abcd.tmp.wal"
    fresh = tmp_path / ".hotline_serving.duckdb.4567ef01.tmp"  # a publish running right now
    unrelated = tmp_path / "notes.tmp"
    for path in (old, old_wal, fresh, unrelated):
        path.write_bytes(b"x")
    past = time.time() - LEFTOVER_AGE_SECONDS - 60
    for path in (old, old_wal):
        os.utime(path, (past, past))
    assert sorted(sweep_leftovers(serving)) == sorted([old, old_wal])
    assert fresh.exists() and unrelated.exists() and not old.exists() and not old_wal.exists()


def test_dagster_runs_do_not_grow_target_for_ever(tmp_path):
    from orchestration.dbt_assets import KEEP_INVOCATIONS, prune_invocation_folders

    for n in range(KEEP_INVOCATIONS + 4):
        folder = tmp_path / f"hotline_dbt_models-{n:07x}-abc"
        folder.mkdir()
        (folder / "run_results.json").write_text("{}")
        os.utime(folder, (1_000_000 + n, 1_000_000 + n))
    (tmp_path / "manifest.json").write_text("{}")
    removed = prune_invocation_folders(tmp_path)
    assert len(removed) == 4
    kept = sorted(p.name for p in tmp_path.iterdir())
    assert kept == [f"hotline_dbt_models-{n:07x}-abc" for n in range(4, KEEP_INVOCATIONS + 4)] + ["manifest.json"]


def test_a_second_build_says_who_holds_the_warehouse(tmp_path):
    """While one build runs, another `python -m hotline build` prints one line and exits 75."""
    database = tmp_path / "hotline.duckdb"
    script = (
        "import time\nfrom pathlib import Path\nfrom hotline.writer_lock import writer_lock\n"
        f"with writer_lock(Path({str(database)!r})):\n    print('held', flush=True)\n    time.sleep(60)\n"
    )
    holder = subprocess.Popen([sys.executable, "-c", script], cwd=PROJECT_DIR, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        second = subprocess.run(
            [sys.executable, "-m", "hotline", "build"], cwd=PROJECT_DIR, capture_output=True, text=True,
            env={**os.environ, "HOTLINE_DUCKDB_PATH": str(database)}, timeout=60,
        )  # fmt: skip
        assert second.returncode == 75, second.stdout + second.stderr
        lines = second.stdout.strip().splitlines()
        assert lines[-1].startswith(f"another build is running (pid {holder.pid}, started at 20")
        assert "Traceback" not in second.stdout + second.stderr
    finally:
        holder.kill()
        holder.wait()
    # the kernel dropped the dead holder's lock: the next writer gets it at once
    from hotline.writer_lock import ensure_free

    ensure_free(database)


@pytest.mark.slow
def test_tickets_in_no_period_block_publishing_and_name_the_day(dongchangfu_warehouse, tmp_path):
    """25th -> 22nd leaves the 23rd and 24th in no period: allowed only where the rule declares it."""
    from orchestration.quality import _why, run_gx_checks_isolated

    copy = tmp_path / "gap.duckdb"
    shutil.copy(dongchangfu_warehouse, copy)
    con = duckdb.connect(str(copy))
    try:
        con.execute(
            "update intermediate.int_tickets_enriched set period_label = null, "
            "assigned_at = timestamp '2024-02-23 09:41:00'"
        )
        con.execute("update config.cfg_period_rules set gap_declared = false where jurisdiction = '东昌府区'")
    finally:
        con.close()
    passed, summaries = run_gx_checks_isolated(copy)["tickets_in_a_period"]
    assert not passed and "2024-02-23" in _why(summaries) and "东昌府区" in _why(summaries)
    con = duckdb.connect(str(copy))
    try:
        con.execute("update config.cfg_period_rules set gap_declared = true where jurisdiction = '东昌府区'")
    finally:
        con.close()
    assert run_gx_checks_isolated(copy)["tickets_in_a_period"][0]


@pytest.mark.slow
def test_an_id_number_as_a_published_ticket_id_blocks_publishing(sample_warehouse, tmp_path):
    """The publishing check reads ticket ids too, telling an ID-card number (province, birth
    date, check character) from a platform id: the sample passes, one planted ID fails it."""
    from orchestration.quality import run_gx_checks_isolated

    copy = tmp_path / "planted.duckdb"
    shutil.copy(sample_warehouse, copy)
    assert run_gx_checks_isolated(copy)["no_personal_data_published"][0]
    con = duckdb.connect(str(copy))
    try:
        con.execute(
            "update marts.fct_tickets set ticket_id = '110105199003071239' "
            "where ticket_id = (select min(ticket_id) from marts.fct_tickets)"
        )
    finally:
        con.close()
    passed, summaries = run_gx_checks_isolated(copy)["no_personal_data_published"]
    assert not passed and "fct_tickets.ticket_id" in str(summaries)
