"""Run the bulletin analyses (analyses/*.sql) for one jurisdiction and period.

The analyses are dbt analyses: `dbt compile` renders them for any engine. This
runner renders the two things they template, ``ref('x')`` (to ``marts.x``, the
schema every published mart lives in, in the working file and the serving copy
alike) and ``bulletin_parameter('name')`` (to a DuckDB session variable), so that
a bulletin can be produced from the read-only serving copy without dbt.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import jinja2

from hotline.settings import PROJECT_DIR

ANALYSES_DIR = PROJECT_DIR / "analyses"
ANALYSES = tuple(sorted(p.stem for p in ANALYSES_DIR.glob("bulletin_*.sql")))


def render(name: str) -> str:
    template = jinja2.Environment(undefined=jinja2.StrictUndefined).from_string(
        (ANALYSES_DIR / f"{name}.sql").read_text(encoding="utf-8")
    )
    return template.render(
        ref=lambda model: f"marts.{model}",
        bulletin_parameter=lambda parameter: f"getvariable('{parameter}')",
    )


def run_analysis(con: duckdb.DuckDBPyConnection, name: str, jurisdiction: str, period: str):
    con.execute("set variable jurisdiction = ?", [jurisdiction])
    con.execute("set variable period = ?", [period])
    cursor = con.execute(render(name))
    columns = [d[0] for d in cursor.description]
    return columns, cursor.fetchall()


def bulletin(database: Path, jurisdiction: str, period: str) -> dict[str, tuple[list[str], list[tuple]]]:
    con = duckdb.connect(str(database), read_only=True)
    try:
        return {name: run_analysis(con, name, jurisdiction, period) for name in ANALYSES}
    finally:
        con.close()
