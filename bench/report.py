"""BENCHMARKS.md from the recorded runs in bench/results/*.json."""

from __future__ import annotations

import json
from pathlib import Path

from bench.numbers import LEAN, LEAN_NEW
from bench.spark_report import spark_section

# the models of the typing step (compared with the lean script's `staged`)
TYPING_NODES = ("base_hotline__ticket_rows", "base_hotline__export_files", "base_hotline__repeated_rows")

TARGETS = """Targets (ratios, because the machine is shared and noisy):

| target | wanted |
|---|---|
| ingestion + full build vs the lean floor (bench/lean.py, CSV to metrics in one DuckDB script) | ≤ 1.3× |
| one new period vs the lean floor's new period | ≤ 3× (at 1M) |
| one new period vs full build | ≤ 0.05× (at 10M) |
| polars doing the lean floor's work vs warehouse (ingestion + full build) | polars ≥ 5× slower, wherever it fits |
| full build vs the raw-DuckDB floor (the same compiled SQL without dbt) | ≤ 1.3× |
| ingestion speed vs bare `read_csv` | ≥ 0.8× (floor time / our time) |
| pandas vs warehouse (ingestion + full build) | pandas ≥ 20× slower, wherever it fits |
| peak RSS at 10M | ≤ 3 GB |

Runs recorded before the lean floor and polars existed show "–" for them.
"""


def _phase(record: dict, name: str) -> dict | None:
    return next((p for p in record["phases"] if p["phase"] == name), None)


def _fmt(phase: dict | None) -> str:
    if phase is None:
        return "| – | – | – |"
    rss = phase["peak_rss"] / 2**30
    return f"| {phase['wall']:.1f} | {phase['cpu']:.1f} | {rss:.2f} |"


def _verdict(value: float, limit: float, smaller_is_better: bool) -> str:
    ok = value <= limit if smaller_is_better else value >= limit
    return "met" if ok else f"missed by {abs(value / limit - 1) * 100:.0f} %"


