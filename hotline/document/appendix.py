"""附件: the unit table of every tier, enterprise demands, 2-hour on-site visits and
the city's sampling, with the columns and headers the layout names."""

from __future__ import annotations

from hotline.document import wording
from hotline.document.model import Heading, PageBreak, Paragraph, Table
from hotline.document.overview import fraction

SCORE_COMPONENTS = {
    "response_score": "response",
    "on_time_score": "on_time",
    "resolution_score": "resolution",
    "satisfaction_score": "satisfaction",
}
RANKS = {"assessment_rank", "handling_rank", "sampling_rank", "overall_rank", "handled_count"}


def _cell(column: str, value) -> str:
    if value is None:
        return ""
    if column == "unit_name":
        return str(value)
    if column in RANKS:
        return wording.count(value)
    return wording.score(value)


def _weights(data, scope: str) -> dict[str, float]:
    return {r["component"]: r["weight"] for r in data["scheme_weights"] if r["scope"] == scope}


def _header(label: str, column: str, weights: dict[str, float]) -> str:
    weight = weights.get(SCORE_COMPONENTS.get(column, ""))
    return label.format(weight=wording.score(weight)) if "{weight}" in label else label


def tier_tables(data, spec: dict, values: dict) -> list[Table]:
    appendix = spec["appendix"]
    rows = data["unit_tables"]
    tiers = sorted({(r["tier_sort_order"], r["tier_id"], r["tier_label_zh"], r["rank_rule"]) for r in rows})
    if appendix["tiers"] != "all":
        order = {tier: i for i, tier in enumerate(appendix["tiers"])}
        tiers = sorted((t for t in tiers if t[1] in order), key=lambda t: order[t[1]])
    weights = _weights(data, "all")
    tables = []
    for index, (_, tier, label, rule) in enumerate(tiers):
        columns = appendix["columns"][rule]
        members = [r for r in rows if r["tier_id"] == tier]
        title = appendix["table_title"].format(**values, tier_label=appendix["tier_titles"].get(tier, label))
        note = appendix["tier_notes"].get(tier, "")
        if index == len(tiers) - 1 and values["first_day"]:
            note = "\n".join(n for n in (note, appendix["period_note"].format(**values)) if n)
        tables.append(
            Table(
                header=tuple(_header(label_, column, weights) for column, label_ in columns),
                rows=tuple(tuple(_cell(column, r[column]) for column, _ in columns) for r in members),
                title=title,
                note=note,
            )
        )
    return tables


def enterprise_table(data, spec: dict, values: dict) -> Table | None:
    rows = data["enterprise"]
    if not spec["appendix"]["enterprise"] or not rows:
        return None
    w = _weights(data, "enterprise")
    header = (
        "单位",
        "承办量",
        "按时办理率",
        f"按时办理得分({wording.score(w.get('on_time'))})",
        "解决率",
        f"解决情况得分({wording.score(w.get('resolution'))})",
        "满意率",
        f"满意度得分({wording.score(w.get('satisfaction'))})",
        "总得分",
        "排名",
    )
    body = tuple(
        (
            r["unit_name"],
            wording.count(r["handled_count"]),
            wording.percent(fraction(r["on_time_rate_pct"])),
            wording.score(r["on_time_score"]),
            wording.percent(fraction(r["resolution_rate_pct"])),
            wording.score(r["resolution_score"]),
            wording.percent(fraction(r["satisfaction_rate_pct"])),
            wording.score(r["satisfaction_score"]),
            wording.score(r["total_score"]),
            wording.count(r["enterprise_rank"]),
        )
        for r in rows
    )
    return Table(
        header, body, spec["appendix"]["enterprise_title"].format(**values), spec["appendix"]["enterprise_note"]
    )


def onsite_table(data, spec: dict, values: dict) -> Table | None:
    rows = data["onsite"]
    if not spec["appendix"]["onsite"] or not rows:
        return None
    header = (
        "承办单位",
        "工单数",
        "2小时内到现场量",
        "2小时未到现场量",
        "与市民现场见面沟通量",
        "因跨区域未与市民现场见面沟通量",
        "因市民表示不需要现场见面沟通量",
    )
    columns = (
        "onsite_ticket_count",
        "onsite_in_time_count",
        "onsite_late_count",
        "met_on_site_count",
        "not_met_cross_region_count",
        "meeting_not_needed_count",
    )
    body = tuple((r["unit_name"], *(wording.count(r[c]) for c in columns)) for r in rows)
    return Table(header, body, spec["appendix"]["onsite_title"].format(**values))


def city_sampling_table(data, spec: dict, values: dict) -> Table | None:
    rows = data["city_sampling"]
    if not spec["appendix"]["city_sampling"] or not any(r["sampled_count"] for r in rows):
        return None
    header = ("单位", "抽访情况", "抽访量", "未解决且不满意", "已解决但不满意", "未解决但满意")
    columns = (
        "sampled_count",
        "unsolved_and_dissatisfied_count",
        "solved_but_dissatisfied_count",
        "unsolved_but_satisfied_count",
    )
    body = tuple(
        (r["unit_name"], r["sampling_status_zh"], *("" if r[c] is None else wording.count(r[c]) for c in columns))
        for r in rows
    )
    return Table(header, body, spec["appendix"]["city_sampling_title"].format(**values))


def appendix_blocks(data, spec: dict, values: dict) -> list:
    tables = [*tier_tables(data, spec, values)]
    tables += [
        t
        for t in (
            enterprise_table(data, spec, values),
            onsite_table(data, spec, values),
            city_sampling_table(data, spec, values),
        )
        if t is not None
    ]
    if not tables:
        return []
    listing = [Paragraph.of(f"{i}. {t.title}") for i, t in enumerate(tables, start=1)]
    numbered = [Table(t.header, t.rows, f"表 {i}：{t.title}", t.note) for i, t in enumerate(tables, start=1)]
    return [PageBreak(), Heading("附件", level=1), *listing, *numbered]
