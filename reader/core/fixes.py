"""Corrections the translation check offers for the paragraph in the proofreading editor.

An issue of the check that knows the corrected text (``Issue.fixed``: a typography fix by
autocorrect-py gives the whole sentence corrected) becomes a ``Fix`` of the block's
Markdown source when its sentence stands there as written; applying it replaces that
sentence once. ``preview`` gives the change character by character, to show before it
is applied.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from reader.core.changes import char_diff
from reader.core.checks import Issue


@dataclass(frozen=True, slots=True)
class Fix:
    kind: str  # the issue's kind (``typography``)
    before: str  # the sentence as it stands in the source
    after: str  # the sentence corrected

    def applies_to(self, source: str) -> bool:
        return self.before in source

    def apply(self, source: str) -> str:
        """``source`` with the sentence corrected (the first time it occurs)."""
        return source.replace(self.before, self.after, 1)

    def preview(self) -> tuple[list[tuple[bool, str]], list[tuple[bool, str]]]:
        """Character runs before and after, flagged where they change."""
        return char_diff(self.before, self.after)


def fixes_for(source: str, issues: Iterable[Issue]) -> list[Fix]:
    """The fixes among ``issues`` that can be applied to the block ``source``, once each."""
    found: list[Fix] = []
    for issue in issues:
        if issue.fixed is None or not issue.zh or issue.fixed == issue.zh:
            continue
        fix = Fix(issue.kind, issue.zh, issue.fixed)
        if fix.applies_to(source) and fix not in found:
            found.append(fix)
    return found