def summarise(record: dict) -> list[str]:
    get = lambda name: _phase(record, name)  # noqa: E731
    ingestion, read_csv = get("ingestion"), get("ingestion floor (read_csv)")
    full, floor = get("full build"), get("full build floor (DuckDB SQL)")
    land, build = get("incremental (one new period)"), get("incremental build")
    pandas = get("pandas")
    incremental_wall = land["wall"] + build["wall"]
    lines = [
        f"### {record['size']:,} tickets ({record['rows']:,} export rows over 24 periods; "
        f"new period {record['new_period_rows']:,} rows)",
        "",
        f"Run {record['date']} on {record['machine']['cpu']}, {record['machine']['cores']} cores, "
        f"{record['machine']['memory_gb']} GB; {record['machine']['os']}, Python {record['machine']['python']}.",
        "",
        "| phase | wall s | CPU s | peak RSS GB |",
        "|---|---|---|---|",
    ]
    for phase in record["phases"]:
        note = f" ({phase['note']})" if phase.get("note") else ""
        lines.append(f"| {phase['phase']}{note} {_fmt(phase)}")
    lean, lean_new, polars = get(LEAN), get(LEAN_NEW), get("polars")
    full_ratio = full["wall"] / floor["wall"]
    models = record["dbt_node_seconds"]["models"]
    tests = record["dbt_node_seconds"]["tests"]
    ingest_ratio = read_csv["wall"] / ingestion["wall"]
    incremental_ratio = incremental_wall / full["wall"]
    warehouse_phases = (
        "ingestion",
        "full build",
        "incremental (one new period)",
        "incremental build",
        "checks (GX)",
        "publish",
    )
    peak = max(p["peak_rss"] for p in record["phases"] if p["phase"] in warehouse_phases) / 2**30
    lines += ["", "| ratio | value | target |", "|---|---|---|"]
    if lean and lean_new:
        built = ingestion["wall"] + full["wall"]
        end_to_end = built + get("checks (GX)")["wall"] + get("publish")["wall"]
        lean_ratio, e2e_ratio = built / lean["wall"], end_to_end / lean["wall"]
        new_ratio = incremental_wall / lean_new["wall"]
        lines += [
            f"| ingestion + full build / lean floor | {lean_ratio:.2f}× | {_verdict(lean_ratio, 1.3, True)} |",
            f"| end to end (+ checks, publish) / lean floor | {e2e_ratio:.2f}× | – |",
            f"| one new period / lean floor's new period | {new_ratio:.2f}× | {_verdict(new_ratio, 3, True)} |",
        ]
    staged = record.get("lean_steps", {}).get("staged")
    # the typing step: the wide rows typed and checked, and the two narrow file-fact tables
    # (runs recorded before 2026-12-04 did it all in stg_hotline__ticket_rows)
    node_seconds = record["dbt_node_seconds"].get("model_seconds", {})
    typing_nodes = [node for node in TYPING_NODES if node in node_seconds] or ["stg_hotline__ticket_rows"]
    typing = sum(node_seconds.get(node, 0.0) for node in typing_nodes)
    if staged and typing:
        typing_ratio = (ingestion["wall"] + typing) / staged
        named = " + ".join(f"`{node}`" for node in typing_nodes)
        lines.append(
            f"| typing step: ingestion + {named} ({ingestion['wall']:.1f} + {typing:.1f} s) "
            f"/ the lean script's `staged` ({staged:.1f} s) | {typing_ratio:.2f}× | "
            f"{_verdict(typing_ratio, 1.3, True)} |"
        )
    if polars and polars.get("ok"):
        polars_ratio = polars["wall"] / (ingestion["wall"] + full["wall"])
        lines.append(
            f"| polars / warehouse (ingestion + full build) | {polars_ratio:.2f}× | "
            f"{_verdict(polars_ratio, 5, False)} |"
        )
    lines += [
        f"| full build / floor (wall) | {full_ratio:.2f}× | {_verdict(full_ratio, 1.3, True)} |",
        f"| incremental period / full build | {incremental_ratio:.2f}× | {_verdict(incremental_ratio, 0.05, True)} |",
        f"| ingestion speed vs read_csv | {ingest_ratio:.2f}× | {_verdict(ingest_ratio, 0.8, False)} |",
    ]
    if pandas and not pandas.get("note"):
        pandas_ratio = pandas["wall"] / (ingestion["wall"] + full["wall"])
        lines.append(
            f"| pandas / warehouse (ingestion + full build) | {pandas_ratio:.2f}× | "
            f"{_verdict(pandas_ratio, 20, False)} |"
        )
    elif pandas:
        lines.append(f"| pandas / warehouse | – | pandas {pandas['note']} |")
    lines.append(
        f"| peak RSS of any warehouse phase | {peak:.2f} GB | "
        f"{_verdict(peak, 3, True) if record['size'] >= 10_000_000 else '(3 GB applies at 10M)'} |"
    )
    lines += [
        "",
        f"dbt's own accounting of the full build (node time, summed over its two threads): {models:.1f} s in "
        f"models, {tests:.1f} s in tests, against {full['wall']:.1f} s of wall time.",
        "",
    ]
    incremental = record.get("incremental_node_seconds")
    if incremental:
        costliest = ", ".join(f"{name} {seconds:.2f}" for name, seconds in incremental["costliest"])
        lines += [
            f"The incremental build's: {incremental['models']:.1f} s in models, {incremental['tests']:.1f} s in "
            f"tests, against {build['wall']:.1f} s of wall time (dbt's start-up and parsing are the rest); "
            f"costliest nodes (s): {costliest}.",
            "",
        ]
    lines += [
        "Same unit-period numbers (cells that differ; counts and ranks exact, rates within 1e-9, scores to the cent):",
        "",
    ]
    for name, diff in record["comparisons"].items():
        cells = {k: v for k, v in diff.items() if k != "rows"}
        verdict = "identical" if not any(cells.values()) else f"DIFFER: {cells}"
        lines.append(f"- {name}: {diff['rows']:,} unit-periods, {verdict}")
    lines.append("")
    return lines


