"""Sentences of a bulletin built from rows: who leads and who trails a measure.

Lists follow the printed bulletins: the first ``size`` units by the measure
(前三名), or the last ``size`` (后三名) written from better to worse, as 2024-02
prints 梁水镇镇、闫寺街道、嘉明开发区. Ties are broken by the larger 承办量, then
by name, so a list never grows past its size and never depends on row order.
"""

from __future__ import annotations

from collections.abc import Sequence

from hotline.document import wording
from hotline.document.model import Paragraph, Run


def _order(units: Sequence[dict], measure: str, descending: bool) -> list[dict]:
    known = [u for u in units if u.get(measure) is not None]
    return sorted(
        known, key=lambda u: (-u[measure] if descending else u[measure], -(u["handled_count"] or 0), u["unit_name"])
    )


def _list_size(units: Sequence[dict], measure: str, size: int) -> int:
    """A list holds ``size`` units, or half of a small group, so that no unit leads and trails at once."""
    known = sum(1 for u in units if u.get(measure) is not None)
    return min(size, known // 2) if known > 1 else known


def top(units: Sequence[dict], measure: str, size: int = 3) -> list[str]:
    """The ``size`` units with the highest measure."""
    return [u["unit_name"] for u in _order(units, measure, descending=True)[: _list_size(units, measure, size)]]


def bottom(units: Sequence[dict], measure: str, size: int = 3) -> list[str]:
    """The ``size`` units with the lowest measure, written from the better to the worst."""
    count = _list_size(units, measure, size) if sum(1 for u in units if u.get(measure) is not None) > 1 else 0
    worst = _order(units, measure, descending=False)[:count]
    return [u["unit_name"] for u in reversed(worst)]


def highest_positive(units: Sequence[dict], measure: str, size: int = 3) -> list[str]:
    """Units whose measure is above zero, highest first (办理时长较长, 市重办率较高)."""
    return [u["unit_name"] for u in _order([u for u in units if (u.get(measure) or 0) > 0], measure, True)[:size]]


def movers(units: Sequence[dict], measure: str, rising: bool, size: int = 3) -> list[str]:
    """解决率环比提高 (rising) or 下降幅度较大 (falling): only real rises or falls."""
    moved = [u for u in units if u.get(measure) is not None and (u[measure] > 0 if rising else u[measure] < 0)]
    return [u["unit_name"] for u in _order(moved, measure, descending=rising)[:size]]


def group_paragraph(
    number: int, label: str, handled: int, total: int, units: Sequence[dict], size: int, rank_scope: str = ""
) -> Paragraph:
    """One group's 具体办理情况: volume and share, then every list the data supports.

    1. **镇（街）、园区办理情况。**镇（街）、园区共承办工单 3935 件，占总量的 35.14%。**解决率前三名**是…
    """
    runs = [Run(f"{number}. "), Run(f"{label}办理情况。", bold=True)]
    share = f"，占总量的 {wording.prose_percent(handled / total)}" if total else ""
    runs.append(
        Run(f"{label}共承办工单 {wording.count(handled)} 件{share}。" + (f"{rank_scope}，" if rank_scope else ""))
    )
    clauses: list[list[Run]] = []

    def pair(title: str, leaders: list[str], trailers: list[str]) -> None:
        if leaders:
            clause = [Run(f"{title}前{wording.chinese_number(size)}名", bold=True), Run(f"是{wording.names(leaders)}")]
            if trailers:
                clause += [
                    Run("，"),
                    Run(f"后{wording.chinese_number(size)}名", bold=True),
                    Run(f"是{wording.names(trailers)}"),
                ]
            clauses.append(clause)

    def single(title: str, members: list[str]) -> None:
        if members:
            clauses.append([Run(title, bold=True), Run(f"的是{wording.names(members)}")])

    pair("解决率", top(units, "resolution_rate", size), bottom(units, "resolution_rate", size))
    pair("满意率", top(units, "satisfaction_rate", size), bottom(units, "satisfaction_rate", size))
    single("办理时长较长", highest_positive(units, "avg_handling_workdays", size))
    single("市重办率较高", highest_positive(units, "city_redo_rate", size))
    for index, clause in enumerate(clauses):
        runs += clause + [Run("；" if index < len(clauses) - 1 else "。")]
    rising = movers(units, "resolution_rate_change", rising=True, size=size)
    falling = movers(units, "resolution_rate_change", rising=False, size=size)
    if rising:
        runs += [
            Run(f"解决率环比提高的前{wording.chinese_number(size)}名", bold=True),
            Run(f"是{wording.names(rising)}"),
        ]
        runs.append(Run("；" if falling else "。"))
    if falling:
        runs += [Run("下降幅度较大", bold=True), Run(f"的是{wording.names(falling)}。")]
    return Paragraph(tuple(runs))
