"""Joining a room: the room code, a name of your choosing and a PIN you pick.

No accounts are prepared by hand. The first person to take a name keeps it (:class:`Registry`);
coming back with the same name and PIN returns you to your work. The instructor signs in as
``instructor`` with the PIN ``kit room`` printed. In a room with operating-system accounts
(:class:`SystemRoomAuthenticator`, when the room runs as root) each learner's account is created
at their first sign-in, with a home only they can read.
"""

from __future__ import annotations

import hmac
import pwd
import time
from pathlib import Path

from jupyterhub.auth import Authenticator, LocalAuthenticator
from jupyterhub.handlers.login import LoginHandler
from traitlets import Dict, Unicode

from .state import INSTRUCTOR, RESERVED, Registry, Settings, username_for

__all__ = ["RoomAuthenticator", "SystemRoomAuthenticator"]

TRIES, WINDOW = 5, 60.0  # wrong PINs allowed for one name per minute


class RoomLoginHandler(LoginHandler):
    """The hub's login page, saying *why* a sign-in failed instead of "invalid password"."""

    async def _render(self, login_error=None, username=None):
        why = getattr(self, "kit_error", None)
        return await super()._render(login_error=why or login_error, username=username)

    def get_next_url(self, user=None, default=None):
        if user is not None and user.name == INSTRUCTOR and not self.get_argument("next", ""):
            return self.hub.base_url.replace("/hub/", "/services/room/")
        return super().get_next_url(user, default)


class _Room(Authenticator):
    room_dir = Unicode(help="the room's folder (kit.room.state)").tag(config=True)
    failures = Dict(help="each account name's recent wrong PINs (monotonic times)")

    def get_handlers(self, app):
        return [("/login", RoomLoginHandler)]

    def _settings(self) -> Settings:
        return Settings.load(Path(self.room_dir))

    def _fail(self, handler, why: str):
        if handler is not None:
            handler.kit_error = why
        return None

    def _taken_elsewhere(self, user: str) -> bool:
        return user in RESERVED

    async def authenticate(self, handler, data):
        settings = self._settings()
        code = "".join(str(data.get("room_code", "")).split()).upper()
        name, pin = str(data.get("username", "")).strip(), str(data.get("password", "")).strip()
        if not hmac.compare_digest(code, settings.code):
            return self._fail(handler, "That is not this room's code: type the code shown on the projector.")
        now = time.monotonic()
        user = username_for(name)  # the account: every spelling of a name counts against it together
        recent = [t for t in self.failures.get(user, []) if now - t < WINDOW]
        if len(recent) >= TRIES:
            return self._fail(handler, "Too many wrong PINs for this name: wait a minute, then try again.")
        if user == INSTRUCTOR:
            if hmac.compare_digest(pin, settings.instructor_pin):
                return {"name": INSTRUCTOR, "admin": True}
            self.failures[user] = [*recent, now]
            return self._fail(handler, "That is not the instructor's PIN (kit room printed it when it started).")
        registry = Registry(Path(self.room_dir))
        known = user in registry.all()
        if user and not known and self._taken_elsewhere(user):
            return self._fail(handler, f"The name \u201c{name}\u201d cannot be used here: pick another.")
        claimed, why = registry.claim(name, pin)
        if claimed is None:
            if known:  # a name already taken, with another PIN
                self.failures[user] = [*recent, now]
            return self._fail(handler, why)
        return {"name": claimed, "admin": False}


class RoomAuthenticator(_Room):
    """Sign-in for a room whose learners share one operating-system account."""


class SystemRoomAuthenticator(_Room, LocalAuthenticator):
    """Sign-in for a room that gives each learner an operating-system account of their own."""

    def _taken_elsewhere(self, user: str) -> bool:
        if user in RESERVED:
            return True
        try:
            pwd.getpwnam(user)
            return True  # an account this machine had before the room: never sign in as it
        except KeyError:
            return False

    async def add_user(self, user):
        if user.name == INSTRUCTOR:  # the instructor uses the hub and the room's page, no server
            return Authenticator.add_user(self, user)
        return await super().add_user(user)
