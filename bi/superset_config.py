"""Superset's configuration for the warehouse's dashboard (read by `python -m hotline bi`).

Everything lives under HOTLINE_SUPERSET_HOME (default warehouse/superset): the
metadata database (SQLite) and the secret key, made on first start and kept there
with mode 0600. Superset listens on 127.0.0.1 only and reads the marts through the
PostgreSQL role hotline_reader, which can only select.
"""

import os
from pathlib import Path

HOME = Path(os.environ["HOTLINE_SUPERSET_HOME"])
SECRET_KEY = (HOME / "secret_key").read_text().strip()
SQLALCHEMY_DATABASE_URI = f"sqlite:///{HOME / 'superset.db'}"
# no calls out: this machine may have no internet
MAPBOX_API_KEY = ""
FEATURE_FLAGS = {"DASHBOARD_RBAC": False}
TALISMAN_ENABLED = False
# results of chart queries are not cached between runs of the tests
CACHE_CONFIG = {"CACHE_TYPE": "NullCache"}
DATA_CACHE_CONFIG = {"CACHE_TYPE": "NullCache"}
