"""Opening an export safely: a zip, a tar (``.tar.gz`` and friends), a folder or a CAR file.

What the file *is* is decided by its first bytes, never by its name: the zip signature
(``PK\\x03\\x04``, or ``PK\\x05\\x06`` for an empty zip), gzip's ``\\x1f\\x8b`` (and bzip2, xz or a
plain tar's ``ustar`` marker), or a CAR v1 header (a varint length, then a DAG-CBOR map holding
``roots`` and ``version``; see the CAR v1 specification at ipld.io). A folder is read by its files.

Nothing is ever extracted to disk: members are read into memory one at a time, through a reader
that stops one byte past the limit, so an archive that lies about its sizes cannot fill memory.
Before anything is read the archive is checked as a whole:

* **zip bombs**: the declared uncompressed total (:data:`MAX_TOTAL`), each member read
  (:data:`MAX_MEMBER`) and its compression ratio (:data:`MAX_RATIO`), all from the zip's central
  directory or the tar's headers, before decompressing;
* **paths that leave the archive** (``../``, ``/etc/passwd``, ``C:\\...``): refused, even though
  nothing is written, because a real export never has them;
* **links and devices** in a tar or a folder: refused (a link could point anywhere on the machine);
* **sizes on disk**: a file read whole (a CAR) or a loose file in a folder larger than the limits
  is refused from its size alone, before a byte of it is read.

Every failure is one :class:`~kit.imports.errors.ExportError` naming the file and the member.
"""

from __future__ import annotations

import lzma
import os
import re
import stat
import tarfile
import zipfile
import zlib
from pathlib import Path, PurePosixPath

from .errors import ExportError, where

__all__ = ["Source", "open_source", "MAX_MEMBER", "MAX_TOTAL", "MAX_RATIO", "MAX_CAR"]

MAX_MEMBER = 256 * 2**20  # one member read into memory (tweets.js of a very busy account is ~100 MB)
MAX_CAR = 1024 * 2**20  # a Bluesky repository read whole (blobs are not in it: typically a few MB)
MAX_TOTAL = 64 * 2**30  # the declared uncompressed total of an archive (X archives with media run to GBs)
MAX_READ = 1024 * 2**20  # everything read from one export, all members together
MAX_RATIO = 200  # uncompressed / compressed, for anything over RATIO_FLOOR
RATIO_FLOOR = 4 * 2**20
MAX_MEMBERS = 500_000

_DRIVE = re.compile(r"^[A-Za-z]:")
_ARCHIVE_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    tarfile.TarError,
    OSError,
    EOFError,
    ValueError,
    NotImplementedError,
    RuntimeError,
    zlib.error,
    lzma.LZMAError,
    KeyError,
    OverflowError,
)


def _safe_name(raw: str, path: Path) -> str:
    """A member's path as a relative POSIX path, or an ExportError if it would leave the archive."""
    name = raw.replace("\\", "/")
    while name.startswith("./"):
        name = name[2:]
    parts = PurePosixPath(name).parts
    if "\0" in name or name.startswith("/") or _DRIVE.match(name) or ".." in parts:
        raise ExportError(
            f"{where(path, raw)}: this member's path leads outside the archive; a real export "
            f"never has such a path, so the file was not read (it may have been tampered with)"
        )
    return "/".join(p for p in parts if p not in ("", "."))


def is_car(head: bytes) -> bool:
    """True if ``head`` (the first bytes of a file) starts like a CAR v1: varint, then a CBOR map with roots."""
    length, shift, i = 0, 0, 0
    while i < len(head) and i < 5:
        b = head[i]
        length |= (b & 0x7F) << shift
        i += 1
        if not b & 0x80:
            break
        shift += 7
    else:
        return False
    body = head[i : i + min(length, 512)]
    return 0 < length < 65536 and bool(body) and 0xA0 <= body[0] <= 0xBF and b"roots" in body


