"""One self-contained HTML file: relgraph's template, vis-network inlined from pyvis, the view as inert JSON.

The page makes no network request: vis-network's script and style come from
the files pyvis ships, relgraph's own script and style are inlined, and the
data sits in a `<script type="application/json">` block that the page's
script parses and puts into the DOM only as text.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from functools import cache
from importlib import resources
from pathlib import Path

from .view import FONT_STACK, View

__all__ = ["render_html", "safe_json", "vis_assets"]

VIS_VERSION = "vis-9.1.2"
# `<`, `>` and `&` as \\u escapes keep `</script>` and `<!--` from ending the block; U+2028/2029 are
# line breaks to old JavaScript parsers.
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def safe_json(data) -> str:
    """JSON that can sit inside a <script> element: no character of it can close or confuse the element.

    >>> safe_json({"name": "</script><b>"})
    '{"name": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    for character, escape in _JSON_ESCAPES.items():  # one C pass each: 10x faster than str.translate on CJK text
        text = text.replace(character, escape)
    return text


@cache
def vis_assets() -> tuple[str, str]:
    """vis-network's script and style, read from the pyvis package (no CDN), which is found, not imported (its
    import brings in IPython and jinja2: a fifth of a second)."""
    from importlib.util import find_spec

    lib = Path(find_spec("pyvis").submodule_search_locations[0]) / "templates" / "lib" / VIS_VERSION
    script = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    style = (lib / "vis-network.css").read_text(encoding="utf-8")
    _check_inlinable(script, "</script", "vis-network.min.js")
    _check_inlinable(style, "</style", "vis-network.css")
    return script, style


def _template(name: str) -> str:
    return (resources.files(__package__) / "templates" / name).read_text(encoding="utf-8")


def _check_inlinable(text: str, closer: str, name: str) -> None:
    if closer in text.lower():
        raise RuntimeError(f"{name} contains {closer!r} and cannot be inlined as it is")


def render_html(view: View) -> str:
    """The whole page for one view."""
    vis_js, vis_css = vis_assets()
    page_js, page_css = _template("view.js"), _template("view.css")
    _check_inlinable(page_js, "</script", "view.js")
    values = {"title": html.escape(view.title), "font_stack": html.escape(FONT_STACK, quote=False),
              "vis_css": vis_css, "page_css": page_css, "data": safe_json(view.to_json()),
              "vis_js": vis_js, "page_js": page_js, "script_hashes": f"{_sha256(vis_js)} {_sha256(page_js)}"}
    # One pass: a substituted value is never scanned again for {{...}}.
    return re.sub(r"\{\{(\w+)\}\}", lambda m: values[m.group(1)], _template("view.html"))


def _sha256(script: str) -> str:
    """A Content-Security-Policy source for one inline script: only these two scripts may run."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"
