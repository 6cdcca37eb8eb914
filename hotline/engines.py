"""Which engine dbt builds on: HOTLINE_ENGINE=duckdb (the default), postgres or spark.

Landing is the same for all: files are read, checked and normalised into the
local DuckDB file's ``raw`` schema (or the embedded sample is seeded there). On
PostgreSQL, dbt then runs with the ``pg`` target of profiles.yml, its
configuration seeds loaded by ``dbt seed`` and the raw rows by COPY
(hotline.pg_copy), into the database HOTLINE_PG_DATABASE names (the DSN's, or
``hotline``), created when missing. On Spark (hotline.spark), every seed is loaded
into DuckDB and the raw rows and configuration reach Spark as the Parquet lake
(hotline.lake): Spark's own seed loading inserts row by row.
"""

from __future__ import annotations

import os
from pathlib import Path

ENGINES = ("duckdb", "postgres", "spark")


def engine(name: str | None = None) -> str:
    value = (name or os.environ.get("HOTLINE_ENGINE", "")).strip().lower() or "duckdb"
    if value not in ENGINES:
        raise SystemExit(f"HOTLINE_ENGINE must be one of {', '.join(ENGINES)}, not {value!r}")
    return value


def pg(database: str | None = None):
    """The PostgreSQL server and database to build on (hotline.pg_server), the database created if missing."""
    from hotline.pg_server import ensure_database, server

    dsn = server()
    database = database or os.environ.get("HOTLINE_PG_DATABASE", "").strip()
    if database:
        dsn = dsn.with_database(database)
    ensure_database(dsn)
    return dsn


def _pg_options_value(text: str) -> str:
    """A value inside libpq's PGOPTIONS: spaces and backslashes escaped with a backslash."""
    return text.replace("\\", "\\\\").replace(" ", "\\ ")


def dbt_env(name: str | None = None, database: str | None = None, working: Path | None = None) -> dict[str, str]:
    """The environment that points dbt at the engine (nothing for DuckDB, the default target).

    ``database``: PostgreSQL's database; ``working``: the DuckDB file Spark's folders sit beside.
    """
    if engine(name) == "duckdb":
        return {}
    if engine(name) == "spark":
        from hotline import spark

        return spark.dbt_env(working)
    from hotline.settings import phone_salt

    salt = "-c hotline.phone_salt=" + _pg_options_value(phone_salt())
    options = " ".join(filter(None, [os.environ.get("PGOPTIONS", ""), salt]))
    return {"HOTLINE_DBT_TARGET": "pg", **pg(database).dbt_env(), "PGOPTIONS": options}


def load_raw(working: Path, replace: bool, name: str | None = None, database: str | None = None) -> dict[str, int]:
    """Bring the engine's raw tables in step with the landed files; rows copied per table."""
    if engine(name) == "duckdb":
        return {}
    if engine(name) == "spark":
        from hotline.lake import sync_lake

        return sync_lake(working)
    from hotline.pg_copy import sync_raw

    con = pg(database).connect()
    try:
        return sync_raw(working, con, replace=replace)
    finally:
        con.close()


def seeds_on_engine(name: str | None = None) -> bool:
    """Whether ``dbt seed`` loads configuration on the engine itself (else through DuckDB and the lake)."""
    return engine(name) != "spark"


def checked_database(working: Path, name: str | None = None) -> Path:
    """The DuckDB file the checks and the publish read: the working warehouse; on Spark a file of
    views over the Parquet files Spark wrote (hotline.spark); on PostgreSQL a copy of what the
    checks read, made from the database just built (hotline.pg_results)."""
    if engine(name) == "spark":
        from hotline.spark import results_database

        return results_database(working)
    if engine(name) == "postgres":
        from hotline.pg_results import results_database

        return results_database(working, pg())
    return working
