"""`make bench SIZE=…`: time the warehouse against the raw-DuckDB floor and pandas, write BENCHMARKS.md.

    python -m bench --size 1000000 [--skip-pandas] [--pandas-limit-gb 16]
    python -m bench --size 1000000 --engine spark    (bench/spark_run.py: DuckDB and Spark side by side)

On one machine, in one run: generate clean exports of about SIZE tickets over 24
periods (reused when already in bench/data/<size>/), then measure, with wall
time, CPU time and peak RSS of each step's process tree:

  ingestion     the landing loader into raw.*     vs  bare read_csv of the same files
  full build    dbt build (models + every data test) vs  the same SQL run directly (bench/floor.py)
  incremental   one new period landed and built on top of the full history
  checks        the Great Expectations audit
  publish       the atomic copy to the serving file
  pandas        unit-period metrics, scores, ranks (bench/pandas_baseline.py), where it fits
  lean floor    the core path in one DuckDB script from the CSV files (bench/lean.py): typing,
                validation, scrubbing, versions, unit-period metrics; and one new period on top
  polars        the lean floor's work written with polars (bench/polars_baseline.py), where it fits

then check that the warehouse, the floors, pandas and polars give the same unit-period
numbers, and record the results in bench/results/<size>.json and BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from datetime import datetime
from importlib.metadata import version
from pathlib import Path

import pandas as pd

from bench.floor import compile_floor, copy_inputs, rerun_floor
from bench.measure import Measurement, measure
from bench.numbers import LEAN, LEAN_NEW, compare, machine, rows_in, unit_periods
from hotline.dbt_cli import dbt_executable
from hotline.generate import _write_period, generate
from hotline.settings import PROJECT_DIR
from hotline.test_scope import build_scope, record_passed

BENCH_DIR = PROJECT_DIR / "bench"
RESULTS_DIR = BENCH_DIR / "results"
PERIODS, FIRST, NEXT, PREVIOUS = 24, "2023-01", "2025-01", "2024-12"
JURISDICTION, SEED = "青禾县", 2023


def per_period(size: int) -> int:
    # a period's export also carries the previous period's tickets that were still open and
    # the reassigned sub-tickets of returns: about 1.12 rows per drawn ticket
    return max(1, round(size / PERIODS / 1.12))


def prepare_data(size: int, data: Path, log) -> tuple[Path, Path, float]:
    exports, following = data / "exports", data / "next"
    marker = data / "generated.json"
    wanted = {"size": size, "periods": PERIODS, "first": FIRST, "seed": SEED}
    if marker.exists() and json.loads(marker.read_text()) == wanted:
        return exports, following, 0.0
    for folder in (exports, following):
        shutil.rmtree(folder, ignore_errors=True)
    started = datetime.now()
    generate(exports, JURISDICTION, FIRST, PERIODS, per_period(size), SEED, "csv", workers=os.cpu_count() or 1)
    following.mkdir(parents=True)
    _write_period((following, JURISDICTION, SEED, per_period(size), NEXT, PREVIOUS, "csv", 0.0, 0.0, False, True))
    marker.write_text(json.dumps(wanted))
    seconds = (datetime.now() - started).total_seconds()
    print(f"generated {size:,} tickets in {seconds:.0f} s", file=log, flush=True)
    return exports, following, seconds


def node_seconds(run_results: Path, keep: Path, top: int = 8) -> dict:
    """dbt's node-seconds of a build (models, tests, the costliest nodes); its run_results kept as ``keep``."""
    shutil.copy(run_results, keep)
    nodes = json.loads(keep.read_text())["results"]
    costliest = sorted(nodes, key=lambda r: -r["execution_time"])[:top]
    return {
        "models": sum(r["execution_time"] for r in nodes if r["unique_id"].startswith("model.")),
        "tests": sum(r["execution_time"] for r in nodes if r["unique_id"].startswith(("test.", "unit_test."))),
        "costliest": [[r["unique_id"].split(".")[-1], round(r["execution_time"], 2)] for r in costliest],
        "model_seconds": {
            r["unique_id"].split(".")[-1]: round(r["execution_time"], 2)
            for r in nodes
            if r["unique_id"].startswith("model.")
        },
    }


def baseline(name: str, command: list[str], out: Path, results: list, env: dict, log) -> pd.DataFrame | None:
    """Run a baseline (pandas, polars) that may not fit in memory; its numbers, or None with a note."""
    print(f"[{datetime.now():%H:%M:%S}] {name}", file=log, flush=True)
    result = measure(name, command, env, cwd=PROJECT_DIR, log=log)
    if result.ok:
        results.append(result)
        return pd.read_csv(out, dtype={"unit_id": str, "period": str})
    note = "does not fit: failed within its address-space limit"
    results.append(Measurement(name, result.wall, result.cpu, result.peak_rss, False, note))
    return None


