"""``python -m hotline check-config``: each kind of setup mistake is found and named.

Every case starts from a copy of the project's seeds, makes one mistake a new
county's data engineer could make, and expects the finding written here by hand.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from hotline.check_config import ConfigError, check, require_valid
from hotline.contract import TICKETS
from hotline.generate import CountyGenerator, write_rows
from hotline.settings import SEEDS_DIR
from tests.python.conftest import PROJECT_DIR

TODAY = date(2026, 12, 3)


@pytest.fixture
def seeds(tmp_path) -> Path:
    copy = tmp_path / "seeds"
    shutil.copytree(SEEDS_DIR, copy, ignore=shutil.ignore_patterns("sample"))
    return copy


def _edit(seeds: Path, name: str, change) -> None:
    path = next(seeds.rglob(f"{name}.csv"))
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    fields = list(rows[0])
    rows = change(rows)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _errors(seeds: Path, **kwargs) -> list[str]:
    return [f.en for f in check(seeds=seeds, today=TODAY, **kwargs) if f.level == "error"]


def test_the_project_configuration_has_no_errors():
    assert _errors(SEEDS_DIR) == []


def test_an_undeclared_gap_between_periods_is_named_with_its_days(seeds):
    _edit(seeds, "cfg_period_rules", lambda rows: [{**r, "gap_declared": "false"} for r in rows])
    errors = _errors(seeds, jurisdiction="东昌府区")
    assert "periods 2024-02 and 2024-03 leave 2024-02-23..2024-02-24 in no period" in " ".join(errors)
    assert len(errors) == 71  # every month boundary from 2022-01 to 2027-12


def test_overlapping_periods(seeds):
    _edit(
        seeds,
        "cfg_period_rules",
        lambda rows: [{**r, "end_day": "26"} if r["jurisdiction"] == "东昌府区" else r for r in rows],
    )
    errors = _errors(seeds, jurisdiction="东昌府区")
    assert errors[0] == "periods 2022-01 and 2022-02 overlap (2022-01-25..2022-01-26)"


def test_weights_that_do_not_add_up_to_100(seeds):
    _edit(
        seeds,
        "cfg_scheme_components",
        lambda rows: [r for r in rows if (r["scheme_id"], r["component"]) != ("dc_2024", "response")],
    )
    errors = _errors(seeds, jurisdiction="东昌府区")
    assert len(errors) == 1 and errors[0].startswith("scheme dc_2024: weights add up to ") and "not 100" in errors[0]


def test_periods_without_a_scheme(seeds):
    _edit(
        seeds,
        "cfg_scoring_schemes",
        lambda rows: [{**r, "valid_from_period": "2024-01"} if r["scheme_id"] == "qh_2022" else r for r in rows],
    )
    assert _errors(seeds, jurisdiction="青禾县") == [
        "24 period(s) have no scoring scheme of scope 'all' (from 2022-01)"
    ]


def test_tiers_that_leave_volumes_out_or_hold_them_twice(seeds):
    _edit(seeds, "cfg_tiers", lambda rows: [r for r in rows if r["tier_id"] != "qh_dept_5_20"])
    errors = _errors(seeds, jurisdiction="青禾县")
    assert errors == [
        "from 2022-01, a department unit handling 5 falls in 0 tiers (none), not exactly one",
        "from 2022-01, a state_company unit handling 5 falls in 0 tiers (none), not exactly one",
    ]


def test_aliases_pointing_nowhere(seeds):
    _edit(
        seeds,
        "ref_unit_aliases",
        lambda rows: rows + [{"jurisdiction": "青禾县", "alias": "老城办", "unit_id": "QH999"}],
    )
    assert _errors(seeds, jurisdiction="青禾县") == ["alias '老城办' points at unit QH999, which is not registered"]


def test_calendar_years_not_covered(seeds):
    _edit(seeds, "ref_calendar_cn", lambda rows: [r for r in rows if not r["calendar_date"].startswith("2023")])
    errors = _errors(seeds, jurisdiction="青禾县")
    assert errors == [
        "the working-day calendar lacks 365 day(s) of 2023: add them to seeds/reference/ref_calendar_overrides.csv"
    ]
    later = [f.en for f in check(seeds=seeds, today=TODAY, jurisdiction="青禾县") if f.level == "warning"]
    assert later == [
        "the working-day calendar lacks 364 day(s) of 2027: add them to seeds/reference/ref_calendar_overrides.csv"
    ]


def test_units_in_the_exports_that_nobody_registered(tmp_path):
    landing = tmp_path / "landing"
    landing.mkdir()
    rows = list(CountyGenerator("青禾县", seed=5, tickets_per_period=40).export_rows("2025-03", None))[:5]
    rows[2] = {**rows[2], "unit_name": "县新设局"}
    rows[3] = {**rows[3], "unit_name": "城关办事处"}  # an alias: known
    write_rows(landing / "tickets_青禾县_2025-03.xlsx", TICKETS, rows, "xlsx")
    found = [f for f in check(jurisdiction="青禾县", landing=landing, today=TODAY) if "exports" in f.en]
    assert [(f.level, f.en) for f in found] == [
        (
            "warning",
            "unit '县新设局' in the exports (tickets_青禾县_2025-03.xlsx#导出数据) is neither registered nor an alias: "
            "add it to ref_units.csv or ref_unit_aliases.csv",
        )
    ]


def test_a_build_stops_on_configuration_errors(seeds):
    _edit(seeds, "cfg_scheme_components", lambda rows: [{**r, "weight": "1"} for r in rows])
    with pytest.raises(ConfigError, match="weights add up to"):
        require_valid(seeds)


def test_the_command_prints_both_languages_and_exits_1_on_an_unknown_jurisdiction():
    result = subprocess.run(
        [sys.executable, "-m", "hotline", "check-config", "--jurisdiction", "不存在县"],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "cfg_jurisdictions.csv 中没有这个区县 / no such jurisdiction" in result.stdout


def test_periods_listed_by_date(seeds):
    from hotline.periods import load_rules, period, period_of_day

    dates = seeds / "config" / "cfg_period_dates.csv"
    dates.write_text(
        "jurisdiction,period_label,first_day,last_day,note\n"
        "青禾县,2025-01,2025-01-01,2025-01-26,Spring Festival cut-off\n"
        "青禾县,2025-02,2025-01-27,2025-02-28,\n",
        encoding="utf-8",
    )
    rule = load_rules(seeds / "config" / "cfg_period_rules.csv")["青禾县"]
    assert (period(rule, "2025-02").first_day, period(rule, "2025-02").days) == (date(2025, 1, 27), 33)
    assert period_of_day(rule, date(2025, 1, 30)).label == "2025-02"
    assert _errors(seeds, jurisdiction="青禾县") == []
    # a listed period that leaves the 27th out: found
    dates.write_text(dates.read_text(encoding="utf-8").replace("2025-01-27,2025-02-28", "2025-01-28,2025-02-28"))
    assert _errors(seeds, jurisdiction="青禾县") == [
        "periods 2025-01 and 2025-02 leave 2025-01-27..2025-01-27 in no period "
        "and the rule does not declare a gap (cfg_period_rules.gap_declared)"
    ]
