"""Sample-export generator: ticket exports in the contract's format for a fictional county.

    python -m hotline.generate --out landing/ --first-period 2024-10 --periods 15 \
        --tickets-per-period 300 --format mixed --bad-rate 0.02 --seed 7

Every ticket is drawn from its own random stream (seeded by the run's seed, the
period and the ticket's index), so the output is deterministic and nothing has
to be remembered between periods: the export of period p re-draws the tickets of
period p-1 that were still in progress when p-1 was exported and writes their
newer state. Memory therefore does not grow with the number of tickets.

All personal data it writes (names, phone numbers, ID-card numbers) is invented.
"""

from __future__ import annotations

import argparse
import csv
import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path

import chinese_calendar

from hotline.contract import ASSESSMENT_INPUTS, TICKETS, Contract
from hotline.periods import Period, load_rules, next_label, period
from hotline.settings import SEEDS_DIR

FORMATS = ("csv", "csv-bom", "gb18030", "xlsx")
BAD_KINDS = (
    "bad_timestamp",
    "unknown_enum",
    "missing_required",
    "closed_before_received",
    "status_contradiction",
    "duplicate_conflict",
    "exact_duplicate",
    "unknown_unit",
    "bad_number",
)

CHANNELS = (("电话", 930), ("微信", 22), ("省级网站", 8), ("市级网站", 5), ("随手拍", 8), ("APP", 20), ("其他", 7))
REQUEST_TYPES = (("求助", 800), ("咨询", 150), ("建议", 25), ("投诉", 15), ("举报", 6), ("感谢", 4))

# (path, weight, months with a seasonal peak, peak factor, unit hint)
# unit hint: a unit name, or "town" for the town/street where the caller lives.
CATEGORIES = (
    ("劳动保障类/拖欠工资/农民工欠薪", 60, (12, 1, 2), 3.0, "县人社局"),
    ("劳动保障类/拖欠工资/企业欠薪", 40, (12, 1, 2), 2.0, "县人社局"),
    ("劳动保障类/社会保险/养老保险", 25, (), 1.0, "县人社局"),
    ("市场监管类/消费者维权/预付消费", 50, (), 1.0, "县市场监管局"),
    ("市场监管类/消费者维权/网络消费", 40, (11, 12), 1.5, "县市场监管局"),
    ("城乡建设类/物业管理/卫生保洁", 45, (), 1.0, "县住建局"),
    ("城乡建设类/物业管理/停车管理", 30, (), 1.0, "town"),
    ("城乡建设类/供热/供暖不热", 30, (11, 12, 1, 2, 3), 6.0, "青禾热力公司"),
    ("城乡建设类/供水/农村生活用水", 25, (6, 7, 8), 1.8, "town"),
    ("城乡建设类/供水/城区停水", 20, (), 1.0, "青禾供水公司"),
    ("城乡建设类/燃气/燃气安全", 10, (12, 1), 1.5, "青禾燃气公司"),
    ("城乡建设类/供电/停电", 15, (7, 8), 2.0, "县供电公司"),
    ("城市综合类/市容环境/占道经营", 35, (), 1.0, "县综合执法局"),
    ("城市综合类/市容环境/扬尘", 20, (3, 4, 5), 1.5, "town"),
    ("农业农村类/农田灌溉/灌溉用水", 12, (3, 4, 5), 5.0, "县水利局"),
    ("农业农村类/农业补贴/种粮补贴", 10, (), 1.0, "县农业农村局"),
    ("交通运输类/公共交通/公交线路", 15, (), 1.0, "县交通运输局"),
    ("教育体育类/学校管理/招生入学", 10, (7, 8, 9), 4.0, "县教体局"),
    ("医疗卫生类/医保报销/异地就医", 15, (), 1.0, "县医保局"),
    ("医疗卫生类/医疗服务/医院管理", 10, (), 1.0, "县卫健局"),
    ("公安类/治安管理/噪音扰民", 20, (6, 7, 8), 1.5, "县公安局"),
    ("税务类/纳税服务/发票开具", 8, (), 1.0, "县税务局"),
    ("行政审批类/证照办理/营业执照", 8, (), 1.0, "县行政审批局"),
    ("生态环境类/环境污染/大气污染", 10, (), 1.0, "县生态环境分局"),
    ("自然资源类/土地管理/宅基地", 8, (), 1.0, "县自然资源局"),
    ("民政类/社会救助/低保", 8, (), 1.0, "县民政局"),
    ("文化旅游类/文化市场/景区管理", 5, (4, 5, 10), 2.0, "县文旅局"),
    ("信访类/来访接待/信访事项", 3, (), 1.0, "县信访局"),
)
SURNAMES = (  # noqa: E501
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史黎贺顾毛郝龚邵万钱覃武戴孔汤庞樊兰殷施陶洪翟安颜倪严牛温芦季俞章鲁葛伍申尤毕聂柴焦向柳邢岳齐沿梅莫庄辛管祝左涂谷祁时舒耿牟卜路詹关苗凌费纪靳盛童欧甄项曲成游阳裴席卫查屈鲍位覃霍翁隋植甘景薄单包司柏宁柯阮桂闵欧阳解强丛华车冉房边"
)
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文斌辉鹏飞宇浩然欣怡佳琪子涵梓轩雨泽晨阳思远博文嘉怡一诺"  # noqa: E501
# Places a complaint names (fictional), by the kind of topic that names one. The place
# is drawn from a generator of its own (keyed on the ticket id), so adding places
# left every other field of the sample as it was.
PLACES = {
    "residential": ("幸福小区", "锦绣花园", "翠湖家园", "粮食局家属院", "东方名苑", "书香小区", "阳光花园"),
    "village": ("李家村", "王庄村", "前营村", "柳树村", "河东村"),
    "street": ("青禾路", "建设路", "人民街", "文化路", "东关社区", "南湖社区"),
}
PLACE_TOPICS = {
    "物业管理": "residential",
    "供热": "residential",
    "燃气": "residential",
    "城区停水": "residential",
    "农村生活用水": "village",
    "灌溉用水": "village",
    "宅基地": "village",
    "市容环境": "street",
    "噪音扰民": "street",
    "停电": "street",
}
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
BAD_UNIT = "县神秘事务办公室"


