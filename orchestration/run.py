"""Run the warehouse job in process, as the schedule does, and report: `make run`.

    python -m orchestration.run [--partition '青禾县|2025-12']

Without --partition the run takes, on the embedded sample, the sample's latest
period, and with a landing folder, the period each schedule would take today.
It prints every check's outcome, where the serving copy, the GX Data Docs and
the bulletin are, then the warehouse summary.
"""

import argparse
import os
import sys
from datetime import date

import duckdb
from dagster import DagsterEventType, DagsterInstance

from hotline.periods import load_rules, period_of_day
from hotline.settings import SEEDS_DIR, bulletins_dir, duckdb_path, exports_dir, serving_path
from hotline.summary import print_summary
from orchestration.partitions import current_period_keys, parse_key, partition_key
from orchestration.project import data_docs_index


def default_partition() -> str:
    if exports_dir() is None:
        latest = duckdb.execute(
            "select max(assigned_at), any_value(jurisdiction) from read_csv(?, all_varchar = true) "
            "where assigned_at like '____-__-__ %'",
            [str(SEEDS_DIR / "sample" / "ticket_exports.csv")],
        ).fetchone()
        day = date.fromisoformat(latest[0][:10])
        return partition_key(period_of_day(load_rules()[latest[1]], day))
    return current_period_keys(date.today())[0]


def check_outcomes(result) -> list[tuple[str, str, bool, str]]:
    outcomes = []
    for event in result.all_events:
        if event.event_type == DagsterEventType.ASSET_CHECK_EVALUATION:
            data = event.event_specific_data
            outcomes.append((data.asset_key.to_user_string(), data.check_name, data.passed, data.severity.value))
    return outcomes


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--partition", help="jurisdiction|YYYY-MM (default: see above)")
    args = parser.parse_args(argv)
    from orchestration.definitions import defs

    key = args.partition or default_partition()
    period = parse_key(key)
    print(
        f"Running refresh_warehouse for {period.jurisdiction} {period.label} "
        f"({period.first_day} .. {period.last_day}) on {exports_dir() or 'the embedded sample'}"
    )
    job = defs.resolve_job_def("refresh_warehouse")
    # Dagster's own event stream stays quiet unless something errs: the report below says it all
    quiet = {"loggers": {"console": {"config": {"log_level": "ERROR"}}}}
    result = job.execute_in_process(
        instance=DagsterInstance.ephemeral(), partition_key=key, raise_on_error=False, run_config=quiet
    )
    outcomes = check_outcomes(result)
    dbt_checks = [o for o in outcomes if o[1] not in {c.name for c in _gx_checks()}]
    gx_checks = [o for o in outcomes if o[1] in {c.name for c in _gx_checks()}]
    print(
        f"\ndbt tests as asset checks: {sum(o[2] for o in dbt_checks)} passed, "
        f"{sum(not o[2] for o in dbt_checks)} failed"
    )
    for asset_key, name, passed, _ in dbt_checks:
        if not passed:
            print(f"  FAILED {asset_key}: {name}")
    print("Great Expectations checks:")
    validates = {c.name: c.asset for c in _gx_checks()}
    for _, name, passed, severity in gx_checks:
        verdict = "passed" if passed else ("FAILED (blocks publishing)" if severity == "ERROR" else "warning")
        print(f"  {name:<30} validates {validates[name]:<26} {verdict}")
    if not result.success:
        failed = [e.step_key for e in result.all_events if e.event_type == DagsterEventType.STEP_FAILURE]
        print(f"\nRun FAILED at {failed}; the serving copy was not replaced: {serving_path()}")
        return 1
    print(f"\nServing copy (read-only for analysts and BI): {serving_path()}")
    print(f"GX Data Docs: {data_docs_index()}")
    print(f"Bulletin tables for {period.label}: {bulletins_dir() / period.jurisdiction / period.label}")
    print_summary(duckdb_path())
    return 0


def _gx_checks():
    from orchestration.quality import CHECKS

    return CHECKS


if __name__ == "__main__":
    os.environ.setdefault("PYTHONIOENCODING", "utf-8")
    sys.exit(main())
