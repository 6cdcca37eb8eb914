"""Which period's bulletin a run writes: the latest complete period that has data.

A period is complete when its last day has passed and its exports have arrived:
the tickets of its jurisdiction run to its last day (a later export exists), or
the platform's unit statistics for it are loaded (they are issued after a period
closes). A complete period far below the previous one in volume is still chosen,
with a warning that it looks incomplete.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb

INCOMPLETE_SHARE = 0.5  # below half the previous period's volume, a period looks incomplete

PERIODS_SQL = """
with volumes as (
    select
        jurisdiction, period_label,
        sum(case when rate_source = 'official' then assessed_handled_count else handled_count end) as handled,
        bool_or(rate_source = 'official') as official
    from marts.fct_unit_period_metrics
    group by jurisdiction, period_label
),
ticket_days as (
    select jurisdiction, max(cast(assigned_at as date)) as data_until
    from marts.fct_tickets
    group by jurisdiction
)
select
    periods.jurisdiction, periods.period_label, periods.first_day, periods.last_day,
    coalesce(volumes.handled, 0) as handled, coalesce(volumes.official, false) as official,
    ticket_days.data_until
from marts.dim_periods as periods
left join volumes using (jurisdiction, period_label)
left join ticket_days using (jurisdiction)
where (cast($jurisdiction as varchar) is null or periods.jurisdiction = cast($jurisdiction as varchar))
order by periods.jurisdiction, periods.period_label
"""


@dataclass(frozen=True)
class Choice:
    jurisdiction: str
    period: str
    first_day: date
    last_day: date
    reason: str
    warning: str = ""


def _choose_one(rows: list[tuple], today: date) -> Choice | None:
    previous, chosen = None, None
    for jurisdiction, label, first, last, handled, official, data_until in rows:
        arrived = official or (data_until is not None and data_until >= last)
        if handled and last < today and arrived:
            why = "its unit statistics are loaded" if official else f"its tickets run to {data_until}"
            chosen = (jurisdiction, label, first, last, handled, why, previous)
        if handled:
            previous = (label, handled)
    if chosen is None:
        return None
    jurisdiction, label, first, last, handled, why, before = chosen
    warning = ""
    if before and handled < INCOMPLETE_SHARE * before[1]:
        warning = (
            f"{jurisdiction} {label} looks incomplete: {handled} tickets against {before[1]} in {before[0]} "
            f"(less than {INCOMPLETE_SHARE:.0%}); check that every export of the period has landed"
        )
    reason = f"the latest period that has ended (before {today}) and whose exports have arrived: {why}"
    return Choice(jurisdiction, label, first, last, reason, warning)


def choose(
    database: Path, today: date | None = None, jurisdiction: str | None = None, period: str | None = None
) -> list[Choice]:
    """The bulletin period of each jurisdiction with data (or the one asked for)."""
    today = today or date.today()
    con = duckdb.connect(str(database), read_only=True)
    try:
        rows = con.execute(PERIODS_SQL, {"jurisdiction": jurisdiction}).fetchall()
    finally:
        con.close()
    by_jurisdiction: dict[str, list[tuple]] = {}
    for row in rows:
        by_jurisdiction.setdefault(row[0], []).append(row)
    if period:
        return [
            Choice(j, label, first, last, "asked for (PERIOD)")
            for j, items in by_jurisdiction.items()
            for _, label, first, last, handled, *_ in items
            if label == period and (handled or jurisdiction)
        ]
    return [c for items in by_jurisdiction.values() if (c := _choose_one(items, today))]
