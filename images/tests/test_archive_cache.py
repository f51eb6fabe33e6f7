"""The class-data archive of an image build: trained again only when something it depends on
changed, and found again by those inputs' digest after a clean build (images/imagerun.py)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import imagerun
import pytest


@pytest.fixture
def module(tmp_path, monkeypatch) -> Path:
    """A module's build output as the image build sees it: its jar and a library on the class path and
    the runtime interface client (with its native library) in target/lambda/runtime/lib."""
    module_dir = tmp_path / "validator"
    (module_dir / "target/lambda/lib").mkdir(parents=True)
    (module_dir / "target/lambda/lib/shared-model.jar").write_bytes(b"jar v1")
    (module_dir / "target/validator.jar").write_bytes(b"class v1")
    runtime_lib = module_dir / imagerun.RUNTIME_DIR / "lib"
    runtime_lib.mkdir(parents=True)
    with zipfile.ZipFile(
        runtime_lib / "aws-lambda-java-runtime-interface-client-2.10.1.jar", "w"
    ) as jar:
        jar.writestr(imagerun.JNI_LIBRARY, b"\x7fELF")
    monkeypatch.setenv("ARCHIVE_CACHE_DIR", str(tmp_path / "cache"))
    return module_dir


@pytest.fixture
def trainings(monkeypatch) -> list[str]:
    """Stands in for the qemu training run: writes an archive naming the classes it saw."""
    runs: list[str] = []

    def train(module_dir: Path) -> Path:
        archive = module_dir / imagerun.RUNTIME_DIR / imagerun.ARCHIVE
        content = (module_dir / "target/validator.jar").read_text()
        archive.write_text(f"archive of {content}")
        runs.append(content)
        return archive

    monkeypatch.setattr(imagerun, "train", train)
    return runs


HANDLER = "com.Handler::handleRequest"


def archive_of(module_dir: Path) -> str:
    return (module_dir / imagerun.RUNTIME_DIR / imagerun.ARCHIVE).read_text()


def test_build_when_nothing_changed_should_not_train_again(module, trainings):
    # GIVEN an image build that trained the archive
    imagerun.build(module, HANDLER, "validator.jar")
    # WHEN the module is built again unchanged
    imagerun.build(module, HANDLER, "validator.jar")
    # THEN the archive is trained once
    assert trainings == ["class v1"]
    assert archive_of(module) == "archive of class v1"


def test_build_when_a_class_changed_should_train_again(module, trainings):
    # GIVEN
    imagerun.build(module, HANDLER, "validator.jar")
    # WHEN the module's classes change
    (module / "target/validator.jar").write_bytes(b"class v2")
    imagerun.build(module, HANDLER, "validator.jar")
    # THEN the archive is trained for the new class
    assert trainings == ["class v1", "class v2"]
    assert archive_of(module) == "archive of class v2"


def test_build_after_a_clean_build_of_the_same_inputs_should_take_the_archive_from_the_cache(
    module, trainings
):
    # GIVEN an archive trained, then the module's runtime tree deleted (a clean build)
    imagerun.build(module, HANDLER, "validator.jar")
    runtime = module / imagerun.RUNTIME_DIR
    (runtime / imagerun.ARCHIVE).unlink()
    (runtime / (imagerun.ARCHIVE + ".key")).unlink()
    # WHEN the same inputs are built again
    imagerun.build(module, HANDLER, "validator.jar")
    # THEN no training ran and the image gets the archive trained for those inputs
    assert trainings == ["class v1"]
    assert archive_of(module) == "archive of class v1"


def test_build_when_a_jvm_option_differs_should_not_reuse_the_cached_archive(
    module, trainings, monkeypatch
):
    # GIVEN an archive trained under the image's JVM options, then a clean build
    imagerun.build(module, HANDLER, "validator.jar")
    (module / imagerun.RUNTIME_DIR / imagerun.ARCHIVE).unlink()
    # WHEN the options differ (an archive is only mapped with the options it was written with)
    monkeypatch.setattr(imagerun, "jvm_options", lambda: ["-XX:+UseSerialGC"])
    imagerun.build(module, HANDLER, "validator.jar")
    # THEN it is trained again
    assert trainings == ["class v1", "class v1"]


def test_build_should_keep_only_the_newest_archives_of_a_module_in_the_cache(
    module, trainings, tmp_path
):
    # GIVEN more builds with different classes than the cache keeps
    for version in range(imagerun.CACHED_ARCHIVES + 2):
        (module / "target/validator.jar").write_bytes(f"class v{version}".encode())
        imagerun.build(module, HANDLER, "validator.jar")
    # THEN the cache holds the newest ones only
    cached = sorted((tmp_path / "cache").glob("validator-*.jsa"))
    assert len(cached) == imagerun.CACHED_ARCHIVES
    assert {p.read_text() for p in cached} == {
        f"archive of class v{v}" for v in range(2, imagerun.CACHED_ARCHIVES + 2)
    }
