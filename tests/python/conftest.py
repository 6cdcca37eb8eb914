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
