"""The dbt project as assets: one ``dbt build`` streamed, dbt tests as asset checks.

Seeds are loaded by the landing asset (they decide which raw data is in play), so
the dbt assets are the models. With a landing folder the build is incremental
(only what new files touch is rebuilt); on the embedded sample it is a full one.
Row counts are read read-only once dbt has
finished (dbt holds the DuckDB file while it runs) and attached to each model's
materialization; the column schema comes from the models' YAML contracts.
"""

import os
import shutil
from pathlib import Path

from dagster import AssetExecutionContext, Output
from dagster_dbt import DbtCliResource, dbt_assets

from hotline.settings import duckdb_path, exports_dir
from hotline.test_scope import build_scope, record_passed
from hotline.warehouse_db import open_warehouse
from orchestration.landing import WRITER_TAG
from orchestration.project import dbt_project

DBT_SELECTION_EXCLUDE = "resource_type:seed"
KEEP_INVOCATIONS = 3  # dagster-dbt writes one target folder per run: keep the newest few


def prune_invocation_folders(target: Path, keep: int = KEEP_INVOCATIONS) -> list[Path]:
    """Remove all but the ``keep`` newest per-run target folders (target/hotline_dbt_models-*)."""
    folders = sorted(target.glob("hotline_dbt_models-*"), key=lambda p: p.stat().st_mtime, reverse=True)
    for folder in folders[keep:]:
        shutil.rmtree(folder, ignore_errors=True)
    return folders[keep:]


def _relations(con) -> dict[str, str]:
    """Model name -> schema-qualified relation, for every table or view dbt built."""
    rows = con.execute(
        "select table_schema, table_name from information_schema.tables "
        "where table_schema in ('staging', 'intermediate', 'marts')"
    ).fetchall()
    return {name: f'"{schema}"."{name}"' for schema, name in rows}


@dbt_assets(
    manifest=dbt_project.manifest_path,
    project=dbt_project,
    exclude=DBT_SELECTION_EXCLUDE,
    op_tags=WRITER_TAG,
)
def hotline_dbt_models(context: AssetExecutionContext, dbt: DbtCliResource):
    # the embedded sample replaces raw.* wholesale: a full build, with the unit tests;
    # landed files: an incremental one
    landed = exports_dir() is not None
    extra, scope = build_scope(duckdb_path(), incremental=landed, unit_tests=not landed)
    args = ["build", "--exclude", DBT_SELECTION_EXCLUDE, *extra]
    os.environ.update(scope)  # dbt's process inherits this one's environment
    invocation = dbt.cli(args, context=context, raise_on_error=False)
    events = list(invocation.stream())
    con = open_warehouse(duckdb_path())  # whichever engine built it (HOTLINE_ENGINE)
    try:
        relations = _relations(con)
        for event in events:
            if isinstance(event, Output):
                model = context.asset_key_for_output(event.output_name).path[-1]
                if model in relations:
                    rows = con.execute(f"select count(*) from {relations[model]}").fetchone()[0]
                    event = event.with_metadata({**event.metadata, "dagster/row_count": rows})
            yield event
    finally:
        con.close()
    prune_invocation_folders(Path(dbt_project.project_dir) / dbt_project.target_path)
    if not invocation.is_successful():
        raise RuntimeError("dbt build failed: a model or a dbt test failed (see the dbt events above)")
    record_passed(duckdb_path())
