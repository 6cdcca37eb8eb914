"""Serving on PostgreSQL: the audited marts published whole, read by a role that can only read.

The marts of two built warehouses (the embedded sample and the 东昌府区 fixture,
both built on DuckDB by the session's fixtures) are published in turn to a
serving database of the session's PostgreSQL server, with readers querying it
all the while. Expected counts come from the DuckDB files, read with duckdb.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import psycopg2
import pytest

from hotline import pg_serving
from hotline.pg_server import server
from tests.python.conftest import PROJECT_DIR

pytestmark = pytest.mark.slow

SERVING = "hotline_test_serving"


@pytest.fixture
def serving_database(pg_server, monkeypatch):
    monkeypatch.setenv("HOTLINE_PG_SERVING_DATABASE", SERVING)
    monkeypatch.setenv("HOTLINE_PG_READER_PASSWORD", "reader's secret")
    return SERVING


def duckdb_counts(database, tables=None) -> dict[str, int]:
    con = duckdb.connect(str(database), read_only=True)
    try:
        names = tables or [
            n
            for (n,) in con.execute(
                "select table_name from information_schema.tables where table_schema = 'marts'"
            ).fetchall()
        ]
        return {n: con.execute(f'select count(*) from marts."{n}"').fetchone()[0] for n in names}
    finally:
        con.close()


def publish(database):
    return pg_serving.publish_postgres(pg_serving.DuckdbSource(database), server())


def reader():
    dsn = server()
    con = psycopg2.connect(
        host=dsn.host, port=dsn.port, user=pg_serving.READER, password="reader's secret", dbname=SERVING
    )
    con.autocommit = True
    return con


def test_every_mart_is_published_with_its_descriptions(sample_warehouse, serving_database):
    published = publish(sample_warehouse)
    expected = duckdb_counts(sample_warehouse)
    assert published.tables == expected and len(expected) >= 20
    con = reader()
    try:
        with con.cursor() as cur:
            for name, rows in expected.items():
                cur.execute(f'select count(*) from marts."{name}"')
                assert cur.fetchone()[0] == rows, name
            cur.execute(
                "select col_description('marts.fct_unit_period_metrics'::regclass, attnum) from pg_attribute "
                "where attrelid = 'marts.fct_unit_period_metrics'::regclass and attname = 'handled_count'"
            )
            assert cur.fetchone()[0].startswith("承办量: tickets assigned to the unit")
            cur.execute("select obj_description('marts.fct_unit_period_scores'::regclass, 'pg_class')")
            assert "score" in cur.fetchone()[0].lower()
            # every published table and column explains itself in Chinese and in English
            cur.execute(
                "select c.relname, a.attname, obj_description(c.oid, 'pg_class'), col_description(c.oid, a.attnum) "
                "from pg_class c join pg_namespace n on n.oid = c.relnamespace "
                "join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped "
                "where n.nspname = 'marts' and c.relkind = 'r' and c.relname <> '_publication'"
            )
            described = cur.fetchall()
            assert len(described) > 350
            unexplained = [
                (table, column)
                for table, column, table_note, column_note in described
                if not all(note and re.search("[一-龥]", note) and re.search("[A-Za-z]{3}", note)
                           for note in (table_note, column_note))
            ]  # fmt: skip
            assert unexplained == []
    finally:
        con.close()


def test_the_reader_can_only_select_from_the_marts(sample_warehouse, serving_database):
    publish(sample_warehouse)
    con = reader()
    try:
        with con.cursor() as cur:
            cur.execute("select count(*) from pg_class where relowner = (select oid from pg_roles where rolname = %s)",
                        [pg_serving.READER])  # fmt: skip
            assert cur.fetchone()[0] == 0
            for statement in (
                "create table marts.mine (x int)",
                "create table public.mine (x int)",
                "create schema mine",
                "delete from marts.fct_unit_period_metrics",
                "insert into marts._publication values (now(), 'me')",
                "drop table marts.fct_tickets",
            ):
                with pytest.raises(psycopg2.errors.InsufficientPrivilege):
                    cur.execute(statement)
    finally:
        con.close()
    dsn = server()
    for other in ("postgres", dsn.database):
        with pytest.raises(psycopg2.OperationalError, match="permission denied|not permitted"):
            psycopg2.connect(host=dsn.host, port=dsn.port, user=pg_serving.READER, password="reader's secret",
                             dbname=other).close()  # fmt: skip
    with pytest.raises(psycopg2.OperationalError, match="password authentication failed"):
        psycopg2.connect(host=dsn.host, port=dsn.port, user=pg_serving.READER, password="wrong", dbname=SERVING)


def test_readers_during_a_publish_see_the_old_marts_or_the_new_never_half(
    sample_warehouse, dongchangfu_warehouse, serving_database
):
    tables = ["fct_tickets", "fct_unit_period_metrics", "fct_unit_period_scores", "fct_file_reconciliation"]
    states = [duckdb_counts(sample_warehouse, tables), duckdb_counts(dongchangfu_warehouse, tables)]
    assert all(states[0][t] != states[1][t] for t in tables)
    publish(sample_warehouse)
    seen, errors, stop = [], [], threading.Event()

    def read_continuously():
        con = reader()
        try:
            with con.cursor() as cur:
                while not stop.is_set():
                    for table in tables:
                        cur.execute(f"select count(*) from marts.{table}")
                        seen.append((table, cur.fetchone()[0]))
        except Exception as error:  # noqa: BLE001 (any error a reader meets fails the test)
            errors.append(repr(error))
        finally:
            con.close()

    threads = [threading.Thread(target=read_continuously) for _ in range(3)]
    for thread in threads:
        thread.start()
    time.sleep(0.5)
    before = len(seen)
    publish(dongchangfu_warehouse)
    during = len(seen) - before
    time.sleep(0.5)
    stop.set()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors[:3]
    assert during > 0, "no reader query ran while the publish did"
    half = [(t, n) for t, n in seen if n not in (states[0][t], states[1][t])]
    assert not half, half[:5]
    last = {t: n for t, n in seen}
    assert last == states[1]


def test_the_job_publishes_to_postgres_after_the_checks_and_never_past_a_failed_one(
    sample_warehouse, pg_server, tmp_path, monkeypatch
):
    import shutil

    from dagster import AssetSelection, DagsterInstance, Definitions, define_asset_job, in_process_executor

    from tests.python.test_orchestration import ENV_KEYS

    working = tmp_path / "hotline.duckdb"
    shutil.copyfile(sample_warehouse, working)
    for key in ENV_KEYS:
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("HOTLINE_DUCKDB_PATH", str(working))
    monkeypatch.setenv("HOTLINE_GX_DIR", str(tmp_path / "gx"))
    monkeypatch.setenv("HOTLINE_SERVING", "duckdb,postgres")
    monkeypatch.setenv("HOTLINE_PG_SERVING_DATABASE", "hotline_test_job")
    monkeypatch.setenv("HOTLINE_PG_READER_PASSWORD", "reader's secret")
    subprocess_env = {k: v for k, v in os.environ.items() if k != "DBT_TARGET_PATH"}
    subprocess.run(
        [str(Path(sys.executable).parent / "dbt"), "parse", "--quiet"], cwd=PROJECT_DIR, env=subprocess_env, check=True
    )  # fmt: skip  (dagster-dbt reads target/manifest.json)
    from orchestration.definitions import defs
    from orchestration.serving import serving_warehouse

    job = define_asset_job(
        "audit_and_publish", AssetSelection.assets(serving_warehouse), executor_def=in_process_executor
    )
    merged = Definitions.merge(defs, Definitions(jobs=[job]))

    def publish_run():
        return merged.resolve_job_def("audit_and_publish").execute_in_process(
            instance=DagsterInstance.ephemeral(), raise_on_error=False
        )

    def published() -> tuple:
        con = server().connect("hotline_test_job")
        try:
            with con.cursor() as cur:
                cur.execute("select published_at from marts._publication")
                at = cur.fetchone()[0]
                cur.execute("select sum(closed_count) from marts.fct_unit_period_metrics")
                return at, cur.fetchone()[0]
        finally:
            con.close()

    assert publish_run().success
    first = published()
    assert first[1] == duckdb_closed(working)
    # the serving file carries the descriptions as comments too
    serving = duckdb.connect(str(tmp_path / "hotline_serving.duckdb"), read_only=True)
    try:
        comment = serving.execute(
            "select comment from duckdb_columns() where schema_name = 'marts' "
            "and table_name = 'fct_unit_period_metrics' and column_name = 'handled_count'"
        ).fetchone()[0]
    finally:
        serving.close()
    assert comment.startswith("承办量: tickets assigned to the unit")
    con = duckdb.connect(str(working))
    con.execute("update marts.fct_unit_period_metrics set closed_count = closed_count + 1 where unit_id = 'QH001'")
    con.close()
    assert not publish_run().success  # units_reconcile fails: nothing is published anywhere
    assert published() == first


def duckdb_closed(database) -> int:
    con = duckdb.connect(str(database), read_only=True)
    try:
        return con.execute("select sum(closed_count) from marts.fct_unit_period_metrics").fetchone()[0]
    finally:
        con.close()
