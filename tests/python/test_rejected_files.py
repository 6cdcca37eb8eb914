"""One bad file never stops a county: it fails the run that meets it, once, naming it and
what to do; the next runs skip it (unchanged) and build everything else."""

from __future__ import annotations

import csv
import subprocess
import sys

import pytest

from hotline.contract import TICKETS
from hotline.dbt_cli import DbtFailed
from hotline.generate import CountyGenerator
from hotline.landing import LandingError
from tests.python.conftest import PROJECT_DIR, build_warehouse, query


def _write(path, rows, headers=None):
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers or [c.header_zh for c in TICKETS.columns])
        writer.writerows([row[c.name] for c in TICKETS.columns] for row in rows)


def _rows(label: str, count: int) -> list[dict]:
    return list(CountyGenerator("青禾县", seed=41, tickets_per_period=40).export_rows(label, None))[:count]


def _rejected(database, *args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "hotline", "rejected", "--database", str(database), *args],
        cwd=PROJECT_DIR, capture_output=True, text=True,
    )  # fmt: skip


@pytest.mark.slow
def test_a_rejected_file_fails_once_then_the_county_goes_on(tmp_path):
    landing, folder = tmp_path / "landing", tmp_path / "wh"
    landing.mkdir()
    _write(landing / "tickets_good.csv", _rows("2025-03", 20))
    headers = [c.header_zh for c in TICKETS.columns]
    headers[3] = "受理途径"  # a header nobody knows
    _write(landing / "tickets_bad_header.csv", _rows("2025-03", 5), headers)
    with pytest.raises(LandingError) as failed:
        build_warehouse(folder, landing)
    message = str(failed.value)
    assert "tickets_bad_header.csv has header(s) nobody knows" in message and "受理途径" in message
    assert "python -m hotline rejected" in message and "Every other file was landed" in message
    database = build_warehouse(folder, landing)  # the next run builds everything else
    assert query(database, "select count(*) from marts.fct_tickets")[0][0] > 0
    listed = _rejected(database)
    assert listed.returncode == 0 and "tickets_bad_header.csv" in listed.stdout and "受理途径" in listed.stdout
    assert _rejected(database, "--clear", "tickets_bad_header.csv").returncode == 0
    with pytest.raises(LandingError):  # forgotten: tried again, and refused again
        build_warehouse(folder, landing)


@pytest.mark.slow
def test_a_file_over_the_quarantine_threshold_fails_its_own_run_only(tmp_path):
    landing, folder = tmp_path / "landing", tmp_path / "wh"
    landing.mkdir()
    _write(landing / "tickets_good.csv", _rows("2025-03", 20))
    database = build_warehouse(folder, landing)
    broken = [{**row, "channel": "飞鸽传书"} for row in _rows("2025-04", 10)]  # every row an unknown channel
    _write(landing / "tickets_broken.csv", broken)
    with pytest.raises(DbtFailed) as failed:
        build_warehouse(folder, landing)
    assert "file tickets_broken.csv: 10 of 10 rows quarantined" in str(failed.value)
    build_warehouse(folder, landing)  # the next run: the threshold looks at the files it lands
    assert query(database, "select count(*) from staging.stg_hotline__quarantine")[0][0] >= 10


@pytest.mark.slow
def test_retiring_a_file_with_a_phone_in_its_name(tmp_path):
    """A phone in a file name blocks publishing; renaming does not help (the content is
    loaded); retiring the file, renaming it and landing again does, with exact counts."""
    from orchestration.quality import run_gx_checks_isolated

    landing, folder = tmp_path / "landing", tmp_path / "wh"
    landing.mkdir()
    _write(landing / "tickets_good.csv", _rows("2025-03", 20))
    named = landing / "tickets_from_13812345678.csv"
    _write(named, _rows("2025-04", 12))
    database = build_warehouse(folder, landing)
    assert not run_gx_checks_isolated(database)["no_personal_data_published"][0]
    named.rename(landing / "tickets_april.csv")
    build_warehouse(folder, landing)  # the same content under a new name: already loaded, still blocked
    assert not run_gx_checks_isolated(database)["no_personal_data_published"][0]
    retired = subprocess.run(
        [sys.executable, "-m", "hotline", "retire", "tickets_from_13812345678.csv", "--database", str(database)],
        cwd=PROJECT_DIR, capture_output=True, text=True,
    )  # fmt: skip
    assert retired.returncode == 0, retired.stdout + retired.stderr
    assert "12 rows from raw.ticket_exports" in retired.stdout
    build_warehouse(folder, landing)  # lands the renamed file
    checks = run_gx_checks_isolated(database)
    assert checks["no_personal_data_published"][0] and checks["files_reconcile"][0]
    files = dict(query(database, "select source_file, raw_rows from marts.fct_file_reconciliation"))
    with open(landing / "tickets_april.csv", encoding="utf-8") as handle:
        records = sum(1 for _ in csv.reader(handle)) - 1  # counted here, not by the loader
    assert files == {"tickets_good.csv": 20, "tickets_april.csv": records}


@pytest.mark.slow
def test_a_title_line_above_the_header_and_a_total_row_below(tmp_path):
    """Title and blank lines above the header are skipped; a 合计 line is a total row: neither
    a ticket nor quarantined, and the reconciliation counts it (lines counted here)."""
    landing = tmp_path / "landing"
    landing.mkdir()
    rows = _rows("2025-03", 8)
    path = landing / "tickets_with_title.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["12345工单明细表（2025年3月）"])
        writer.writerow([])
        writer.writerow([c.header_zh for c in TICKETS.columns])
        writer.writerows([row[c.name] for c in TICKETS.columns] for row in rows)
        writer.writerow(["合计", "", "8"] + [""] * (len(TICKETS.columns) - 3))
    with open(path, encoding="utf-8") as handle:
        lines = list(csv.reader(handle))
    records_after_header = len(lines) - 3  # the title, the blank line and the header
    database = build_warehouse(tmp_path / "wh", landing)
    raw, staged, quarantined, duplicates, totals, reconciles = query(
        database,
        "select raw_rows, staged_rows, quarantined_rows, duplicate_rows, total_rows, reconciles "
        "from marts.fct_file_reconciliation",
    )[0]
    assert (raw, staged, quarantined, duplicates, totals, reconciles) == (records_after_header, 8, 0, 0, 1, True)
    assert query(database, "select count(*) from marts.fct_tickets")[0][0] == 8
