"""Landing: every export file in a folder into the warehouse's ``raw`` schema.

    python -m hotline.landing --dir landing/            # HOTLINE_EXPORTS_DIR by default

For each file (``.csv`` or ``.xlsx``), in name order:

1. its SHA-256 is computed; a file whose content was already loaded is skipped,
   so loading a folder twice changes nothing;
2. its encoding is detected from the bytes (BOM, then strict UTF-8, then
   GB18030), never from the name; GB18030/GBK and ``.xlsx`` are converted to a
   UTF-8 CSV first, because DuckDB's reader knows no other encodings here;
3. its header row is mapped to the contract's English names (Chinese or English
   headers); an unknown header or a missing required column rejects the whole
   file with a message naming the file and the header;
4. DuckDB's own CSV reader loads it as text, every row keeping the file name,
   the content hash and its record number. A malformed record (wrong number of
   fields) is never dropped: the file is then re-read record by record and the
   malformed records go to ``raw.rejected_rows`` (file, record number, reason,
   no content), which the quarantine model reads.

A bad file never stops the good ones: all files are tried, then ``LandingError``
lists every file that was rejected and why.
"""

from __future__ import annotations

import argparse
import codecs
import csv
import hashlib
import os
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import duckdb

from hotline.contract import CONTRACTS, Contract, contract_for_headers
from hotline.settings import duckdb_config, duckdb_path, exports_dir

CHUNK = 1 << 20
LANDED_FILES_DDL = """
create table if not exists raw.landed_files (
    _file_hash varchar primary key,
    _source_file varchar not null,
    contract varchar not null,
    file_format varchar not null,
    encoding varchar not null,
    row_count bigint not null,
    rejected_count bigint not null,
    _loaded_at timestamp not null
)"""
REJECTED_ROWS_DDL = """
create table if not exists raw.rejected_rows (
    _source_file varchar not null,
    _file_hash varchar not null,
    _source_row bigint not null,
    contract varchar not null,
    reason varchar not null,
    _loaded_at timestamp not null
)"""


class FileRejected(Exception):
    """A whole file cannot be loaded; the message names the file and the reason."""


class LandingError(Exception):
    def __init__(self, failures: list[tuple[str, str]]):
        self.failures = failures
        lines = "\n".join(f"  {name}: {reason}" for name, reason in failures)
        super().__init__(f"{len(failures)} export file(s) rejected:\n{lines}")


