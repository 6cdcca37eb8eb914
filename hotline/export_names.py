"""The unit names a landing folder's exports carry, read without loading anything.

For ``check-config``: each export's header is found as the loader finds it (title
lines above it skipped, every sheet of a workbook), and only the 所属区县 and 承办单位
columns are read. A file that cannot be read is left to the loader, which reports it.
"""

from __future__ import annotations

import csv
from pathlib import Path

from hotline.contract import contract_for_headers
from hotline.export_files import detect_encoding, file_format, header_position, sheet_names, sheet_rows
from hotline.headers import is_known_header as _known
from hotline.landing import export_files
from hotline.records import header


def _columns(cells: list[str]) -> tuple[int, int] | None:
    contract = contract_for_headers([c.strip().lstrip("\ufeff") for c in cells if c.strip()])
    if contract is None:
        return None
    names = contract.header_map()
    by_name = {names.get(c.strip().lstrip("\ufeff")): i for i, c in enumerate(cells)}
    if "jurisdiction" not in by_name or "unit_name" not in by_name:
        return None
    return by_name["jurisdiction"], by_name["unit_name"]


def _rows(path: Path):
    """(where, rows after the header, the header's cells) of each readable part of the file."""
    if file_format(path) == "csv":
        encoding = detect_encoding(path)
        skip, cells = header(path, encoding, _known)
        with open(path, encoding=encoding, errors="replace", newline="") as handle:
            reader = csv.reader(handle)
            for _ in range(skip + 1):
                next(reader, None)
            yield path.name, reader, cells
        return
    for sheet in sheet_names(path):
        start = header_position(path, sheet, _known)
        if start is None:
            continue
        rows = sheet_rows(path, sheet)
        for _ in range(start):
            next(rows, None)
        yield f"{path.name}#{sheet}", rows, next(rows, [])


def unit_names_in_exports(landing: Path) -> dict[tuple[str, str], str]:
    """(jurisdiction, unit name) -> the first file (or file#sheet) that names it."""
    seen: dict[tuple[str, str], str] = {}
    for path in export_files(landing):
        try:
            for where, rows, cells in _rows(path):
                columns = _columns(cells)
                if columns is None:
                    continue
                at_jurisdiction, at_unit = columns
                for row in rows:
                    if len(row) > max(columns) and row[at_unit].strip():
                        seen.setdefault((row[at_jurisdiction].strip(), row[at_unit].strip()), where)
        except Exception:  # noqa: BLE001 - an unreadable file is the loader's to report, with its reason
            continue
    return seen
