"""Orchestration: definitions, the whole job in process, write-audit-publish, automation."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import duckdb
import pytest
from dagster import (
    AssetSelection,
    DagsterInstance,
    Definitions,
    RunRequest,
    SkipReason,
    build_schedule_context,
    build_sensor_context,
    define_asset_job,
    in_process_executor,
)

from hotline.generate import generate
from tests.python.conftest import PROJECT_DIR

ENV_KEYS = (
    "HOTLINE_DUCKDB_PATH",
    "HOTLINE_SERVING_PATH",
    "HOTLINE_GX_DIR",
    "HOTLINE_BULLETINS_DIR",
    "HOTLINE_EXPORTS_DIR",
)


@pytest.fixture(scope="module")
def manifest():
    """dagster-dbt reads target/manifest.json: parse the project once (make test does too)."""
    env = {k: v for k, v in os.environ.items() if k not in ("DBT_TARGET_PATH",)}
    subprocess.run([str(Path(sys.executable).parent / "dbt"), "parse", "--quiet"], cwd=PROJECT_DIR, env=env, check=True)


@pytest.fixture(scope="module")
def orchestrated(tmp_path_factory, manifest):
    """The refresh job run once, in process, on the embedded sample, in a folder of its own."""
    folder = tmp_path_factory.mktemp("orchestrated")
    saved = {k: os.environ.get(k) for k in ENV_KEYS}
    os.environ.update(
        HOTLINE_DUCKDB_PATH=str(folder / "hotline.duckdb"),
        HOTLINE_SERVING_PATH=str(folder / "hotline_serving.duckdb"),
        HOTLINE_GX_DIR=str(folder / "gx"),
        HOTLINE_BULLETINS_DIR=str(folder / "bulletins"),
    )
    os.environ.pop("HOTLINE_EXPORTS_DIR", None)
    from orchestration.definitions import defs

    result = defs.resolve_job_def("refresh_warehouse").execute_in_process(
        instance=DagsterInstance.ephemeral(), partition_key="青禾县|2025-12", raise_on_error=False
    )
    yield defs, result, folder
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


def test_definitions_hold_every_model_and_check(manifest):
    from orchestration.definitions import defs

    graph = defs.resolve_asset_graph()
    keys = {k.path[-1] for k in graph.get_all_asset_keys()}
    with open(PROJECT_DIR / "target" / "manifest.json", encoding="utf-8") as handle:
        nodes = json.load(handle)["nodes"].values()
    models = {n["name"] for n in nodes if n["resource_type"] == "model"}
    assert models <= keys
    assert {"ticket_exports", "landed_files", "serving_warehouse", "period_bulletin"} <= keys
    checks = {(k.asset_key.path[-1], k.name) for k in graph.asset_check_keys}
    from orchestration.quality import CHECKS

    assert {("serving_warehouse", c.name) for c in CHECKS} <= checks
    # every dbt test on models only is an asset check of its model (tests that also read a seed
    # run in the same dbt build and fail its step, but dagster-dbt maps no check to them)
    model_tests = {
        (n["attached_node"].split(".")[-1], n["name"])
        for n in nodes
        if n["resource_type"] == "test"
        and (n.get("attached_node") or "").startswith("model.")
        and all(d.startswith("model.") for d in n["depends_on"]["nodes"])
    }
    assert model_tests and model_tests <= checks
    assert {s.name for s in defs.schedules} == {"refresh_current_period", "close_ended_period", "nightly_history_check"}
    assert {j.name for j in defs.jobs} >= {"refresh_warehouse", "check_history"}
    assert {s.name for s in defs.sensors} == {"new_export_files", "report_run_failure"}


@pytest.mark.slow
def test_whole_job_materialises_and_publishes(orchestrated):
    _, result, folder = orchestrated
    assert result.success
    evaluations = [e.event_specific_data for e in result.all_events if e.event_type_value == "ASSET_CHECK_EVALUATION"]
    gx = {e.check_name: e.passed for e in evaluations if e.asset_key.path == ["serving_warehouse"]}
    assert gx["units_reconcile"] and gx["period_totals_reconcile"] and gx["no_personal_data_published"]
    assert all(e.passed for e in evaluations if e.asset_key.path != ["serving_warehouse"])  # dbt tests
    serving = duckdb.connect(str(folder / "hotline_serving.duckdb"), read_only=True)
    working = duckdb.connect(str(folder / "hotline.duckdb"), read_only=True)
    try:
        for table in ("fct_unit_period_metrics", "fct_tickets", "fct_unit_period_rankings"):
            count = f"select count(*) from marts.{table}"
            assert serving.execute(count).fetchone() == working.execute(count).fetchone()
        schemas = {
            s for (s,) in serving.execute("select distinct table_schema from information_schema.tables").fetchall()
        }
        assert schemas == {"marts"}  # nothing from raw or staging reaches the serving copy
    finally:
        serving.close()
        working.close()
    bulletin = folder / "bulletins" / "青禾县" / "2025-12"
    for fmt in ("docx", "html", "pdf"):
        assert (bulletin / f"青禾县_2025-12_月报.{fmt}").stat().st_size > 10_000
    assert "青禾县12345热线十二月份办理情况通报" in (bulletin / "青禾县_2025-12_月报.html").read_text(encoding="utf-8")
    assert (folder / "gx" / "gx" / "uncommitted" / "data_docs" / "local_site" / "index.html").exists()


@pytest.mark.slow
def test_data_docs_load_nothing_from_the_internet(orchestrated):
    """Every script, stylesheet and image of every Data Docs page is a file of the site."""
    import re

    _, _, folder = orchestrated
    site = folder / "gx" / "gx" / "uncommitted" / "data_docs" / "local_site"
    pages = list(site.rglob("*.html"))
    assert len(pages) > 10
    resource = re.compile(r'<(?:script|img)\b[^>]*?\bsrc="([^"]+)"|<link\b[^>]*?\bhref="([^"]+)"')
    remote, broken, seen = [], [], set()
    for page in pages:
        for match in resource.finditer(page.read_text(encoding="utf-8")):
            url = match.group(1) or match.group(2)
            if url.startswith(("http:", "https:", "//")):
                remote.append((page.name, url))
            elif not (page.parent / url.split("?")[0]).is_file():
                broken.append((page.name, url))
            seen.add(url.rsplit("/", 1)[-1])
    assert remote == [] and broken == []
    # the libraries the index table needs are there, not dropped
    assert {"jquery.min.js", "bootstrap.bundle.min.js", "bootstrap-table.min.js", "all.min.css"} <= seen
    assert "units_reconcile" in (site / "index.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_broken_mart_blocks_publishing_and_keeps_the_serving_copy(orchestrated):
    defs, _, folder = orchestrated
    serving = folder / "hotline_serving.duckdb"
    before = hashlib.sha256(serving.read_bytes()).hexdigest()
    con = duckdb.connect(str(folder / "hotline.duckdb"))
    con.execute(
        "update marts.fct_unit_period_metrics set closed_count = closed_count + 1 "
        "where unit_id = 'QH001' and period_label = '2025-12'"
    )
    con.close()
    from orchestration.serving import serving_warehouse

    audit_job = define_asset_job(
        "audit_and_publish", AssetSelection.assets(serving_warehouse), executor_def=in_process_executor
    )
    merged = Definitions.merge(defs, Definitions(jobs=[audit_job]))
    result = merged.resolve_job_def("audit_and_publish").execute_in_process(
        instance=DagsterInstance.ephemeral(), raise_on_error=False
    )
    assert not result.success
    failed = {
        e.event_specific_data.check_name
        for e in result.all_events
        if e.event_type_value == "ASSET_CHECK_EVALUATION" and not e.event_specific_data.passed
    }
    assert "units_reconcile" in failed
    failure = next(e for e in result.all_events if e.event_type_value == "STEP_FAILURE")
    assert "units_reconcile" in failure.message or "units_reconcile" in str(failure.event_specific_data)
    assert hashlib.sha256(serving.read_bytes()).hexdigest() == before


def test_sensor_starts_one_run_per_new_content(tmp_path, monkeypatch):
    from orchestration.automation import new_export_files

    landing = tmp_path / "landing"
    generate(landing, periods=1, tickets_per_period=10, seed=11, assessment=False)
    monkeypatch.setenv("HOTLINE_EXPORTS_DIR", str(landing))
    context = build_sensor_context()
    assert isinstance(new_export_files(context), RunRequest)
    assert isinstance(new_export_files(build_sensor_context(cursor=context.cursor)), SkipReason)
    original = next(landing.iterdir())
    shutil.copy(original, landing / "tickets_same_content_other_name.csv")
    assert isinstance(new_export_files(build_sensor_context(cursor=context.cursor)), SkipReason)
    generate(tmp_path / "more", first_period="2024-12", periods=1, tickets_per_period=10, seed=11, assessment=False)
    for path in (tmp_path / "more").iterdir():
        shutil.copy(path, landing / path.name)
    assert isinstance(new_export_files(build_sensor_context(cursor=context.cursor)), RunRequest)


def _requests(schedule, when: datetime):
    result = schedule(build_schedule_context(scheduled_execution_time=when))
    return result if isinstance(result, SkipReason) else sorted(r.partition_key for r in result)


def test_schedules_follow_a_25th_to_22nd_period_across_the_new_year():
    from orchestration.automation import close_ended_period, refresh_current_period

    assert _requests(refresh_current_period, datetime(2024, 12, 26, 6)) == [
        "东昌府区|2025-01",
        "青禾县|2024-12",
        "青禾县住建局|2024-12",
    ]
    assert _requests(refresh_current_period, datetime(2025, 1, 22, 6)) == [
        "东昌府区|2025-01",
        "青禾县|2025-01",
        "青禾县住建局|2025-01",
    ]
    # the 23rd and 24th are in no 东昌府区 period
    assert _requests(refresh_current_period, datetime(2024, 12, 23, 6)) == ["青禾县|2024-12", "青禾县住建局|2024-12"]
    # the day after a period ends, it is closed
    assert _requests(close_ended_period, datetime(2025, 1, 23, 7)) == ["东昌府区|2025-01"]
    assert _requests(close_ended_period, datetime(2025, 1, 1, 7)) == ["青禾县|2024-12", "青禾县住建局|2024-12"]
    assert isinstance(_requests(close_ended_period, datetime(2025, 1, 10, 7)), SkipReason)
    from orchestration.partitions import parse_key, period_partitions

    assert "东昌府区|2025-01" in period_partitions.get_partition_keys()
    january = parse_key("东昌府区|2025-01")
    assert (str(january.first_day), str(january.last_day)) == ("2024-12-25", "2025-01-22")


READER = """
import sys, time, duckdb
path, seconds = sys.argv[1], float(sys.argv[2])
deadline, reads = time.time() + seconds, 0
held = duckdb.connect(path, read_only=True)      # a reader that keeps the file open throughout
while time.time() < deadline:
    con = duckdb.connect(path, read_only=True)   # and readers that open it again and again
    con.execute("select count(*) from marts.fct_unit_period_metrics").fetchone()
    con.close()
    held.execute("select count(*) from marts.fct_tickets").fetchone()
    reads += 1
print(reads)
"""


@pytest.mark.slow
def test_readers_never_fail_during_publish(orchestrated):
    _, _, folder = orchestrated
    from hotline.publish import publish

    serving = folder / "reader_serving.duckdb"
    publish(folder / "hotline.duckdb", serving)
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(serving), "6"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    time.sleep(1)
    for _ in range(4):
        publish(folder / "hotline.duckdb", serving)
    out, err = reader.communicate(timeout=60)
    assert reader.returncode == 0, err[-2000:]
    assert int(out.strip()) > 0
