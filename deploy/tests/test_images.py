"""Opens each function image tarball that Jib wrote (<module>/target/jib-image.tar) and checks what
Lambda will see: one arm64/linux image (no index) on the Debian base of images/debian-arm64.lock,
the JDK's java with /var/runtime/java.args as ENTRYPOINT (the runtime interface client, its JVM
options and the class-data archive, ADR 0029) and the handler of docs/stage-contracts.md as CMD,
the module's jar and its libraries in /var/task/lib (on the JVM's class path, and where the
runtime interface client looks for the handler, ADR 0034), the extension tree under /opt with
executable extensions, and nothing left under Jib's appRoot.

images/tests/test_image_execution.py runs the same tarballs under qemu.

`make test-images` builds the tarballs first with the offline profile (stand-in extension); after
`make images` the same checks run on the real images (IMAGE_TEST_EXTENSION=real).
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import re
import tarfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import DEPLOY_DIR, REPO_ROOT

FUNCTION_MODULES = {
    "validator": "validator",
    "enricher": "enricher",
    "recorder": "recorder",
    "global-table custom resource": "global-table-resource",
}
JIB_APP_ROOT = "var/jib-unused"
JAVA = "usr/lib/jvm/java-21-openjdk-arm64/bin/java"
RUNTIME_MAIN_CLASS = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda"
IMAGES_DIR = REPO_ROOT / "images"
STAND_IN_EXTENSION_DIR = DEPLOY_DIR / "stand-in" / "lambda-insights" / "opt"
REAL_EXTENSION_DIR = DEPLOY_DIR / "build" / "lambda-insights" / "opt"


def contract_handlers() -> dict[str, str]:
    """Module name -> handler, read from the binding table of docs/stage-contracts.md."""
    text = (REPO_ROOT / "docs" / "stage-contracts.md").read_text(encoding="utf-8")
    handlers = {}
    for function, handler in re.findall(
        r"^\| ([a-z -]+) \| `([\w.]+::handleRequest)` \|", text, re.M
    ):
        handlers[FUNCTION_MODULES[function]] = handler
    assert sorted(handlers) == sorted(FUNCTION_MODULES.values()), handlers
    return handlers


@dataclass
class Image:
    module: str
    manifest: list[dict]
    config: dict
    files: dict[str, tarfile.TarInfo]
    layer_digests_match: bool
    base_files: set[str]
    contents: dict[str, bytes]

    @property
    def env(self) -> dict[str, str]:
        return dict(entry.split("=", 1) for entry in self.config["config"].get("Env", []))


def open_image(module: str) -> Image:
    path = REPO_ROOT / module / "target" / "jib-image.tar"
    if not path.is_file():
        pytest.fail(f"{path} is missing: build the images first (make test-images, or make images)")
    files: dict[str, tarfile.TarInfo] = {}
    base_files: set[str] = set()
    contents: dict[str, bytes] = {}
    with tarfile.open(path) as image:
        manifest = json.load(image.extractfile("manifest.json"))
        assert len(manifest) == 1, "one image per tarball"
        config = json.load(image.extractfile(manifest[0]["Config"]))
        diff_ids = []
        for index, layer_name in enumerate(manifest[0]["Layers"]):
            raw = image.extractfile(layer_name).read()
            uncompressed = gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw
            diff_ids.append("sha256:" + hashlib.sha256(uncompressed).hexdigest())
            with tarfile.open(fileobj=io.BytesIO(uncompressed)) as layer:
                for member in layer.getmembers():
                    name = member.name.rstrip("/")
                    files[name] = member
                    if index == 0:
                        base_files.add(name)
                    elif name == "var/runtime/java.args":
                        contents[name] = layer.extractfile(member).read()
    matching = diff_ids == config["rootfs"]["diff_ids"]
    return Image(module, manifest, config, files, matching, base_files, contents)


@pytest.fixture(scope="module", params=sorted(FUNCTION_MODULES.values()))
def image(request) -> Image:
    return open_image(request.param)


def expected_extension_dir(image: Image) -> Path:
    labels = image.config["config"].get("Labels") or {}
    wanted = os.environ.get("IMAGE_TEST_EXTENSION", "stand-in")
    if wanted == "stand-in":
        assert "com.tradeprocessing.stand-in" in labels, (
            "expected an offline image with the stand-in extension"
        )
        return STAND_IN_EXTENSION_DIR
    assert "com.tradeprocessing.stand-in" not in labels, (
        "a real image must not carry the stand-in extension"
    )
    return REAL_EXTENSION_DIR


def test_image_config_when_built_should_be_one_linux_arm64_image_with_matching_layers(image):
    # THEN
    assert image.config["architecture"] == "arm64"
    assert image.config["os"] == "linux"
    assert image.layer_digests_match, "each layer's SHA-256 is its diff_id in the config"
    assert "manifests" not in image.manifest[0], "a plain image, not an index"


def test_image_config_when_built_should_start_the_runtime_interface_client_with_the_contract_handler(
    image,
):
    # GIVEN
    handler = contract_handlers()[image.module]
    # THEN the JDK's java reads its options, classpath and main class from the argument file
    cfg = image.config["config"]
    assert cfg["Entrypoint"] == [f"/{JAVA}", "@/var/runtime/java.args"]
    assert cfg["Cmd"] == [handler]
    assert cfg["WorkingDir"] == "/var/task"
    assert image.env["LAMBDA_TASK_ROOT"] == "/var/task"
    assert JAVA in image.base_files and image.files[JAVA].mode & 0o111


def test_image_config_when_built_should_pass_the_project_jvm_options_and_the_runtime_classpath(
    image,
):
    # GIVEN
    options = [
        line.strip()
        for line in (IMAGES_DIR / "jvm-options").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    runtime_jars = sorted(
        n for n in image.files if n.startswith("var/runtime/lib/") and n.endswith(".jar")
    )
    task_jars = sorted(
        n for n in image.files if n.startswith("var/task/lib/") and n.endswith(".jar")
    )
    # WHEN
    arguments = image.contents["var/runtime/java.args"].decode().splitlines()
    # THEN the options in order, then every runtime jar and every task jar, each set in a fixed
    # order (an archive is used only with the class path it was written with; the task's jars on
    # it so that the archive holds the function's classes, ADR 0034), then the runtime interface
    # client's main class
    assert arguments[: len(options)] == options
    assert arguments[len(options) :] == [
        "-cp",
        ":".join("/" + jar for jar in runtime_jars + task_jars),
        RUNTIME_MAIN_CLASS,
    ]
    assert any("aws-lambda-java-runtime-interface-client-" in jar for jar in runtime_jars)
    # the files the options name are in the image; no option hides in the environment
    assert image.files["var/runtime/app-cds.jsa"].size > 1_000_000
    assert "var/runtime/lib/libaws-lambda-jni.so" in image.files
    assert "JAVA_TOOL_OPTIONS" not in image.env


def test_image_base_when_built_should_be_the_locked_debian_packages_with_a_trust_store(image):
    # GIVEN
    lock_sha256 = hashlib.sha256((IMAGES_DIR / "debian-arm64.lock").read_bytes()).hexdigest()
    labels = image.config["config"].get("Labels") or {}
    # THEN the base layer is the one images/debimage.py wrote from the lock
    assert labels["com.tradeprocessing.base.lock-sha256"] == lock_sha256
    assert image.files["lib"].issym() and image.files["lib"].linkname == "usr/lib"
    assert "usr/lib/ld-linux-aarch64.so.1" in image.base_files
    assert image.files["etc/ssl/certs/java/cacerts"].size > 100_000
    assert image.files["tmp"].mode & 0o1777 == 0o1777


def test_image_files_when_built_should_put_the_module_jar_and_its_libraries_in_var_task_lib(image):
    # GIVEN
    handler_class = contract_handlers()[image.module].split("::")[0].replace(".", "/") + ".class"
    module_dir = REPO_ROOT / image.module / "target"
    (module_jar,) = [
        p for p in module_dir.glob(f"{image.module}-*.jar") if not p.name.endswith("-tests.jar")
    ]
    jars = sorted(p.name for p in (module_dir / "lambda" / "lib").glob("*.jar"))
    # THEN the handler travels in the module's jar; /var/task holds lib/ and nothing else
    with zipfile.ZipFile(module_jar) as jar:
        assert handler_class in jar.namelist()
    assert sorted(
        n[len("var/task/lib/") :]
        for n in image.files
        if n.startswith("var/task/lib/") and n.endswith(".jar")
    ) == sorted([*jars, module_jar.name])
    loose = [
        n
        for n in image.files
        if n.startswith("var/task/")
        and not n.startswith("var/task/lib")
        and n not in image.base_files
    ]
    assert loose == []
    # the project's own modules travel as jars: every function is wired by function-support, and
    # the deploy-time resource carries no trade model
    assert any(name.startswith("function-support-") for name in jars)
    assert any(name.startswith("shared-model-") for name in jars) == (
        image.module != "global-table-resource"
    )
    stray_jars = [
        n
        for n in image.files
        if n.endswith(".jar")
        and n not in image.base_files
        and not n.startswith(("var/task/lib/", "var/runtime/lib/"))
    ]
    assert stray_jars == []


def test_image_files_when_built_should_add_nothing_to_the_base_outside_var_task_var_runtime_and_opt(
    image,
):
    # THEN
    added = [n for n in image.files if n not in image.base_files]
    outside = [n for n in added if not n.startswith(("var/task", "var/runtime", "opt"))]
    assert outside == []
    assert not any(n.startswith(JIB_APP_ROOT) or n.startswith("app/") for n in image.files)


def test_image_files_when_built_should_carry_the_extension_tree_with_executable_extensions(image):
    # GIVEN
    source = expected_extension_dir(image)
    expected = sorted(
        "opt/" + p.relative_to(source).as_posix() for p in source.rglob("*") if p.is_file()
    )
    # THEN
    in_image = sorted(n for n, m in image.files.items() if n.startswith("opt/") and m.isfile())
    assert in_image == expected
    extensions = [n for n in in_image if n.startswith("opt/extensions/")]
    assert extensions, "at least one extension in /opt/extensions"
    assert all(image.files[n].mode & 0o111 == 0o111 for n in extensions)
