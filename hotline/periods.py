"""Statistical periods from the period rules in ``seeds/config/cfg_period_rules.csv``.

A jurisdiction whose cut-off moves (around the Spring Festival, say) lists those
periods' first and last days in ``cfg_period_dates.csv``; they replace what the
rule would give for those labels.

The SQL model ``dim_periods`` applies the same rule in the warehouse; this module
is what the generator and the orchestration use to know a period's days without
a warehouse. A test checks that both agree.
"""

from __future__ import annotations

import calendar
import csv
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from hotline.settings import SEEDS_DIR


@dataclass(frozen=True)
class PeriodRule:
    jurisdiction: str
    first_period: str
    last_period: str
    start_month_offset: int
    start_day: int
    end_month_offset: int
    end_day: int
    dates: tuple[tuple[str, date, date], ...] = ()  # (label, first day, last day) listed explicitly


@dataclass(frozen=True)
class Period:
    jurisdiction: str
    label: str
    first_day: date
    last_day: date

    @property
    def days(self) -> int:
        return (self.last_day - self.first_day).days + 1


def _shift(year: int, month: int, offset: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + offset
    return index // 12, index % 12 + 1


def _clamped(year: int, month: int, day: int) -> date:
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def _explicit_dates(path: Path) -> dict[str, tuple[tuple[str, date, date], ...]]:
    """Per jurisdiction, the periods cfg_period_dates.csv (beside the rules) lists by date."""
    listed: dict[str, list[tuple[str, date, date]]] = {}
    if path.exists():
        with open(path, encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                listed.setdefault(row["jurisdiction"], []).append(
                    (row["period_label"], date.fromisoformat(row["first_day"]), date.fromisoformat(row["last_day"]))
                )
    return {k: tuple(v) for k, v in listed.items()}


def load_rules(path: Path | None = None) -> dict[str, PeriodRule]:
    path = path or SEEDS_DIR / "config" / "cfg_period_rules.csv"
    dates = _explicit_dates(path.with_name("cfg_period_dates.csv"))
    with open(path, encoding="utf-8", newline="") as handle:
        return {
            row["jurisdiction"]: PeriodRule(
                row["jurisdiction"],
                row["first_period"],
                row["last_period"],
                int(row["start_month_offset"]),
                int(row["start_day"]),
                int(row["end_month_offset"]),
                int(row["end_day"]),
                dates.get(row["jurisdiction"], ()),
            )
            for row in csv.DictReader(handle)
        }


def period(rule: PeriodRule, label: str) -> Period:
    for listed, first, last in rule.dates:
        if listed == label:
            return Period(rule.jurisdiction, label, first, last)
    year, month = int(label[:4]), int(label[5:7])
    first = _clamped(*_shift(year, month, rule.start_month_offset), rule.start_day)
    last = _clamped(*_shift(year, month, rule.end_month_offset), rule.end_day)
    return Period(rule.jurisdiction, label, first, last)


def next_label(label: str, step: int = 1) -> str:
    year, month = _shift(int(label[:4]), int(label[5:7]), step)
    return f"{year:04d}-{month:02d}"


def periods(rule: PeriodRule, first: str | None = None, last: str | None = None) -> list[Period]:
    label, stop = first or rule.first_period, last or rule.last_period
    out = []
    while label <= stop:
        out.append(period(rule, label))
        label = next_label(label)
    return out


def period_of_day(rule: PeriodRule, day: date) -> Period | None:
    """The period a day belongs to (None when the rule leaves the day uncovered)."""
    for offset in (-1, 0, 1, 2):
        candidate = period(rule, next_label(f"{day.year:04d}-{day.month:02d}", offset))
        if candidate.first_day <= day <= candidate.last_day:
            return candidate
    return None
