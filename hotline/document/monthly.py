"""The monthly bulletin (月报) of one jurisdiction and period, as a Document.

Every number comes from the serving copy through the bulletin analyses
(analyses/bulletin_*.sql, run by hotline.bulletin); the layout, titles and
wording choices come from documents/bulletin_templates.yml. A section whose
data is empty for the period is left out, and the sections present are
numbered in order (一、二、…).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hotline.bulletin import bulletin as run_analyses
from hotline.document import sentences, wording
from hotline.document.appendix import appendix_blocks
from hotline.document.model import Chart, Document, Heading, Paragraph, Run, Table
from hotline.document.overview import fraction, mix_blocks, overview_blocks
from hotline.document.template import layout


class Data:
    """The analyses' results as lists of dicts, by analysis name without the bulletin_ prefix."""

    def __init__(self, results: dict[str, tuple[list[str], list[tuple]]]):
        self._tables = {
            name.removeprefix("bulletin_"): [dict(zip(cols, row, strict=True)) for row in rows]
            for name, (cols, rows) in results.items()
        }

    def __getitem__(self, name: str) -> list[dict]:
        return self._tables[name]


def _fill(text: str, values: dict) -> str:
    return text.format(**values)


def build(database: Path, jurisdiction: str, period: str, issued: date | None = None) -> Document:
    data = Data(run_analyses(database, jurisdiction, period))
    return compose(data, jurisdiction, period, layout(jurisdiction), issued or date.today())


def compose(data: Data, jurisdiction: str, period: str, spec: dict, issued: date) -> Document:
    overview = (data["overview"] or [None])[0]
    first_day = overview["first_day"] if overview else None
    last_day = overview["last_day"] if overview else None
    values = {
        "jurisdiction": jurisdiction,
        "year": period[:4],
        "month": int(period[5:7]),
        "month_words": wording.month_words(period),
        "month_digits": wording.month_digits(period),
        "number": _issue_number(period, spec["issue"]),
        "first_day": wording.short_date(first_day) if first_day else "",
        "last_day": wording.short_date(last_day) if last_day else "",
    }
    document = Document(
        title=_fill(spec["title"], values),
        office=_fill(spec["office"], values),
        issue=_fill(spec["issue"]["format"], values),
        date_line=wording.long_date(issued),
        subtitle=_fill(spec["subtitle"], values),
        period_line=_fill(spec["period_line"], values) if first_day else "",
        footer=tuple(spec.get("footer") or ()),
    )
    builders = {
        "overview": lambda: overview_blocks(data, spec, values),
        "mix": lambda: mix_blocks(data),
        "ranking": lambda: _ranking(data, spec),
        "unit_details": lambda: _unit_details(data, spec),
        "unit_table": lambda: _unit_table(data, spec, values),
        "hotspots": lambda: _hotspots(data, spec),
        "enterprise": lambda: _enterprise(data, spec, values),
        "appendix": lambda: appendix_blocks(data, spec, values),
    }
    # sections that share a numbered heading in print: 二、办理情况 holds (一) ranking and (二) details
    headings = {
        "overview": "受理概况",
        "ranking": "办理情况",
        "unit_details": "办理情况",
        "unit_table": "办理情况",
        "hotspots": "民生热点问题",
        "enterprise": "企业诉求办理情况",
    }
    number, last_heading = 0, None
    for section in spec["sections"]:
        blocks = builders[section]()
        if not blocks:
            continue
        heading = headings.get(section)
        if heading and heading != last_heading:
            number += 1
            document.add(Heading(f"{wording.ordinal_heading(number)}{heading}", level=1))
        last_heading = heading or last_heading
        document.add(*blocks)
    return document


def _issue_number(period: str, issue: dict) -> int:
    if issue["numbering"] == "month":
        return int(period[5:7])
    first = issue["first_period"]
    return (int(period[:4]) - int(first[:4])) * 12 + int(period[5:7]) - int(first[5:7]) + 1


def _ranking(data: Data, spec: dict) -> list:
    rows = data["top_bottom"]
    if not rows:
        return []
    blocks: list = [Heading("（一）承办单位考核情况", level=2)]
    tiers = sorted({(r["tier_sort_order"], r["tier_label_zh"]) for r in rows})
    for _, label in tiers:
        # every unit the mart flags: units tied at the cut share the place, so a list may be longer
        tops = [r for r in rows if r["tier_label_zh"] == label and r["list_zh"] == "前"]
        bottoms = [r for r in rows if r["tier_label_zh"] == label and r["list_zh"] == "后"]
        lines = []
        for i in range(max(len(tops), len(bottoms))):
            t = tops[i] if i < len(tops) else None
            b = bottoms[i] if i < len(bottoms) else None
            lines.append(
                (
                    t["unit_name"] if t else "",
                    str(t["overall_rank"]) if t else "",
                    b["unit_name"] if b else "",
                    str(b["overall_rank"]) if b else "",
                )
            )
        blocks.append(Table(("前三名", "名次", "后三名", "名次"), tuple(lines), title=f"{label}综合排名"))
    return blocks


