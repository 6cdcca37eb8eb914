"""Rebuild bi/dashboard/ (the committed Superset export) from its definition here.

    python bi/make_dashboard.py      # with Superset running (python -m hotline bi start)

Creates the serving database's connection, the three datasets, the bulletin's main
charts (volume trend, tier ranking table, hot topics) and the dashboard through
Superset's API, then exports the dashboard into bi/dashboard/. Each chart keeps its
query context, so its data can be asked for through the API (the tests do).
"""

from __future__ import annotations

import io
import json
import shutil
import sys
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hotline.bi import DASHBOARD_DIR, Api  # noqa: E402
from hotline.pg_server import server  # noqa: E402
from hotline.pg_serving import READER, reader_password, serving_database  # noqa: E402

SLUG = "hotline-bulletin"


def metric(column: str, label: str) -> dict:
    return {"expressionType": "SIMPLE", "column": {"column_name": column}, "aggregate": "SUM", "label": label}


def axis(column: str, grain: str | None = None) -> dict:
    spec = {"columnType": "BASE_AXIS", "sqlExpression": column, "label": column, "expressionType": "SQL"}
    return {**spec, "timeGrain": grain} if grain else spec


CHARTS = [
    {
        "name": "受理量趋势 / volume trend",
        "table": "fct_period_overview",
        "viz_type": "echarts_timeseries_line",
        "form": {"x_axis": "first_day", "time_grain_sqla": "P1M", "metrics": [metric("handled_count", "承办量")],
                 "groupby": ["jurisdiction"]},
        "query": {"columns": [axis("first_day", "P1M"), "jurisdiction"], "metrics": [metric("handled_count", "承办量")],
                  "series_columns": ["jurisdiction"], "orderby": [], "row_limit": 10000},
    },
    {
        "name": "分档排名 / tier ranking",
        "table": "fct_unit_period_rankings",
        "viz_type": "table",
        "form": {"query_mode": "raw", "all_columns": ["jurisdiction", "period_label", "tier_label_zh", "overall_rank",
                                                      "unit_name", "total_score"],
                 "order_by_cols": [json.dumps(["period_label", False]), json.dumps(["tier_label_zh", True]),
                                   json.dumps(["overall_rank", True])],
                 "row_limit": 10000, "server_page_length": 20, "page_length": 20},
        "query": {"columns": ["jurisdiction", "period_label", "tier_label_zh", "overall_rank", "unit_name",
                              "total_score"],
                  "orderby": [["period_label", False], ["tier_label_zh", True], ["overall_rank", True]],
                  "row_limit": 10000},
    },
    {
        "name": "热点问题 / hot topics",
        "table": "fct_period_breakdowns",
        "viz_type": "echarts_timeseries_bar",
        "form": {"x_axis": "member", "metrics": [metric("ticket_count", "工单量")], "row_limit": 10,
                 "x_axis_sort": "工单量", "x_axis_sort_asc": False,
                 "timeseries_limit_metric": metric("ticket_count", "工单量"),
                 "adhoc_filters": [{"expressionType": "SIMPLE", "subject": "dimension", "operator": "==",
                                    "comparator": "category_level_1", "clause": "WHERE"}]},
        "query": {"columns": [axis("member")], "metrics": [metric("ticket_count", "工单量")],
                  "filters": [{"col": "dimension", "op": "==", "val": "category_level_1"}],
                  "orderby": [[metric("ticket_count", "工单量"), False]], "row_limit": 10},
    },
]  # fmt: skip


