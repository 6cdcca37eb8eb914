"""Publish to PostgreSQL: the audited marts, swapped in whole, for BI tools and SQL clients.

With HOTLINE_SERVING=postgres (or ``duckdb,postgres``), a publish copies every
table of the built warehouse's ``marts`` schema, with its English and Chinese
descriptions as comments, into the serving database (HOTLINE_PG_SERVING_DATABASE,
default ``hotline_serving``, on the server of hotline.pg_server). It works in a new
schema and, in the same transaction, renames it to ``marts`` while the previous
one becomes ``marts__retired``: a BI session sees the old marts or the new ones,
never a half-published state, and a publish killed midway leaves nothing behind.
The retired schema is dropped afterwards, once its readers are done.

The role ``hotline_reader`` (password HOTLINE_PG_READER_PASSWORD) owns nothing,
may connect to the serving database only, and can only select from ``marts``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb

from hotline.pg_copy import copy_rows, duckdb_columns, duckdb_rows, pg_type, quote_ident
from hotline.settings import duckdb_config

SCHEMA = "marts"
NEXT_SCHEMA = "marts__next"
RETIRED_SCHEMA = "marts__retired"
READER = "hotline_reader"
DEFAULT_READER_PASSWORD = "hotline-reader-development-password"


def serving_database() -> str:
    return os.environ.get("HOTLINE_PG_SERVING_DATABASE", "").strip() or "hotline_serving"


def reader_password() -> str:
    return os.environ.get("HOTLINE_PG_READER_PASSWORD") or DEFAULT_READER_PASSWORD


@dataclass
class Table:
    name: str
    comment: str | None
    columns: list[tuple[str, str, str | None]]  # name, PostgreSQL type, comment


@dataclass
class PgPublished:
    database: str
    tables: dict[str, int]
    published_at: datetime


class DuckdbSource:
    """The marts of a DuckDB warehouse file."""

    def __init__(self, path: Path):
        self.con = duckdb.connect(str(path), read_only=True, config=duckdb_config())
        self.name = path.name

    def tables(self) -> list[Table]:
        comments = dict(
            self.con.execute(
                "select table_name, comment from duckdb_tables() where schema_name = ?", [SCHEMA]
            ).fetchall()
        )
        column_comments = {
            (t, c): note
            for t, c, note in self.con.execute(
                "select table_name, column_name, comment from duckdb_columns() where schema_name = ?", [SCHEMA]
            ).fetchall()
        }
        return [
            Table(
                name, comments.get(name), [(c, pg_type(t), column_comments.get((name, c))) for c, t in self._cols(name)]
            )
            for name in sorted(comments)
        ]

    def _cols(self, table: str) -> list[tuple[str, str]]:
        return duckdb_columns(self.con, SCHEMA, table)

    def rows(self, table: Table):
        names = ", ".join(quote_ident(c) for c, _, _ in table.columns)
        return duckdb_rows(self.con.execute(f"select {names} from {SCHEMA}.{quote_ident(table.name)}"))

    def close(self) -> None:
        self.con.close()


class PostgresSource:
    """The marts of a warehouse dbt built on PostgreSQL (another database of a server)."""

    def __init__(self, dsn):
        self.con = dsn.connect()
        self.con.set_session(readonly=True)
        self.name = dsn.database

    def tables(self) -> list[Table]:
        with self.con.cursor() as cur:
            cur.execute(
                "select c.relname, obj_description(c.oid, 'pg_class') from pg_class c "
                "join pg_namespace n on n.oid = c.relnamespace where n.nspname = %s and c.relkind = 'r' order by 1",
                [SCHEMA],
            )
            tables = cur.fetchall()
            result = []
            for name, comment in tables:
                cur.execute(
                    "select a.attname, format_type(a.atttypid, a.atttypmod), col_description(a.attrelid, a.attnum) "
                    "from pg_attribute a where a.attrelid = %s::regclass and a.attnum > 0 and not a.attisdropped "
                    "order by a.attnum",
                    [f"{SCHEMA}.{quote_ident(name)}"],
                )
                result.append(Table(name, comment, cur.fetchall()))
            return result

    def rows(self, table: Table):
        cur = self.con.cursor(name=f"publish_{table.name}")  # server-side: rows arrive in batches
        names = ", ".join(quote_ident(c) for c, _, _ in table.columns)
        cur.execute(f"select {names} from {SCHEMA}.{quote_ident(table.name)}")
        while batch := cur.fetchmany(50_000):
            yield from batch
        cur.close()

    def close(self) -> None:
        self.con.rollback()
        self.con.close()


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def prepare_reader(dsn, database: str) -> None:
    """The read-only role, and who may connect to what (run outside the publishing transaction)."""
    con = dsn.connect("postgres", autocommit=True)
    try:
        with con.cursor() as cur:
            cur.execute("select 1 from pg_roles where rolname = %s", [READER])
            verb = "alter" if cur.fetchone() else "create"
            cur.execute(
                f"{verb} role {READER} with login nosuperuser nocreatedb nocreaterole noinherit "
                f"password {_literal(reader_password())}"
            )
            # the reader sees the serving database only: on the project's own server every other
            # database is closed to PUBLIC; on a given, perhaps shared, server only the build's
            if os.environ.get("HOTLINE_PG_DSN", "").strip():
                others = [dsn.database] if dsn.database != database else []
            else:
                cur.execute("select datname from pg_database where not datistemplate and datname <> %s", [database])
                others = [name for (name,) in cur.fetchall()]
            for name in others:
                cur.execute(f"revoke connect on database {quote_ident(name)} from public")
            cur.execute(f"revoke all on database {quote_ident(database)} from public")
            cur.execute(f"grant connect on database {quote_ident(database)} to {READER}")
    finally:
        con.close()


def publish_postgres(source: DuckdbSource | PostgresSource, dsn) -> PgPublished:
    """Copy the source's marts into the serving database and swap them in, in one transaction."""
    from hotline.pg_server import ensure_database

    database = serving_database()
    target = dsn.with_database(database)
    ensure_database(target)
    prepare_reader(dsn, database)
    con = target.connect()
    tables: dict[str, int] = {}
    try:
        with con.cursor() as cur:
            cur.execute("set lock_timeout = '120s'")
            cur.execute("revoke create on schema public from public")
            cur.execute(f"drop schema if exists {NEXT_SCHEMA} cascade")
            cur.execute(f"create schema {NEXT_SCHEMA}")
            for table in source.tables():
                tables[table.name] = _copy_table(cur, source, table)
            published_at = datetime.now()
            cur.execute(f"create table {NEXT_SCHEMA}._publication (published_at timestamp, source text)")
            cur.execute(f"insert into {NEXT_SCHEMA}._publication values (%s, %s)", [published_at, source.name])
            cur.execute(f"grant usage on schema {NEXT_SCHEMA} to {READER}")
            cur.execute(f"grant select on all tables in schema {NEXT_SCHEMA} to {READER}")
            cur.execute(f"drop schema if exists {RETIRED_SCHEMA} cascade")
            cur.execute("select 1 from pg_namespace where nspname = %s", [SCHEMA])
            if cur.fetchone():
                cur.execute(f"alter schema {SCHEMA} rename to {RETIRED_SCHEMA}")
            cur.execute(f"alter schema {NEXT_SCHEMA} rename to {SCHEMA}")
        con.commit()
        _drop_retired(con)
    except Exception:
        con.rollback()  # nothing of a failed publish stays: the new schema goes with the transaction
        raise
    finally:
        source.close()
        con.close()
    return PgPublished(database, tables, published_at)