class Source:
    """The files of one export, by relative POSIX path; read one at a time, within the limits."""

    def __init__(self, path: Path, kind: str):
        self.path, self.kind = path, kind
        self._members: dict[str, object] = {}  # name -> ZipInfo | TarInfo | Path
        self._handle = None
        self._read_total = 0
        self.prefix = ""

    # -- listing
    @property
    def names(self) -> list[str]:
        return list(self._members)

    def _add(self, name: str, ref) -> None:
        if len(self._members) >= MAX_MEMBERS:
            raise ExportError(
                f"{where(self.path)}: holds more than {MAX_MEMBERS:,} files; an export this big "
                f"is not one the kit can read"
            )
        self._members.setdefault(name, ref)

    def strip_folder(self) -> bool:
        """Read an export zipped again inside one folder (``twitter-2023/data/...``) as the original:
        drop that folder from every path. False if the files do not all sit in one folder."""
        names = self.names
        if not names or not all("/" in n for n in names) or len({n.split("/", 1)[0] for n in names}) != 1:
            return False
        top = names[0].split("/", 1)[0] + "/"
        self.prefix += top
        self._members = {n[len(top) :]: ref for n, ref in self._members.items()}
        return True

    def find(self, *names: str) -> str | None:
        """The first member whose path (or, failing that, file name) matches one of ``names``, any case."""
        lower = {n.lower(): n for n in self._members}
        for want in names:
            if want.lower() in lower:
                return lower[want.lower()]
        for want in names:
            for n in self._members:
                if n.rsplit("/", 1)[-1].lower() == want.lower():
                    return n
        return None

    def label(self, name: str | None = None) -> str:
        return where(self.path, (self.prefix + name) if name else None)

    # -- reading
    def read(self, name: str, limit: int | None = None) -> bytes:
        ref = self._members[name]
        limit = MAX_MEMBER if limit is None else limit
        try:
            data = self._read(ref, name, limit)
        except ExportError:
            raise
        except MemoryError:
            raise ExportError(f"{self.label(name)}: too large to read into memory") from None
        except _ARCHIVE_ERRORS as e:
            raise ExportError(
                f"{self.label(name)}: this member is damaged or cut short ({type(e).__name__}); "
                f"download the export again"
            ) from None
        self._read_total += len(data)
        if self._read_total > MAX_READ:
            raise ExportError(
                f"{self.label(name)}: the files read from this export pass {MAX_READ // 2**20} MB; "
                f"the kit reads only exports smaller than that"
            )
        return data

    def text(self, name: str, encodings: tuple[str, ...] = ("utf-8-sig",)) -> str:
        """A member decoded with the first of ``encodings`` that fits it (strictly: no replacement)."""
        data = self.read(name)
        for enc in encodings:
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                continue
        tried = " or ".join(
            "UTF-8" if e.startswith("utf-8") else "Windows-1252" if e == "cp1252" else e for e in encodings
        )
        raise ExportError(
            f"{self.label(name)}: not readable as {tried} text (the bytes are garbled or "
            f"this is not a text file); expected the file as the platform wrote it"
        )

    def _too_big(self, name: str, size: int, limit: int) -> ExportError:
        return ExportError(
            f"{self.label(name)}: {size / 2**20:,.0f} MB, more than the {limit // 2**20} MB "
            f"the kit reads from one file; expected a smaller export file"
        )

    def _read(self, ref, name: str, limit: int) -> bytes:
        if isinstance(ref, zipfile.ZipInfo):
            if ref.file_size > limit:
                raise self._too_big(name, ref.file_size, limit)
            if ref.file_size > RATIO_FLOOR and ref.file_size > MAX_RATIO * max(ref.compress_size, 1):
                raise ExportError(
                    f"{self.label(name)}: compressed more than {MAX_RATIO} to 1, as a zip bomb is; "
                    f"the kit does not unpack it"
                )
            with self._handle.open(ref) as f:
                data = f.read(min(limit, ref.file_size) + 1)
            if len(data) != ref.file_size:
                raise ExportError(
                    f"{self.label(name)}: holds a different number of bytes than the archive "
                    f"says; the archive is damaged or tampered with"
                )
            return data
        if isinstance(ref, tarfile.TarInfo):
            if ref.size > limit:
                raise self._too_big(name, ref.size, limit)
            f = self._handle.extractfile(ref)
            data = f.read(ref.size + 1) if f is not None else b""
            if len(data) != ref.size:
                raise ExportError(f"{self.label(name)}: cut short inside the archive; download the export again")
            return data
        size = os.stat(ref).st_size
        if size > limit:
            raise self._too_big(name, size, limit)
        with open(ref, "rb") as f:
            return f.read(limit + 1)

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def open_source(path: str | os.PathLike) -> Source:
    """The export at ``path``, opened by what its content is; an ExportError if it is none of them."""
    path = Path(path)
    try:
        info = path.stat()
    except OSError:
        raise ExportError(
            f"{where(path)}: no such file or folder; expected the path of an export "
            f"(a .zip, a .tar.gz, a folder or a .car file)"
        ) from None
    if stat.S_ISDIR(info.st_mode):
        return _folder(path)
    if not stat.S_ISREG(info.st_mode):
        raise ExportError(f"{where(path)}: not a regular file or folder; expected an export file")
    if info.st_size == 0:
        raise ExportError(f"{where(path)}: the file is empty; expected an export (download it again?)")
    try:
        with open(path, "rb") as f:
            head = f.read(1024)
    except OSError as e:
        raise ExportError(f"{where(path)}: cannot be read ({e.strerror})") from None
    if head[:4] in (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08"):
        return _zip(path)
    if head[:2] == b"\x1f\x8b" or head[:3] == b"BZh" or head[:6] == b"\xfd7zXZ\x00" or head[257:262] == b"ustar":
        return _tar(path, info.st_size)
    if is_car(head):
        if info.st_size > MAX_CAR:
            raise ExportError(
                f"{where(path)}: {info.st_size / 2**20:,.0f} MB, more than the {MAX_CAR // 2**20} MB "
                f"the kit reads from a Bluesky repository file"
            )
        src = Source(path, "car")
        src._add(path.name, path)
        return src
    raise ExportError(
        f"{where(path)}: not an export the kit recognises: expected a zip (X, LinkedIn), a "
        f".tar.gz (Mastodon), a CAR repository file (Bluesky) or a folder of an unpacked export"
    )


def _zip(path: Path) -> Source:
    src = Source(path, "zip")
    try:
        zf = zipfile.ZipFile(path)
        infos = zf.infolist()
    except _ARCHIVE_ERRORS as e:
        raise ExportError(
            f"{where(path)}: the zip file is damaged or incomplete ({type(e).__name__}); download the export again"
        ) from None
    src._handle = zf
    total = 0
    for info in infos:
        name = _safe_name(info.filename, path)
        if stat.S_ISLNK(info.external_attr >> 16):
            zf.close()
            raise ExportError(
                f"{where(path, info.filename)}: a link, not a file; exports hold no links, so the archive was not read"
            )
        total += info.file_size
        if total > MAX_TOTAL:
            zf.close()
            raise ExportError(
                f"{where(path)}: unpacks to more than {MAX_TOTAL // 2**30} GB, as a zip bomb does; "
                f"the kit does not unpack it"
            )
        if name and not info.is_dir():
            src._add(name, info)
    return src


def _tar(path: Path, size_on_disk: int) -> Source:
    src = Source(path, "tar")
    try:
        tf = tarfile.open(path, mode="r:*")
    except _ARCHIVE_ERRORS as e:
        raise ExportError(
            f"{where(path)}: not a readable .tar.gz archive ({type(e).__name__}); download the export again"
        ) from None
    src._handle = tf
    total = 0
    try:
        while True:
            try:
                member = tf.next()
            except _ARCHIVE_ERRORS as e:
                raise ExportError(
                    f"{where(path)}: the archive is damaged or cut short ({type(e).__name__}); "
                    f"download the export again"
                ) from None
            if member is None:
                break
            name = _safe_name(member.name, path)
            if member.issym() or member.islnk():
                raise ExportError(
                    f"{where(path, member.name)}: a link to {member.linkname!r}, not a file; exports "
                    f"hold no links, so the archive was not read"
                )
            if not (member.isfile() or member.isdir()):
                raise ExportError(
                    f"{where(path, member.name)}: a device or special file; exports hold only "
                    f"files and folders, so the archive was not read"
                )
            total += member.size
            if total > MAX_TOTAL or (total > RATIO_FLOOR and total > MAX_RATIO * size_on_disk):
                raise ExportError(
                    f"{where(path)}: unpacks to far more than its own size, as an archive bomb does; "
                    f"the kit does not unpack it"
                )
            if member.isfile() and name:
                src._add(name, member)
    except ExportError:
        tf.close()
        raise
    return src


def _folder(path: Path) -> Source:
    src = Source(path, "folder")
    for root, dirs, files in os.walk(path, followlinks=False):
        dirs.sort()
        for fname in sorted(files) + [d for d in dirs if os.path.islink(os.path.join(root, d))]:
            full = Path(root) / fname
            rel = full.relative_to(path).as_posix()
            mode = os.lstat(full).st_mode
            if stat.S_ISLNK(mode):
                raise ExportError(
                    f"{where(path, rel)}: a link, not a file; copy the export's own files into "
                    f"the folder (the kit does not follow links)"
                )
            if stat.S_ISREG(mode):
                src._add(rel, full)
    if not src.names:
        raise ExportError(
            f"{where(path)}: the folder is empty; expected the unpacked files of an export "
            f"(or give the .zip, .tar.gz or .car file itself)"
        )
    return src
