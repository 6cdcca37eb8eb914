"""The whole warehouse on Apache Spark: the same models give the same marts as on DuckDB.

Both builds run the real pipeline (python -m hotline build's code with
HOTLINE_ENGINE=spark: every seed into DuckDB, the landed rows and configuration
written to the Parquet lake, then dbt build with every data test and unit test on a
local Spark session). Spark's marts are read from the Parquet files it wrote, the
way the checks and the publish read them, and compared with DuckDB's row for row.
"""

from __future__ import annotations

import csv
from decimal import Decimal

import duckdb
import pytest

from hotline.lake import lake_path
from hotline.spark import open_tables, tables_folder
from tests.python.conftest import FIXTURES
from tests.python.marts_compare import assert_same_marts, duckdb_marts, marts_of

pytestmark = pytest.mark.slow


def spark_marts(working) -> dict:
    con = open_tables(tables_folder(working), lake_path(working))
    try:
        return marts_of(con)
    finally:
        con.close()


def test_the_sample_gives_the_same_marts_on_spark(sample_warehouse, sample_on_spark):
    duck, spark = duckdb_marts(sample_warehouse), spark_marts(sample_on_spark)
    assert len(duck) >= 20 and sum(len(rows) for _, rows in duck.values()) > 5000
    assert_same_marts(duck, spark, "Spark")


def test_the_dongchangfu_bulletin_gives_the_same_marts_on_spark(dongchangfu_warehouse, dongchangfu_on_spark):
    assert_same_marts(duckdb_marts(dongchangfu_warehouse), spark_marts(dongchangfu_on_spark), "Spark")
    # and straight from the printed bulletin: table 1's total scores and overall ranks, as Spark wrote them
    with open(FIXTURES / "dongchangfu_2024_02" / "expected" / "table1_towns.csv", encoding="utf-8") as handle:
        printed = {r["unit_name"]: (Decimal(r["total_score"]), int(r["overall_rank"])) for r in csv.DictReader(handle)}
    marts = tables_folder(dongchangfu_on_spark) / "marts.db"
    con = duckdb.connect()
    try:
        rows = con.execute(
            "select s.unit_name, s.total_score, r.overall_rank "
            "from read_parquet(?) s join read_parquet(?) r using (jurisdiction, period_label, unit_id) "
            "where s.jurisdiction = '东昌府区' and s.period_label = '2024-02' and r.tier_id = 'dc_towns'",
            [
                str(marts / "fct_unit_period_scores" / "*.parquet"),
                str(marts / "fct_unit_period_rankings" / "*.parquet"),
            ],
        ).fetchall()
    finally:
        con.close()
    assert len(printed) == 15
    assert {name: (Decimal(score).normalize(), rank) for name, score, rank in rows} == {
        name: (score.normalize(), rank) for name, (score, rank) in printed.items()
    }


def test_the_lake_holds_every_landed_row_once(dongchangfu_warehouse, dongchangfu_on_spark):
    """Each landed file is one Parquet folder named by its content hash, with exactly its rows."""
    lake = lake_path(dongchangfu_on_spark) / "raw" / "ticket_exports"
    con = duckdb.connect(str(dongchangfu_warehouse), read_only=True)
    try:
        landed = dict(con.execute("select _file_hash, count(*) from raw.ticket_exports group by 1").fetchall())
        in_lake = {
            folder.name.removeprefix("file_hash="): con.execute(
                "select count(*) from read_parquet(?)", [str(folder / "part-0.parquet")]
            ).fetchone()[0]
            for folder in lake.glob("file_hash=*")
        }
    finally:
        con.close()
    assert landed and in_lake == landed


def test_the_job_checks_and_publishes_what_spark_wrote(sample_on_spark, tmp_path, monkeypatch):
    """Dagster's serving asset with HOTLINE_ENGINE=spark: the GX checks run on Spark's Parquet
    marts, and the serving copy holds exactly those marts."""
    from tests.python.serving_job import checked_and_published

    served = checked_and_published(monkeypatch, tmp_path, "spark", sample_on_spark)
    assert_same_marts(spark_marts(sample_on_spark), served, "the serving copy")
