"""一、受理概况 of the monthly bulletin: the volume sentence, the channels, the four
headline rates, the request-type mix, and their charts."""

from __future__ import annotations

from hotline.document import wording
from hotline.document.model import Chart, Paragraph


def overview_blocks(data, spec: dict, values: dict) -> list:
    rows = data["overview"]
    if not rows or not rows[0]["handled_count"]:
        return []
    o = rows[0]
    who = f"{values['jurisdiction']}{spec['hotline_name']}"
    text = (
        f"{values['month_digits']}，{who}共受理各类承办事项 {wording.count(o['handled_count'])} 件"
        f"{wording.change_clause(fraction(o['handled_count_yoy_pct']), fraction(o['handled_count_mom_pct']))}"
        f"，日均受理量 {wording.count(o['daily_average'])} 件。"
    )
    channels = [r for r in data["mix"] if r["dimension"] == "channel"][: spec["top_channels"]]
    if channels:
        phrases = spec["channel_phrases"]
        listed = "，".join(
            f"{phrases.get(r['member'], r['member_label_zh'] + '受理')} {wording.count(r['ticket_count'])} 件"
            for r in channels
        )
        text += f"受理量较多的渠道有{listed}。"
    blocks = [Paragraph.of(text)]
    rates = [
        ("响应率", o["response_rate_pct"]),
        ("按时办理率", o["on_time_rate_pct"]),
        ("诉求解决率", o["resolution_rate_pct"]),
        ("综合满意率", o["satisfaction_rate_pct"]),
    ]
    known = [f"{name} {wording.prose_percent(fraction(value))}" for name, value in rates if value is not None]
    if known:
        blocks.append(Paragraph.of(f"{values['jurisdiction']}{'，'.join(known)}。"))
    trend = data["trend"][-spec["trend_periods"] :]
    if len(trend) > 1:
        blocks.append(
            Chart(
                title=f"近{len(trend)}期受理量趋势图",
                kind="line",
                labels=tuple(r["period_label"] for r in trend),
                series=(("受理量", tuple(float(r["handled_count"] or 0) for r in trend)),),
            )
        )
    return blocks


def fraction(pct):
    return None if pct is None else float(pct) / 100


def mix_blocks(data) -> list:
    channels = [r for r in data["mix"] if r["dimension"] == "channel"]
    types = [r for r in data["mix"] if r["dimension"] == "request_type"]
    blocks = []
    if channels:
        blocks.append(
            Chart(
                "各渠道受理量数据图",
                "bar",
                tuple(r["member_label_zh"] for r in channels),
                (("受理量", tuple(float(r["ticket_count"]) for r in channels)),),
            )
        )
    if types:
        parts = [
            f"{r['member_label_zh']}类工单 {wording.count(r['ticket_count'])} 件，占比 "
            f"{wording.percent(fraction(r['share_pct']))}"
            for r in types
        ]
        blocks.append(Paragraph.of(f"从群众来电类别看，{'；'.join(parts)}。"))
        blocks.append(
            Chart(
                "来电类别数据图",
                "pie",
                tuple(r["member_label_zh"] for r in types),
                (("工单", tuple(float(r["ticket_count"]) for r in types)),),
            )
        )
    return blocks
