"""Schedules and sensors.

- ``refresh_current_period`` (daily, 06:00 Asia/Shanghai): the whole chain for the
  period each jurisdiction is in today.
- ``close_ended_period`` (daily, 07:00): the day after a period ends, the same
  chain for that period, tagged as the closing run.
- ``new_export_files``: a sensor on the landing folder ($HOTLINE_EXPORTS_DIR) that
  starts one run when export files are new or changed, and none for a file whose
  content it has already seen.
- ``report_run_failure``: on a failed run, logs the failed step and the failed
  checks, and reports them to $HOTLINE_ALERT_WEBHOOK (JSON POST) and/or
  $HOTLINE_ALERT_COMMAND (the message on stdin); both are off unless set.

Writing runs carry the tag hotline/writer; the instance's run queue lets one
such run at a time (orchestration/dagster.yaml), as DuckDB has a single writer.
"""

import json
import os
import shlex
import subprocess
import urllib.request
from datetime import datetime
from pathlib import Path

from dagster import (
    DagsterEventType,
    DefaultSensorStatus,
    RunFailureSensorContext,
    RunRequest,
    ScheduleEvaluationContext,
    SensorEvaluationContext,
    SkipReason,
    run_failure_sensor,
    schedule,
    sensor,
)

from hotline.landing import export_files, file_sha256
from hotline.settings import exports_dir
from orchestration.jobs import refresh_warehouse
from orchestration.partitions import closing_period_keys, current_period_keys

TIMEZONE = "Asia/Shanghai"
WRITER_TAGS = {"hotline/writer": "duckdb"}


@schedule(job=refresh_warehouse, cron_schedule="0 6 * * *", execution_timezone=TIMEZONE)
def refresh_current_period(context: ScheduleEvaluationContext):
    day = context.scheduled_execution_time.date()
    keys = current_period_keys(day)
    if not keys:
        return SkipReason(f"no jurisdiction's period covers {day}")
    return [RunRequest(run_key=f"refresh|{key}|{day}", partition_key=key, tags=WRITER_TAGS) for key in keys]


@schedule(job=refresh_warehouse, cron_schedule="0 7 * * *", execution_timezone=TIMEZONE)
def close_ended_period(context: ScheduleEvaluationContext):
    day = context.scheduled_execution_time.date()
    keys = closing_period_keys(day)
    if not keys:
        return SkipReason(f"no period ended on the day before {day}")
    return [
        RunRequest(run_key=f"close|{key}", partition_key=key, tags={**WRITER_TAGS, "hotline/closing": "true"})
        for key in keys
    ]


def _fingerprint(path: Path) -> str:
    stat = path.stat()
    return f"{path.name}|{stat.st_size}|{stat.st_mtime_ns}"


@sensor(job=refresh_warehouse, minimum_interval_seconds=60, default_status=DefaultSensorStatus.STOPPED)
def new_export_files(context: SensorEvaluationContext):
    """One run for files that are new or changed; a file whose content was seen before is ignored."""
    folder = exports_dir()
    if folder is None or not folder.is_dir():
        return SkipReason("HOTLINE_EXPORTS_DIR is not set or not a folder")
    state = json.loads(context.cursor) if context.cursor else {"fingerprints": {}, "hashes": []}
    seen_hashes = set(state["hashes"])
    new_hashes, fingerprints = [], dict(state["fingerprints"])
    for path in export_files(folder):
        fingerprint = _fingerprint(path)
        if fingerprints.get(path.name) == fingerprint:
            continue  # unchanged since the last look: not even hashed again
        fingerprints[path.name] = fingerprint
        digest = file_sha256(path)
        if digest not in seen_hashes:
            new_hashes.append(digest)
            seen_hashes.add(digest)
    context.update_cursor(json.dumps({"fingerprints": fingerprints, "hashes": sorted(seen_hashes)}))
    if not new_hashes:
        return SkipReason("no new or changed export files")
    keys = current_period_keys(datetime.now().date())
    return RunRequest(
        run_key="landing|" + ",".join(sorted(new_hashes)),
        partition_key=keys[0] if keys else None,
        tags={**WRITER_TAGS, "hotline/new_files": str(len(new_hashes))},
    )


def failure_report(context: RunFailureSensorContext) -> dict:
    """What failed: the run, its failed steps, and the checks that did not pass."""
    failed_steps = [e.step_key for e in context.get_step_failure_events() if e.step_key]
    records = context.instance.get_records_for_run(
        run_id=context.dagster_run.run_id, of_type=DagsterEventType.ASSET_CHECK_EVALUATION
    ).records
    failed_checks = []
    for record in records:
        evaluation = record.event_log_entry.dagster_event.event_specific_data
        if not evaluation.passed:
            failed_checks.append(f"{evaluation.asset_key.to_user_string()}:{evaluation.check_name}")
    return {
        "run_id": context.dagster_run.run_id,
        "job": context.dagster_run.job_name,
        "partition": context.dagster_run.tags.get("dagster/partition"),
        "failed_steps": failed_steps,
        "failed_checks": failed_checks,
        "message": context.failure_event.message,
    }


def send_alert(report: dict) -> None:
    webhook, command = os.environ.get("HOTLINE_ALERT_WEBHOOK"), os.environ.get("HOTLINE_ALERT_COMMAND")
    body = json.dumps(report, ensure_ascii=False)
    if webhook:
        request = urllib.request.Request(webhook, data=body.encode(), headers={"Content-Type": "application/json"})
        urllib.request.urlopen(request, timeout=10).close()
    if command:
        subprocess.run(shlex.split(command), input=body, text=True, check=False, timeout=30)


@run_failure_sensor(default_status=DefaultSensorStatus.RUNNING)
def report_run_failure(context: RunFailureSensorContext):
    report = failure_report(context)
    context.log.error(
        f"run {report['run_id']} failed: steps {report['failed_steps']}, checks {report['failed_checks']}"
    )
    send_alert(report)
