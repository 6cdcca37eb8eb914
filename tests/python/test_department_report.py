"""A department's own monthly report: counts and rates only, a 合计 row, no scores, no ranks.

The department (青禾县住建局) is configured like any county, with a scheme without
components and no tiers; its fixture's expected unit table was written by hand
(tests/fixtures/department_report/README.md explains every number).
"""

from __future__ import annotations

import csv
from datetime import date

import docx
import pytest

from hotline.document.model import Table
from hotline.document.monthly import build
from hotline.document.writers import write
from tests.python.conftest import FIXTURES, build_warehouse, query

FIXTURE = FIXTURES / "department_report"
JURISDICTION, PERIOD = "青禾县住建局", "2025-03"


@pytest.fixture(scope="module")
def department_warehouse(tmp_path_factory):
    return build_warehouse(tmp_path_factory.mktemp("department"), FIXTURE / "landing")


def _expected() -> list[list[str]]:
    with open(FIXTURE / "expected" / "unit_table.csv", encoding="utf-8") as handle:
        return list(csv.reader(handle))


@pytest.mark.slow
def test_the_unit_table_with_its_total_row_is_the_hand_written_one(department_warehouse, tmp_path):
    document = build(department_warehouse, JURISDICTION, PERIOD, date(2025, 4, 8))
    tables = [b for b in document.blocks if isinstance(b, Table) and b.title == "三月份各单位办理情况表"]
    assert len(tables) == 1
    expected = _expected()
    assert [list(tables[0].header), *[list(row) for row in tables[0].rows]] == expected
    # and in the Word file an office opens, cell for cell
    paths = write(document, tmp_path, "青禾县住建局_2025-03_月报")
    word = docx.Document(str(paths["docx"])).tables
    assert [[cell.text for cell in row.cells] for row in word[-1].rows] == expected


@pytest.mark.slow
def test_no_scores_no_ranks_and_no_ranking_sections(department_warehouse):
    assert query(
        department_warehouse,
        "select count(*) from marts.fct_unit_period_scores where jurisdiction = ?",
        [JURISDICTION],
    ) == [(0,)]
    assert query(
        department_warehouse,
        "select count(*) from marts.fct_unit_period_rankings where jurisdiction = ?",
        [JURISDICTION],
    ) == [(0,)]
    text = build(department_warehouse, JURISDICTION, PERIOD, date(2025, 4, 8)).text()
    assert "3 月份，青禾县住建局承接的12345热线工单共受理各类承办事项 8 件" in text
    assert "前三名" not in text and "得分" not in text and "排名" not in text
