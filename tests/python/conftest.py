"""Shared fixtures: warehouses built once per test session, each in its own folder.

Every build runs the real pipeline (dbt seed or the landing loader, then dbt
build with every data test) against a DuckDB file in a temporary folder, with
dbt's target folder there too, so tests never touch warehouse/ or target/.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest

from hotline.lake import copy_warehouse
from hotline.pipeline import build

PROJECT_DIR = Path(__file__).resolve().parents[2]
FIXTURES = PROJECT_DIR / "tests" / "fixtures"


@pytest.fixture(scope="session", autouse=True)
def isolated_dbt_target(tmp_path_factory):
    target = tmp_path_factory.mktemp("dbt_target")
    saved = {k: os.environ.get(k) for k in ("DBT_TARGET_PATH", "DBT_LOG_PATH", "HOTLINE_EXPORTS_DIR")}
    os.environ["DBT_TARGET_PATH"] = str(target / "target")
    os.environ["DBT_LOG_PATH"] = str(target / "logs")
    os.environ.pop("HOTLINE_EXPORTS_DIR", None)
    yield target
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


def build_warehouse(folder: Path, landing: Path | None = None, env: dict[str, str] | None = None) -> Path:
    database = folder / "hotline.duckdb"
    build(database, landing, env=env)
    return database


@pytest.fixture(scope="session")
def sample_warehouse(tmp_path_factory) -> Path:
    """The embedded sample, built the way ``make run`` builds it."""
    return build_warehouse(tmp_path_factory.mktemp("sample"))


@pytest.fixture(scope="session")
def dongchangfu_warehouse(tmp_path_factory) -> Path:
    """The acceptance fixture: 东昌府区's February 2024 inputs, landed from a folder."""
    return build_warehouse(tmp_path_factory.mktemp("dongchangfu"), FIXTURES / "dongchangfu_2024_02" / "landing")


def query(database: Path, sql: str, params=None) -> list[tuple]:
    con = duckdb.connect(str(database), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


@pytest.fixture(scope="session")
def pg_server(tmp_path_factory):
    """PostgreSQL for the session: HOTLINE_PG_DSN's server, or the project's own, started in a
    temporary folder and stopped at the end."""
    from hotline import pg_server as server

    if os.environ.get("HOTLINE_PG_DSN"):
        yield server.server()
        return
    saved = os.environ.get("HOTLINE_PG_DATA")
    os.environ["HOTLINE_PG_DATA"] = str(tmp_path_factory.mktemp("postgres"))
    try:
        yield server.start()
    finally:
        server.stop()
        if saved is None:
            os.environ.pop("HOTLINE_PG_DATA", None)
        else:
            os.environ["HOTLINE_PG_DATA"] = saved


def build_on_postgres(folder: Path, database: str, landing: Path | None = None, landed: Path | None = None) -> str:
    """The same build on PostgreSQL, into its own database; returns the database's name.

    ``landed``: a DuckDB warehouse whose landing to start from, so both engines see the
    very same raw rows (load times included) and the folder's files are found landed.
    """
    if landed is not None:
        copy_warehouse(landed, folder / "hotline.duckdb")
    build(folder / "hotline.duckdb", landing, env={"HOTLINE_PG_DATABASE": database}, engine="postgres")
    return database


@pytest.fixture(scope="session")
def sample_on_postgres(pg_server, tmp_path_factory) -> str:
    return build_on_postgres(tmp_path_factory.mktemp("sample_pg"), "hotline_test_sample")


@pytest.fixture(scope="session")
def dongchangfu_on_postgres(pg_server, tmp_path_factory, dongchangfu_warehouse) -> str:
    landing = FIXTURES / "dongchangfu_2024_02" / "landing"
    folder = tmp_path_factory.mktemp("dongchangfu_pg")
    return build_on_postgres(folder, "hotline_test_dongchangfu", landing, landed=dongchangfu_warehouse)


def build_on_spark(folder: Path, landing: Path | None = None, landed: Path | None = None) -> Path:
    """The same build on Spark (local session), its metastore, tables and lake in ``folder``.

    ``landed``: as for PostgreSQL, a DuckDB warehouse whose landing to start from.
    """
    if landed is not None:
        copy_warehouse(landed, folder / "hotline.duckdb")
    build(folder / "hotline.duckdb", landing, engine="spark")
    return folder / "hotline.duckdb"


@pytest.fixture(scope="session")
def sample_on_spark(tmp_path_factory) -> Path:
    return build_on_spark(tmp_path_factory.mktemp("sample_spark"))


@pytest.fixture(scope="session")
def dongchangfu_on_spark(tmp_path_factory, dongchangfu_warehouse) -> Path:
    landing = FIXTURES / "dongchangfu_2024_02" / "landing"
    return build_on_spark(tmp_path_factory.mktemp("dongchangfu_spark"), landing, landed=dongchangfu_warehouse)
