"""The lake: landed files and configuration as Parquet, in a layout any engine reads.

    <lake>/raw/<table>/file_hash=<sha256>/part-0.parquet   one folder per landed file
    <lake>/raw/<table>/schema/part-0.parquet               no rows: the table's columns
    <lake>/config/<seed>/part-0.parquet                    configuration seeds, whole
    <lake>/reference/<seed>/part-0.parquet                 reference seeds, whole

The loader has already read, checked and normalised every export into DuckDB's
``raw`` schema (UTF-8 text, the contract's column names, lineage columns);
``sync_lake`` writes each file's rows once, by content hash, the way pg_copy keeps
PostgreSQL in step: a folder appears whole (written beside, then renamed) or not at
all, files retired locally disappear from the lake, an unchanged file is never
rewritten. Spark reads these folders as its raw, config and reference tables
(macros/engine_functions.sql), so the same rows reach every engine.
"""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

import duckdb

from hotline.settings import duckdb_config

WHOLE_SCHEMAS = ("config", "reference")  # small: rewritten whole on every sync
SCHEMA_FOLDER = "schema"  # read with the rest (a folder named _x or .x is hidden to Spark)
HASH_PREFIX = "file_hash="


def lake_path(working: Path | None = None) -> Path:
    """HOTLINE_LAKE_DIR, else ``lake`` beside the working warehouse (DuckDB file)."""
    from hotline.settings import duckdb_path

    return Path(os.environ.get("HOTLINE_LAKE_DIR") or (working or duckdb_path()).parent / "lake").absolute()


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _tables(con, schema: str) -> list[str]:
    rows = con.execute(
        "select table_name from information_schema.tables where table_schema = ? order by 1", [schema]
    ).fetchall()
    return [name for (name,) in rows]


def _write(con, select: str, folder: Path, parameters: list | None = None) -> None:
    """COPY a query into folder/part-0.parquet, the folder replaced only once the file is whole."""
    staging = folder.with_name(f".{folder.name}.{uuid.uuid4().hex}")
    staging.mkdir(parents=True)
    try:
        con.execute(
            f"copy ({select}) to {_literal(str(staging / 'part-0.parquet'))} (format parquet, compression snappy)",
            parameters or [],
        )
        if folder.exists():
            shutil.rmtree(folder)
        staging.rename(folder)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _sync_raw_table(con, table: str, folder: Path) -> int:
    """Write the files of raw.<table> the lake lacks, remove those gone; rows written."""
    folder.mkdir(parents=True, exist_ok=True)
    source = f"raw.{_quote(table)}"
    _write(con, f"select * from {source} limit 0", folder / SCHEMA_FOLDER)
    local = {h for (h,) in con.execute(f"select distinct _file_hash from {source}").fetchall()}
    present = {p.name.removeprefix(HASH_PREFIX) for p in folder.glob(HASH_PREFIX + "*") if p.is_dir()}
    for gone in sorted(present - local):
        shutil.rmtree(folder / (HASH_PREFIX + gone))
    for leftover in folder.glob(".*"):  # a sync killed half-way: its unfinished folder
        shutil.rmtree(leftover, ignore_errors=True)
    written = 0
    for digest in sorted(local - present):
        _write(con, f"select * from {source} where _file_hash = ?", folder / (HASH_PREFIX + digest), [digest])
        written += con.execute(f"select count(*) from {source} where _file_hash = ?", [digest]).fetchone()[0]
    return written


def sync_lake(working: Path, lake: Path | None = None) -> dict[str, int]:
    """Bring the lake in step with the working DuckDB file's raw, config and reference schemas.

    Returns rows written per raw table (configuration is small and rewritten whole).
    """
    lake = lake or lake_path(working)
    written: dict[str, int] = {}
    con = duckdb.connect(str(working), read_only=True, config=duckdb_config())
    try:
        for table in _tables(con, "raw"):
            written[table] = _sync_raw_table(con, table, lake / "raw" / table)
        for schema in WHOLE_SCHEMAS:
            tables = _tables(con, schema)
            for table in tables:
                _write(con, f"select * from {schema}.{_quote(table)}", lake / schema / table)
            for stale in (lake / schema).glob("*") if (lake / schema).exists() else []:
                if stale.name not in tables:
                    shutil.rmtree(stale)
    finally:
        con.close()
    return written
