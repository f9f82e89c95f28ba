"""The frozen app's entry script (PyInstaller runs this file as ``__main__``)."""

from reader.cli import run

run()