def _weighted(rng: random.Random, pairs):
    total = sum(w for _, w in pairs)
    pick = rng.uniform(0, total)
    for value, weight in pairs:
        pick -= weight
        if pick <= 0:
            return value
    return pairs[-1][0]


@lru_cache(maxsize=4096)
def _is_workday(day: date) -> bool:
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:  # past the package's years: weekdays only
        return day.weekday() < 5


def add_workdays(start: datetime, days: int) -> datetime:
    """The deadline ``days`` working days after ``start``, at 18:00."""
    day = start.date()
    while days > 0:
        day += timedelta(days=1)
        if _is_workday(day):
            days -= 1
    return datetime.combine(day, datetime.min.time()) + timedelta(hours=18)


def fake_phone(rng: random.Random) -> str:
    return f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}"


def fake_id_number(rng: random.Random) -> str:
    born = date(1950, 1, 1) + timedelta(days=rng.randrange(365 * 55))
    body = f"3715{rng.randrange(100):02d}{born:%Y%m%d}{rng.randrange(1000):03d}"
    return body + ID_CHECK[sum(int(d) * w for d, w in zip(body, ID_WEIGHTS, strict=False)) % 11]


def fake_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def _place(ticket_id: str, category: str) -> str:
    """The place a complaint about this topic names, or "" (three in four name one)."""
    kind = next((k for topic, k in PLACE_TOPICS.items() if topic in category), None)
    own = random.Random(f"place/{ticket_id}")
    if kind is None or own.random() < 0.25:
        return ""
    return own.choice(PLACES[kind])


THIRD_PARTY_FORMS = (
    "邻居{name}也有同样问题。",
    "联系人：{name}。",
    "房东{name}不予处理。",
    "{surname}先生称已多次反映。",
    "{surname}女士表示不满。",
    "物业{surname}师傅未到场。",
    "涉及{surname}某某。",
    "当事人{name}拒绝协商。",
)


def third_party(ticket_id: str) -> tuple[str, str]:
    """A sentence naming someone other than the caller (a neighbour, a landlord, 李先生) and what
    identifies them in it, or ("", ""): one ticket in eight (from a generator of its own)."""
    own = random.Random(f"third/{ticket_id}")
    if own.random() >= 0.125:
        return "", ""
    name = fake_name(own)
    form = own.choice(THIRD_PARTY_FORMS)
    # what identifies the person: the name, or the surname with what follows it (李先生, 张某某)
    written = name if "{name}" in form else name[0] + form.split("{surname}")[1][:2]
    return form.format(name=name, surname=name[0]), written


