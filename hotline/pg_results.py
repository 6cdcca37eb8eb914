"""A PostgreSQL build's results as a DuckDB file, for the checks and the DuckDB serving copy.

The GX checks and the publish to the serving file read a DuckDB file. After a build
on PostgreSQL (HOTLINE_ENGINE=postgres) they are handed ``pg_results.duckdb`` beside
the working warehouse: the marts, the staged tickets the reconciliation check counts
and the configuration, copied from the database dbt just built with
``COPY ... TO STDOUT`` (CSV, NULL kept apart from an empty text), typed as
PostgreSQL typed them. Written beside, then renamed: a reader never sees half a copy.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import duckdb

from hotline.pg_copy import quote_ident
from hotline.settings import duckdb_config

# what the checks read: every mart, the tickets they reconcile against, the period rules
COPIED = {"marts": None, "intermediate": ["int_tickets_enriched"], "config": None}
DUCKDB_TYPES = {
    "text": "varchar",
    "character varying": "varchar",
    "bigint": "bigint",
    "integer": "integer",
    "smallint": "smallint",
    "double precision": "double",
    "real": "float",
    "boolean": "boolean",
    "date": "date",
    "timestamp without time zone": "timestamp",
    "timestamp with time zone": "timestamptz",
}


def duckdb_type(pg_type: str) -> str:
    if match := re.fullmatch(r"numeric\((\d+),(\d+)\)", pg_type):
        return f"decimal({match[1]},{match[2]})"
    try:
        return DUCKDB_TYPES[pg_type]
    except KeyError:
        raise ValueError(f"no DuckDB type for PostgreSQL's {pg_type}") from None


def _tables(cur, schema: str, names: list[str] | None) -> list[tuple[str, list[tuple[str, str]]]]:
    cur.execute(
        "select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace "
        "where n.nspname = %s and c.relkind in ('r', 'p') order by 1",
        [schema],
    )
    found = [n for (n,) in cur.fetchall() if names is None or n in names]
    tables = []
    for name in found:
        cur.execute(
            "select a.attname, format_type(a.atttypid, a.atttypmod) from pg_attribute a "
            "where a.attrelid = %s::regclass and a.attnum > 0 and not a.attisdropped order by a.attnum",
            [f"{schema}.{quote_ident(name)}"],
        )
        tables.append((name, cur.fetchall()))
    return tables


def results_database(working: Path, dsn) -> Path:
    """Copy what the checks and the publish read from PostgreSQL into a DuckDB file; its path."""
    path = working.parent / "pg_results.duckdb"
    fresh = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fresh.unlink(missing_ok=True)
    pg = dsn.connect()
    pg.set_session(readonly=True)
    duck = duckdb.connect(str(fresh), config=duckdb_config())
    try:
        with pg.cursor() as cur, tempfile.TemporaryDirectory(dir=working.parent) as scratch:
            for schema, names in COPIED.items():
                duck.execute(f"create schema {schema}")
                for name, columns in _tables(cur, schema, names):
                    _copy_table(cur, duck, schema, name, columns, Path(scratch) / "rows.csv")
        duck.close()
        fresh.replace(path)
    finally:
        duck.close()
        fresh.unlink(missing_ok=True)  # only there when the copy failed
        pg.rollback()
        pg.close()
    return path


def _copy_table(cur, duck, schema: str, name: str, columns: list[tuple[str, str]], scratch: Path) -> None:
    target = f"{schema}.{quote_ident(name)}"
    types = {column: duckdb_type(pg_type) for column, pg_type in columns}
    duck.execute(f"create table {target} (" + ", ".join(f"{quote_ident(c)} {t}" for c, t in types.items()) + ")")
    with open(scratch, "w", encoding="utf-8", newline="") as handle:
        cur.copy_expert(f"copy {target} to stdout with (format csv, null '\\N')", handle)
    spec = "{" + ", ".join(f"'{c}': '{t}'" for c, t in types.items()) + "}"
    duck.execute(
        f"insert into {target} select * from read_csv(?, header = false, nullstr = '\\N', quote = '\"', "
        f"escape = '\"', columns = {spec}, auto_detect = false)",
        [str(scratch)],
    )
    scratch.unlink()
