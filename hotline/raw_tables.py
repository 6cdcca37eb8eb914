"""The raw tables the loader keeps, and the two ways a file's rows get into the lake.

A file's rows are written once, as Parquet (hotline.lake reads them as ``raw.<table>``):
DuckDB's reader straight into the file in one pass (the fast path), or, when it
meets a record it cannot read, the file record by record (hotline.records) with
the records it rejects set aside in ``raw.rejected_rows`` (number and reason, no
content). Every row keeps the file name, the content hash and its record number.
"""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb

from hotline.contract import CONTRACTS, Contract
from hotline.lake import PARQUET, attach_views, raw_kind
from hotline.records import records

EMPTY_COLUMN = "_empty_column_"  # the name of an empty trailing header column (never loaded)

LANDED_FILES_DDL = """
create table if not exists raw.landed_files (
    _file_hash varchar primary key,
    _source_file varchar not null,
    contract varchar not null,
    file_format varchar not null,
    encoding varchar not null,
    row_count bigint not null,
    rejected_count bigint not null,
    _loaded_at timestamp not null
)"""
# whole files refused, by content: an unchanged file is not tried (nor failed on) again
REJECTED_FILES_DDL = """
create table if not exists raw.rejected_files (
    _file_hash varchar primary key,
    _source_file varchar not null,
    reason varchar not null,
    rejected_at timestamp not null
)"""
REJECTED_ROWS_DDL = """
create table if not exists raw.rejected_rows (
    _source_file varchar not null,
    _file_hash varchar not null,
    _source_row bigint not null,
    contract varchar not null,
    reason varchar not null,
    _loaded_at timestamp not null
)"""


def _select(contract: Contract, names: list[str], source_row: str) -> str:
    """The contract's columns in its order (one the file lacks is null), then lineage."""
    columns = ", ".join(n if n in names else f"cast(null as varchar) as {n}" for n in contract.names)
    return (
        f"{columns}, cast(? as varchar) as _source_file, cast(? as varchar) as _file_hash, "
        f"{source_row} as _source_row, cast(current_timestamp as timestamp) as _loaded_at"
    )


def _copy(con, select: str, out: Path, parameters: list) -> int:
    out.unlink(missing_ok=True)
    return con.execute(f"copy ({select}) to '{_escape(out)}' {PARQUET}", parameters).fetchone()[0]


def _escape(path: Path) -> str:
    return str(path).replace("'", "''")


def _rejects_include(con, error_type: str) -> bool:
    exists = con.execute(
        "select count(*) from duckdb_tables() where table_name = 'landing_rejects' and temporary"
    ).fetchone()[0]
    return bool(exists) and bool(
        con.execute("select count(*) from landing_rejects where error_type = ?", [error_type]).fetchone()[0]
    )


def try_fast(
    con, contract, names, csv_path: Path, name: str, digest: str, out: Path, skip: int = 0
) -> tuple[int | None, bool]:
    """DuckDB's reader: (rows, False), or (None, whether invalid UTF-8 was the trouble) when it
    meets a record it cannot read, and the slow path takes over."""
    try:
        rows = _write_fast(con, contract, names, csv_path, name, digest, out, skip)
    except duckdb.Error:
        return None, False  # the transaction is spoilt: nothing more can be asked of it
    return rows, rows is None and _rejects_include(con, "INVALID UNICODE")


def ensure_raw_tables(con: duckdb.DuckDBPyConnection, lake: Path) -> None:
    """Create the tables the loader keeps (files, rejected records) and the lake's raw views."""
    con.execute("create schema if not exists raw")
    exists = con.execute(
        "select count(*) from information_schema.tables where table_schema = 'raw' and table_name = 'landed_files'"
    ).fetchone()[0]
    if not exists:
        # tables left by ``dbt seed`` (the embedded sample) are replaced by landed files
        for table in [c.table for c in CONTRACTS] + ["rejected_rows"]:
            _drop(con, table)
    con.execute(LANDED_FILES_DDL)
    con.execute(REJECTED_ROWS_DDL)
    con.execute(REJECTED_FILES_DDL)
    attach_views(con, lake)


def _drop(con, table: str) -> None:
    kind = raw_kind(con, table)
    if kind:
        con.execute(f"drop {'view' if kind == 'VIEW' else 'table'} raw.{table}")


def _write_fast(
    con, contract: Contract, names: list[str], csv_path: Path, name: str, digest: str, out: Path, skip: int = 0
) -> int | None:
    """One pass of DuckDB's reader straight into the file's Parquet; None when it met a malformed record.

    The caller runs this in a transaction and rolls it back on None, then re-reads
    the file record by record.
    """
    unnamed = [n for n in names if n.startswith(EMPTY_COLUMN)]
    if unnamed:  # a value under an empty trailing header: the record path rejects that record
        under = " or ".join(f"coalesce({n}, '') <> ''" for n in unnamed)
        found = con.execute(
            f"select count(*) from read_csv(?, header = true, all_varchar = true, delim = ',', quote = '\"', "
            f"escape = '\"', names = ?, skip = ?, ignore_errors = true) where {under}",
            [str(csv_path), names, skip],
        ).fetchone()[0]
        if found:
            return None
    select = _select(contract, names, "row_number() over ()")
    written = _copy(
        con,
        f"select {select} from read_csv(?, header = true, all_varchar = true, delim = ',', quote = '\"', "
        "escape = '\"', names = ?, skip = ?, store_rejects = true, rejects_table = 'landing_rejects', "
        "rejects_scan = 'landing_scans')",
        out,
        [name, digest, str(csv_path), names, skip],
    )
    if con.execute("select count(*) from landing_rejects").fetchone()[0]:
        return None
    return written


def write_by_record(
    con, contract, names, source: Path, encoding: str, name: str, digest: str, workdir: Path, out: Path, skip: int = 0
):
    """Slow path: the file record by record (hotline.records); rejected records are set aside."""
    good = workdir / "good.csv"
    rejected: list[tuple[int, str]] = []
    with open(good, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([*names, "_source_row"])
        unnamed = [i for i, n in enumerate(names) if n.startswith(EMPTY_COLUMN)]
        for record in records(source, encoding, len(names), skip):
            if record.fields is None:
                rejected.append((record.number, record.reason))
            elif any(record.fields[i].strip() for i in unnamed):
                positions = ", ".join(str(i + 1) for i in unnamed if record.fields[i].strip())
                rejected.append((record.number, f"malformed record: a value in column {positions}, with no header"))
            else:
                writer.writerow([*record.fields, record.number])
    written = _copy(
        con,
        f"select {_select(contract, names, 'cast(_source_row as bigint)')} from read_csv(?, header = true, "
        "all_varchar = true, delim = ',', quote = '\"', escape = '\"', max_line_size = 100000000)",
        out,
        [name, digest, str(good)],
    )
    good.unlink()
    for number, reason in rejected:
        con.execute(
            "insert into raw.rejected_rows values (?, ?, ?, ?, ?, current_timestamp)",
            [name, digest, number, contract.table, reason],
        )
    return written, len(rejected)
