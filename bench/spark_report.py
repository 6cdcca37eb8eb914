"""The Spark section of BENCHMARKS.md: DuckDB's and Spark's phases side by side (bench/spark_run.py)."""

from __future__ import annotations


def _phase(record: dict, name: str) -> dict:
    return next(p for p in record["phases"] if p["phase"] == name)


def _row(label: str, duck: dict, spark: dict) -> str:
    ratio = spark["wall"] / duck["wall"] if duck["wall"] else float("nan")
    return (
        f"| {label} | {duck['wall']:.1f} s, {duck['peak_rss'] / 2**30:.2f} GB | "
        f"{spark['wall']:.1f} s, {spark['peak_rss'] / 2**30:.2f} GB | {ratio:.1f}× |"
    )


def _ingestion_row(record: dict, ingestion: dict, lake: dict) -> str:
    if record.get("raw_rows_written_by") == "landing":  # the landing writes the lake both engines read
        return (
            f"| ingestion (landing into the lake, shared) | {ingestion['wall']:.1f} s | + {lake['wall']:.1f} s: "
            "configuration and the file tables to the lake | – |"
        )
    return (
        f"| ingestion (landing, shared) | {ingestion['wall']:.1f} s | + lake write {lake['wall']:.1f} s "
        f"({lake['wall'] / ingestion['wall']:.0%} of ingestion) | – |"
    )


def spark_section(records: list[dict]) -> list[str]:
    if not records:
        return []
    lines = [
        "## DuckDB and Spark side by side",
        "",
        "`make bench ENGINE=spark SIZE=…` (bench/spark_run.py): the same landed rows built by the same dbt "
        "project on DuckDB and on a local Spark session (local[*], 2 cores, one JVM with a 3 GB driver, Derby "
        "metastore). Both engines read the raw rows from the Parquet lake the landing writes (runs from "
        "2026-12-03 evening on; earlier ones landed into DuckDB tables and the lake write copied the wide rows "
        "out again); the lake write adds configuration, reference and the file tables for Spark. Wall time and "
        "the peak RSS of the whole process tree (the JVM included).",
        "",
    ]
    for record in sorted(records, key=lambda r: r["size"]):
        ingestion, lake = _phase(record, "ingestion"), _phase(record, "lake write")
        nodes = record["dbt_node_seconds"]
        same = all(not v for c in record["comparisons"].values() for k, v in c.items() if k != "rows")
        lines += [
            f"### {record['rows']:,} export rows ({record['date'][:16].replace('T', ' ')}, "
            f"{record['machine']['cores']} cores, {record['machine']['memory_gb']} GB)",
            "",
            "| phase | DuckDB | Spark | Spark / DuckDB |",
            "|---|---|---|---|",
            _ingestion_row(record, ingestion, lake),
            _row("full build (models + every test)", _phase(record, "full build DuckDB"),
                 _phase(record, "full build Spark")),
            _row("one new period: build", _phase(record, "new period build DuckDB"),
                 _phase(record, "new period build Spark")),
            "",
            f"dbt node seconds, full build: DuckDB models {nodes['duckdb full']['models']:.0f} s + tests "
            f"{nodes['duckdb full']['tests']:.0f} s; Spark models {nodes['spark full']['models']:.0f} s + tests "
            f"{nodes['spark full']['tests']:.0f} s. Spark's slowest models: "
            + ", ".join(f"{k} {v} s" for k, v in nodes["spark full"]["slowest"].items())
            + ".",
            "",
            "Unit-period numbers of both engines: " + ("identical." if same else f"DIFFER: {record['comparisons']}"),
            "",
        ]  # fmt: skip
    return lines
