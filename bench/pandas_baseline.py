"""The pandas baseline: unit-period metrics, scores and tiered ranks for one scheme.

What an analyst would write without the warehouse: read the ticket exports with
pandas, keep each ticket's newest version, count and rate per unit and period,
score with the jurisdiction's scheme and rank within its tiers. It handles clean
exports only (the benchmark's), one jurisdiction with calendar-month periods,
and reads weights and tiers from the same configuration seeds.

    python -m bench.pandas_baseline --exports DIR --out unit_periods.csv
"""

from __future__ import annotations

import argparse
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from pathlib import Path

import numpy as np
import pandas as pd

from hotline.contract import TICKETS
from hotline.settings import SEEDS_DIR

HEADERS = {c.header_zh: c.name for c in TICKETS.columns}
COLUMNS = [
    "ticket_id",
    "jurisdiction",
    "received_at",
    "unit_name",
    "assigned_at",
    "signed_at",
    "due_at",
    "status",
    "returned_at",
    "closed_at",
    "exempt",
    "callback_resolution",
    "callback_result_satisfaction",
    "callback_process_satisfaction",
    "onsite_at",
]
TIMES = ["received_at", "assigned_at", "signed_at", "due_at", "returned_at", "closed_at", "onsite_at"]


def seed(name: str) -> pd.DataFrame:
    folder = "config" if name.startswith("cfg_") else "reference"
    return pd.read_csv(SEEDS_DIR / folder / f"{name}.csv", dtype=str, keep_default_na=False)


def load_tickets(exports: Path) -> pd.DataFrame:
    wanted = {h for h, n in HEADERS.items() if n in COLUMNS}
    frames = []
    for order, path in enumerate(sorted(exports.glob("tickets_*.csv"))):
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, usecols=lambda h: h in wanted)
        frame = frame.rename(columns=HEADERS)
        # the one check an analyst cannot skip: an id that is a phone or ID-card number is personal data
        frame = frame[~personal_id(frame["ticket_id"])].copy()
        frame["file_order"] = order
        for column in TIMES:
            frame[column] = pd.to_datetime(frame[column].replace("", None), format="%Y-%m-%d %H:%M:%S")
        events = pd.concat(
            [
                frame["signed_at"].fillna(frame["assigned_at"]),
                frame["received_at"],
                frame["closed_at"].fillna(frame["received_at"]),
                frame["returned_at"].fillna(frame["received_at"]),
                frame["onsite_at"].fillna(frame["received_at"]),
            ],
            axis=1,
        ).max(axis=1)
        frame["file_as_of"] = events.max()
        frames.append(frame)
    tickets = pd.concat(frames, ignore_index=True)
    # newest version: the file with the latest lifecycle event, then the file loaded last
    tickets = tickets.sort_values(["ticket_id", "file_as_of", "file_order"])
    return tickets.drop_duplicates("ticket_id", keep="last")


def personal_id(ids: pd.Series) -> pd.Series:
    from bench.lean import ID_CARD_ID, ID_WEIGHTS, MOBILE_ID

    digits = [pd.to_numeric(ids.str[i], errors="coerce").fillna(0).astype(int) * w for i, w in enumerate(ID_WEIGHTS)]
    expected = (sum(digits) % 11).map(lambda r: "10X98765432"[r])
    card = ids.str.match(ID_CARD_ID) & (ids.str[17].str.upper() == expected)
    return ids.str.match(MOBILE_ID) | card


def answer_rate(answers: pd.Series, weights: dict[str, float], rated: pd.Series, keys: list[pd.Series]) -> pd.Series:
    value = answers.map(weights)
    counted = value.notna() & rated
    grouped = pd.DataFrame({"points": value.where(counted), "n": counted.astype(int)}).groupby(keys)
    sums = grouped.sum()
    return sums["points"] / sums["n"].replace(0, np.nan)


def round_decimal(value: Decimal, places: int, mode: str) -> Decimal:
    return value.quantize(
        Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN if mode == "half_even" else ROUND_HALF_UP
    )


