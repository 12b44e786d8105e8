"""A simulated learner, for the room's tests and load benchmark: joins the way a browser does
(the login form, then their own server) and runs a notebook's cells in their own kernel.

>>> Learner("http://127.0.0.1:8000/", "ABCD", "Ana", "1234").user
'ana'
"""

from __future__ import annotations

import asyncio
import html
import json
import re
import time
import uuid
from dataclasses import dataclass, field
from urllib.parse import quote, urljoin

import requests

from .state import username_for

__all__ = ["Learner", "CellRun", "JoinError", "Reply", "execute"]


class JoinError(RuntimeError):
    """A learner could not sign in or get their server."""


@dataclass
class CellRun:
    index: int
    seconds: float
    ok: bool
    error: str = ""
    output: str = ""


@dataclass
class Learner:
    base: str
    code: str
    name: str
    pin: str
    session: requests.Session = field(default_factory=requests.Session, repr=False)

    @property
    def user(self) -> str:
        return username_for(self.name)

    def url(self, path: str) -> str:
        return urljoin(self.base if self.base.endswith("/") else self.base + "/", path.lstrip("/"))

    def sign_in(self) -> requests.Response:
        """Post the login form; the response is the page the hub sends the learner to."""
        page = self.session.get(self.url("hub/login"), timeout=30)
        xsrf = re.search(r'name="_xsrf" value="([^"]+)"', page.text)
        data = {"room_code": self.code, "username": self.name, "password": self.pin}
        if xsrf:
            data["_xsrf"] = xsrf.group(1)
        return self.session.post(self.url("hub/login"), data=data, timeout=300, allow_redirects=True)

    def login_error(self, resp: requests.Response) -> str:
        m = re.search(r'class="login_error">([^<]*)<', resp.content.decode("utf-8", "replace"))
        return html.unescape(m.group(1).strip()) if m else ""

    def join(self, timeout: float = 300.0) -> float:
        """Sign in and wait until this learner's own server answers; the seconds it took."""
        t = time.perf_counter()
        resp = self.sign_in()
        if resp.status_code == 403 or "login_error" in resp.text:
            raise JoinError(f"{self.name}: {self.login_error(resp) or resp.status_code}")
        self.wait_for_server(timeout)
        return time.perf_counter() - t

    def wait_for_server(self, timeout: float = 300.0) -> None:
        """Follow the spawn's progress as the hub's "starting" page does, then open the server
        (its sign-in through the hub sets the server's cookie)."""
        xsrf = self.session.cookies.get("_xsrf", path="/hub/")
        with self.session.get(
            self.url(f"hub/api/users/{self.user}/server/progress"),
            stream=True,
            timeout=timeout,
            headers={"X-XSRFToken": xsrf} if xsrf else {},
        ) as r:
            if r.status_code != 200:
                raise JoinError(f"{self.name}: the hub's progress said {r.status_code}: {r.text[:200]}")
            for line in r.iter_lines(decode_unicode=True):
                if not line or not line.startswith("data:"):
                    continue
                event = json.loads(line[5:])
                if event.get("failed"):
                    raise JoinError(f"{self.name}: the server failed to start: {event.get('message', '')}")
                if event.get("ready"):
                    break
        page = self.session.get(self.url(f"user/{self.user}/lab"), timeout=120)  # signs in to the server
        r = self.session.get(self.url(f"user/{self.user}/api/status"), timeout=60)
        if page.status_code != 200 or r.status_code != 200:
            raise JoinError(
                f"{self.name}: the server is up but its page answered {page.status_code} "
                f"(at {page.url}) and its status {r.status_code}: {r.text[:300]}"
            )

    # ------------------------------------------------------------------ the server's API
    def _headers(self) -> dict:
        xsrf = self.session.cookies.get("_xsrf", path=f"/user/{self.user}/") or self.session.cookies.get("_xsrf")
        return {"X-XSRFToken": xsrf} if xsrf else {}

    def api(self, method: str, path: str, **kw) -> requests.Response:
        return self.session.request(
            method,
            self.url(f"user/{self.user}/api/{path}"),
            headers=self._headers(),
            timeout=kw.pop("timeout", 60),
            **kw,
        )

    def notebook(self, name: str) -> dict:
        r = self.api("GET", f"contents/{quote(name)}")
        r.raise_for_status()
        return r.json()["content"]

    def files(self) -> list[str]:
        r = self.api("GET", "contents")
        r.raise_for_status()
        return sorted(item["name"] for item in r.json()["content"])

    def save(self, name: str, nb: dict) -> None:
        self.api("PUT", f"contents/{quote(name)}", json={"type": "notebook", "content": nb}).raise_for_status()

    def run(
        self, name: str, think=None, cells: int | None = None, timeout: float = 300.0, then: tuple[str, ...] = ()
    ) -> list[CellRun]:
        """Run notebook ``name``'s code cells in a new kernel, one by one, then the code in ``then``;
        the time and outcome of each. With ``think``, wait ``think()`` seconds before each cell, the
        first included (opening a notebook starts its kernel; the learner reads its introduction
        before running the setup cell), as a browser's learner does."""
        nb = self.notebook(name)
        codes = [
            c["source"] if isinstance(c["source"], str) else "".join(c["source"])
            for c in nb["cells"]
            if c["cell_type"] == "code"
        ][:cells] + list(then)
        r = self.api(
            "POST", "sessions", json={"path": name, "type": "notebook", "name": name, "kernel": {"name": "python3"}}
        )
        r.raise_for_status()
        sid, kid = r.json()["id"], r.json()["kernel"]["id"]
        try:
            return asyncio.run(self._execute(kid, codes, think, timeout))
        finally:
            self.api("DELETE", f"sessions/{sid}")

    async def connect(self, kernel: str, timeout: float):
        """The kernel's websocket (a busy room answers late: wait up to ``timeout``)."""
        from tornado.httpclient import HTTPRequest
        from tornado.websocket import websocket_connect

        ws_url = self.url(f"user/{self.user}/api/kernels/{kernel}/channels").replace("http", "ws", 1)
        cookie = "; ".join(f"{c.name}={c.value}" for c in self.session.cookies)
        return await websocket_connect(
            HTTPRequest(
                ws_url, headers={"Cookie": cookie, **self._headers()}, connect_timeout=timeout, request_timeout=timeout
            ),
            max_message_size=256 * 1024 * 1024,
        )

    def shell(self, session: str, msg_type: str, content: dict) -> tuple[str, str]:
        """(its msg_id, the websocket text) of one shell-channel request."""
        msg_id = uuid.uuid4().hex
        return msg_id, json.dumps(
            {
                "header": {
                    "msg_id": msg_id,
                    "username": self.user,
                    "session": session,
                    "msg_type": msg_type,
                    "version": "5.3",
                },
                "parent_header": {},
                "metadata": {},
                "channel": "shell",
                "content": content,
            }
        )

    async def _execute(self, kernel: str, codes: list[str], think, timeout: float) -> list[CellRun]:
        conn = await self.connect(kernel, timeout)
        session, runs = uuid.uuid4().hex, []
        try:
            for i, code in enumerate(codes):
                if think:  # the learner reads before each cell, the notebook's introduction before the first
                    await asyncio.sleep(think())
                msg_id, text = self.shell(session, "execute_request", execute(code))
                conn.write_message(text)
                t, reply = time.perf_counter(), Reply(msg_id)
                while not reply.done:
                    raw = await asyncio.wait_for(conn.read_message(), timeout)
                    if raw is None:
                        raise JoinError(f"{self.name}: the kernel's connection closed")
                    if isinstance(raw, bytes):  # a message with binary buffers (a widget's): never a reply
                        continue
                    reply.take(json.loads(raw))
                runs.append(CellRun(i, time.perf_counter() - t, not reply.error, reply.error, reply.output))
        finally:
            conn.close()
        return runs


