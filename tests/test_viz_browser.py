"""The HTML views in a real browser: Debian's headless Chromium driven by Playwright (nothing downloads a browser).

Skipped, with the reason, where Chromium is absent; under CI (CI set) they fail instead.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess

import pytest

from click.testing import CliRunner

from conftest import SharedStore, fill_viz
from relgraph.cli import cli
from relgraph.viz import render_view
from relgraph.viz.snapshot import CHROMIUM_FLAGS, cjk_glyphs_drawn, find_chromium

from conftest import IMG, SCRIPT
from test_viz import TODAY, account_counts

DEMO = {"bureau": "T-2026-07", "northwind-health": "NW-RFP-2026-09"}
CHROMIUM = find_chromium()
LAUNCH_FLAGS = list(CHROMIUM_FLAGS)


def _require_browser():
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        reason = "the browser tests need Playwright's Python package: pip install '.[test]'"
    else:
        if CHROMIUM:
            return
        reason = "no Chromium found (Debian: apt-get install chromium; or set RELGRAPH_CHROMIUM)"
    if os.environ.get("CI"):
        pytest.fail(f"CI must run the browser tests, but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_FLAGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def views(request, tmp_path_factory):
    """The four views of both demo accounts and of the evil account, written once; yields (store, paths). From the
    embedded store only: test_viz.py renders every view on both stores."""
    shared = SharedStore(request, "embedded", fill_viz)
    request.addfinalizer(shared.close)
    viz_store = shared.ready()
    root = tmp_path_factory.mktemp("views")
    paths = {}
    for account, bid, vendor in [*((a, b, "apexsoft") for a, b in DEMO.items()), ("evil", "b1", "evilco")]:
        for kind in ("power", "orgchart", "competitor", "gaps"):
            out = root / f"{account}-{kind}.html"
            render_view(viz_store, kind, account=account, bid=bid, vendor=vendor, out=out, include_notes=True,
                        as_of=TODAY)
            paths[account, kind] = out
    return viz_store, paths


@pytest.fixture
def open_view(browser, views):
    """Open a view offline; returns the page and a record of its requests and dialogs."""
    contexts = []

    def opener(account: str, kind: str, size=(1600, 1000)):
        # The page's Content-Security-Policy would stop Playwright's own probes; bypassing it also shows
        # that the names stay text without that second line of defence.
        context = browser.new_context(viewport={"width": size[0], "height": size[1]}, bypass_csp=True)
        contexts.append(context)
        context.set_offline(True)
        page = context.new_page()
        seen = {"requests": [], "dialogs": [], "errors": []}
        page.on("request", lambda r: seen["requests"].append(r.url))
        page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: seen["errors"].append(str(e)))
        url = views[1][account, kind].as_uri()
        page.goto(url)
        page.wait_for_function("window.relgraph && relgraph.ready && relgraph.firstDraw !== null", timeout=60000)
        seen["url"] = url
        return page, seen

    yield opener
    for context in contexts:
        context.close()


@pytest.mark.parametrize("account", sorted(DEMO))
def test_the_drawn_map_has_every_person_and_line_and_asks_the_network_for_nothing(open_view, views, account):
    page, seen = open_view(account, "power")
    people, influence, reporting = account_counts(views[0], account)
    drawn = page.evaluate("[relgraph.network.body.nodeIndices.length, relgraph.network.body.edgeIndices.length]")
    assert drawn == [people, influence + reporting]
    assert seen["requests"] == [seen["url"]] and not seen["errors"]


@pytest.mark.parametrize("kind", ["power", "orgchart", "competitor", "gaps"])
def test_every_view_of_both_demo_accounts_draws_offline(open_view, kind):
    for account in DEMO:
        page, seen = open_view(account, kind)
        assert page.evaluate("relgraph.network.body.nodeIndices.length") > 10
        assert seen["requests"] == [seen["url"]] and not seen["errors"] and not seen["dialogs"]
        assert page.locator("#legend li").count() >= 8


@pytest.mark.parametrize("kind", ["power", "orgchart", "competitor", "gaps"])
def test_hostile_names_show_as_text_and_run_nothing(open_view, kind):
    page, seen = open_view("evil", kind)
    assert page.title() == f"{page.evaluate('relgraph.data.title')}" and SCRIPT in page.title()
    assert page.locator("#title").text_content().endswith(SCRIPT)
    page.fill("#search", "<")
    results = page.locator("#search-results li").all_text_contents()
    assert any(IMG in r for r in results) and any(SCRIPT in r for r in results)
    _hover(page, "p-img")
    tooltip = page.locator("#tooltip").text_content()
    assert IMG in tooltip and SCRIPT in tooltip and f"note {IMG}" in tooltip
    if kind == "competitor":
        assert f"EvilCo {IMG}" in page.locator("#legend").text_content()
    page.locator("#search-results button").first.click()
    page.wait_for_timeout(400)
    assert page.evaluate("document.querySelectorAll('img, svg[onload], script:not([id]):not([type])').length") == 2
    assert seen["dialogs"] == [] and seen["errors"] == [] and seen["requests"] == [seen["url"]]


def test_search_focuses_the_person_by_name_or_id(open_view):
    page, _ = open_view("bureau", "power")
    page.fill("#search", "林晓峰")
    page.press("#search", "Enter")
    assert page.evaluate("relgraph.network.getSelectedNodes()") == ["bj-ic-lin"]
    page.wait_for_function("""(() => {
        const view = relgraph.network.getViewPosition(), node = relgraph.network.getPosition('bj-ic-lin');
        return Math.abs(view.x - node.x) < 5 && Math.abs(view.y - node.y) < 5;
    })()""", timeout=5000)
    page, _ = open_view("northwind-health", "orgchart")
    page.fill("#search", "nw-coo")
    page.press("#search", "Enter")
    assert page.evaluate("relgraph.network.getSelectedNodes()") == ["nw-coo"]


def test_filters_hide_everyone_outside_the_choice(open_view):
    page, _ = open_view("bureau", "power")
    page.select_option("#filter-department", index=1)
    department = page.evaluate("document.getElementById('filter-department').value")
    shown = page.evaluate("relgraph.nodes.get({filter: n => !n.hidden}).map(n => relgraph.data.details[n.id].facets.department)")
    assert shown and set(shown) == {department}
    page.select_option("#filter-department", index=0)
    page.uncheck("input[data-facet=layer][value=frontline]")
    layers = page.evaluate("relgraph.nodes.get({filter: n => !n.hidden}).map(n => relgraph.data.details[n.id].facets.layer)")
    assert layers and "frontline" not in layers and "executive" in layers
    assert page.locator("#filter-count").text_content().endswith(" of 95 shown")


def test_an_edge_has_a_tooltip_with_kind_and_strength(open_view):
    page, _ = open_view("bureau", "power")
    edge = page.evaluate("relgraph.edges.get({filter: e => !!e.arrows})[0].id")
    page.evaluate(f"relgraph.network.emit('hoverEdge', {{edge: '{edge}', pointer: {{DOM: {{x: 100, y: 100}}}}}}); null")
    text = page.locator("#tooltip").text_content()
    assert "influence" in text and "strength" in text and "kind" in text


def test_a_screenshot_of_the_demo_power_map_is_not_blank(open_view, views, tmp_path):
    page, _ = open_view("bureau", "power", size=(1920, 1080))
    coloured = page.evaluate("""(() => {
        const canvas = document.querySelector('#map canvas');
        const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        let count = 0;
        for (let i = 0; i < pixels.length; i += 4) if (pixels[i + 3] > 0 && (pixels[i] < 240 || pixels[i + 1] < 240)) count++;
        return count / (pixels.length / 4);
    })()""")
    assert coloured > 0.02
    png = render_view(views[0], "power", account="bureau", out=tmp_path / "map.html", png=tmp_path / "map.png",
                      as_of=TODAY).png
    header = png.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", header[16:24]) == (1920, 1080)
    assert png.stat().st_size > 100_000



def test_a_picture_replaces_a_planted_link_and_is_private(views, tmp_path):
    from test_files import assert_written_safely, plant_links

    _require_browser()
    png = tmp_path / "map.png"
    links = plant_links(png, tmp_path / "victims")
    render_view(views[0], "grid", account="bureau", png=png, as_of=TODAY)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert_written_safely(png, links)

# Counts, in a PNG, the pixels that are not (near) white in a band `width` px wide inside each edge of a box.
INKED_EDGES = """async ([url, box, width]) => {
  const image = new Image();
  image.src = url;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = image.width;
  canvas.height = image.height;
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  const inked = (x, y, w, h) => {
    const pixels = context.getImageData(x, y, w, h).data;
    let count = 0;
    for (let i = 0; i < pixels.length; i += 4) if (Math.min(pixels[i], pixels[i + 1], pixels[i + 2]) < 245) count++;
    return count;
  };
  const [x, y, w, h] = box;
  return {size: [image.width, image.height], left: inked(x, y, width, h), right: inked(x + w - width, y, width, h),
          top: inked(x, y, w, width), bottom: inked(x, y + h - width, w, width)};
}"""
SIDES = ("left", "right", "top", "bottom")


def _inked_edges(browser, png, box, width=4) -> dict:
    """The picture's size, and how many drawn pixels touch each edge of `box` (x, y, w, h) in it."""
    import base64

    context = browser.new_context()
    try:
        url = "data:image/png;base64," + base64.b64encode(png.read_bytes()).decode()
        return context.new_page().evaluate(INKED_EDGES, [url, [round(v) for v in box], width])
    finally:
        context.close()


