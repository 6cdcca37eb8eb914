"""Run the warehouse job in process, as the schedule does, and report: `make run`.

    python -m orchestration.run [--period YYYY-MM] [--jurisdiction NAME] [-v]

The job runs in two passes: the warehouse (landing -> dbt build -> checks ->
publish), then the bulletin of the period chosen from what was published: the
latest complete period with data of each jurisdiction (hotline.document.
period_choice), or the one asked for (PERIOD= / JURISDICTION= in make). It prints
one line per phase with counts and seconds, every check that failed, the paths
of the serving copy, the Data Docs, dbt's log and the bulletin files, then the
warehouse summary. dbt's per-node lines go to its log file; -v prints them too.
"""

import argparse
import contextlib
import os
import sys
import time
from pathlib import Path

from dagster import AssetKey, DagsterEventType, DagsterInstance

from hotline.document.period_choice import choose
from hotline.pipeline import LANDING_STARTED
from hotline.settings import PROJECT_DIR, bulletins_dir, duckdb_path, exports_dir, salt_problem, serving_path
from hotline.summary import files_over_threshold, print_summary
from hotline.writer_lock import EXIT_BUILD_RUNNING, BuildRunning, writer_lock
from orchestration.partitions import SEPARATOR, all_keys
from orchestration.project import data_docs_index

BULLETIN_KEY = AssetKey(["period_bulletin"])


def check_outcomes(result) -> list[tuple[str, str, bool, str]]:
    outcomes = []
    for event in result.all_events:
        if event.event_type == DagsterEventType.ASSET_CHECK_EVALUATION:
            data = event.event_specific_data
            outcomes.append((data.asset_key.to_user_string(), data.check_name, data.passed, data.severity.value))
    return outcomes


def step_seconds(instance, result) -> dict[str, float]:
    """Seconds per step, from the instance's step statistics of the run."""
    return {
        stats.step_key: stats.end_time - stats.start_time
        for stats in instance.get_run_step_stats(result.run_id)
        if stats.start_time and stats.end_time
    }


@contextlib.contextmanager
def console_to_log(verbose: bool):
    """Without -v, what dbt and Dagster print while a run goes goes to logs/run.log, not the screen."""
    if verbose:
        yield
        return
    path = run_log_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a", encoding="utf-8") as log, contextlib.redirect_stdout(log):
        yield


def _materialized(result, step: str) -> list:
    return [
        e.event_specific_data.materialization
        for e in result.all_events
        if e.event_type == DagsterEventType.ASSET_MATERIALIZATION and e.step_key == step
    ]


def _phase(name: str, seconds: float | None, text: str) -> None:
    shown = "   –  " if seconds is None else f"{seconds:5.1f} s"
    print(f"  {name:<9}{shown}  {text}", flush=True)


def _run_config(verbose: bool) -> dict:
    # Dagster's event stream (dbt's node lines among it) stays quiet unless -v: dbt's log file has them
    return {"loggers": {"console": {"config": {"log_level": "INFO" if verbose else "ERROR"}}}}


def run_warehouse(job, verbose: bool, key: str):
    warehouse_assets = [k for k in job.asset_layer.executable_asset_keys if k != BULLETIN_KEY]
    instance = DagsterInstance.ephemeral()
    with console_to_log(verbose):
        result = job.execute_in_process(
            instance=instance,
            partition_key=key,  # the warehouse assets are not partitioned: any period's key runs them
            asset_selection=warehouse_assets,
            raise_on_error=False,
            run_config=_run_config(verbose),
        )
    seconds, outcomes = step_seconds(instance, result), check_outcomes(result)
    landed = {m.asset_key.path[-1]: m.metadata for m in _materialized(result, "landed_exports")}
    files = landed.get("landed_files", {}).get("dagster/row_count")
    raw_rows = landed.get("ticket_exports", {}).get("dagster/row_count")
    _phase(
        "land",
        seconds.get("landed_exports"),
        f"{files.value if files else '?'} files, {raw_rows.value if raw_rows else '?'} ticket rows in raw "
        f"({'landing folder ' + str(exports_dir()) if exports_dir() else 'embedded sample'})",
    )
    not_landed = landed.get("landed_files", {}).get("not_landed")
    for item in not_landed.value if not_landed else []:
        print(f"  not landed: {item['file']} ({item['why']})")
    gx_names = {c.name for c in _gx_checks()}
    dbt_checks = [o for o in outcomes if o[1] not in gx_names]
    models = len(_materialized(result, "hotline_dbt_models"))
    _phase(
        "build",
        seconds.get("hotline_dbt_models"),
        f"{models} models, {sum(o[2] for o in dbt_checks)} dbt tests passed, "
        f"{sum(not o[2] for o in dbt_checks)} failed",
    )
    gx = [o for o in outcomes if o[1] in gx_names]
    published = _materialized(result, "serving_warehouse")
    rows = published[0].metadata.get("dagster/row_count").value if published else 0
    failed = sum(not o[2] and o[3] == "ERROR" for o in gx)
    warned = sum(not o[2] and o[3] != "ERROR" for o in gx)
    _phase(
        "checks", None, f"{sum(o[2] for o in gx)} Great Expectations checks passed, {failed} failed, {warned} warned"
    )
    _phase(
        "publish",
        seconds.get("serving_warehouse"),
        f"{rows} rows published to the serving copy" if published else "not published",
    )
    pg_database = published[0].metadata.get("postgres_database") if published else None
    if pg_database is not None:
        print(f"             and to PostgreSQL, database {pg_database.value}, schema marts", flush=True)
    return result, dbt_checks, gx


