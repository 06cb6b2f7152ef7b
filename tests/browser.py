"""Headless Chromium for the web view's tests (and its benchmark), through selenium.

Without chromium, chromedriver or selenium a browser test is skipped, unless
``TIMELINE_REQUIRE_BROWSER=1`` (as .ci/run sets): then it fails, so CI cannot pass by not looking.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

REQUIRE_ENV = "TIMELINE_REQUIRE_BROWSER"
CHROMIUM = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
CHROMEDRIVER = ("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver")


def _first(candidates: tuple[str, ...], name: str) -> str | None:
    found = next((c for c in candidates if Path(c).is_file()), None)
    return found or shutil.which(name)


def missing_browser() -> str | None:
    """Why no browser can run here, or None."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[test]')"
    if _first(CHROMIUM, "chromium") is None:
        return "no chromium (apt-get install chromium)"
    if _first(CHROMEDRIVER, "chromedriver") is None:
        return "no chromedriver (apt-get install chromium-driver)"
    return None


def start_chromium(width: int = 1280, height: int = 900) -> Any:
    """A headless Chromium recording the console (``driver.get_log("browser")``)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = _first(CHROMIUM, "chromium") or ""
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--no-first-run", "--disable-extensions", f"--window-size={width},{height}", "--lang=en-US"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(executable_path=_first(CHROMEDRIVER, "chromedriver") or "")
    return webdriver.Chrome(options=options, service=service)


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """One browser for a module's tests (each test loads its own page from its own database)."""
    why = missing_browser()
    if why:
        if os.environ.get(REQUIRE_ENV) == "1":
            pytest.fail(f"{REQUIRE_ENV}=1 but {why}")
        pytest.skip(why)
    driver = start_chromium()
    try:
        yield driver
    finally:
        driver.quit()


def wait_for(condition: Callable[[], Any], timeout: float = 20.0, what: str = "the condition") -> Any:
    """Poll until ``condition()`` is truthy; its value."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.05)


def severe(driver: Any) -> list[dict[str, Any]]:
    """The console's errors since the last call (reading the log empties it)."""
    return [entry for entry in driver.get_log("browser") if entry.get("level") == "SEVERE"]
