"""Serve an app on a free local port in a background thread: for tests, benchmarks and the screenshot script,
which talk to it over real HTTP. (`newsprism serve` runs uvicorn in the foreground.)"""

from __future__ import annotations

import ctypes
import ctypes.util
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn
from fastapi import FastAPI

# how this project drives Debian's chromium headless: without the background-networking flags it keeps trying to
# reach Google's hosts, which a closed network refuses
HEADLESS_CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                          "--disable-component-update", "--disable-sync"]  # fmt: skip


_M_ARENA_MAX = -8  # glibc's mallopt parameter


def _libc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
    except OSError:
        return None
    return libc if libc is not None and hasattr(libc, "malloc_trim") else None  # glibc only


def limit_malloc_arenas(arenas: int = 2) -> None:
    """Cap glibc's malloc arenas for a server's many threads: each thread would otherwise get an arena of its own
    that keeps its peak forever, and the resident memory of a server under load would never come back."""
    libc = _libc()
    if libc is not None:
        libc.mallopt(_M_ARENA_MAX, arenas)


def trim_memory() -> None:
    """Give memory that is free back to the system (glibc keeps it otherwise): when the server has gone idle."""
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)


@contextmanager
def running(app: FastAPI, host: str = "127.0.0.1", start_timeout: float = 20.0) -> Iterator[str]:
    """Run ``app`` with uvicorn on a free port of ``host``; yields its base URL and stops it on exit."""
    with socket.socket() as s:
        s.bind((host, 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + start_timeout
    while not server.started:
        if time.time() > deadline or not thread.is_alive():
            server.should_exit = True
            raise RuntimeError(f"the web server did not start on {host}:{port}")
        time.sleep(0.05)
    try:
        yield f"http://{host}:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