def execute(code: str) -> dict:
    """An ``execute_request``'s content, as a notebook's Run sends it."""
    return {
        "code": code,
        "silent": False,
        "store_history": True,
        "user_expressions": {},
        "allow_stdin": False,
        "stop_on_error": True,
    }


class Reply:
    """What the kernel answers to one request: its outputs, its error, and whether it is done
    (the reply came and the kernel went idle). ``replied=True`` for a request with no reply of
    its own (a widget's comm message)."""

    def __init__(self, msg_id: str, replied: bool = False):
        self.msg_id, self.replied, self.idle = msg_id, replied, False
        self.error, self._out = "", []

    @property
    def done(self) -> bool:
        return self.replied and self.idle

    @property
    def output(self) -> str:
        return "".join(self._out)

    def take(self, m: dict) -> str | None:
        """Fold in message ``m``; its type if it answers this request, else None."""
        if m.get("parent_header", {}).get("msg_id") != self.msg_id:
            return None
        kind = m["header"]["msg_type"]
        if kind == "stream":
            self._out.append(m["content"].get("text", ""))
        elif kind == "execute_result":
            self._out.append(m["content"].get("data", {}).get("text/plain", "") + "\n")
        elif kind == "error":
            self.error = f"{m['content']['ename']}: {m['content']['evalue']}"
        elif kind == "execute_reply":
            self.replied = True
            if m["content"].get("status") == "error" and not self.error:
                self.error = m["content"].get("ename", "error")
        elif kind == "status" and m["content"].get("execution_state") == "idle":
            self.idle = True
        return kind
