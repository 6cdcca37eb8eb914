"""A plain document model: what a bulletin says, with nothing of how it looks.

Builders (hotline.document.bulletin, .themed) turn query results into a
Document; writers (hotline.document.writers) turn a Document into .docx, .html
or .pdf and know nothing about hotlines. A chart is data (labels and series),
drawn by each writer through hotline.document.charts.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Run:
    """A stretch of text, bold or not (bulletins set the key phrases in bold)."""

    text: str
    bold: bool = False


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1  # 1: 一、 2: （一） 3: a table's title


@dataclass(frozen=True)
class Paragraph:
    runs: tuple[Run, ...]

    @classmethod
    def of(cls, *parts: str | Run) -> Paragraph:
        return cls(tuple(p if isinstance(p, Run) else Run(p) for p in parts if p))

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True)
class Table:
    """A table: header cells, rows of strings, an optional title above and note below."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    title: str = ""
    note: str = ""


@dataclass(frozen=True)
class Chart:
    """A chart as data. kind: 'bar', 'barh', 'line' or 'pie'; one series per name."""

    title: str
    kind: str
    labels: tuple[str, ...]
    series: tuple[tuple[str, tuple[float, ...]], ...]
    unit: str = "件"


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Heading | Paragraph | Table | Chart | PageBreak


@dataclass
class Document:
    """A titled document: the title block, then blocks in reading order."""

    title: str
    office: str
    issue: str
    date_line: str
    subtitle: str = ""
    period_line: str = ""
    blocks: list[Block] = field(default_factory=list)
    footer: tuple[str, ...] = ()

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)

    def text(self) -> str:
        """Every word of the document in order (for tests and search)."""
        parts = [self.title, self.office, self.issue, self.date_line, self.subtitle, self.period_line]
        for block in self.blocks:
            if isinstance(block, Heading):
                parts.append(block.text)
            elif isinstance(block, Paragraph):
                parts.append(block.text)
            elif isinstance(block, Table):
                parts += [block.title, " ".join(block.header)] + [" ".join(r) for r in block.rows] + [block.note]
            elif isinstance(block, Chart):
                parts.append(block.title)
        parts += list(self.footer)
        return "\n".join(p for p in parts if p)