def _drop_retired(con) -> None:
    """Drop the previous marts once their readers are done (a reader past lock_timeout: the next publish does)."""
    import psycopg2

    try:
        with con.cursor() as cur:
            cur.execute(f"drop schema if exists {RETIRED_SCHEMA} cascade")
        con.commit()
    except psycopg2.errors.LockNotAvailable:
        con.rollback()


def publish_built_marts() -> PgPublished:
    """Publish the marts of the warehouse this configuration builds (HOTLINE_ENGINE) to PostgreSQL."""
    from hotline import engines
    from hotline.pg_server import server
    from hotline.settings import duckdb_path

    if engines.engine() == "postgres":
        source = PostgresSource(engines.pg())
    else:  # DuckDB's warehouse, or the views over Spark's Parquet files
        source = DuckdbSource(engines.checked_database(duckdb_path()))
    return publish_postgres(source, server())


def _copy_table(cur, source, table: Table) -> int:
    target = f"{NEXT_SCHEMA}.{quote_ident(table.name)}"
    cur.execute(f"create table {target} (" + ", ".join(f"{quote_ident(c)} {t}" for c, t, _ in table.columns) + ")")
    copy_rows(cur, target, [c for c, _, _ in table.columns], source.rows(table))
    if table.comment:
        cur.execute(f"comment on table {target} is {_literal(table.comment)}")
    for column, _, comment in table.columns:
        if comment:
            cur.execute(f"comment on column {target}.{quote_ident(column)} is {_literal(comment)}")
    cur.execute(f"select count(*) from {target}")
    return cur.fetchone()[0]
