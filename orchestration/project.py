"""The dbt project as Dagster sees it, and the settings the orchestration reads."""

from __future__ import annotations

import os
from pathlib import Path

from dagster_dbt import DbtProject

from hotline.settings import PROJECT_DIR, duckdb_path

# target/manifest.json must exist: `make run`, `make dev` and `make test` run `dbt parse` first.
# (DbtProject.prepare_if_dev() is not used: it looks for dbt on PATH, and make does not
# activate the virtualenv.)
dbt_project = DbtProject(project_dir=PROJECT_DIR, profiles_dir=PROJECT_DIR)


def gx_root() -> Path:
    """Where the Great Expectations project and its Data Docs site live."""
    return Path(os.environ.get("HOTLINE_GX_DIR", duckdb_path().parent / "gx"))


def data_docs_index() -> Path:
    return gx_root() / "gx" / "uncommitted" / "data_docs" / "local_site" / "index.html"
