"""The lean floor: the core path in one DuckDB script, from the export files to unit-period metrics.

    python -m bench.lean --exports DIR --db FILE [--out FILE.csv] [--append]

What a lean single-pass design has to do, and no more: read every column of every
ticket export as text, type it (timestamps in every unambiguous form the warehouse
accepts), validate it (required fields, timestamps, enums, the unit, lifecycle order
and status), scrub phone and ID-card numbers and the caller's name from both free-text
columns, keep each ticket's newest version (the file with the latest lifecycle event,
then the later file), and count and rate per unit and period under the jurisdiction's
scheme. The benchmark checks its numbers equal the warehouse's marts; its time is the
floor the warehouse's ingestion + full build is measured against. One jurisdiction
with calendar-month periods (the benchmark's data); the scheme's parameters come from
the same configuration seeds. With --append, the files of a new period are staged on
top of an earlier run, only the tickets they name are re-versioned, and the metrics
(a group-by over the narrow ticket table) are counted again.
"""

from __future__ import annotations

import argparse
import csv
import json
import time
from pathlib import Path

import duckdb

from hotline.contract import TICKETS
from hotline.settings import SEEDS_DIR, duckdb_config

TIMES = ["received_at", "assigned_at", "signed_at", "due_at", "returned_at", "closed_at", "onsite_at"]
REQUIRED = [c.name for c in TICKETS.columns if c.required]
ENUMS = {"channel": "channel", "request_type": "request_type", "urgency": "urgency", "status": "status"}
SEP = "[-. 　－．]?"
# a ticket id that is a mobile or ID-card number (checksum valid) is quarantined, as the warehouse does
MOBILE_ID = "^1[3-9][0-9]{9}$"
ID_CARD_ID = (
    "^(1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5]|71|8[1-3])[0-9]{4}(19|20)[0-9]{2}(0[1-9]|1[0-2])"
    "(0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx]$"
)
ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
ID_NUMBER = f"(^|[^0-9])[0-9](?:{SEP}[0-9]){{16}}{SEP}[0-9Xx]([^0-9Xx]|$)"
MOBILE = f"(^|[^0-9])(?:(?:(?:[+＋]|00)86|[(（][+＋]?86[)）]){SEP})?1[3-9][0-9](?:{SEP}[0-9]){{8}}([^0-9]|$)"
LANDLINE = f"(^|[^0-9])[(（]?0[0-9]{{2,3}}[)）]?{SEP}[0-9]{{3,4}}{SEP}[0-9]{{4}}([^0-9]|$)"


