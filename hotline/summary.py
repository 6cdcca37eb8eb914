"""What a run prints: row counts per layer, the quarantine, the latest overview, top units.

Every query here reads the warehouse read-only and prints aggregates only: no
ticket content and no personal data reach the terminal or a log.
"""

from __future__ import annotations

import os
from pathlib import Path

from hotline.warehouse_db import describe, open_warehouse

LAYERS = ("raw", "staging", "intermediate", "marts")


def _rows(con, sql, params=None):
    return con.execute(sql, params or []).fetchall()


def layer_counts(con) -> list[tuple[str, str, int]]:
    tables = _rows(
        con,
        "select table_schema, table_name from information_schema.tables "
        "where table_schema in ('raw', 'staging', 'intermediate', 'marts') order by 1, 2",
    )
    return [(s, t, _rows(con, f'select count(*) from "{s}"."{t}"')[0][0]) for s, t in tables]


def quarantine_summary(con) -> list[tuple]:
    return _rows(
        con,
        "select contract, reason_code, count(*) from staging.stg_hotline__quarantine group by 1, 2 order by 1, 3 desc",
    )


def file_reconciliation(con) -> list[tuple]:
    return _rows(con, "select * from marts.fct_file_reconciliation order by source_file")


def latest_overview(con) -> list[tuple]:
    return _rows(
        con,
        "select o.jurisdiction, o.period_label, o.first_day, o.last_day, o.handled_count, o.handled_count_yoy, "
        "o.handled_count_mom, o.daily_average, o.response_rate, o.on_time_rate, o.resolution_rate, "
        "o.satisfaction_rate, o.town_share, o.department_share from marts.fct_period_overview o "
        "where o.handled_count > 0 and o.period_label = (select max(period_label) from marts.fct_period_overview i "
        "where i.jurisdiction = o.jurisdiction and i.handled_count > 0) order by 1",
    )


def top_three(con, jurisdiction: str, period: str) -> list[tuple]:
    return _rows(
        con,
        "select tier_label_zh, overall_rank, unit_name, total_score from marts.fct_unit_period_rankings "
        "where jurisdiction = ? and period_label = ? and overall_rank <= 3 "
        "order by tier_sort_order, overall_rank, unit_name",
        [jurisdiction, period],
    )


def _pct(value) -> str:
    return "  n/a" if value is None else f"{value * 100:6.2f}%"


def files_over_threshold(database: Path, since: str | None = None, engine: str | None = None) -> list[str]:
    """One line per file landed since ``since`` whose quarantined share is over the threshold."""
    threshold = float(os.environ.get("HOTLINE_QUARANTINE_MAX_SHARE", "0.2"))
    con = open_warehouse(database, engine)
    try:
        rows = con.execute(
            "select source_file, quarantined_rows, raw_rows, quarantined_share from marts.fct_file_reconciliation "
            "where quarantined_share > ? and loaded_at >= cast(? as timestamp) order by source_file",
            [threshold, since or "1900-01-01 00:00:00"],
        ).fetchall()
    except Exception:  # noqa: BLE001 (duckdb's or psycopg2's error)
        return []  # the build stopped before the reconciliation existed
    finally:
        con.close()
    return [
        f"file {name}: {q} of {raw} rows quarantined ({share:.0%}, more than HOTLINE_QUARANTINE_MAX_SHARE "
        f"{threshold:.0%}); see the quarantine for its reasons, fix the export and land it again. "
        "Later runs build everything else."
        for name, q, raw, share in rows
    ]


def _published(con, table: str) -> bool:
    """Whether marts.<table> exists (a warehouse built before the mart was added has none)."""
    query = "select count(*) from information_schema.tables where table_schema = 'marts' and table_name = ?"
    return bool(con.execute(query, [table]).fetchone()[0])


def state_regressions(con) -> list[tuple[str, str]]:
    """(ticket, stale file) of every stale version that would have changed a ticket's state."""
    if not _published(con, "fct_state_regressions"):
        return []
    return con.execute("select ticket_id, stale_file from marts.fct_state_regressions where changes_status").fetchall()


def unknown_categories(con) -> list[tuple[str, str, int, int]]:
    """(jurisdiction, file, tickets, first record) of every file with paths outside the taxonomy."""
    if not _published(con, "fct_unknown_categories"):
        return []
    return con.execute(
        "select jurisdiction, source_file, ticket_count, first_source_row from marts.fct_unknown_categories "
        "order by jurisdiction, source_file"
    ).fetchall()


def print_summary(database: Path, engine: str | None = None) -> None:
    con = open_warehouse(database, engine)
    try:
        print(f"\nWarehouse: {describe(database, engine)}")
        print("\nRows per layer:")
        for schema in LAYERS:
            counts = [(t, n) for s, t, n in layer_counts(con) if s == schema]
            print(f"  {schema:<13} {len(counts):>3} tables  {sum(n for _, n in counts):>9} rows")
            for table, rows in counts:
                print(f"      {table:<42} {rows:>9}")
        print("\nQuarantine (rows by contract and reason):")
        quarantine = quarantine_summary(con)
        if not quarantine:
            print("  (empty)")
        for contract, reason, rows in quarantine:
            print(f"  {contract:<18} {reason:<26} {rows:>6}")
        reconciliation = file_reconciliation(con)
        bad = [r for r in reconciliation if not r[-1]]
        print(
            f"  files: {len(reconciliation)}; raw = staged + quarantined + duplicates holds for "
            f"{len(reconciliation) - len(bad)} of them"
        )
        regressions = state_regressions(con)
        if regressions:
            files = ", ".join(sorted({f for _, f in regressions})[:3])
            print(
                f"WARNING: {len(regressions)} ticket(s) arrived in an older state in a later export ({files}); "
                "the newest state was kept. See marts.fct_state_regressions."
            )
        for jurisdiction, source_file, tickets, first_row in unknown_categories(con):
            print(
                f"WARNING: {source_file}: {tickets} ticket(s) of {jurisdiction} carry a category outside its "
                f"taxonomy (first at record {first_row}); they are counted as 未识别分类. Add the path to "
                "seeds/reference/ref_categories.csv or correct the export. See marts.fct_unknown_categories."
            )
        for row in latest_overview(con):
            (
                jurisdiction,
                period,
                first,
                last,
                handled,
                yoy,
                mom,
                daily,
                resp,
                ontime,
                resolved,
                satisfied,
                towns,
                depts,
            ) = row
            print(f"\nLatest period overview: {jurisdiction} {period} ({first} .. {last})")
            print(f"  tickets {handled}, 同比 {_pct(yoy)}, 环比 {_pct(mom)}, daily average {daily:.0f}")
            print(
                f"  响应率 {_pct(resp)}  按时办理率 {_pct(ontime)}  解决率 {_pct(resolved)}  满意率 {_pct(satisfied)}"
            )
            print(f"  towns {_pct(towns)}, departments and state companies {_pct(depts)}")
            print("  Top three of each tier:")
            for tier, rank, unit, score in top_three(con, jurisdiction, period):
                print(f"    {tier:<28} {rank:>3}  {unit:<14} {float(score):>7.2f}")
    finally:
        con.close()
