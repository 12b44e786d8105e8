"""A room's folder: its settings (``room.json``) and who has joined (``learners.json``).

The folder holds everything a room keeps between starts: the room code, the instructor's PIN,
the hub's database and cookie secret, the learners' names with a salted hash of each PIN, and
(under ``homes/``) every learner's home with their workspace. Nothing in it is tracked by git.
Files with secrets are readable by the room's owner only; every write is atomic.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import os
import re
import secrets
import tempfile
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path

__all__ = ["RoomError", "Settings", "Registry", "username_for", "ROOM_CODE_LETTERS", "INSTRUCTOR"]

# Every process a room starts (its hub, proxy, services, learners' servers and their kernels)
# carries this variable set to the room's folder, so a stop can find what a hub left behind.
ROOM_TAG = "KIT_ROOM_DIR"
INSTRUCTOR = "instructor"
#: letters a room code is made of: no 0/O, 1/I/L, 5/S, 2/Z, 8/B to misread from the back row
ROOM_CODE_LETTERS = "ACDEFGHJKMNPQRTUVWXY34679"
#: names nobody may take: the instructor's, the hub's own words, and (in a room with operating-
#: system accounts) any account this machine already has
RESERVED = {INSTRUCTOR, "admin", "root", "hub", "user", "users", "services", "api", "login", "logout"}
PIN_RE = re.compile(r"^[0-9]{4,8}$")


class RoomError(RuntimeError):
    """A room cannot start, stop or be read: the message says what to do."""


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def write_private(path: Path, text: str, mode: int = 0o600) -> None:
    """Write ``text`` to ``path`` atomically, readable by this account only (``mode``)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def username_for(name: str) -> str:
    """The account name for a display name: lower case, letters, digits and dashes, ≤ 20 long.

    >>> username_for("Ana María")
    'ana-maria'
    >>> username_for("  Bob O'Neill ")
    'bob-o-neill'
    >>> username_for("42")
    'l-42'
    """
    plain = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:20].strip("-")
    if slug and not slug[0].isalpha():
        slug = f"l-{slug}"[:20].strip("-")
    return slug


@dataclass
class Settings:
    """What ``kit room`` was started with; kept so a restart is the same room."""

    code: str
    instructor_pin: str
    workshops: list[str]
    ip: str = "127.0.0.1"
    port: int = 8000
    accounts: str = "system"  # "system": one operating-system account per learner; "shared": one for all
    created: str = field(default_factory=_now)
    pid: int | None = None

    @classmethod
    def new(cls, workshops, ip="127.0.0.1", port=8000, accounts="system") -> Settings:
        code = "".join(secrets.choice(ROOM_CODE_LETTERS) for _ in range(4))
        pin = f"{secrets.randbelow(10**6):06d}"
        return cls(code=code, instructor_pin=pin, workshops=list(workshops), ip=ip, port=port, accounts=accounts)

    @classmethod
    def load(cls, room: Path) -> Settings | None:
        path = Path(room) / "room.json"
        if not path.exists():
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})
        except (OSError, ValueError, TypeError) as e:
            raise RoomError(f"{path}: not a room's settings ({e}); move the folder away to start a new room") from None

    def save(self, room: Path) -> None:
        write_private(Path(room) / "room.json", json.dumps(asdict(self), indent=2) + "\n")


def _hash(pin: str, salt: str) -> str:
    return hashlib.scrypt(pin.encode(), salt=bytes.fromhex(salt), n=2**12, r=8, p=1).hex()


class Registry:
    """The learners of a room: each name, the salted hash of its PIN, when it joined.

    The first person to take a name keeps it: the same name (in any case or accents) with another
    PIN is refused, and the same name with the same PIN is the same learner coming back.
    """

    def __init__(self, room: Path):
        self.path = Path(room) / "learners.json"

    def all(self) -> dict[str, dict]:
        try:
            return json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as e:
            raise RoomError(f"{self.path}: the list of learners is damaged ({e})") from None

    def claim(self, name: str, pin: str) -> tuple[str | None, str]:
        """(username, "") if ``name`` and ``pin`` may sign in, else (None, why not)."""
        user = username_for(name)
        if not user:
            return None, "Type a name with at least one letter (your first name is fine)."
        if not PIN_RE.match(pin or ""):
            return None, "Your PIN is 4 to 8 digits that you choose (and remember for rejoining)."
        people = self.all()
        known = people.get(user)
        if known is not None:
            if hmac.compare_digest(_hash(pin, known["salt"]), known["pin"]):
                known["last"] = _now()
                self._save(people)
                return user, ""
            return None, (
                f"The name \u201c{known['display']}\u201d is already taken in this room. If it is "
                "yours, type the PIN you chose; if not, pick another name."
            )
        salt = secrets.token_hex(16)
        people[user] = {
            "display": " ".join(str(name).split())[:40],
            "salt": salt,
            "pin": _hash(pin, salt),
            "joined": _now(),
            "last": _now(),
        }
        self._save(people)
        return user, ""

    def _save(self, people: dict) -> None:
        write_private(self.path, json.dumps(people, indent=2, sort_keys=True) + "\n")
