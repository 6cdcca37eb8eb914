"""``python -m hotline check-config [--jurisdiction X] [--landing DIR]``: a county's setup, checked.

Reads the configuration seeds (and, without loading anything, the header and the
unit names of each export in the landing folder) and says in Chinese and English
what is missing or inconsistent, before any build:

- periods that leave days out (unless the rule declares it) or overlap;
- scoring schemes whose weights do not add up to 100, periods no scheme covers;
- tiers that do not cover every volume (1 and up, exactly once) of each assessed
  unit kind, or that name a kind nobody has;
- aliases pointing at no registered unit, units of an unknown jurisdiction;
- calendar years the periods need that neither calendar seed covers (an error for
  years up to this one, a warning for later ones);
- unit names in the exports that are neither registered nor an alias (a warning:
  those rows would be quarantined as unknown_unit).

Every build runs the configuration checks first (``require_valid``): errors stop it,
warnings are printed. The export scan reads every file of the landing folder, so it
runs with this command only (the loader quarantines unknown units either way).
"""

from __future__ import annotations

import argparse
import csv
import sys
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from hotline.periods import PeriodRule, load_rules, periods
from hotline.settings import SEEDS_DIR, exports_dir

OPEN_END = 10**9  # an empty max_handled: no upper bound


@dataclass(frozen=True)
class Finding:
    level: str  # "error" or "warning"
    jurisdiction: str
    zh: str
    en: str

    def __str__(self) -> str:
        label = "错误 ERROR" if self.level == "error" else "提示 WARNING"
        return f"{label} [{self.jurisdiction}] {self.zh} / {self.en}"


class ConfigError(RuntimeError):
    """The configuration has errors: the build does not start."""


