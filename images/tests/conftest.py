"""Shared set-up of images/'s tests: the scripts of images/ are importable as modules."""

from __future__ import annotations

import sys
from pathlib import Path

IMAGES_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(IMAGES_DIR))
