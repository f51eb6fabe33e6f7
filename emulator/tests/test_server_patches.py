"""The patches of server_patches.py, run in this process: how often a host is resolved, which
thread serves a connection, are not visible through the API."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
import server_patches
from moto.moto_server.werkzeug_app import DomainDispatcherApplication


@pytest.fixture(scope="module", autouse=True)
def patched_server() -> None:
    server_patches.apply()


def test_backend_for_host_when_asked_repeatedly_should_resolve_each_host_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # GIVEN moto's server dispatcher, counting how often it lists its service packages
    import moto.backends

    listings: list[int] = []
    moto_listing = moto.backends.list_of_moto_modules

    def counting_listing() -> Any:
        listings.append(1)
        return moto_listing()

    monkeypatch.setattr(moto.backends, "list_of_moto_modules", counting_listing)
    dispatcher = DomainDispatcherApplication(create_app=lambda backend: None)

    # WHEN two hosts are each resolved many times
    lambda_backends = {
        dispatcher.get_backend_for_host("lambda.ap-south-2.amazonaws.com") for _ in range(20)
    }
    sqs_backends = {
        dispatcher.get_backend_for_host("sqs.ap-south-2.amazonaws.com") for _ in range(20)
    }

    # THEN each resolves to its service, with one lookup per host
    assert lambda_backends == {"awslambda"}
    assert sqs_backends == {"sqs"}
    assert len(listings) == 2


def test_request_threads_when_connections_come_one_after_another_should_reuse_one_thread() -> None:
    # GIVEN the emulator server's request threads, and a server that records who served what
    threads = server_patches._RequestThreads()
    served: list[tuple[str, int]] = []
    done = threading.Semaphore(0)

    class RecordingServer:
        def process_request_thread(self, request: str, client_address: Any) -> None:
            served.append((request, threading.get_ident()))
            done.release()

    # WHEN connections arrive one at a time
    for n in range(5):
        threads.submit(RecordingServer(), f"connection-{n}", ("127.0.0.1", n))
        assert done.acquire(timeout=5)

    # THEN each was served, all by the one thread started for the first
    assert [request for request, _ in served] == [f"connection-{n}" for n in range(5)]
    assert len({thread for _, thread in served}) == 1


def test_request_threads_when_connections_overlap_should_serve_them_at_once() -> None:
    # GIVEN request threads and a server whose requests all wait for each other
    threads = server_patches._RequestThreads()
    together = threading.Barrier(3, timeout=5)
    served: list[int] = []

    class WaitingServer:
        def process_request_thread(self, request: str, client_address: Any) -> None:
            together.wait()
            served.append(threading.get_ident())

    # WHEN three connections are open at once
    for n in range(3):
        threads.submit(WaitingServer(), f"connection-{n}", ("127.0.0.1", n))

    # THEN three threads serve them side by side (one thread would leave the barrier broken)
    deadline = time.monotonic() + 5
    while len(served) < 3 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert len(set(served)) == 3
