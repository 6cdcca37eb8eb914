"""Great Expectations Data Docs that work without the internet.

GX writes pages that load Bootstrap, jQuery, bootstrap-table, Font Awesome and Vega
from public CDNs; offline the pages show an empty table. After every checkpoint the
site is rewritten to load local copies instead. The copies come from pinned Python
packages that ship these files (``requirements-assets.lock``, downloaded with their
hashes by ``make setup`` into ``HOTLINE_WEB_ASSETS``) and are unpacked once into the
site's ``static/vendor`` folder. The GX logo, fetched from a remote bucket with a
tracking query string, is pointed at the copy GX already ships in ``static/images``.
"""

from __future__ import annotations

import logging
import os
import re
import tarfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from hotline.settings import PROJECT_DIR

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Asset:
    """One CDN file and where its local copy comes from."""

    url: str
    archive: str  # file name prefix of the downloaded package
    member: str  # path inside the archive ("" for a tag to drop)
    local: str  # path under static/vendor


ASSETS = (
    Asset(
        "https://maxcdn.bootstrapcdn.com/bootstrap/4.3.1/css/bootstrap.min.css",
        "bootstrap4-0.1.0",
        "bootstrap4-0.1.0/bootstrap4/statics/css/bootstrap.min.css",
        "bootstrap/bootstrap.min.css",
    ),
    # the bundle carries Popper, so the separate Popper tag is dropped
    Asset(
        "https://stackpath.bootstrapcdn.com/bootstrap/4.3.1/js/bootstrap.min.js",
        "bootstrap4-0.1.0",
        "bootstrap4-0.1.0/bootstrap4/statics/js/bootstrap.bundle.min.js",
        "bootstrap/bootstrap.bundle.min.js",
    ),
    Asset("https://cdnjs.cloudflare.com/ajax/libs/popper.js/1.12.9/umd/popper.min.js", "", "", ""),
    Asset(
        "https://cdn.jsdelivr.net/npm/@forevolve/bootstrap-dark@1.1.0/dist/css/bootstrap-prefers-dark.css", "", "", ""
    ),
    Asset(
        "https://code.jquery.com/jquery-3.7.1.min.js",
        "xstatic_jquery-3.7.1.1",
        "xstatic/pkg/jquery/data/jquery.min.js",
        "jquery/jquery.min.js",
    ),
    Asset(
        "https://unpkg.com/bootstrap-table@1.19.1/dist/bootstrap-table.min.css",
        "kotti_bstable-1.0.2",
        "kotti_bstable-1.0.2/kotti_bstable/static/ext/bootstrap-table/dist/bootstrap-table.min.css",
        "bootstrap-table/bootstrap-table.min.css",
    ),
    Asset(
        "https://unpkg.com/bootstrap-table@1.19.1/dist/bootstrap-table.min.js",
        "kotti_bstable-1.0.2",
        "kotti_bstable-1.0.2/kotti_bstable/static/ext/bootstrap-table/dist/bootstrap-table.min.js",
        "bootstrap-table/bootstrap-table.min.js",
    ),
    Asset(
        "https://unpkg.com/bootstrap-table@1.19.1/dist/extensions/filter-control/bootstrap-table-filter-control.min.js",
        "kotti_bstable-1.0.2",
        "kotti_bstable-1.0.2/kotti_bstable/static/ext/bootstrap-table/dist/extensions/filter-control/"
        "bootstrap-table-filter-control.min.js",
        "bootstrap-table/bootstrap-table-filter-control.min.js",
    ),
    *(
        Asset(
            f"https://unpkg.com/bootstrap-table@1.19.0/dist/extensions/filter-control/bootstrap-table-filter-control{ext}",
            "kotti_bstable-1.0.2",
            "kotti_bstable-1.0.2/kotti_bstable/static/ext/bootstrap-table/dist/extensions/filter-control/"
            "bootstrap-table-filter-control.css",
            "bootstrap-table/bootstrap-table-filter-control.css",
        )
        for ext in (".css", ".min.css")
    ),
    Asset(
        "https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/css/bootstrap-datepicker.min.css",
        "xstatic_bootstrap_datepicker-1.4.0.1",
        "xstatic/pkg/bootstrap_datepicker/data/bootstrap-datepicker3.standalone.css",
        "bootstrap-datepicker/bootstrap-datepicker.css",
    ),
    Asset(
        "https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/js/bootstrap-datepicker.min.js",
        "xstatic_bootstrap_datepicker-1.4.0.1",
        "xstatic/pkg/bootstrap_datepicker/data/bootstrap-datepicker.js",
        "bootstrap-datepicker/bootstrap-datepicker.js",
    ),
    Asset(
        "https://cdnjs.cloudflare.com/ajax/libs/font-awesome/6.6.0/css/all.min.css",
        "xstatic_font_awesome-6.2.1.2",
        "xstatic/pkg/font_awesome/data/css/all.min.css",
        "font-awesome/css/all.min.css",
    ),
    *(
        Asset(
            "",
            "xstatic_font_awesome-6.2.1.2",
            f"xstatic/pkg/font_awesome/data/webfonts/{font}",
            f"font-awesome/webfonts/{font}",
        )
        for font in (
            "fa-brands-400.ttf",
            "fa-brands-400.woff2",
            "fa-regular-400.ttf",
            "fa-regular-400.woff2",
            "fa-solid-900.ttf",
            "fa-solid-900.woff2",
            "fa-v4compatibility.ttf",
            "fa-v4compatibility.woff2",
        )
    ),
    Asset(
        "https://cdn.jsdelivr.net/npm/vega@5",
        "altair_viewer-0.4.0",
        "altair_viewer/scripts/vega-5.21.0.js",
        "vega/vega.js",
    ),
    Asset(
        "https://cdn.jsdelivr.net/npm/vega-lite@5",
        "altair_viewer-0.4.0",
        "altair_viewer/scripts/vega-lite-4.17.0.js",
        "vega/vega-lite.js",
    ),
    Asset(
        "https://cdn.jsdelivr.net/npm/vega-embed@6",
        "altair_viewer-0.4.0",
        "altair_viewer/scripts/vega-embed-6.20.0.js",
        "vega/vega-embed.js",
    ),
)

