"""Kernels that cannot collide: each talks over its own Unix sockets, not TCP ports.

With TCP, jupyter_client picks five free ports by opening and closing them, and a kernel started
at the same moment in another process (pytest's workers, `kit build` beside a test) can take one
of them first: the kernel dies with "Address already in use" and the client waits a minute for
it. A kernel on IPC transport binds files in a folder of its own instead, so parallel kernels
never meet.
"""

from __future__ import annotations

import shutil
import tempfile

from jupyter_client.manager import AsyncKernelManager, KernelManager


class IPCKernelManager(KernelManager):
    """A :class:`~jupyter_client.manager.KernelManager` on Unix sockets in a private folder."""

    def __init__(self, **kwargs):
        folder = tempfile.mkdtemp(prefix="kit-kernel-")  # short: socket paths must stay under ~100 chars
        super().__init__(transport="ipc", ip=f"{folder}/k", **kwargs)
        self._socket_folder = folder

    async def _async_cleanup_resources(self, restart: bool = False) -> None:  # what shutdown calls
        await super()._async_cleanup_resources(restart=restart)
        if not restart:  # a restarted kernel binds in the same folder again
            shutil.rmtree(self._socket_folder, ignore_errors=True)


class AsyncIPCKernelManager(AsyncKernelManager):
    """The same, for asyncio clients: nbclient interrupts a cell that runs over its time limit
    through it (a synchronous manager's interrupt blocks inside nbclient's event loop)."""

    def __init__(self, **kwargs):
        folder = tempfile.mkdtemp(prefix="kit-kernel-")
        super().__init__(transport="ipc", ip=f"{folder}/k", **kwargs)
        self._socket_folder = folder

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        await super()._async_cleanup_resources(restart=restart)
        if not restart:
            shutil.rmtree(self._socket_folder, ignore_errors=True)