def _groups(spec: dict, units: list[dict]) -> list[dict]:
    if spec["detail_groups"] != "per_tier":
        return spec["detail_groups"]
    tiers = sorted({(u["tier_sort_order"], u["tier_id"], u["tier_label_zh"]) for u in units})
    return [{"label": label, "count_tiers": [tier], "rank_tiers": [tier]} for _, tier, label in tiers]


def _unit_details(data: Data, spec: dict) -> list:
    units = data["unit_rates"]
    if not units:
        return []
    total = sum(u["handled_count"] or 0 for u in units)
    blocks: list = [Heading("（二）具体办理情况", level=2)]
    for number, group in enumerate(_groups(spec, units), start=1):
        counted = [u for u in units if u["tier_id"] in group["count_tiers"]]
        ranked = [u for u in units if u["tier_id"] in group["rank_tiers"]]
        if not counted:
            continue
        handled = sum(u["handled_count"] or 0 for u in counted)
        blocks.append(
            sentences.group_paragraph(
                number, group["label"], handled, total, ranked, spec["list_size"], group.get("rank_scope", "")
            )
        )
    return blocks if len(blocks) > 1 else []


def _unit_table(data: Data, spec: dict, values: dict) -> list:
    """Every unit's counts and rates, and a 合计 row whose rates are the period's own."""
    rows = data["unit_counts"]
    if not rows or not any(r["handled_count"] for r in rows):
        return []
    columns = spec["unit_table"]["columns"]

    def cell(column: str, value) -> str:
        if column == "unit_name":
            return str(value)
        if column.endswith("_pct"):
            return wording.percent(fraction(value))
        return wording.count(value)

    body = tuple(tuple(cell(column, row[column]) for column, _ in columns) for row in rows)
    header = tuple(label for _, label in columns)
    return [Table(header, body, _fill(spec["unit_table"]["title"], values), spec["unit_table"].get("note"))]


def _hotspots(data: Data, spec: dict) -> list:
    topics = data["hotspots"][: spec["hotspot_count"]]
    if not topics:
        return []
    blocks: list = [
        Chart(
            "热点问题占比情况",
            "barh",
            tuple(t["category_level_2"] for t in topics),
            (("工单", tuple(float(t["ticket_count"]) for t in topics)),),
        )
    ]
    for number, topic in enumerate(topics, start=1):
        name = topic["category_level_2"]
        text = (
            f"{wording.ordinal_paren(number)}{name}问题 {wording.count(topic['ticket_count'])} 件"
            f"{wording.change_clause(fraction(topic['yoy_pct']), fraction(topic['mom_pct']))}。"
        )
        subs = [s for s in data["subtopics"] if s["category_level_2"] == name][: spec["sub_topics_per_topic"]]
        if len(subs) > 1 or (subs and subs[0]["category_level_3"] != name):
            listed = "，".join(
                f"{s['category_level_3']}问题 {wording.count(s['ticket_count'])} 件"
                f"{wording.change_clause(fraction(s['yoy_pct']), None)}"
                for s in subs
            )
            text += f"其中，{listed}。"
        places = [p["place_name"] for p in data["hotspot_places"] if p["category_level_2"] == name]
        if places:
            text += f"问题主要涉及{wording.names(places[: spec['places_per_topic']])}等。"
        blocks.append(Paragraph((Run(text),)))
    return blocks


def _enterprise(data: Data, spec: dict, values: dict) -> list:
    overview = (data["overview"] or [None])[0]
    units = data["enterprise"]
    if not overview or not overview["enterprise_count"]:
        return []
    text = (
        f"本月共受理企业诉求 {wording.count(overview['enterprise_count'])} 件"
        f"{wording.change_clause(None, fraction(overview['enterprise_count_mom_pct']))}。"
    )
    busiest = sorted(units, key=lambda u: (-(u["handled_count"] or 0), u["unit_name"]))[: spec["list_size"]]
    blocks: list = []
    if busiest:
        text += f"从承办量看，{wording.names(u['unit_name'] for u in busiest)}承办量较高。"
        shown = sorted(units, key=lambda u: (-(u["handled_count"] or 0), u["unit_name"]))[:10]
        blocks.append(
            Chart(
                "企业诉求承办量",
                "bar",
                tuple(u["unit_name"] for u in shown),
                (("承办量", tuple(float(u["handled_count"] or 0) for u in shown)),),
            )
        )
    return [Paragraph.of(text), *blocks]
