"""File-level problems and idempotency of the landing loader (no dbt needed).

A file-level problem rejects that file with a message naming the file and the
header or reason; the other files of the folder are still loaded. Loading a
folder twice changes nothing.
"""

from __future__ import annotations

import csv
import shutil

import duckdb
import pytest

from hotline.contract import TICKETS
from hotline.generate import CountyGenerator, write_rows
from hotline.landing import LandingError, land_folder


def good_rows(label="2024-06", count=5):
    rows = []
    for row in CountyGenerator("青禾县", seed=5, tickets_per_period=20).export_rows(label, None):
        rows.append(row)
        if len(rows) == count:
            return rows
    return rows


def write_with_headers(path, headers, rows):
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers)
        for row in rows:
            writer.writerow([row.get(n, "") for n in TICKETS.names][: len(headers)])


def raw_count(database, table="ticket_exports"):
    con = duckdb.connect(str(database), read_only=True)
    try:
        return con.execute(f"select count(*) from raw.{table}").fetchone()[0]
    finally:
        con.close()


@pytest.fixture
def folder(tmp_path):
    landing = tmp_path / "landing"
    landing.mkdir()
    write_rows(landing / "tickets_青禾县_good.csv", TICKETS, good_rows(), "csv")
    return landing


def test_misspelt_header_rejects_the_file_and_names_the_header(folder, tmp_path):
    headers = [c.header_zh for c in TICKETS.columns]
    headers[2] = "受理时闻"  # 间 misspelt
    write_with_headers(folder / "tickets_misspelt.csv", headers, good_rows("2024-07"))
    with pytest.raises(LandingError) as error:
        land_folder(folder, tmp_path / "w.duckdb")
    message = str(error.value)
    assert "tickets_misspelt.csv" in message and "受理时闻" in message
    assert raw_count(tmp_path / "w.duckdb") == 5  # the good file is loaded all the same


def test_missing_required_column_names_the_file_and_the_column(folder, tmp_path):
    headers = [c.header_zh for c in TICKETS.columns if c.name != "unit_name"]
    names = [c.name for c in TICKETS.columns if c.name != "unit_name"]
    path = folder / "tickets_no_unit.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers)
        for row in good_rows("2024-08"):
            writer.writerow([row[n] for n in names])
    with pytest.raises(LandingError) as error:
        land_folder(folder, tmp_path / "w.duckdb")
    assert "tickets_no_unit.csv" in str(error.value) and "承办单位" in str(error.value)


def test_english_headers_are_accepted(folder, tmp_path):
    write_rows(folder / "tickets_english.csv", TICKETS, good_rows("2024-09"), "csv", english_headers=True)
    report = land_folder(folder, tmp_path / "w.duckdb")
    assert sorted(name for name, *_ in report.loaded) == ["tickets_english.csv", "tickets_青禾县_good.csv"]
    assert raw_count(tmp_path / "w.duckdb") == 10


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("tickets_utf16.csv", "工单编号,所属区县\n1,2\n".encode("utf-16"), "UTF-16"),
        ("tickets_binary.csv", b"\x80\xff\xfe\x00garbage\xff", "neither UTF-8 nor GB18030"),
        ("tickets_empty.csv", b"", "empty"),
        ("tickets_unknown.csv", "名称,数量\n甲,1\n".encode(), "no header this warehouse knows"),
    ],
)
def test_whole_file_problems_name_the_file(folder, tmp_path, name, content, reason):
    (folder / name).write_bytes(content)
    with pytest.raises(LandingError) as error:
        land_folder(folder, tmp_path / "w.duckdb")
    assert name in str(error.value) and reason in str(error.value)
    assert raw_count(tmp_path / "w.duckdb") == 5


def test_loading_twice_changes_nothing(folder, tmp_path):
    database = tmp_path / "w.duckdb"
    first = land_folder(folder, database)
    assert len(first.loaded) == 1
    shutil.copy(folder / "tickets_青禾县_good.csv", folder / "tickets_青禾县_same_content_new_name.csv")
    second = land_folder(folder, database)
    assert second.loaded == [] and len(second.skipped) == 2
    assert raw_count(database) == 5
    assert raw_count(database, "landed_files") == 1


def test_every_row_keeps_file_hash_and_record_number(folder, tmp_path):
    database = tmp_path / "w.duckdb"
    land_folder(folder, database)
    con = duckdb.connect(str(database), read_only=True)
    rows = con.execute(
        "select _source_file, length(_file_hash), list(_source_row order by _source_row) from raw.ticket_exports "
        "group by all"
    ).fetchall()
    con.close()
    assert rows == [("tickets_青禾县_good.csv", 64, [1, 2, 3, 4, 5])]
