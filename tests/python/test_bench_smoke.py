"""A tiny run of the benchmark harness: every phase runs and the implementations agree.

The warehouse, the raw-DuckDB floor, pandas, the lean floor and polars each count and
rate the same exports; after one more period, the warehouse and the lean floor again.

Correctness only: no timing is asserted (timings are for BENCHMARKS.md).
"""

from __future__ import annotations

import pytest

from bench.__main__ import run
from bench.report import write_report


@pytest.mark.slow
def test_benchmark_harness_runs_and_implementations_agree(tmp_path):
    record = run(3000, skip_pandas=False, pandas_limit_gb=8, data_root=tmp_path / "data", results_dir=tmp_path / "r")
    phases = {p["phase"] for p in record["phases"]}
    assert {
        "ingestion",
        "ingestion floor (read_csv)",
        "full build",
        "full build floor (DuckDB SQL)",
        "pandas",
        "lean floor (CSV to metrics)",
        "polars",
        "lean floor, new period",
        "incremental (one new period)",
        "incremental build",
        "checks (GX)",
        "publish",
    } <= phases
    assert all(p["ok"] and p["wall"] > 0 and p["peak_rss"] > 0 for p in record["phases"])
    assert {"warehouse vs lean floor", "warehouse vs polars", "after the new period: warehouse vs lean floor"} <= set(
        record["comparisons"]
    )
    for name, differences in record["comparisons"].items():
        assert differences["rows"] > 0, name
        assert {k: v for k, v in differences.items() if k != "rows" and v} == {}, name
    report = write_report(tmp_path / "r", tmp_path / "BENCHMARKS.md")
    assert "3,000 tickets" in report and "identical" in report
