"""Shared fixtures of deploy/'s tests."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

DEPLOY_DIR = Path(__file__).resolve().parent.parent
REPO_ROOT = DEPLOY_DIR.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))


def load_script(file_name: str, module_name: str):
    """A script of deploy/ as a module (its file name is not an identifier)."""
    spec = importlib.util.spec_from_file_location(module_name, DEPLOY_DIR / file_name)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def insights():
    """deploy/lambda-insights.py as a module."""
    return load_script("lambda-insights.py", "lambda_insights")


@pytest.fixture(scope="session")
def replication():
    """deploy/registry-replication.py as a module."""
    return load_script("registry-replication.py", "registry_replication")
