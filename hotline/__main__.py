"""Command line: ``python -m hotline <command>``.

build     seeds (or lands $HOTLINE_EXPORTS_DIR), runs dbt build, prints the summary
check-config  checks the configuration of one or all jurisdictions (see hotline.check_config)
summary   prints the summary of an existing warehouse
bulletin  writes a bulletin (.docx, .html, .pdf) from the serving copy (see hotline.document.cli)
report    writes a themed report (专题) from the serving copy
land      loads a landing folder into raw.* (see hotline.landing)
rejected  lists the export files refused whole; --clear NAME forgets one
retire    takes a loaded file and its rows out again, then rebuilds (see hotline.retire)
pg        start|stop|status|dsn: the project's own PostgreSQL server (see hotline.pg_server)
bi        start|stop|import: Superset with the bulletin dashboard (see hotline.bi)
generate  writes sample exports (see hotline.generate)
sample    rebuilds the embedded sample seeds (see hotline.sample)
"""

from __future__ import annotations

import sys


def main() -> int:
    command, args = (sys.argv[1], sys.argv[2:]) if len(sys.argv) > 1 else ("--help", [])
    if command == "build":
        from hotline.pipeline import main as build

        return build(args)
    if command == "check-config":
        from hotline.check_config import main as check_config

        return check_config(args)
    if command == "summary":
        from hotline.settings import duckdb_path
        from hotline.summary import print_summary

        print_summary(duckdb_path())
        return 0
    if command == "bulletin":
        from hotline.document.cli import bulletin_main

        return bulletin_main(args)
    if command == "report":
        from hotline.document.cli import report_main

        return report_main(args)
    if command == "retire":
        from hotline.retire import main as retire

        return retire(args)
    if command == "rejected":
        from hotline.rejected import main as rejected

        return rejected(args)
    if command == "land":
        from hotline.landing import main as land

        return land(args)
    if command == "pg":
        from hotline.pg_server import main as pg

        return pg(args)
    if command == "bi":
        from hotline.bi import main as bi

        return bi(args)
    if command == "generate":
        from hotline.generate import main as generate

        generate(args)
        return 0
    if command == "sample":
        from hotline.sample import main as sample

        sample(args)
        return 0
    print(__doc__)
    return 0 if command in ("--help", "-h") else 2


if __name__ == "__main__":
    raise SystemExit(main())
