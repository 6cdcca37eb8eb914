"""Converted copies of exports (plain UTF-8, personal data in them) never outlive a landing.

They are written beside the warehouse in a folder only its owner can read, never
in the system temp folder, removed whatever happens, and swept by the next run
when a killed run left them.
"""

from __future__ import annotations

import stat
import tempfile

from hotline import export_files as loader
from hotline.generate import generate
from hotline.landing import land_folder


def test_converted_copies_stay_beside_the_warehouse_and_go(tmp_path, monkeypatch):
    system_temp = tmp_path / "system-temp"
    system_temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(system_temp))
    landing, database = tmp_path / "landing", tmp_path / "wh" / "hotline.duckdb"
    generate(landing, first_period="2025-01", periods=1, tickets_per_period=20, fmt="gb18030", seed=3)
    (landing / "broken.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    # what a landing killed half-way left behind
    work = database.parent / ".landing-work"
    (work / "file-killed").mkdir(parents=True)
    (work / "file-killed" / "converted.csv").write_text("王伟,13812345678\n", encoding="utf-8")
    written = []
    convert = loader._to_utf8_csv

    def recording(*args):
        written.append(convert(*args))
        return written[-1]

    monkeypatch.setattr(loader, "_to_utf8_csv", recording)
    report = land_folder(landing, database, raise_on_failure=False)
    assert written and all(work in path.parents for path in written)  # where the copies were while they lived
    assert [name for name, *_ in report.loaded] and report.failures  # GB18030 converted; the workbook refused
    assert list(system_temp.iterdir()) == []
    assert list(work.iterdir()) == []  # the leftover swept, this run's copies removed
    assert stat.S_IMODE(work.stat().st_mode) == 0o700