def run(
    size: int,
    skip_pandas: bool,
    pandas_limit_gb: float,
    data_root: Path = BENCH_DIR / "data",
    results_dir: Path = RESULTS_DIR,
) -> dict:
    data = data_root / str(size)
    data.mkdir(parents=True, exist_ok=True)
    log = open(data / "bench.log", "a", encoding="utf-8")  # noqa: SIM115
    exports, following, generation_seconds = prepare_data(size, data, log)
    warehouse, floor = data / "warehouse" / "hotline.duckdb", data / "floor" / "hotline.duckdb"
    for folder in (warehouse.parent, floor.parent):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
    env = {
        "HOTLINE_DUCKDB_PATH": str(warehouse),
        "DBT_TARGET_PATH": str(data / "target"),
        "DBT_LOG_PATH": str(data / "logs"),
        "PYTHONIOENCODING": "utf-8",
    }
    python, dbt = sys.executable, dbt_executable()
    steps = [python, "-m", "bench.steps"]
    results: list[Measurement] = []

    def timed(phase, command, extra=None):
        print(f"[{datetime.now():%H:%M:%S}] {phase}", file=log, flush=True)
        result = measure(phase, command, {**env, **(extra or {})}, cwd=PROJECT_DIR, log=log)
        print(
            f"  {phase}: {result.wall:.1f} s wall, {result.cpu:.1f} s CPU, {result.peak_rss_gb:.2f} GB",
            file=log,
            flush=True,
        )
        if not result.ok:
            raise SystemExit(f"benchmark step '{phase}' failed; see {data / 'bench.log'}")
        results.append(result)
        return result

    # configuration seeds: the same few kilobytes at every size, not measured
    measure("seeds", [dbt, "seed", "--full-refresh", "--exclude", "tag:sample"], env, cwd=PROJECT_DIR, log=log)
    timed("ingestion", [*steps, "land", "--exports", str(exports), "--db", str(warehouse)])
    timed(
        "ingestion floor (read_csv)",
        [*steps, "floor-ingest", "--exports", str(exports), "--db", str(data / "floor" / "read_csv.duckdb")],
    )
    # as hotline.pipeline runs a full refresh of landed exports: every data test, no unit tests
    # (they check the SQL against fixtures, in make test)
    extra, scope = build_scope(warehouse, incremental=False, unit_tests=False)
    timed("full build", [dbt, "build", "--exclude", "resource_type:seed", *extra], scope)
    record_passed(warehouse)  # as hotline.pipeline does after a passing build
    full_nodes = node_seconds(data / "target" / "run_results.json", data / "run_results_full_build.json")
    warehouse_numbers = unit_periods(warehouse)

    # the floor: same raw rows and configuration, the compiled SQL run directly
    copy_inputs(warehouse, floor)
    scripts = compile_floor({**env, "HOTLINE_DUCKDB_PATH": str(floor)}, floor.parent, log)
    timed(
        "full build floor (DuckDB SQL)",
        [
            *steps,
            "floor-build",
            "--db",
            str(floor),
            "--scripts",
            *[str(scripts[layer]) for layer in ("staging", "intermediate", "marts")],
        ],
    )
    floor_numbers = unit_periods(floor)

    pandas_numbers = None
    if not skip_pandas:
        pandas_out = data / "pandas_unit_periods.csv"
        pandas_numbers = baseline(
            "pandas", [*steps, "pandas", "--exports", str(exports), "--out", str(pandas_out), "--limit-gb",
                       str(pandas_limit_gb)], pandas_out, results, env, log,
        )  # fmt: skip
    pandas_note = next((r.note for r in results if r.phase == "pandas" and not r.ok), "")

    # the lean floor: the core path in one DuckDB script from the CSV files (bench/lean.py),
    # and polars doing the same work (bench/polars_baseline.py)
    lean_db, lean_out = data / "lean" / "lean.duckdb", data / "lean" / "unit_periods.csv"
    shutil.rmtree(lean_db.parent, ignore_errors=True)
    lean_db.parent.mkdir(parents=True)
    timed(LEAN, [*steps, "lean", "--exports", str(exports), "--db", str(lean_db), "--out", str(lean_out)])
    lean_numbers = pd.read_csv(lean_out, dtype={"unit_id": str, "period": str})
    lean_steps = json.loads((lean_db.parent / "steps.json").read_text())
    polars_numbers = baseline(
        "polars", [*steps, "polars", "--exports", str(exports), "--out", str(data / "polars_unit_periods.csv"),
                   "--limit-gb", str(pandas_limit_gb)], data / "polars_unit_periods.csv", results, env, log,
    )  # fmt: skip

    timed("incremental (one new period)", [*steps, "land", "--exports", str(following), "--db", str(warehouse)])
    incremental_land = results[-1]
    # as hotline.pipeline runs it: the tests of ticket-grain models read the rows no passing build tested,
    # no unit tests
    extra, scope = build_scope(warehouse, incremental=True, unit_tests=False)
    timed("incremental build", [dbt, "build", "--exclude", "resource_type:seed", *extra], scope)
    incremental_nodes = node_seconds(data / "target" / "run_results.json", data / "run_results_incremental_build.json")
    timed(
        "checks (GX)",
        [python, "-m", "orchestration.quality", "--database", str(warehouse)],
        {"HOTLINE_GX_DIR": str(data / "gx")},
    )
    timed(
        "publish", [*steps, "publish", "--db", str(warehouse), "--serving", str(data / "warehouse" / "serving.duckdb")]
    )
    lean_next = data / "lean" / "unit_periods_next.csv"
    timed(
        LEAN_NEW,
        [*steps, "lean", "--exports", str(following), "--db", str(lean_db), "--out", str(lean_next), "--append"],
    )

    comparisons = {"warehouse vs floor": compare(warehouse_numbers, floor_numbers)}
    if pandas_numbers is not None:
        comparisons["warehouse vs pandas"] = compare(warehouse_numbers, pandas_numbers)
    comparisons["warehouse vs lean floor"] = compare(warehouse_numbers, lean_numbers)
    if polars_numbers is not None:
        comparisons["warehouse vs polars"] = compare(warehouse_numbers, polars_numbers)
    comparisons["after the new period: warehouse vs lean floor"] = compare(
        unit_periods(warehouse), pd.read_csv(lean_next, dtype={"unit_id": str, "period": str})
    )
    record = {
        "size": size,
        "rows": rows_in(exports),
        "new_period_rows": rows_in(following),
        "date": datetime.now().isoformat(timespec="seconds"),
        "machine": machine(),
        "versions": {
            p: version(p)
            for p in (
                "dbt-core",
                "dbt-duckdb",
                "duckdb",
                "pandas",
                "polars",
                "great-expectations",
                "dagster",
                "dagster-dbt",
            )
        },
        "generation_seconds": generation_seconds,
        "phases": [vars(r) for r in results],
        "dbt_node_seconds": full_nodes,
        "incremental_node_seconds": incremental_nodes,
        "lean_steps": lean_steps,
        "incremental_land_wall": incremental_land.wall,
        "pandas_note": pandas_note,
        "comparisons": comparisons,
    }
    results_dir.mkdir(parents=True, exist_ok=True)
    (results_dir / f"{size}.json").write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n")
    log.close()
    return record


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--skip-pandas", action="store_true")
    parser.add_argument("--pandas-limit-gb", type=float, default=16)
    parser.add_argument("--no-report", action="store_true", help="do not rewrite BENCHMARKS.md")
    parser.add_argument("--floor-only", action="store_true", help="re-measure the floor of a recorded size")
    parser.add_argument("--engine", choices=["duckdb", "spark"], default="duckdb")
    args = parser.parse_args(argv)
    if args.engine == "spark":
        from bench.spark_run import run_spark

        data = BENCH_DIR / "data" / str(args.size)
        data.mkdir(parents=True, exist_ok=True)
        with open(data / "bench.log", "a", encoding="utf-8") as log:
            exports, following, _ = prepare_data(args.size, data, log)
            record = run_spark(args.size, exports, following, data, RESULTS_DIR, log)
    elif args.floor_only:
        record = rerun_floor(args.size, BENCH_DIR / "data", RESULTS_DIR)
    else:
        record = run(args.size, args.skip_pandas, args.pandas_limit_gb)
    from bench.report import write_report

    text = write_report(RESULTS_DIR, None if args.no_report else PROJECT_DIR / "BENCHMARKS.md")
    print(text)
    mismatches = {k: {c: n for c, n in v.items() if c != "rows" and n} for k, v in record["comparisons"].items()}
    if any(mismatches.values()):
        print(f"unit-period numbers differ: {mismatches}")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
