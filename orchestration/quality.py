"""Great Expectations (GX Core 1.x) checks as Dagster asset checks: the audit of write-audit-publish.

Each check validates the working warehouse, opened read-only, with a GX suite;
the result (expectation, observed value, unexpected count, a sample of the
unexpected rows) goes into the check's metadata, and every run updates the GX
Data Docs site (see ``orchestration.project.data_docs_index``).

The checks are asset checks of the serving copy and run inside its step, before
the atomic replace: a blocking check that fails stops the step, so the previous
serving file stays untouched. (Checks in a separate step would not do: Dagster
may run a downstream asset before a blocking check of its upstream finishes.)
The volume and freshness checks only warn.

GX 1.24 has no DuckDB engine; through duckdb-engine it loses query results when
it closes a connection. Treating DuckDB like SQLite (one persisted connection)
fixes that; the patch uses a private attribute, hence the pinned GX version.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field

import duckdb
from dagster import AssetCheckResult, AssetCheckSeverity, AssetCheckSpec, AssetKey, MetadataValue

from hotline.engines import checked_database
from hotline.settings import PROJECT_DIR, duckdb_path
from orchestration.data_docs import make_offline
from orchestration.project import data_docs_index, gx_root

RESULT_PREFIX = "GX-RESULTS "
RATE_COLUMNS = (
    "response_rate",
    "on_time_rate",
    "on_time_return_rate",
    "resolution_rate",
    "result_satisfaction_rate",
    "process_satisfaction_rate",
    "satisfaction_rate",
)
# digit-bounded patterns (RE2 has no look-around): a mobile number, an ID-card number
MOBILE_PATTERN = "(^|[^0-9])1[3-9][0-9]{9}([^0-9]|$)"
ID_CARD_PATTERN = "(^|[^0-9])[0-9]{17}[0-9Xx]([^0-9Xx]|$)"


@dataclass(frozen=True)
class Check:
    name: str
    asset: str
    description: str
    blocking: bool
    expectations: tuple = field(default_factory=tuple)  # built lazily: GX imports are slow


def _patch_gx_for_duckdb():
    import great_expectations.execution_engine.sqlalchemy_execution_engine as engine

    class _DuckDialect(str):
        value = "duckdb"

    if not any(getattr(d, "value", d) == "duckdb" for d in engine._PERSISTED_CONNECTION_DIALECTS):
        engine._PERSISTED_CONNECTION_DIALECTS = (*engine._PERSISTED_CONNECTION_DIALECTS, _DuckDialect("duckdb"))


@functools.cache
def _context():
    import great_expectations as gx

    _patch_gx_for_duckdb()
    root = gx_root()
    root.mkdir(parents=True, exist_ok=True)
    return gx.get_context(mode="file", project_root_dir=str(root))


ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def personal_id_condition(column: str) -> str:
    """SQL that is true when a whole id is a mobile number or a real ID-card number (province,
    birth date, GB 11643 check character): ticket ids are digit strings as long as ID numbers."""
    weighted = " + ".join(f"cast(substr({column}, {i}, 1) as integer) * {w}" for i, w in enumerate(ID_WEIGHTS, 1))
    id_shape = "^(1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5]|71|8[1-3])[0-9]{4}(19|20)[0-9]{6}[0-9]{3}[0-9Xx]$"
    return (
        f"(case when regexp_full_match({column}, '1[3-9][0-9]{{9}}') then true "
        f"when regexp_matches({column}, '{id_shape}') "
        f"then upper(substr({column}, 18, 1)) = substr('10X98765432', 1 + (({weighted}) % 11), 1) else false end)"
    )


def _is_ticket_id(column: str) -> bool:
    """ticket_id, first_ticket_id …: 工单编号, checked as ids, not as free text."""
    return column == "ticket_id" or column.endswith("_ticket_id")


def _published_text_columns(con) -> list[tuple[str, str]]:
    rows = con.execute(
        "select table_name, column_name from information_schema.columns "
        "where table_schema = 'marts' and data_type = 'VARCHAR' order by 1, 2"
    ).fetchall()
    return [(t, c) for t, c in rows]


def _queries(con) -> dict[str, tuple[str, list]]:
    """Check name -> (query for the batch, expectations)."""
    import great_expectations.expectations as gxe

    volume_bound = float(os.environ.get("HOTLINE_VOLUME_CHANGE_MAX", "0.5"))
    freshness_days = int(os.environ.get("HOTLINE_FRESHNESS_DAYS", "45"))
    columns = _published_text_columns(con)
    pii_union = " union all ".join(
        [
            f"select '{t}.{c}' as location from marts.{t} "
            f"where regexp_matches({c}, '{MOBILE_PATTERN}') or regexp_matches({c}, '{ID_CARD_PATTERN}')"
            for t, c in columns
            if not _is_ticket_id(c)
        ]
        + [
            f"select '{t}.{c}' as location from marts.{t} where {personal_id_condition(c)}"
            for t, c in columns
            if _is_ticket_id(c)
        ]
    )
    return {
        "units_reconcile": (
            "select jurisdiction, period_label, unit_id, handled_count, closed_count, returned_count, "
            "in_progress_count from marts.fct_unit_period_metrics",
            [
                gxe.UnexpectedRowsExpectation(
                    description="承办 = 办结 + 回退 + 在办 on every unit-period row",
                    unexpected_rows_query="select * from {batch} "
                    "where handled_count <> closed_count + returned_count + in_progress_count",
                )
            ],
        ),
        "period_totals_reconcile": (
            "select o.jurisdiction, o.period_label, o.handled_count, o.ticket_count, o.rate_source, "
            "(select coalesce(sum(m.assessed_handled_count), 0) from marts.fct_unit_period_metrics m "
            " where m.jurisdiction = o.jurisdiction and m.period_label = o.period_label) as unit_total, "
            "(select count(*) from intermediate.int_tickets_enriched t "
            " where t.jurisdiction = o.jurisdiction and t.period_label = o.period_label) as staged_total "
            "from marts.fct_period_overview o",
            [
                gxe.UnexpectedRowsExpectation(
                    description="a period's total = the sum of its units' volumes; its tickets = the staged "
                    "tickets; both equal where the period is counted from tickets",
                    unexpected_rows_query="select * from {batch} "
                    "where handled_count <> unit_total or ticket_count <> staged_total "
                    "or (rate_source = 'computed' and handled_count <> ticket_count)",
                )
            ],
        ),
        "files_reconcile": (
            "select source_file, raw_rows, staged_rows, quarantined_rows, duplicate_rows, total_rows "
            "from marts.fct_file_reconciliation",
            [
                gxe.UnexpectedRowsExpectation(
                    description="raw rows = staged + quarantined + duplicates + 合计 rows, per file",
                    unexpected_rows_query="select * from {batch} "
                    "where raw_rows <> staged_rows + quarantined_rows + duplicate_rows + total_rows",
                )
            ],
        ),
        "rates_within_0_and_1": (
            f"select {', '.join(RATE_COLUMNS)} from marts.fct_unit_period_metrics",
            [gxe.ExpectColumnValuesToBeBetween(column=c, min_value=0, max_value=1) for c in RATE_COLUMNS],
        ),
        "ranks_valid_within_tiers": (
            "select r.*, (select count(*) from marts.fct_unit_period_rankings b "
            " where b.jurisdiction = r.jurisdiction and b.period_label = r.period_label and b.tier_id = r.tier_id "
            " and b.total_score > r.total_score) as better_units "
            "from marts.fct_unit_period_rankings r",
            [
                gxe.UnexpectedRowsExpectation(
                    description="办理排名 is a competition rank within the tier (1, 1, 3)",
                    unexpected_rows_query="select * from {batch} where handling_rank <> 1 + better_units",
                ),
                gxe.ExpectCompoundColumnsToBeUnique(column_list=["jurisdiction", "period_label", "unit_id"]),
            ],
        ),
        "no_personal_data_published": (
            pii_union or "select null as location where false",
            [
                gxe.UnexpectedRowsExpectation(
                    description="no phone-number or ID-card pattern in any published text column",
                    unexpected_rows_query="select * from {batch}",
                )
            ],
        ),
        "tickets_in_a_period": (
            "select t.jurisdiction, strftime(t.assigned_at, '%Y-%m-%d') as assigned_date, count(*) as tickets, "
            "coalesce(bool_or(r.gap_declared), false) as gap_declared "
            "from intermediate.int_tickets_enriched t "
            "left join config.cfg_period_rules r on t.jurisdiction = r.jurisdiction "
            "where t.period_label is null group by t.jurisdiction, strftime(t.assigned_at, '%Y-%m-%d')",
            [
                gxe.UnexpectedRowsExpectation(
                    description="every staged ticket falls in a statistical period (days a rule leaves out "
                    "on purpose aside): a row names a jurisdiction, a day and its tickets in no period",
                    unexpected_rows_query="select * from {batch} where not gap_declared",
                )
            ],
        ),
        "volume_within_bounds": (
            "select jurisdiction, period_label, handled_count, handled_count_mom from marts.fct_period_overview o "
            "where period_label = (select max(period_label) from marts.fct_period_overview i "
            " where i.jurisdiction = o.jurisdiction and i.handled_count > 0)",
            [
                gxe.UnexpectedRowsExpectation(
                    description=f"the latest period's volume within ±{volume_bound:.0%} of the previous period",
                    unexpected_rows_query=f"select * from {{batch}} where abs(handled_count_mom) > {volume_bound}",
                )
            ],
        ),
        "latest_export_fresh": (
            "select max(loaded_at) as latest_loaded_at, "
            f"max(loaded_at) < current_timestamp - to_days({freshness_days}) as is_stale "
            "from marts.fct_file_reconciliation",
            [
                gxe.UnexpectedRowsExpectation(
                    description=f"an export was loaded within the last {freshness_days} days",
                    unexpected_rows_query="select * from {batch} where is_stale",
                )
            ],
        ),
    }


CHECKS = (
    Check("units_reconcile", "fct_unit_period_metrics", "承办 = 办结 + 回退 + 在办 on every unit-period row", True),
    Check("period_totals_reconcile", "fct_period_overview", "period total = sum of units; tickets = staged", True),
    Check("files_reconcile", "fct_file_reconciliation", "raw = staged + quarantined (+ duplicates) per file", True),
    Check("rates_within_0_and_1", "fct_unit_period_metrics", "every rate is a fraction in [0, 1]", True),
    Check("ranks_valid_within_tiers", "fct_unit_period_rankings", "ranks are valid competition ranks per tier", True),
    Check("no_personal_data_published", "fct_tickets", "no phone or ID-card pattern in published columns", True),
    Check("tickets_in_a_period", "fct_tickets", "every staged ticket is in a period (names the days if not)", True),
    Check("volume_within_bounds", "fct_period_overview", "volume against the previous period (warning)", False),
    Check("latest_export_fresh", "fct_file_reconciliation", "freshness of the latest export (warning)", False),
)


def _summarise(result) -> dict:
    """The parts of a GX expectation result worth keeping as check metadata (no raw rows beyond a sample)."""
    raw = result.result or {}
    details = raw.get("details") or {}
    sample = details.get("unexpected_rows") or raw.get("partial_unexpected_list") or []
    return {
        "expectation": result.expectation_config.type,
        "description": result.expectation_config.description or "",
        "success": bool(result.success),
        "observed_value": raw.get("observed_value"),
        "unexpected_count": raw.get("unexpected_count"),
        "unexpected_sample": [str(row)[:300] for row in list(sample)[:5]],
    }


def run_gx_checks_isolated(database=None) -> dict[str, tuple[bool, list[dict]]]:
    """run_gx_checks in a child process: GX's pooled DuckDB connections end with it.

    A DuckDB file held open by any connection of this process (even read-only)
    would keep the next dbt run from writing it, and GX does not give its
    connections back reliably.
    """
    command = [sys.executable, "-m", "orchestration.quality", "--database", str(database or duckdb_path())]
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=PROJECT_DIR)
    lines = [line for line in done.stdout.splitlines() if line.startswith(RESULT_PREFIX)]
    if done.returncode != 0 or not lines:
        tail = " ".join(done.stderr.split()[-60:])
        raise RuntimeError(f"GX validation process failed (exit {done.returncode}): {tail}")
    return {k: (v[0], v[1]) for k, v in json.loads(lines[-1][len(RESULT_PREFIX) :]).items()}


def run_gx_checks(database=None) -> dict[str, tuple[bool, list[dict]]]:
    """Validate every check's suite against the warehouse (read-only) in one checkpoint.

    The queries are built first on a connection of our own (closed before GX
    opens the file: DuckDB refuses two connections with different settings in
    one process); GX's persisted connection is closed at the end, so that the
    next dbt run can take the file for writing.
    """
    import great_expectations as gx

    database = database or duckdb_path()
    con = duckdb.connect(str(database), read_only=True)
    try:
        queries = _queries(con)
    finally:
        con.close()
    context = _context()
    source = context.data_sources.add_or_update_sql(
        name="hotline_warehouse",
        connection_string=f"duckdb:///{database}",
        kwargs={"connect_args": {"read_only": True}},
    )
    try:
        definitions = []
        for check in CHECKS:
            query, expectations = queries[check.name]
            if check.name in [a.name for a in source.assets]:
                source.delete_asset(check.name)
            batch = source.add_query_asset(name=check.name, query=query).add_batch_definition_whole_table("whole")
            suite = context.suites.add_or_update(gx.ExpectationSuite(name=check.name, expectations=expectations))
            definitions.append(
                context.validation_definitions.add_or_update(
                    gx.ValidationDefinition(name=check.name, data=batch, suite=suite)
                )
            )
        checkpoint = context.checkpoints.add_or_update(
            gx.Checkpoint(
                name="hotline_checks",
                validation_definitions=definitions,
                actions=[gx.checkpoint.UpdateDataDocsAction(name="update_data_docs")],
                result_format={"result_format": "COMPLETE", "partial_unexpected_count": 5},
            )
        )
        outcome = checkpoint.run()
    finally:
        source.get_execution_engine().close()
    make_offline(data_docs_index().parent)
    results = {}
    for validation in outcome.run_results.values():
        results[validation.suite_name] = (bool(validation.success), [_summarise(r) for r in validation.results])
    return results


def _check_result(check: Check, asset_key: AssetKey, outcome: tuple[bool, list[dict]]) -> AssetCheckResult:
    passed, summaries = outcome
    failed = [s for s in summaries if not s.get("success", False)]
    return AssetCheckResult(
        asset_key=asset_key,
        check_name=check.name,
        passed=passed,
        severity=AssetCheckSeverity.ERROR if check.blocking else AssetCheckSeverity.WARN,
        description=check.description,
        metadata={
            "expectations": MetadataValue.json(summaries),
            "failed_expectations": len(failed),
            "unexpected_count": sum((s.get("unexpected_count") or 0) for s in summaries),
            "observed_value": str((failed or summaries)[0].get("observed_value")),
        },
    )


def check_specs(asset_key: AssetKey) -> list[AssetCheckSpec]:
    return [
        AssetCheckSpec(
            name=check.name,
            asset=asset_key,
            description=f"{check.description} (validates {check.asset})",
            blocking=check.blocking,
        )
        for check in CHECKS
    ]


def audit(asset_key: AssetKey) -> tuple[list[AssetCheckResult], list[str]]:
    """Run every check on the working warehouse: the results, and the blocking checks that failed."""
    try:
        # on Spark: a DuckDB file of views over the Parquet files Spark wrote
        outcomes = run_gx_checks_isolated(checked_database(duckdb_path()))
    except Exception as error:  # checks that cannot run must not pass
        message = re.sub(r"\s+", " ", str(error))[:500]
        outcomes = {check.name: (False, [{"error": message, "success": False}]) for check in CHECKS}
    results = [_check_result(check, asset_key, outcomes[check.name]) for check in CHECKS]
    blocking_failures = [
        f"{check.name} ({check.asset}): {_why(outcomes[check.name][1])}"
        for check in CHECKS
        if check.blocking and not outcomes[check.name][0]
    ]
    return results, blocking_failures


def _why(summaries: list[dict]) -> str:
    for summary in summaries:
        if not summary.get("success", False):
            if "error" in summary:
                return summary["error"]
            count = summary.get("unexpected_count") or summary.get("observed_value")
            sample = "; ".join(summary.get("unexpected_sample", [])[:2])
            return f"{summary.get('description') or summary.get('expectation')}: {count} unexpected, e.g. {sample}"
    return "failed"


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description="Run the GX checks against a warehouse file; print JSON.")
    parser.add_argument("--database", default=str(duckdb_path()))
    args = parser.parse_args(argv)
    results = run_gx_checks(args.database)
    print(RESULT_PREFIX + json.dumps(results, ensure_ascii=False, default=str))


if __name__ == "__main__":
    main()
