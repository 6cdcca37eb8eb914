"""What a benchmark run compares and records: the unit-period numbers of each implementation,
cell by cell, the export rows counted by a bare read, and the machine."""

from __future__ import annotations

import os
import platform
from pathlib import Path

import duckdb
import pandas as pd
import psutil

LEAN, LEAN_NEW = "lean floor (CSV to metrics)", "lean floor, new period"


def rows_in(folder: Path) -> int:
    con = duckdb.connect()
    files = [str(p) for p in sorted(folder.glob("tickets_*.csv"))]
    count = con.execute("select count(*) from read_csv(?, header = true, all_varchar = true)", [files]).fetchone()[0]
    con.close()
    return count


UNIT_PERIOD_SQL = """
select m.unit_id, m.period_label as period, m.handled_count, m.closed_count, m.returned_count,
       m.in_progress_count, m.response_rate, m.on_time_rate, m.resolution_rate, m.satisfaction_rate,
       cast(s.total_score as double) as total_score, r.overall_rank
from marts.fct_unit_period_metrics m
join marts.fct_unit_period_scores s using (jurisdiction, period_label, unit_id)
left join marts.fct_unit_period_rankings r using (jurisdiction, period_label, unit_id)
where m.jurisdiction = '{jurisdiction}'
order by 1, 2
"""


def unit_periods(database: Path, jurisdiction: str = "青禾县") -> pd.DataFrame:
    con = duckdb.connect(str(database), read_only=True)
    frame = con.execute(UNIT_PERIOD_SQL.format(jurisdiction=jurisdiction)).df()
    con.close()
    return frame


def compare(left: pd.DataFrame, right: pd.DataFrame) -> dict:
    """Cells that differ: counts and ranks exactly, rates within 1e-9, scores to the cent."""
    merged = left.merge(right, on=["unit_id", "period"], how="outer", suffixes=("_l", "_r"), indicator=True)
    differences = {"rows_only_on_one_side": int((merged["_merge"] != "both").sum())}
    both = merged[merged["_merge"] == "both"]
    shared = set(left.columns) & set(right.columns)  # the lean floor and polars stop at the metrics
    for column in ("handled_count", "closed_count", "returned_count", "in_progress_count", "overall_rank"):
        if column in shared:
            a, b = both[f"{column}_l"].astype(float), both[f"{column}_r"].astype(float)
            differences[column] = int(((a != b) & ~(a.isna() & b.isna())).sum())
    for column in ("response_rate", "on_time_rate", "resolution_rate", "satisfaction_rate"):
        a, b = both[f"{column}_l"].astype(float), both[f"{column}_r"].astype(float)
        differences[column] = int((((a - b).abs() > 1e-9) | (a.isna() != b.isna())).sum())
    if "total_score" in shared:
        a, b = both["total_score_l"].astype(float).round(2), both["total_score_r"].astype(float).round(2)
        differences["total_score"] = int((a != b).sum())
    differences["rows"] = int(len(both))
    return differences


def machine() -> dict:
    cpu = "unknown"
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
    }
