"""The semantic layer: `mf query` on DuckDB gives the marts' numbers.

MetricFlow's CLI (dbt-metricflow) reads the semantic manifest from ``target/`` of
the dbt project it runs in, so the test runs it in a folder that links the
project's sources and holds its own target/. It queries the embedded sample's
warehouse (built by the session fixture); the expected numbers are read from the
marts with duckdb, from other tables than the metrics' own where one exists
(the period overview, the breakdowns by channel and category, the rankings).
"""

from __future__ import annotations

import csv
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.python.conftest import PROJECT_DIR, query

pytestmark = pytest.mark.slow

LINKED = ["dbt_project.yml", "profiles.yml", "models", "macros", "seeds", "tests", "analyses", "hotline"]


@pytest.fixture(scope="module")
def metricflow(sample_warehouse, tmp_path_factory):
    project = tmp_path_factory.mktemp("metricflow_project")
    for name in LINKED:
        (project / name).symlink_to(PROJECT_DIR / name)
    env = {**os.environ, "HOTLINE_DUCKDB_PATH": str(sample_warehouse), "DBT_LOG_PATH": str(project / "logs")}
    env.pop("DBT_TARGET_PATH", None)
    bin_dir = Path(sys.executable).parent
    subprocess.run([str(bin_dir / "dbt"), "parse", "--quiet"], cwd=project, env=env, check=True)

    def mf_query(metrics: list[str], group_by: list[str], where: str | None = None) -> list[dict]:
        out = project / "result.csv"
        command = [str(bin_dir / "mf"), "query", "--metrics", ",".join(metrics), "--group-by", ",".join(group_by),
                   "--csv", str(out)]  # fmt: skip
        if where:
            command += ["--where", where]
        result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, check=False)
        assert result.returncode == 0 and out.exists(), result.stdout[-3000:] + result.stderr[-3000:]
        with open(out, encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        out.unlink()
        return rows

    return mf_query


def number(text: str) -> float | None:
    return None if text in ("", "None", "nan") else float(text)


def close(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=0, abs_tol=1e-9)


def test_the_overview_of_every_period_from_metrics(metricflow, sample_warehouse):
    rates = ["response_rate", "on_time_rate", "resolution_rate", "satisfaction_rate", "result_satisfaction_rate",
             "process_satisfaction_rate", "daily_average", "handled_count_mom", "handled_count_yoy"]  # fmt: skip
    rows = metricflow(["handled_count", *rates], ["unit_period__jurisdiction", "metric_time__month"])
    overview = {
        (j, first.strftime("%Y-%m")): values
        for j, first, *values in query(
            sample_warehouse,
            f"select jurisdiction, first_day, handled_count, {', '.join(rates)} from marts.fct_period_overview "
            "where rate_source = 'computed' and handled_count > 0",
        )
    }
    checked = 0
    for row in rows:
        key = (row["unit_period__jurisdiction"], row["metric_time__month"][:7])
        if key not in overview:
            continue
        expected = overview[key]
        assert int(row["handled_count"]) == expected[0], key
        for name, value in zip(rates, expected[1:], strict=True):
            assert close(number(row[name]), value), (key, name, row[name], value)
        checked += 1
    assert checked >= 12


def test_unit_counts_and_rates_from_metrics(metricflow, sample_warehouse):
    counts = ["handled_count", "closed_count", "returned_count", "in_progress_count", "overdue_count", "redo_count",
              "repeat_demand_count"]  # fmt: skip
    rates = ["response_rate", "on_time_rate", "resolution_rate"]
    rows = metricflow([*counts, *rates], ["unit_period__unit_name", "unit_period__period_label"],
                      where="{{ Dimension('unit_period__jurisdiction') }} = '青禾县'")  # fmt: skip
    marts = {
        (name, period): values
        for name, period, *values in query(
            sample_warehouse,
            f"select unit_name, period_label, {', '.join(counts)}, computed_response_rate, computed_on_time_rate, "
            "computed_resolution_rate from marts.fct_unit_period_metrics where jurisdiction = '青禾县'",
        )
    }
    assert len(rows) == len(marts) > 300
    for row in rows:
        expected = marts[(row["unit_period__unit_name"], row["unit_period__period_label"])]
        assert [int(row[c]) for c in counts] == list(expected[: len(counts)])
        for name, value in zip(rates, expected[len(counts) :], strict=True):
            assert close(number(row[name]), value), (row, name)


def test_volumes_by_tier_channel_request_type_and_category(metricflow, sample_warehouse):
    period = "{{ Dimension('unit_period__period_label') }} = '2025-06'"
    by_tier = metricflow(["handled_count"], ["unit_period__tier_label_zh"], where=period)
    expected = dict(
        query(
            sample_warehouse,
            "select tier_label_zh, sum(assessed_handled_count) from marts.fct_unit_period_rankings "
            "where period_label = '2025-06' and jurisdiction = '青禾县' group by 1",
        )
    )
    assert {
        r["unit_period__tier_label_zh"]: int(r["handled_count"]) for r in by_tier if r["unit_period__tier_label_zh"]
    } == expected
    for dimension in ("channel", "request_type", "category_level_1"):
        rows = metricflow(["ticket_count"], [f"ticket__{dimension}"], where=period)
        breakdown = dict(
            query(
                sample_warehouse,
                "select member, ticket_count from marts.fct_period_breakdowns where jurisdiction = '青禾县' "
                "and period_label = '2025-06' and dimension = ?",
                [dimension],
            )
        )
        assert breakdown and {r[f"ticket__{dimension}"]: int(r["ticket_count"]) for r in rows} == breakdown, dimension
