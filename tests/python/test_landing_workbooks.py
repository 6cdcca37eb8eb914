"""Workbooks and headers as platforms write them: several sheets, .xls, a title row above
the header, numbers for ticket ids, trailing empty columns, and files that are not exports.

Expected rows are counted from what the test wrote, not by the loader.
"""

from __future__ import annotations

import duckdb
import openpyxl
import pytest
import xlwt

from hotline.contract import TICKETS
from hotline.generate import CountyGenerator
from hotline.landing import land_folder

HEADERS = [c.header_zh for c in TICKETS.columns]


def _rows(count: int, seed: int = 21) -> list[list[str]]:
    county = CountyGenerator("青禾县", seed=seed, tickets_per_period=max(count, 40))
    rows = list(county.export_rows("2025-03", None))[:count]
    return [[row[c.name] for c in TICKETS.columns] for row in rows]


def _land(folder, database):
    report = land_folder(folder, database, raise_on_failure=False)
    con = duckdb.connect(str(database), read_only=True)
    try:
        files = con.execute("select _source_file, row_count, file_format from raw.landed_files order by 1").fetchall()
        ids = con.execute("select _source_file, ticket_id from raw.ticket_exports order by 1, _source_row").fetchall()
    finally:
        con.close()
    return report, files, ids


def test_every_sheet_with_a_header_lands_and_the_others_are_reported(tmp_path):
    folder = tmp_path / "landing"
    folder.mkdir()
    first, second = _rows(5), _rows(7, seed=22)
    book = openpyxl.Workbook()
    book.active.title = "三月上"
    for row in [HEADERS, *first]:
        book.active.append(row)
    sheet = book.create_sheet("三月下")
    sheet.append(["12345工单明细表"])  # a title row and a blank row above the header
    sheet.append([])
    for row in [HEADERS, *second]:
        sheet.append(row)
    book.create_sheet("说明").append(["本表由平台导出"])
    book.save(folder / "工单.xlsx")
    (folder / "说明.txt").write_text("readme", encoding="utf-8")
    report, files, ids = _land(folder, tmp_path / "hotline.duckdb")
    assert files == [("工单.xlsx#三月上", 5, "xlsx"), ("工单.xlsx#三月下", 7, "xlsx")]
    assert [i for f, i in ids if f.endswith("三月下")] == [r[0] for r in second]
    assert sorted(name for name, _ in report.not_landed) == ["工单.xlsx#说明", "说明.txt"]
    assert not report.failures


def test_xls_lands_and_numeric_ticket_ids_are_never_rounded(tmp_path):
    folder = tmp_path / "landing"
    folder.mkdir()
    rows = _rows(4)
    book = xlwt.Workbook()
    sheet = book.add_sheet("工单")
    for c, text in enumerate(HEADERS):
        sheet.write(0, c, text)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            # the second ticket's 18-digit id typed in as a number: Excel keeps it as a rounded double
            sheet.write(r, c, float(value) if (r, c) == (2, 0) else value)
    book.save(str(folder / "old_platform.xls"))
    _, files, ids = _land(folder, tmp_path / "hotline.duckdb")
    assert files == [("old_platform.xls", 4, "xls")]
    landed = [i for _, i in ids]
    assert landed[0] == rows[0][0] and landed[2:] == [rows[2][0], rows[3][0]]
    # the rounded number is passed on as a float, never as digits that name another ticket
    assert landed[1] != rows[1][0] and not landed[1].isdigit() and "e+17" in landed[1]


@pytest.mark.parametrize(
    ("header_change", "problem"),
    [
        (lambda h: [*h, "", ""], None),  # a trailing comma (or two) on every line: ignored
        (lambda h: [*h[:3], "", *h[4:]], "without a header at position(s) 4"),
        (lambda h: [*h, h[8]], "has a column twice: 承办单位 (unit_name)"),
    ],
)
def test_headers_with_gaps_and_repeats(tmp_path, header_change, problem):
    folder = tmp_path / "landing"
    folder.mkdir()
    header = header_change(list(HEADERS))
    extra = len(header) - len(HEADERS)
    lines = [",".join(header)] + [",".join(row + [""] * extra) for row in _rows(3)]
    (folder / "tickets.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    report, files, _ = _land(folder, tmp_path / "hotline.duckdb")
    if problem is None:
        assert files == [("tickets.csv", 3, "csv")] and not report.failures
    else:
        assert files == [] and problem in report.failures[0][1]
