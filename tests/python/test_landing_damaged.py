"""Damaged exports land record by record: the bad record is rejected with its number and
reason, every other record lands, and nothing is lost.

Each file is written here one record per line, so the independent count of its
records is its number of lines less the header (read as bytes, not by the loader).
"""

from __future__ import annotations

import csv
import io

import duckdb
import pytest

from hotline.contract import TICKETS
from hotline.generate import CountyGenerator
from hotline.landing import land_folder


def _lines(count: int) -> list[str]:
    """``count`` clean records of the ticket contract, one line each (no newline in any field)."""
    county = CountyGenerator("青禾县", seed=11, tickets_per_period=max(count, 40))
    rows = []
    for label in ("2025-01", "2025-02", "2025-03", "2025-04"):
        rows += list(county.export_rows(label, None))
    assert len(rows) >= count
    out = []
    for row in rows[:count]:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerow([row[c.name] for c in TICKETS.columns])
        out.append(buffer.getvalue())
    return out


HEADER = ",".join(c.header_zh for c in TICKETS.columns) + "\n"


def _land(tmp_path, name: str, data: bytes):
    folder = tmp_path / "landing"
    folder.mkdir(exist_ok=True)
    (folder / name).write_bytes(data)
    database = tmp_path / "hotline.duckdb"
    report = land_folder(folder, database, raise_on_failure=False)
    con = duckdb.connect(str(database), read_only=True)
    try:
        landed = con.execute("select _source_row from raw.ticket_exports order by 1").fetchall()
        rejected = con.execute("select _source_row, reason from raw.rejected_rows order by 1").fetchall()
    finally:
        con.close()
    records = data.count(b"\n") - 1  # the independent count: one record per line after the header
    assert not report.failures, report.failures
    assert len(landed) + len(rejected) == records
    return [r for (r,) in landed], rejected


def _spoil(lines: list[str], at: int, change) -> list[str]:
    spoilt = list(lines)
    spoilt[at - 1] = change(spoilt[at - 1])
    return spoilt


@pytest.mark.parametrize("count", [12, 3000])
def test_an_unterminated_quote_rejects_its_record_only(tmp_path, count):
    at = count - count // 4
    lines = _spoil(_lines(count), at, lambda line: line.replace(",", ',"', 3))
    landed, rejected = _land(tmp_path, "quote.csv", (HEADER + "".join(lines)).encode())
    assert [r for r, _ in rejected] == [at] and "never closed" in rejected[0][1]
    assert landed == [n for n in range(1, count + 1) if n != at]


def test_text_after_a_closing_quote_rejects_its_record_only(tmp_path):
    lines = _spoil(_lines(10), 4, lambda line: '"' + line.split(",", 1)[0] + '"x,' + line.split(",", 1)[1])
    landed, rejected = _land(tmp_path, "after_quote.csv", (HEADER + "".join(lines)).encode())
    assert [r for r, _ in rejected] == [4] and "quoting" in rejected[0][1]
    assert len(landed) == 9


def test_huge_fields_and_a_broken_quote_in_one_file(tmp_path):
    """A field over the csv module's 131,072 characters once crashed landing: it lands now;
    one over 1,000,000 is rejected with its size; an unterminated quote loses one record."""
    lines = _lines(40)
    lines = _spoil(lines, 5, lambda line: line.replace("问题，希望尽快处理", "问题" + "长" * 200_000, 1))
    lines = _spoil(lines, 20, lambda line: line.replace("问题，希望尽快处理", "问题" + "长" * 3_000_000, 1))
    lines = _spoil(lines, 30, lambda line: line.replace(",", ',"', 1))
    landed, rejected = _land(tmp_path, "huge.csv", (HEADER + "".join(lines)).encode())
    assert [r for r, _ in rejected] == [20, 30]
    assert "3000" in rejected[0][1] and "more than 1000000" in rejected[0][1]
    assert 5 in landed and len(landed) == 38


def test_gbk_with_two_invalid_bytes_rejects_two_records(tmp_path):
    lines = _lines(30)
    data = (HEADER + "".join(lines)).encode("gb18030")
    encoded = [line.encode("gb18030") for line in lines]
    header_bytes = len(HEADER.encode("gb18030"))
    # inside the ticket ids (ASCII digits), so the bad byte starts the bad sequence
    bad = {7: header_bytes + sum(map(len, encoded[:6])) + 2, 22: header_bytes + sum(map(len, encoded[:21])) + 5}
    spoilt = bytearray(data)
    for offset in bad.values():
        spoilt[offset] = 0xFF  # never a byte of GB18030
    landed, rejected = _land(tmp_path, "gbk.csv", bytes(spoilt))
    assert [r for r, _ in rejected] == [7, 22]
    for (_, reason), offset in zip(rejected, bad.values(), strict=True):
        assert f"byte offset {offset}" in reason and "gb18030" in reason
    assert len(landed) == 28
