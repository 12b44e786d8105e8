"""Draw Altair charts with no network: JupyterChart in offline mode, set up fast.

Altair's default renderer fetches Vega from a CDN, which fails in a room with bad Wi-Fi.
``JupyterChart.enable_offline()`` bundles Vega's JavaScript with vl-convert instead, which takes
about a second per kernel; the bundle depends only on the Altair and vl-convert versions, so we
keep it in a cache file and reuse it (a few milliseconds).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

import altair as alt


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
    alt.renderers.enable("jupyter", offline=True)
    return how
