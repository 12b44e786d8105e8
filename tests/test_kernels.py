"""Kernels started by kit build and by nbval use private Unix sockets, so parallel runs never
fight over a TCP port (the failure CI once hit: "Address already in use", then a 60 s wait);
and the test run's own processes start without jsonschema's IRI grammar."""

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


def test_the_test_run_itself_skips_jsonschemas_iri_grammar():
    """``-p tests.early`` imports the kit before nbval's plugin imports jsonschema, so no pytest
    process or xdist worker pays ~1.5 s building the optional IRI grammar (see tests/early.py)."""
    import sys

    assert "rfc3987_syntax" in sys.modules and sys.modules["rfc3987_syntax"] is None
    assert "jsonschema" in sys.modules  # nbval's import came after the block, not before it
