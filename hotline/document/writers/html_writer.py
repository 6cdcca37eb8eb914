"""Document -> one self-contained .html: styles and charts inline, nothing fetched.

Charts are PNG data URIs; fonts are named, not downloaded (offices' machines
have 仿宋 and 黑体; a browser without them falls back to any installed CJK font).
"""

from __future__ import annotations

import base64
from html import escape
from pathlib import Path

from hotline.document import charts
from hotline.document.model import Chart, Document, Heading, PageBreak, Paragraph, Table

STYLE = """
body { font-family: "仿宋_GB2312", "FangSong", "STFangsong", "Noto Serif CJK SC", "Noto Sans CJK SC", serif;
       font-size: 16pt; line-height: 1.6; max-width: 46em; margin: 2em auto; padding: 0 1em; color: #000; }
.masthead { text-align: center; color: #c00000; font-family: "方正小标宋简体", "SimSun", serif;
            font-size: 26pt; font-weight: bold; margin: 0.5em 0 0.2em; }
.issue { text-align: center; font-size: 14pt; }
.office-line { display: flex; justify-content: space-between; font-size: 14pt;
               border-bottom: 3px solid #c00000; padding-bottom: 0.3em; margin-bottom: 1em; }
h1.subtitle { text-align: center; font-family: "黑体", "SimHei", sans-serif; font-size: 18pt; }
.period { text-align: center; font-size: 12pt; }
h2 { font-family: "黑体", "SimHei", sans-serif; font-size: 16pt; }
h3 { font-family: "楷体_GB2312", "KaiTi", serif; font-size: 16pt; font-weight: normal; }
h4 { font-family: "黑体", "SimHei", sans-serif; font-size: 13pt; text-align: center; }
p { text-indent: 2em; margin: 0.4em 0; }
table { border-collapse: collapse; margin: 0.5em auto; font-size: 10.5pt; }
th, td { border: 1px solid #000; padding: 2px 6px; text-align: center; }
th { background: #f2f2f2; }
figure { text-align: center; margin: 1em 0; }
figure img { max-width: 100%; }
figcaption, .note { font-size: 10.5pt; }
.footer { border-top: 1px solid #000; margin-top: 2em; padding-top: 0.5em; font-size: 14pt; }
.footer p { text-indent: 0; }
@media print { .pagebreak { page-break-after: always; } }
"""


def _runs(block: Paragraph) -> str:
    return "".join(f"<b>{escape(r.text)}</b>" if r.bold else escape(r.text) for r in block.runs)


def _table(block: Table) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in block.header)
    body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in block.rows)
    title = f"<h4>{escape(block.title)}</h4>" if block.title else ""
    note = f'<p class="note">{escape(block.note)}</p>' if block.note else ""
    return f"{title}<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{note}"


def _chart(block: Chart) -> str:
    data = base64.b64encode(charts.png(block)).decode("ascii")
    return (
        f'<figure><img alt="{escape(block.title)}" src="data:image/png;base64,{data}">'
        f"<figcaption>{escape(block.title)}</figcaption></figure>"
    )


def render(document: Document) -> str:
    parts = [
        f'<div class="masthead">{escape(document.title)}</div>',
        f'<div class="issue">{escape(document.issue)}</div>',
        f'<div class="office-line"><span>{escape(document.office)}</span>'
        f"<span>{escape(document.date_line)}</span></div>",
    ]
    if document.subtitle:
        parts.append(f'<h1 class="subtitle">{escape(document.subtitle)}</h1>')
    if document.period_line:
        parts.append(f'<div class="period">{escape(document.period_line)}</div>')
    for block in document.blocks:
        if isinstance(block, Heading):
            tag = {1: "h2", 2: "h3"}.get(block.level, "h4")
            parts.append(f"<{tag}>{escape(block.text)}</{tag}>")
        elif isinstance(block, Paragraph):
            parts.append(f"<p>{_runs(block)}</p>")
        elif isinstance(block, Table):
            parts.append(_table(block))
        elif isinstance(block, Chart):
            parts.append(_chart(block))
        elif isinstance(block, PageBreak):
            parts.append('<div class="pagebreak"></div>')
    if document.footer:
        parts.append('<div class="footer">' + "".join(f"<p>{escape(x)}</p>" for x in document.footer) + "</div>")
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{escape(document.title)} {escape(document.issue)}</title><style>{STYLE}</style></head>"
        f"<body>{''.join(parts)}</body></html>\n"
    )


def write(document: Document, path: Path) -> None:
    path.write_text(render(document), encoding="utf-8")
