"""Run the serving asset (the GX checks, then the publish) alone, the way the job runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.python.conftest import PROJECT_DIR


def run_serving_asset():
    """The serving_warehouse asset executed in process with the environment as set; its result.

    dagster-dbt reads target/manifest.json, so the project is parsed first (on DuckDB's target).
    """
    from dagster import AssetSelection, DagsterInstance, Definitions, define_asset_job, in_process_executor

    env = {k: v for k, v in os.environ.items() if k not in ("DBT_TARGET_PATH", "HOTLINE_ENGINE")}
    dbt = str(Path(sys.executable).parent / "dbt")
    subprocess.run([dbt, "parse", "--quiet"], cwd=PROJECT_DIR, env=env, check=True)
    from orchestration.definitions import defs
    from orchestration.serving import serving_warehouse

    job = define_asset_job(
        "audit_and_publish", AssetSelection.assets(serving_warehouse), executor_def=in_process_executor
    )
    merged = Definitions.merge(defs, Definitions(jobs=[job]))
    return merged.resolve_job_def("audit_and_publish").execute_in_process(
        instance=DagsterInstance.ephemeral(), raise_on_error=False
    )


def passed_checks(result) -> set[str]:
    return {
        e.event_specific_data.check_name
        for e in result.all_events
        if e.event_type_value == "ASSET_CHECK_EVALUATION" and e.event_specific_data.passed
    }


def checked_and_published(monkeypatch, tmp_path, engine: str, working: Path, **env: str) -> dict:
    """The serving asset run with HOTLINE_ENGINE=engine on a warehouse built there: it must pass
    every blocking check and publish; the serving copy's marts (its publication record aside)."""
    from orchestration.quality import CHECKS
    from tests.python.marts_compare import duckdb_marts
    from tests.python.test_orchestration import ENV_KEYS

    for key in ENV_KEYS:
        monkeypatch.delenv(key, raising=False)
    settings = {
        "HOTLINE_ENGINE": engine,
        "HOTLINE_DUCKDB_PATH": str(working),
        "HOTLINE_GX_DIR": str(tmp_path / "gx"),
        "HOTLINE_SERVING_PATH": str(tmp_path / "serving.duckdb"),
        **env,
    }
    for key, value in settings.items():
        monkeypatch.setenv(key, value)
    result = run_serving_asset()
    assert result.success
    assert {c.name for c in CHECKS if c.blocking} <= passed_checks(result)
    served = duckdb_marts(tmp_path / "serving.duckdb")
    assert served.pop("_publication")[1], "the serving copy records its publication"
    return served
