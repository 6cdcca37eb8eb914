"""Landing assets: the raw tables dbt reads as its ``raw`` source.

One multi-asset writes raw.* and the configuration seeds: from the landing folder
($HOTLINE_EXPORTS_DIR) when it is set, else from the embedded sample (dbt seed).
Every file loaded is listed in the materialization's metadata with its lineage
(name, content hash, contract, encoding, rows).
"""

import os

import duckdb
from dagster import (
    AssetExecutionContext,
    AssetKey,
    AssetSpec,
    Failure,
    MaterializeResult,
    MetadataValue,
    multi_asset,
)

from hotline.contract import CONTRACTS
from hotline.pipeline import LANDING_STARTED, seed_and_land
from hotline.settings import duckdb_path, exports_dir, salt_problem
from hotline.writer_lock import BuildRunning, ensure_free

RAW_TABLES = [c.table for c in CONTRACTS] + ["rejected_rows", "landed_files"]
WRITER_TAG = {"hotline/writer": "duckdb"}


@multi_asset(
    specs=[
        AssetSpec(
            AssetKey(["raw", table]),
            group_name="landing",
            kinds={"duckdb"},
            description=f"raw.{table}: export rows as landed, all text, with file lineage.",
        )
        for table in RAW_TABLES
    ],
    op_tags=WRITER_TAG,
)
def landed_exports(context: AssetExecutionContext):
    database, folder = duckdb_path(), exports_dir()
    try:
        ensure_free(database)  # a second writer stops here with one line, not deep inside DuckDB
    except BuildRunning as running:
        raise Failure(description=str(running), allow_retries=False) from None
    try:
        if warning := salt_problem(folder):
            context.log.warning(warning)
    except SystemExit as refused:
        raise Failure(description=str(refused), allow_retries=False) from None
    context.log.info(f"landing into {database} from {folder or 'the embedded sample (dbt seed)'}")
    landed = seed_and_land(database, folder)
    not_landed = landed.not_landed
    # the dbt step of this run reads when this landing began (the quarantine-share test)
    os.environ.pop(LANDING_STARTED, None)
    os.environ.update(landed.dbt_env)
    for name, why in not_landed:
        context.log.warning(f"not landed: {name} ({why})")
    con = duckdb.connect(str(database), read_only=True)
    try:
        files = con.execute(
            "select _source_file, left(_file_hash, 12), contract, encoding, row_count, rejected_count "
            "from raw.landed_files order by _loaded_at, _source_file"
        ).fetchall()
        counts = {t: con.execute(f"select count(*) from raw.{t}").fetchone()[0] for t in RAW_TABLES}
    finally:
        con.close()
    lineage = "\n".join(
        ["| file | sha256 | contract | encoding | rows | malformed |", "|---|---|---|---|---|---|"]
        + [f"| {n} | {h} | {c} | {e} | {r} | {m} |" for n, h, c, e, r, m in files]
    )
    for table in RAW_TABLES:
        yield MaterializeResult(
            asset_key=AssetKey(["raw", table]),
            metadata={
                "dagster/row_count": counts[table],
                "source": "landing folder" if folder else "embedded sample",
                "files": MetadataValue.md(lineage) if table == "landed_files" else len(files),
                "not_landed": MetadataValue.json([{"file": n, "why": w} for n, w in not_landed]),
            },
        )
