"""Shared fixtures of deploy/'s tests."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

DEPLOY_DIR = Path(__file__).resolve().parent.parent
REPO_ROOT = DEPLOY_DIR.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))


@pytest.fixture(scope="session")
def insights():
    """deploy/lambda-insights.py as a module (its file name is not an identifier)."""
    spec = importlib.util.spec_from_file_location("lambda_insights", DEPLOY_DIR / "lambda-insights.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