# a <script> or <link> tag whose src/href is a CDN URL, with any integrity/crossorigin attributes
_TAG = re.compile(r'<(script|link)\b[^>]*?\b(?:src|href)="(https://[^"]+)"[^>]*>(?:\s*</script>)?')
_GX_LOGO = re.compile(r'"https://great-expectations-web-assets\.s3\.[^"/]+/([\w.-]+)(?:\?[^"]*)?"')
# GX's own relative links to its images (the favicon's is one level off on validation pages)
_GX_IMAGE = re.compile(r'"(?:\./|\.\./)*static/images/([\w.-]+)"')


def assets_dir() -> Path:
    return Path(os.environ.get("HOTLINE_WEB_ASSETS", PROJECT_DIR / ".venv" / "web-assets"))


def _archive(folder: Path, prefix: str) -> Path | None:
    found = sorted(p for p in folder.glob(f"{prefix}*") if p.name.endswith((".whl", ".tar.gz")))
    return found[0] if found else None


def _read(archive: Path, member: str) -> bytes:
    if archive.name.endswith(".whl"):
        with zipfile.ZipFile(archive) as whl:
            return whl.read(member)
    with tarfile.open(archive) as sdist:
        handle = sdist.extractfile(member)
        if handle is None:
            raise KeyError(member)
        return handle.read()


def unpack_assets(site: Path, source: Path | None = None) -> list[str]:
    """Copy every local asset into ``site/static/vendor``; returns what is missing."""
    source = source or assets_dir()
    vendor = site / "static" / "vendor"
    missing = []
    for asset in ASSETS:
        if not asset.local or (vendor / asset.local).exists():
            continue
        archive = _archive(source, asset.archive)
        if archive is None:
            missing.append(asset.archive)
            continue
        target = vendor / asset.local
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".part")
        partial.write_bytes(_read(archive, asset.member))
        partial.replace(target)
    return sorted(set(missing))


def rewrite_page(html: str, page: Path, site: Path) -> str:
    """The page with every known CDN tag pointing at its local copy (or dropped)."""
    by_url = {a.url: a for a in ASSETS if a.url}
    vendor = site / "static" / "vendor"

    def local(match: re.Match) -> str:
        tag, url = match.group(1), match.group(2)
        asset = by_url.get(url)
        if asset is None:
            return match.group(0)
        if not asset.local:
            return ""
        path = Path(os.path.relpath(vendor / asset.local, page.parent)).as_posix()
        if tag == "script":
            return f'<script src="{path}"></script>'
        return f'<link rel="stylesheet" href="{path}">'

    html = _TAG.sub(local, html)
    images = Path(os.path.relpath(site / "static" / "images", page.parent)).as_posix()
    html = _GX_LOGO.sub(lambda m: f'"{images}/{m.group(1)}"', html)
    return _GX_IMAGE.sub(lambda m: f'"{images}/{m.group(1)}"', html)


def make_offline(site: Path, source: Path | None = None) -> int:
    """Rewrite every page of the Data Docs site; returns the pages changed.

    When the asset packages were not downloaded (``make setup`` does it) the pages are
    left as GX wrote them and a warning says how to fix it.
    """
    if not site.is_dir():
        return 0
    missing = unpack_assets(site, source)
    if missing:
        log.warning(
            "Data Docs keep their CDN links: asset packages %s are not in %s (run make setup)",
            ", ".join(missing),
            source or assets_dir(),
        )
        return 0
    changed = 0
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        offline = rewrite_page(html, page, site)
        if offline != html:
            page.write_text(offline, encoding="utf-8")
            changed += 1
    return changed
