"""Document -> .docx (python-docx): real Word headings and tables, official font names."""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from hotline.document import charts
from hotline.document.fonts import OFFICIAL, OfficialFont
from hotline.document.model import Chart, Document, Heading, PageBreak, Paragraph, Table

RED = RGBColor(0xC0, 0x00, 0x00)


def _font(target, font: OfficialFont, bold: bool | None = None, size: float | None = None) -> None:
    """Name the East Asian and the Latin font of a run or style (Word keeps them apart)."""
    target.font.name = font.latin
    target.font.size = Pt(size or font.size_pt)
    if bold is not None:
        target.font.bold = bold
    element = target._element if hasattr(target, "_element") else target.element
    r_pr = element.get_or_add_rPr()
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = r_pr.makeelement(qn("w:rFonts"), {})
        r_pr.append(fonts)
    for attribute in ("w:ascii", "w:hAnsi"):
        fonts.set(qn(attribute), font.latin)
    fonts.set(qn("w:eastAsia"), font.east_asian)


def _styles(word) -> None:
    _font(word.styles["Normal"], OFFICIAL["body"])
    for level, key in ((1, "heading1"), (2, "heading2"), (3, "heading3")):
        style = word.styles[f"Heading {level}"]
        _font(style, OFFICIAL[key], bold=level != 2)
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.paragraph_format.space_before = Pt(8)
        style.paragraph_format.space_after = Pt(4)


def _centered(word, text: str, font: OfficialFont, color=None, bold=False):
    paragraph = word.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    _font(run, font, bold=bold)
    if color is not None:
        run.font.color.rgb = color
    return paragraph


def _title_block(word, document: Document) -> None:
    _centered(word, document.title, OFFICIAL["title"], color=RED, bold=True)
    _centered(word, document.issue, OFFICIAL["body"])
    line = word.add_paragraph()
    line.paragraph_format.tab_stops.add_tab_stop(Cm(16))
    _font(line.add_run(document.office), OFFICIAL["body"], size=14)
    _font(line.add_run("\t" + document.date_line), OFFICIAL["body"], size=14)
    _red_rule(line)
    if document.subtitle:
        paragraph = _centered(word, document.subtitle, OFFICIAL["heading1"], bold=True)
        paragraph.paragraph_format.space_before = Pt(12)
    if document.period_line:
        _centered(word, document.period_line, OFFICIAL["table"])


def _red_rule(paragraph) -> None:
    """The red rule under the masthead (版头分隔线) as a bottom border."""
    p_pr = paragraph._p.get_or_add_pPr()
    borders = p_pr.makeelement(qn("w:pBdr"), {})
    bottom = borders.makeelement(
        qn("w:bottom"), {qn("w:val"): "single", qn("w:sz"): "18", qn("w:space"): "1", qn("w:color"): "C00000"}
    )
    borders.append(bottom)
    p_pr.append(borders)


def _paragraph(word, block: Paragraph) -> None:
    paragraph = word.add_paragraph()
    paragraph.paragraph_format.first_line_indent = Pt(OFFICIAL["body"].size_pt * 2)
    paragraph.paragraph_format.line_spacing = 1.3
    for run in block.runs:
        _font(paragraph.add_run(run.text), OFFICIAL["body"], bold=run.bold)


def _table(word, block: Table) -> None:
    if block.title:
        _centered(word, block.title, OFFICIAL["heading3"], bold=True)
    table = word.add_table(rows=1, cols=len(block.header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, block.header, strict=True):
        cell.text = ""
        _font(cell.paragraphs[0].add_run(text), OFFICIAL["table"], bold=True)
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _repeat_header(table.rows[0])
    for row in block.rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            _font(cell.paragraphs[0].add_run(text), OFFICIAL["table"])
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    if block.note:
        note = word.add_paragraph()
        _font(note.add_run(block.note), OFFICIAL["table"])


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(tr_pr.makeelement(qn("w:tblHeader"), {qn("w:val"): "true"}))


def _chart(word, block: Chart) -> None:
    word.add_picture(io.BytesIO(charts.png(block)), width=Cm(15))
    word.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _centered(word, block.title, OFFICIAL["table"])


def write(document: Document, path: Path) -> None:
    word = WordDocument()
    section = word.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    _styles(word)
    word.core_properties.title = document.title
    word.core_properties.author = document.office
    _title_block(word, document)
    for block in document.blocks:
        if isinstance(block, Heading):
            word.add_heading(block.text, level=min(block.level, 3))
        elif isinstance(block, Paragraph):
            _paragraph(word, block)
        elif isinstance(block, Table):
            _table(word, block)
        elif isinstance(block, Chart):
            _chart(word, block)
        elif isinstance(block, PageBreak):
            word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    for line in document.footer:
        paragraph = word.add_paragraph()
        _font(paragraph.add_run(line), OFFICIAL["body"], size=14)
    word.save(str(path))