def _seed(name: str) -> list[dict]:
    folder = "config" if name.startswith("cfg_") else "reference"
    with open(SEEDS_DIR / folder / f"{name}.csv", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _timestamp(column: str) -> str:
    text = f"trim({column})"
    normalised = (
        rf"regexp_replace({text}, '^([0-9]{{4}})[-/.年]([0-9]{{1,2}})[-/.月]([0-9]{{1,2}})日?(T| +)', '\1-\2-\3 ')"
    )
    formats = "['%Y-%m-%d %H:%M:%S', '%Y-%m-%d %H:%M', '%Y-%m-%d %H:%M:%S.%f', '%Y%m%d%H%M%S']"
    excel = (
        f"case when regexp_full_match({text}, '[1-9][0-9]{{4}}([.][0-9]+)?') then cast('1899-12-30' as timestamp) "
        f"+ to_seconds(cast(round(cast({text} as double) * 86400) as bigint)) end"
    )
    return f"coalesce(try_strptime({normalised}, {formats}), {excel})"


def _personal_id(column: str) -> str:
    checksum = " + ".join(f"cast(substr({column}, {i + 1}, 1) as integer) * {w}" for i, w in enumerate(ID_WEIGHTS))
    return (
        f"(regexp_matches({column}, '{MOBILE_ID}') or (regexp_matches({column}, '{ID_CARD_ID}') "
        f"and upper(substr({column}, 18, 1)) = substr('10X98765432', 1 + ({checksum}) % 11, 1)))"
    )


def _scrub(column: str) -> str:
    text = f"translate({column}, '０１２３４５６７８９Ｘｘ', '0123456789Xx')"
    for pattern, mask in ((ID_NUMBER, "[身份证号]"), (MOBILE, "[电话]"), (MOBILE, "[电话]"), (LANDLINE, "[电话]")):
        text = f"regexp_replace({text}, '{pattern}', '\\1{mask}\\2', 'g')"
    return f"case when length(trim(caller_name)) >= 2 then replace({text}, trim(caller_name), '[姓名]') else {text} end"


def _tickets(jurisdiction: str, append: bool) -> str:
    """Each ticket's newest version: all of them, or (append) only the tickets the new files name."""
    newest = (
        f"select * from staged where not is_quarantined and jurisdiction = '{jurisdiction}' {{only}}"
        "qualify row_number() over (partition by ticket_id order by file_as_of desc, source_file desc) = 1"
    )
    if not append:
        return f"create or replace table tickets as {newest.format(only='')};"
    only = "and ticket_id in (select ticket_id from changed) "
    return (
        "create or replace temp table changed as select distinct ticket_id from staged "
        "where source_file in (select unnest(?)) ;"
        "delete from tickets where ticket_id in (select ticket_id from changed);"
        f"insert into tickets {newest.format(only=only)};"
    )


def script(files: list[Path], jurisdiction: str, append: bool = False) -> str:
    scheme = next(s for s in _seed("cfg_scoring_schemes") if s["jurisdiction"] == jurisdiction and s["scope"] == "all")
    answers = [a for a in _seed("cfg_answer_weights") if a["scheme_id"] == scheme["scheme_id"]]
    headers = {c.header_zh: c.name for c in TICKETS.columns}
    file_list = ", ".join("'" + str(f).replace("'", "''") + "'" for f in files)
    select = ", ".join(f"nullif(trim(\"{zh}\"), '') as {name}" for zh, name in headers.items())
    rated = "exempt <> '是'" if scheme["exempt_treatment"] == "exclude" else "true"
    weights = {q: " ".join(f"when '{a['answer_zh']}' then {a['weight']}" for a in answers if a["question"] == q)
               for q in ("resolution", "satisfaction")}  # fmt: skip
    basis = scheme["satisfaction_basis"]
    satisfaction = {"result": "result_rate", "process": "process_rate"}.get(basis, "(result_rate + process_rate) / 2")
    on_time = (
        "due_on_time / nullif(due, 0)"
        if scheme["on_time_denominator"] == "due"
        else "on_time_n / nullif(rated_closed, 0)"
    )
    checks = [f"{c} is null" for c in REQUIRED] + [f"{c}_ts is null" for c in ("received_at", "assigned_at", "due_at")]
    checks += [f"({c} is not null and {c}_ts is null)" for c in ("signed_at", "returned_at", "closed_at", "onsite_at")]
    checks += [f"{c}_code is null" for c in ENUMS] + [
        "unit_id is null",
        "not regexp_full_match(ticket_id, '[0-9]{6,30}')",
    ]
    checks += [
        "closed_at_ts < received_at_ts",
        "returned_at_ts < received_at_ts",
        "assigned_at_ts < received_at_ts",
        "(status_code = 'closed' and closed_at_ts is null)",
        "(status_code = 'returned' and returned_at_ts is null)",
        "(status_code = 'in_progress' and (closed_at_ts is not null or returned_at_ts is not null))",
        "not regexp_full_match(redo_count, '[0-9]+')",
        _personal_id("ticket_id"),
    ]
    tickets = _tickets(jurisdiction, append)
    enum_joins = "\n".join(
        f"left join enums e_{c} on e_{c}.domain = '{d}' and e_{c}.raw_value = rows.{c}" for c, d in ENUMS.items()
    )
    return f"""
create or replace temp table enums as
    select * from read_csv('{SEEDS_DIR}/reference/ref_enum_values.csv', all_varchar = true);
create or replace temp table unit_names as
    select unit_name as name, unit_id from read_csv('{SEEDS_DIR}/reference/ref_units.csv', all_varchar = true)
    where jurisdiction = '{jurisdiction}'
    union all
    select alias, unit_id from read_csv('{SEEDS_DIR}/reference/ref_unit_aliases.csv', all_varchar = true)
    where jurisdiction = '{jurisdiction}';
{"insert into staged" if append else "create or replace table staged as"}
with rows as (
    select {select}, filename as source_file
    from read_csv([{file_list}], all_varchar = true, header = true, filename = true)
),
typed as (
    select rows.*, {", ".join(f"{_timestamp(t)} as {t}_ts" for t in TIMES)},
        {", ".join(f"e_{c}.code as {c}_code" for c in ENUMS)}, unit_names.unit_id,
        {_scrub("content")} as content_scrubbed, {_scrub("reply")} as reply_scrubbed
    from rows
    {enum_joins}
    left join unit_names on unit_names.name = rows.unit_name
),
checked as (
    select *, coalesce({" or ".join(checks)}, false) as is_quarantined,
        greatest(coalesce(signed_at_ts, assigned_at_ts), received_at_ts, coalesce(closed_at_ts, received_at_ts),
                 coalesce(returned_at_ts, received_at_ts), coalesce(onsite_at_ts, received_at_ts)) as event_at
    from typed
)
select ticket_id, jurisdiction, unit_id, status_code, exempt, assigned_at_ts, signed_at_ts, due_at_ts, closed_at_ts,
    callback_resolution, callback_result_satisfaction, callback_process_satisfaction, content_scrubbed,
    reply_scrubbed, source_file, is_quarantined,
    max(case when not is_quarantined then event_at end) over (partition by source_file) as file_as_of
from checked;
{tickets}
create or replace table unit_periods as
with t as (
    select *, strftime(assigned_at_ts, '%Y-%m') as period, strftime(due_at_ts, '%Y-%m') as due_period,
        {rated} as rated, status_code = 'closed' and closed_at_ts <= due_at_ts as on_time,
        case callback_resolution {weights["resolution"]} end as resolution_points,
        case callback_result_satisfaction {weights["satisfaction"]} end as result_points,
        case callback_process_satisfaction {weights["satisfaction"]} end as process_points
    from tickets
),
counts as (
    select unit_id, period, count(*) as handled_count,
        count(*) filter (where status_code = 'closed') as closed_count,
        count(*) filter (where status_code = 'returned') as returned_count,
        count(*) filter (where status_code = 'in_progress') as in_progress_count,
        count(*) filter (where rated) as rated_n,
        count(*) filter (where rated and signed_at_ts <= assigned_at_ts + to_hours({int(scheme["ack_window_hours"])}))
            as responded_n,
        count(*) filter (where rated and status_code = 'closed') as rated_closed,
        count(*) filter (where rated and on_time) as on_time_n,
        sum(resolution_points) filter (where rated) as resolution_points,
        count(resolution_points) filter (where rated) as resolution_answers,
        sum(result_points) filter (where rated) as result_points,
        count(result_points) filter (where rated) as result_answers,
        sum(process_points) filter (where rated) as process_points,
        count(process_points) filter (where rated) as process_answers
    from t group by all
),
due as (
    select unit_id, due_period as period, count(*) filter (where rated) as due,
        count(*) filter (where rated and on_time) as due_on_time
    from t group by all
),
span as (
    select strftime(month, '%Y-%m') as period
    from range((select date_trunc('month', min(assigned_at_ts)) from tickets),
               (select date_trunc('month', max(assigned_at_ts)) from tickets) + interval 1 month,
               interval 1 month) as months(month)
),
spine as (
    select distinct u.unit_id, s.period from unit_names u cross join span s
),
joined as (
    select spine.unit_id, spine.period, counts.* exclude (unit_id, period), due.due, due.due_on_time,
        cast(counts.result_points as double) / nullif(counts.result_answers, 0) as result_rate,
        cast(counts.process_points as double) / nullif(counts.process_answers, 0) as process_rate
    from spine
    left join counts on counts.unit_id = spine.unit_id and counts.period = spine.period
    left join due on due.unit_id = spine.unit_id and due.period = spine.period
)
select unit_id, period, coalesce(handled_count, 0) as handled_count, coalesce(closed_count, 0) as closed_count,
    coalesce(returned_count, 0) as returned_count, coalesce(in_progress_count, 0) as in_progress_count,
    cast(responded_n as double) / nullif(rated_n, 0) as response_rate,
    cast({on_time} as double) as on_time_rate,
    cast(resolution_points as double) / nullif(resolution_answers, 0) as resolution_rate,
    {satisfaction} as satisfaction_rate
from joined order by 1, 2;
"""


def run(files: list[Path], database: Path, jurisdiction: str = "青禾县", append: bool = False) -> dict[str, int]:
    """The whole path (or, with append, the files of one new period on top of an earlier run)."""
    con = duckdb.connect(str(database), config=duckdb_config())
    try:
        sql = script(files, jurisdiction, append)
        if append:
            head, tail = sql.split("create or replace temp table changed", 1)
            con.execute(head)
            changed, rest = ("create or replace temp table changed" + tail).split(";", 1)
            con.execute(changed, [[str(f) for f in files]])
            con.execute(rest)
        else:
            steps = {}
            for statement in (part for part in sql.split(";\n") if part.strip()):
                started = time.perf_counter()
                con.execute(statement)
                table = statement.split(" as", 1)[0].split()[-1]
                steps[table] = round(time.perf_counter() - started, 3)
            # the typing step (staged: read, typed, validated, scrubbed) is what the warehouse's
            # landing + ticket-row staging is compared against, step for step
            (database.parent / "steps.json").write_text(json.dumps(steps, indent=2) + "\n")
        quarantined, staged = con.execute(
            "select count(*) filter (where is_quarantined), count(*) from staged"
        ).fetchone()
        return {"rows": staged, "quarantined": quarantined}
    finally:
        con.close()


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--exports", type=Path, required=True)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--append", action="store_true", help="the exports of a new period, on top of --db")
    args = parser.parse_args(argv)
    print(run(sorted(args.exports.glob("tickets_*.csv")), args.db, append=args.append))
    if args.out:
        con = duckdb.connect(str(args.db), read_only=True)
        con.execute(f"copy unit_periods to '{args.out}' (header)")
        con.close()


if __name__ == "__main__":
    main()
