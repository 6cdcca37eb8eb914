"""The scheduled check of all history: every dbt data test over every row.

An incremental run tests only the rows no passing build has tested
(hotline.test_scope), which keeps a new period's run short; ``check_history``
runs every data test of the project over all rows, nightly (02:00 Asia/Shanghai,
``nightly_history_check``) and whenever started by hand, on the engine the
warehouse is built on (HOTLINE_ENGINE). Nothing is written: a failure fails the
run, which ``report_run_failure`` reports like any other; the next incremental
run is unaffected.
"""

import os

from dagster import OpExecutionContext, in_process_executor, job, op, schedule

from hotline import engines
from hotline.dbt_cli import DbtFailed, run_dbt
from hotline.settings import duckdb_path
from hotline.test_scope import SINCE
from hotline.writer_lock import writer_lock
from orchestration.automation import TIMEZONE, WRITER_TAGS  # dbt holds the DuckDB file while it tests


@op(tags=WRITER_TAGS)
def test_all_history(context: OpExecutionContext) -> None:
    """``dbt test`` of every data test, with no row scope."""
    database = duckdb_path()
    env = {k: v for k, v in os.environ.items() if k != SINCE}
    env.update({"HOTLINE_DUCKDB_PATH": str(database), **engines.dbt_env(None, None, database)})
    with writer_lock(database):
        try:
            output = run_dbt(["test", "--exclude", "resource_type:seed", "resource_type:unit_test"], env, quiet=False)
        except DbtFailed as failed:
            raise RuntimeError(f"a data test failed over the whole history:\n{failed}") from None
    context.log.info(output.strip().splitlines()[-1] if output.strip() else "dbt test passed")


@job(executor_def=in_process_executor, tags=WRITER_TAGS, description="Every dbt data test over all history.")
def check_history():
    test_all_history()


@schedule(job=check_history, cron_schedule="0 2 * * *", execution_timezone=TIMEZONE)
def nightly_history_check(context):
    return {}
