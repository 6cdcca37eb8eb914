"""The city's sampling (市级抽访), contract v1.1: the sampled 办理结果满意度 lands, old
exports without it still land, and the sampled rates are weighed with the scheme's
answer weights.

The weighed rates are recomputed here ticket by ticket from the staged tickets with
the weights read from seeds/config/cfg_answer_weights.csv by the csv module.
"""

from __future__ import annotations

import csv
import shutil
from collections import defaultdict

import duckdb
import pytest

from hotline.contract import CONTRACTS, TICKETS
from hotline.generate import CountyGenerator, write_rows
from hotline.landing import land_folder
from hotline.settings import SEEDS_DIR
from tests.python.conftest import query


def _weights() -> dict[tuple[str, str], float]:
    with open(SEEDS_DIR / "config" / "cfg_answer_weights.csv", encoding="utf-8") as handle:
        return {
            (r["question"], r["answer_code"]): float(r["weight"])
            for r in csv.DictReader(handle)
            if r["scheme_id"] == "qh_2022"
        }


@pytest.mark.slow
def test_sampled_rates_are_weighed_answers(sample_warehouse):
    weights = _weights()
    tickets = query(
        sample_warehouse,
        "select f.period_label, f.unit_id, s.city_resolution, s.city_result_satisfaction, s.city_process_satisfaction "
        "from staging.stg_hotline__tickets s join marts.fct_tickets f using (ticket_id) "
        "where s.is_city_sampled and f.jurisdiction = '青禾县'",  # the city samples exempt tickets too
    )
    answers: dict[tuple, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for period, unit, resolution, result, process in tickets:
        key = (period, unit)
        if resolution:
            answers[key]["resolution"].append(weights[("resolution", resolution)])
        if result:
            answers[key]["result"].append(weights[("satisfaction", result)])
        if process:
            answers[key]["process"].append(weights[("satisfaction", process)])
    assert sum(len(a["result"]) for a in answers.values()) > 50  # the sample's sampled 办理结果 answers
    mart = {
        (period, unit): rates
        for period, unit, *rates in query(
            sample_warehouse,
            "select period_label, unit_id, sampled_resolution_rate, sampled_result_satisfaction_rate, "
            "sampled_process_satisfaction_rate, sampled_satisfaction_rate from marts.fct_city_sampling_unit_period "
            "where jurisdiction = '青禾县' and is_sampled",
        )
    }
    assert set(mart) == set(answers)
    for key, given in answers.items():
        resolution, result, process, satisfaction = mart[key]
        mean = {q: sum(v) / len(v) for q, v in given.items() if v}
        assert resolution == pytest.approx(mean["resolution"], abs=1e-12)
        assert result == pytest.approx(mean["result"], abs=1e-12)
        assert process == pytest.approx(mean["process"], abs=1e-12)
        assert satisfaction == pytest.approx((mean["result"] + mean["process"]) / 2, abs=1e-12)  # qh_2022: mean


def test_an_old_warehouse_takes_the_new_column_and_both_versions_land(tmp_path):
    database = tmp_path / "wh" / "hotline.duckdb"
    landing = tmp_path / "landing"
    landing.mkdir()
    rows = [r for r in CountyGenerator("青禾县", seed=8, tickets_per_period=400).export_rows("2025-03", None)]
    sampled = [r for r in rows if r["city_result_satisfaction"]][:3]
    assert sampled, "the generator writes sampled answers"
    v10 = type(TICKETS)(TICKETS.table, tuple(c for c in TICKETS.columns if c.name != "city_result_satisfaction"))
    write_rows(landing / "tickets_v10.csv", v10, rows[-2:], "csv")
    assert not land_folder(landing, database, raise_on_failure=False).failures
    # what a warehouse landed by a version before the lake and before contract v1.1 held:
    # raw tables in the DuckDB file, without the column
    con = duckdb.connect(str(database))
    for contract in CONTRACTS:
        drop = " exclude (city_result_satisfaction)" if contract is TICKETS else ""
        con.execute(f"create table raw.old as select *{drop} from raw.{contract.table}")
        con.execute(f"drop view raw.{contract.table}")
        con.execute(f"alter table raw.old rename to {contract.table}")
    con.close()
    shutil.rmtree(database.parent / "lake")
    write_rows(landing / "tickets_v11.csv", TICKETS, sampled, "csv")
    report = land_folder(landing, database, raise_on_failure=False)  # the old rows move into the lake first
    assert not report.failures, report.failures
    assert [name for name, *_ in report.loaded] == ["tickets_v11.csv"]
    landed = query(
        database, "select _source_file, city_result_satisfaction from raw.ticket_exports order by 1, _source_row"
    )
    assert [r for r in landed if r[0] == "tickets_v11.csv"] == [
        ("tickets_v11.csv", r["city_result_satisfaction"]) for r in sampled
    ]
    assert [r for r in landed if r[0] == "tickets_v10.csv"] == [("tickets_v10.csv", None)] * 2
    kinds = query(database, "select table_name, table_type from information_schema.tables where table_schema = 'raw'")
    assert {t: k for t, k in kinds if t in {c.table for c in CONTRACTS}} == {c.table: "VIEW" for c in CONTRACTS}
