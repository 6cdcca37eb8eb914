"""The Chinese number and wording rules, and the lists the sentences print.

Expected strings are written by hand from the 东昌府区 2024-02 bulletin's forms
(同比增长 16.08%, 环比下降 27.24%, 响应率 100%, 韩集镇、广平镇、堂邑镇).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from hotline.document import sentences, wording


@pytest.mark.parametrize(
    ("fraction", "expected"),
    [
        (0.1608, "增长 16.08%"),
        (-0.2724, "下降 27.24%"),
        (0.0, "持平"),
        (0.00004, "持平"),  # rounds to 0.00 %: no change worth a word
        (-0.00004, "持平"),
        (1.082, "增长 108.20%"),
        (0.00005, "增长 0.01%"),  # half up, as bulletins round
        (-1.0, "下降 100%"),
        (None, None),
    ],
)
def test_change_words(fraction, expected):
    assert wording.change(fraction) == expected


def test_change_clause_keeps_only_what_is_known():
    assert wording.change_clause(0.1608, -0.2724) == "，同比增长 16.08%，环比下降 27.24%"
    assert wording.change_clause(None, -0.046) == "，环比下降 4.60%"
    assert wording.change_clause(None, None) == ""


@pytest.mark.parametrize(
    ("fraction", "table", "prose"),
    [(1, "100.00%", "100%"), (0.878, "87.80%", "87.80%"), (0.91855, "91.86%", "91.86%"), (0, "0.00%", "0%")],
)
def test_percentages_in_tables_and_in_prose(fraction, table, prose):
    assert wording.percent(fraction) == table
    assert wording.prose_percent(fraction) == prose


@pytest.mark.parametrize(
    ("value", "printed"),
    [
        (Decimal("10.000000"), "10"),
        (Decimal("37.080000"), "37.08"),
        (Decimal("-0.200000"), "-0.2"),
        (108.7, "108.7"),
        (Decimal("0.000000"), "0"),
        (Decimal("-0.004"), "0"),
        (Decimal("82.505"), "82.51"),
    ],
)
def test_scores_print_as_bulletins_print_them(value, printed):
    assert wording.score(value) == printed


def test_months_dates_and_numbering():
    assert wording.month_words("2024-02") == "二月份"
    assert wording.month_words("2025-12") == "十二月份"
    assert wording.month_words("2025-10") == "十月份"
    assert wording.month_digits("2024-02") == "2 月份"
    assert wording.long_date(date(2024, 3, 11)) == "2024 年 3 月 11 日"
    assert wording.short_date(date(2024, 1, 25)) == "2024年1月25日"
    assert [wording.chinese_number(n) for n in (1, 10, 11, 20, 21, 99)] == [
        "一",
        "十",
        "十一",
        "二十",
        "二十一",
        "九十九",
    ]
    assert wording.ordinal_heading(3) == "三、" and wording.ordinal_paren(2) == "（二）"
    with pytest.raises(ValueError):
        wording.chinese_number(100)


def _units(*rows):
    return [{"unit_name": n, "handled_count": h, "resolution_rate": r} for n, h, r in rows]


def test_lists_of_one_two_and_three_names():
    assert wording.names(["韩集镇"]) == "韩集镇"
    assert wording.names(["韩集镇", "广平镇"]) == "韩集镇、广平镇"
    assert wording.names(["韩集镇", "广平镇", "堂邑镇"]) == "韩集镇、广平镇、堂邑镇"
    many = _units(
        ("甲", 10, 0.9),
        ("乙", 10, 0.8),
        ("丙", 10, 0.7),
        ("丁", 10, 0.6),
        ("戊", 10, 0.5),
        ("己", 10, 0.4),
        ("庚", 10, 0.3),
    )
    assert sentences.top(many, "resolution_rate") == ["甲", "乙", "丙"]
    # the last three, written from the better to the worst (后三名是梁水镇镇、闫寺街道、嘉明开发区)
    assert sentences.bottom(many, "resolution_rate") == ["戊", "己", "庚"]
    # a small group never names a unit as both leading and trailing
    two = _units(("甲", 10, 0.9), ("乙", 10, 0.8))
    assert sentences.top(two, "resolution_rate") == ["甲"] and sentences.bottom(two, "resolution_rate") == ["乙"]
    one = _units(("甲", 10, 0.9))
    assert sentences.top(one, "resolution_rate") == ["甲"] and sentences.bottom(one, "resolution_rate") == []


def test_ties_go_to_the_larger_volume_then_the_name():
    # 2024-02: 区市场监管局 (1819) and 香江服务中心 (51) share 满意率得分 47.28; the bulletin names 区市场监管局
    tied = _units(
        ("区税务局", 91, 0.9694),
        ("区医保局", 127, 0.9492),
        ("香江服务中心", 51, 0.9456),
        ("区市场监管局", 1819, 0.9456),
        ("区卫健局", 221, 0.9142),
        ("区林业发展中心", 114, 0.8786),
    )
    assert sentences.top(tied, "resolution_rate", 3) == ["区税务局", "区医保局", "区市场监管局"]
    same = _units(("乙", 5, 0.5), ("甲", 5, 0.5), ("丙", 5, 0.5), ("丁", 5, 0.5))
    assert sentences.top(same, "resolution_rate", 2) == ["丁", "丙"]  # same volume: by name (code point order)
    assert sentences.top(_units(("甲", 1, None), ("乙", 2, 0.5)), "resolution_rate") == ["乙"]


def test_movers_are_real_rises_and_falls_only():
    units = [
        {"unit_name": n, "handled_count": 1, "change": c}
        for n, c in (("甲", 0.2), ("乙", -0.1), ("丙", 0.0), ("丁", 0.05), ("戊", -0.3))
    ]
    assert sentences.movers(units, "change", rising=True) == ["甲", "丁"]
    assert sentences.movers(units, "change", rising=False) == ["戊", "乙"]


def test_group_paragraph_sentence_form():
    units = [
        {
            "unit_name": n,
            "handled_count": h,
            "resolution_rate": r,
            "satisfaction_rate": s,
            "avg_handling_workdays": d,
            "city_redo_rate": c,
            "resolution_rate_change": m,
        }
        for n, h, r, s, d, c, m in (
            ("甲镇", 100, 0.95, 0.90, 3.0, 0.0, 0.02),
            ("乙镇", 50, 0.85, 0.97, 2.0, 0.01, -0.05),
        )
    ]
    paragraph = sentences.group_paragraph(1, "镇（街）、园区", 150, 600, units, 3)
    assert paragraph.text == (
        "1. 镇（街）、园区办理情况。镇（街）、园区共承办工单 150 件，占总量的 25%。"
        "解决率前三名是甲镇，后三名是乙镇；满意率前三名是乙镇，后三名是甲镇；"
        "办理时长较长的是甲镇、乙镇；市重办率较高的是乙镇。解决率环比提高的前三名是甲镇；下降幅度较大的是乙镇。"
    )
    assert [r.text for r in paragraph.runs if r.bold][:2] == ["镇（街）、园区办理情况。", "解决率前三名"]
