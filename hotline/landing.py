"""Landing: every export file in a folder into the warehouse's ``raw`` schema.

    python -m hotline.landing --dir landing/            # HOTLINE_EXPORTS_DIR by default

For each file (``.csv`` or ``.xlsx``), in name order:

1. its SHA-256 is computed; a file whose content was already loaded is skipped,
   so loading a folder twice changes nothing;
2. its encoding is detected from the bytes (BOM, then strict UTF-8, then
   GB18030), never from the name; GB18030/GBK and ``.xlsx`` are converted to a
   UTF-8 CSV first (hotline.export_files), because DuckDB's reader knows no other
   encodings here; a text file with a few lines in neither encoding is read
   record by record, those lines rejected with their byte offset;
3. its header row is mapped to the contract's English names (Chinese or English
   headers); an unknown header or a missing required column rejects the whole
   file with a message naming the file and the header;
4. DuckDB's own CSV reader writes it as text into one Parquet file of the lake
   (hotline.lake: ``raw/<table>/file_hash=<sha256>/``), every row keeping the
   file name, the content hash and its record number; the folder is moved into
   place in the transaction that records the file in ``raw.landed_files``, and
   ``raw.<table>`` reads the folders of recorded files only. When the reader
   meets a record it cannot read (a wrong number of fields, an unterminated
   quote, text after a closing quote, a huge field, undecodable bytes) the file
   is read again record by record (hotline.records): such records go to
   ``raw.rejected_rows`` (file, record number, reason, no content), which the
   quarantine model reads, and every other record lands.

A bad file never stops the good ones: all files are tried, then ``LandingError``
lists every file that was rejected and why.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb

from hotline.export_files import (
    EXPORTS,
    HEADER_SEARCH_ROWS,
    FileRejected,
    detect_encoding,
    file_format,
    file_sha256,
    header_position,
    likely_encoding,
    readable_copy,
    sheet_names,
    sweep_work,
    work_root,
)
from hotline.headers import is_known_header, map_header, read_header
from hotline.lake import lake_path, place, staging_folder
from hotline.raw_tables import ensure_raw_tables, try_fast, write_by_record
from hotline.records import damaged_text_encoding
from hotline.settings import duckdb_config, duckdb_path, exports_dir

WHAT_TO_DO = (
    "Every other file was landed. Fix the export and put it in the landing folder again (changed content "
    "is a new file), or leave it: the next runs skip it and build everything else. "
    "'python -m hotline rejected' lists rejected files; 'python -m hotline rejected --clear NAME' forgets one."
)


class LandingError(Exception):
    def __init__(self, failures: list[tuple[str, str]]):
        self.failures = failures
        lines = "\n".join(f"  {name}: {reason}" for name, reason in failures)
        super().__init__(f"{len(failures)} export file(s) rejected:\n{lines}\n{WHAT_TO_DO}")


@dataclass
class LandingReport:
    loaded: list[tuple[str, str, int, int]] = field(default_factory=list)  # name, contract, rows, rejected
    skipped: list[str] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)
    not_landed: list[tuple[str, str]] = field(default_factory=list)  # (file or file#sheet, why)
    still_rejected: list[tuple[str, str]] = field(default_factory=list)  # rejected by an earlier run, unchanged
    started_at: datetime | None = None  # the warehouse's clock when this landing began


def land_file(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    workroot: Path,
    lake: Path,
    sheet: str | None = None,
    name: str | None = None,
    start: int | None = None,
) -> tuple[str, int, int] | None:
    """Load one file (one sheet of a workbook); None when its content was loaded before.

    Raises FileRejected. Converted copies are written under ``workroot`` and removed
    whatever happens; the rows go to ``lake``. A sheet of a workbook with several lands as ``name`` with a
    content hash of its own (the file's hash and the sheet's name).
    """
    digest = file_sha256(path)
    if name is not None:
        digest = hashlib.sha256(f"{digest}#{sheet}".encode()).hexdigest()
    name = name or path.name
    if con.execute("select 1 from raw.landed_files where _file_hash = ?", [digest]).fetchone():
        return None
    refused = con.execute("select reason from raw.rejected_files where _file_hash = ?", [digest]).fetchone()
    if refused:
        raise StillRejected(refused[0])
    try:
        return _land_new(con, path, (workroot, lake), sheet, name, digest, start)
    except FileRejected as exc:
        con.execute(
            "insert or replace into raw.rejected_files values (?, ?, ?, current_timestamp)", [digest, name, str(exc)]
        )
        raise


class StillRejected(Exception):
    """The file's content was rejected by an earlier run and has not changed."""


