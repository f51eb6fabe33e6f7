"""The pinned Debian packages: the lock files, the refusal of a package whose SHA-256 differs, and
unpacking a package as dpkg would (without its scripts), its absolute links made relative."""

from __future__ import annotations

import hashlib
import io
import os
import tarfile

import debimage
import pytest


def deb(files: dict[str, bytes], links: dict[str, str] | None = None) -> bytes:
    """A minimal .deb: an ar archive with debian-binary, control.tar.gz and data.tar.xz."""
    data = io.BytesIO()
    with tarfile.open(fileobj=data, mode="w:xz") as archive:
        for name, payload in files.items():
            info = tarfile.TarInfo("./" + name)
            info.size = len(payload)
            info.mode = 0o755 if name.endswith(".sh") else 0o644
            info.mtime = 1_700_000_000
            archive.addfile(info, io.BytesIO(payload))
        for name, target in (links or {}).items():
            info = tarfile.TarInfo("./" + name)
            info.type = tarfile.SYMTYPE
            info.linkname = target
            archive.addfile(info)
    members = [
        ("debian-binary", b"2.0\n"),
        ("control.tar.gz", b""),
        ("data.tar.xz", data.getvalue()),
    ]
    out = b"!<arch>\n"
    for name, payload in members:
        header = f"{name + '/':<16}{0:<12}{0:<6}{0:<6}{'100644':<8}{len(payload):<10}`\n".encode()
        out += header + payload + (b"\n" if len(payload) % 2 else b"")
    return out


def test_read_lock_when_committed_should_pin_every_package_with_its_sha256_and_the_jre():
    # WHEN
    packages = debimage.read_lock(debimage.PACKAGES_LOCK)
    (qemu,) = debimage.read_lock(debimage.QEMU_LOCK)
    # THEN
    names = {p.name for p in packages}
    assert {"openjdk-21-jre-headless", "libc6", "ca-certificates", "zlib1g"} <= names
    assert all(len(p.sha256) == 64 and p.size > 0 for p in packages)
    assert all(p.path.endswith(("_arm64.deb", "_all.deb")) for p in packages)
    assert qemu.name == "qemu-user-static" and qemu.path.endswith("_amd64.deb")


def test_read_lock_when_a_line_has_no_checksum_should_refuse_it(tmp_path):
    # GIVEN
    lock = tmp_path / "bad.lock"
    lock.write_text("# header\nlibc6 2.41 - 100 debian/pool/main/g/glibc/libc6_2.41_arm64.deb\n")
    # THEN
    with pytest.raises(ValueError, match="libc6 has no SHA-256"):
        debimage.read_lock(lock)


PINNED = debimage.Package("x", "1", hashlib.sha256(b"pinned").hexdigest(), 6, "debian/pool/x.deb")


def serve_from_mirror(tmp_path, monkeypatch, payload: bytes):
    """A file mirror serving payload at PINNED's path, and an empty package cache under tmp_path."""
    served = tmp_path / "mirror" / PINNED.path
    served.parent.mkdir(parents=True)
    served.write_bytes(payload)
    monkeypatch.setattr(debimage, "MIRROR", (tmp_path / "mirror").as_uri() + "/")
    monkeypatch.setenv("IMAGE_CACHE_DIR", str(tmp_path / "cache"))
    return served


def test_fetch_when_the_download_differs_from_the_lock_should_refuse_it(tmp_path, monkeypatch):
    # GIVEN a mirror serving other bytes than the pinned ones
    serve_from_mirror(tmp_path, monkeypatch, b"tampered")
    # THEN
    with pytest.raises(SystemExit, match="refused"):
        debimage.fetch(PINNED)
    assert not list((tmp_path / "cache").glob("*.deb"))


def test_fetch_when_the_download_matches_should_cache_it_under_its_checksum(tmp_path, monkeypatch):
    # GIVEN
    served = serve_from_mirror(tmp_path, monkeypatch, b"pinned")
    # WHEN
    cached = debimage.fetch(PINNED)
    served.unlink()
    # THEN a second fetch needs no mirror
    assert cached.read_bytes() == b"pinned"
    assert debimage.fetch(PINNED) == cached


def test_unpack_when_a_package_has_absolute_links_should_make_them_relative_inside_the_root(
    tmp_path,
):
    # GIVEN
    package = tmp_path / "p.deb"
    package.write_bytes(
        deb(
            {"etc/java/jvm.cfg": b"-server KNOWN\n", "usr/bin/tool.sh": b"#!/bin/sh\n"},
            {"usr/lib/jvm/lib/jvm.cfg": "/etc/java/jvm.cfg"},
        )
    )
    root = tmp_path / "root"
    # WHEN
    debimage.unpack(package, root)
    # THEN the link resolves inside root, wherever root is
    link = root / "usr/lib/jvm/lib/jvm.cfg"
    assert os.readlink(link) == "../../../../etc/java/jvm.cfg"
    assert link.read_text() == "-server KNOWN\n"
    assert os.stat(root / "usr/bin/tool.sh").st_mode & 0o111
    assert (root / "etc/java/jvm.cfg").stat().st_mtime == 1_700_000_000


def test_unpack_when_only_some_files_are_wanted_should_leave_the_others(tmp_path):
    # GIVEN
    package = tmp_path / "p.deb"
    package.write_bytes(deb({"usr/bin/qemu-aarch64-static": b"elf", "usr/share/doc/x": b"doc"}))
    # WHEN
    debimage.unpack(package, tmp_path / "root", only={"usr/bin/qemu-aarch64-static"})
    # THEN
    assert [
        p.relative_to(tmp_path / "root").as_posix()
        for p in (tmp_path / "root").rglob("*")
        if p.is_file()
    ] == ["usr/bin/qemu-aarch64-static"]


def test_write_base_image_when_built_twice_should_give_the_same_layer(tmp_path, monkeypatch):
    # GIVEN a small root
    root = tmp_path / "root"
    (root / "usr/bin").mkdir(parents=True)
    (root / "usr/bin/java").write_bytes(b"elf")
    os.symlink("usr/bin", root / "bin")
    # WHEN
    debimage.write_base_image(root, tmp_path / "a.tar")
    debimage.write_base_image(root, tmp_path / "b.tar")
    # THEN
    assert (tmp_path / "a.tar").read_bytes() == (tmp_path / "b.tar").read_bytes()
    with tarfile.open(tmp_path / "a.tar") as image:
        names = image.getnames()
        with tarfile.open(fileobj=image.extractfile("layer.tar")) as layer:
            assert sorted(layer.getnames()) == ["bin", "usr", "usr/bin", "usr/bin/java"]
            assert all(m.uid == 0 and m.gid == 0 for m in layer.getmembers())
    assert sorted(names) == ["config.json", "layer.tar", "manifest.json"]
