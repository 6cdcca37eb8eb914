"""A read-only handle on the built warehouse, whichever engine built it.

DuckDB's connection API (``execute(sql, params).fetchall()``, ``?`` placeholders)
is what the summary and the other readers use; on PostgreSQL the same calls go
through psycopg2, placeholders translated; on Spark, DuckDB reads the Parquet files
Spark wrote (hotline.spark.open_tables).
"""

from __future__ import annotations

from pathlib import Path

import duckdb


class _PgCursor:
    def __init__(self, con):
        self._con = con

    def execute(self, sql: str, params=None):
        cursor = self._con.cursor()
        cursor.execute(sql.replace("%", "%%").replace("?", "%s"), list(params or []))
        return cursor

    def close(self) -> None:
        self._con.close()


def open_warehouse(database: Path, engine: str | None = None, pg_database: str | None = None):
    """The warehouse built at ``database`` (DuckDB) or on the engine's server, read-only."""
    from hotline import engines

    if engines.engine(engine) == "duckdb":
        return duckdb.connect(str(database), read_only=True)
    if engines.engine(engine) == "spark":
        from hotline.lake import lake_path
        from hotline.spark import open_tables, tables_folder

        return open_tables(tables_folder(database), lake_path(database))
    con = engines.pg(pg_database).connect()
    con.set_session(readonly=True, autocommit=True)
    return _PgCursor(con)


def describe(database: Path, engine: str | None = None, pg_database: str | None = None) -> str:
    from hotline import engines

    if engines.engine(engine) == "duckdb":
        return str(database)
    if engines.engine(engine) == "spark":
        from hotline.spark import tables_folder

        return f"Spark tables in {tables_folder(database)}"
    dsn = engines.pg(pg_database)
    return f"PostgreSQL {dsn.host}:{dsn.port}/{dsn.database}"
