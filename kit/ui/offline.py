"""Draw Altair charts with no network: JupyterChart in offline mode, set up fast.

Altair's default renderer fetches Vega from a CDN, which fails in a room with bad Wi-Fi.
``JupyterChart.enable_offline()`` bundles Vega's JavaScript with vl-convert instead, which takes
about a second per kernel; the bundle depends only on the Altair and vl-convert versions, so we
keep it in a cache file and reuse it (a few milliseconds).

The bundle is ~900 KB, and ``JupyterChart`` sends its module with every chart it draws: a
notebook of 13 charts sent ~12 MB to the browser, and a room of 30 learners ~360 MB over the
room's Wi-Fi. So the kernel sends it once: :class:`ChartLibrary`, a widget created by ``setup()``
and never displayed, carries the bundle and loads it in the page when its model is created; every
chart's module is a few lines that wait for that library and draw with it.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

import altair as alt
import anywidget
import traitlets

_LOADER = """
export default {
  initialize({ model }) {
    const libraries = (globalThis.__seminarKitCharts ??= {});
    const key = model.get("key");
    libraries[key] ??= import(URL.createObjectURL(
      new Blob([model.get("bundle")], { type: "text/javascript" })));
  },
};
"""

_CHART = """
const KEY = %s;
function library(ms) {
  return new Promise((resolve, reject) => {
    const start = Date.now();
    (function look() {
      const found = globalThis.__seminarKitCharts?.[KEY];
      if (found) return resolve(found);
      if (Date.now() - start > ms) return reject(new Error("chart library not loaded"));
      setTimeout(look, 25);
    })();
  });
}
export default {
  async render(view) {
    let drawing;
    try {
      drawing = (await library(60000)).default;
    } catch (error) {
      view.el.textContent = "The chart library did not load. Run the notebook's first cell " +
        "(the setup cell) again, then this cell.";
      return;
    }
    return drawing.render(view);
  },
};
"""


class ChartLibrary(anywidget.AnyWidget):
    """The offline chart bundle, sent to the page once per kernel (see the module docstring)."""

    _esm = traitlets.Unicode(_LOADER).tag(sync=True)
    key = traitlets.Unicode().tag(sync=True)
    bundle = traitlets.Unicode().tag(sync=True)


_library: ChartLibrary | None = None


def chart_module(key: str) -> str:
    """The module every chart sends: wait for the library with this ``key``, then draw with it."""
    import json

    return _CHART % json.dumps(key)


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "seminar-kit"


def _bundle_path() -> Path:
    import vl_convert

    key = hashlib.sha256(f"{alt.__version__}|{vl_convert.__version__}".encode()).hexdigest()[:16]
    return cache_dir() / f"jupyterchart-offline-{key}.js"


def enable_offline_charts() -> str:
    """Make ``JupyterChart`` (and the "jupyter" renderer) work offline; return how it was done."""
    chart_cls = alt.JupyterChart
    if getattr(chart_cls, "_is_offline", False):
        return "already offline"
    path = _bundle_path()
    try:
        bundle = path.read_text(encoding="utf-8")
    except OSError:
        bundle = ""
    if bundle and hasattr(chart_cls, "_esm"):
        chart_cls._esm = bundle
        chart_cls._is_offline = True
        how = "offline (cached bundle)"
    else:
        chart_cls.enable_offline()
        how = "offline (bundle built)"
        try:  # best effort: a read-only home just means building it next time too
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("w", dir=path.parent, delete=False, encoding="utf-8") as f:
                f.write(chart_cls._esm)
            os.replace(f.name, path)
        except OSError:
            pass
    _send_once(chart_cls)
    alt.renderers.enable("jupyter", offline=True)
    return how


def _send_once(chart_cls) -> None:
    """Send the bundle to the page in one :class:`ChartLibrary`; charts then send a stub."""
    global _library
    bundle = chart_cls._esm
    key = hashlib.sha256(bundle.encode()).hexdigest()[:16]
    _library = ChartLibrary(key=key, bundle=bundle)
    chart_cls._esm = chart_module(key)
