"""The lake: landed files and configuration as Parquet, in a layout any engine reads.

    <lake>/raw/<table>/file_hash=<sha256>/part-0.parquet   one folder per landed file
    <lake>/raw/<table>/schema/part-0.parquet               no rows: the table's columns
    <lake>/config/<seed>/part-0.parquet                    configuration seeds, whole
    <lake>/reference/<seed>/part-0.parquet                 reference seeds, whole
    <lake>/.staging/                                       a file being landed (never read)

The loader writes each accepted export here once, normalised (UTF-8 text, the
contract's column names, lineage columns), by content hash (hotline.landing): the
folder is written under ``.staging`` and renamed into place inside the transaction
that records the file in ``raw.landed_files``. DuckDB's ``raw.<table>`` is a view
over the folders of the files ``landed_files`` holds (``attach_views``), so a folder
left by a killed run is never read, and is swept by the next landing. Spark reads
the same folders as its raw tables (macros/engine_functions.sql).

``sync_lake`` brings what only DuckDB holds into the lake for Spark: configuration
and reference seeds (whole), the rejected-record and file tables, and raw tables
that are DuckDB tables (the embedded sample, loaded by ``dbt seed``).
"""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

import duckdb

from hotline.contract import CONTRACTS, Contract
from hotline.settings import duckdb_config

WHOLE_SCHEMAS = ("config", "reference")  # small: rewritten whole on every sync
SCHEMA_FOLDER = "schema"  # read with the rest (a folder named _x or .x is hidden to Spark)
HASH_PREFIX = "file_hash="
STAGING = ".staging"
PARQUET = "(format parquet, compression snappy)"
LINEAGE_TYPES = (
    ("_source_file", "varchar"),
    ("_file_hash", "varchar"),
    ("_source_row", "bigint"),
    ("_loaded_at", "timestamp"),
)


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
            f"copy ({select}) to {_literal(str(staging / 'part-0.parquet'))} {PARQUET}",
            parameters or [],
        )
        if folder.exists():
            shutil.rmtree(folder)
        staging.rename(folder)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def file_folder(lake: Path, table: str, digest: str) -> Path:
    return lake / "raw" / table / (HASH_PREFIX + digest)


def staging_folder(lake: Path) -> Path:
    """A new folder to write one file's Parquet in, outside every table's folder."""
    folder = lake / STAGING / uuid.uuid4().hex
    folder.mkdir(parents=True)
    return folder


def place(staging: Path, lake: Path, table: str, digest: str) -> Path:
    """Move a written file folder into its table (replacing what a killed run left there)."""
    target = file_folder(lake, table, digest)
    if target.exists():
        shutil.rmtree(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging.rename(target)
    return target


def _columns(contract: Contract) -> list[tuple[str, str]]:
    return [(name, "varchar") for name in contract.names] + list(LINEAGE_TYPES)


def attach_views(con, lake: Path) -> None:
    """Make each contract's ``raw.<table>`` a view over the lake's folders of landed files.

    Run by every landing, in the loader's connection, before it writes: the lake gets
    its folders (owner-only: they hold personal data) and each table's column list; a
    warehouse whose raw tables are still DuckDB tables (landed by an earlier version)
    has their rows moved into the lake first, file by file.
    """
    lake.mkdir(mode=0o700, parents=True, exist_ok=True)
    lake.chmod(0o700)
    for contract in CONTRACTS:
        folder = lake / "raw" / contract.table
        folder.mkdir(parents=True, exist_ok=True)
        columns = _columns(contract)
        _write(
            con,
            "select " + ", ".join(f"cast(null as {t}) as {n}" for n, t in columns) + " limit 0",
            folder / SCHEMA_FOLDER,
        )
        if raw_kind(con, contract.table) == "BASE TABLE":
            _move_table(con, contract, lake)
        _require_folders(con, contract.table, lake)
        select = ", ".join(n for n, _ in columns)
        pattern = _literal(str(folder / "*" / "part-0.parquet"))
        con.execute(
            f"create or replace view raw.{contract.table} as select {select} from read_parquet({pattern}, "
            "union_by_name = true, hive_partitioning = false) "
            "where _file_hash in (select _file_hash from raw.landed_files)"
        )
    sweep(con, lake)


class LakeMissing(Exception):
    """Landed files whose rows the lake does not hold: the DuckDB file moved without its lake."""


def _require_folders(con, table: str, lake: Path) -> None:
    landed = con.execute(
        "select _file_hash, _source_file from raw.landed_files where contract = ? and row_count > 0", [table]
    ).fetchall()
    missing = [name for digest, name in landed if not file_folder(lake, table, digest).is_dir()]
    if missing:
        raise LakeMissing(
            f"the lake {lake} lacks the rows of {len(missing)} landed file(s) of raw.{table} "
            f"(first: {missing[0]}): the warehouse file was copied or moved without its lake folder. "
            "Put the lake beside it again, or point HOTLINE_LAKE_DIR at it (hotline.lake.copy_warehouse copies both)."
        )


def copy_warehouse(source: Path, target: Path) -> None:
    """Copy a working warehouse: the DuckDB file and the lake its raw views read."""
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    lake, copy = lake_path(source), lake_path(target)
    if lake.is_dir() and lake != copy:  # one HOTLINE_LAKE_DIR for both: nothing to copy
        shutil.copytree(lake, copy, dirs_exist_ok=True)


def raw_kind(con, table: str) -> str | None:
    """'BASE TABLE', 'VIEW' or None: what raw.<table> is in this DuckDB file."""
    row = con.execute(
        "select table_type from information_schema.tables where table_schema = 'raw' and table_name = ?", [table]
    ).fetchone()
    return row[0] if row else None


def _move_table(con, contract: Contract, lake: Path) -> None:
    """An earlier version's raw table into the lake, file by file, then dropped (a rerun redoes it)."""
    present = {
        n
        for (n,) in con.execute(
            "select column_name from information_schema.columns where table_schema = 'raw' and table_name = ?",
            [contract.table],
        ).fetchall()
    }
    select = ", ".join(n if n in present else f"cast(null as {t}) as {n}" for n, t in _columns(contract))
    source = f"raw.{contract.table}"
    for (digest,) in con.execute(f"select distinct _file_hash from {source}").fetchall():
        staging = staging_folder(lake)
        con.execute(
            f"copy (select {select} from {source} where _file_hash = ? order by _source_row) "
            f"to {_literal(str(staging / 'part-0.parquet'))} {PARQUET}",
            [digest],
        )
        place(staging, lake, contract.table, digest)
    con.execute(f"drop table {source}")


def sweep(con, lake: Path) -> list[Path]:
    """Remove folders no landed file owns: a killed landing's staging, a retired file's rows."""
    # (the views read raw/<table>/*/part-0.parquet: nothing half-written may stay there)
    landed = {h for (h,) in con.execute("select _file_hash from raw.landed_files").fetchall()}
    gone = sorted((lake / STAGING).glob("*")) if (lake / STAGING).is_dir() else []
    for contract in CONTRACTS:
        folder = lake / "raw" / contract.table
        gone += [p for p in folder.glob(HASH_PREFIX + "*") if p.name.removeprefix(HASH_PREFIX) not in landed]
        gone += list(folder.glob(".*"))  # a schema file whose write was killed half-way
    for path in gone:
        shutil.rmtree(path, ignore_errors=True)
    return gone


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
        views = {c.table for c in CONTRACTS if raw_kind(con, c.table) == "VIEW"}
        if views:  # landed files: already in the lake; a killed run's leftovers go
            sweep(con, lake)
        for table in _tables(con, "raw"):
            if table not in views:
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
