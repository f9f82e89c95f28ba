"""Bilingual Reader: a Chinese translation beside its English original."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    # Looked up lazily: importlib.metadata costs ~40 ms at every start otherwise.
    if name == "__version__":
        from importlib import metadata

        try:
            return metadata.version("bilingual-reader")
        except metadata.PackageNotFoundError:  # a source tree that is not installed
            return "0.0.0"
    raise AttributeError(name)
