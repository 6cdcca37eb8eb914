"""The whole warehouse on PostgreSQL: the same models give the same marts as on DuckDB.

Both builds run the real pipeline (python -m hotline build's code: configuration
seeds, the sample seeded or the fixture landed, COPY into PostgreSQL's raw schema,
then dbt build with every data test and unit test on the pg target). Every table of
the ``marts`` schema is then compared row for row: counts, ranks and texts exactly,
decimals (scores) exactly, floating-point rates within 1e-9.
"""

from __future__ import annotations

import csv
from decimal import Decimal

import pytest

from hotline import pg_server
from tests.python.conftest import FIXTURES
from tests.python.marts_compare import assert_same_marts, duckdb_marts, rows_of

pytestmark = pytest.mark.slow


def postgres_marts(database: str) -> dict[str, tuple[list[str], list[tuple]]]:
    con = pg_server.server().connect(database)
    try:
        with con.cursor() as cur:
            cur.execute(
                "select table_name from information_schema.tables where table_schema = 'marts' "
                "and table_type = 'BASE TABLE' order by 1"
            )
            names = [n for (n,) in cur.fetchall()]
            marts = {}
            for name in names:
                cur.execute(f'select * from marts."{name}"')
                marts[name] = rows_of(cur)
            return marts
    finally:
        con.close()


def test_the_sample_gives_the_same_marts_on_both_engines(sample_warehouse, sample_on_postgres):
    duck, pg = duckdb_marts(sample_warehouse), postgres_marts(sample_on_postgres)
    assert len(duck) >= 20 and sum(len(rows) for _, rows in duck.values()) > 5000
    assert_same_marts(duck, pg)


def test_the_dongchangfu_bulletin_gives_the_same_marts_on_both_engines(dongchangfu_warehouse, dongchangfu_on_postgres):
    duck, pg = duckdb_marts(dongchangfu_warehouse), postgres_marts(dongchangfu_on_postgres)
    assert_same_marts(duck, pg)
    # and straight from the printed bulletin: table 1's total scores and overall ranks, on PostgreSQL
    with open(FIXTURES / "dongchangfu_2024_02" / "expected" / "table1_towns.csv", encoding="utf-8") as handle:
        printed = {r["unit_name"]: (Decimal(r["total_score"]), int(r["overall_rank"])) for r in csv.DictReader(handle)}
    con = pg_server.server().connect(dongchangfu_on_postgres)
    try:
        with con.cursor() as cur:
            cur.execute(
                "select s.unit_name, s.total_score, r.overall_rank from marts.fct_unit_period_scores s "
                "join marts.fct_unit_period_rankings r using (jurisdiction, period_label, unit_id) "
                "where s.jurisdiction = '东昌府区' and s.period_label = '2024-02' and r.tier_id = 'dc_towns'"
            )
            actual = {name: (score.normalize(), rank) for name, score, rank in cur.fetchall()}
    finally:
        con.close()
    assert len(printed) == 15
    assert actual == {name: (score.normalize(), rank) for name, (score, rank) in printed.items()}


def test_a_given_server_is_used_and_nothing_is_started(pg_server, tmp_path, monkeypatch):
    from hotline import engines

    monkeypatch.setenv("HOTLINE_PG_DSN", pg_server.url())
    monkeypatch.setenv("HOTLINE_PG_DATA", str(tmp_path / "never_made"))
    dsn = engines.pg("hotline_test_given")
    assert (dsn.host, dsn.port, dsn.user) == (pg_server.host, pg_server.port, pg_server.user)
    con = dsn.connect()
    try:
        with con.cursor() as cur:
            cur.execute("select current_database()")
            assert cur.fetchone()[0] == "hotline_test_given"  # made on the given server
    finally:
        con.close()
    assert not (tmp_path / "never_made").exists()
    env = engines.dbt_env("postgres", "hotline_test_given")
    assert env["HOTLINE_PG_PORT"] == str(pg_server.port) and env["HOTLINE_DBT_TARGET"] == "pg"
    assert "hotline.phone_salt=" in env["PGOPTIONS"]


def test_any_salt_reaches_a_postgres_session_as_it_is(pg_server, monkeypatch):
    from hotline import engines

    salt = "a salt with spaces, a back\\slash and a 'quote'"
    monkeypatch.setenv("HOTLINE_PHONE_SALT", salt)
    monkeypatch.delenv("PGOPTIONS", raising=False)
    monkeypatch.setenv("PGOPTIONS", engines.dbt_env("postgres")["PGOPTIONS"])  # as dbt's sessions get it
    con = pg_server.connect()
    try:
        with con.cursor() as cur:
            cur.execute("select current_setting('hotline.phone_salt')")
            assert cur.fetchone()[0] == salt
    finally:
        con.close()


def test_the_job_checks_and_publishes_what_postgres_built(sample_on_postgres, tmp_path, monkeypatch):
    """Dagster's serving asset with HOTLINE_ENGINE=postgres: the GX checks run on a copy of what
    PostgreSQL holds, and the serving copy holds exactly PostgreSQL's marts."""
    from tests.python.serving_job import checked_and_published

    working = tmp_path / "hotline.duckdb"  # only its folder is used: the results copy goes there
    served = checked_and_published(monkeypatch, tmp_path, "postgres", working, HOTLINE_PG_DATABASE=sample_on_postgres)
    assert_same_marts(postgres_marts(sample_on_postgres), served, "the serving copy")
