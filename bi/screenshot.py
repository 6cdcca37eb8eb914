"""docs/superset_dashboard.png: the dashboard as a browser shows it (for the README).

    .venv-bi/bin/python bi/screenshot.py     # Superset running (make bi)

A maintainer's tool for the README, never run by make or the tests (they ask
Superset's API instead): it needs a Chromium and its chromedriver, which no pinned
Python package provides offline (CHROMIUM and CHROMEDRIVER name them; Debian's
packages chromium and chromium-driver by default). Headless Chromium logs in
as the admin and waits for the charts; the Chinese renders with the Noto Sans CJK
font of the warehouse's pinned package, handed to Chromium through fontconfig.
"""

from __future__ import annotations

import glob
import os
import sys
import tempfile
import time
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

PROJECT = Path(__file__).resolve().parent.parent
URL = f"http://127.0.0.1:{os.environ.get('HOTLINE_SUPERSET_PORT', '8088')}"
PASSWORD = os.environ.get("HOTLINE_SUPERSET_PASSWORD") or "hotline-bi-development-password"


def fontconfig(folder: Path) -> Path:
    font = glob.glob(str(PROJECT / ".venv/lib/python3*/site-packages/noto_cjk_sans_otc/NotoSansCJK-Regular.ttc"))
    if not font:
        sys.exit("the noto-cjk-sans-otc package is missing from .venv: run make setup")
    config = folder / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        f'<dir>{Path(font[0]).parent}</dir><include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
        f"<cachedir>{folder}</cachedir></fontconfig>"
    )
    return config


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        os.environ["FONTCONFIG_FILE"] = str(fontconfig(Path(folder)))
        options = webdriver.ChromeOptions()
        for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--window-size=1600,1100",
                     "--disable-background-networking", "--disable-component-update", "--no-first-run",
                     f"--user-data-dir={folder}/profile"):  # fmt: skip
            options.add_argument(flag)
        browser = os.environ.get("CHROMIUM", "/usr/bin/chromium")
        chromedriver = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
        for name, path in (("CHROMIUM", browser), ("CHROMEDRIVER", chromedriver)):
            if not Path(path).exists():
                sys.exit(f"{path} not found: this maintainer's tool needs a Chromium and its chromedriver "
                         f"(set {name}); make and the tests never use it")  # fmt: skip
        options.binary_location = browser
        driver = webdriver.Chrome(service=Service(chromedriver), options=options)
        try:
            driver.get(f"{URL}/login/")
            time.sleep(3)
            driver.find_element(By.ID, "username").send_keys("admin")
            driver.find_element(By.ID, "password").send_keys(PASSWORD + "\n")
            time.sleep(3)
            driver.get(f"{URL}/superset/dashboard/hotline-bulletin/?standalone=1")
            time.sleep(20)  # the charts query, then draw
            driver.save_screenshot(str(PROJECT / "docs" / "superset_dashboard.png"))
        finally:
            driver.quit()


if __name__ == "__main__":
    main()