def run_bulletins(job, choices, verbose: bool) -> list:
    written = []
    for choice in choices:
        started = time.monotonic()
        key = f"{choice.jurisdiction}{SEPARATOR}{choice.period}"
        with console_to_log(verbose):
            result = job.execute_in_process(
                instance=DagsterInstance.ephemeral(),
                partition_key=key,
                asset_selection=[BULLETIN_KEY],
                raise_on_error=False,
                run_config=_run_config(verbose),
            )
        folder = bulletins_dir() / choice.jurisdiction / choice.period
        files = sorted(folder.glob(f"{choice.jurisdiction}_{choice.period}_月报.*")) if result.success else []
        _phase(
            "bulletin",
            time.monotonic() - started,
            f"{choice.jurisdiction} {choice.period}: {len(files)} files" + ("" if result.success else " FAILED"),
        )
        written.append((choice, files, result.success))
    return written


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--period", default=os.environ.get("PERIOD") or None, help="YYYY-MM (default: chosen)")
    parser.add_argument("--jurisdiction", default=os.environ.get("JURISDICTION") or None)
    parser.add_argument("-v", "--verbose", action="store_true", help="print Dagster's and dbt's event lines too")
    args = parser.parse_args(argv)
    if not sys.stdout.isatty():
        os.environ.setdefault("DBT_USE_COLORS", "false")  # no ANSI codes in a log file or a pipe
        os.environ.setdefault("NO_COLOR", "1")
    from orchestration.definitions import defs

    job = defs.resolve_job_def("refresh_warehouse")
    print(f"Building {duckdb_path()} from {exports_dir() or 'the embedded sample'}", flush=True)
    if warning := salt_problem(exports_dir()):
        print(f"WARNING: {warning}")
    try:
        with writer_lock(duckdb_path()):
            return _run(job, args)
    except BuildRunning as running:
        print(running)
        return EXIT_BUILD_RUNNING


def _run(job, args) -> int:
    result, dbt_checks, gx_checks = run_warehouse(job, args.verbose, all_keys()[0])
    for asset_key, name, passed, _ in dbt_checks:
        if not passed:
            print(f"  FAILED dbt test on {asset_key}: {name}")
    if any(not passed and "quarantine_share" in name for _, name, passed, _ in dbt_checks):
        for line in files_over_threshold(duckdb_path(), os.environ.get(LANDING_STARTED)):
            print(f"  {line}")
    validates = {c.name: c.asset for c in _gx_checks()}
    for _, name, passed, severity in gx_checks:
        if not passed:
            verdict = "FAILED (blocks publishing)" if severity == "ERROR" else "warning"
            print(f"  {verdict}: {name} on {validates[name]}")
    print(f"dbt's log (every node, every test): {dbt_log_path()}; what the run printed: {run_log_path()}")
    if not result.success:
        failures = [e for e in result.all_events if e.event_type == DagsterEventType.STEP_FAILURE]
        for event in failures:
            error = event.event_specific_data.error
            print(f"  {event.step_key}: {(error.message if error else 'failed').strip().splitlines()[0][:600]}")
        failed = [e.step_key for e in failures]
        print(f"\nRun FAILED at {failed}; the serving copy was not replaced: {serving_path()}")
        return 1
    choices = choose(serving_path(), jurisdiction=args.jurisdiction, period=args.period)
    if not choices:
        print(
            "No bulletin: no jurisdiction has a complete period with data"
            + (f" matching {args.jurisdiction or ''} {args.period or ''}" if args.jurisdiction or args.period else "")
        )
    for choice in choices:
        print(
            f"Bulletin period {choice.jurisdiction} {choice.period} ({choice.first_day} .. {choice.last_day}): "
            f"{choice.reason}"
        )
        if choice.warning:
            print(f"WARNING: {choice.warning}")
    written = run_bulletins(job, choices, args.verbose)
    print(f"\nServing copy (read-only for analysts and BI): {serving_path()}")
    print(f"GX Data Docs: {data_docs_index()}")
    print_summary(duckdb_path())
    for choice, files, _ in written:
        print(f"\nBulletin {choice.jurisdiction} {choice.period}:")
        for path in files:
            print(f"  {path}")
    return 0 if all(ok for *_, ok in written) else 1


def dbt_log_path() -> Path:
    return Path(os.environ.get("DBT_LOG_PATH", PROJECT_DIR / "logs")) / "dbt.log"


def run_log_path() -> Path:
    return dbt_log_path().parent / "run.log"


def _gx_checks():
    from orchestration.quality import CHECKS

    return CHECKS


if __name__ == "__main__":
    os.environ.setdefault("PYTHONIOENCODING", "utf-8")
    sys.exit(main())
