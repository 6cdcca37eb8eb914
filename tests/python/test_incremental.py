"""A full build and an incremental run give identical marts; the incremental run's tests.

The sample's exports are generated (same parameters as the embedded sample) and
landed twice: (A) every file, one full build; (B) every file but the last
period's, a build, then the last period's files and an incremental run. Every
published mart must be equal row for row (lineage timestamps aside), and the
incremental run must have rebuilt only the periods the new files touched, and its
tests of ticket-grain models read only the rows no passing build had tested, while
the nightly check of all history reads every row.
"""

from __future__ import annotations

import shutil

import duckdb
import pytest

from hotline.dbt_cli import DbtFailed, run_dbt
from hotline.generate import generate
from hotline.lake import copy_warehouse
from hotline.sample import SAMPLE
from hotline.test_scope import SINCE
from orchestration.history_checks import check_history
from orchestration.serving import PUBLISHED_MARTS
from tests.python.conftest import build_warehouse, query

LINEAGE_COLUMNS = {"source_loaded_at", "loaded_at", "chained_through"}
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
    # and the repeat links, which an incremental run renumbers link by link
    for schema, table in [("marts", t) for t in tables] + [("intermediate", "int_ticket_repeats")]:
        columns = [
            c
            for (c,) in con.execute(
                "select column_name from information_schema.columns where table_catalog = 'full_build' "
                "and table_schema = ? and table_name = ? order by ordinal_position",
                [schema, table],
            ).fetchall()
            if c not in LINEAGE_COLUMNS
        ]
        select = ", ".join(f'"{c}"' for c in columns)
        rows = con.execute(f"select count(*) from full_build.{schema}.{table}").fetchone()[0]
        only_full = con.execute(
            f"select count(*) from (select {select} from full_build.{schema}.{table} "
            f"except all select {select} from incremental_build.{schema}.{table})"
        ).fetchone()[0]
        only_incremental = con.execute(
            f"select count(*) from (select {select} from incremental_build.{schema}.{table} "
            f"except all select {select} from full_build.{schema}.{table})"
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


@pytest.mark.slow
def test_an_incremental_run_tests_only_rows_no_passing_build_tested(two_warehouses, tmp_path, monkeypatch):
    _, incremental, _ = two_warehouses
    # the passing builds' mark: the newest landed file's load time, read off raw.landed_files
    assert query(incremental, "select loaded_through from meta.tests_passed_through") == query(
        incremental, "select max(_loaded_at) from raw.landed_files"
    )
    # what the first build had seen when the last period's files came
    last = [f"tickets_青禾县_20260101.{ext}" for ext in ("csv", "xlsx")] + [f"assessment_青禾县_{LAST_PERIOD}.csv"]
    since = query(
        incremental, "select max(_loaded_at) from raw.landed_files where _source_file not in (select unnest(?))", [last]
    )[0][0]
    working = tmp_path / "wh" / "hotline.duckdb"
    copy_warehouse(incremental, working)
    con = duckdb.connect(str(working))
    old, new = (
        con.execute(
            f"select min(ticket_id) from intermediate.int_tickets_enriched where source_loaded_at {op} ?", [since]
        ).fetchone()[0]
        for op in ("<=", ">")
    )
    assert old and new
    # a duplicate among the rows tested before: the scoped tests do not read it again
    con.execute("insert into intermediate.int_tickets_enriched select * from intermediate.int_tickets_enriched "
                "where ticket_id = ?", [old])  # fmt: skip
    con.close()
    env = {"HOTLINE_DUCKDB_PATH": str(working), SINCE: since.isoformat(sep=" ")}
    run_dbt(["test", "--select", "int_tickets_enriched", "--exclude", "resource_type:unit_test"], env)
    # the nightly check of all history finds it
    monkeypatch.setenv("HOTLINE_DUCKDB_PATH", str(working))
    monkeypatch.delenv(SINCE, raising=False)
    result = check_history.execute_in_process(raise_on_error=False)
    assert not result.success
    assert "unique_int_tickets_enriched_ticket_id" in result.failure_data_for_node("test_all_history").error.to_string()
    # a duplicate among the rows no passing build tested: the scoped tests fail
    con = duckdb.connect(str(working))
    con.execute("insert into intermediate.int_tickets_enriched select * from intermediate.int_tickets_enriched "
                "where ticket_id = ?", [new])  # fmt: skip
    con.close()
    with pytest.raises(DbtFailed, match="unique_int_tickets_enriched_ticket_id"):
        run_dbt(["test", "--select", "int_tickets_enriched", "--exclude", "resource_type:unit_test"], env)


@pytest.mark.slow
def test_an_incremental_run_marks_the_repeat_links_it_wrote(two_warehouses):
    # what the run wrote is what its scoped tests read: every link of a ticket it loaded,
    # renumbered links of older tickets too, and not the history it left alone
    _, incremental, first_watermark = two_warehouses
    con = duckdb.connect(str(incremental), read_only=True)
    total, written, stamps = con.execute(
        "select count(*), count(*) filter (where chained_through > ?), count(distinct chained_through) "
        "from intermediate.int_ticket_repeats",
        [first_watermark],
    ).fetchone()
    # counted by another route: the links of the tickets the second build loaded
    new_links, unmarked = con.execute(
        "select count(*), count(*) filter (where chained_through <= ?) from intermediate.int_ticket_repeats "
        "where ticket_id in (select ticket_id from intermediate.int_tickets_enriched where source_loaded_at > ?)",
        [first_watermark, first_watermark],
    ).fetchone()
    renumbered = con.execute(
        "select count(*) from intermediate.int_ticket_repeats where chained_through > ? and source_loaded_at <= ?",
        [first_watermark, first_watermark],
    ).fetchone()[0]
    con.close()
    assert stamps == 2  # the first build's and the second's
    assert new_links > 0 and unmarked == 0
    assert renumbered > 0  # older tickets of a link a new ticket joined, written again
    assert new_links + renumbered == written < total
