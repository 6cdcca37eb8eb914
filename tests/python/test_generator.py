"""The sample-export generator: deterministic, in the contract's shape, streaming."""

from __future__ import annotations

import csv
import tracemalloc
from collections import Counter

from hotline.contract import TICKETS
from hotline.generate import BAD_KINDS, BadRowInjector, CountyGenerator, generate


def read(path, encoding="utf-8"):
    with open(path, encoding=encoding, newline="") as handle:
        return list(csv.reader(handle))


def test_same_seed_same_bytes(tmp_path):
    generate(tmp_path / "a", periods=2, tickets_per_period=50, seed=3, bad_rate=0.05)
    generate(tmp_path / "b", periods=2, tickets_per_period=50, seed=3, bad_rate=0.05)
    for path in sorted((tmp_path / "a").iterdir()):
        assert path.read_bytes() == (tmp_path / "b" / path.name).read_bytes()


def test_chinese_headers_and_realistic_shape(tmp_path):
    written = generate(tmp_path, first_period="2024-12", periods=2, tickets_per_period=600, seed=1)
    rows = read(tmp_path / "tickets_青禾县_20250101.csv")
    assert rows[0] == [c.header_zh for c in TICKETS.columns]
    body = [dict(zip(TICKETS.names, r, strict=False)) for r in rows[1:]]
    channels = Counter(r["channel"] for r in body)
    assert channels.most_common(1)[0][0] == "电话" and channels["电话"] > 0.8 * len(body)
    assert Counter(r["request_type"] for r in body).most_common(1)[0][0] == "求助"
    heating = sum(1 for r in body if "供暖" in r["category_path"])
    assert heating > 0.05 * len(body), "heating complaints dominate winter"
    assert len({r["ticket_id"] for r in body}) == len(body)
    assert all(len(r["ticket_id"]) == 18 and r["ticket_id"].isdigit() for r in body)
    # a later export carries newer states of tickets in progress at the earlier one
    january = read(tmp_path / "tickets_青禾县_20250201.csv")
    december_ids = {r[0] for r in rows[1:] if r[TICKETS.names.index("status")] == "办理中"}
    assert december_ids and december_ids <= {r[0] for r in january[1:]}
    assert sum(written.values()) > 1200


def test_every_bad_kind_is_injected(tmp_path):
    injector = BadRowInjector(rate=1.0, seed=2, dirty_rate=0)
    county = CountyGenerator("青禾县", seed=2, tickets_per_period=60)
    list(injector(county.export_rows("2024-05", None)))
    assert set(injector.counts) == set(BAD_KINDS) and all(n > 0 for n in injector.counts.values())


def test_formats(tmp_path):
    for fmt in ("csv-bom", "gb18030", "xlsx"):
        written = generate(tmp_path / fmt, periods=1, tickets_per_period=20, seed=4, fmt=fmt, assessment=False)
        assert len(written) == 1
    assert (tmp_path / "csv-bom" / "tickets_青禾县_20241101.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    rows = read(tmp_path / "gb18030" / "tickets_青禾县_20241101.csv", encoding="gb18030")
    assert rows[0][0] == "工单编号"
    assert (tmp_path / "xlsx" / "tickets_青禾县_20241101.xlsx").read_bytes()[:2] == b"PK"


def _peak_bytes(tickets_per_period: int, tmp_path) -> int:
    tracemalloc.start()
    generate(tmp_path, periods=2, tickets_per_period=tickets_per_period, seed=8, assessment=False)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def test_memory_does_not_grow_with_volume(tmp_path):
    small = _peak_bytes(500, tmp_path / "small")
    large = _peak_bytes(5000, tmp_path / "large")
    assert large < small * 1.5, (small, large)
