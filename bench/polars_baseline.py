"""The polars baseline: the lean floor's work (bench/lean.py) written with polars, like for like.

    python -m bench.polars_baseline --exports DIR --out unit_periods.csv

Every column of every ticket export read as text, typed (the same timestamp forms),
validated (the same rules), both free-text columns scrubbed of phone and ID-card
numbers and the caller's name, each ticket's newest version kept, then counts and
the four rates per unit and calendar month under the jurisdiction's scheme.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import polars as pl

from bench.lean import ENUMS, ID_CARD_ID, ID_NUMBER, ID_WEIGHTS, LANDLINE, MOBILE, MOBILE_ID, REQUIRED, TIMES, _seed
from hotline.contract import TICKETS

FORMATS = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S%.f", "%Y%m%d%H%M%S"]
OPTIONAL_TIMES = ("signed_at", "returned_at", "closed_at", "onsite_at")
DATE_PART = r"^([0-9]{4})[-/.年]([0-9]{1,2})[-/.月]([0-9]{1,2})日?(T| +)"


def _timestamp(name: str) -> pl.Expr:
    text = pl.col(name).str.strip_chars()
    # one or two digit months and days, as DuckDB's strptime takes them
    normalised = text.str.replace(DATE_PART, "${1}-${2}-${3} ").str.replace(
        r"^([0-9]{4})-([0-9])-", "${1}-0${2}-"
    ).str.replace(r"^([0-9]{4})-([0-9]{2})-([0-9]) ", "${1}-${2}-0${3} ")  # fmt: skip
    parsed = [normalised.str.strptime(pl.Datetime("us"), f, strict=False) for f in FORMATS]
    serial = (
        pl.when(text.str.contains(r"^[1-9][0-9]{4}([.][0-9]+)?$"))
        .then(
            pl.datetime(1899, 12, 30)
            + pl.duration(seconds=(text.cast(pl.Float64, strict=False) * 86400).round(0).cast(pl.Int64))
        )
        .otherwise(None)
    )
    return pl.coalesce([*parsed, serial]).alias(f"{name}_ts")


def personal_id(name: str) -> pl.Expr:
    """A ticket id that is a mobile number, or an ID-card number whose checksum holds."""
    text = pl.col(name)
    total = pl.sum_horizontal([text.str.slice(i, 1).cast(pl.Int64, strict=False) * w for i, w in enumerate(ID_WEIGHTS)])
    expected = pl.lit("10X98765432").str.slice(total % 11, 1)
    card = text.str.contains(ID_CARD_ID) & (text.str.slice(17, 1).str.to_uppercase() == expected)
    return text.str.contains(MOBILE_ID) | card


def _scrub(name: str) -> pl.Expr:
    text = pl.col(name).str.replace_many(list("０１２３４５６７８９Ｘｘ"), list("0123456789Xx"))
    for pattern, mask in ((ID_NUMBER, "[身份证号]"), (MOBILE, "[电话]"), (MOBILE, "[电话]"), (LANDLINE, "[电话]")):
        text = text.str.replace_all(pattern, "${1}" + mask + "${2}")
    caller = pl.col("caller_name").str.strip_chars()
    return (
        # the caller's own name, a pattern that differs per row: split on it and join with the mask
        pl.when(caller.str.len_chars() >= 2).then(text.str.split(caller).list.join("[姓名]")).otherwise(text)
    ).alias(f"{name}_scrubbed")


def compute(exports: Path, jurisdiction: str = "青禾县") -> pl.DataFrame:
    scheme = next(s for s in _seed("cfg_scoring_schemes") if s["jurisdiction"] == jurisdiction and s["scope"] == "all")
    answers = [a for a in _seed("cfg_answer_weights") if a["scheme_id"] == scheme["scheme_id"]]
    weight = {q: {a["answer_zh"]: float(a["weight"]) for a in answers if a["question"] == q}
              for q in ("resolution", "satisfaction")}  # fmt: skip
    enums = pl.DataFrame(_seed("ref_enum_values"))
    names = [(u["unit_name"], u["unit_id"]) for u in _seed("ref_units") if u["jurisdiction"] == jurisdiction]
    names += [(a["alias"], a["unit_id"]) for a in _seed("ref_unit_aliases") if a["jurisdiction"] == jurisdiction]
    units = pl.DataFrame(names, schema=["unit_name", "unit_id"], orient="row")
    headers = {c.header_zh: c.name for c in TICKETS.columns}

    frames = []
    for path in sorted(exports.glob("tickets_*.csv")):
        frame = pl.read_csv(path, infer_schema=False).rename(lambda h: headers.get(h, h))
        frames.append(frame.with_columns(pl.lit(str(path)).alias("source_file")))
    rows = pl.concat(frames, how="diagonal").with_columns(
        [pl.col(n).str.strip_chars().replace("", None) for n in headers.values()]
    )
    rows = rows.with_columns([_timestamp(t) for t in TIMES] + [_scrub("content"), _scrub("reply")])
    for column, domain in ENUMS.items():
        codes = enums.filter(pl.col("domain") == domain).select(
            pl.col("raw_value").alias(column), pl.col("code").alias(f"{column}_code")
        )
        rows = rows.join(codes, on=column, how="left")
    rows = rows.join(units, on="unit_name", how="left")
    status = pl.col("status_code")
    bad = pl.any_horizontal(
        [pl.col(c).is_null() for c in REQUIRED]
        + [pl.col(f"{c}_ts").is_null() for c in ("received_at", "assigned_at", "due_at")]
        + [pl.col(c).is_not_null() & pl.col(f"{c}_ts").is_null() for c in OPTIONAL_TIMES]
        + [pl.col(f"{c}_code").is_null() for c in ENUMS]
        + [pl.col("unit_id").is_null(), ~pl.col("ticket_id").str.contains(r"^[0-9]{6,30}$"), personal_id("ticket_id")]
        + [pl.col("closed_at_ts") < pl.col("received_at_ts"), pl.col("returned_at_ts") < pl.col("received_at_ts"),
           pl.col("assigned_at_ts") < pl.col("received_at_ts"),
           (status == "closed") & pl.col("closed_at_ts").is_null(),
           (status == "returned") & pl.col("returned_at_ts").is_null(),
           (status == "in_progress") & (pl.col("closed_at_ts").is_not_null() | pl.col("returned_at_ts").is_not_null()),
           ~pl.col("redo_count").str.contains(r"^[0-9]+$")]
    ).fill_null(False)  # fmt: skip
    received = pl.col("received_at_ts")
    event = pl.max_horizontal(
        pl.coalesce("signed_at_ts", "assigned_at_ts"), received, pl.coalesce("closed_at_ts", received),
        pl.coalesce("returned_at_ts", received), pl.coalesce("onsite_at_ts", received),
    )  # fmt: skip
    rows = rows.with_columns(bad.alias("is_quarantined"), event.alias("event_at"))
    rows = rows.with_columns(
        pl.col("event_at").filter(~pl.col("is_quarantined")).max().over("source_file").alias("file_as_of")
    )
    tickets = (
        rows.filter(~pl.col("is_quarantined") & (pl.col("jurisdiction") == jurisdiction))
        .sort(["ticket_id", "file_as_of", "source_file"])
        .unique("ticket_id", keep="last")
    )
    rated = pl.col("exempt") != "是" if scheme["exempt_treatment"] == "exclude" else pl.lit(True)
    window = pl.duration(hours=int(scheme["ack_window_hours"]))
    t = tickets.with_columns(
        pl.col("assigned_at_ts").dt.strftime("%Y-%m").alias("period"),
        pl.col("due_at_ts").dt.strftime("%Y-%m").alias("due_period"),
        rated.fill_null(True).alias("rated"),
        ((status == "closed") & (pl.col("closed_at_ts") <= pl.col("due_at_ts"))).fill_null(False).alias("on_time"),
        (pl.col("signed_at_ts") <= pl.col("assigned_at_ts") + window).fill_null(False).alias("responded"),
        pl.col("callback_resolution").replace_strict(weight["resolution"], default=None).alias("res"),
        pl.col("callback_result_satisfaction").replace_strict(weight["satisfaction"], default=None).alias("rs"),
        pl.col("callback_process_satisfaction").replace_strict(weight["satisfaction"], default=None).alias("ps"),
    )
    r = pl.col("rated")
    counts = t.group_by(["unit_id", "period"]).agg(
        pl.len().alias("handled_count"),
        (status == "closed").sum().alias("closed_count"),
        (status == "returned").sum().alias("returned_count"),
        (status == "in_progress").sum().alias("in_progress_count"),
        r.sum().alias("rated_n"),
        (r & pl.col("responded")).sum().alias("responded_n"),
        (r & (status == "closed")).sum().alias("rated_closed"),
        (r & pl.col("on_time")).sum().alias("on_time_n"),
        *[pl.col(c).filter(r).sum().alias(f"{c}_points") for c in ("res", "rs", "ps")],
        *[pl.col(c).filter(r).count().alias(f"{c}_answers") for c in ("res", "rs", "ps")],
    )
    due = (
        t.group_by(["unit_id", "due_period"])
        .agg(r.sum().alias("due"), (r & pl.col("on_time")).sum().alias("due_on_time"))
        .rename({"due_period": "period"})
    )
    first, last = tickets["assigned_at_ts"].min(), tickets["assigned_at_ts"].max()
    months = pl.date_range(first.date().replace(day=1), last.date().replace(day=1), "1mo", eager=True)
    spine = units.select("unit_id").unique().join(pl.DataFrame({"period": months.dt.strftime("%Y-%m")}), how="cross")
    m = spine.join(counts, on=["unit_id", "period"], how="left").join(due, on=["unit_id", "period"], how="left")

    def ratio(numerator: str, denominator: str) -> pl.Expr:
        return pl.when(pl.col(denominator) > 0).then(pl.col(numerator) / pl.col(denominator)).otherwise(None)

    on_time = (
        ratio("due_on_time", "due") if scheme["on_time_denominator"] == "due" else ratio("on_time_n", "rated_closed")
    )
    result, process = ratio("rs_points", "rs_answers"), ratio("ps_points", "ps_answers")
    basis = scheme["satisfaction_basis"]
    satisfaction = result if basis == "result" else process if basis == "process" else (result + process) / 2
    return m.select(
        "unit_id",
        "period",
        *[pl.col(c).fill_null(0) for c in ("handled_count", "closed_count", "returned_count", "in_progress_count")],
        ratio("responded_n", "rated_n").alias("response_rate"),
        on_time.alias("on_time_rate"),
        ratio("res_points", "res_answers").alias("resolution_rate"),
        satisfaction.alias("satisfaction_rate"),
    ).sort(["unit_id", "period"])


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--exports", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    compute(args.exports).write_csv(args.out)


if __name__ == "__main__":
    main()
