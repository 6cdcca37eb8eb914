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
from dataclasses import dataclass
from pathlib import Path

from hotline import engines
from hotline.check_config import require_valid
from hotline.dbt_cli import DbtFailed, run_dbt
from hotline.landing import land_folder
from hotline.settings import duckdb_path, exports_dir, salt_problem
from hotline.summary import files_over_threshold
from hotline.test_scope import build_scope, record_passed
from hotline.writer_lock import EXIT_BUILD_RUNNING, BuildRunning, writer_lock

LANDING_STARTED = "HOTLINE_LANDING_STARTED_AT"  # read by the quarantine-share test: this run's files only


def seed_and_land(
    database: Path, folder: Path | None, env: dict[str, str] | None = None, engine: str | None = None
) -> Landed:
    """Load configuration seeds, then the raw data: the sample seeds, or the landing folder.

    Returns the files (and workbook sheets) of the folder that were not landed, and why,
    and the environment the following dbt build needs (when this landing began).
    """
    for warning in require_valid():  # the configuration first: errors stop the build here
        print(warning)
    database.parent.mkdir(parents=True, exist_ok=True)  # a fresh clone has no warehouse/ yet
    env = {**(env or {}), "HOTLINE_DUCKDB_PATH": str(database)}
    pg_database = env.get("HOTLINE_PG_DATABASE")
    target = engines.dbt_env(engine, pg_database, database)  # empty on DuckDB; elsewhere only raw comes through DuckDB
    seed_env = {**env, **target} if engines.seeds_on_engine(engine) else env
    if folder is None:
        if target:
            run_dbt(["seed", "--full-refresh", "--exclude", "tag:sample"], seed_env)
            run_dbt(["seed", "--full-refresh", "--select", "tag:sample"], env)
            engines.load_raw(database, True, engine, pg_database)
        else:
            run_dbt(["seed", "--full-refresh"], env)
        return Landed([], {LANDING_STARTED: "1900-01-01 00:00:00", **target})  # the sample: every file counts
    run_dbt(["seed", "--full-refresh", "--exclude", "tag:sample"], seed_env)
    report = land_folder(folder, database)
    engines.load_raw(database, False, engine, pg_database)
    skipped = report.not_landed + [
        (name, f"still rejected, unchanged since: {why}; 'python -m hotline rejected' lists them")
        for name, why in report.still_rejected
    ]
    for name, why in skipped:
        print(f"not landed: {name} ({why})")
    return Landed(skipped, {LANDING_STARTED: report.started_at.isoformat(sep=" "), **target})


@dataclass
class Landed:
    not_landed: list[tuple[str, str]]
    dbt_env: dict[str, str]


def build(
    database: Path | None = None,
    folder: Path | None = None,
    full_refresh: bool = False,
    env: dict[str, str] | None = None,
    engine: str | None = None,
) -> None:
    """Seed or land, then ``dbt build`` every model and test (seeds were loaded just before)."""
    database = database or duckdb_path()
    database.parent.mkdir(parents=True, exist_ok=True)
    env = {**(env or {}), "HOTLINE_DUCKDB_PATH": str(database)}
    with writer_lock(database):
        landed = seed_and_land(database, folder, env, engine)
        env = {**env, **landed.dbt_env}
        args = ["build", "--exclude", "resource_type:seed"]
        # the embedded sample replaces raw.* wholesale, so its build is always a full one;
        # landed files only ever add, so their builds are incremental; unit tests run with the sample
        extra, scope = build_scope(
            database, incremental=not (full_refresh or folder is None), unit_tests=folder is None
        )
        args += extra
        env = {**env, **scope}
        try:
            run_dbt(args, env)
        except DbtFailed as failed:
            over = files_over_threshold(database, landed.dbt_env.get(LANDING_STARTED), engine)
            if over:
                raise DbtFailed(f"{failed}\n" + "\n".join(over)) from None
            raise
        record_passed(database)


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
