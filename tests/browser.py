"""Headless Chromium for the tests of the glossary page and for its bench.

Debian's ``chromium`` and ``chromium-driver``, driven by selenium: ``make
test`` installs both when they are missing, as it does the CJK font.  A test
that needs the browser and does not find it fails, saying how to install
it; it never skips, so a machine without a browser cannot pass for green.

The flags are those that work on a machine without a display or a network:
headless, no sandbox (tests run as root in CI), no GPU, and none of
Chromium's own background connections (updates, sync, safe-browsing lists),
which a closed network refuses and which would otherwise show up in the
network log that proves the page makes no request.  Each browser gets a new,
empty profile.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from selenium.webdriver.chrome.webdriver import WebDriver

CHROMIUM = Path(os.environ.get("KG_CHROMIUM", "/usr/bin/chromium"))
CHROMEDRIVER = Path(os.environ.get("KG_CHROMEDRIVER", "/usr/bin/chromedriver"))
FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--hide-scrollbars",
    "--lang=en-US",
)


class BrowserMissing(RuntimeError):
    """Chromium, its driver or selenium is not installed."""


def missing() -> str | None:
    """What is missing to drive Chromium, or ``None``."""
    for path, package in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")):
        if not (path.is_file() and os.access(path, os.X_OK)):
            return f"{path} not found: install Debian's {package} (`make test` installs chromium and chromium-driver)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed: pip install -e '.[dev]' (`make test` does)"
    return None


@contextlib.contextmanager
def chromium(width: int = 1280, height: int = 900, downloads: Path | None = None) -> Iterator[WebDriver]:
    """A headless Chromium of ``width`` × ``height`` CSS pixels; downloads land in ``downloads``.

    Its performance log holds the DevTools network events (:func:`network_requests`).
    """
    problem = missing()
    if problem:
        raise BrowserMissing(problem)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="kg-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (*FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        # the window size is the outer size; make the page's own viewport the size asked for
        driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
        )
        if downloads is not None:
            driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def network_requests(driver: WebDriver) -> list[str]:
    """The URLs the browser asked for since the last call, from the DevTools network events."""
    urls = []
    for entry in driver.get_log("performance"):
        message: dict[str, Any] = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls
