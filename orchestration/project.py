"""The dbt project as Dagster sees it, and the settings the orchestration reads."""

from __future__ import annotations

import os
from pathlib import Path

from dagster_dbt import DbtProject

from hotline.settings import PROJECT_DIR

dbt_project = DbtProject(project_dir=PROJECT_DIR, profiles_dir=PROJECT_DIR)
# under `dagster dev` the manifest is re-parsed on start; elsewhere `dbt parse` must have run
dbt_project.prepare_if_dev()


def gx_root() -> Path:
    """Where the Great Expectations project and its Data Docs site live."""
    return Path(os.environ.get("HOTLINE_GX_DIR", PROJECT_DIR / "warehouse" / "gx"))


def data_docs_index() -> Path:
    return gx_root() / "gx" / "uncommitted" / "data_docs" / "local_site" / "index.html"
