"""A period with published unit statistics: its overview and unit-group mix use them.

东昌府区's fixture holds the platform's unit statistics for 2024-02 and a single
ticket. The period's total, the towns' share and the four rates are recomputed here
from the statistics file with the csv module (volume-weighted rates), and the towns'
total is the one the bulletin prints (镇（街）、园区共承办工单 3935 件).
"""

from __future__ import annotations

import csv
from decimal import Decimal

import pytest

from tests.python.conftest import FIXTURES, query

STATISTICS = FIXTURES / "dongchangfu_2024_02" / "landing" / "unit_statistics_东昌府区_2024-02.csv"
RATES = {
    "response_rate": "响应率",
    "on_time_rate": "按时办理率",
    "resolution_rate": "解决率",
    "satisfaction_rate": "满意率",
}


def _statistics(scope: str) -> list[dict]:
    with open(STATISTICS, encoding="utf-8-sig") as handle:
        return [r for r in csv.DictReader(handle) if r["统计范围"] == scope]


def _fraction(text: str) -> Decimal:
    return Decimal(text.rstrip("%")) / 100 if text.endswith("%") else Decimal(text)


@pytest.mark.slow
def test_the_overview_of_a_period_with_unit_statistics(dongchangfu_warehouse):
    rows = _statistics("全部")
    volume = sum(int(r["承办量"]) for r in rows)
    overview = query(
        dongchangfu_warehouse,
        f"select handled_count, ticket_count, rate_source, town_handled_count, enterprise_count, {', '.join(RATES)} "
        "from marts.fct_period_overview where jurisdiction = '东昌府区' and period_label = '2024-02'",
    )[0]
    handled, tickets, source, towns, enterprise, *rates = overview
    assert (handled, tickets, source) == (volume, 1, "official") and volume == 11226
    assert towns == 3935  # the bulletin: 镇（街）、园区共承办工单 3935 件
    assert enterprise == sum(int(r["承办量"]) for r in _statistics("企业诉求"))
    for value, header in zip(rates, RATES.values(), strict=True):
        weighted = sum(_fraction(r[header]) * int(r["承办量"]) for r in rows if r[header])
        weight = sum(int(r["承办量"]) for r in rows if r[header])
        assert value == pytest.approx(float(weighted / weight), abs=1e-12), header


@pytest.mark.slow
def test_the_unit_groups_of_a_period_with_unit_statistics(dongchangfu_warehouse):
    groups = dict(
        query(
            dongchangfu_warehouse,
            "select member, ticket_count from marts.fct_period_breakdowns "
            "where jurisdiction = '东昌府区' and period_label = '2024-02' and dimension = 'unit_group'",
        )
    )
    assert groups == {"town": 3935, "department": 11226 - 3935}
