"""The bulletin as a document: the 东昌府区 2024-02 fixture rendered and read back.

The .docx is parsed back with python-docx and its appendix tables compared cell
for cell with the printed bulletin (tests/fixtures/.../expected, typed from the
bulletin), its lists and sentences with the bulletin's own words; the PDF's text
is extracted (pypdfium2) and must hold the same strings, so its font is embedded
and its text is real; its first page is drawn and must not be blank.
"""

from __future__ import annotations

import csv
import re
from datetime import date
from decimal import Decimal

import docx
import pypdfium2
import pytest

from hotline.document.monthly import build
from hotline.document.writers import write
from tests.python.conftest import FIXTURES

EXPECTED = FIXTURES / "dongchangfu_2024_02" / "expected"
ALIASES = {"区柳园街道": "柳园街道", "区体育中心": "区体育发展中心", "区林业中心": "区林业发展中心"}
# the headers as the bulletin prints them (tables 1-2, and table 3 of the < 50 tier), leaders' columns aside
HEADERS_COMPOSITE = [
    "单位",
    "承办量",
    "响应率得分(5)",
    "按时办理率得分(5)",
    "解决率得分(40)",
    "满意率得分(50)",
    "减分项",
    "考核得分",
    "质效",
    "办理得分",
    "办理排名",
    "抽测排名",
    "综合排名",
]
HEADERS_TOTAL = [
    "单位",
    "承办量",
    "响应率得分(5)",
    "按时办理率得分(5)",
    "解决率得分(40)",
    "满意率得分(50)",
    "减分项",
    "考核得分",
    "考核排名",
    "质效",
    "综合得分",
    "综合排名",
]
COLUMN_OF = {
    "单位": "unit_name",
    "承办量": "handled_count",
    "响应率得分(5)": "response_score",
    "按时办理率得分(5)": "on_time_score",
    "解决率得分(40)": "resolution_score",
    "满意率得分(50)": "satisfaction_score",
    "减分项": "deduction",
    "考核得分": "assessment_score",
    "考核排名": "assessment_rank",
    "质效": "quality_bonus",
    "办理得分": "total_score",
    "综合得分": "total_score",
    "办理排名": "handling_rank",
    "抽测排名": "sampling_rank",
    "综合排名": "overall_rank",
}
# the bulletin's own words (section 二(二)), with 区林业中心 under its registry name
SENTENCES = [
    "镇（街）、园区共承办工单 3935 件",
    "解决率前三名是韩集镇、广平镇、堂邑镇，后三名是梁水镇镇、闫寺街道、嘉明开发区",
    "满意率前三名是新区街道、柳园街道、张炉集镇，后三名是斗虎屯镇、闫寺街道、嘉明开发区",
    "在承办量较多的部门中，解决率前三名是区医保局、区农业农村局、区税务局，后三名是区住建局、东安公司、香江服务中心",
    "满意率前三名是区税务局、区医保局、区市场监管局，后三名是区林业发展中心、民安公司、东安公司",
    "注：2月数据统计时间为2024年1月25日至2024年2月22日",
]


def expected(name: str) -> list[dict]:
    with open(EXPECTED / name, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _number(text: str) -> Decimal:
    return Decimal(text[:-1]) / 100 if text.endswith("%") else Decimal(text)


@pytest.fixture(scope="module")
def dongchangfu_files(dongchangfu_warehouse, tmp_path_factory):
    document = build(dongchangfu_warehouse, "东昌府区", "2024-02", date(2024, 3, 11))
    return document, write(document, tmp_path_factory.mktemp("dc_bulletin"), "东昌府区_2024-02_月报")


@pytest.fixture(scope="module")
def word_tables(dongchangfu_files):
    tables = docx.Document(str(dongchangfu_files[1]["docx"])).tables
    return [[[cell.text for cell in row.cells] for row in table.rows] for table in tables]


def _table_with(word_tables, header_start: list[str], first_unit: str) -> list[list[str]]:
    return next(t for t in word_tables if t[0][: len(header_start)] == header_start and t[1][0] == first_unit)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "headers"),
    [
        ("table1_towns.csv", HEADERS_COMPOSITE),
        ("table2_dept_ge_50.csv", HEADERS_COMPOSITE),
        ("table3_dept_lt_50.csv", HEADERS_TOTAL),
    ],
)
def test_appendix_tables_hold_the_printed_values_cell_for_cell(word_tables, name, headers):
    printed = expected(name)
    units = {ALIASES.get(r["unit_name"], r["unit_name"]) for r in printed}
    table = next(t for t in word_tables if t[0] == headers and {row[0] for row in t[1:]} == units)
    cells = {row[0]: dict(zip(table[0], row, strict=True)) for row in table[1:]}
    mismatches = []
    for row in printed:
        ours = cells[ALIASES.get(row["unit_name"], row["unit_name"])]
        for header in headers[1:]:
            column = COLUMN_OF[header]
            if column in row and _number(ours[header]) != _number(row[column]):
                mismatches.append(f"{row['unit_name']} {header}: printed {row[column]}, document {ours[header]}")
    assert not mismatches, "\n".join(mismatches)


