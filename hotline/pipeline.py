"""Build the warehouse without the orchestrator: land or seed, then ``dbt build``.

    python -m hotline build [--full-refresh]

With HOTLINE_EXPORTS_DIR set, the export files of that folder are landed into
raw.* and the embedded sample seeds are left out; without it, ``dbt seed`` loads
the embedded sample into raw.*. Configuration and reference seeds are loaded in
both cases. The Dagster job (orchestration/) runs the same steps as assets.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from hotline.dbt_cli import run_dbt
from hotline.landing import land_folder
from hotline.settings import duckdb_path, exports_dir, salt_problem
from hotline.writer_lock import EXIT_BUILD_RUNNING, BuildRunning, writer_lock


def seed_and_land(database: Path, folder: Path | None, env: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """Load configuration seeds, then the raw data: the sample seeds, or the landing folder.

    Returns the files (and workbook sheets) of the folder that were not landed, and why.
    """
    database.parent.mkdir(parents=True, exist_ok=True)  # a fresh clone has no warehouse/ yet
    env = {**(env or {}), "HOTLINE_DUCKDB_PATH": str(database)}
    if folder is None:
        run_dbt(["seed", "--full-refresh"], env)
        return []
    run_dbt(["seed", "--full-refresh", "--exclude", "tag:sample"], env)
    report = land_folder(folder, database)
    for name, why in report.not_landed:
        print(f"not landed: {name} ({why})")
    return report.not_landed


def build(
    database: Path | None = None,
    folder: Path | None = None,
    full_refresh: bool = False,
    env: dict[str, str] | None = None,
) -> None:
    """Seed or land, then ``dbt build`` every model and test (seeds were loaded just before)."""
    database = database or duckdb_path()
    database.parent.mkdir(parents=True, exist_ok=True)
    env = {**(env or {}), "HOTLINE_DUCKDB_PATH": str(database)}
    with writer_lock(database):
        seed_and_land(database, folder, env)
        args = ["build", "--exclude", "resource_type:seed"]
        # the embedded sample replaces raw.* wholesale, so its build is always a full one;
        # landed files only ever add, so their builds are incremental
        if full_refresh or folder is None:
            args.append("--full-refresh")
        run_dbt(args, env)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Seed or land, then dbt build, then print the summary.")
    parser.add_argument("--full-refresh", action="store_true")
    args = parser.parse_args(argv)
    from hotline.summary import print_summary

    database = duckdb_path()
    folder = exports_dir()
    print(f"Building {database} from {'the landing folder ' + str(folder) if folder else 'the embedded sample'}")
    if warning := salt_problem(folder):
        print(f"WARNING: {warning}")
    try:
        build(database, folder, args.full_refresh)
    except BuildRunning as running:
        print(running)
        return EXIT_BUILD_RUNNING
    print_summary(database)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONIOENCODING", "utf-8")
    raise SystemExit(main())
