"""A real BI tool on the serving database: Superset shows the marts' numbers.

Superset runs from its own virtualenv (make bi-setup; `make test` makes it first).
The embedded sample's marts are published to a PostgreSQL serving database, Superset
is started on a free port with a fresh metadata folder, the committed dashboard
(bi/dashboard/) is imported through the API with the read-only role's password,
and each chart's query is run through Superset's chart-data API; the rows must
equal the marts', read with psycopg2 straight from PostgreSQL.
"""

from __future__ import annotations

import os
import signal
import socket
from datetime import UTC, datetime

import pytest

from hotline import bi, pg_serving
from hotline.pg_server import server

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def superset(sample_warehouse, pg_server, tmp_path_factory):
    if not (bi.venv() / ".installed-from-lock").exists():
        pytest.skip(f"Superset's virtualenv {bi.venv()} could not be made (make bi-setup failed): the BI test needs it")
    patch = pytest.MonkeyPatch()
    patch.setenv("HOTLINE_PG_SERVING_DATABASE", "hotline_test_bi")
    patch.setenv("HOTLINE_SUPERSET_HOME", str(tmp_path_factory.mktemp("superset")))
    patch.setenv("HOTLINE_SUPERSET_PORT", str(_free_port()))
    patch.setenv("HOTLINE_SUPERSET_PASSWORD", "an admin's password")
    pg_serving.publish_postgres(pg_serving.DuckdbSource(sample_warehouse), server())
    process = bi.start(timeout=300)
    try:
        api = bi.Api()
        bi.import_dashboard(api)
        yield api
    finally:
        if process is not None:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=60)
        patch.undo()


def marts(sql: str) -> list[tuple]:
    con = server().connect(pg_serving.serving_database())
    try:
        with con.cursor() as cur:
            cur.execute(sql)
            return cur.fetchall()
    finally:
        con.close()


def test_the_dashboard_has_the_bulletins_three_charts(superset):
    dashboards = superset.call("GET", "dashboard/", params={"q": "(page_size:100)"})["result"]
    assert [d["slug"] for d in dashboards] == ["hotline-bulletin"]
    assert set(superset.chart_ids()) == {
        "受理量趋势 / volume trend",
        "分档排名 / tier ranking",
        "热点问题 / hot topics",
    }
    database = superset.call("GET", "database/", params={"q": "(page_size:100)"})["result"][0]
    detail = superset.call("GET", f"database/{database['id']}/connection")["result"]
    assert detail["parameters"]["username"] == pg_serving.READER
    assert detail["parameters"]["database"] == "hotline_test_bi"


def test_the_volume_trend_equals_the_overview(superset):
    rows = superset.chart_rows(superset.chart_ids()["受理量趋势 / volume trend"])
    shown = {
        (datetime.fromtimestamp(r["first_day"] / 1000, tz=UTC).date(), r["jurisdiction"]): r["承办量"] for r in rows
    }
    expected = {
        (first_day, jurisdiction): handled
        for first_day, jurisdiction, handled in marts(
            "select date_trunc('month', first_day)::date, jurisdiction, sum(handled_count) "
            "from marts.fct_period_overview group by 1, 2"
        )
    }
    assert len(expected) >= 15 and shown == expected


def test_the_tier_ranking_table_equals_the_rankings(superset):
    rows = superset.chart_rows(superset.chart_ids()["分档排名 / tier ranking"])
    shown = sorted(
        (r["jurisdiction"], r["period_label"], r["tier_label_zh"], r["overall_rank"], r["unit_name"], r["total_score"])
        for r in rows
    )
    expected = sorted(
        (j, p, t, rank, unit, float(score))
        for j, p, t, rank, unit, score in marts(
            "select jurisdiction, period_label, tier_label_zh, overall_rank, unit_name, total_score "
            "from marts.fct_unit_period_rankings"
        )
    )
    assert len(expected) > 300 and shown == expected


def test_the_hot_topics_are_the_ten_largest_categories(superset):
    rows = superset.chart_rows(superset.chart_ids()["热点问题 / hot topics"])
    shown = {r["member"]: r["工单量"] for r in rows}
    totals = dict(
        marts(
            "select member, sum(ticket_count) from marts.fct_period_breakdowns "
            "where dimension = 'category_level_1' group by 1"
        )
    )
    assert len(shown) == 10 < len(totals)
    assert all(totals[member] == count for member, count in shown.items())
    assert min(shown.values()) >= max(v for m, v in totals.items() if m not in shown)