REGULAR_CALLERS = 40  # people who call the county's hotline again and again
REGULAR_SHARE = 0.03  # share of tickets from one of them


def regular_caller(jurisdiction: str, ticket_id: str) -> tuple[str, str] | None:
    """(name, phone) of one of the county's regular callers when this ticket is theirs, else None:
    the repeat demands of one caller (重复诉求), from generators of their own keyed on the ticket id."""
    own = random.Random(f"regular/{jurisdiction}/{ticket_id}")
    if own.random() >= REGULAR_SHARE:
        return None
    person = random.Random(f"regular/{jurisdiction}/{own.randrange(REGULAR_CALLERS)}")
    return fake_name(person), fake_phone(person)


FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def _written(number: str, ticket_id: str) -> str:
    """A number as callers and operators write it: plain most often, else grouped,
    prefixed or full-width (from a generator of its own, keyed on the ticket id)."""
    own = random.Random(f"written/{ticket_id}")
    form = own.choices(("plain", "dashes", "blanks", "dots", "+86", "full"), (70, 8, 8, 4, 5, 5))[0]
    if len(number) == 11:
        groups = (number[:3], number[3:7], number[7:])
    else:  # an ID-card number: area, birth date, sequence and check digit
        groups = (number[:6], number[6:14], number[14:])
    if form == "dashes":
        return "-".join(groups)
    if form == "blanks":
        return " ".join(groups)
    if form == "dots":
        return ".".join(groups)
    if form == "+86" and len(number) == 11:
        return "+86 " + " ".join(groups)
    if form == "full":
        return number.translate(FULL_WIDTH)
    return number


@dataclass
class Unit:
    name: str
    kind: str
    quality: float  # 0..1, how well the unit handles tickets
    aliases: tuple[str, ...]


def load_units(jurisdiction: str) -> list[Unit]:
    with open(SEEDS_DIR / "reference" / "ref_units.csv", encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["jurisdiction"] == jurisdiction]
    with open(SEEDS_DIR / "reference" / "ref_unit_aliases.csv", encoding="utf-8") as handle:
        aliases = [r for r in csv.DictReader(handle) if r["jurisdiction"] == jurisdiction]
    if not rows:
        raise SystemExit(f"no units registered for {jurisdiction} in seeds/reference/ref_units.csv")
    units = []
    for row in rows:
        quality = 0.78 + 0.2 * random.Random(f"quality:{row['unit_id']}").random()
        names = tuple(a["alias"] for a in aliases if a["unit_id"] == row["unit_id"])
        units.append(Unit(row["unit_name"], row["unit_kind"], quality, names))
    return units


@dataclass
class Ticket:
    """A ticket's whole life; ``as_of`` turns it into an export row at a moment."""

    ticket_id: str
    received_at: datetime
    channel: str
    request_type: str
    category: str
    is_enterprise: bool
    urgent: bool
    unit: Unit
    unit_spelling: str
    assigned_at: datetime
    signed_at: datetime | None
    due_at: datetime
    extension: bool
    returned_at: datetime | None
    closed_at: datetime | None
    callback_at: datetime | None
    resolution: str
    result_satisfaction: str
    process_satisfaction: str
    redo_count: int
    city_redo: bool
    exempt: bool
    city_sampled: bool
    city_resolution: str
    city_process: str
    onsite_required: bool
    onsite_at: datetime | None
    met_caller: str
    caller_name: str
    caller_phone: str
    content: str
    reply: str

    def as_of(self, moment: datetime, jurisdiction: str) -> dict[str, str]:
        closed = self.closed_at is not None and self.closed_at <= moment
        returned = self.returned_at is not None and self.returned_at <= moment
        called = closed and self.callback_at is not None and self.callback_at <= moment
        status = "已办结" if closed else "已回退" if returned else "办理中"
        signed = self.signed_at if self.signed_at and self.signed_at <= moment else None
        onsite = self.onsite_at if self.onsite_at and self.onsite_at <= moment else None
        fmt = _fmt
        return {
            "ticket_id": self.ticket_id,
            "jurisdiction": jurisdiction,
            "received_at": fmt(self.received_at),
            "channel": self.channel,
            "request_type": self.request_type,
            "category_path": self.category,
            "is_enterprise": _yes(self.is_enterprise),
            "urgency": "紧急" if self.urgent else "一般",
            "unit_name": self.unit_spelling,
            "assigned_at": fmt(self.assigned_at),
            "signed_at": fmt(signed),
            "due_at": fmt(self.due_at),
            "extension_granted": _yes(self.extension),
            "status": status,
            "returned_at": fmt(self.returned_at) if returned else "",
            "closed_at": fmt(self.closed_at) if closed else "",
            "redo_count": str(self.redo_count if closed else 0),
            "city_redo": _yes(self.city_redo and closed),
            "exempt": _yes(self.exempt),
            "callback_resolution": self.resolution if called else "",
            "callback_result_satisfaction": self.result_satisfaction if called else "",
            "callback_process_satisfaction": self.process_satisfaction if called else "",
            "city_sampled": _yes(self.city_sampled and called),
            "city_resolution": self.city_resolution if self.city_sampled and called else "",
            "city_process_satisfaction": self.city_process if self.city_sampled and called else "",
            "onsite_required": _yes(self.onsite_required),
            "onsite_at": fmt(onsite),
            "met_caller": self.met_caller if onsite else "",
            "caller_name": self.caller_name,
            "caller_phone": self.caller_phone,
            "content": self.content,
            "reply": self.reply if closed or returned else "",
            "city_result_satisfaction": city_result(self.ticket_id) if self.city_sampled and called else "",
        }


