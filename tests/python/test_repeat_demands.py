"""Repeat demands (重复诉求): the same caller, or the same place about the same category,
within the window (30 days by default), counted per unit and period and chained.

Six invented tickets of 青禾县; what each must become is worked out here by hand:
A, B, C are one caller (B 19 days after A: a repeat; C 46 days after B: a new chain of
one, not listed); D and E name 幸福小区 about 供暖不热 23 days apart (E repeats D); F
names 幸福小区 about another category (no repeat).
"""

from __future__ import annotations

import csv
from datetime import datetime, timedelta

import pytest

from hotline.contract import TICKETS
from hotline.generate import CountyGenerator
from tests.python.conftest import build_warehouse, query

HEATING, WATER, CLEANING = "城乡建设类/供热/供暖不热", "城乡建设类/供水/城区停水", "城乡建设类/物业管理/卫生保洁"
TICKETS_WRITTEN = {
    # id: (received, phone, category, unit, content)
    "A": ("2025-03-01 09:00", "13800000001", WATER, "县住建局", "反映自来水停水问题，希望尽快处理。"),
    "B": ("2025-03-20 09:00", "13800000001", WATER, "城关街道", "反映又停水了，希望尽快处理。"),
    "C": ("2025-05-05 09:00", "13800000001", WATER, "县住建局", "反映停水问题，希望尽快处理。"),
    "D": ("2025-03-02 09:00", "13800000002", HEATING, "青禾热力公司", "反映幸福小区供暖不热问题，希望尽快处理。"),
    "E": ("2025-03-25 09:00", "13800000003", HEATING, "青禾热力公司", "反映幸福小区暖气不热，希望尽快处理。"),
    "F": ("2025-03-26 09:00", "13800000004", CLEANING, "县住建局", "反映幸福小区卫生差，希望尽快处理。"),
}
IDS = {key: f"2503{n:02d}090000{n:06d}" for n, key in enumerate(TICKETS_WRITTEN, start=1)}


@pytest.fixture(scope="module")
def repeats_warehouse(tmp_path_factory):
    folder = tmp_path_factory.mktemp("repeats")
    landing = folder / "landing"
    landing.mkdir()
    base = next(
        r
        for r in CountyGenerator("青禾县", seed=3, tickets_per_period=40).export_rows("2025-03", None)
        if r["status"] == "已办结"
    )
    rows = []
    for key, (received, phone, category, unit, content) in TICKETS_WRITTEN.items():
        at = datetime.strptime(received, "%Y-%m-%d %H:%M")
        rows.append(
            {
                **base,
                "ticket_id": IDS[key],
                "received_at": f"{at:%Y-%m-%d %H:%M:%S}",
                "assigned_at": f"{at + timedelta(minutes=10):%Y-%m-%d %H:%M:%S}",
                "signed_at": f"{at + timedelta(minutes=20):%Y-%m-%d %H:%M:%S}",
                "due_at": f"{at + timedelta(days=7):%Y-%m-%d} 18:00:00",
                "closed_at": f"{at + timedelta(days=2):%Y-%m-%d %H:%M:%S}",
                "caller_name": "王某",
                "caller_phone": phone,
                "category_path": category,
                "unit_name": unit,
                "content": content,
                "reply": "已按规定办理。",
            }
        )
    with open(landing / "tickets_青禾县_repeats.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([c.header_zh for c in TICKETS.columns])
        writer.writerows([row[c.name] for c in TICKETS.columns] for row in rows)
    return build_warehouse(folder, landing)


@pytest.mark.slow
def test_repeat_chains_are_the_ones_worked_out_by_hand(repeats_warehouse):
    chains = query(
        repeats_warehouse,
        "select link_kind, place_name, category_path, first_ticket_id, first_period_label, ticket_count "
        "from marts.fct_repeat_chains order by link_kind",
    )
    assert chains == [
        ("caller", None, None, IDS["A"], "2025-03", 2),
        ("place", "幸福小区", HEATING, IDS["D"], "2025-03", 2),
    ]


@pytest.mark.slow
def test_repeat_demands_per_unit_and_period(repeats_warehouse):
    overview = query(
        repeats_warehouse,
        "select ticket_count, repeat_demand_count, repeat_demand_share from marts.fct_period_overview "
        "where jurisdiction = '青禾县' and period_label = '2025-03'",
    )
    assert overview == [(5, 2, 0.4)]  # A B D E F in March; B and E repeat
    units = query(
        repeats_warehouse,
        "select unit_name, repeat_demand_count from marts.fct_unit_period_metrics "
        "where jurisdiction = '青禾县' and period_label = '2025-03' and repeat_demand_count > 0 order by unit_name",
    )
    assert units == [("城关街道", 1), ("青禾热力公司", 1)]
    may = query(
        repeats_warehouse,
        "select repeat_demand_count from marts.fct_period_overview "
        "where jurisdiction = '青禾县' and period_label = '2025-05'",
    )
    assert may == [(0,)]  # C came 46 days after B: a new chain


@pytest.mark.slow
def test_a_caller_chain_carries_no_trace_of_the_caller(repeats_warehouse):
    hashes = {h for (h,) in query(repeats_warehouse, "select caller_phone_hash from staging.stg_hotline__tickets")}
    rows = query(repeats_warehouse, "select * from marts.fct_repeat_chains")
    text = " ".join(str(v) for row in rows for v in row)
    assert "13800000001" not in text and not any(h and h in text for h in hashes)
