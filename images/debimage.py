"""The function images' Debian arm64 base (ADR 0029), assembled from pinned packages without root,
Docker or apt at build time.

    python images/debimage.py lock       # maintainer: resolve the packages again, rewrite the locks
    python images/debimage.py rootfs     # fetch, verify and unpack the packages: target/image/rootfs
    python images/debimage.py base       # the rootfs as a one-layer docker-save tarball for Jib
    python images/debimage.py qemu       # qemu-aarch64-static, from its pinned Debian package

Every package is downloaded once into the cache (IMAGE_CACHE_DIR, default
~/.cache/trade-processing/debian) and refused unless its SHA-256 is the locked one. A package is
unpacked as dpkg would unpack it, without its maintainer scripts; what those scripts would have
made that the JVM needs (the Java trust store) is made by `base` instead.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import gzip
import hashlib
import io
import json
import lzma
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import urllib.request
from dataclasses import dataclass
from pathlib import Path

IMAGES_DIR = Path(__file__).resolve().parent
REPO_ROOT = IMAGES_DIR.parent
PACKAGES_LOCK = IMAGES_DIR / "debian-arm64.lock"
QEMU_LOCK = IMAGES_DIR / "qemu.lock"
BUILD_DIR = REPO_ROOT / "target" / "image"
MIRROR = os.environ.get("DEBIAN_MIRROR", "http://deb.debian.org/")
# The Debian archive keeps only current versions; snapshot.debian.org keeps every one. A pinned
# package that left the archive after a point release is fetched from there.
SNAPSHOT = "https://snapshot.debian.org/archive/"

# What the image installs: the JRE and what apt says it needs, recommendations left out.
ROOT_PACKAGES = ["openjdk-21-jre-headless"]
APT_SOURCES = [
    "deb [arch=arm64] http://deb.debian.org/debian trixie main",
    "deb [arch=arm64] http://deb.debian.org/debian trixie-updates main",
    "deb [arch=arm64] http://deb.debian.org/debian-security trixie-security main",
]
QEMU_PACKAGE = "qemu-user-static"
QEMU_BINARY = "usr/bin/qemu-aarch64-static"

JAVA_HOME = "usr/lib/jvm/java-21-openjdk-arm64"
# Jib's fixed modification time for what it adds (one second after the epoch).
JIB_MTIME = 1


@dataclass(frozen=True)
class Package:
    name: str
    version: str
    sha256: str
    size: int
    path: str  # relative to the mirror: debian/pool/... or debian-security/pool/...

    def line(self) -> str:
        return f"{self.name} {self.version} {self.sha256} {self.size} {self.path}"


def read_lock(path: Path) -> list[Package]:
    packages = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        name, version, sha256, size, url_path = line.split()
        if len(sha256) != 64:
            raise ValueError(f"{path}: {name} has no SHA-256")
        packages.append(Package(name, version, sha256, int(size), url_path))
    return packages


def cache_dir() -> Path:
    default = Path.home() / ".cache" / "trade-processing" / "debian"
    return Path(os.environ.get("IMAGE_CACHE_DIR", default))


def fetch(package: Package) -> Path:
    """The package file from the cache, downloaded first if needed; refused unless it matches."""
    target = cache_dir() / f"{package.sha256}.deb"
    if target.is_file() and sha256_of(target) == package.sha256:
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    errors = []
    for url in urls(package):
        try:
            with urllib.request.urlopen(url, timeout=60) as response:
                data = response.read()
        except OSError as error:
            errors.append(f"{url}: {error}")
            continue
        digest = hashlib.sha256(data).hexdigest()
        if digest != package.sha256:
            raise SystemExit(
                f"{package.name} {package.version}: SHA-256 {digest} from {url}, "
                f"locked {package.sha256}; refused"
            )
        partial = target.with_suffix(".part")
        partial.write_bytes(data)
        partial.replace(target)
        return target
    raise SystemExit(
        f"{package.name} {package.version} could not be fetched:\n  " + "\n  ".join(errors)
    )


def urls(package: Package) -> list[str]:
    archive, _, pool_path = package.path.partition("/")
    quoted = urllib.request.quote(pool_path)
    return [f"{MIRROR}{archive}/{quoted}", f"{SNAPSHOT}{archive}/now/{quoted}"]


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def deb_members(deb: Path) -> dict[str, bytes]:
    """The members of a .deb (an ar archive)."""
    data = deb.read_bytes()
    if not data.startswith(b"!<arch>\n"):
        raise ValueError(f"{deb} is not a Debian package")
    members, offset = {}, 8
    while offset < len(data):
        header = data[offset : offset + 60]
        name = header[:16].decode().strip().rstrip("/")
        size = int(header[48:58].decode().strip())
        members[name] = data[offset + 60 : offset + 60 + size]
        offset += 60 + size + (size % 2)
    return members


def data_tar(deb: Path) -> tarfile.TarFile:
    for name, payload in deb_members(deb).items():
        if name.startswith("data.tar"):
            if name.endswith(".xz"):
                payload = lzma.decompress(payload)
            elif name.endswith(".gz"):
                payload = gzip.decompress(payload)
            elif name.endswith(".zst"):
                import zstandard

                payload = zstandard.ZstdDecompressor().decompressobj().decompress(payload)
            return tarfile.open(fileobj=io.BytesIO(payload))
    raise ValueError(f"{deb} has no data.tar")


def unpack(deb: Path, root: Path, only: set[str] | None = None) -> None:
    """Unpacks a package's files under root; absolute symbolic links become relative ones, so that
    they resolve inside root both in the image and when root is a sysroot on this machine."""
    with data_tar(deb) as archive:
        for member in archive.getmembers():
            name = (
                os.path.normpath(member.name.lstrip("./")) if member.name not in (".", "./") else ""
            )
            if not name or name.startswith(".."):
                continue
            if only is not None and name not in only:
                continue
            target = root / name
            if member.isdir():
                target.mkdir(parents=True, exist_ok=True)
                os.chmod(target, member.mode & 0o7777 | 0o700)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.is_symlink() or target.exists():
                if target.is_dir() and not target.is_symlink():
                    continue
                target.unlink()
            if member.issym():
                link = member.linkname
                if link.startswith("/"):
                    link = os.path.relpath(link.lstrip("/") or ".", os.path.dirname(name) or ".")
                os.symlink(link, target)
            elif member.islnk():
                source = root / os.path.normpath(member.linkname.lstrip("./"))
                os.link(source, target)
            elif member.isfile():
                with archive.extractfile(member) as stream, target.open("wb") as out:
                    shutil.copyfileobj(stream, out)
                os.chmod(target, member.mode & 0o7777)
                os.utime(target, (member.mtime, member.mtime))


def build_rootfs(root: Path) -> list[Package]:
    """The image's file system: every locked package unpacked, the merged-/usr links, /tmp and
    the Java trust store."""
    packages = read_lock(PACKAGES_LOCK)
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    # trixie's packages install under /usr only; these links make /lib/ld-linux-aarch64.so.1
    # (every binary's interpreter) and the other classic paths resolve.
    (root / "usr").mkdir()
    for name in ("bin", "sbin", "lib"):
        (root / "usr" / name).mkdir()
        os.symlink(f"usr/{name}", root / name)
    for package in packages:
        unpack(fetch(package), root)
    (root / "tmp").mkdir(mode=0o1777, exist_ok=True)
    os.chmod(root / "tmp", 0o1777)
    write_trust_store(root)
    return packages


def write_trust_store(root: Path) -> None:
    """/etc/ssl/certs/java/cacerts, which ca-certificates-java's maintainer script would write:
    Debian's CA certificates (the ca-certificates package) as a PKCS#12 trust store, written by
    the build's JDK with the JDK's own KeyStore API (TrustStore.java)."""
    certificates = sorted((root / "usr/share/ca-certificates/mozilla").glob("*.crt"))
    if not certificates:
        raise SystemExit("no CA certificates unpacked: is ca-certificates in the lock?")
    store = root / "etc/ssl/certs/java/cacerts"
    store.parent.mkdir(parents=True, exist_ok=True)
    java = Path(os.environ.get("JAVA_HOME", "")) / "bin" / "java"
    subprocess.run(
        [str(java) if java.is_file() else "java", str(IMAGES_DIR / "TrustStore.java"), str(store)]
        + [str(c) for c in certificates],
        check=True,
    )


def write_base_image(root: Path, tarball: Path) -> None:
    """The rootfs as a docker-save tarball with one uncompressed layer, the layout Jib reads from
    tar://. File order, owners and times are fixed, so the same lock gives the same layer."""
    layer = io.BytesIO()
    with tarfile.open(fileobj=layer, mode="w", format=tarfile.PAX_FORMAT) as archive:
        for path in sorted(root.rglob("*"), key=lambda p: p.relative_to(root).as_posix()):
            info = archive.gettarinfo(str(path), arcname=path.relative_to(root).as_posix())
            info.uid = info.gid = 0
            info.uname = info.gname = "root"
            if info.isdir() or info.issym():
                info.mtime = JIB_MTIME
            if info.isfile():
                with path.open("rb") as stream:
                    archive.addfile(info, stream)
            else:
                archive.addfile(info)
    layer_bytes = layer.getvalue()
    diff_id = "sha256:" + hashlib.sha256(layer_bytes).hexdigest()
    config = {
        "architecture": "arm64",
        "os": "linux",
        "config": {
            "Env": [
                "PATH=/usr/local/bin:/usr/bin:/bin",
                "LANG=C.UTF-8",
                f"JAVA_HOME=/{JAVA_HOME}",
            ],
            "WorkingDir": "/var/task",
            "Labels": {
                "com.tradeprocessing.base": "debian trixie arm64, openjdk-21-jre-headless "
                + java_version(),
                "com.tradeprocessing.base.lock-sha256": sha256_of(PACKAGES_LOCK),
            },
        },
        "rootfs": {"type": "layers", "diff_ids": [diff_id]},
        "history": [{"created_by": "images/debimage.py base (images/debian-arm64.lock)"}],
    }
    config_bytes = json.dumps(config, sort_keys=True).encode()
    manifest = [
        {
            "Config": "config.json",
            "RepoTags": ["debian-java21-arm64:locked"],
            "Layers": ["layer.tar"],
        }
    ]
    tarball.parent.mkdir(parents=True, exist_ok=True)
    partial = tarball.with_suffix(".part")
    with tarfile.open(partial, mode="w") as image:
        for name, payload in (
            ("config.json", config_bytes),
            ("layer.tar", layer_bytes),
            ("manifest.json", json.dumps(manifest).encode()),
        ):
            info = tarfile.TarInfo(name)
            info.size = len(payload)
            info.mtime = JIB_MTIME
            image.addfile(info, io.BytesIO(payload))
    partial.replace(tarball)


