"""Reading export files as they come: content hash, encoding, workbooks, a UTF-8 copy.

The encoding is read off the bytes (BOM, then strict UTF-8, then GB18030/GBK),
never off the name; DuckDB's reader knows only UTF-8 here, so GB18030 files and
workbooks are converted to a UTF-8 CSV first (streamed, constant memory).
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import shutil
from datetime import date, datetime
from pathlib import Path

from hotline.contract import contract_for_headers

CHUNK = 1 << 20


class FileRejected(Exception):
    """A whole file cannot be loaded; the message names the file and the reason."""


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


def likely_encoding(path: Path) -> str:
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


WORKBOOKS = (".xlsx", ".xls")
EXPORTS = (".csv", *WORKBOOKS)
HEADER_SEARCH_ROWS = 10  # a workbook's header may sit below a title row and blank rows
EXACT_INTEGERS = 2**53  # past this a number cell is a rounded double: its digits are not the ticket's


def file_format(path: Path) -> str:
    return path.suffix.lower().lstrip(".") if path.suffix.lower() in WORKBOOKS else "csv"


def readable_copy(
    path: Path, fmt: str, encoding: str, workdir: Path, sheet: str | None = None, start: int | None = None
) -> Path:
    """The file itself when DuckDB can read it, else a UTF-8 CSV copy of it (of one sheet of a
    workbook, from its header row ``start`` on: found here when the caller has not found it)."""
    if fmt == "csv" and encoding in ("utf-8", "utf-8-sig"):
        return path
    try:
        return _to_utf8_csv(path, fmt, encoding, workdir, sheet, start)
    except Exception as exc:  # a broken workbook, say
        raise FileRejected(f"cannot be read as {fmt}: {exc}") from exc


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        # a long number typed into Excel is stored rounded (15 significant digits): never pass a
        # rounded value on as if exact; written as a float it fails the ticket-id check instead
        return str(int(value)) if abs(value) < EXACT_INTEGERS else repr(value)
    if isinstance(value, int) and abs(value) >= EXACT_INTEGERS:
        return str(value)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def sheet_names(path: Path) -> list[str]:
    from python_calamine import CalamineWorkbook

    return list(CalamineWorkbook.from_path(str(path)).sheet_names)


def sheet_rows(path: Path, sheet: str):
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_path(str(path))
    for row in workbook.get_sheet_by_name(sheet).iter_rows():
        yield [_cell(v) for v in row]


def header_position(path: Path, sheet: str, is_header) -> int | None:
    """Where a sheet's header row is among its first rows (title and blank rows above it), or None."""
    for index, row in enumerate(sheet_rows(path, sheet)):
        if index >= HEADER_SEARCH_ROWS:
            return None
        if is_header([cell.strip() for cell in row if cell.strip()]):
            return index
    return None


def _to_utf8_csv(
    path: Path, fmt: str, encoding: str, workdir: Path, sheet: str | None = None, start: int | None = None
) -> Path:
    """A UTF-8 copy of the file (of a workbook's sheet, from its header row on) for DuckDB's reader."""
    target = workdir / "converted.csv"
    if fmt in ("xlsx", "xls"):
        sheet = sheet or sheet_names(path)[0]
        if start is None:
            start = header_position(path, sheet, lambda cells: contract_for_headers(cells) is not None) or 0
        with open(target, "w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            for index, row in enumerate(sheet_rows(path, sheet)):
                if index >= start:
                    writer.writerow(row)
        return target
    with open(path, encoding=encoding, newline="") as src, open(target, "w", encoding="utf-8", newline="") as out:
        while chunk := src.read(CHUNK):
            out.write(chunk)
    return target


def work_root(database: Path) -> Path:
    """Where converted copies of exports live while a file lands: beside the warehouse,
    readable by its owner only (a converted export is personal data in plain UTF-8)."""
    root = database.parent / ".landing-work"
    root.mkdir(mode=0o700, exist_ok=True)
    root.chmod(0o700)
    return root


def sweep_work(database: Path) -> list[Path]:
    """Remove what a killed landing left behind (one writer at a time: nothing else is using it)."""
    root = database.parent / ".landing-work"
    left = sorted(root.iterdir()) if root.is_dir() else []
    for leftover in left:
        if leftover.is_dir():
            shutil.rmtree(leftover, ignore_errors=True)
        else:
            leftover.unlink(missing_ok=True)
    return left
