"""The instructor's page: a JupyterHub service at ``/services/room/``, for the instructor only.

It lists every learner who has joined, whether their server is running, and for each exercise of
the room's workshops whether they got it right, tried it, or asked for a hint (from their
workspace logs: outcomes, never answers). It redraws itself every few seconds. ``/api/progress``
gives the same as JSON. Run by the hub: ``python -m kit.room.view ROOM``.
"""

from __future__ import annotations

import html
import json
import os
import signal
import sys
from pathlib import Path

from jupyterhub.services.auth import HubOAuthCallbackHandler, HubOAuthenticated
from jupyterhub.utils import url_path_join
from tornado import ioloop, web
from tornado.httpclient import AsyncHTTPClient, HTTPRequest

from .progress import STATES, read_log, summary
from .singleuser import WORKSPACE
from .state import Registry, Settings

REFRESH = 5  # seconds between redraws


def exercise_ids(workshops: list[str]) -> list[str]:
    from kit.exercises import exercises

    return [ex.id for w in workshops for ex in exercises(w)]


async def hub_users() -> dict[str, dict]:
    """The hub's users (their servers and last activity), read with the service's own token."""
    url = url_path_join(os.environ["JUPYTERHUB_API_URL"], "users")
    req = HTTPRequest(url, headers={"Authorization": f"token {os.environ['JUPYTERHUB_API_TOKEN']}"})
    resp = await AsyncHTTPClient().fetch(req, raise_error=False)
    if resp.code != 200:
        return {}
    return {u["name"]: u for u in json.loads(resp.body)}


async def progress(room: Path) -> dict:
    settings = Settings.load(room)
    ids = exercise_ids(settings.workshops)
    users = await hub_users()
    learners = []
    for name, info in sorted(Registry(room).all().items(), key=lambda kv: kv[1].get("joined", "")):
        log = room / "homes" / name / WORKSPACE / ".kit" / "log.jsonl"
        s = summary(read_log(log))
        user = users.get(name, {})
        learners.append(
            {
                "name": name,
                "display": info.get("display", name),
                "joined": info.get("joined"),
                "running": bool(user.get("servers", {}).get("", {}).get("ready")),
                "last_activity": user.get("last_activity"),
                "exercises": s,
            }
        )
    entries, problems = ("", [])
    if "03" in settings.workshops:
        from .entries import collect

        entries, problems = collect(room)
    return {
        "code": settings.code,
        "workshops": settings.workshops,
        "exercises": ids,
        "learners": learners,
        "entries": entries,
        "entry_problems": problems,
    }


class _Base(HubOAuthenticated, web.RequestHandler):
    @property
    def room(self) -> Path:
        return self.settings["room"]


class Page(_Base):
    @web.authenticated
    async def get(self):
        p = await progress(self.room)
        head = "".join(f"<th scope='col'>{html.escape(i)}</th>" for i in p["exercises"])
        rows = []
        for lr in p["learners"]:
            cells = []
            for i in p["exercises"]:
                e = lr["exercises"].get(i, {"state": "", "checks": 0, "hints": 0})
                mark = {"right": "\u2713", "tried": "\u2717", "hint": "?", "": ""}[e["state"]]
                label = f"{STATES[e['state']]}; {e['checks']} checks, {e['hints']} hints"
                cells.append(
                    f"<td class='{e['state'] or 'none'}' title='{label}' aria-label='{label}'>{mark}"
                    f"{'<small>' + str(e['hints']) + '?</small>' if e['hints'] and e['state'] != 'hint' else ''}</td>"
                )
            on = "on" if lr["running"] else "off"
            rows.append(
                f"<tr><th scope='row'>{html.escape(lr['display'])} <span class='{on}'>"
                f"{'online' if lr['running'] else 'away'}</span></th>{''.join(cells)}</tr>"
            )
        body = "".join(rows) or f"<tr><td colspan='{len(p['exercises']) + 1}'>Nobody has joined yet.</td></tr>"
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.write(f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="refresh" content="{REFRESH}"><meta name="viewport" content="width=device-width">
<title>The room: {len(p["learners"])} learners</title><style>
body{{font:16px/1.4 system-ui,sans-serif;margin:1.5rem;color:#111}} h1{{font-size:1.5rem}}
table{{border-collapse:collapse}} th,td{{border:1px solid #999;padding:.3rem .5rem;text-align:center}}
th[scope=row]{{text-align:left}} .right{{background:#cdeccd}} .tried{{background:#f6d6c8}}
.hint{{background:#fdf1c0}} .on{{color:#1a6b1a;font-size:.8rem}} .off{{color:#666;font-size:.8rem}}
</style></head><body><h1>The room \u00b7 code {html.escape(p["code"])} \u00b7 {len(p["learners"])} joined</h1>
<p>\u2713 right \u00b7 \u2717 tried, not right yet \u00b7 ? asked for a hint (small number: hints asked).
Outcomes only: no answer leaves a learner's workspace. Redraws every {REFRESH} s.</p>
<table><thead><tr><th scope="col">learner</th>{head}</tr></thead><tbody>{body}</tbody></table>
{self._entries(p)}</body></html>""")

    @staticmethod
    def _entries(p: dict) -> str:
        if not p["entries"]:
            return ""
        sent = p["entries"].count("\n")
        if not sent:
            return (
                "<h2 style='font-size:1.2rem'>Workshop 03's tournament</h2><p>No learner has sent a guest "
                "yet (the guest designer's <b>Send to the room</b> button).</p>"
            )
        notes = "".join(f"<li>{html.escape(x)}</li>" for x in p["entry_problems"])
        return (
            f"<h2 style='font-size:1.2rem'>Workshop 03's tournament: {sent} guests sent</h2>"
            "<p>The tournament desk's <b>Take the room's entries</b> button reads them on this machine; "
            f"elsewhere, paste these lines into it.</p><pre>{html.escape(p['entries'])}</pre>"
            + (f"<ul>{notes}</ul>" if notes else "")
        )


class Api(_Base):
    @web.authenticated
    async def get(self):
        self.set_header("Content-Type", "application/json")
        self.write(json.dumps(await progress(self.room)))


def main(room: str) -> None:
    prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", "/services/room/")
    app = web.Application(
        [
            (prefix, Page),
            (url_path_join(prefix, "api/progress"), Api),
            (url_path_join(prefix, "oauth_callback"), HubOAuthCallbackHandler),
        ],
        room=Path(room),
        cookie_secret=os.urandom(32),
    )
    url = os.environ.get("JUPYTERHUB_SERVICE_URL", "http://127.0.0.1:10101")
    from urllib.parse import urlparse

    u = urlparse(url)
    app.listen(u.port, address=u.hostname or "127.0.0.1")
    loop = ioloop.IOLoop.current()
    for sig in (signal.SIGINT, signal.SIGTERM):  # the hub stops its services with SIGINT: end quietly
        signal.signal(sig, lambda *_: loop.add_callback_from_signal(loop.stop))
    loop.start()


if __name__ == "__main__":
    main(sys.argv[1])
