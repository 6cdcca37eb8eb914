"""The export contracts (tickets, unit statistics, assessment inputs) as data.

One place that knows every column: its English name, the Chinese header a real
platform writes, and whether it is required. The loader maps headers with it,
the generator writes headers from it, and the raw tables are created from it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    name: str
    header_zh: str
    required: bool


@dataclass(frozen=True)
class Contract:
    """One export table: its raw table name and its columns in file order."""

    table: str
    columns: tuple[Column, ...]
    optional_headers: tuple[Column, ...] = ()

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    def header_map(self) -> dict[str, str]:
        """Map every accepted header (Chinese or English) to the column name."""
        mapping: dict[str, str] = {}
        for col in (*self.columns, *self.optional_headers):
            mapping[col.name] = col.name
            mapping[col.header_zh] = col.name
        return mapping


TICKETS = Contract(
    table="ticket_exports",
    columns=(
        Column("ticket_id", "工单编号", True),
        Column("jurisdiction", "所属区县", True),
        Column("received_at", "受理时间", True),
        Column("channel", "受理渠道", True),
        Column("request_type", "诉求类型", True),
        Column("category_path", "问题分类", True),
        Column("is_enterprise", "是否企业诉求", True),
        Column("urgency", "紧急程度", True),
        Column("unit_name", "承办单位", True),
        Column("assigned_at", "派单时间", True),
        Column("signed_at", "签收时间", False),
        Column("due_at", "办理时限", True),
        Column("extension_granted", "是否延期", True),
        Column("status", "办理状态", True),
        Column("returned_at", "回退时间", False),
        Column("closed_at", "办结时间", False),
        Column("redo_count", "重办次数", True),
        Column("city_redo", "是否市级重办", True),
        Column("exempt", "是否不计考核", True),
        Column("callback_resolution", "回访解决情况", False),
        Column("callback_result_satisfaction", "办理结果满意度", False),
        Column("callback_process_satisfaction", "服务过程满意度", False),
        Column("city_sampled", "是否市级抽访", True),
        Column("city_resolution", "抽访解决情况", False),
        Column("city_process_satisfaction", "抽访服务过程满意度", False),
        Column("onsite_required", "是否要求2小时到现场", True),
        Column("onsite_at", "到达现场时间", False),
        Column("met_caller", "与市民见面情况", False),
        Column("caller_name", "来电人", False),
        Column("caller_phone", "联系电话", False),
        Column("content", "诉求内容", False),
        Column("reply", "办理结果", False),
        # contract v1.1: the city's sampled 办理结果满意度 (files of v1.0 have no such column)
        Column("city_result_satisfaction", "抽访办理结果满意度", False),
    ),
)

# ``scope`` is an extension of contract v1: the same per-unit statistics for the
# enterprise demands (企业诉求) only. Absent means the whole ticket population.
UNIT_STATISTICS = Contract(
    table="unit_statistics",
    columns=(
        Column("jurisdiction", "所属区县", True),
        Column("period", "统计周期", True),
        Column("unit_name", "承办单位", True),
        Column("handled_count", "承办量", True),
        Column("response_rate", "响应率", False),
        Column("on_time_rate", "按时办理率", False),
        Column("resolution_rate", "解决率", False),
        Column("satisfaction_rate", "满意率", False),
        Column("scope", "统计范围", False),
    ),
    optional_headers=(Column("satisfaction_rate", "综合满意率", False),),
)

ASSESSMENT_INPUTS = Contract(
    table="assessment_inputs",
    columns=(
        Column("jurisdiction", "所属区县", True),
        Column("period", "统计周期", True),
        Column("unit_name", "承办单位", True),
        Column("deduction", "减分项", False),
        Column("quality_bonus", "质效", False),
        Column("sampling_rank", "抽测排名", False),
    ),
    optional_headers=(Column("deduction", "质效考核得分", False),),
)

CONTRACTS = (TICKETS, UNIT_STATISTICS, ASSESSMENT_INPUTS)


def contract_for_headers(headers: list[str]) -> Contract | None:
    """Pick the contract whose headers the file carries most of (None: no overlap).

    The loader then reports, against that contract, every header it does not
    know and every required column that is missing.
    """
    best, best_hits = None, 0
    for contract in CONTRACTS:
        known = contract.header_map()
        hits = sum(1 for h in headers if h in known) / len(contract.columns)
        if hits > best_hits:
            best, best_hits = contract, hits
    return best
