"""Write-audit-publish: the serving copy, and the bulletin extracts per period.

``serving_warehouse`` depends on every published mart, so it runs after dbt; in
its own step it audits the working warehouse (the GX checks, see quality.py) and
publishes only when every blocking check passed, else it fails and leaves the
previous serving file untouched. ``period_bulletin`` is partitioned
by statistical period per jurisdiction: it renders that period's bulletin from
the serving copy as .docx, .html and .pdf (hotline.document); a backfill over a
range of partitions writes past bulletins.
"""

from dagster import AssetExecutionContext, AssetKey, Failure, MaterializeResult, MetadataValue, asset

from hotline.document.render import bulletin_files
from hotline.engines import checked_database
from hotline.pg_serving import publish_built_marts
from hotline.publish import publish
from hotline.settings import bulletins_dir, duckdb_path, serving_path, serving_targets
from orchestration.landing import WRITER_TAG
from orchestration.partitions import parse_key, period_partitions
from orchestration.quality import audit, check_specs

PUBLISHED_MARTS = (
    "dim_calendar",
    "dim_categories",
    "dim_scheme_components",
    "dim_periods",
    "dim_units",
    "fct_city_sampling_unit_period",
    "fct_enterprise_unit_period",
    "fct_file_reconciliation",
    "fct_hotspot_places",
    "fct_hotspots",
    "fct_onsite_unit_period",
    "fct_state_regressions",
    "fct_period_breakdowns",
    "fct_period_overview",
    "fct_repeat_chains",
    "fct_theme_daily",
    "fct_theme_summary",
    "fct_tickets",
    "fct_unit_period_metrics",
    "fct_unit_period_rankings",
    "fct_unit_period_scores",
    "fct_unknown_categories",
)


SERVING_KEY = AssetKey(["serving_warehouse"])


@asset(
    key=SERVING_KEY,
    deps=[AssetKey(["marts", name]) for name in PUBLISHED_MARTS],
    check_specs=check_specs(SERVING_KEY),
    group_name="serving",
    kinds={"duckdb", "postgres"},
    op_tags=WRITER_TAG,
    description="The read-only serving copy of the published marts, replaced atomically after the checks pass.",
)
def serving_warehouse(context: AssetExecutionContext):
    results, blocking_failures = audit(SERVING_KEY)
    for result in results:
        context.log.info(f"check {result.check_name}: {'passed' if result.passed else 'FAILED'}")
        yield result
    if blocking_failures:
        raise Failure(
            description="blocking checks failed; the serving copy was left as it was: " + " | ".join(blocking_failures),
            metadata={"failed_checks": MetadataValue.json(blocking_failures)},
        )
    # the serving file always: the bulletin is rendered from it; PostgreSQL as well when configured
    result = publish(checked_database(duckdb_path()))  # on Spark, the marts Spark wrote as Parquet
    context.log.info(f"published {len(result.tables)} marts to {result.path}")
    metadata = {
        "path": MetadataValue.path(str(result.path)),
        "tables": MetadataValue.json(result.tables),
        "dagster/row_count": sum(result.tables.values()),
        "published_at": result.published_at.isoformat(timespec="seconds"),
    }
    if "postgres" in serving_targets():
        on_pg = publish_built_marts()
        context.log.info(f"published {len(on_pg.tables)} marts to PostgreSQL database {on_pg.database}")
        metadata["postgres_database"] = on_pg.database
        metadata["postgres_tables"] = MetadataValue.json(on_pg.tables)
    yield MaterializeResult(metadata=metadata)


@asset(
    deps=[SERVING_KEY],
    partitions_def=period_partitions,
    group_name="serving",
    kinds={"docx", "html", "pdf"},
    description="The bulletin (月报) of one jurisdiction and statistical period as .docx, .html and .pdf, "
    "from the serving copy, laid out by documents/bulletin_templates.yml.",
)
def period_bulletin(context: AssetExecutionContext) -> MaterializeResult:
    period = parse_key(context.partition_key)
    folder = bulletins_dir() / period.jurisdiction / period.label
    paths = bulletin_files(serving_path(), period.jurisdiction, period.label, folder)
    return MaterializeResult(
        metadata={
            "folder": MetadataValue.path(str(folder)),
            "period": f"{period.first_day} .. {period.last_day} ({period.days} days)",
            **{fmt: MetadataValue.path(str(path)) for fmt, path in paths.items()},
        }
    )