def compute(exports: Path, jurisdiction: str = "青禾县") -> pd.DataFrame:
    units = seed("ref_units")
    units = units[units["jurisdiction"] == jurisdiction]
    aliases = seed("ref_unit_aliases")
    name_to_id = dict(zip(units["unit_name"], units["unit_id"], strict=True))
    name_to_id.update(dict(zip(aliases["alias"], aliases["unit_id"], strict=True)))
    scheme = seed("cfg_scoring_schemes")
    scheme = scheme[(scheme["jurisdiction"] == jurisdiction) & (scheme["scope"] == "all")].iloc[0]
    weights = seed("cfg_scheme_components")
    weights = {
        r.component: Decimal(r.weight) for r in weights[weights["scheme_id"] == scheme["scheme_id"]].itertuples()
    }
    answers = seed("cfg_answer_weights")
    answers = answers[answers["scheme_id"] == scheme["scheme_id"]]
    resolution = {r.answer_zh: float(r.weight) for r in answers[answers["question"] == "resolution"].itertuples()}
    satisfaction = {r.answer_zh: float(r.weight) for r in answers[answers["question"] == "satisfaction"].itertuples()}

    t = load_tickets(exports)
    t = t[t["jurisdiction"] == jurisdiction].copy()
    t["unit_id"] = t["unit_name"].str.strip().map(name_to_id)
    t["period"] = t["assigned_at"].dt.strftime("%Y-%m")
    t["due_period"] = t["due_at"].dt.strftime("%Y-%m")
    rated = t["exempt"] != "是" if scheme["exempt_treatment"] == "exclude" else pd.Series(True, index=t.index)
    closed, returned = t["status"] == "已办结", t["status"] == "已回退"
    on_time = closed & (t["closed_at"] <= t["due_at"])
    window = pd.Timedelta(hours=int(scheme["ack_window_hours"]))
    responded = t["signed_at"].notna() & (t["signed_at"] <= t["assigned_at"] + window)
    keys = [t["unit_id"], t["period"]]

    counts = (
        pd.DataFrame(
            {
                "handled_count": 1,
                "closed_count": closed.astype(int),
                "returned_count": returned.astype(int),
                "in_progress_count": (t["status"] == "办理中").astype(int),
                "rated": rated.astype(int),
                "responded": (responded & rated).astype(int),
                "rated_closed": (closed & rated).astype(int),
                "closed_on_time": (on_time & rated).astype(int),
            }
        )
        .groupby(keys)
        .sum()
    )
    due = pd.DataFrame({"due": rated.astype(int), "due_on_time": (on_time & rated).astype(int)})
    due = due.groupby([t["unit_id"], t["due_period"]]).sum()
    due.index = due.index.set_names(["unit_id", "period"])
    metrics = counts.join(due, how="outer")
    metrics["response_rate"] = metrics["responded"] / metrics["rated"].replace(0, np.nan)
    if scheme["on_time_denominator"] == "due":
        metrics["on_time_rate"] = metrics["due_on_time"] / metrics["due"].replace(0, np.nan)
    else:
        metrics["on_time_rate"] = metrics["closed_on_time"] / metrics["rated_closed"].replace(0, np.nan)
    metrics["resolution_rate"] = answer_rate(t["callback_resolution"], resolution, rated, keys)
    result = answer_rate(t["callback_result_satisfaction"], satisfaction, rated, keys)
    process = answer_rate(t["callback_process_satisfaction"], satisfaction, rated, keys)
    basis = scheme["satisfaction_basis"]
    metrics["satisfaction_rate"] = (
        result if basis == "result" else process if basis == "process" else (result + process) / 2
    )

    # every unit in every period of the span, tickets or not
    periods = sorted(t["period"].unique())
    span = pd.period_range(periods[0], periods[-1], freq="M").strftime("%Y-%m")
    spine = pd.MultiIndex.from_product([units["unit_id"], span], names=["unit_id", "period"])
    metrics = metrics.reindex(spine)
    for column in ("handled_count", "closed_count", "returned_count", "in_progress_count"):
        metrics[column] = metrics[column].fillna(0).astype(int)
    metrics = metrics.reset_index()

    inputs = pd.concat(
        [pd.read_csv(p, dtype=str, keep_default_na=False) for p in sorted(exports.glob("assessment_*.csv"))]
    ).rename(
        columns={
            "承办单位": "unit_name",
            "统计周期": "period",
            "减分项": "deduction",
            "质效": "quality_bonus",
            "抽测排名": "sampling_rank",
        }
    )
    inputs["unit_id"] = inputs["unit_name"].map(name_to_id)
    metrics = metrics.merge(
        inputs[["unit_id", "period", "deduction", "quality_bonus", "sampling_rank"]],
        on=["unit_id", "period"],
        how="left",
    )

    full = Decimal(1) if scheme["empty_rate_policy"] == "full_marks" else Decimal(0)
    places, mode = int(scheme["score_decimals"]), scheme["rounding_mode"]
    totals, assessments = [], []
    for row in metrics.itertuples():
        points = Decimal(0)
        parts = []
        for component in ("response", "on_time", "resolution", "satisfaction"):
            rate = getattr(row, f"{component}_rate")
            rate = full if pd.isna(rate) else Decimal(repr(float(rate))).quantize(Decimal("1e-8"), ROUND_HALF_UP)
            part = rate * weights.get(component, Decimal(0))
            parts.append(round_decimal(part, places, mode))
            points += part
        deduction = Decimal(row.deduction) if isinstance(row.deduction, str) and row.deduction else Decimal(0)
        bonus = Decimal(row.quality_bonus) if isinstance(row.quality_bonus, str) and row.quality_bonus else Decimal(0)
        if scheme["round_components_before_sum"] == "true":
            assessment = sum(parts) + deduction
        else:
            assessment = round_decimal(points + deduction, places, mode)
        assessments.append(float(assessment))
        totals.append(float(assessment + bonus))
    metrics["assessment_score"], metrics["total_score"] = assessments, totals
    return rank(metrics, units, jurisdiction)


