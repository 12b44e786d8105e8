"""A learner's kernels in a room talk over Unix sockets in a folder of their own, not TCP ports.

Thirty learners' servers starting kernels at the same moment each pick five free loopback ports
by opening and closing them, and two servers can pick the same one: the later kernel dies with
"Address already in use" and the learner's notebook loses its connection (seen in
``benchmarks/bench_room.py``: one learner in thirty to fifty). ``kit.kernels`` fixed the same
race for the kit's own tools; this is its twin for a Jupyter server (``ServerKernelManager``).
The socket folder is created with the learner's umask, so it is theirs alone.
"""

from __future__ import annotations

import shutil
import tempfile

from jupyter_server.services.kernels.kernelmanager import ServerKernelManager


class IPCServerKernelManager(ServerKernelManager):
    """jupyter_server's kernel manager on Unix sockets in a private folder."""

    def __init__(self, **kwargs):
        folder = tempfile.mkdtemp(prefix="kit-kernel-")  # short: socket paths must stay under ~100 chars
        kwargs.setdefault("transport", "ipc")
        kwargs.setdefault("ip", f"{folder}/k")
        super().__init__(**kwargs)
        self._socket_folder = folder

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        await super()._async_cleanup_resources(restart=restart)
        if not restart:  # a restarted kernel binds in the same folder again
            shutil.rmtree(self._socket_folder, ignore_errors=True)
