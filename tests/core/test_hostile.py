"""Hostile and faulty inputs (issue 14): each one gets a clean error or is made harmless.

Real files, real SQLite, real HTTP servers on 127.0.0.1; never the internet.
"""

from __future__ import annotations

from reader.core import export


def test_csv_neutralises_cells_starting_with_tab_or_carriage_return() -> None:
    # A spreadsheet strips a leading TAB or CR and then runs what follows as a formula.
    for evil in ("\t=cmd|' /C calc'!A0", "\r=1+1", "=1", "+1", "-1", "@SUM(1)"):
        assert export._cell(evil) == "'" + evil
    assert export._cell("plain") == "plain" and export._cell("") == ""
