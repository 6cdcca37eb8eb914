"""Partitions by statistical period, per jurisdiction, from the period rules.

A partition key is ``<jurisdiction>|<YYYY-MM>`` over the periods each
jurisdiction's rule generates (cfg_period_rules), so a "month" that runs from the
25th to the 22nd is one partition and its days come from the rule, not from the
calendar month. Backfills select a range of these keys.
"""

from __future__ import annotations

from datetime import date

from dagster import StaticPartitionsDefinition

from hotline.periods import Period, load_rules, period, period_of_day, periods

SEPARATOR = "|"


def partition_key(p: Period) -> str:
    return f"{p.jurisdiction}{SEPARATOR}{p.label}"


def parse_key(key: str) -> Period:
    jurisdiction, label = key.split(SEPARATOR)
    return period(load_rules()[jurisdiction], label)


def all_keys() -> list[str]:
    return [partition_key(p) for rule in load_rules().values() for p in periods(rule)]


period_partitions = StaticPartitionsDefinition(all_keys())


def current_period_keys(today: date) -> list[str]:
    """The period each jurisdiction is in today (none where the rule leaves today out)."""
    return [partition_key(p) for rule in load_rules().values() if (p := period_of_day(rule, today))]


def closing_period_keys(today: date) -> list[str]:
    """The periods that ended yesterday: the day after a period ends, it is closed."""
    keys = []
    for rule in load_rules().values():
        for p in periods(rule):
            if p.last_day == date.fromordinal(today.toordinal() - 1):
                keys.append(partition_key(p))
    return keys
