"""Render a bulletin or a themed report from a warehouse file into .docx, .html and .pdf."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hotline.document import monthly, themed
from hotline.document.writers import FORMATS, write


def bulletin_files(
    database: Path, jurisdiction: str, period: str, folder: Path, issued: date | None = None, formats=FORMATS
) -> dict[str, Path]:
    """The bulletin of one jurisdiction and period as ``folder/<jurisdiction>_<period>_月报.<format>``."""
    document = monthly.build(database, jurisdiction, period, issued)
    return write(document, folder, f"{jurisdiction}_{period}_月报", formats)


def theme_files(
    database: Path, theme_id: str, folder: Path, issued: date | None = None, formats=FORMATS
) -> dict[str, Path]:
    """A themed report (专题) as ``folder/<theme_id>_专题.<format>``."""
    document = themed.build(database, theme_id, issued)
    return write(document, folder, f"{theme_id}_专题", formats)
