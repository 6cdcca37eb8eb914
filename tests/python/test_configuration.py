"""Configuration in Python and SQL agrees: periods, contract columns."""

from __future__ import annotations

import csv
from datetime import date

import pytest

from hotline.contract import CONTRACTS
from hotline.periods import load_rules, period, period_of_day, periods
from hotline.settings import SEEDS_DIR
from tests.python.conftest import query


def test_25th_to_22nd_periods_across_a_year_boundary():
    rule = load_rules()["东昌府区"]
    january = period(rule, "2025-01")
    assert (january.first_day, january.last_day) == (date(2024, 12, 25), date(2025, 1, 22))
    assert period(rule, "2024-02").days == 29
    assert period_of_day(rule, date(2024, 12, 30)).label == "2025-01"
    assert period_of_day(rule, date(2024, 12, 23)) is None  # the rule leaves the 23rd and 24th out


def test_export_columns_seed_matches_the_contract():
    with open(SEEDS_DIR / "reference" / "ref_export_columns.csv", encoding="utf-8") as handle:
        seeded = [(r["contract"], r["column_name"], r["header_zh"]) for r in csv.DictReader(handle)]
    assert seeded == [(c.table, col.name, col.header_zh) for c in CONTRACTS for col in c.columns]


@pytest.mark.slow
def test_dim_periods_agrees_with_the_python_rule(dongchangfu_warehouse):
    rows = query(dongchangfu_warehouse, "select jurisdiction, period_label, first_day, last_day from marts.dim_periods")
    rules = load_rules()
    expected = {(p.jurisdiction, p.label, p.first_day, p.last_day) for rule in rules.values() for p in periods(rule)}
    assert set(rows) == expected


def test_every_seed_is_utf8_with_lf_line_endings():
    """A CRLF seed with one LF row appended breaks ``dbt seed`` with a cryptic CSV error."""
    problems = []
    for path in sorted(SEEDS_DIR.rglob("*.csv")):
        data = path.read_bytes()
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as exc:
            problems.append(f"{path.name}: not UTF-8 ({exc.reason} at byte {exc.start})")
        if data.startswith(b"\xef\xbb\xbf"):
            problems.append(f"{path.name}: starts with a byte-order mark")
        if b"\r" in data:
            problems.append(f"{path.name}: carriage returns (CRLF line endings)")
        if data and not data.endswith(b"\n"):
            problems.append(f"{path.name}: no newline after the last row")
    assert problems == []


def test_the_calendar_covers_every_year_the_package_knows():
    import chinese_calendar

    with open(SEEDS_DIR / "reference" / "ref_calendar_cn.csv", encoding="utf-8") as handle:
        days = [r["calendar_date"] for r in csv.DictReader(handle)]
    first_year = min(chinese_calendar.constants.holidays).year
    last_year = max(chinese_calendar.constants.holidays).year
    assert (days[0], days[-1]) == (f"{first_year}-01-01", f"{last_year}-12-31")
    assert len(days) == (date(last_year, 12, 31) - date(first_year, 1, 1)).days + 1
