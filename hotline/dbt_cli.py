"""Run dbt from Python: one subprocess per invocation, output streamed to a log.

dbt is run as a subprocess (not in-process) so that a failure in one invocation
cannot leave state behind in the caller, and so that the environment (the
DuckDB path above all) is exactly what the caller passes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from hotline.settings import PROJECT_DIR


class DbtFailed(RuntimeError):
    pass


def dbt_executable() -> str:
    """The dbt of this interpreter's environment (the virtualenv), whether or not it is activated."""
    for folder in (Path(sys.prefix) / "bin", Path(sys.executable).parent):
        if (folder / "dbt").exists():
            return str(folder / "dbt")
    return shutil.which("dbt") or "dbt"


def run_dbt(args: list[str], env: dict[str, str] | None = None, quiet: bool = True) -> str:
    """Run ``dbt <args>`` in the project directory; raise DbtFailed with its output."""
    full_env = {**os.environ, **(env or {})}
    command = [dbt_executable(), *args]
    if quiet:
        command.insert(1, "--quiet")
    result = subprocess.run(command, cwd=PROJECT_DIR, env=full_env, capture_output=True, text=True, check=False)
    output = result.stdout + result.stderr
    if result.returncode != 0:
        raise DbtFailed(f"dbt {' '.join(args)} failed:\n{output[-8000:]}")
    return output