def java_version() -> str:
    for package in read_lock(PACKAGES_LOCK):
        if package.name == "openjdk-21-jre-headless":
            return package.version
    raise SystemExit(f"{PACKAGES_LOCK} has no openjdk-21-jre-headless")


@contextlib.contextmanager
def build_lock():
    """Held while target/image is written: the function modules' images are built side by side
    (make test-images), and each one's build asks for the base and qemu."""
    BUILD_DIR.mkdir(parents=True, exist_ok=True)
    with (BUILD_DIR / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def base(args) -> None:
    """rootfs and base image, rebuilt only when the lock changed (a stamp holds its SHA-256)."""
    with build_lock():
        _base(args)


def _base(args) -> None:
    stamp = BUILD_DIR / "base.stamp"
    wanted = sha256_of(PACKAGES_LOCK) + " " + sha256_of(IMAGES_DIR / "debimage.py")
    tarball = BUILD_DIR / "debian-java21-arm64.tar"
    if stamp.is_file() and stamp.read_text() == wanted and tarball.is_file() and not args.force:
        print(f"base image: {tarball} is up to date")
        return
    packages = build_rootfs(BUILD_DIR / "rootfs")
    write_base_image(BUILD_DIR / "rootfs", tarball)
    stamp.write_text(wanted)
    print(
        f"base image: {len(packages)} packages, {tarball.stat().st_size // (1 << 20)} MiB: {tarball}"
    )


def qemu_path() -> Path:
    return BUILD_DIR / "qemu" / "qemu-aarch64-static"


def qemu(_args=None) -> Path:
    """qemu-aarch64-static from the locked qemu-user-static package (a static binary, so the
    amd64 package of any Debian release runs on any x86-64 Linux)."""
    with build_lock():
        return _qemu()


def _qemu() -> Path:
    (package,) = read_lock(QEMU_LOCK)
    binary = qemu_path()
    stamp = binary.with_suffix(".sha256")
    if binary.is_file() and stamp.is_file() and stamp.read_text() == package.sha256:
        return binary
    with tempfile.TemporaryDirectory() as scratch:
        unpack(fetch(package), Path(scratch), only={QEMU_BINARY})
        binary.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(Path(scratch) / QEMU_BINARY, binary)
    stamp.write_text(package.sha256)
    print(f"qemu: {binary} ({package.name} {package.version})")
    return binary


def apt(scratch: Path, architecture: str, sources: list[str], *args: str) -> str:
    """apt-get or apt-cache over a private state: no root, no change to this machine's apt."""
    for sub in (
        "state/lists/partial",
        "cache/archives/partial",
        "etc/apt.conf.d",
        "etc/preferences.d",
    ):
        (scratch / sub).mkdir(parents=True, exist_ok=True)
    (scratch / "state/status").touch()
    (scratch / "etc/sources.list").write_text("\n".join(sources) + "\n")
    options = [
        f"-oDir::State={scratch}/state",
        f"-oDir::State::status={scratch}/state/status",
        f"-oDir::Cache={scratch}/cache",
        f"-oDir::Etc={scratch}/etc",
        "-oDir::Etc::Trusted=/etc/apt/trusted.gpg",
        "-oDir::Etc::TrustedParts=/etc/apt/trusted.gpg.d",
        f"-oAPT::Architecture={architecture}",
        f"-oAPT::Architectures::={architecture}",
        "-oDebug::NoLocking=1",
    ]
    tool, *rest = args
    return subprocess.run(
        [tool, *options, *rest], check=True, capture_output=True, text=True
    ).stdout


def resolve(
    scratch: Path, architecture: str, sources: list[str], roots: list[str]
) -> list[Package]:
    """The packages apt would install on an empty system, with the SHA-256 of the signed index."""
    apt(scratch, architecture, sources, "apt-get", "update", "-q")
    uris = apt(
        scratch,
        architecture,
        sources,
        "apt-get",
        "install",
        "--print-uris",
        "-y",
        "-q",
        "--no-install-recommends",
        *roots,
    )
    packages = []
    for line in uris.splitlines():
        if not line.startswith("'http"):
            continue
        url = line.split("'")[1]
        name = urllib.request.unquote(url.rsplit("/", 1)[1]).split("_")[0]
        archive_path = urllib.request.unquote(url.split("://", 1)[1].split("/", 1)[1])
        version = urllib.request.unquote(line.split("'")[2].split()[0]).split("_")[1]
        show = apt(scratch, architecture, sources, "apt-cache", "show", f"{name}={version}")
        record = dict(
            field.split(": ", 1) for field in show.split("\n\n")[0].splitlines() if ": " in field
        )
        packages.append(
            Package(name, record["Version"], record["SHA256"], int(record["Size"]), archive_path)
        )
    return sorted(packages, key=lambda p: p.name)


def lock(_args) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        packages = resolve(Path(scratch) / "arm64", "arm64", APT_SOURCES, ROOT_PACKAGES)
        write_lock(
            PACKAGES_LOCK,
            "The function images' base (ADR 0029): "
            + ", ".join(ROOT_PACKAGES)
            + " for Debian 13 (trixie) arm64 and what apt installs with it (no recommends),\n"
            "# from trixie, trixie-updates and trixie-security. Written by `python images/debimage.py lock`.",
            packages,
        )
        bookworm = [
            "deb http://deb.debian.org/debian bookworm main",
            "deb http://deb.debian.org/debian-security bookworm-security main",
        ]
        qemu_packages = [
            p
            for p in resolve(Path(scratch) / "amd64", "amd64", bookworm, [QEMU_PACKAGE])
            if p.name == QEMU_PACKAGE
        ]
        write_lock(
            QEMU_LOCK,
            "qemu-aarch64-static, which runs the images' arm64 JVM on the x86-64 build machines\n"
            "# (ADR 0029): Debian 12 (bookworm) amd64. Written by `python images/debimage.py lock`.",
            qemu_packages,
        )


def write_lock(path: Path, header: str, packages: list[Package]) -> None:
    lines = [f"# {header}", "# package version sha256 size path-on-the-mirror"]
    path.write_text("\n".join(lines + [p.line() for p in packages]) + "\n", encoding="utf-8")
    print(f"{path.relative_to(REPO_ROOT)}: {len(packages)} packages")


def rootfs(_args) -> None:
    packages = build_rootfs(BUILD_DIR / "rootfs")
    print(f"rootfs: {len(packages)} packages in {BUILD_DIR / 'rootfs'}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("lock").set_defaults(run=lock)
    commands.add_parser("rootfs").set_defaults(run=rootfs)
    base_parser = commands.add_parser("base")
    base_parser.add_argument("--force", action="store_true")
    base_parser.set_defaults(run=base)
    commands.add_parser("qemu").set_defaults(run=lambda a: print(qemu(a)))
    args = parser.parse_args(argv)
    args.run(args)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
