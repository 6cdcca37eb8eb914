"""Document -> .pdf (fpdf2) with the CJK font embedded (subset), so it prints the same everywhere.

Text is real text (selectable, searchable), not pictures of text; Chinese lines
wrap at any character, as Chinese typesetting does.
"""

from __future__ import annotations

import io
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import Align, TableCellFillMode, WrapMode, XPos, YPos
from fpdf.fonts import FontFace

from hotline.document import charts
from hotline.document.fonts import cjk_font
from hotline.document.model import Chart, Document, Heading, PageBreak, Paragraph, Table

FONT = "cjk"
RED = (192, 0, 0)
BODY_PT, TABLE_PT = 12, 8


class _Pdf(FPDF):
    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, size=9)
        self.cell(0, 6, f"— {self.page_no()} —", align="C")


def _setup() -> _Pdf:
    pdf = _Pdf(format="A4")
    font = cjk_font()
    # one face for both styles: the package ships the regular weight; headings stand out by size
    pdf.add_font(FONT, "", str(font.path), collection_font_number=font.face_index)
    pdf.add_font(FONT, "B", str(font.path), collection_font_number=font.face_index)
    pdf.set_margins(22, 20, 20)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()
    return pdf


def _centered(pdf: _Pdf, text: str, size: float, color=(0, 0, 0), height=None) -> None:
    pdf.set_font(FONT, size=size)
    pdf.set_text_color(*color)
    pdf.set_draw_color(*color)
    pdf.multi_cell(
        0, height or size * 0.6, text, align="C", wrapmode=WrapMode.CHAR, new_x=XPos.LMARGIN, new_y=YPos.NEXT
    )
    pdf.set_text_color(0, 0, 0)
    pdf.set_draw_color(0, 0, 0)


def _title_block(pdf: _Pdf, document: Document) -> None:
    _centered(pdf, document.title, 22, RED, height=14)
    _centered(pdf, document.issue, 12, height=8)
    pdf.set_font(FONT, size=11)
    pdf.cell(0, 8, document.office, new_x=XPos.LMARGIN)
    pdf.cell(0, 8, document.date_line, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_draw_color(*RED)
    pdf.set_line_width(0.8)
    pdf.line(pdf.l_margin, pdf.get_y() + 1, pdf.w - pdf.r_margin, pdf.get_y() + 1)
    pdf.set_draw_color(0, 0, 0)
    pdf.ln(5)
    if document.subtitle:
        _centered(pdf, document.subtitle, 15, height=9)
    if document.period_line:
        _centered(pdf, document.period_line, 10, height=6)
    pdf.ln(2)


def _paragraph(pdf: _Pdf, block: Paragraph) -> None:
    pdf.set_font(FONT, size=BODY_PT)
    pdf.set_x(pdf.l_margin)
    markdown = "　　" + "".join(f"**{r.text}**" if r.bold else r.text for r in block.runs if r.text)
    # fpdf2 draws **...** in the "B" style (the same regular face: marked, not heavier)
    pdf.multi_cell(0, 7.5, markdown, markdown=True, wrapmode=WrapMode.CHAR, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(1)


def _table(pdf: _Pdf, block: Table) -> None:
    if block.title:
        pdf.ln(2)
        _centered(pdf, block.title, 11, height=7)
    pdf.set_font(FONT, size=TABLE_PT)
    widths = _column_widths(pdf, block)
    with pdf.table(
        col_widths=widths,
        text_align="CENTER",
        line_height=TABLE_PT * 0.55,
        headings_style=FontFace(family=FONT, emphasis="B", fill_color=(235, 235, 235)),
        cell_fill_mode=TableCellFillMode.NONE,
        wrapmode=WrapMode.CHAR,
        first_row_as_headings=True,
        repeat_headings=1,
    ) as table:
        for row in (block.header, *block.rows):
            cells = table.row()
            for text in row:
                cells.cell(text)
    if block.note:
        pdf.set_font(FONT, size=TABLE_PT)
        pdf.multi_cell(0, 5, block.note, wrapmode=WrapMode.CHAR, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)


def _column_widths(pdf: _Pdf, block: Table) -> tuple[float, ...]:
    """Widths from what the columns hold: the widest value, or half the header (it may wrap
    onto two lines), never narrower than two Chinese characters; then scaled to the page."""
    padding, floor = 2.5, pdf.get_string_width("单位")
    natural = [
        max([floor, pdf.get_string_width(header) / 2] + [pdf.get_string_width(row[i]) for row in block.rows]) + padding
        for i, header in enumerate(block.header)
    ]
    page = pdf.w - pdf.l_margin - pdf.r_margin
    return tuple(w * page / sum(natural) for w in natural)


def _chart(pdf: _Pdf, block: Chart) -> None:
    image = io.BytesIO(charts.png(block))
    width = min(150, pdf.w - pdf.l_margin - pdf.r_margin)
    if pdf.get_y() + width / 2 + 10 > pdf.h - pdf.b_margin:
        pdf.add_page()
    pdf.image(image, w=width, x=Align.C)
    _centered(pdf, block.title, 9, height=6)
    pdf.ln(1)


def write(document: Document, path: Path) -> None:
    pdf = _setup()
    pdf.set_title(f"{document.title} {document.issue}")
    pdf.set_author(document.office)
    pdf.set_creator("hotline warehouse")
    _title_block(pdf, document)
    for block in document.blocks:
        if isinstance(block, Heading):
            size = {1: 14, 2: 13}.get(block.level, 11)
            if pdf.get_y() + 45 > pdf.h - pdf.b_margin:
                pdf.add_page()  # a heading never stands alone at the foot of a page
            pdf.ln(2)
            pdf.set_font(FONT, size=size)
            pdf.multi_cell(0, size * 0.6, block.text, wrapmode=WrapMode.CHAR, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(1)
        elif isinstance(block, Paragraph):
            _paragraph(pdf, block)
        elif isinstance(block, Table):
            _table(pdf, block)
        elif isinstance(block, Chart):
            _chart(pdf, block)
        elif isinstance(block, PageBreak):
            pdf.add_page()
    if document.footer:
        pdf.ln(4)
        pdf.set_draw_color(0, 0, 0)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
        pdf.ln(2)
        pdf.set_font(FONT, size=10)
        for line in document.footer:
            pdf.multi_cell(0, 6, line, wrapmode=WrapMode.CHAR, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.output(str(path))
