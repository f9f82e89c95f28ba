"""Bilingual Reader: a Chinese translation beside its English original."""

from importlib import metadata

try:
    __version__ = metadata.version("bilingual-reader")
except metadata.PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"
