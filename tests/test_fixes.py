"""The check's corrections as fixes of a paragraph's Markdown source (the proofreading editor)."""

from __future__ import annotations

import pytest

from reader.core.article import parse_markdown
from reader.core.checks import check_parallel
from reader.core.fixes import fixes_for
from reader.core.parallel import align_articles

pytest.importorskip("autocorrect_py")


def test_a_typography_issue_carries_its_corrected_sentence_and_fixes_the_source() -> None:
    zh = parse_markdown("我们在2024年使用Kubernetes部署集群。这一句没有问题。\n")
    en = parse_markdown("In 2024 we deployed clusters with Kubernetes. This sentence is fine.\n")
    report = check_parallel(align_articles(zh, en), None)
    (issue,) = [i for i in report.all_issues if i.kind == "typography"]
    assert issue.fixed == "我们在 2024 年使用 Kubernetes 部署集群。"
    assert issue.as_json() == {"kind": "typography", "zh": issue.zh, "en": None,
                               "message": f"Typography: {issue.fixed}"}  # the CLI's JSON stays
    source = zh.blocks[0].source
    (fix,) = fixes_for(source, report.all_issues)
    assert fix.apply(source) == "我们在 2024 年使用 Kubernetes 部署集群。这一句没有问题。"
    removed, added = fix.preview()
    assert not any(changed for changed, _ in removed)
    assert [t for changed, t in added if changed] == [" ", " ", " ", " "]
    # A sentence no longer in the source (edited meanwhile) is not offered.
    assert fixes_for("别的句子。", report.all_issues) == []
