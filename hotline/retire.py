"""``python -m hotline retire NAME``: take a loaded file, and every row it brought, out again.

For a file that should never have been loaded: a phone number in its name (the
file name is lineage in published marts, so the personal-data check blocks
publishing, and renaming the file does not help: its content is already loaded),
or the wrong county's export. Its ``landed_files`` row and rejected records go
(so ``raw.<table>`` no longer reads its rows) and its folder leaves the lake,
then the warehouse is rebuilt in full, so staging, marts and the file
reconciliation hold exactly what the remaining files say. The same content,
renamed, lands again on the next run.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import duckdb

from hotline.contract import CONTRACTS
from hotline.dbt_cli import run_dbt
from hotline.lake import lake_path, sweep
from hotline.settings import duckdb_config, duckdb_path
from hotline.writer_lock import EXIT_BUILD_RUNNING, BuildRunning, writer_lock


def retire(database: Path, name: str) -> dict[str, int]:
    """Take the file's rows out of every raw table and the lake; the rows removed per table."""
    con = duckdb.connect(str(database), config=duckdb_config())
    try:
        hashes = [
            h
            for (h,) in con.execute("select _file_hash from raw.landed_files where _source_file = ?", [name]).fetchall()
        ]
        if not hashes:
            raise LookupError(f"no loaded file named {name} (python -m hotline summary lists the files)")
        removed = {
            c.table: con.execute(
                f"select count(*) from raw.{c.table} where _file_hash in (select unnest(?))", [hashes]
            ).fetchone()[0]
            for c in CONTRACTS
        }
        con.execute("begin transaction")
        for table in ["rejected_rows", "landed_files"]:
            removed[table] = con.execute(
                f"delete from raw.{table} where _file_hash in (select unnest(?))", [hashes]
            ).fetchone()[0]
        con.execute("commit")  # from here raw.<table> no longer reads the file's folder
        sweep(con, lake_path(database))
        return removed
    finally:
        con.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m hotline retire", description=__doc__.splitlines()[0])
    parser.add_argument("name", help="the file's name as loaded (as fct_file_reconciliation.source_file shows it)")
    parser.add_argument("--database", type=Path, default=None, help="default: $HOTLINE_DUCKDB_PATH")
    args = parser.parse_args(argv)
    database = args.database or duckdb_path()
    try:
        with writer_lock(database):
            removed = retire(database, args.name)
            print(f"retired {args.name}: " + ", ".join(f"{n} rows from raw.{t}" for t, n in removed.items() if n))
            print("rebuilding the warehouse in full from the remaining files ...")
            run_dbt(
                ["build", "--exclude", "resource_type:seed", "--full-refresh"], {"HOTLINE_DUCKDB_PATH": str(database)}
            )
    except BuildRunning as running:
        print(running)
        return EXIT_BUILD_RUNNING
    except LookupError as missing:
        print(missing)
        return 1
    print("done: publish with 'make run'; a renamed copy of the file lands again there")
    return 0
