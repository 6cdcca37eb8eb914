"""The floor: the same transformations run directly on DuckDB, without dbt.

`write_scripts` takes dbt's compiled SQL of every model (full-refresh form) and
writes one script per layer (staging, intermediate, marts) of plain
`create or replace table|view … as …` statements in dependency order. Running
them on a DuckDB file whose raw tables were filled by bare `read_csv` is what
the warehouse is measured against: DuckDB doing the same work with nothing
around it (no dbt process, no tests, no per-node overhead).
"""

from __future__ import annotations

import json
import shutil
import sys
from datetime import datetime
from graphlib import TopologicalSorter
from pathlib import Path

import duckdb
import pandas as pd

from bench.measure import measure
from bench.numbers import compare, unit_periods
from hotline.dbt_cli import dbt_executable
from hotline.settings import PROJECT_DIR, duckdb_config

LAYERS = ("staging", "intermediate", "marts")


def write_scripts(target: Path, out: Path) -> dict[str, Path]:
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    models = {k: n for k, n in manifest["nodes"].items() if n["resource_type"] == "model"}
    order = list(
        TopologicalSorter(
            {k: [d for d in n["depends_on"]["nodes"] if d in models] for k, n in models.items()}
        ).static_order()
    )
    # a model runs with the earliest layer that needs it (the conformed dimensions the
    # intermediate models join are built with them), so the scripts run in layer order
    layer = {k: LAYERS.index(n["fqn"][1]) if n["fqn"][1] in LAYERS else 2 for k, n in models.items()}
    for key in reversed(order):
        for dependency in models[key]["depends_on"]["nodes"]:
            if dependency in models:
                layer[dependency] = min(layer[dependency], layer[key])
    scripts: dict[str, list[str]] = {name: [] for name in LAYERS}
    for key in order:
        node = models[key]
        compiled = target / "compiled" / node["package_name"] / node["original_file_path"]
        sql = compiled.read_text(encoding="utf-8").strip().rstrip(";")
        kind = "view" if node["config"]["materialized"] == "view" else "table"
        statement = f'create or replace {kind} "{node["schema"]}"."{node["alias"]}" as (\n{sql}\n);'
        scripts[LAYERS[layer[key]]].append(statement)
    out.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, statements in scripts.items():
        path = out / f"{name}.sql"
        body = "\n\n".join(statements)
        schemas = "".join(f"create schema if not exists {name};\n" for name in LAYERS)
        path.write_text(f"{schemas}\n{body}\n", encoding="utf-8")
        paths[name] = path
    return paths


def ingest(files: list[Path], database: Path) -> int:
    """Bare read_csv of every ticket export into raw.ticket_exports (the ingestion floor)."""
    con = duckdb.connect(str(database), config=duckdb_config())
    con.execute("create schema if not exists raw")
    con.execute("drop table if exists raw.ticket_exports_floor")
    first = True
    for path in files:
        read = f"select * from read_csv('{path}', header = true, all_varchar = true)"
        con.execute(
            f"create table raw.ticket_exports_floor as {read}"
            if first
            else f"insert into raw.ticket_exports_floor {read}"
        )
        first = False
    rows = con.execute("select count(*) from raw.ticket_exports_floor").fetchone()[0]
    con.close()
    return rows


def run_scripts(database: Path, scripts: list[Path]) -> None:
    """Run the layer scripts under the warehouse's own memory limit (a fair floor)."""
    con = duckdb.connect(str(database), config=duckdb_config())
    for script in scripts:
        con.execute(script.read_text(encoding="utf-8"))
    con.close()


def copy_inputs(warehouse: Path, floor: Path, leave_out: list[str] | None = None) -> None:
    """The floor's inputs: the built warehouse's raw rows (less the files left out) and its configuration."""
    con = duckdb.connect(str(floor))
    try:
        con.execute(f"attach '{warehouse}' as built (read_only)")
        for schema in ("raw", "reference", "config"):
            con.execute(f"create schema {schema}")
            for (table,) in con.execute(
                "select table_name from information_schema.tables where table_catalog = 'built' and table_schema = ?",
                [schema],
            ).fetchall():
                keep = " where _source_file not in (select unnest(?))" if schema == "raw" and leave_out else ""
                source = f"select * from built.{schema}.{table}{keep}"
                con.execute(f"create table {schema}.{table} as {source}", [leave_out] if keep else [])
    finally:
        con.close()


def compile_floor(env: dict, floor_dir: Path, log) -> dict[str, Path]:
    """dbt's full-refresh SQL for the floor's database, compiled into the floor's own target folder.

    Its own folder, so that the warehouse's target keeps the partial-parse state of the
    warehouse's profile, as a production run's does between runs.
    """
    target = floor_dir / "target"
    env = {**env, "DBT_TARGET_PATH": str(target)}
    measure("compile", [dbt_executable(), "compile", "--full-refresh"], env, cwd=PROJECT_DIR, log=log)
    return write_scripts(target, floor_dir / "sql")


def rerun_floor(size: int, data_root: Path, results_dir: Path) -> dict:
    """Measure the floor again for a recorded size, on the raw rows of the full build (24 periods)."""
    data = data_root / str(size)
    record_path = results_dir / f"{size}.json"
    record = json.loads(record_path.read_text())
    warehouse, floor = data / "warehouse" / "hotline.duckdb", data / "floor" / "hotline.duckdb"
    shutil.rmtree(floor.parent, ignore_errors=True)
    floor.parent.mkdir(parents=True)
    copy_inputs(warehouse, floor, leave_out=[p.name for p in (data / "next").glob("*.csv")])
    env = {"HOTLINE_DUCKDB_PATH": str(floor), "DBT_LOG_PATH": str(data / "logs")}
    with open(data / "bench.log", "a", encoding="utf-8") as log:
        scripts = compile_floor(env, floor.parent, log)
        result = measure(
            "full build floor (DuckDB SQL)",
            [
                sys.executable,
                "-m",
                "bench.steps",
                "floor-build",
                "--db",
                str(floor),
                "--scripts",
                *[str(scripts[n]) for n in ("staging", "intermediate", "marts")],
            ],
            env,
            cwd=PROJECT_DIR,
            log=log,
        )
    if not result.ok:
        raise SystemExit("floor step failed")
    result.note = f"re-measured {datetime.now():%Y-%m-%d %H:%M} under the warehouse's memory limit"
    record["phases"] = [vars(result) if p["phase"] == result.phase else p for p in record["phases"]]
    numbers = unit_periods(floor)
    pandas_out = data / "pandas_unit_periods.csv"
    if pandas_out.exists():
        record["comparisons"]["floor vs pandas"] = compare(
            numbers, pd.read_csv(pandas_out, dtype={"unit_id": str, "period": str})
        )
    record_path.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n")
    return record
