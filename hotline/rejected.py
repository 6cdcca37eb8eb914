"""``python -m hotline rejected [--clear NAME]``: export files the loader refused whole.

A file refused whole (unknown header, undecodable, not a workbook …) is recorded in
``raw.rejected_files`` by its content hash: the run that met it fails once, naming
it; later runs skip it, unchanged, and build everything else. Changed content is a
new file and is tried again; ``--clear NAME`` forgets a rejection so that the same
content is tried again (after a configuration fix, say).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import duckdb

from hotline.settings import duckdb_config, duckdb_path


def main(argv: list[str] | None = None) -> int:
    """``python -m hotline rejected [--clear NAME]``: the files refused whole, and forgetting one."""
    parser = argparse.ArgumentParser(prog="python -m hotline rejected", description=__doc__.splitlines()[0])
    parser.add_argument("--clear", metavar="NAME", help="forget a rejected file (by its name) so it is tried again")
    parser.add_argument("--database", type=Path, default=None, help="default: $HOTLINE_DUCKDB_PATH")
    args = parser.parse_args(argv)
    database = args.database or duckdb_path()
    if not database.exists():
        print(f"no warehouse at {database}")
        return 1
    from hotline.writer_lock import writer_lock

    with writer_lock(database):
        con = duckdb.connect(str(database), read_only=args.clear is None, config=duckdb_config())
        try:
            ensure = con.execute(
                "select count(*) from information_schema.tables where table_schema = 'raw' "
                "and table_name = 'rejected_files'"
            ).fetchone()[0]
            rows = (
                con.execute("select _source_file, rejected_at, reason from raw.rejected_files order by 2").fetchall()
                if ensure
                else []
            )
            if args.clear:
                if not any(name == args.clear for name, _, _ in rows):
                    print(f"no rejected file named {args.clear}")
                    return 1
                con.execute("delete from raw.rejected_files where _source_file = ?", [args.clear])
                print(f"forgotten: {args.clear} (the next run tries it again)")
                return 0
        finally:
            con.close()
    for name, at, reason in rows:
        print(f"{name}  (rejected {at:%Y-%m-%d %H:%M})  {reason}")
    if not rows:
        print("no rejected files")
    return 0
