"""The job every schedule, sensor and `make run` executes: landing -> dbt build -> checks -> publish -> bulletin.

It runs in one process (steps share one DuckDB writer in turn, and GX and dbt
are imported once), partitioned by statistical period: the period's partition
selects which bulletin is written; the warehouse itself is rebuilt whole.
"""

from __future__ import annotations

from dagster import AssetSelection, define_asset_job, in_process_executor

from orchestration.partitions import period_partitions

refresh_warehouse = define_asset_job(
    name="refresh_warehouse",
    selection=AssetSelection.all(),
    partitions_def=period_partitions,
    executor_def=in_process_executor,
    tags={"hotline/writer": "duckdb"},
    description="Land exports, build and test the dbt project, run the GX checks, publish, write the bulletin.",
)