def layout(charts: list[tuple[int, str, str]]) -> dict:
    """Volume trend and hot topics side by side, the ranking table below at full width."""
    position = {
        "DASHBOARD_VERSION_KEY": "v2",
        "ROOT_ID": {"type": "ROOT", "id": "ROOT_ID", "children": ["GRID_ID"]},
        "GRID_ID": {"type": "GRID", "id": "GRID_ID", "children": ["ROW-1", "ROW-2"], "parents": ["ROOT_ID"]},
        "HEADER_ID": {"id": "HEADER_ID", "type": "HEADER", "meta": {"text": "12345 热线通报 / hotline bulletin"}},
    }
    rows = {"ROW-1": [(charts[0], 6, 60), (charts[2], 6, 60)], "ROW-2": [(charts[1], 12, 110)]}
    for row, members in rows.items():
        position[row] = {"type": "ROW", "id": row, "children": [], "parents": ["ROOT_ID", "GRID_ID"],
                         "meta": {"background": "BACKGROUND_TRANSPARENT"}}  # fmt: skip
        for (chart_id, name, uuid), width, height in members:
            key = f"CHART-{chart_id}"
            position[row]["children"].append(key)
            position[key] = {"type": "CHART", "id": key, "children": [], "parents": ["ROOT_ID", "GRID_ID", row],
                             "meta": {"chartId": chart_id, "uuid": uuid, "width": width, "height": height,
                                      "sliceName": name}}  # fmt: skip
    return position


def remove_previous(api: Api) -> None:
    for dashboard in api.call("GET", "dashboard/", params={"q": "(page_size:100)"})["result"]:
        if dashboard["slug"] == SLUG:
            api.call("DELETE", f"dashboard/{dashboard['id']}")
    names = {c["name"] for c in CHARTS}
    for name, chart_id in api.chart_ids().items():
        if name in names:
            api.call("DELETE", f"chart/{chart_id}")


def main() -> None:
    api = Api()
    remove_previous(api)
    dsn = server()
    database = serving_database()
    found = api.call("GET", "database/", params={"q": "(page_size:100)"})["result"]
    db_id = next((d["id"] for d in found if d["database_name"] == "hotline_serving"), None)
    if db_id is None:
        uri = f"postgresql://{READER}:{reader_password()}@{dsn.host}:{dsn.port}/{database}"
        db_id = api.call("POST", "database/", json={"database_name": "hotline_serving", "sqlalchemy_uri": uri,
                                                    "expose_in_sqllab": True})["id"]  # fmt: skip
    datasets = {
        d["table_name"]: d["id"] for d in api.call("GET", "dataset/", params={"q": "(page_size:100)"})["result"]
    }
    dashboard = api.call("POST", "dashboard/", json={"dashboard_title": "12345 热线通报 / hotline bulletin",
                                                     "slug": SLUG, "published": True})["id"]  # fmt: skip
    created = []
    for chart in CHARTS:
        if chart["table"] not in datasets:
            datasets[chart["table"]] = api.call(
                "POST", "dataset/", json={"database": db_id, "schema": "marts", "table_name": chart["table"]}
            )["id"]
        ds = datasets[chart["table"]]
        form = {"viz_type": chart["viz_type"], "datasource": f"{ds}__table", **chart["form"]}
        context = {"datasource": {"id": ds, "type": "table"}, "force": False, "form_data": form,
                   "queries": [{"filters": [], "extras": {"having": "", "where": ""}, **chart["query"]}],
                   "result_format": "json", "result_type": "full"}  # fmt: skip
        made = api.call("POST", "chart/", json={"slice_name": chart["name"], "viz_type": chart["viz_type"],
                                                "datasource_id": ds, "datasource_type": "table",
                                                "dashboards": [dashboard], "params": json.dumps(form),
                                                "query_context": json.dumps(context)})  # fmt: skip
        created.append((made["id"], chart["name"]))
    uuids = {
        c["id"]: c["uuid"]
        for c in api.call("GET", "chart/", params={"q": "(columns:!(id,uuid),page_size:100)"})["result"]
    }
    created = [(chart_id, name, uuids[chart_id]) for chart_id, name in created]
    api.call("PUT", f"dashboard/{dashboard}", json={"position_json": json.dumps(layout(created))})
    exported = api.call("GET", "dashboard/export/", params={"q": f"!({dashboard})"})
    shutil.rmtree(DASHBOARD_DIR, ignore_errors=True)
    with zipfile.ZipFile(io.BytesIO(exported)) as archive:
        for name in archive.namelist():
            relative = Path(*Path(name).parts[1:])  # drop the export's dated top folder
            target = DASHBOARD_DIR / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(archive.read(name))
    print(f"exported dashboard {dashboard} into {DASHBOARD_DIR}")


if __name__ == "__main__":
    main()
