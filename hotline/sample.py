"""Rebuild the embedded sample (``seeds/sample/*.csv``) from the generator.

    python -m hotline.sample

The sample is what the loader would put in ``raw`` after landing a folder of
generated exports (mixed formats, a sprinkling of every kind of bad row), so
``dbt seed`` and the landing folder feed identical raw tables. Load times are
replaced by fixed ones so that the committed files do not change on a rerun.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import duckdb

from hotline.contract import CONTRACTS
from hotline.generate import generate
from hotline.landing import land_folder
from hotline.settings import SEEDS_DIR

SAMPLE = dict(
    jurisdiction="青禾县",
    first_period="2024-10",
    periods=15,
    tickets_per_period=230,
    seed=20240,
    fmt="mixed",
    bad_rate=0.015,
    dirty_rate=0.03,
)


def build(out_dir: Path) -> dict[str, int]:
    counts = {}
    with tempfile.TemporaryDirectory(prefix="hotline-sample-") as tmp:
        landing, database = Path(tmp) / "landing", Path(tmp) / "sample.duckdb"
        generate(landing, **SAMPLE)
        land_folder(landing, database)
        con = duckdb.connect(str(database))
        # a fixed load time per file, in load order, instead of the wall clock
        con.execute(
            "create temp table load_times as select _file_hash, timestamp '2026-01-01 00:00:00' "
            "+ to_minutes(cast(row_number() over (order by _loaded_at, _source_file) as bigint)) as t "
            "from raw.landed_files"
        )
        for table in [c.table for c in CONTRACTS] + ["rejected_rows", "landed_files"]:
            target = out_dir / f"{table}.csv"
            order = "_loaded_at, _source_file" + (", _source_row" if table != "landed_files" else "")
            con.execute(
                f"copy (select r.* replace (l.t as _loaded_at) from raw.{table} as r join load_times as l "
                f"using (_file_hash) order by {order}) to '{target}' (header, delimiter ',')"
            )
            counts[table] = con.execute(f"select count(*) from raw.{table}").fetchone()[0]
        con.close()
    return counts


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=SEEDS_DIR / "sample")
    args = parser.parse_args(argv)
    for table, rows in build(args.out).items():
        print(f"seeds/sample/{table}.csv: {rows} rows")


if __name__ == "__main__":
    main()
