"""The whole warehouse on PostgreSQL: the same models give the same marts as on DuckDB.

Both builds run the real pipeline (python -m hotline build's code: configuration
seeds, the sample seeded or the fixture landed, COPY into PostgreSQL's raw schema,
then dbt build with every data test and unit test on the pg target). Every table of
the ``marts`` schema is then compared row for row: counts, ranks and texts exactly,
decimals (scores) exactly, floating-point rates within 1e-9.
"""

from __future__ import annotations

import csv
import math
from datetime import date, datetime
from decimal import Decimal

import duckdb
import pytest

from hotline import pg_server
from tests.python.conftest import FIXTURES

pytestmark = pytest.mark.slow

RATE_TOLERANCE = 1e-9


def duckdb_marts(database) -> dict[str, tuple[list[str], list[tuple]]]:
    con = duckdb.connect(str(database), read_only=True)
    try:
        names = [
            n
            for (n,) in con.execute(
                "select table_name from information_schema.tables where table_schema = 'marts' order by 1"
            ).fetchall()
        ]
        return {n: _table(con.execute(f'select * from marts."{n}"')) for n in names}
    finally:
        con.close()


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
                marts[name] = _table(cur)
            return marts
    finally:
        con.close()


def _table(cursor) -> tuple[list[str], list[tuple]]:
    columns = [d[0] for d in cursor.description]
    return columns, sorted(cursor.fetchall(), key=_sort_key)


def _sort_key(row: tuple) -> tuple:
    # floats rounded for ordering only, so a last-digit difference cannot reorder rows
    return tuple((0, "") if v is None else (1, f"{v:.6f}" if isinstance(v, float) else str(v)) for v in row)


def _same(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, float) or isinstance(b, float):
        return math.isclose(float(a), float(b), rel_tol=0, abs_tol=RATE_TOLERANCE)
    if isinstance(a, Decimal) or isinstance(b, Decimal):
        return Decimal(a) == Decimal(b)
    if isinstance(a, datetime | date) and isinstance(b, datetime | date):
        return a == b
    return a == b


def assert_same_marts(duck: dict, pg: dict) -> None:
    assert sorted(pg) == sorted(duck), "the two engines publish different tables"
    for name, (columns, rows) in duck.items():
        pg_columns, pg_rows = pg[name]
        assert pg_columns == columns, f"marts.{name}: columns differ"
        assert len(pg_rows) == len(rows), f"marts.{name}: {len(rows)} rows on DuckDB, {len(pg_rows)} on PostgreSQL"
        for index, (left, right) in enumerate(zip(rows, pg_rows, strict=True)):
            differing = [c for c, a, b in zip(columns, left, right, strict=True) if not _same(a, b)]
            assert not differing, f"marts.{name} row {index}: {differing} differ: {left} != {right}"


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
