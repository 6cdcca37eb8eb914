"""Export files shaped as real platforms write them, for the bad-input corpus: a workbook
with two ticket sheets (one under a title row) and a sheet that is not an export, an
.xls, a CSV under a title line with a 合计 line, a GB18030 file with a bad byte, an
unterminated quote, a field over the loader's limit next to a long one under it.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import xlwt

from hotline.contract import TICKETS

ROWS = 6  # clean rows given per period


def _line(values: list[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(values)
    return buffer.getvalue()


def write_platform_shapes(landing: Path, rows: dict[str, list[list[str]]]) -> dict[str, str]:
    """Files shaped as platforms write them, each from the clean rows (six) of its own period;
    SHAPES says what each must reconcile to, counted from how it was written."""
    headers = [c.header_zh for c in TICKETS.columns]
    book = openpyxl.Workbook()
    book.active.title = "三月上"
    for row in [headers, *rows["2022-05"][:4]]:
        book.active.append(row)
    sheet = book.create_sheet("三月下")
    sheet.append(["12345工单明细表"])
    sheet.append([])
    for row in [headers, *rows["2022-06"][:3]]:
        sheet.append(row)
    book.create_sheet("说明").append(["本表由平台导出"])
    book.save(landing / "tickets_青禾县_corpus_sheets.xlsx")
    old = xlwt.Workbook()
    sheet = old.add_sheet("工单")
    for r, row in enumerate([headers, *rows["2022-07"][:5]]):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    old.save(str(landing / "tickets_青禾县_corpus_old.xls"))
    total = ["合计", *[""] * (len(headers) - 1)]
    text = "12345工单明细表\n\n" + "".join(_line(r) for r in [headers, *rows["2022-08"], total])
    (landing / "tickets_青禾县_corpus_title_total.csv").write_text(text, encoding="utf-8")
    lines = [_line(r).encode("gb18030") for r in rows["2022-09"]]
    lines[2] = b"\xff" + lines[2][1:]  # never a byte of GB18030
    (landing / "tickets_青禾县_corpus_gbk_bad.csv").write_bytes(_line(headers).encode("gb18030") + b"".join(lines))
    quoted = [_line(r) for r in rows["2022-10"]]
    quoted[2] = quoted[2].replace(",", ',"', 1)
    (landing / "tickets_青禾县_corpus_quote.csv").write_text(_line(headers) + "".join(quoted), encoding="utf-8")
    content = TICKETS.names.index("content")
    huge = [list(r) for r in rows["2022-11"]]
    huge[1][content] += "长" * 1_000_001
    huge[3][content] += "长" * 200_000
    (landing / "tickets_青禾县_corpus_huge.csv").write_text(
        "".join(_line(r) for r in [headers, *huge]), encoding="utf-8"
    )
    return {name: name for name in SHAPES}


SHAPE_LABELS = ("2022-05", "2022-06", "2022-07", "2022-08", "2022-09", "2022-10", "2022-11")
# file (or file#sheet) -> (raw, staged, quarantined, duplicates, 合计 rows), from how it was written
SHAPES = {
    "tickets_青禾县_corpus_sheets.xlsx#三月上": (4, 4, 0, 0, 0),
    "tickets_青禾县_corpus_sheets.xlsx#三月下": (3, 3, 0, 0, 0),
    "tickets_青禾县_corpus_old.xls": (5, 5, 0, 0, 0),
    "tickets_青禾县_corpus_title_total.csv": (ROWS + 1, ROWS, 0, 0, 1),
    "tickets_青禾县_corpus_gbk_bad.csv": (ROWS, ROWS - 1, 1, 0, 0),
    "tickets_青禾县_corpus_quote.csv": (ROWS, ROWS - 1, 1, 0, 0),
    "tickets_青禾县_corpus_huge.csv": (ROWS, ROWS - 1, 1, 0, 0),
}