@pytest.mark.slow
def test_enterprise_and_onsite_tables(word_tables):
    enterprise = _table_with(word_tables, ["单位", "承办量", "按时办理率"], "区人社局")
    assert enterprise[0] == [
        "单位",
        "承办量",
        "按时办理率",
        "按时办理得分(20)",
        "解决率",
        "解决情况得分(40)",
        "满意率",
        "满意度得分(40)",
        "总得分",
        "排名",
    ]
    ours = {row[0]: row for row in enterprise[1:]}
    errata = {"民安公司": "25", "东安公司": "26"}  # the bulletin's rank slip after a tie (see test_acceptance_bulletin)
    for row in expected("table4_enterprise.csv"):
        line = ours[ALIASES.get(row["unit_name"], row["unit_name"])]
        printed = list(row.values())[1:]
        printed[-1] = errata.get(row["unit_name"], printed[-1])
        assert [_number(x) for x in line[1:]] == [_number(x) for x in printed], row["unit_name"]
    onsite = _table_with(word_tables, ["承办单位", "工单数"], "区税务局")
    assert onsite[1:] == [list(r.values()) for r in expected("table5_onsite.csv")]


@pytest.mark.slow
def test_top_and_bottom_lists(word_tables):
    printed = expected("top_bottom_lists.csv")
    lists = [t for t in word_tables if t[0] == ["前三名", "名次", "后三名", "名次"]]
    assert len(lists) == 3
    for table, tier in zip(lists, ("towns", "dept_ge_50", "dept_lt_50"), strict=True):
        tops = {row[0]: row[1] for row in table[1:] if row[0]}
        bottoms = {row[2]: row[3] for row in table[1:] if row[2]}
        for row in (r for r in printed if r["tier"] == tier):
            names = tops if row["list"] == "top" else bottoms
            assert names[ALIASES.get(row["unit_name"], row["unit_name"])] == row["rank"], row
        assert len(bottoms) == 3


@pytest.mark.slow
def test_sentences_and_pdf_text(dongchangfu_files):
    document, paths = dongchangfu_files
    text = document.text()
    for sentence in SENTENCES:
        assert sentence in text, sentence
    # the town share is over every unit's 承办量 the tables print (11226); the bulletin divides
    # by its overview's 11198 tickets, which the fixture does not hold (it prints 35.14 %)
    total = sum(
        int(r["handled_count"])
        for n in ("table1_towns.csv", "table2_dept_ge_50.csv", "table3_dept_lt_50.csv")
        for r in expected(n)
    )
    assert total == 11226 and f"占总量的 {Decimal(3935 * 100) / total:.2f}%" in text
    pdf = pypdfium2.PdfDocument(str(paths["pdf"]))
    pdf_text = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    flat = re.sub(r"—\d+—", "", "".join(pdf_text.split()))  # page numbers fall inside sentences at a page end
    for sentence in [*SENTENCES, "响应率得分(5)", "东昌府区12345市民热线月报", "95.72", "区行政审批局"]:
        assert "".join(sentence.split()) in flat, sentence
    html = paths["html"].read_text(encoding="utf-8")
    assert "解决率前三名" in html and "http://" not in html and "https://" not in html


@pytest.mark.slow
def test_pdf_first_page_is_drawn(dongchangfu_files):
    page = pypdfium2.PdfDocument(str(dongchangfu_files[1]["pdf"]))[0]
    image = page.render(scale=1).to_pil().convert("L")
    histogram = image.histogram()
    dark = sum(histogram[:128])
    assert 0.005 < dark / (image.width * image.height) < 0.5  # ink on the page, but not a black page
    red = page.render(scale=1).to_pil().convert("RGB").getpixel  # the red masthead is drawn, in colour
    assert any(red((x, y))[0] > 150 > red((x, y))[1] for x in range(0, image.width, 3) for y in range(30, 90, 3))
