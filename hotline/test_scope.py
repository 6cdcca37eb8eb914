"""Which rows an incremental build's data tests read: those no passing build has tested.

After a ``dbt build`` of landed files passes, the load time of the newest landed
file is kept in ``meta.tests_passed_through``; the next incremental build gets it as
HOTLINE_TESTS_SINCE, and macros/test_scope.sql makes the tests of the ticket-grain
models read only rows loaded after it (appended in load order, so the history's
row groups are skipped, not scanned). A build that fails keeps the old value: its
rows are tested again by every following run until one passes. Full refreshes, the
embedded sample and the scheduled check of all history (orchestration.history_checks)
test every row.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from hotline.settings import duckdb_config

SINCE = "HOTLINE_TESTS_SINCE"
TABLE = "meta.tests_passed_through"  # not raw: raw holds landed rows only, copied by file hash


def build_scope(database: Path, incremental: bool, unit_tests: bool) -> tuple[list[str], dict[str, str]]:
    """dbt's extra arguments and environment for a build of ``database``.

    A full build tests every row; an incremental one tests the rows no passing build
    has tested. Unit tests check the SQL against fixtures, not the data: they run where
    the SQL is developed and checked (``unit_tests``: builds of the embedded sample, so
    ``make run`` and ``make test``), never in builds of landed exports, full or not.
    HOTLINE_TESTS_SINCE is always set, so a caller's stale value never leaks in.
    """
    unit = [] if unit_tests else ["--exclude", "resource_type:unit_test"]
    if not incremental:
        return ["--full-refresh", *unit], {SINCE: ""}
    return unit, {SINCE: "", **tests_since(database)}


def tests_since(database: Path) -> dict[str, str]:
    """The environment of an incremental build: HOTLINE_TESTS_SINCE, when a build has passed before."""
    con = duckdb.connect(str(database), read_only=True, config=duckdb_config())
    try:
        found = con.execute(
            "select count(*) from information_schema.tables where table_schema = 'meta' "
            "and table_name = 'tests_passed_through'"
        ).fetchone()[0]
        row = con.execute(f"select max(loaded_through) from {TABLE}").fetchone() if found else None
    finally:
        con.close()
    return {SINCE: row[0].isoformat(sep=" ")} if row and row[0] else {}


def record_passed(database: Path) -> None:
    """A build passed every test: what was landed until now counts as tested."""
    con = duckdb.connect(str(database), config=duckdb_config())
    try:
        con.execute("create schema if not exists meta")
        con.execute(f"create table if not exists {TABLE} (loaded_through timestamp not null, recorded_at timestamp)")
        landed = con.execute("select max(_loaded_at) from raw.landed_files").fetchone()[0]
        if landed is not None:
            con.execute(f"delete from {TABLE}")
            con.execute(f"insert into {TABLE} values (?, current_timestamp)", [landed])
    finally:
        con.close()