def _seed(name: str, seeds: Path) -> list[dict[str, str]]:
    folder = "config" if name.startswith("cfg_") else "reference"
    with open(seeds / folder / f"{name}.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _periods(rule: PeriodRule, declared_gap: bool) -> list[Finding]:
    found = []
    listed = periods(rule)
    for earlier, later in zip(listed, listed[1:], strict=False):
        if later.first_day <= earlier.last_day:
            found.append(
                Finding(
                    "error",
                    rule.jurisdiction,
                    f"周期 {earlier.label} 与 {later.label} 重叠（{later.first_day} 至 {earlier.last_day} 计入两次）",
                    f"periods {earlier.label} and {later.label} overlap ({later.first_day}..{earlier.last_day})",
                )
            )
        elif later.first_day > earlier.last_day + timedelta(days=1) and not declared_gap:
            gap = f"{earlier.last_day + timedelta(days=1)} 至 {later.first_day - timedelta(days=1)}"
            found.append(
                Finding(
                    "error",
                    rule.jurisdiction,
                    f"周期 {earlier.label} 与 {later.label} 之间有空档（{gap} 不属于任何周期）",
                    f"periods {earlier.label} and {later.label} leave {gap.replace(' 至 ', '..')} in no period "
                    "and the rule does not declare a gap (cfg_period_rules.gap_declared)",
                )
            )
    return found


def _schemes(jurisdiction: str, rule: PeriodRule, schemes, components) -> list[Finding]:
    found = []
    for scheme in schemes:
        total = sum(float(c["weight"]) for c in components if c["scheme_id"] == scheme["scheme_id"])
        if components and abs(total - 100) > 1e-9 and total != 0:
            found.append(
                Finding(
                    "error",
                    jurisdiction,
                    f"评分方案 {scheme['scheme_id']} 的权重合计为 {total:g}，应为 100",
                    f"scheme {scheme['scheme_id']}: weights add up to {total:g}, not 100",
                )
            )
    uncovered = [
        label
        for label in (p.label for p in periods(rule))
        if not any(s["scope"] == "all" and s["valid_from_period"] <= label <= s["valid_to_period"] for s in schemes)
    ]
    if uncovered:
        found.append(
            Finding(
                "error",
                jurisdiction,
                f"{len(uncovered)} 个周期没有评分方案（{uncovered[0]} 起）",
                f"{len(uncovered)} period(s) have no scoring scheme of scope 'all' (from {uncovered[0]})",
            )
        )
    return found


def _covers(tier: dict[str, str], handled: int) -> bool:
    low, high = int(tier["min_handled"] or 0), int(tier["max_handled"] or OPEN_END)
    above = handled > low or (handled == low and tier["min_inclusive"] == "true")
    below = handled < high or (handled == high and tier["max_inclusive"] == "true")
    return above and below


def _tiers(jurisdiction: str, tiers, tier_kinds, units) -> list[Finding]:
    found = []
    kinds = sorted({u["unit_kind"] for u in units if u["is_assessed"] == "true"})
    mine = [t for t in tiers if t["scope"] == "all"]
    bounds = sorted({int(t[k]) for t in mine for k in ("min_handled", "max_handled") if t[k]} | {1})
    probes = sorted({b + d for b in bounds for d in (-1, 0, 1) if b + d >= 1} | {OPEN_END - 1})
    starts = sorted({t["valid_from_period"] for t in mine})
    for start in starts:
        valid = [t for t in mine if t["valid_from_period"] <= start <= t["valid_to_period"]]
        for kind in kinds:
            bands = [t for t in valid if (t["tier_id"], kind) in tier_kinds]
            for handled in probes:
                holding = [t["tier_id"] for t in bands if _covers(t, handled)]
                if len(holding) != 1:
                    shown = "不限" if handled == OPEN_END - 1 else str(handled)
                    found.append(
                        Finding(
                            "error",
                            jurisdiction,
                            f"{start} 起承办量 {shown} 的 {kind} 单位落在 {len(holding)} 个分档中（应为 1 个）",
                            f"from {start}, a {kind} unit handling {shown} falls in {len(holding)} tiers "
                            f"({', '.join(holding) or 'none'}), not exactly one",
                        )
                    )
                    break
    return found


def _calendar(jurisdiction: str, rule: PeriodRule, known_days: set[str], today: date) -> list[Finding]:
    found = []
    listed = periods(rule)
    years = range(listed[0].first_day.year, listed[-1].last_day.year + 1)
    for year in years:
        first = date(year, 1, 1)
        missing = [
            d
            for d in (first + timedelta(days=n) for n in range((date(year + 1, 1, 1) - first).days))
            if d.isoformat() not in known_days
        ]
        if missing:
            level = "error" if year <= today.year else "warning"
            found.append(
                Finding(
                    level,
                    jurisdiction,
                    f"工作日历缺少 {year} 年的 {len(missing)} 天：请在 ref_calendar_overrides.csv 中补充",
                    f"the working-day calendar lacks {len(missing)} day(s) of {year}: add them to "
                    "seeds/reference/ref_calendar_overrides.csv",
                )
            )
    return found


def _clean(name: str) -> str:
    return unicodedata.normalize("NFKC", name).strip()


def _units_in_exports(landing: Path, units, aliases, jurisdictions: set[str]) -> list[Finding]:
    from hotline.export_names import unit_names_in_exports

    known = {(u["jurisdiction"], _clean(u["unit_name"])) for u in units}
    known |= {(a["jurisdiction"], _clean(a["alias"])) for a in aliases}
    found = []
    for (jurisdiction, name), where in sorted(unit_names_in_exports(landing).items()):
        if jurisdiction in jurisdictions and (jurisdiction, _clean(name)) not in known:
            found.append(
                Finding(
                    "warning",
                    jurisdiction,
                    f"导出文件中的承办单位“{name}”未登记（{where}），这些工单将被隔离为 unknown_unit",
                    f"unit '{name}' in the exports ({where}) is neither registered nor an alias: "
                    "add it to ref_units.csv or ref_unit_aliases.csv",
                )
            )
    return found


def check(
    jurisdiction: str | None = None,
    landing: Path | None = None,
    seeds: Path = SEEDS_DIR,
    today: date | None = None,
) -> list[Finding]:
    today = today or date.today()
    jurisdictions = [j["jurisdiction"] for j in _seed("cfg_jurisdictions", seeds)]
    if jurisdiction is not None and jurisdiction not in jurisdictions:
        return [
            Finding(
                "error",
                jurisdiction,
                "cfg_jurisdictions.csv 中没有这个区县",
                "no such jurisdiction in seeds/config/cfg_jurisdictions.csv",
            )
        ]
    chosen = [jurisdiction] if jurisdiction else jurisdictions
    rules, rule_rows = load_rules(seeds / "config" / "cfg_period_rules.csv"), _seed("cfg_period_rules", seeds)
    schemes, components = _seed("cfg_scoring_schemes", seeds), _seed("cfg_scheme_components", seeds)
    tiers = _seed("cfg_tiers", seeds)
    tier_kinds = {(r["tier_id"], r["unit_kind"]) for r in _seed("cfg_tier_unit_kinds", seeds)}
    units, aliases = _seed("ref_units", seeds), _seed("ref_unit_aliases", seeds)
    unit_ids = {u["unit_id"] for u in units}
    known_days = {r["calendar_date"] for r in _seed("ref_calendar_cn", seeds)}
    known_days |= {r["calendar_date"] for r in _seed("ref_calendar_overrides", seeds)}
    found: list[Finding] = []
    for name in chosen:
        rule = rules.get(name)
        if rule is None:
            found.append(Finding("error", name, "没有周期规则", "no period rule in cfg_period_rules.csv"))
            continue
        declared = any(r["jurisdiction"] == name and r["gap_declared"] == "true" for r in rule_rows)
        found += _periods(rule, declared)
        found += _schemes(name, rule, [s for s in schemes if s["jurisdiction"] == name], components)
        found += _tiers(
            name,
            [t for t in tiers if t["jurisdiction"] == name],
            tier_kinds,
            [u for u in units if u["jurisdiction"] == name],
        )
        found += _calendar(name, rule, known_days, today)
        for alias in aliases:
            if alias["jurisdiction"] == name and alias["unit_id"] not in unit_ids:
                found.append(
                    Finding(
                        "error",
                        name,
                        f"别名“{alias['alias']}”指向未登记的单位 {alias['unit_id']}",
                        f"alias '{alias['alias']}' points at unit {alias['unit_id']}, which is not registered",
                    )
                )
    for unit in units:
        if unit["jurisdiction"] not in jurisdictions:
            found.append(
                Finding(
                    "error",
                    unit["jurisdiction"],
                    f"单位 {unit['unit_id']} 属于未配置的区县",
                    f"unit {unit['unit_id']} belongs to a jurisdiction not in cfg_jurisdictions.csv",
                )
            )
    if landing is not None and landing.is_dir():
        found += _units_in_exports(landing, units, aliases, set(chosen))
    return found


def require_valid(seeds: Path = SEEDS_DIR) -> list[Finding]:
    """Run first in every build: raise ConfigError on errors, return the warnings."""
    found = check(seeds=seeds)
    errors = [f for f in found if f.level == "error"]
    if errors:
        raise ConfigError(
            "the configuration has errors (python -m hotline check-config):\n" + "\n".join(f"  {f}" for f in errors)
        )
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m hotline check-config", description=__doc__.splitlines()[0])
    parser.add_argument("--jurisdiction", help="one jurisdiction (default: all)")
    parser.add_argument("--landing", type=Path, default=None, help="landing folder (default: $HOTLINE_EXPORTS_DIR)")
    args = parser.parse_args(argv)
    found = check(args.jurisdiction, args.landing or exports_dir())
    for finding in found:
        print(finding)
    errors = sum(f.level == "error" for f in found)
    print(
        f"配置检查：{errors} 个错误，{len(found) - errors} 个提示 / "
        f"configuration check: {errors} error(s), {len(found) - errors} warning(s)"
    )
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
