"""Kernels started by kit build and by nbval use private Unix sockets, so parallel runs never
fight over a TCP port (the failure CI once hit: "Address already in use", then a 60 s wait)."""

import os

import nbval.kernel

from kit.kernels import IPCKernelManager


def test_a_kernel_binds_in_its_own_folder_and_cleans_it_up():
    km = IPCKernelManager(kernel_name="python3")
    km.start_kernel()
    folder = os.path.dirname(km.ip)
    try:
        assert km.transport == "ipc" and os.path.basename(folder).startswith("kit-kernel-")
        kc = km.client()
        kc.start_channels()
        kc.wait_for_ready(timeout=60)
        assert kc.execute_interactive("x = 1").get("content", {}).get("status") == "ok"
        kc.stop_channels()
        assert len(os.listdir(folder)) == 5  # shell, iopub, stdin, control, heartbeat
    finally:
        km.shutdown_kernel(now=True)
    assert not os.path.exists(folder)


def test_nbval_starts_its_kernels_the_same_way():
    assert nbval.kernel.KernelManager is IPCKernelManager
