"""The benchmark's steps, each run as its own process so that its whole tree is measured.

python -m bench.steps land --exports DIR --db FILE
python -m bench.steps floor-ingest --exports DIR --db FILE
python -m bench.steps floor-build --db FILE --scripts A.sql B.sql …
python -m bench.steps publish --db FILE --serving FILE
python -m bench.steps pandas --exports DIR --out FILE --limit-gb N
python -m bench.steps lean --exports DIR --db FILE [--out FILE] [--append]
python -m bench.steps polars --exports DIR --out FILE --limit-gb N
python -m bench.steps lake --db FILE
"""

from __future__ import annotations

import argparse
import resource
import sys
from pathlib import Path


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "step", choices=["land", "floor-ingest", "floor-build", "publish", "pandas", "lean", "polars", "lake"]
    )
    parser.add_argument("--exports", type=Path)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--serving", type=Path)
    parser.add_argument("--scripts", type=Path, nargs="*")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--limit-gb", type=float, default=0)
    parser.add_argument("--append", action="store_true")
    args = parser.parse_args(argv)
    if args.step == "land":
        from hotline.landing import land_folder

        land_folder(args.exports, args.db)
    elif args.step == "floor-ingest":
        from bench.floor import ingest

        ingest(sorted(args.exports.glob("tickets_*.csv")), args.db)
    elif args.step == "floor-build":
        from bench.floor import run_scripts

        run_scripts(args.db, args.scripts)
    elif args.step == "lake":
        from hotline.lake import sync_lake

        sync_lake(args.db)
    elif args.step == "publish":
        from hotline.publish import publish

        publish(args.db, args.serving)
    elif args.step == "lean":
        from bench.lean import main as lean_main

        extra = (["--out", str(args.out)] if args.out else []) + (["--append"] if args.append else [])
        lean_main(["--exports", str(args.exports), "--db", str(args.db), *extra])
    elif args.step in ("pandas", "polars"):
        if args.limit_gb:
            limit = int(args.limit_gb * 2**30)
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        if args.step == "pandas":
            from bench.pandas_baseline import main as baseline
        else:
            from bench.polars_baseline import main as baseline
        try:
            baseline(["--exports", str(args.exports), "--out", str(args.out)])
        except MemoryError:
            print(f"{args.step} ran out of the {args.limit_gb:g} GB it may use", file=sys.stderr)
            return 3
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
