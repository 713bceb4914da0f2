"""Starts the real convd binary with its HTTP listener (tokens made by the real convctl)."""
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass

import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "clients", "python"))
BIN = os.environ.get("CONVD_BIN_DIR") or os.path.join(ROOT, ".build", "debug")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Token:
    secret: str
    flag: str


def new_token(name, role, recipient=None):
    """A token from `convctl token new`: the secret it prints once and the flag that accepts it."""
    args = [os.path.join(BIN, "convctl"), "token", "new", "--name", name, "--role", role]
    if recipient:
        args += ["--recipient", recipient]
    out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    lines = dict(line.split(":", 1) for line in out.splitlines())
    return Token(secret=lines["token"].strip(), flag=lines["flag"].strip().split(" ", 1)[1])


@dataclass
class Daemon:
    url: str
    socket: str
    data: str
    tokens: dict


def start(args, data):
    sock = os.path.join(data, "convd.sock")
    proc = subprocess.Popen([os.path.join(BIN, "convd"), "--data-dir", data, "--log-level", "error"] + args,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    deadline = time.time() + 20
    while not os.path.exists(sock):
        if proc.poll() is not None or time.time() > deadline:
            proc.kill()
            pytest.fail("convd did not start: " + proc.stdout.read().decode(errors="replace"))
        time.sleep(0.05)
    return proc, sock


@pytest.fixture(scope="session")
def daemon():
    """A convd with an HTTP listener and four tokens: admin, recorder, reader, and one bound to crm-1."""
    data = tempfile.mkdtemp(prefix="convd-http-")
    tokens = {"admin": new_token("ops", "admin"), "recorder": new_token("crm-connector", "recorder"),
              "reader": new_token("dashboard", "reader"), "bound": new_token("crm-1-only", "recorder", "crm-1")}
    port = free_port()
    args = ["--http-listen", f"127.0.0.1:{port}"]
    for t in tokens.values():
        args += ["--http-token", t.flag]
    proc, sock = start(args, data)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 20
    while True:  # the HTTP listener may bind a moment after the socket
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            if time.time() > deadline:
                pytest.fail("the HTTP listener did not start")
            time.sleep(0.05)
    yield Daemon(url=url, socket=sock, data=data, tokens=tokens)
    proc.terminate()
    proc.wait(timeout=20)
    shutil.rmtree(data, ignore_errors=True)