def overview(records: list[dict]) -> list[str]:
    """One table across sizes: wall seconds per phase, then the target ratios."""
    if not records:
        return []
    phases = []  # every phase any run had, in the order runs list them
    for record in records:
        for phase in record["phases"]:
            name = phase["phase"].split(" (re-measured")[0]
            if name not in phases:
                phases.append(name)
    header = "| wall seconds | " + " | ".join(f"{r['size']:,}" for r in records) + " |"
    lines = ["## Summary", "", header, "|---|" + "---|" * len(records)]
    for phase in phases:
        cells = []
        for record in records:
            match = next((p for p in record["phases"] if p["phase"].startswith(phase)), None)
            cells.append("–" if match is None else f"{match['wall']:.1f}" + ("" if match["ok"] else " (failed)"))
        lines.append(f"| {phase} | " + " | ".join(cells) + " |")
    ratios = {
        "full build / floor": lambda r: (
            _phase(r, "full build")["wall"] / _phase(r, "full build floor (DuckDB SQL)")["wall"]
        ),
        "incremental / full build": lambda r: (
            (_phase(r, "incremental (one new period)")["wall"] + _phase(r, "incremental build")["wall"])
            / _phase(r, "full build")["wall"]
        ),
        "ingestion speed vs read_csv": lambda r: (
            _phase(r, "ingestion floor (read_csv)")["wall"] / _phase(r, "ingestion")["wall"]
        ),
        "pandas / (ingestion + full build)": lambda r: (
            _phase(r, "pandas")["wall"] / (_phase(r, "ingestion")["wall"] + _phase(r, "full build")["wall"])
        ),
    }
    ratios = {
        "(ingestion + full build) / lean floor": lambda r: (
            (_phase(r, "ingestion")["wall"] + _phase(r, "full build")["wall"]) / _phase(r, LEAN)["wall"]
        ),
        "new period / lean floor's new period": lambda r: (
            (_phase(r, "incremental (one new period)")["wall"] + _phase(r, "incremental build")["wall"])
            / _phase(r, LEAN_NEW)["wall"]
        ),
        "polars / (ingestion + full build)": lambda r: (
            _phase(r, "polars")["wall"] / (_phase(r, "ingestion")["wall"] + _phase(r, "full build")["wall"])
        ),
        **ratios,
    }

    def shown(name, ratio, record) -> str:
        failed = {p["phase"].split(" (")[0] for p in record["phases"] if not p["ok"]}
        if any(baseline in name for baseline in failed & {"pandas", "polars"}):
            return "did not fit"  # a baseline that failed within its memory limit has no ratio
        try:
            return f"{ratio(record):.2f}×"
        except TypeError:  # a phase this run did not have
            return "–"

    for name, ratio in ratios.items():
        lines.append(f"| **{name}** | " + " | ".join(shown(name, ratio, r) for r in records) + " |")
    return [*lines, ""]


def write_report(results_dir: Path, out: Path | None) -> str:
    everything = [json.loads(p.read_text()) for p in results_dir.glob("*.json")]
    records = sorted((r for r in everything if r.get("engine", "duckdb") == "duckdb"), key=lambda r: r["size"])
    versions = records[-1]["versions"] if records else {}
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench SIZE=…` (bench/): every phase is a separate process tree, measured for wall "
        "time, CPU time (user + system of the tree) and peak RSS (the tree's resident memory, sampled every "
        "50 ms). The lean floor is the core path written once, lean, in one DuckDB script from the CSV files "
        "(bench/lean.py: typing, validation, scrubbing, versions, unit-period metrics; checked equal to the "
        "marts); polars does the same work (bench/polars_baseline.py). The raw-DuckDB floor is the same "
        "compiled SQL run straight on DuckDB (bench/floor.py); the pandas baseline is bench/pandas_baseline.py. "
        "Timings are single runs on a shared 2-core machine: read the "
        "ratios, not the seconds.",
        "",
        "Versions: " + ", ".join(f"{k} {v}" for k, v in versions.items()),
        "",
        TARGETS,
    ]
    lines += overview(records)
    for record in records:
        lines += summarise(record)
    lines += spark_section([r for r in everything if r.get("engine") == "spark"])
    notes = Path(__file__).with_name("NOTES.md")
    if notes.exists():
        lines += [notes.read_text(encoding="utf-8").strip(), ""]
    text = "\n".join(lines)
    if out is not None:
        out.write_text(text, encoding="utf-8")
    return text
