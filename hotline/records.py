"""An export read record by record, for the files DuckDB's reader refuses.

Every physical line is decoded on its own, so bytes that are not in the file's
encoding spoil one record, not the file; a record is a line, or several lines
while a quoted field is open. What cannot be a row of the header's width becomes
a rejected record with its number and the reason, and reading goes on:

- an unterminated quote would swallow the rest of the file into one field: when
  the quotes of a record do not close within ``MAX_RECORD_LINES`` lines or by the
  end of the file, or the lines they join are not one record of the right width,
  only the record's first line is rejected and the lines after it are read again;
- text after a closing quote (``"abc"def``), a wrong number of fields, and a
  field longer than ``MAX_FIELD_CHARS`` reject that record.

Record numbers count records after the header, as Python's csv module does, a
blank line included (a record of no fields).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

MAX_FIELD_CHARS = 1_000_000
MAX_RECORD_LINES = 1_000
csv.field_size_limit(2**31 - 1)  # the limit is ours (MAX_FIELD_CHARS), not the csv module's 131,072


@dataclass(frozen=True)
class Line:
    offset: int  # byte offset of the line in the file
    text: str | None  # None: bytes that are not in the file's encoding
    problem: str = ""


@dataclass(frozen=True)
class Record:
    number: int
    fields: list[str] | None  # None: rejected
    reason: str = ""


def physical_lines(path: Path, encoding: str) -> Iterator[Line]:
    """Each line of the file decoded on its own (b'\\n' never occurs inside a UTF-8 or GB18030 character)."""
    rest = encoding.removesuffix("-sig")
    offset = 0
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle):
            try:
                yield Line(offset, raw.decode(encoding if number == 0 else rest))
            except UnicodeDecodeError as error:
                yield Line(offset, None, f"bytes that are not {rest} at byte offset {offset + error.start}")
            offset += len(raw)


HEADER_SEARCH_LINES = 10  # a title line and blank lines may stand above the header


def header(path: Path, encoding: str, is_header=None) -> tuple[int, list[str]]:
    """(lines above the header, the header's cells): the first of the first lines that
    ``is_header`` accepts (title and blank lines above it are skipped), else the first line."""
    lines = []
    for line in physical_lines(path, encoding):
        if line.text is None or len(lines) >= HEADER_SEARCH_LINES:
            break
        lines.append(next(csv.reader([line.text]), []))
        if is_header is not None and is_header([cell.strip().lstrip("\ufeff") for cell in lines[-1] if cell.strip()]):
            return len(lines) - 1, lines[-1]
    if not lines or not any(cell.strip() for cell in lines[0]):
        raise ValueError("has no readable header row")
    return 0, lines[0]


def _open_quote(text: str) -> bool:
    return text.count('"') % 2 == 1  # "" inside a quoted field counts twice: parity tells open from closed


def records(path: Path, encoding: str, width: int, skip: int = 0) -> Iterator[Record]:
    """The records after the header (``skip`` lines above it), each a row of ``width`` fields or rejected."""
    lines = physical_lines(path, encoding)
    for _ in range(skip + 1):  # title lines, then the header
        next(lines, None)
    pending: list[Line] = []

    def take() -> Line | None:
        return pending.pop(0) if pending else next(lines, None)

    number = 0
    while (first := take()) is not None:
        number += 1
        if first.text is None:
            yield Record(number, None, first.problem)
            continue
        buffer = [first]
        while _open_quote("".join(line.text for line in buffer)) and len(buffer) < MAX_RECORD_LINES:
            following = take()
            if following is None or following.text is None:
                if following is not None:
                    pending.insert(0, following)
                break
            buffer.append(following)
        text = "".join(line.text for line in buffer)
        if _open_quote(text):
            pending[0:0] = buffer[1:]  # only the first line is the bad record: read the rest again
            yield Record(number, None, f"a quote opened at byte offset {first.offset} is never closed")
            continue
        try:
            rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
        except csv.Error as error:
            pending[0:0] = buffer[1:]
            yield Record(number, None, f"broken quoting at byte offset {first.offset}: {error}")
            continue
        fields = rows[0] if len(rows) == 1 else None
        if fields is None or len(fields) != width:
            pending[0:0] = buffer[1:]
            count = len(fields) if fields is not None else "several records'"
            yield Record(number, None, f"malformed record: {count} fields where the header has {width}")
            continue
        longest = max((len(f) for f in fields), default=0)
        if longest > MAX_FIELD_CHARS:
            yield Record(number, None, f"a field of {longest} characters (more than {MAX_FIELD_CHARS})")
            continue
        yield Record(number, fields)


def damaged_text_encoding(path: Path, tolerance: float = 0.05, allowance: int = 5) -> str | None:
    """The encoding of a text file with a few undecodable lines (utf-8 or gb18030), or None.

    A file is text in an encoding when its header decodes and at most ``allowance``
    lines, or ``tolerance`` of its lines if that is more, do not; the lines that do
    not become rejected records. Anything worse is not a text export at all.
    """
    best = None
    for encoding in ("utf-8", "gb18030"):
        lines = failures = 0
        for line in physical_lines(path, encoding):
            lines += 1
            failures += line.text is None
        good_header = next(physical_lines(path, encoding), Line(0, None)).text is not None
        if good_header and failures <= max(allowance, tolerance * lines) and (best is None or failures < best[1]):
            best = (encoding, failures)
    return best[0] if best else None
