"""A PNG of a page through headless Chromium, for slides; a clear error where there is no Chromium."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from relgraph.errors import RelgraphError

__all__ = ["find_chromium", "screenshot", "CHROMIUM_FLAGS"]

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# Headless, no sandbox (root in containers), and nothing that phones home.
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--mute-audio",
                  "--disable-background-networking", "--disable-component-update", "--no-first-run",
                  "--disable-sync", "--disable-default-apps", "--disable-extensions", "--no-default-browser-check")
TIMEOUT = 120


def find_chromium() -> str | None:
    """RELGRAPH_CHROMIUM, else the first Chromium or Chrome on the PATH."""
    configured = os.environ.get("RELGRAPH_CHROMIUM")
    if configured:
        return configured if Path(configured).exists() else None
    return next((found for name in CANDIDATES if (found := shutil.which(name))), None)


def screenshot(page: Path, png: Path, *, width: int = 1920, height: int = 1080, fragment: str = "snapshot",
               settle_ms: int = 15000) -> Path:
    """Open `page` in headless Chromium and write what it shows to `png`.

    `settle_ms` of virtual time lets the layout settle before the picture is taken.
    """
    chromium = find_chromium()
    if chromium is None:
        raise RelgraphError("--png needs Chromium, and none was found: install it (Debian/Ubuntu: "
                            "apt-get install chromium) or set RELGRAPH_CHROMIUM to its path; the HTML was written")
    png = Path(png).resolve()
    url = Path(page).resolve().as_uri() + (f"#{fragment}" if fragment else "")
    with tempfile.TemporaryDirectory(prefix="relgraph-chromium-") as profile:
        command = [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}",
                   f"--virtual-time-budget={settle_ms}", f"--screenshot={png}", url]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            raise RelgraphError(f"Chromium took more than {TIMEOUT} s to draw {page}; no PNG was written") from None
    if done.returncode != 0 or not png.exists():
        detail = (done.stderr or "").strip().splitlines()[-1:] or ["no output"]
        raise RelgraphError(f"Chromium could not write {png}: {detail[0]}")
    return png
