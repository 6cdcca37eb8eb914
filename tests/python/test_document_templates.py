"""Bulletin layouts are configuration (documents/bulletin_templates.yml): checked, merged, used."""

from __future__ import annotations

import copy
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from hotline.document import template
from hotline.document.monthly import build
from hotline.document.period_choice import choose
from hotline.generate import generate
from hotline.pipeline import build as build_warehouse
from tests.python.conftest import PROJECT_DIR


def test_committed_templates_are_sound():
    assert template.validate(template.load_file()) == []


def test_a_new_county_gets_the_default_layout():
    config = template.load_file()
    spec = template.layout("新县", config)
    assert spec == config["default"]
    assert spec["title"].format(jurisdiction="新县") == "新县12345政务服务便民热线月报"


def test_a_county_entry_overrides_key_by_key():
    spec = template.layout("东昌府区")
    assert spec["hotline_name"] == "市民热线"
    assert spec["appendix"]["tiers"] == ["dc_towns", "dc_dept_ge_50", "dc_dept_lt_50"]
    # nested keys it leaves out still come from the default
    assert spec["appendix"]["enterprise_note"] == template.load_file()["default"]["appendix"]["enterprise_note"]
    assert spec["sections"] == template.load_file()["default"]["sections"]


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda c: c["default"].__setitem__("sections", ["overview", "weather"]), "sections not known: weather"),
        (lambda c: c["default"]["issue"].__setitem__("numbering", "roman"), "issue.numbering must be one of"),
        (lambda c: c.__setitem__("某县", {"titel": "x"}), "某县: keys the default does not have: titel"),
        (lambda c: c["default"]["appendix"]["columns"]["total_score"].append(["score", "得分"]), "is not [column"),
        (lambda c: c["default"].__setitem__("list_size", 0), "list_size must be a whole number"),
        (lambda c: c["东昌府区"].__setitem__("detail_groups", [{"label": "x"}]), "needs label, count_tiers"),
    ],
)
def test_broken_layouts_are_refused_in_words(change, problem):
    config = copy.deepcopy(template.load_file())
    change(config)
    problems = template.validate(config)
    assert any(problem in p for p in problems), problems
    with pytest.raises(ValueError, match="bulletin_templates"):
        template.layout("青禾县", config)


@pytest.mark.slow
def test_sections_follow_the_layout(sample_warehouse, tmp_path, monkeypatch):
    config = template.load_file()
    config["青禾县"] = {
        **config["青禾县"],
        "sections": ["hotspots", "overview"],
        "issue": {"format": "第{number}期", "numbering": "sequence", "first_period": "2025-01"},
    }
    path = tmp_path / "templates.yml"
    import yaml

    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv("HOTLINE_BULLETIN_TEMPLATES", str(path))
    document = build(sample_warehouse, "青禾县", "2025-12", date(2026, 1, 12))
    headings = [b.text for b in document.blocks if type(b).__name__ == "Heading" and b.level == 1]
    assert headings == ["一、民生热点问题", "二、受理概况"]
    assert document.issue == "第12期"


@pytest.mark.slow
def test_bulletin_command_from_a_warehouse_file(sample_warehouse, tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "hotline",
            "bulletin",
            "--database",
            str(sample_warehouse),
            "--period",
            "2025-06",
            "--out",
            str(tmp_path),
        ],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "青禾县 2025-06 (2025-06-01 .. 2025-06-30): asked for (PERIOD)" in result.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"青禾县_2025-06_月报.{f}" for f in ("docx", "html", "pdf")]


def _snapshot(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_mtime_ns for p in folder.rglob("*")} if folder.exists() else {}


@pytest.mark.slow
def test_a_landing_folder_into_a_new_period_and_outputs_beside_the_warehouse(tmp_path, monkeypatch):
    """The newest export runs into March: February is the complete period, and nothing lands in warehouse/."""
    landing, database = tmp_path / "landing", tmp_path / "elsewhere" / "hotline.duckdb"
    generate(
        landing,
        jurisdiction="青禾县",
        first_period="2025-01",
        periods=3,
        tickets_per_period=40,
        seed=7,
        fmt="csv",
        bad_rate=0.0,
        dirty_rate=0.0,
    )
    march = landing / "tickets_青禾县_20250401.csv"  # the export after March: March's tickets
    lines = march.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    march.write_text("".join(lines[:1] + [x for x in lines[1:] if "2025-03-0" in x]), encoding="utf-8")
    before = _snapshot(PROJECT_DIR / "warehouse")
    monkeypatch.setenv("HOTLINE_DUCKDB_PATH", str(database))
    from hotline import settings
    from orchestration.project import gx_root

    assert settings.serving_path().parent == settings.bulletins_dir().parent == gx_root().parent == database.parent
    build_warehouse(database, landing)
    (choice,) = choose(database, today=date(2026, 12, 3))
    assert choice.period == "2025-02" and "tickets run to 2025-03-0" in choice.reason
    assert _snapshot(PROJECT_DIR / "warehouse") == before
