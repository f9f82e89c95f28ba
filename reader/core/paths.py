"""Paths: where the app's bundled files are (source tree or frozen bundle); absolute and real
paths of the user's files."""

from __future__ import annotations

import os
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


def absolute_path(path: str | Path) -> str:
    return os.path.abspath(Path(path).expanduser())


def resolved_path(path: str | Path) -> str:
    """The real path (how library folders are stored); the absolute one if it cannot be resolved."""
    try:
        return str(Path(absolute_path(path)).resolve())
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop, before Python 3.13
        return absolute_path(path)
