"""A full build and an incremental run give identical marts.

The sample's exports are generated (same parameters as the embedded sample) and
landed twice: (A) every file, one full build; (B) every file but the last
period's, a build, then the last period's files and an incremental run. Every
published mart must be equal row for row (lineage timestamps aside), and the
incremental run must have rebuilt only the periods the new files touched.
"""

from __future__ import annotations

import shutil

import duckdb
import pytest

from hotline.generate import generate
from hotline.sample import SAMPLE
from orchestration.serving import PUBLISHED_MARTS
from tests.python.conftest import build_warehouse

LINEAGE_COLUMNS = {"source_loaded_at", "loaded_at"}
# marts with no rows when nothing unusual happened: no 2-hour on-site ticket, no stale export
MAY_BE_EMPTY = {"fct_onsite_unit_period", "fct_state_regressions", "fct_unknown_categories"}
LAST_PERIOD = "2025-12"


@pytest.fixture(scope="module")
def two_warehouses(tmp_path_factory):
    root = tmp_path_factory.mktemp("incremental")
    exports = root / "exports"
    generate(exports, **SAMPLE)
    last_files = {f"tickets_青禾县_20260101.{ext}" for ext in ("csv", "xlsx")} | {
        f"assessment_青禾县_{LAST_PERIOD}.csv"
    }
    assert last_files & {p.name for p in exports.iterdir()}
    full = build_warehouse(root / "full", exports)
    landing = root / "landing"
    landing.mkdir()
    for path in exports.iterdir():
        if path.name not in last_files:
            shutil.copy(path, landing / path.name)
    build_warehouse(root / "incremental", landing)
    con = duckdb.connect(str(root / "incremental" / "hotline.duckdb"), read_only=True)
    first_watermark = con.execute("select max(source_loaded_at) from intermediate.int_unit_period_rates").fetchone()[0]
    con.close()
    for path in exports.iterdir():
        if path.name in last_files:
            shutil.copy(path, landing / path.name)
    incremental = build_warehouse(root / "incremental", landing)
    return full, incremental, first_watermark


def published_tables(con) -> list[str]:
    return [
        t
        for (t,) in con.execute(
            "select table_name from information_schema.tables where table_schema = 'marts' order by 1"
        ).fetchall()
    ]


@pytest.mark.slow
def test_incremental_run_equals_full_build(two_warehouses):
    full, incremental, _ = two_warehouses
    con = duckdb.connect()
    con.execute(f"attach '{full}' as full_build (read_only)")
    con.execute(f"attach '{incremental}' as incremental_build (read_only)")
    tables = [
        t
        for (t,) in con.execute(
            "select table_name from information_schema.tables where table_catalog = 'full_build' "
            "and table_schema = 'marts' order by 1"
        ).fetchall()
    ]
    assert set(tables) == set(PUBLISHED_MARTS)  # every published mart is compared
    differences = {}
    for table in tables:
        columns = [
            c
            for (c,) in con.execute(
                "select column_name from information_schema.columns where table_catalog = 'full_build' "
                "and table_schema = 'marts' and table_name = ? order by ordinal_position",
                [table],
            ).fetchall()
            if c not in LINEAGE_COLUMNS
        ]
        select = ", ".join(f'"{c}"' for c in columns)
        rows = con.execute(f"select count(*) from full_build.marts.{table}").fetchone()[0]
        only_full = con.execute(
            f"select count(*) from (select {select} from full_build.marts.{table} "
            f"except all select {select} from incremental_build.marts.{table})"
        ).fetchone()[0]
        only_incremental = con.execute(
            f"select count(*) from (select {select} from incremental_build.marts.{table} "
            f"except all select {select} from full_build.marts.{table})"
        ).fetchone()[0]
        if only_full or only_incremental or (rows == 0 and table not in MAY_BE_EMPTY):
            differences[table] = (rows, only_full, only_incremental)
    assert not differences, differences


@pytest.mark.slow
def test_incremental_run_rebuilds_only_the_touched_periods(two_warehouses):
    _, incremental, first_watermark = two_warehouses
    con = duckdb.connect(str(incremental), read_only=True)
    rebuilt = con.execute(
        "select distinct period_label from intermediate.int_unit_period_rates where source_loaded_at > ? order by 1",
        [first_watermark],
    ).fetchall()
    con.close()
    rebuilt = [p for (p,) in rebuilt]
    # the new period, and the previous one whose in-progress tickets the new export closed
    assert rebuilt[-1] == LAST_PERIOD
    assert "2025-11" in rebuilt
    assert len(rebuilt) <= 4, rebuilt
