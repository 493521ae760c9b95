"""A PNG of a page for slides: the system's Chromium driven by Playwright (which downloads no browser here).

The picture frames everything: a map view is fitted to its canvas once the layout has settled (and checked
that every person is inside it), a plain page such as the nine-box is captured at its full height. A page with
Chinese text is checked for glyphs: where no CJK font is installed Chromium draws every character as the same
empty box, and `screenshot` says so.
"""

from __future__ import annotations

import os
import shutil
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from relgraph.errors import RelgraphError
from relgraph.files import write_private

__all__ = ["find_chromium", "screenshot", "Snapshot", "cjk_glyphs_drawn", "CHROMIUM_FLAGS"]

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# No sandbox (root in containers), and nothing that phones home.
CHROMIUM_FLAGS = ("--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--mute-audio",
                  "--disable-background-networking", "--disable-component-update", "--no-first-run",
                  "--disable-sync", "--disable-default-apps", "--disable-extensions", "--no-default-browser-check")
TIMEOUT_MS = 120_000
INSTALL_CJK_FONT = ("macOS: brew install --cask font-noto-sans-cjk-sc" if sys.platform == "darwin"
                    else "Debian/Ubuntu: apt-get install fonts-noto-cjk")
NO_CJK_FONT = ("{png}: Chinese text is drawn as empty boxes because no CJK font is installed; "
               f"install one ({INSTALL_CJK_FONT}) and draw it again")

# Settled: the page has no map, or the map's layout is done and drawn once.
_SETTLED = "() => !window.relgraph || (relgraph.ready && relgraph.firstDraw !== null)"
# Fit the map to its canvas, then zoom out until every person's box (with their label) is inside it.
_FIT_MAP = """() => {
  if (!window.relgraph) return true;
  const network = relgraph.network, canvas = document.querySelector('#map canvas');
  const inside = () => relgraph.nodes.getIds().every(id => {
    const box = network.getBoundingBox(id);
    const a = network.canvasToDOM({x: box.left, y: box.top}), b = network.canvasToDOM({x: box.right, y: box.bottom});
    return a.x >= 0 && a.y >= 0 && b.x <= canvas.clientWidth && b.y <= canvas.clientHeight;
  });
  network.fit({animation: false});
  for (let tries = 0; tries < 20 && !inside(); tries++) network.moveTo({scale: network.getScale() * 0.9});
  network.redraw();
  return inside();
}"""
# Two different CJK characters, each drawn in the page's font: with no CJK font they are the same box.
_CJK_GLYPHS = """() => {
  const font = '48px ' + getComputedStyle(document.body).fontFamily;
  const drawn = ['\u90d1', '\u56fd'].map(ch => {
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 64;
    const context = canvas.getContext('2d');
    context.font = font;
    context.fillText(ch, 4, 52);
    return canvas.toDataURL();
  });
  return drawn[0] !== drawn[1];
}"""
_HAS_CJK = r"() => /[\u3400-\u9fff\uf900-\ufaff]/.test(document.documentElement.textContent)"


@dataclass
class Snapshot:
    """The picture written, and notes for the reader (one line each)."""

    png: Path
    notes: list[str] = field(default_factory=list)


def find_chromium() -> str | None:
    """RELGRAPH_CHROMIUM, else the first Chromium or Chrome on the PATH."""
    configured = os.environ.get("RELGRAPH_CHROMIUM")
    if configured:
        return configured if Path(configured).exists() else None
    return next((found for name in CANDIDATES if (found := shutil.which(name))), None)


def screenshot(page: Path, png: Path, *, width: int = 1920, height: int = 1080) -> Snapshot:
    """Open `page` (with the #snapshot fragment) in headless Chromium and write all of it to `png`.

    A map view is captured at width x height with the whole map fitted in; a page without a map at `width`
    and its full height (at least `height`).
    """
    chromium = find_chromium()
    if chromium is None:
        raise RelgraphError("--png needs Chromium, and none was found: install it (Debian/Ubuntu: "
                            "apt-get install chromium) or set RELGRAPH_CHROMIUM to its path; the HTML was written")
    # Playwright's synchronous API refuses to run inside an event loop (a notebook, or another Playwright):
    # a thread of its own has none.
    with ThreadPoolExecutor(max_workers=1) as worker:
        return worker.submit(_capture, chromium, Path(page).resolve(), Path(png), width, height).result()


def _capture(chromium: str, page: Path, png: Path, width: int, height: int) -> Snapshot:
    from playwright.sync_api import Error, sync_playwright

    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=list(CHROMIUM_FLAGS))
            try:
                context = browser.new_context(viewport={"width": width, "height": height}, offline=True)
                tab = context.new_page()
                tab.set_default_timeout(TIMEOUT_MS)
                tab.goto(page.as_uri() + "#snapshot")
                tab.wait_for_function(_SETTLED)
                tab.evaluate("document.fonts.ready.then(() => true)")
                if not tab.evaluate(_FIT_MAP):
                    raise RelgraphError(f"the map of {page} does not fit in a {width}x{height} picture; no PNG was written")
                picture = tab.screenshot(full_page=True)
                notes = [] if not tab.evaluate(_HAS_CJK) or cjk_glyphs_drawn(tab) else [NO_CJK_FONT.format(png=png)]
            finally:
                browser.close()
    except Error as error:
        raise RelgraphError(f"Chromium could not draw {page}: {str(error).splitlines()[0]}; no PNG was written") from None
    write_private(png, picture)
    return Snapshot(png, notes)


def cjk_glyphs_drawn(tab) -> bool:
    """Whether Chromium draws Chinese in the page's font with real glyphs (False: no CJK font is installed)."""
    return tab.evaluate(_CJK_GLYPHS)