def city_result(ticket_id: str) -> str:
    """The city's sampled 办理结果满意度 (contract v1.1), from a generator of its own keyed on the ticket id."""
    return _weighted(random.Random(f"city-result/{ticket_id}"), (("满意", 78), ("基本满意", 14), ("不满意", 8)))


def _fmt(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S") if value else ""


def _points(value: float) -> str:
    text = f"{round(value, 2):.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _yes(flag: bool) -> str:
    return "是" if flag else "否"


class CountyGenerator:
    def __init__(self, jurisdiction: str, seed: int, tickets_per_period: int):
        self.jurisdiction = jurisdiction
        self.seed = seed
        self.per_period = tickets_per_period
        self.rule = load_rules()[jurisdiction]
        self.units = load_units(jurisdiction)
        self.by_name = {u.name: u for u in self.units}
        self.towns = [u for u in self.units if u.kind == "town"]

    def period(self, label: str) -> Period:
        return period(self.rule, label)

    def export_moment(self, label: str) -> datetime:
        """Exports are taken at 08:00 on the day after a period ends."""
        return datetime.combine(self.period(label).last_day + timedelta(days=1), datetime.min.time()) + timedelta(
            hours=8
        )

    def period_volume(self, label: str) -> int:
        month = int(label[5:7])
        # more calls before the Spring Festival and in the heating season
        season = {1: 1.25, 2: 1.1, 11: 1.1, 12: 1.2, 7: 1.05, 8: 1.05}.get(month, 1.0)
        trend = 1 + 0.01 * (int(label[:4]) - 2020)
        return max(1, round(self.per_period * season * trend))

    def tickets(self, label: str):
        """Every ticket assigned in the period, in receipt order (re-drawable)."""
        p = self.period(label)
        start = datetime.combine(p.first_day, datetime.min.time())
        # calls arrive between 07:00 and 21:00; the index keeps receipt order
        daytime = 14 * 3600
        seconds = p.days * daytime
        count = self.period_volume(label)
        month = int(label[5:7])
        weights = [(c, w * (peak if month in months else 1.0)) for c, w, months, peak, _ in CATEGORIES]
        for index in range(count):
            rng = random.Random(f"{self.seed}:{self.jurisdiction}:{label}:{index}")
            offset = int((index + rng.random()) / count * seconds)
            received = start + timedelta(days=offset // daytime, seconds=7 * 3600 + offset % daytime)
            yield from self._ticket(rng, index, received, weights)

    def _ticket(self, rng: random.Random, index: int, received: datetime, weights):
        category = _weighted(rng, weights)
        hint = next(h for c, _, _, _, h in CATEGORIES if c == category)
        home_town = rng.choice(self.towns)
        if hint == "town" or rng.random() < 0.35:
            unit = home_town
        else:
            unit = self.by_name.get(hint, home_town)
        ticket = self._lifecycle(rng, f"{received:%y%m%d%H%M%S}{index % 500000:06d}", received, category, unit)
        yield ticket
        if ticket.returned_at is not None:
            # the centre reassigns a returned ticket to another unit as a new sub-ticket
            other = self.by_name.get(hint) if unit.kind == "town" else home_town
            other = other if other is not None and other is not unit else rng.choice(self.units)
            yield self._lifecycle(
                rng,
                f"{received:%y%m%d%H%M%S}{500000 + index % 500000:06d}",
                received,
                category,
                other,
                assigned_at=ticket.returned_at + timedelta(minutes=rng.randint(20, 240)),
                may_return=False,
            )

    def _lifecycle(self, rng, ticket_id, received, category, unit, assigned_at=None, may_return=True):
        urgent = rng.random() < 0.04
        assigned = assigned_at or received + timedelta(minutes=rng.randint(5, 90))
        q = unit.quality
        signed = None
        if rng.random() < 0.995:
            late = rng.random() > q + 0.15
            signed = assigned + timedelta(minutes=rng.randint(121, 600) if late else rng.randint(2, 110))
        extension = rng.random() < 0.03
        due = add_workdays(assigned, (1 if urgent else 5) + (10 if extension else 0))
        returned = closed = callback = None
        if may_return and rng.random() < 0.05:
            # returns are due within 2 working days; some are late
            returned = assigned + timedelta(hours=rng.uniform(1, 30 if rng.random() < 0.9 else 90))
        else:
            late = rng.random() > q + 0.12
            span = (due - assigned).total_seconds()
            if late:
                closed = due + timedelta(hours=rng.uniform(2, 120))
            else:
                closed = assigned + timedelta(seconds=span * rng.uniform(0.05, 0.98))
            if rng.random() < 0.88:
                callback = closed + timedelta(hours=rng.uniform(2, 40))
        resolution = _weighted(rng, (("已解决", 70 * q), ("部分解决", 15), ("未解决", 20 * (1 - q) + 3)))
        result_sat = _weighted(rng, (("满意", 80 * q), ("基本满意", 12), ("不满意", 25 * (1 - q) + 2)))
        process_sat = _weighted(rng, (("满意", 85 * q), ("基本满意", 10), ("不满意", 20 * (1 - q) + 2)))
        redo = 1 if resolution == "未解决" and rng.random() < 0.3 else 0
        city_sampled = callback is not None and rng.random() < 0.04
        onsite = rng.random() < 0.004
        name, phone = fake_name(rng), fake_phone(rng)
        name, phone = regular_caller(self.jurisdiction, ticket_id) or (name, phone)
        text = category.split("/")[-1]
        content = f"{name}来电反映{_place(ticket_id, category)}{text}问题，希望尽快处理。"
        content += third_party(ticket_id)[0]
        if rng.random() < 0.3:
            content += f"联系电话{_written(phone, ticket_id)}。"
        if rng.random() < 0.08:
            content += f"身份证号{_written(fake_id_number(rng), ticket_id)}。"
        reply = f"经核实，已联系{name}，{text}问题已按规定办理。"
        spelling = unit.name
        if unit.aliases and rng.random() < 0.15:
            spelling = rng.choice(unit.aliases)
        return Ticket(
            ticket_id=ticket_id,
            received_at=received,
            channel=_weighted(rng, CHANNELS),
            request_type=_weighted(rng, REQUEST_TYPES),
            category=category,
            is_enterprise=rng.random() < (0.25 if "营业执照" in category or "企业欠薪" in category else 0.015),
            urgent=urgent,
            unit=unit,
            unit_spelling=spelling,
            assigned_at=assigned,
            signed_at=signed,
            due_at=due,
            extension=extension,
            returned_at=returned,
            closed_at=closed,
            callback_at=callback,
            resolution=resolution,
            result_satisfaction=result_sat,
            process_satisfaction=process_sat,
            redo_count=redo,
            city_redo=redo > 0 and rng.random() < 0.2,
            exempt=rng.random() < 0.01,
            city_sampled=city_sampled,
            city_resolution=_weighted(rng, (("已解决", 75), ("部分解决", 15), ("未解决", 10))),
            city_process=_weighted(rng, (("满意", 80), ("基本满意", 12), ("不满意", 8))),
            onsite_required=onsite,
            onsite_at=assigned + timedelta(minutes=rng.randint(15, 110 if rng.random() < 0.85 else 300))
            if onsite
            else None,
            met_caller=_weighted(rng, (("现场见面", 80), ("跨区域未见面", 10), ("市民表示不需要见面", 10))),
            caller_name=name,
            caller_phone=phone,
            content=content,
            reply=reply,
        )

    def export_rows(self, label: str, previous: str | None):
        """The rows of the export taken after ``label``: its tickets, then newer states."""
        moment = self.export_moment(label)
        for ticket in self.tickets(label):
            yield ticket.as_of(moment, self.jurisdiction)
        if previous is not None:
            before = self.export_moment(previous)
            for ticket in self.tickets(previous):
                if ticket.as_of(before, self.jurisdiction)["status"] == "办理中":
                    yield ticket.as_of(moment, self.jurisdiction)

    def assessment_rows(self, label: str):
        rng = random.Random(f"{self.seed}:{self.jurisdiction}:{label}:assessment")
        for group in ("town", "other"):
            members = [u for u in self.units if (u.kind == "town") == (group == "town")]
            order = sorted(members, key=lambda u: -(u.quality + rng.uniform(-0.05, 0.05)))
            for rank, unit in enumerate(order, start=1):
                yield {
                    "jurisdiction": self.jurisdiction,
                    "period": label,
                    "unit_name": unit.name,
                    "deduction": _points(-rng.choice((0, 0, 0, 0.1, 0.2, 0.5)) * rng.random()),
                    "quality_bonus": "2" if rng.random() < 0.8 else "0",
                    "sampling_rank": str(rank),
                }


class BadRowInjector:
    """Turns a chosen share of rows into each kind of bad row the contract lists."""

    def __init__(self, rate: float, seed: int | str, dirty_rate: float):
        self.rate = rate
        self.dirty_rate = dirty_rate
        self.rng = random.Random(f"bad:{seed}")
        self.counts = {kind: 0 for kind in BAD_KINDS}
        self.offset = self.rng.randrange(len(BAD_KINDS))  # each stream starts its rotation elsewhere

    def __call__(self, rows):
        for row in rows:
            if self.rng.random() < self.dirty_rate:
                row = self.dirty(row)
            if self.rng.random() >= self.rate:
                yield row
                continue
            kind = BAD_KINDS[(self.offset + sum(self.counts.values())) % len(BAD_KINDS)]
            self.counts[kind] += 1
            yield from self.spoil(kind, dict(row))

    def dirty(self, row):
        """Valid but untidy: full-width digits, stray blanks, the other timestamp format."""
        row = dict(row)
        choice = self.rng.randrange(3)
        if choice == 0:
            row["redo_count"] = row["redo_count"].translate(str.maketrans("0123456789", "０１２３４５６７８９"))
        elif choice == 1:
            row["unit_name"] = f" {row['unit_name']}  "
        elif row["received_at"]:
            moment = datetime.strptime(row["received_at"], "%Y-%m-%d %H:%M:%S")
            row["received_at"] = f"{moment.year}/{moment.month}/{moment.day} {moment.hour}:{moment.minute:02d}"
        return row

    def spoil(self, kind: str, row: dict):
        if kind == "bad_timestamp":
            row["assigned_at"] = "2024-13-45 25:61:00"
        elif kind == "unknown_enum":
            row["channel"] = "飞鸽传书"
        elif kind == "missing_required":
            row["category_path"] = ""
        elif kind == "closed_before_received":
            moment = (
                datetime.strptime(row["received_at"].strip(), "%Y-%m-%d %H:%M:%S")
                if "-" in row["received_at"]
                else datetime(2000, 1, 1)
            )
            row["status"], row["closed_at"] = "已办结", _fmt(moment - timedelta(days=2))
        elif kind == "status_contradiction":
            row["status"], row["closed_at"], row["returned_at"] = "已办结", "", ""
        elif kind == "unknown_unit":
            row["unit_name"] = BAD_UNIT
        elif kind == "bad_number":
            row["redo_count"] = "1%"
        yield row
        if kind == "exact_duplicate":
            yield dict(row)
        elif kind == "duplicate_conflict":
            yield {**row, "request_type": "咨询" if row["request_type"] != "咨询" else "求助"}


def write_rows(path: Path, contract: Contract, rows, fmt: str, english_headers: bool = False) -> int:
    headers = contract.names if english_headers else [c.header_zh for c in contract.columns]
    count = 0
    if fmt == "xlsx":
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        sheet = book.create_sheet("导出数据")
        sheet.append(headers)
        for row in rows:
            sheet.append([row[name] for name in contract.names])
            count += 1
        book.save(path)
        return count
    encoding = {"csv": "utf-8", "csv-bom": "utf-8-sig", "gb18030": "gb18030"}[fmt]
    with open(path, "w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers)
        for row in rows:
            writer.writerow([row[name] for name in contract.names])
            count += 1
    return count


def _write_period(job: tuple) -> list[tuple[str, int]]:
    """Write one period's ticket export (and assessment inputs); run in a worker process or inline."""
    (out, jurisdiction, seed, per_period, label, previous, file_fmt, bad_rate, dirty_rate, english, assessment) = job
    county = CountyGenerator(jurisdiction, seed, per_period)
    inject = BadRowInjector(bad_rate, f"{seed}:{label}", dirty_rate)
    suffix = "xlsx" if file_fmt == "xlsx" else "csv"
    stamp = county.export_moment(label).strftime("%Y%m%d")
    path = out / f"tickets_{jurisdiction}_{stamp}.{suffix}"
    written = [(path.name, write_rows(path, TICKETS, inject(county.export_rows(label, previous)), file_fmt, english))]
    if assessment:
        path = out / f"assessment_{jurisdiction}_{label}.csv"
        written.append((path.name, write_rows(path, ASSESSMENT_INPUTS, county.assessment_rows(label), "csv")))
    return written


def generate(
    out: Path,
    jurisdiction: str = "青禾县",
    first_period: str = "2024-10",
    periods: int = 15,
    tickets_per_period: int = 300,
    seed: int = 7,
    fmt: str = "csv",
    bad_rate: float = 0.0,
    dirty_rate: float | None = None,
    english_headers: bool = False,
    assessment: bool = True,
    workers: int = 1,
) -> dict[str, int]:
    """Write one ticket export (and one assessment-inputs file) per period; return rows per file.

    Periods are independent (each re-draws what it needs of the one before), so
    ``workers`` > 1 writes them in parallel processes with identical output.
    """
    out.mkdir(parents=True, exist_ok=True)
    dirty = bad_rate if dirty_rate is None else dirty_rate
    jobs, label, previous = [], first_period, None
    for number in range(periods):
        file_fmt = FORMATS[number % len(FORMATS)] if fmt == "mixed" else fmt
        jobs.append(
            (
                out,
                jurisdiction,
                seed,
                tickets_per_period,
                label,
                previous,
                file_fmt,
                bad_rate,
                dirty,
                english_headers,
                assessment,
            )
        )
        label, previous = next_label(label), label
    if workers > 1:
        from multiprocessing import get_context

        with get_context("spawn").Pool(workers) as pool:
            results = pool.map(_write_period, jobs)
    else:
        results = [_write_period(job) for job in jobs]
    return {name: rows for result in results for name, rows in result}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Write sample 12345 ticket exports for a fictional county.")
    parser.add_argument("--out", type=Path, required=True, help="landing folder to write into")
    parser.add_argument("--jurisdiction", default="青禾县")
    parser.add_argument("--first-period", default="2024-10")
    parser.add_argument("--periods", type=int, default=15)
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--tickets-per-period", type=int, default=300)
    size.add_argument("--total", type=int, help="about this many tickets in all")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--format", choices=(*FORMATS, "mixed"), default="csv")
    parser.add_argument("--bad-rate", type=float, default=0.0, help="share of rows spoilt (each contract kind)")
    parser.add_argument("--dirty-rate", type=float, help="share of valid-but-untidy rows (default: bad rate)")
    parser.add_argument("--english-headers", action="store_true")
    parser.add_argument("--no-assessment", action="store_true", help="write ticket exports only")
    parser.add_argument("--workers", type=int, default=1, help="periods written in parallel processes")
    args = parser.parse_args(argv)
    per_period = args.tickets_per_period
    if args.total:
        per_period = max(1, round(args.total / args.periods / 1.05))
    written = generate(
        args.out,
        args.jurisdiction,
        args.first_period,
        args.periods,
        per_period,
        args.seed,
        args.format,
        args.bad_rate,
        args.dirty_rate,
        args.english_headers,
        not args.no_assessment,
        args.workers,
    )
    print(f"wrote {len(written)} files, {sum(written.values())} rows, into {args.out}")


if __name__ == "__main__":
    main()
