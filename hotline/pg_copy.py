"""Rows into PostgreSQL with COPY: the landed raw tables, and published marts.

PostgreSQL never parses an export itself: the loader has already read, checked
and normalised every file into DuckDB's ``raw`` schema (text in UTF-8, the
contract's column names, lineage columns). ``sync_raw`` makes PostgreSQL's ``raw``
schema hold the same files, by content hash: files retired locally are deleted
there, new ones are streamed with ``COPY ... FROM STDIN`` in PostgreSQL's text
format (a NULL stays NULL, an empty text stays empty), in batches, so memory stays
flat whatever the volume. ``dbt seed`` is never used for ticket volumes.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import duckdb

from hotline.settings import duckdb_config

BATCH_ROWS = 50_000
# DuckDB's types, as PostgreSQL spells them (DECIMAL(p,s) and the rest by prefix)
PG_TYPES = {
    "VARCHAR": "text",
    "BIGINT": "bigint",
    "INTEGER": "integer",
    "SMALLINT": "smallint",
    "HUGEINT": "numeric(38,0)",
    "DOUBLE": "double precision",
    "FLOAT": "real",
    "BOOLEAN": "boolean",
    "DATE": "date",
    "TIMESTAMP": "timestamp",
    "TIMESTAMP WITH TIME ZONE": "timestamptz",
}


def pg_type(duckdb_type: str) -> str:
    if duckdb_type.startswith("DECIMAL"):
        return duckdb_type.replace("DECIMAL", "numeric")
    try:
        return PG_TYPES[duckdb_type]
    except KeyError:
        raise ValueError(f"no PostgreSQL type for DuckDB's {duckdb_type}") from None


def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _text_field(value) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    text = value if isinstance(value, str) else str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _batches(rows: Iterable[Sequence]) -> Iterator[io.StringIO]:
    buffer, count = io.StringIO(), 0
    for row in rows:
        buffer.write("\t".join(_text_field(v) for v in row) + "\n")
        count += 1
        if count == BATCH_ROWS:
            buffer.seek(0)
            yield buffer
            buffer, count = io.StringIO(), 0
    if count:
        buffer.seek(0)
        yield buffer


def copy_rows(pg_cursor, table: str, columns: Sequence[str], rows: Iterable[Sequence]) -> None:
    """COPY rows (tuples in the columns' order) into an existing PostgreSQL table."""
    target = f"{table} ({', '.join(quote_ident(c) for c in columns)})"
    for batch in _batches(rows):
        pg_cursor.copy_expert(f"copy {target} from stdin with (format text)", batch)


def duckdb_rows(cursor) -> Iterator[tuple]:
    while batch := cursor.fetchmany(BATCH_ROWS):
        yield from batch


def duckdb_columns(con, schema: str, table: str) -> list[tuple[str, str]]:
    return con.execute(
        "select column_name, data_type from information_schema.columns "
        "where table_schema = ? and table_name = ? order by ordinal_position",
        [schema, table],
    ).fetchall()


def sync_raw(working: Path, pg_con, replace: bool = False) -> dict[str, int]:
    """Make PostgreSQL's raw tables hold the files DuckDB's hold; rows copied per table.

    ``replace`` empties them first (the embedded sample replaces raw wholesale).
    """
    copied: dict[str, int] = {}
    duck = duckdb.connect(str(working), read_only=True, config=duckdb_config())
    try:
        tables = [
            t
            for (t,) in duck.execute(
                "select table_name from information_schema.tables where table_schema = 'raw' order by 1"
            ).fetchall()
        ]
        with pg_con.cursor() as cur:
            cur.execute("create schema if not exists raw")
            for table in tables:
                copied[table] = _sync_table(duck, cur, table, replace)
        pg_con.commit()
    finally:
        duck.close()
    return copied


def _sync_table(duck, cur, table: str, replace: bool) -> int:
    columns = duckdb_columns(duck, "raw", table)
    target = f"raw.{quote_ident(table)}"
    cur.execute(
        f"create table if not exists {target} (" + ", ".join(f"{quote_ident(n)} {pg_type(t)}" for n, t in columns) + ")"
    )
    for name, duck_type in columns:  # a column a later contract version added
        cur.execute(f"alter table {target} add column if not exists {quote_ident(name)} {pg_type(duck_type)}")
    if replace:
        cur.execute(f"truncate {target}")
    if "_file_hash" not in {n for n, _ in columns}:
        raise ValueError(f"raw.{table} has no _file_hash: it cannot be kept in step by file")
    local = {h for (h,) in duck.execute(f"select distinct _file_hash from {target}").fetchall()}
    cur.execute(f"select distinct _file_hash from {target}")
    remote = {h for (h,) in cur.fetchall()}
    gone = sorted(remote - local)
    if gone:
        cur.execute(f"delete from {target} where _file_hash = any(%s)", [gone])
    new = sorted(local - remote)
    if not new:
        return 0
    names = [n for n, _ in columns]
    select = f"select {', '.join(quote_ident(n) for n in names)} from {target} where _file_hash in (select unnest(?))"
    copy_rows(cur, target, names, duckdb_rows(duck.execute(select, [new])))
    cur.execute(f"select count(*) from {target} where _file_hash = any(%s)", [new])
    return cur.fetchone()[0]
