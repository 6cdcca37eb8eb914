"""Property tests: exports with random damage lose no row.

Hypothesis writes ticket exports of a few clean records in a random encoding, line
ending and header shape (a title line above it, an empty trailing column), then
spoils random records in the ways real exports break: a quote never closed, text
after a closing quote, a field over the loader's limit, a long field under it, bytes
not in the encoding, a column too many or too few, an exact repeat, a 合计 line.

What each record must become is known from how the file was written, not from the
loader: damaged records rejected with their record numbers, every other record
landed with its number. After a dbt build of several such files the reconciliation
identity holds for each, with counts equal to the written ones: raw = records
written, staged + quarantined + duplicates + total rows = raw, the quarantined
records exactly the damaged ones, the repeats counted as duplicates and the 合计
lines as total rows.

``make test`` runs a few examples; ``make faults`` many more (HOTLINE_FAULT_EXAMPLES,
HOTLINE_FAULT_BUILDS).
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hotline.contract import TICKETS
from hotline.generate import CountyGenerator
from hotline.landing import land_folder
from hotline.records import MAX_FIELD_CHARS
from tests.python.conftest import build_warehouse, query

EXAMPLES = int(os.environ.get("HOTLINE_FAULT_EXAMPLES", "25"))  # exports landed
BUILDS = int(os.environ.get("HOTLINE_FAULT_BUILDS", "2"))  # folders of four damaged exports built
REJECTING = ("unterminated_quote", "text_after_quote", "huge_field", "bad_bytes", "extra_column", "missing_column")
LANDING = ("long_field", "duplicate", "total_row")
LABELS = [f"2024-{m:02d}" for m in range(1, 13)]
_POOL: dict[str, list[dict]] = {}


def _clean(label: str) -> list[dict]:
    if label not in _POOL:
        rows = list(CountyGenerator("青禾县", seed=23, tickets_per_period=40).export_rows(label, None))
        _POOL[label] = rows
    return _POOL[label]


@dataclass
class Export:
    data: bytes
    records: int  # what was written after the header, counted as it was written
    rejected: list[int]  # record numbers that must be rejected
    duplicates: int
    totals: int


def _line(values: list[str], trailing: bool) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow(values + ([""] if trailing else []))
    return buffer.getvalue()


@st.composite
def exports(draw, label: str, least: int = 0) -> Export:
    clean = _clean(label)
    count = draw(st.integers(min_value=3, max_value=min(20, len(clean))))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    titled, trailing = draw(st.booleans()), draw(st.booleans())
    kinds = draw(st.lists(st.sampled_from(REJECTING + LANDING), min_size=least, max_size=min(4, count - 1)))
    # one kind per record at most, never the first (it carries the file's shape for the fast path)
    spots = draw(st.lists(st.integers(1, count - 1), min_size=len(kinds), max_size=len(kinds), unique=True))
    damage = dict(zip(spots, kinds, strict=True))
    if list(damage.values()).count("huge_field") > 1:
        damage = {k: ("long_field" if v == "huge_field" else v) for k, v in damage.items()}
    lines: list[tuple[str, str]] = []  # (text, kind)
    duplicates = totals = 0
    for index, row in enumerate(clean[:count]):
        values = [row[c.name] for c in TICKETS.columns]
        kind = damage.get(index, "")
        if kind == "huge_field":
            values[TICKETS.names.index("content")] += "长" * (MAX_FIELD_CHARS + 1)
        elif kind == "long_field":
            values[TICKETS.names.index("content")] += "长" * 200_000
        elif kind == "extra_column":
            values.append("多出来的一列")
        elif kind == "missing_column":
            values.pop()
        text = _line(values, trailing)
        if kind == "unterminated_quote":
            text = text.replace(",", ',"', 1)
        elif kind == "text_after_quote":
            first, rest = text.split(",", 1)
            text = f'"{first}"x,{rest}'
        lines.append((text, kind))
        if kind == "duplicate":
            lines.append((text, "repeat"))
            duplicates += 1
        elif kind == "total_row":
            lines.append((_line(["合计"] + [""] * (len(values) - 1), trailing), "total"))
            totals += 1
    title = "12345工单明细表" + newline + newline if titled else ""
    head = title + _line([c.header_zh for c in TICKETS.columns], trailing) + newline
    data = bytearray(head.encode(encoding))
    rejected = []
    for number, (text, kind) in enumerate(lines, start=1):
        encoded = bytearray((text + newline).encode("gb18030" if encoding == "gb18030" else "utf-8"))
        if kind == "bad_bytes":
            encoded[1] = 0xFF  # inside the ticket id: never a byte of UTF-8 or GB18030
        if kind in REJECTING:
            rejected.append(number)
        data += encoded
    return Export(bytes(data), len(lines), rejected, duplicates, totals)


def _landed(database: Path) -> tuple[list[int], list[int]]:
    con = duckdb.connect(str(database), read_only=True)
    try:
        landed = [r for (r,) in con.execute("select _source_row from raw.ticket_exports order by 1").fetchall()]
        rejected = [r for (r,) in con.execute("select _source_row from raw.rejected_rows order by 1").fetchall()]
    finally:
        con.close()
    return landed, rejected


SLOW_OK = [HealthCheck.too_slow, HealthCheck.data_too_large]


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=SLOW_OK)
@given(export=exports("2024-03"))
def test_every_record_of_a_damaged_export_lands_or_is_rejected_with_its_number(export):
    with tempfile.TemporaryDirectory() as folder:
        landing = Path(folder) / "landing"
        landing.mkdir()
        (landing / "tickets_青禾县_damaged.csv").write_bytes(export.data)
        report = land_folder(landing, Path(folder) / "hotline.duckdb", raise_on_failure=False)
        assert not report.failures, report.failures
        landed, rejected = _landed(Path(folder) / "hotline.duckdb")
    assert rejected == export.rejected
    assert landed == [n for n in range(1, export.records + 1) if n not in export.rejected]


@pytest.mark.slow
@settings(
    max_examples=BUILDS,
    deadline=None,
    suppress_health_check=SLOW_OK,
)
@given(files=st.tuples(*(exports(label, least=1) for label in LABELS[:4])))
def test_damaged_exports_reconcile_after_a_build(files):
    with tempfile.TemporaryDirectory() as folder:
        landing = Path(folder) / "landing"
        landing.mkdir()
        names = {}
        for label, export in zip(LABELS, files, strict=False):
            name = f"tickets_青禾县_{label}.csv"
            (landing / name).write_bytes(export.data)
            names[name] = export
        database = build_warehouse(Path(folder), landing, {"HOTLINE_QUARANTINE_MAX_SHARE": "1"})
        rows = query(
            database,
            "select source_file, raw_rows, staged_rows, quarantined_rows, duplicate_rows, total_rows, reconciles "
            "from marts.fct_file_reconciliation order by 1",
        )
    damaged = sum(len(e.rejected) + e.duplicates + e.totals for e in files)
    print(f"built {len(files)} exports, {sum(e.records for e in files)} records, {damaged} damaged")
    assert sorted(r[0] for r in rows) == sorted(names)
    for name, raw, staged, quarantined, duplicates, totals, reconciles in rows:
        export = names[name]
        assert reconciles and raw == staged + quarantined + duplicates + totals
        assert (raw, quarantined, duplicates, totals) == (
            export.records,
            len(export.rejected),
            export.duplicates,
            export.totals,
        ), name
