"""Bulletin layouts from documents/bulletin_templates.yml: defaults merged with a county's entry.

A county without an entry gets the default layout; an entry overrides key by
key (nested mappings merge, lists replace). ``validate`` lists every problem of
the file in words, so a broken layout is refused before anything is rendered.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

from hotline.settings import PROJECT_DIR

SECTIONS = ("overview", "mix", "ranking", "unit_details", "unit_table", "hotspots", "enterprise", "appendix")
# the columns of the unit table of a report without scores (analyses/bulletin_unit_counts.sql)
UNIT_TABLE_COLUMNS = (
    "unit_name",
    "handled_count",
    "closed_count",
    "returned_count",
    "in_progress_count",
    "overdue_count",
    "response_rate_pct",
    "on_time_rate_pct",
    "resolution_rate_pct",
    "satisfaction_rate_pct",
)
NUMBERINGS = ("month", "sequence")
TABLE_COLUMNS = {
    "unit_name",
    "handled_count",
    "response_score",
    "on_time_score",
    "resolution_score",
    "satisfaction_score",
    "other_components_score",
    "deduction",
    "assessment_score",
    "assessment_rank",
    "quality_bonus",
    "total_score",
    "handling_rank",
    "sampling_rank",
    "overall_rank",
}
RANK_RULES = ("composite_of_ranks", "total_score")


def templates_path() -> Path:
    return Path(os.environ.get("HOTLINE_BULLETIN_TEMPLATES", PROJECT_DIR / "documents" / "bulletin_templates.yml"))


def load_file(path: Path | None = None) -> dict[str, Any]:
    with open(path or templates_path(), encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _merge(base: dict, override: dict) -> dict:
    merged = dict(base)
    for key, value in override.items():
        merged[key] = _merge(base[key], value) if isinstance(value, dict) and isinstance(base.get(key), dict) else value
    return merged


def layout(jurisdiction: str, config: dict[str, Any] | None = None) -> dict[str, Any]:
    """The layout of one jurisdiction's bulletin: the default with its own entry on top."""
    config = config or load_file()
    problems = validate(config)
    if problems:
        raise ValueError(f"{templates_path()}: " + "; ".join(problems))
    return _merge(config["default"], config.get(jurisdiction) or {})


def validate(config: dict[str, Any]) -> list[str]:
    """Every problem of a templates file, in words (empty when it is sound)."""
    problems = []
    if not isinstance(config, dict) or "default" not in config:
        return ["the file needs a `default` layout"]
    if config.get("version") != 1:
        problems.append(f"version must be 1, not {config.get('version')!r}")
    for name, entry in config.items():
        if name == "version":
            continue
        if not isinstance(entry, dict):
            problems.append(f"{name}: a layout is a mapping of keys")
            continue
        unknown = set(entry) - set(config["default"])
        if name != "default" and unknown:
            problems.append(f"{name}: keys the default does not have: {', '.join(sorted(unknown))}")
        merged = _merge(config["default"], entry) if name != "default" else entry
        problems += [f"{name}: {p}" for p in _check_layout(merged)]
    return problems


def _check_layout(entry: dict[str, Any]) -> list[str]:
    problems = []
    unit_columns = [c for c, _ in (entry.get("unit_table") or {}).get("columns", [])]
    bad_columns = [c for c in unit_columns if c not in UNIT_TABLE_COLUMNS]
    if bad_columns:
        problems.append(
            f"unit_table columns not known: {', '.join(bad_columns)} (known: {', '.join(UNIT_TABLE_COLUMNS)})"
        )
    bad_sections = [s for s in entry.get("sections", []) if s not in SECTIONS]
    if bad_sections:
        problems.append(f"sections not known: {', '.join(bad_sections)} (known: {', '.join(SECTIONS)})")
    if len(set(entry.get("sections", []))) != len(entry.get("sections", [])):
        problems.append("a section is listed twice")
    issue = entry.get("issue", {})
    if issue.get("numbering") not in NUMBERINGS:
        problems.append(f"issue.numbering must be one of {', '.join(NUMBERINGS)}")
    if issue.get("numbering") == "sequence" and not issue.get("first_period"):
        problems.append("issue.numbering: sequence needs issue.first_period (YYYY-MM)")
    groups = entry.get("detail_groups")
    if groups != "per_tier":
        if not isinstance(groups, list) or not groups:
            problems.append("detail_groups must be per_tier or a list of groups")
        else:
            for group in groups:
                if not {"label", "count_tiers", "rank_tiers"} <= set(group):
                    problems.append(f"detail group {group!r} needs label, count_tiers and rank_tiers")
    columns = entry.get("appendix", {}).get("columns", {})
    for rule in RANK_RULES:
        if rule not in columns:
            problems.append(f"appendix.columns has no layout for the ranking rule {rule}")
    for rule, layout_columns in columns.items():
        for column in layout_columns:
            if not (isinstance(column, list) and len(column) == 2 and column[0] in TABLE_COLUMNS):
                problems.append(f"appendix.columns.{rule}: {column!r} is not [column, header] of a known column")
    for key in ("trend_periods", "top_channels", "hotspot_count", "places_per_topic", "list_size"):
        if not isinstance(entry.get(key), int) or entry[key] < 1:
            problems.append(f"{key} must be a whole number of at least 1")
    return problems
