"""A file's header row: found below any title lines, and mapped to the contract's names.

An unknown or misspelt header, a blank one in the middle, a column twice or a
missing required column rejects the whole file, with a message naming the header.
"""

from __future__ import annotations

from pathlib import Path

from hotline.contract import Contract, contract_for_headers
from hotline.export_files import FileRejected
from hotline.raw_tables import EMPTY_COLUMN
from hotline.records import header


def is_known_header(cells: list[str]) -> bool:
    return contract_for_headers(cells) is not None


def read_header(path: Path, encoding: str) -> tuple[int, list[str]]:
    """(title lines above the header, the header's cells): the header may sit below a title."""
    try:
        return header(path, encoding, is_known_header)
    except (ValueError, StopIteration):
        raise FileRejected("is empty (no header row) or its first line is not readable text") from None


def map_header(headers: list[str]) -> tuple[Contract, list[str]]:
    """The contract the file follows and the English name of each of its columns.

    Empty columns at the end (a trailing comma on every line) are kept under
    placeholder names and never loaded; a blank header elsewhere is named by its
    position, a repeated one by its Chinese name.
    """
    cleaned = [h.strip().lstrip("\ufeff") for h in headers]
    trailing = 0
    while cleaned and not cleaned[-1]:
        cleaned.pop()
        trailing += 1
    blank = [str(i) for i, h in enumerate(cleaned, start=1) if not h]
    if blank:
        raise FileRejected(f"has column(s) without a header at position(s) {', '.join(blank)} (counting from 1)")
    contract = contract_for_headers(cleaned)
    if contract is None:
        raise FileRejected(f"has no header this warehouse knows: {', '.join(cleaned[:6])} ...")
    known = contract.header_map()
    unknown = [h for h in cleaned if h not in known]
    if unknown:
        raise FileRejected(f"has header(s) nobody knows for the {contract.table} contract: {', '.join(unknown)}")
    names = [known[h] for h in cleaned]
    chinese = {c.name: c.header_zh for c in contract.columns}
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise FileRejected(f"has a column twice: {', '.join(f'{chinese[n]} ({n})' for n in repeated)}")
    missing = [c.header_zh + f" ({c.name})" for c in contract.columns if c.required and c.name not in names]
    if missing:
        raise FileRejected(f"is missing required column(s): {', '.join(missing)}")
    return contract, names + [f"{EMPTY_COLUMN}{len(names) + i}" for i in range(1, trailing + 1)]
