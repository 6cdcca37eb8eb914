"""Paths and settings, all overridable by environment variables (see README)."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
SEEDS_DIR = PROJECT_DIR / "seeds"


def duckdb_path() -> Path:
    return Path(os.environ.get("HOTLINE_DUCKDB_PATH", PROJECT_DIR / "warehouse" / "hotline.duckdb"))


def serving_path() -> Path:
    """The read-only copy analysts and BI open: beside the working warehouse unless set."""
    return Path(os.environ.get("HOTLINE_SERVING_PATH", duckdb_path().parent / "hotline_serving.duckdb"))


SERVING_TARGETS = ("duckdb", "postgres")


def serving_targets() -> list[str]:
    """Where a publish copies the audited marts (HOTLINE_SERVING): duckdb (default), postgres, or both.

    The serving file is written in every case: the bulletin is rendered from it.
    """
    value = os.environ.get("HOTLINE_SERVING", "").strip().lower() or "duckdb"
    targets = [t.strip() for t in value.split(",") if t.strip()]
    unknown = [t for t in targets if t not in SERVING_TARGETS]
    if unknown or not targets:
        raise SystemExit(f"HOTLINE_SERVING lists {', '.join(unknown) or 'nothing'}: use duckdb, postgres or both")
    return targets


def exports_dir() -> Path | None:
    value = os.environ.get("HOTLINE_EXPORTS_DIR", "").strip()
    return Path(value) if value else None


def bulletins_dir() -> Path:
    """Where bulletins and themed reports are written: beside the working warehouse unless set."""
    return Path(os.environ.get("HOTLINE_BULLETINS_DIR", duckdb_path().parent / "bulletins"))


def duckdb_config() -> dict[str, str]:
    """DuckDB's memory limit, shared by dbt (profiles.yml), the loader and publish.

    Past it DuckDB spills to ``<database>.tmp`` beside the database file.
    """
    return {"memory_limit": os.environ.get("HOTLINE_DUCKDB_MEMORY_LIMIT", "2GB")}


DEFAULT_PHONE_SALT = "hotline-development-salt"


def phone_salt() -> str:
    """The salt of caller_phone_hash (HOTLINE_PHONE_SALT): any text; a development default."""
    return os.environ.get("HOTLINE_PHONE_SALT") or DEFAULT_PHONE_SALT


def salt_problem(landing_folder: Path | None) -> str | None:
    """Why a build should not go on unwarned: real exports hashed with the development salt.

    Raises SystemExit when HOTLINE_REQUIRE_SALT=1 asks for a real salt.
    """
    if landing_folder is None or os.environ.get("HOTLINE_PHONE_SALT"):
        return None
    message = (
        "HOTLINE_PHONE_SALT is not set: the callers' phone hashes of these exports use the public "
        "development salt, so anyone could match a phone to its hash; set a secret salt"
    )
    if os.environ.get("HOTLINE_REQUIRE_SALT") == "1":
        raise SystemExit(f"refused: {message} (HOTLINE_REQUIRE_SALT=1)")
    return message
