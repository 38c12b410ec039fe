"""The web interface over a store: a map of events with filters and a timeline, a dossier per
event, and a JSON API (``/api/events``, ``/api/events/{event_id}``, OpenAPI at
``/api/openapi.json``). FastAPI and uvicorn are imported only when the app is made."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fastapi import FastAPI

    from sitrep.store import Store

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def create_app(store: Store, *, allowed_hosts: list[str] | None = None) -> FastAPI:
    from .app import create_app as _create

    return _create(store, allowed_hosts=allowed_hosts)


def serve(store: Store, *, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the app until interrupted. On a loopback address only local host names are accepted,
    so a web page elsewhere cannot reach the store through DNS rebinding."""
    import uvicorn

    hosts = [h for h in LOOPBACK if h != "::1"] + ["[::1]"] if host in LOOPBACK else None
    app = create_app(store, allowed_hosts=hosts)
    uvicorn.run(app, host=host, port=port, log_level="warning")


@contextmanager
def running(app: FastAPI, *, timeout: float = 20.0) -> Iterator[str]:
    """Serve ``app`` on a free loopback port in a background thread (for tests and benchmarks);
    yields its base URL and stops the server on leaving."""
    import socket
    import threading
    import time

    import uvicorn

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the web server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=timeout)


__all__ = ["create_app", "running", "serve"]
