"""A stale export loaded after a newer one never turns a closed ticket back, and is reported."""

from __future__ import annotations

import csv
import subprocess
import sys

import pytest

from hotline.contract import TICKETS
from hotline.generate import CountyGenerator
from tests.python.conftest import PROJECT_DIR, build_warehouse, query


def _write(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([c.header_zh for c in TICKETS.columns])
        writer.writerows([row[c.name] for c in TICKETS.columns] for row in rows)


@pytest.mark.slow
def test_a_stale_export_loaded_late(tmp_path):
    rows = [r for r in CountyGenerator("青禾县", seed=31, tickets_per_period=40).export_rows("2025-03", None)]
    closed = [r for r in rows if r["status"] == "已办结"][:3]
    assert len(closed) == 3
    stale = [
        {**r, "status": "办理中", "closed_at": "", "callback_resolution": "", "callback_result_satisfaction": "",
         "callback_process_satisfaction": "", "city_sampled": "否", "city_resolution": "",
         "city_process_satisfaction": ""}
        for r in closed[:2]
    ]  # fmt: skip
    # the re-sent file also carries a ticket of April: as a whole it looks newer than the first
    later = next(r for r in CountyGenerator("青禾县", seed=31, tickets_per_period=40).export_rows("2025-04", None))
    landing = tmp_path / "landing"
    landing.mkdir()
    _write(landing / "tickets_20250401.csv", closed)
    database = build_warehouse(tmp_path / "wh", landing)
    _write(landing / "tickets_resent_old_20250320.csv", [*stale, later])  # older rows, landed afterwards
    build_warehouse(tmp_path / "wh", landing)
    states = dict(query(database, "select ticket_id, status from marts.fct_tickets"))
    assert {states[r["ticket_id"]] for r in closed} == {"closed"}
    regressions = query(
        database,
        "select ticket_id, from_status, to_status, stale_file from marts.fct_state_regressions order by 1",
    )
    assert regressions == sorted(
        (r["ticket_id"], "closed", "in_progress", "tickets_resent_old_20250320.csv") for r in closed[:2]
    )
    summary = subprocess.run(
        [sys.executable, "-m", "hotline", "summary"], cwd=PROJECT_DIR, capture_output=True, text=True, check=True,
        env={"HOTLINE_DUCKDB_PATH": str(database), "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert "WARNING: 2 ticket(s) arrived in an older state in a later export" in summary.stdout
