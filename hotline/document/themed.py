"""A themed report (专题) as a Document: a named window and topic (cfg_themes).

Like the heating-complaint week of a 2009 news report (共接听…1569件，办结率100%):
the window's volume, 办结率, the shares closed the same day and within 3 working
days, the resolution and satisfaction shares, a table by day with its 合计 row
(rates of the totals, never averages of days) and a chart of the daily volume.
Numbers come from fct_theme_summary and fct_theme_daily in the serving copy.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb

from hotline.document import wording
from hotline.document.model import Chart, Document, Heading, Paragraph, Table
from hotline.document.template import layout

COUNTS = ("received_count", "closed_count", "closed_same_day_count", "closed_within_3_workdays_count")
RATES = ("closed_rate", "closed_same_day_rate", "closed_within_3_workdays_rate", "resolution_rate", "satisfaction_rate")
HEADER = (
    "日期",
    "受理量",
    "办结量",
    "当天办结",
    "3个工作日内办结",
    "办结率",
    "当天办结率",
    "3个工作日内办结率",
    "解决率",
    "满意率",
)


def _rows(con, sql: str, params) -> list[dict]:
    cursor = con.execute(sql, params)
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def build(database: Path, theme_id: str, issued: date | None = None) -> Document:
    con = duckdb.connect(str(database), read_only=True)
    try:
        summary = _rows(con, "select * from marts.fct_theme_summary where theme_id = ?", [theme_id])
        days = _rows(con, "select * from marts.fct_theme_daily where theme_id = ? order by report_date", [theme_id])
    finally:
        con.close()
    if not summary:
        raise LookupError(
            f"no themed report {theme_id!r} in {database} (themes are rows of seeds/config/cfg_themes.csv)"
        )
    return compose(summary[0], days, issued or date.today())


def _line(label: str, row: dict) -> tuple[str, ...]:
    return (label, *(wording.count(row[c]) for c in COUNTS), *(wording.percent(row[r]) for r in RATES))


def compose(total: dict, days: list[dict], issued: date) -> Document:
    spec = layout(total["jurisdiction"])
    values = {"jurisdiction": total["jurisdiction"], "theme_title": total["title_zh"]}
    first, last = total["first_day"], total["last_day"]
    document = Document(
        title=spec["themed_title"].format(**values),
        office=spec["office"].format(**values, year=first.year, month=first.month),
        issue=total["title_zh"],
        date_line=wording.long_date(issued),
        subtitle=f"{total['title_zh']}办理情况",
        period_line=f"统计时间：{wording.short_date(first)}至{wording.short_date(last)}",
    )
    document.add(Heading(f"{wording.ordinal_heading(1)}总体情况", level=1))
    if not total["received_count"]:
        document.add(Paragraph.of(f"{total['days_in_window']}天内未受理该专题诉求。"))
        return document
    rates = [
        ("办结率", total["closed_rate"]),
        ("当天办结率", total["closed_same_day_rate"]),
        ("3个工作日内办结率", total["closed_within_3_workdays_rate"]),
        ("解决率", total["resolution_rate"]),
        ("满意率", total["satisfaction_rate"]),
    ]
    stated = "，".join(f"{name} {wording.prose_percent(value)}" for name, value in rates if value is not None)
    document.add(
        Paragraph.of(
            f"{first.month}月{first.day}日至{last.month}月{last.day}日{total['title_zh']}期间"
            f"（{total['days_in_window']}天），共受理{total['topic_zh']}相关诉求 "
            f"{wording.count(total['received_count'])} 件，"
            f"其中当天办结 {wording.count(total['closed_same_day_count'])} 件，3个工作日内办结 "
            f"{wording.count(total['closed_within_3_workdays_count'])} 件；{stated}。"
        )
    )
    document.add(Heading(f"{wording.ordinal_heading(2)}每日受理及办理情况", level=1))
    labels = tuple(f"{d['report_date'].month}月{d['report_date'].day}日" for d in days)
    document.add(Chart("每日受理量", "bar", labels, (("受理量", tuple(float(d["received_count"]) for d in days)),)))
    document.add(
        Table(
            HEADER,
            tuple(_line(label, d) for label, d in zip(labels, days, strict=True)) + (_line("合计", total),),
            title=f"{total['title_zh']}每日办理情况表",
            note="注：解决率为回访“已解决”占比，满意率为回访“满意”与“基本满意”占比；3个工作日自派单起计。",
        )
    )
    return document
