"""Publish: copy the published marts into the serving file by an atomic replace.

The serving file (HOTLINE_SERVING_PATH, default warehouse/hotline_serving.duckdb)
is what analysts and BI tools open, read-only. A publish writes a complete new
file beside it (every table of the ``marts`` schema, checkpointed, closed) and
then renames it over the old one. The rename is atomic: a reader sees the old
file or the new one, never half of either, and a reader that holds the old file
open keeps reading it undisturbed (the old inode lives until it closes). Nothing
ever opens the serving path for writing, so readers can open it at any time.
"""

from __future__ import annotations

import os
import time
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb

from hotline.settings import duckdb_config, duckdb_path, serving_path

PUBLISHED_SCHEMA = "marts"
LEFTOVER_AGE_SECONDS = 3600  # a staging file this old belongs to a publish that was killed


def sql_literal(text: str) -> str:
    """A SQL string literal of any text (a path with a quote in it, say)."""
    return "'" + text.replace("'", "''") + "'"


def sql_identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def sweep_leftovers(serving: Path, now: float | None = None) -> list[Path]:
    """Remove the staging files (and their WAL) of publishes killed before they finished."""
    now = now or time.time()
    removed = []
    for leftover in serving.parent.glob(f".{serving.name}.*.tmp*"):
        if now - leftover.stat().st_mtime > LEFTOVER_AGE_SECONDS:
            leftover.unlink(missing_ok=True)
            removed.append(leftover)
    return removed


def copy_comments(con) -> None:
    """The marts' descriptions (dbt persist_docs wrote them in the working warehouse) as comments."""
    for name, comment in con.execute(
        "select table_name, comment from duckdb_tables() where database_name = 'working' and schema_name = ? "
        "and comment is not null",
        [PUBLISHED_SCHEMA],
    ).fetchall():
        con.execute(f"comment on table {PUBLISHED_SCHEMA}.{sql_identifier(name)} is {sql_literal(comment)}")
    for name, column, comment in con.execute(
        "select table_name, column_name, comment from duckdb_columns() where database_name = 'working' "
        "and schema_name = ? and comment is not null",
        [PUBLISHED_SCHEMA],
    ).fetchall():
        target = f"{PUBLISHED_SCHEMA}.{sql_identifier(name)}.{sql_identifier(column)}"
        con.execute(f"comment on column {target} is {sql_literal(comment)}")


@dataclass
class Published:
    path: Path
    tables: dict[str, int]
    published_at: datetime


def publish(working: Path | None = None, serving: Path | None = None) -> Published:
    working, serving = working or duckdb_path(), serving or serving_path()
    serving.parent.mkdir(parents=True, exist_ok=True)
    sweep_leftovers(serving)
    staging_file = serving.with_name(f".{serving.name}.{uuid.uuid4().hex}.tmp")
    tables: dict[str, int] = {}
    try:
        con = duckdb.connect(str(staging_file), config=duckdb_config())
        try:
            con.execute(f"attach {sql_literal(str(working))} as working (read_only)")
            names = [
                n
                for (n,) in con.execute(
                    "select table_name from information_schema.tables "
                    "where table_catalog = 'working' and table_schema = ? order by 1",
                    [PUBLISHED_SCHEMA],
                ).fetchall()
            ]
            con.execute(f"create schema {PUBLISHED_SCHEMA}")
            for name in names:
                table = f"{PUBLISHED_SCHEMA}.{sql_identifier(name)}"
                con.execute(f"create table {table} as select * from working.{table}")
                tables[name] = con.execute(f"select count(*) from {table}").fetchone()[0]
            copy_comments(con)
            published_at = datetime.now()
            con.execute(
                f"create table {PUBLISHED_SCHEMA}._publication as select ? as published_at, ? as source_file",
                [published_at, working.name],
            )
            con.execute("detach working")
            con.execute("checkpoint")
        finally:
            con.close()
        os.replace(staging_file, serving)
    finally:
        if staging_file.exists():
            staging_file.unlink()
        wal = staging_file.with_name(staging_file.name + ".wal")
        if wal.exists():
            wal.unlink()
    return Published(serving, tables, published_at)
