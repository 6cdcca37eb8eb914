"""Both satisfaction questions and the answer counts behind every rate, per unit and period.

The counts are checked against a count over fct_tickets (ticket by ticket, not the
rates model's sums), and the period's two satisfaction rates against the weights of
seeds/config/cfg_answer_weights.csv read here with the csv module.
"""

from __future__ import annotations

import csv

import pytest

from hotline.settings import SEEDS_DIR
from tests.python.conftest import query

ANSWERS = {
    "callback_resolution": ("resolution", ("resolved", "partly_resolved", "unresolved")),
    "callback_result_satisfaction": ("result", ("satisfied", "basically_satisfied", "dissatisfied")),
    "callback_process_satisfaction": ("process", ("satisfied", "basically_satisfied", "dissatisfied")),
}
PERIOD = ("青禾县", "2025-12")


def _weights(scheme: str) -> dict[tuple[str, str], float]:
    with open(SEEDS_DIR / "config" / "cfg_answer_weights.csv", encoding="utf-8") as handle:
        return {
            (r["question"], r["answer_code"]): float(r["weight"])
            for r in csv.DictReader(handle)
            if r["scheme_id"] == scheme
        }


@pytest.mark.slow
def test_answer_counts_equal_a_count_of_the_tickets(sample_warehouse):
    columns = [f"{prefix}_{answer}_count" for prefix, answers in ANSWERS.values() for answer in answers]
    overview = query(
        sample_warehouse,
        f"select {', '.join(columns)} from marts.fct_period_overview where jurisdiction = ? and period_label = ?",
        list(PERIOD),
    )[0]
    by_units = query(
        sample_warehouse,
        f"select {', '.join(f'sum({c})' for c in columns)} from marts.fct_unit_period_metrics "
        "where jurisdiction = ? and period_label = ?",
        list(PERIOD),
    )[0]
    counted = []
    for column, (_, answers) in ANSWERS.items():
        for answer in answers:
            counted.append(
                query(
                    sample_warehouse,
                    f"select count(*) from marts.fct_tickets where jurisdiction = ? and period_label = ? "
                    f"and not is_exempt and {column} = ?",  # 青禾县's scheme leaves exempt tickets out of rates
                    [*PERIOD, answer],
                )[0][0]
            )
    assert sum(counted) > 300  # the sample's callbacks: the test means something
    assert list(overview) == counted == [int(v) for v in by_units]


@pytest.mark.slow
def test_both_satisfaction_rates_of_the_period_follow_the_answer_weights(sample_warehouse):
    weights = _weights("qh_2022")
    row = query(
        sample_warehouse,
        "select result_satisfied_count, result_basically_satisfied_count, result_dissatisfied_count, "
        "process_satisfied_count, process_basically_satisfied_count, process_dissatisfied_count, "
        "result_satisfaction_rate, process_satisfaction_rate, satisfaction_rate "
        "from marts.fct_period_overview where jurisdiction = ? and period_label = ?",
        list(PERIOD),
    )[0]
    answers = ("satisfied", "basically_satisfied", "dissatisfied")
    result = sum(n * weights[("satisfaction", a)] for n, a in zip(row[0:3], answers, strict=True)) / sum(row[0:3])
    process = sum(n * weights[("satisfaction", a)] for n, a in zip(row[3:6], answers, strict=True)) / sum(row[3:6])
    assert row[6] == pytest.approx(result, abs=1e-12)
    assert row[7] == pytest.approx(process, abs=1e-12)
    assert row[8] == pytest.approx((result + process) / 2, abs=1e-12)  # qh_2022's basis is the mean
    assert result != process  # two questions, two numbers
