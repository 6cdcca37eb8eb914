"""One small writer per format: each turns a Document into a file and knows nothing of hotlines."""

from __future__ import annotations

from pathlib import Path

from hotline.document.model import Document

FORMATS = ("docx", "html", "pdf")


def write(document: Document, folder: Path, stem: str, formats=FORMATS) -> dict[str, Path]:
    """Write the document in each format as ``folder/stem.<format>``; the paths by format.

    Each file is written beside its final name and moved into place, so a reader
    never opens a half-written bulletin.
    """
    from hotline.document.writers import docx_writer, html_writer, pdf_writer

    writers = {"docx": docx_writer.write, "html": html_writer.write, "pdf": pdf_writer.write}
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for fmt in formats:
        final = folder / f"{stem}.{fmt}"
        partial = folder / f".{stem}.{fmt}.partial"
        try:
            writers[fmt](document, partial)
            partial.replace(final)
        finally:
            partial.unlink(missing_ok=True)
        paths[fmt] = final
    return paths