@dataclass
class LandingReport:
    loaded: list[tuple[str, str, int, int]] = field(default_factory=list)  # name, contract, rows, rejected
    skipped: list[str] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _decodes(path: Path, encoding: str, skip: int = 0) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    try:
        with open(path, "rb") as handle:
            handle.read(skip)
            while chunk := handle.read(CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def detect_encoding(path: Path) -> str:
    """``utf-8-sig``, ``utf-8`` or ``gb18030``, read off the bytes of the whole file."""
    with open(path, "rb") as handle:
        head = handle.read(4)
    if head.startswith(codecs.BOM_UTF8):
        if not _decodes(path, "utf-8", skip=3):
            raise FileRejected("starts with a UTF-8 byte-order mark but is not valid UTF-8")
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise FileRejected("is UTF-16; export it as UTF-8 or GB18030 (GBK) CSV")
    if _decodes(path, "utf-8"):
        return "utf-8"
    if _decodes(path, "gb18030"):
        return "gb18030"
    raise FileRejected("is neither UTF-8 nor GB18030/GBK text (wrong encoding or not a CSV)")


def _likely_encoding(path: Path) -> str:
    """The encoding to try first: from the BOM, else UTF-8 if the first megabyte decodes as UTF-8."""
    with open(path, "rb") as handle:
        head = handle.read(CHUNK)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise FileRejected("is UTF-16; export it as UTF-8 or GB18030 (GBK) CSV")
    try:
        codecs.getincrementaldecoder("utf-8")(errors="strict").decode(head, final=False)
    except UnicodeDecodeError:
        return detect_encoding(path)
    return "utf-8"


def _readable_copy(path: Path, file_format: str, encoding: str, workdir: Path) -> Path:
    """The file itself when DuckDB can read it, else a UTF-8 CSV copy of it."""
    if file_format == "csv" and encoding in ("utf-8", "utf-8-sig"):
        return path
    try:
        return _to_utf8_csv(path, file_format, encoding, workdir)
    except Exception as exc:  # a broken workbook, say
        raise FileRejected(f"cannot be read as {file_format}: {exc}") from exc


def _rejects_include(con, error_type: str) -> bool:
    return bool(con.execute("select count(*) from landing_rejects where error_type = ?", [error_type]).fetchone()[0])


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _xlsx_rows(path: Path):
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_path(str(path))
    sheet = workbook.get_sheet_by_index(0)
    for row in sheet.iter_rows():
        yield [_cell(v) for v in row]


def _to_utf8_csv(path: Path, file_format: str, encoding: str, workdir: Path) -> Path:
    """A UTF-8 copy of the file for DuckDB's reader (streamed, constant memory)."""
    target = workdir / "converted.csv"
    if file_format == "xlsx":
        with open(target, "w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            for row in _xlsx_rows(path):
                writer.writerow(row)
        return target
    with open(path, encoding=encoding, newline="") as src, open(target, "w", encoding="utf-8", newline="") as out:
        while chunk := src.read(CHUNK):
            out.write(chunk)
    return target


def _read_header(path: Path) -> list[str]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        try:
            return next(csv.reader(handle))
        except StopIteration:
            raise FileRejected("is empty (no header row)") from None


def map_header(headers: list[str]) -> tuple[Contract, list[str]]:
    """The contract the file follows and the English name of each of its columns."""
    cleaned = [h.strip().lstrip("\ufeff") for h in headers]
    contract = contract_for_headers(cleaned)
    if contract is None:
        raise FileRejected(f"has no header this warehouse knows: {', '.join(cleaned[:6])} ...")
    known = contract.header_map()
    unknown = [h for h in cleaned if h not in known]
    if unknown:
        raise FileRejected(f"has header(s) nobody knows for the {contract.table} contract: {', '.join(unknown)}")
    names = [known[h] for h in cleaned]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise FileRejected(f"has a column twice: {', '.join(repeated)}")
    missing = [c.header_zh + f" ({c.name})" for c in contract.columns if c.required and c.name not in names]
    if missing:
        raise FileRejected(f"is missing required column(s): {', '.join(missing)}")
    return contract, names


def ensure_raw_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Create the raw tables the loader writes (text columns plus lineage)."""
    con.execute("create schema if not exists raw")
    exists = con.execute(
        "select count(*) from information_schema.tables where table_schema = 'raw' and table_name = 'landed_files'"
    ).fetchone()[0]
    if not exists:
        # tables left by ``dbt seed`` (the embedded sample) are replaced by landed files
        for table in [c.table for c in CONTRACTS] + ["rejected_rows"]:
            con.execute(f"drop table if exists raw.{table}")
    for contract in CONTRACTS:
        columns = ", ".join(f"{name} varchar" for name in contract.names)
        con.execute(
            f"create table if not exists raw.{contract.table} ({columns}, _source_file varchar, "
            "_file_hash varchar, _source_row bigint, _loaded_at timestamp)"
        )
    con.execute(LANDED_FILES_DDL)
    con.execute(REJECTED_ROWS_DDL)


def _insert_fast(con, contract: Contract, names: list[str], csv_path: Path, name: str, digest: str) -> int | None:
    """One pass of DuckDB's reader straight into the raw table; None when it met a malformed record.

    The caller runs this in a transaction and rolls it back on None, then re-reads
    the file record by record.
    """
    select = ", ".join(n if n in names else f"null as {n}" for n in contract.names)
    inserted = con.execute(
        f"insert into raw.{contract.table} select {select}, ? as _source_file, ? as _file_hash, "
        "row_number() over () as _source_row, current_timestamp as _loaded_at from read_csv("
        "?, header = true, all_varchar = true, delim = ',', quote = '\"', escape = '\"', "
        "names = ?, store_rejects = true, rejects_table = 'landing_rejects', rejects_scan = 'landing_scans')",
        [name, digest, str(csv_path), names],
    ).fetchone()[0]
    if con.execute("select count(*) from landing_rejects").fetchone()[0]:
        return None
    return inserted


def _insert_batch(con, contract: Contract, names: list[str], name: str, digest: str) -> None:
    select = ", ".join(name_ if name_ in names else f"null as {name_}" for name_ in contract.names)
    con.execute(
        f"insert into raw.{contract.table} select {select}, ? as _source_file, ? as _file_hash, "
        "_source_row, current_timestamp as _loaded_at from landing_batch",
        [name, digest],
    )


def _insert_by_record(con, contract, names, csv_path: Path, name: str, digest: str, workdir: Path):
    """Slow path: Python's CSV reader, record by record; malformed records are set aside."""
    good = workdir / "good.csv"
    rejected: list[tuple[int, str]] = []
    width = len(names)
    with open(csv_path, encoding="utf-8", newline="") as src, open(good, "w", encoding="utf-8", newline="") as out:
        reader = csv.reader(src)
        writer = csv.writer(out)
        next(reader)
        writer.writerow([*names, "_source_row"])
        for number, record in enumerate(reader, start=1):
            if len(record) == width:
                writer.writerow([*record, number])
            else:
                rejected.append((number, f"malformed record: {len(record)} fields where the header has {width}"))
    con.execute("drop table if exists temp.landing_batch")
    con.execute(
        "create temp table landing_batch as select * from read_csv(?, header = true, all_varchar = true, "
        "delim = ',', quote = '\"', escape = '\"')",
        [str(good)],
    )
    con.execute("alter table landing_batch alter _source_row type bigint")
    _insert_batch(con, contract, names, name, digest)
    for number, reason in rejected:
        con.execute(
            "insert into raw.rejected_rows values (?, ?, ?, ?, ?, current_timestamp)",
            [name, digest, number, contract.table, reason],
        )
    return con.execute("select count(*) from landing_batch").fetchone()[0], len(rejected)


def land_file(con: duckdb.DuckDBPyConnection, path: Path) -> tuple[str, int, int] | None:
    """Load one file; None when its content was loaded before. Raises FileRejected."""
    digest = file_sha256(path)
    if con.execute("select 1 from raw.landed_files where _file_hash = ?", [digest]).fetchone():
        return None
    file_format = "xlsx" if path.suffix.lower() == ".xlsx" else "csv"
    with tempfile.TemporaryDirectory(prefix="hotline-landing-") as tmp:
        workdir = Path(tmp)
        # UTF-8 is checked by DuckDB's reader as it loads (invalid bytes come back as
        # rejects); Python decodes a whole file only when the first megabyte or DuckDB
        # says it is not UTF-8: then GB18030 is tried, and the file converted
        encoding = "xlsx" if file_format == "xlsx" else _likely_encoding(path)
        csv_path = _readable_copy(path, file_format, encoding, workdir)
        contract, names = map_header(_read_header(csv_path))
        con.execute("begin transaction")
        try:
            rows = _insert_fast(con, contract, names, csv_path, path.name, digest)
            rejected = 0
            if rows is None:
                invalid_unicode = _rejects_include(con, "INVALID UNICODE")
                con.execute("rollback")
                con.execute("begin transaction")
                if invalid_unicode and encoding in ("utf-8", "utf-8-sig"):
                    encoding = detect_encoding(path)
                    csv_path = _readable_copy(path, file_format, encoding, workdir)
                    rows = _insert_fast(con, contract, names, csv_path, path.name, digest)
                if rows is None:
                    con.execute("rollback")
                    con.execute("begin transaction")
                    rows, rejected = _insert_by_record(con, contract, names, csv_path, path.name, digest, workdir)
            con.execute(
                "insert into raw.landed_files values (?, ?, ?, ?, ?, ?, ?, current_timestamp)",
                [digest, path.name, contract.table, file_format, encoding, rows, rejected],
            )
            con.execute("commit")
        except duckdb.Error as exc:
            con.execute("rollback")
            raise FileRejected(f"could not be read: {str(exc).splitlines()[0]}") from exc
        except Exception:
            con.execute("rollback")
            raise
    return contract.table, rows, rejected


def export_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in (".csv", ".xlsx"))


def land_folder(folder: Path, database: Path | None = None, raise_on_failure: bool = True) -> LandingReport:
    """Load every new export file of ``folder``; raise LandingError listing rejected files."""
    if not folder.is_dir():
        raise LandingError([(str(folder), "landing folder does not exist")])
    database = database or duckdb_path()
    database.parent.mkdir(parents=True, exist_ok=True)
    report = LandingReport()
    con = duckdb.connect(str(database), config=duckdb_config())
    try:
        ensure_raw_tables(con)
        for path in export_files(folder):
            try:
                outcome = land_file(con, path)
            except FileRejected as exc:
                report.failures.append((path.name, f"{path.name} {exc}"))
                continue
            if outcome is None:
                report.skipped.append(path.name)
            else:
                report.loaded.append((path.name, *outcome))
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
    for name in report.skipped:
        print(f"skipped  {name} (already loaded)")
    for _, reason in report.failures:
        print(f"REJECTED {reason}", file=sys.stderr)
    return 1 if report.failures else 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONIOENCODING", "utf-8")
    raise SystemExit(main())