def rank(metrics: pd.DataFrame, units: pd.DataFrame, jurisdiction: str) -> pd.DataFrame:
    tiers = seed("cfg_tiers")
    tiers = tiers[(tiers["jurisdiction"] == jurisdiction) & (tiers["scope"] == "all")]
    kinds = seed("cfg_tier_unit_kinds")
    info = units.set_index("unit_id")
    metrics["unit_kind"] = metrics["unit_id"].map(info["unit_kind"])
    metrics["is_assessed"] = metrics["unit_id"].map(info["is_assessed"]) == "true"
    metrics["tier_id"], metrics["overall_rank"] = None, np.nan
    for tier in tiers.itertuples():
        tier_kinds = set(kinds[kinds["tier_id"] == tier.tier_id]["unit_kind"])
        n = metrics["handled_count"]
        low = n.ge(int(tier.min_handled)) if tier.min_inclusive == "true" else n.gt(int(tier.min_handled or 0))
        if tier.min_handled == "":
            low = pd.Series(True, index=n.index)
        high = pd.Series(True, index=n.index)
        if tier.max_handled != "":
            high = n.le(int(tier.max_handled)) if tier.max_inclusive == "true" else n.lt(int(tier.max_handled))
        member = metrics["unit_kind"].isin(tier_kinds) & metrics["is_assessed"] & (n > 0) & low & high
        metrics.loc[member, "tier_id"] = tier.tier_id
        in_tier = metrics[member]
        handling = in_tier.groupby("period")["total_score"].rank(method="min", ascending=False)
        if tier.rank_rule == "composite_of_ranks":
            value = handling * float(tier.handling_rank_weight) + in_tier["sampling_rank"].astype(float) * float(
                tier.sampling_rank_weight
            )
            overall = value.round(6).groupby(in_tier["period"]).rank(method="min", ascending=True)
        else:
            overall = handling
        metrics.loc[member, "overall_rank"] = overall
    return metrics


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--exports", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    result = compute(args.exports)
    columns = [
        "unit_id",
        "period",
        "handled_count",
        "closed_count",
        "returned_count",
        "in_progress_count",
        "response_rate",
        "on_time_rate",
        "resolution_rate",
        "satisfaction_rate",
        "total_score",
        "overall_rank",
    ]
    result[columns].to_csv(args.out, index=False)


if __name__ == "__main__":
    main()
