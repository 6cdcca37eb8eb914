"""The phone salt is a secret: no file a build writes holds it, and any salt works.

The hash is checked against one computed here with hashlib from the raw phone,
not by the model under test.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys

import pytest

from hotline.generate import generate
from hotline.pipeline import build
from tests.python.conftest import PROJECT_DIR, query

SALT = "o'Brien-秘密-7f3a"


@pytest.mark.slow
def test_a_salt_with_a_quote_hashes_and_is_written_nowhere(tmp_path):
    landing, database = tmp_path / "landing", tmp_path / "wh" / "hotline.duckdb"
    generate(landing, first_period="2025-01", periods=1, tickets_per_period=30, seed=5)
    env = {
        "HOTLINE_PHONE_SALT": SALT,
        "DBT_TARGET_PATH": str(tmp_path / "target"),
        "DBT_LOG_PATH": str(tmp_path / "logs"),
    }
    build(database, landing, env=env)
    phone, digest = query(
        database,
        "select r.caller_phone, s.caller_phone_hash from raw.ticket_exports r join staging.stg_hotline__ticket_rows s "
        "using (_file_hash, _source_row) where length(r.caller_phone) >= 11 limit 1",
    )[0]
    assert digest == hashlib.sha256((SALT + re.sub(r"\D", "", phone)).encode()).hexdigest()
    needle = SALT.encode()
    holders = [p for p in tmp_path.rglob("*") if p.is_file() and needle in p.read_bytes()]
    assert not holders, holders
    assert (tmp_path / "target" / "manifest.json").exists() and (tmp_path / "logs" / "dbt.log").exists()


def test_real_exports_with_the_development_salt_warn_or_fail(tmp_path):
    empty = tmp_path / "landing"
    empty.mkdir()
    env = {
        "PATH": "/usr/bin:/bin",
        "HOTLINE_EXPORTS_DIR": str(empty),
        "HOTLINE_DUCKDB_PATH": str(tmp_path / "h.duckdb"),
    }
    code = "from hotline.settings import salt_problem, exports_dir; print(salt_problem(exports_dir()))"
    warned = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_DIR, env=env, capture_output=True, text=True)
    assert "HOTLINE_PHONE_SALT is not set" in warned.stdout
    refused = subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT_DIR, env={**env, "HOTLINE_REQUIRE_SALT": "1"}, capture_output=True,
        text=True,
    )  # fmt: skip
    assert refused.returncode == 1 and "refused: HOTLINE_PHONE_SALT is not set" in refused.stderr
    quiet = subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT_DIR, env={**env, "HOTLINE_PHONE_SALT": "x"}, capture_output=True,
        text=True,
    )  # fmt: skip
    assert quiet.stdout.strip() == "None"
