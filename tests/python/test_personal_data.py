"""Personal data never reaches a model downstream of staging, the run's output or a log.

The embedded sample carries invented names, mobile numbers and ID-card numbers in
their own columns and inside the free text. Every text column of every table and
view in the intermediate and marts schemas (and of staging, but for the salted
phone hash) is scanned for phone and ID-card patterns and for the callers' names.
"""

from __future__ import annotations

import re
import subprocess
import sys

import duckdb
import pytest

from tests.python.conftest import PROJECT_DIR, query

MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
ID_CARD = re.compile(r"(?<![\dXx])\d{17}[\dXx](?![\dXx])")
LANDLINE = re.compile(r"(?<!\d)0\d{2,3}-\d{7,8}(?!\d)")


def text_columns(con, schemas):
    return con.execute(
        "select table_schema, table_name, column_name from information_schema.columns "
        "where table_schema in ? and data_type = 'VARCHAR' order by 1, 2, 3",
        [schemas],
    ).fetchall()


@pytest.mark.slow
def test_no_phone_or_id_number_downstream_of_staging(sample_warehouse):
    con = duckdb.connect(str(sample_warehouse), read_only=True)
    try:
        raw_hits = con.execute(
            "select count(*) from raw.ticket_exports where regexp_matches(content, '1[3-9][0-9]{9}')"
        ).fetchone()[0]
        assert raw_hits > 0, "the sample must carry phone numbers in free text for this test to mean anything"
        found = []
        for schema, table, column in text_columns(con, ["staging", "intermediate", "marts"]):
            if column == "caller_phone_hash":
                continue
            values = con.execute(f'select distinct "{column}" from "{schema}"."{table}" where "{column}" is not null')
            for (value,) in values.fetchall():
                # ticket ids are 18-digit numbers: an ID-card pattern would match them by design
                if column == "ticket_id" or column.endswith("_ticket_id"):
                    continue
                if MOBILE.search(value) or ID_CARD.search(value) or LANDLINE.search(value):
                    found.append(f"{schema}.{table}.{column}")
                    break
        assert not found, f"personal-data pattern in: {found}"
    finally:
        con.close()


@pytest.mark.slow
def test_no_caller_name_or_phone_column_downstream_of_raw(sample_warehouse):
    con = duckdb.connect(str(sample_warehouse), read_only=True)
    try:
        columns = {c for _, _, c in text_columns(con, ["staging", "intermediate", "marts"])}
        assert not {"caller_name", "caller_phone", "content", "reply"} & columns
        names = [n for (n,) in con.execute("select distinct caller_name from raw.ticket_exports limit 200").fetchall()]
        for schema, table, column in text_columns(con, ["intermediate", "marts"]):
            hit = con.execute(
                f'select count(*) from "{schema}"."{table}" where "{column}" in (select unnest(?))', [names]
            ).fetchone()[0]
            assert hit == 0, f"a caller's name in {schema}.{table}.{column}"
    finally:
        con.close()


@pytest.mark.slow
def test_run_summary_prints_no_personal_data(sample_warehouse):
    result = subprocess.run(
        [sys.executable, "-m", "hotline", "summary"],
        cwd=PROJECT_DIR,
        env={"HOTLINE_DUCKDB_PATH": str(sample_warehouse), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert "Quarantine" in result.stdout
    assert not MOBILE.search(result.stdout) and not ID_CARD.search(result.stdout)


@pytest.mark.slow
def test_no_third_party_name_the_generator_planted_survives(sample_warehouse):
    """The sample's complaints name neighbours, landlords, 李先生, 张某某 (hotline.generate.third_party);
    every one of them is counted, and none may be left in the scrubbed text."""
    from hotline.generate import third_party

    rows = query(
        sample_warehouse,
        "select r.ticket_id, s.content_scrubbed from raw.ticket_exports r "
        "join staging.stg_hotline__ticket_rows s using (_file_hash, _source_row)",
    )
    planted = [(third_party(ticket_id)[1], text) for ticket_id, text in rows if third_party(ticket_id)[1]]
    survivors = [token for token, text in planted if text and token in text]
    assert len(planted) > 300
    assert survivors == [], f"{len(survivors)} of {len(planted)} names survive: {survivors[:5]}"