def _land_new(con, path: Path, roots: tuple[Path, Path], sheet: str | None, name: str, digest: str, start):
    fmt = file_format(path)
    workroot, lake = roots
    with tempfile.TemporaryDirectory(prefix="file-", dir=workroot) as tmp:
        workdir = Path(tmp)
        # UTF-8 is checked by DuckDB's reader as it loads (invalid bytes come back as
        # rejects); Python decodes a whole file only when the first megabyte or DuckDB
        # says it is not UTF-8: then GB18030 is tried, and the file converted. A text
        # file with a few lines in neither is read record by record, those lines rejected.
        try:
            encoding = fmt if fmt != "csv" else likely_encoding(path)
            csv_path = readable_copy(path, fmt, encoding, workdir, sheet, start)
            source, source_encoding = (path, encoding) if csv_path == path else (csv_path, "utf-8")
        except FileRejected:
            damaged = damaged_text_encoding(path) if fmt == "csv" else None
            if damaged is None:
                raise
            encoding, csv_path, source, source_encoding = damaged, None, path, damaged
        try:
            skip, cells = read_header(source, source_encoding)
            contract, names = map_header(cells)
        except ValueError as exc:
            raise FileRejected(str(exc)) from None
        staging = staging_folder(lake)
        out = staging / "part-0.parquet"
        con.execute("begin transaction")
        try:
            rows, invalid_unicode = (
                try_fast(con, contract, names, csv_path, name, digest, out, skip) if csv_path else (None, False)
            )
            rejected = 0
            if rows is None:
                con.execute("rollback")
                con.execute("begin transaction")
                if invalid_unicode and encoding in ("utf-8", "utf-8-sig"):
                    encoding = detect_encoding(path)
                    csv_path = readable_copy(path, fmt, encoding, workdir)
                    source, source_encoding = csv_path, "utf-8"
                    rows, _ = try_fast(con, contract, names, csv_path, name, digest, out, skip)
                if rows is None:
                    con.execute("rollback")
                    con.execute("begin transaction")
                    rows, rejected = write_by_record(
                        con, contract, names, source, source_encoding, name, digest, workdir, out, skip
                    )
            con.execute(
                "insert into raw.landed_files values (?, ?, ?, ?, ?, ?, ?, current_timestamp)",
                [digest, name, contract.table, fmt, encoding, rows, rejected],
            )
            # in place before the commit: killed in between, the folder is one no landed file owns,
            # which raw.<table> does not read and the next landing sweeps
            place(staging, lake, contract.table, digest)
            con.execute("commit")
        except duckdb.Error as exc:
            con.execute("rollback")
            raise FileRejected(f"could not be read: {str(exc).splitlines()[0]}") from exc
        except Exception:
            con.execute("rollback")
            raise
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return contract.table, rows, rejected


def export_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in EXPORTS)


def other_files(folder: Path) -> list[Path]:
    """Files of the landing folder that are not exports (reported, never silently passed over)."""
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() not in EXPORTS)


def landing_units(path: Path, report: LandingReport) -> list[tuple[str | None, str | None, int | None]]:
    """(sheet, name, header row) of each part of a file that lands: the file itself, or each
    sheet of a workbook that has a header this warehouse knows (found once, here); other
    sheets are reported."""
    if file_format(path) == "csv":
        return [(None, None, None)]
    try:
        positions = {sheet: header_position(path, sheet, is_known_header) for sheet in sheet_names(path)}
    except Exception:  # not a workbook after all: land_file rejects it with the reason
        return [(None, None, None)]
    known = [(sheet, start) for sheet, start in positions.items() if start is not None]
    for sheet, start in positions.items():
        if start is None:
            why = f"no header this warehouse knows in its first {HEADER_SEARCH_ROWS} rows"
            report.not_landed.append((f"{path.name}#{sheet}", why))
    if len(known) <= 1:
        sheet, start = known[0] if known else (None, None)
        return [(sheet, None, start)]
    return [(sheet, f"{path.name}#{sheet}", start) for sheet, start in known]


def land_folder(folder: Path, database: Path | None = None, raise_on_failure: bool = True) -> LandingReport:
    """Load every new export file of ``folder``; raise LandingError listing rejected files."""
    if not folder.is_dir():
        raise LandingError([(str(folder), "landing folder does not exist")])
    database = database or duckdb_path()
    database.parent.mkdir(parents=True, exist_ok=True)
    report = LandingReport()
    sweep_work(database)
    workroot = work_root(database)
    lake = lake_path(database)
    con = duckdb.connect(str(database), config=duckdb_config())
    try:
        ensure_raw_tables(con, lake)
        report.started_at = con.execute("select cast(current_timestamp as timestamp)").fetchone()[0]
        for path in other_files(folder):
            report.not_landed.append((path.name, f"not an export ({', '.join(EXPORTS)})"))
        for path in export_files(folder):
            for sheet, name, start in landing_units(path, report):
                shown = name or path.name
                try:
                    outcome = land_file(con, path, workroot, lake, sheet, name, start)
                except StillRejected as exc:
                    report.still_rejected.append((shown, str(exc)))
                    continue
                except FileRejected as exc:
                    report.failures.append((shown, f"{shown} {exc}"))
                    continue
                if outcome is None:
                    report.skipped.append(shown)
                else:
                    report.loaded.append((shown, *outcome))
    finally:
        con.close()
    if report.failures and raise_on_failure:
        raise LandingError(report.failures)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Load export files from a landing folder into raw.*")
    parser.add_argument("--dir", type=Path, default=exports_dir(), help="default: $HOTLINE_EXPORTS_DIR")
    parser.add_argument("--database", type=Path, default=None, help="default: $HOTLINE_DUCKDB_PATH")
    args = parser.parse_args(argv)
    if args.dir is None:
        parser.error("give --dir or set HOTLINE_EXPORTS_DIR")
    report = land_folder(args.dir, args.database, raise_on_failure=False)
    for name, table, rows, rejected in report.loaded:
        print(f"loaded   {name} -> raw.{table}: {rows} rows, {rejected} malformed")
    for name, why in report.not_landed:
        print(f"NOT LANDED {name}: {why}", file=sys.stderr)
    for name, why in report.still_rejected:
        print(f"STILL REJECTED {name} (unchanged since it was rejected): {why}", file=sys.stderr)
    for name in report.skipped:
        print(f"skipped  {name} (already loaded)")
    for _, reason in report.failures:
        print(f"REJECTED {reason}", file=sys.stderr)
    return 1 if report.failures else 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONIOENCODING", "utf-8")
    raise SystemExit(main())
