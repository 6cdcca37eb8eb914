"""The Chinese number and wording rules of a bulletin, in one place.

Bulletins write a change as 增长 / 下降 with its size, or 持平 when there is
none; percentages with two decimals (a whole number without them in prose:
响应率 100%); counts as plain integers followed by 件; lists of names joined by
、; months as 二月份. Scores print as the bulletin prints them: at most two
decimals, no trailing zeros (37.08, 5, -0.2).
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

DIGITS = "零一二三四五六七八九"


def _quantize(value, places: int = 2) -> Decimal:
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def percent(fraction, places: int = 2, keep_zeros: bool = True) -> str:
    """0.8780 -> '87.80%'. Without keep_zeros a whole number drops its decimals: 1 -> '100%'."""
    if fraction is None:
        return "—"
    value = _quantize(Decimal(str(fraction)) * 100, places)
    if not keep_zeros and value == value.to_integral_value():
        value = value.quantize(Decimal(1))
    return f"{value}%"


def prose_percent(fraction) -> str:
    """A rate in a sentence: two decimals, a whole number without them (100%, 87.80%)."""
    return percent(fraction, keep_zeros=False)


def change(fraction, places: int = 2) -> str | None:
    """A relative change in words: 增长 16.08% / 下降 27.24% / 持平; None when unknown."""
    if fraction is None:
        return None
    value = _quantize(Decimal(str(fraction)) * 100, places)
    if value == 0:
        return "持平"
    word = "增长" if value > 0 else "下降"
    return f"{word} {prose_percent(abs(value) / 100)}"


def change_clause(yoy, mom) -> str:
    """'，同比增长 16.08%，环比下降 27.24%' with the parts that are known ('' if neither)."""
    parts = [f"{name}{phrase}" for name, phrase in (("同比", change(yoy)), ("环比", change(mom))) if phrase]
    return "".join(f"，{part}" for part in parts)


def count(value) -> str:
    """A count as printed: 11198 (no thousands separator, no decimals)."""
    return "0" if value is None else str(int(value))


def score(value) -> str:
    """A score or points as printed: at most two decimals, trailing zeros dropped (37.08, 5, -0.2)."""
    if value is None:
        return ""
    text = format(_quantize(value).normalize(), "f")
    return "0" if text in ("-0", "0") else text


def names(items) -> str:
    """Names joined the way bulletins list them: A、B、C."""
    return "、".join(items)


def chinese_number(n: int) -> str:
    """1..99 in Chinese numerals: 2 -> 二, 10 -> 十, 12 -> 十二, 21 -> 二十一."""
    if not 0 < n < 100:
        raise ValueError(f"only 1..99 are written in words here, not {n}")
    tens, ones = divmod(n, 10)
    if tens == 0:
        return DIGITS[ones]
    return ("" if tens == 1 else DIGITS[tens]) + "十" + (DIGITS[ones] if ones else "")


def month_words(period_label: str) -> str:
    """'2024-02' -> '二月份' (the month the period is named after)."""
    return f"{chinese_number(int(period_label[5:7]))}月份"


def month_digits(period_label: str) -> str:
    """'2024-02' -> '2 月份'."""
    return f"{int(period_label[5:7])} 月份"


def long_date(day: date) -> str:
    """date(2024, 3, 11) -> '2024 年 3 月 11 日'."""
    return f"{day.year} 年 {day.month} 月 {day.day} 日"


def short_date(day: date) -> str:
    """date(2024, 1, 25) -> '2024年1月25日'."""
    return f"{day.year}年{day.month}月{day.day}日"


def ordinal_heading(n: int) -> str:
    """Section numbering of an official document: 1 -> '一、'."""
    return f"{chinese_number(n)}、"


def ordinal_paren(n: int) -> str:
    """Sub-numbering: 1 -> '（一）'."""
    return f"（{chinese_number(n)}）"
