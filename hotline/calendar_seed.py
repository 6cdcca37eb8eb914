"""Write ``seeds/reference/ref_calendar_cn.csv`` from the ``chinesecalendar`` package.

The package knows the State Council's holidays and make-up workdays (调休) for
2004-2026 and raises outside them; days it does not know go in the override seed
``ref_calendar_overrides.csv``. ``dim_calendar`` combines both and a test fails
when a date the warehouse needs is in neither.

    python -m hotline.calendar_seed --first 2004-01-01 --last 2026-12-31
"""

from __future__ import annotations

import argparse
import csv
from datetime import date, timedelta
from pathlib import Path

import chinese_calendar

from hotline.settings import SEEDS_DIR


def rows(first: date, last: date):
    day = first
    while day <= last:
        is_holiday, name = chinese_calendar.get_holiday_detail(day)
        weekend = day.weekday() >= 5
        yield {
            "calendar_date": day.isoformat(),
            "is_workday": "false" if is_holiday else "true",
            # a weekend day that is a workday is a make-up workday (调休上班)
            "is_makeup_workday": "true" if weekend and not is_holiday else "false",
            "holiday_name": name or "",
        }
        day += timedelta(days=1)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--first", default="2004-01-01")
    parser.add_argument("--last", default="2026-12-31")
    parser.add_argument("--out", type=Path, default=SEEDS_DIR / "reference" / "ref_calendar_cn.csv")
    args = parser.parse_args(argv)
    fields = ["calendar_date", "is_workday", "is_makeup_workday", "holiday_name"]
    with open(args.out, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows(date.fromisoformat(args.first), date.fromisoformat(args.last)))


if __name__ == "__main__":
    main()
