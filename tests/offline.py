"""What the browser tests share: Chromium's flags, a guard that keeps every request on this
machine (and records those it refused), and starting and stopping a local server."""

from __future__ import annotations

import os
import subprocess
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}


def require_chromium(module: bool = False) -> None:
    """Skip when Debian's Chromium is missing, except under CI (``CI=true``), where that fails:
    ``.ci/run`` must install it. ``module=True`` skips the whole test module."""
    if CHROMIUM.exists():
        return
    if os.environ.get("CI") == "true":
        pytest.fail("Chromium is missing at /usr/bin/chromium; .ci/run must apt-get install chromium", pytrace=False)
    pytest.skip("Chromium not installed (apt-get install chromium); CI runs this test", allow_module_level=module)


def keep_local(target) -> list[str]:
    """Route every request of ``target`` (a Playwright page or context): local ones go ahead, any
    other is aborted and its address appended to the list returned."""
    refused: list[str] = []

    def guard(route):
        url = route.request.url
        if url.startswith(("data:", "blob:")) or (urlparse(url).hostname or "") in LOCAL_HOSTS:
            route.continue_()
        else:
            refused.append(url)
            route.abort()

    target.route("**/*", guard)
    return refused


def wait_until_up(url: str, proc: subprocess.Popen, log: Path, what: str, timeout: float = 90) -> None:
    """Wait until ``url`` answers; if ``proc`` exits or ``timeout`` passes, kill it and fail with
    the end of its ``log``."""
    deadline = time.time() + timeout
    while True:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            if time.time() > deadline or proc.poll() is not None:
                proc.kill()
                raise RuntimeError(f"{what} did not start:\n{log.read_text()[-3000:]}") from None
            time.sleep(0.3)


def stop(proc: subprocess.Popen, log) -> None:
    """Stop a server started for a test, and close its log."""
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()
