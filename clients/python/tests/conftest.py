"""Starts the real convd binary on a temporary socket for the interop tests."""
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "clients", "python"))
VECTORS = os.path.join(ROOT, "proto", "vectors")


def convd_binary():
    bin_dir = os.environ.get("CONVD_BIN_DIR") or os.path.join(ROOT, ".build", "debug")
    path = os.path.join(bin_dir, "convd")
    if not os.path.exists(path):
        pytest.fail(f"no convd binary at {path}: run `swift build` or set CONVD_BIN_DIR")
    return path


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


METRICS_PORT = free_port()


@pytest.fixture(scope="session")
def metrics_url(convd_socket):
    """The daemon's Prometheus endpoint (started with --metrics-listen)."""
    return f"http://127.0.0.1:{METRICS_PORT}/metrics"


@pytest.fixture(scope="session")
def convd_socket():
    """A running convd, serving metrics on 127.0.0.1:METRICS_PORT too; yields its socket path."""
    data = tempfile.mkdtemp(prefix="convd-py-")
    sock = os.path.join(data, "convd.sock")
    proc = subprocess.Popen([convd_binary(), "--data-dir", data, "--log-level", "error",
                             "--metrics-listen", f"127.0.0.1:{METRICS_PORT}"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    deadline = time.time() + 20
    while not os.path.exists(sock):
        if proc.poll() is not None or time.time() > deadline:
            proc.kill()
            pytest.fail("convd did not start: " + proc.stdout.read().decode(errors="replace"))
        time.sleep(0.05)
    yield sock
    proc.terminate()
    proc.wait(timeout=20)
    shutil.rmtree(data, ignore_errors=True)
