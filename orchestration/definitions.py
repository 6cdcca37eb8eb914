"""The Dagster code location: `dagster dev -m orchestration.definitions`."""

from dagster import Definitions
from dagster_dbt import DbtCliResource

from hotline.dbt_cli import dbt_executable
from orchestration.automation import close_ended_period, new_export_files, refresh_current_period, report_run_failure
from orchestration.dbt_assets import hotline_dbt_models
from orchestration.history_checks import check_history, nightly_history_check
from orchestration.jobs import refresh_warehouse
from orchestration.landing import landed_exports
from orchestration.project import dbt_project
from orchestration.serving import period_bulletin, serving_warehouse

defs = Definitions(
    assets=[landed_exports, hotline_dbt_models, serving_warehouse, period_bulletin],
    jobs=[refresh_warehouse, check_history],
    schedules=[refresh_current_period, close_ended_period, nightly_history_check],
    sensors=[new_export_files, report_run_failure],
    # the virtualenv's dbt, found beside this interpreter: make does not activate the venv
    resources={"dbt": DbtCliResource(project_dir=dbt_project, dbt_executable=dbt_executable())},
)