def _box_of(browser, page, selector: str, size) -> list[float]:
    """Where the element sits (x, y, w, h) on a picture of `page` of that size."""
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, bypass_csp=True)
    try:
        tab = context.new_page()
        tab.goto(page.as_uri() + "#snapshot")
        box = tab.locator(selector).bounding_box()
        return [box["x"], box["y"], box["width"], box["height"]]
    finally:
        context.close()


@pytest.mark.parametrize("account", sorted(DEMO))
@pytest.mark.parametrize("kind", ["power", "orgchart", "competitor", "gaps"])
def test_a_picture_of_a_view_frames_the_whole_map(browser, views, tmp_path, account, kind):
    """Nothing drawn touches an edge of the map's canvas in the PNG: every person and line is inside it."""
    result = render_view(views[0], kind, account=account, bid=DEMO[account], vendor="apexsoft",
                         out=tmp_path / "map.html", png=tmp_path / "map.png", as_of=TODAY)
    edges = _inked_edges(browser, result.png, _box_of(browser, result.out, "#map", (1920, 1080)))
    assert edges["size"] == [1920, 1080]
    assert {side: edges[side] for side in SIDES} == dict.fromkeys(SIDES, 0)


@pytest.mark.parametrize("account", sorted(DEMO))
def test_a_picture_of_the_grid_holds_the_whole_table(browser, views, tmp_path, account):
    result = render_view(views[0], "grid", account=account, out=tmp_path / "grid.html", png=tmp_path / "grid.png",
                         as_of=TODAY)
    width, height = _inked_edges(browser, result.png, [0, 0, 1, 1])["size"]
    x, y, w, h = _box_of(browser, result.out, "table", (width, height))
    assert x >= 0 and x + w <= width and y + h <= height
    edges = _inked_edges(browser, result.png, [0, 0, width, height])
    assert edges["bottom"] == 0 and edges["right"] == 0


