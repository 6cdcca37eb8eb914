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
