"""The embedded sample's bulletin and themed report, and how a run picks its period.

Counts the document prints are checked against counts made another way: plain
SQL over fct_tickets, or Python's csv module over the sample's raw rows.
"""

from __future__ import annotations

import csv
import re
from datetime import date

import docx
import pytest

from hotline.document import themed
from hotline.document.monthly import build
from hotline.document.period_choice import _choose_one, choose
from hotline.document.writers import write
from hotline.settings import SEEDS_DIR
from tests.python.conftest import query

PHONE = re.compile(r"(?<!\d)(?:\+?86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}(?!\d)")
ID_NUMBER = re.compile(r"(?<!\d)\d{6}(?:19|20)\d{2}[01]\d[0-3]\d\d{3}[\dXx](?!\d)")


@pytest.fixture(scope="module")
def sample_files(sample_warehouse, tmp_path_factory):
    document = build(sample_warehouse, "青禾县", "2025-12", date(2026, 1, 12))
    return document, write(document, tmp_path_factory.mktemp("sample_bulletin"), "青禾县_2025-12_月报")


@pytest.mark.slow
def test_sample_bulletin_has_every_section_with_charts(sample_files, sample_warehouse):
    document, paths = sample_files
    text = document.text()
    for heading in (
        "一、受理概况",
        "二、办理情况",
        "（一）承办单位考核情况",
        "（二）具体办理情况",
        "三、民生热点问题",
        "四、企业诉求办理情况",
        "附件",
    ):
        assert heading in text, heading
    (volume,) = query(
        sample_warehouse,
        "select count(*) from marts.fct_tickets where jurisdiction = '青禾县' and period_label = '2025-12'",
    )[0]
    assert f"共受理各类承办事项 {volume} 件" in text
    # 主要涉及: a place the sample's complaints name, counted with SQL on the scrubbed staging text
    topic, place = query(
        sample_warehouse,
        "select t.category_level_2, "
        "regexp_extract(s.content_scrubbed, '反映(幸福小区|锦绣花园|翠湖家园|东方名苑|书香小区)', 1) p "
        "from marts.fct_tickets t join staging.stg_hotline__tickets s using (ticket_id) "
        "where t.period_label = '2025-12' and p <> '' group by all order by count(*) desc, p limit 1",
    )[0]
    assert re.search(f"（[一二三四五]）{topic}问题.*?问题主要涉及[^。]*{place}", text)
    word = docx.Document(str(paths["docx"]))
    assert len(word.inline_shapes) >= 5  # trend, channels, request types, hot topics, enterprise
    assert [p.style.name for p in word.paragraphs if p.text == "一、受理概况"] == ["Heading 1"]
    fonts = word.styles["Normal"].element.rPr.rFonts
    assert fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia") == "仿宋_GB2312"


@pytest.mark.slow
def test_no_personal_data_in_any_form(sample_files):
    _, paths = sample_files
    with open(SEEDS_DIR / "sample" / "ticket_exports.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    names = {r["caller_name"].strip() for r in rows if len(r["caller_name"].strip()) >= 2}
    phones = {re.sub(r"\D", "", r["caller_phone"]) for r in rows if r["caller_phone"]}
    assert len(names) > 1000 and len(phones) > 1000
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(paths["pdf"]))
    texts = {
        "docx": "\n".join(p.text for p in docx.Document(str(paths["docx"])).paragraphs),
        "html": paths["html"].read_text(encoding="utf-8"),
        "pdf": "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf))),
    }
    for fmt, text in texts.items():
        visible = re.sub(r"data:image/png;base64,[A-Za-z0-9+/=]+", "", text)
        assert not PHONE.search(visible) and not ID_NUMBER.search(visible), fmt
        digits = re.sub(r"\D", "", visible)
        assert not [p for p in phones if p in digits], fmt
        leaked = sorted(n for n in names if n in visible)
        assert not leaked, f"{fmt}: {leaked[:5]}"


@pytest.mark.slow
def test_themed_report_counts_match_the_tickets(sample_warehouse, tmp_path):
    counted = query(
        sample_warehouse,
        "select count(*), count(*) filter (where is_closed), "
        "count(*) filter (where is_closed and handling_workdays <= 3), "
        "count(*) filter (where callback_resolution = 'resolved'), count(callback_resolution) "
        "from marts.fct_tickets where jurisdiction = '青禾县' and category_level_2 = '供热' "
        "and received_at >= '2025-11-16' and received_at < '2025-11-23'",
    )[0]
    received, closed, within_3, resolved, answered = counted
    assert received > 10
    document = themed.build(sample_warehouse, "qh_heating_week_2025", date(2025, 11, 25))
    text = document.text()
    assert f"共受理供热相关诉求 {received} 件" in text
    assert f"3个工作日内办结 {within_3} 件" in text
    assert f"解决率 {resolved * 100 / answered:.2f}%".replace(".00%", "%") in text
    total_row = next(b for b in document.blocks if hasattr(b, "rows")).rows[-1]
    assert total_row[:3] == ("合计", str(received), str(closed))
    paths = write(document, tmp_path, "theme")
    assert all(p.stat().st_size > 5000 for p in paths.values())


@pytest.mark.slow
def test_period_choice_on_the_sample(sample_warehouse):
    (latest,) = choose(sample_warehouse, today=date(2026, 12, 3))
    assert (latest.jurisdiction, latest.period) == ("青禾县", "2025-12") and not latest.warning
    # mid-December 2025: December has not ended, so November is the latest complete period
    (mid,) = choose(sample_warehouse, today=date(2025, 12, 15))
    assert mid.period == "2025-11" and "2025-12-15" in mid.reason
    (asked,) = choose(sample_warehouse, period="2025-06")
    assert asked.period == "2025-06" and asked.reason == "asked for (PERIOD)"
    assert choose(sample_warehouse, jurisdiction="东昌府区") == []  # no data there in the sample


def test_period_choice_rules():
    day = date
    rows = [
        ("县", "2025-01", day(2025, 1, 1), day(2025, 1, 31), 300, False, day(2025, 2, 10)),
        ("县", "2025-02", day(2025, 2, 1), day(2025, 2, 28), 280, False, day(2025, 2, 10)),
    ]
    # the newest export runs into February only to the 10th: January is the complete one
    assert _choose_one(rows, day(2025, 6, 1)).period == "2025-01"
    # official unit statistics mark a period's exports as arrived, whatever the tickets say
    official = [rows[0], ("县", "2025-02", day(2025, 2, 1), day(2025, 2, 28), 280, True, None)]
    assert _choose_one(official, day(2025, 6, 1)).period == "2025-02"
    # a complete period far below the previous one is chosen, with a warning
    thin = [rows[0], ("县", "2025-02", day(2025, 2, 1), day(2025, 2, 28), 100, False, day(2025, 3, 2))]
    choice = _choose_one(thin, day(2025, 6, 1))
    assert choice.period == "2025-02" and "looks incomplete: 100 tickets against 300 in 2025-01" in choice.warning
    assert _choose_one(rows, day(2025, 1, 31)) is None  # nothing has ended yet
