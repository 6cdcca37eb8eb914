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
