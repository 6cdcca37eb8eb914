"""Marts compared across engines: every table row for row, rows in one order.

Counts, ranks and texts exactly, decimals (scores) exactly, floating-point rates
within 1e-9.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from decimal import Decimal

import duckdb

RATE_TOLERANCE = 1e-9


def duckdb_marts(database) -> dict[str, tuple[list[str], list[tuple]]]:
    con = duckdb.connect(str(database), read_only=True)
    try:
        return marts_of(con)
    finally:
        con.close()


def marts_of(con) -> dict[str, tuple[list[str], list[tuple]]]:
    """Every table of the marts schema a DuckDB connection reads, as (columns, sorted rows)."""
    names = [
        n
        for (n,) in con.execute(
            "select table_name from information_schema.tables where table_schema = 'marts' order by 1"
        ).fetchall()
    ]
    return {n: rows_of(con.execute(f'select * from marts."{n}"')) for n in names}


def rows_of(cursor) -> tuple[list[str], list[tuple]]:
    columns = [d[0] for d in cursor.description]
    return columns, sorted(cursor.fetchall(), key=_sort_key)


def _sort_key(row: tuple) -> tuple:
    # floats rounded for ordering only, so a last-digit difference cannot reorder rows
    return tuple((0, "") if v is None else (1, f"{v:.6f}" if isinstance(v, float) else str(v)) for v in row)


def _same(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, float) or isinstance(b, float):
        return math.isclose(float(a), float(b), rel_tol=0, abs_tol=RATE_TOLERANCE)
    if isinstance(a, Decimal) or isinstance(b, Decimal):
        return Decimal(a) == Decimal(b)
    if isinstance(a, datetime | date) and isinstance(b, datetime | date):
        return a == b
    return a == b


def assert_same_marts(duck: dict, other: dict, engine: str = "PostgreSQL") -> None:
    assert sorted(other) == sorted(duck), "the two engines publish different tables"
    for name, (columns, rows) in duck.items():
        other_columns, other_rows = other[name]
        assert other_columns == columns, f"marts.{name}: columns differ"
        assert len(other_rows) == len(rows), f"marts.{name}: {len(rows)} rows on DuckDB, {len(other_rows)} on {engine}"
        for index, (left, right) in enumerate(zip(rows, other_rows, strict=True)):
            differing = [c for c, a, b in zip(columns, left, right, strict=True) if not _same(a, b)]
            assert not differing, f"marts.{name} row {index}: {differing} differ: {left} != {right}"
