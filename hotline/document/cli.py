"""``python -m hotline bulletin`` and ``python -m hotline report``: documents from a warehouse file.

    python -m hotline bulletin [--jurisdiction 青禾县] [--period 2025-12] [--out DIR] [--date 2026-01-12]
    python -m hotline report --theme qh_heating_week_2025 [--out DIR]

Both read the serving copy ($HOTLINE_SERVING_PATH) read-only, so they need no
build and never wait for one. Without --period the bulletin is the latest
complete period of each jurisdiction with data (see period_choice).
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from hotline.settings import bulletins_dir, serving_path


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--database", type=Path, default=None, help="warehouse file (default: the serving copy)")
    parser.add_argument("--out", type=Path, default=None, help="folder for the files (default: $HOTLINE_BULLETINS_DIR)")
    parser.add_argument("--date", type=date.fromisoformat, default=None, help="issue date printed (default: today)")


def _database(args) -> Path:
    database = args.database or serving_path()
    if not database.exists():
        raise SystemExit(f"no warehouse at {database}: run 'make run' first, or pass --database")
    return database


def bulletin_main(argv: list[str] | None = None) -> int:
    from hotline.document.period_choice import choose
    from hotline.document.render import bulletin_files

    parser = argparse.ArgumentParser(
        prog="python -m hotline bulletin", description="Write a bulletin as .docx, .html, .pdf"
    )
    parser.add_argument("--jurisdiction", default=None)
    parser.add_argument("--period", default=None, help="YYYY-MM (default: the latest complete period)")
    _common(parser)
    args = parser.parse_args(argv)
    database = _database(args)
    choices = choose(database, jurisdiction=args.jurisdiction, period=args.period)
    if not choices:
        wanted = " ".join(x for x in (args.jurisdiction, args.period) if x) or "any jurisdiction"
        print(f"no complete period with data for {wanted} in {database}")
        return 1
    for choice in choices:
        print(f"{choice.jurisdiction} {choice.period} ({choice.first_day} .. {choice.last_day}): {choice.reason}")
        if choice.warning:
            print(f"WARNING: {choice.warning}")
        folder = args.out or bulletins_dir() / choice.jurisdiction / choice.period
        for path in bulletin_files(database, choice.jurisdiction, choice.period, folder, args.date).values():
            print(f"  {path}")
    return 0


def report_main(argv: list[str] | None = None) -> int:
    from hotline.document.render import theme_files

    parser = argparse.ArgumentParser(prog="python -m hotline report", description="Write a themed report (专题)")
    parser.add_argument("--theme", required=True, help="a theme_id of seeds/config/cfg_themes.csv")
    _common(parser)
    args = parser.parse_args(argv)
    try:
        paths = theme_files(_database(args), args.theme, args.out or bulletins_dir() / "themes", args.date)
    except LookupError as error:
        print(error)
        return 1
    for path in paths.values():
        print(path)
    return 0
