"""moto's server adapted to the load of the pipeline offline: request routing and threads.

Installed by moto_patches.apply. Written against moto 5.2.5 and its Werkzeug (pinned in
tools/requirements.txt); tests/test_server_patches.py fails if an upgrade moves a seam.
"""

from __future__ import annotations

import queue
import threading
from typing import Any


def apply() -> None:
    """Remembers each host's service, and serves connections from reused threads."""
    _route_requests_by_known_hosts()
    _serve_connections_from_reused_threads()


# --- Request routing ------------------------------------------------------------------------
# moto's server picks the service of every request in DomainDispatcherApplication
# .get_application, under one lock that all request threads share. get_backend_for_host lists
# moto's package directory (an os.listdir and an os.path.isdir per service, about 200) and then
# tries every service's URL pattern against the host the request was inferred to address
# ("lambda.us-east-1.amazonaws.com"). With the interpreter calling this server for every Task,
# that lookup was the largest single cost of the emulator and serialised all requests. Its answer
# depends only on the host string (the package directory and the patterns are fixed once moto is
# imported), so it is remembered per host; a host no service claims is remembered as such (moto
# prints its "Unable to find appropriate backend" hint once, not per request).


def _route_requests_by_known_hosts() -> None:
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication

    moto_get_backend_for_host = DomainDispatcherApplication.get_backend_for_host
    backends_by_host: dict[str | None, Any] = {}

    def get_backend_for_host(self: DomainDispatcherApplication, host: str | None) -> Any:
        try:
            return backends_by_host[host]
        except KeyError:
            backend = moto_get_backend_for_host(self, host)
            backends_by_host[host] = backend
            return backend

    DomainDispatcherApplication.get_backend_for_host = get_backend_for_host


# --- Server request threads -----------------------------------------------------------------
# moto's server is Werkzeug's ThreadedWSGIServer: its single accept loop starts a new thread for
# every connection, and Werkzeug closes every connection after one response, so every request
# pays a Thread.start in that loop. Thread.start returns only once the new thread holds the GIL,
# which under load (the interpreter's own threads running dozens of executions) took 10-40 ms
# (measured), so the one accept loop admitted only a few dozen connections a second and every
# client of the emulator queued behind it. Here a connection is handed to a thread that has finished an earlier one, and
# a new thread is started only when none is idle, so the threads grow to the peak number of
# concurrent requests and are then reused. Each connection is still served by
# process_request_thread exactly as before, one thread per connection while it lasts.


class _RequestThreads:
    """Daemon threads serving accepted connections; never fewer than the busiest moment needed."""

    def __init__(self) -> None:
        self._connections: queue.SimpleQueue[tuple[Any, Any, Any]] = queue.SimpleQueue()
        self._idle = 0
        self._lock = threading.Lock()
        self._started = 0

    def submit(self, server: Any, request: Any, client_address: Any) -> None:
        with self._lock:
            start_thread = self._idle == 0
            if start_thread:
                self._started += 1
                name = f"moto-request-{self._started}"
            else:
                self._idle -= 1
        self._connections.put((server, request, client_address))
        if start_thread:
            threading.Thread(target=self._serve, name=name, daemon=True).start()

    def _serve(self) -> None:
        while True:
            server, request, client_address = self._connections.get()
            # Handles and logs its own errors and always closes the connection.
            server.process_request_thread(request, client_address)
            with self._lock:
                self._idle += 1


def _serve_connections_from_reused_threads() -> None:
    from werkzeug.serving import ThreadedWSGIServer

    if getattr(
        ThreadedWSGIServer.process_request, "reuses_threads", False
    ):  # apply() is idempotent
        return
    threads = _RequestThreads()

    def process_request(self: ThreadedWSGIServer, request: Any, client_address: Any) -> None:
        threads.submit(self, request, client_address)

    process_request.reuses_threads = True  # type: ignore[attr-defined]
    ThreadedWSGIServer.process_request = process_request
