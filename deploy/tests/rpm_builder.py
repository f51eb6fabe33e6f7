"""Builds small RPM files for the tests: the lead, a signature header, a main header naming the
payload compressor, and a gzip-compressed cpio (newc) payload, which is what rpm and rpmfile
read. Only the fields a reader needs are written; these packages cannot be installed."""

from __future__ import annotations

import gzip
import struct
from dataclasses import dataclass

HEADER_MAGIC = b"\x8e\xad\xe8\x01\x00\x00\x00\x00"
TAG_PAYLOAD_COMPRESSOR = 1125
TYPE_STRING = 6


@dataclass(frozen=True)
class Member:
    """One file of the payload: its path as rpm stores it (./opt/...), mode and content."""

    name: str
    content: bytes = b""
    mode: int = 0o100644


def _header(entries: list[tuple[int, int, bytes]], pad: bool) -> bytes:
    index = b""
    store = b""
    for tag, kind, value in entries:
        index += struct.pack("!iiii", tag, kind, len(store), 1)
        store += value
    data = HEADER_MAGIC + struct.pack("!ii", len(entries), len(store)) + index + store
    # Only the signature header is padded to 8 bytes; the payload follows the main header.
    return data + b"\0" * (-len(data) % 8) if pad else data


def _cpio_entry(ino: int, name: str, mode: int, content: bytes) -> bytes:
    encoded = name.encode() + b"\0"
    fields = (ino, mode, 0, 0, 1, 0, len(content), 0, 0, 0, 0, len(encoded), 0)
    head = b"070701" + b"".join(b"%08x" % f for f in fields) + encoded
    head += b"\0" * (-len(head) % 4)
    return head + content + b"\0" * (-len(content) % 4)


def rpm_bytes(members: list[Member]) -> bytes:
    lead = b"\xed\xab\xee\xdb" + bytes([3, 0]) + struct.pack("!hh", 0, 1)
    lead += b"stand-in-test-package".ljust(66, b"\0") + struct.pack("!hh", 5, 0) + b"\0" * 16
    assert len(lead) == 96
    payload = b""
    for ino, member in enumerate(members, start=1):
        payload += _cpio_entry(ino, member.name, member.mode, member.content)
    payload += _cpio_entry(0, "TRAILER!!!", 0, b"")
    return (
        lead
        + _header([], pad=True)
        + _header([(TAG_PAYLOAD_COMPRESSOR, TYPE_STRING, b"gzip\0")], pad=False)
        + gzip.compress(payload, mtime=0)
    )
