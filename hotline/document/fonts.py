"""Fonts: the CJK font embedded in PDFs and charts, and the names Word documents use.

The PDF and the charts embed Noto Sans CJK SC, shipped by the pinned pip package
noto-cjk-sans-otc (a collection; the simplified-Chinese face is one of its faces),
so they render the same on any machine without system fonts. A .docx embeds no
font: it names the fonts official documents use (GB/T 9704: 方正小标宋简体 for the
title, 黑体 / 楷体_GB2312 for headings, 仿宋_GB2312 for the body), which WPS and Word
on an office's machines have, each with a common fallback for Latin text.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

CJK_FAMILY = "Noto Sans CJK SC"


@dataclass(frozen=True)
class OfficialFont:
    east_asian: str
    latin: str
    size_pt: float


# 公文格式 (GB/T 9704-2012): 标题 二号小标宋, 一级标题 三号黑体, 二级标题 三号楷体, 正文 三号仿宋;
# tables a size smaller (四号 / 五号).
OFFICIAL = {
    "title": OfficialFont("方正小标宋简体", "Times New Roman", 22),
    "heading1": OfficialFont("黑体", "Times New Roman", 16),
    "heading2": OfficialFont("楷体_GB2312", "Times New Roman", 16),
    "heading3": OfficialFont("黑体", "Times New Roman", 14),
    "body": OfficialFont("仿宋_GB2312", "Times New Roman", 16),
    "table": OfficialFont("仿宋_GB2312", "Times New Roman", 10.5),
}


@dataclass(frozen=True)
class FontFile:
    path: Path
    face_index: int


@lru_cache(maxsize=1)
def cjk_font() -> FontFile:
    """The Noto Sans CJK collection and the index of its simplified-Chinese face."""
    import noto_cjk_sans_otc
    from fontTools.ttLib import TTCollection

    path = Path(noto_cjk_sans_otc.__file__).parent / "NotoSansCJK-Regular.ttc"
    if not path.exists():
        raise FileNotFoundError(f"the CJK font is missing: {path} (reinstall with 'make setup')")
    collection = TTCollection(str(path), lazy=True)
    for index, face in enumerate(collection.fonts):
        if face["name"].getDebugName(1) == CJK_FAMILY:
            return FontFile(path, index)
    raise LookupError(f"{path} has no face named {CJK_FAMILY}")
