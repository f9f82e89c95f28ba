"""Where the app's bundled files are, from a source tree or a frozen bundle."""

from __future__ import annotations

import sys
from pathlib import Path


def app_root() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parents[2]


def resources_dir() -> Path:
    return app_root() / "resources"


def articles_dir() -> Path:
    return app_root() / "articles"


def sample_articles() -> list[Path]:
    folder = articles_dir()
    return sorted(folder.glob("*.md")) if folder.is_dir() else []