def test_chinese_labels_are_drawn_with_glyphs(open_view):
    """Two different characters drawn in the views' font differ: a CJK font is installed (.ci/run installs one)."""
    page, _ = open_view("bureau", "power")
    assert cjk_glyphs_drawn(page), "no CJK font: Chinese names are empty boxes (Debian: apt-get install fonts-noto-cjk)"


@pytest.fixture
def latin_fonts_only(tmp_path):
    """The environment of a machine whose only fonts are one Latin family: fontconfig told to read one folder."""
    _require_browser()
    if not shutil.which("fc-match"):
        pytest.skip("needs fontconfig's fc-match (Debian: apt-get install fontconfig)")
    font = subprocess.run(["fc-match", "-f", "%{file}", "DejaVu Sans"], capture_output=True, text=True).stdout
    config = tmp_path / "fonts.conf"
    config.write_text(f"<?xml version='1.0'?>\n<fontconfig><dir>{os.path.dirname(font)}</dir>"
                      f"<cachedir>{tmp_path / 'font-cache'}</cachedir></fontconfig>\n", encoding="utf-8")
    env = {"FONTCONFIG_FILE": str(config)}
    chinese = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True, env={**os.environ, **env})
    if chinese.stdout.strip():
        pytest.skip(f"the folder of {font} holds a CJK font too")
    return env


def test_without_a_cjk_font_a_picture_with_chinese_says_so_once(data_dir, tmp_path, latin_fonts_only):
    runner = CliRunner()

    def picture(account: str, env=None) -> str:
        done = runner.invoke(cli, ["--data-dir", str(data_dir), "view", "grid", "--account", account, "--png",
                                   str(tmp_path / f"{account}.png")], env=env, catch_exceptions=False)
        assert done.exit_code == 0, done.output
        return done.stderr

    assert runner.invoke(cli, ["--data-dir", str(data_dir), "demo"]).exit_code == 0
    notes = [line for line in picture("bureau", latin_fonts_only).splitlines() if "CJK font" in line]
    assert len(notes) == 1 and "apt-get install fonts-noto-cjk" in notes[0] and notes[0].startswith("Note: ")
    assert "CJK" not in picture("northwind-health", latin_fonts_only)  # no Chinese on the page: nothing to say
    assert "CJK" not in picture("bureau")  # this machine's fonts


def _hover(page, node_id: str) -> None:
    """Move the mouse onto a node, as a reader would."""
    page.evaluate(f"relgraph.network.fit(); relgraph.network.moveTo({{scale: 1.0, position: relgraph.network.getPosition({node_id!r})}})")
    page.wait_for_timeout(200)
    point = page.evaluate(f"relgraph.network.canvasToDOM(relgraph.network.getPosition({node_id!r}))")
    box = page.locator("#map").bounding_box()
    page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
    page.wait_for_selector("#tooltip:not([hidden])", timeout=5000)
