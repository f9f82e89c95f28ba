"""Sentence splitting, sentence pairing and the translation check, on small hand-made cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.article import parse_markdown
from reader.core.checks import (
    check_articles,
    find_glossary,
    load_glossary,
    missing_numbers,
    untranslated_runs,
)
from reader.core.sentences import align_sentences, split_en, split_zh


def _texts(text: str, spans: list[tuple[int, int]]) -> list[str]:
    return [text[a:b] for a, b in spans]


def test_chinese_sentences_end_at_full_stops_quotes_and_ellipses() -> None:
    text = "你可以运行`ps.aux`命令。真的吗？“好的。”然后……最后见 https://a.b/c.d 吧。This is kept. It is English. 完。"
    assert _texts(text, split_zh(text, ["ps.aux"])) == [
        "你可以运行`ps.aux`命令。", "真的吗？", "“好的。”", "然后……",
        "最后见 https://a.b/c.d 吧。", "This is kept.", "It is English.", "完。",
    ]  # fmt: skip


def test_english_abbreviations_decimals_urls_and_code_do_not_split() -> None:
    text = "Use e.g. version 2.5 of `os.path.join()` now. See https://x.com/a.b for more. Dr. Smith agrees! Done."
    assert _texts(text, split_en(text, ["os.path.join()"])) == [
        "Use e.g. version 2.5 of `os.path.join()` now.", "See https://x.com/a.b for more.",
        "Dr. Smith agrees!", "Done.",
    ]  # fmt: skip


def test_sentence_pairing_shapes() -> None:
    en = ["Containers share a kernel with the host system.",
          "This means you can learn a lot about them from the host.",
          "Let us look at some tools that help."]  # fmt: skip
    zh = ["容器与主机系统共享一个内核。", "这意味着你可以从主机上了解很多关于它们的信息。", "让我们看看一些有用的工具。"]
    one_to_one = align_sentences(zh, en)
    assert [(g.zh, g.en) for g in one_to_one] == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]
    merged = align_sentences(["容器与主机系统共享一个内核，这意味着你可以从主机上了解很多关于它们的信息。", zh[2]], en)
    assert [(g.zh, g.en) for g in merged] == [((0,), (0, 1)), ((1,), (2,))]
    dropped = align_sentences([zh[0], zh[2]], en)
    assert [(g.zh, g.en) for g in dropped] == [((0,), (0,)), ((), (1,)), ((1,), (2,))]


EN = """# Debugging

Containers share a kernel with the host system. This means you can learn a lot about a container from the host itself. Let us look at some tools that help with that.

The image is about 1,000 MB and takes 2.5 seconds to start. Run `docker top` to see its processes, or read https://docs.example.com/top for details.

Kubernetes runs the pods of a deployment on many nodes. A controller keeps the desired number of replicas running. When a node fails, the controller starts new pods elsewhere.
"""

ZH_GOOD = """# 调试

容器与主机系统共享一个内核。这意味着你可以从主机本身了解很多关于容器的信息。让我们看看一些对此有帮助的工具。

镜像大约一千 MB，启动需要 2.5 秒。运行 `docker top` 查看它的进程，或阅读 https://docs.example.com/top 了解详情。

Kubernetes 在许多节点上运行一个部署的 pod。控制器让所需数量的副本保持运行。当一个节点失败时，控制器会在别处启动新的 pod。
"""


def _check(zh: str, en: str | None = EN, **kw):  # type: ignore[no-untyped-def]
    original = parse_markdown(en) if en is not None else None
    return check_articles(parse_markdown(zh), original, typography=False, **kw)


def _kinds(report) -> list[str]:  # type: ignore[no-untyped-def]
    return [i.kind for i in report.all_issues]


def test_a_faithful_translation_has_no_issue() -> None:
    report = _check(ZH_GOOD)
    assert _kinds(report) == []
    assert report.summary() == {"pairs": 4, "flagged": 0, "by_kind": {}}


@pytest.mark.parametrize(
    ("old", "new", "kind", "en_part"),
    [
        ("这意味着你可以从主机本身了解很多关于容器的信息。", "", "omission", "This means you can learn"),
        ("这意味着你可以从主机本身了解很多关于容器的信息。让我们看看一些对此有帮助的工具。", "",
         "truncation", "This means you can learn"),
        ("控制器让所需数量的副本保持运行。", "A controller keeps the desired number of replicas running. ",
         "untranslated", None),
        ("控制器让所需数量的副本保持运行。", "控制器让所需数量的副本保持运行。" * 3, "repetition", None),
        ("启动需要 2.5 秒", "启动需要 3.5 秒", "number", "2.5 seconds"),
        ("或阅读 https://docs.example.com/top 了解详情", "或阅读文档了解详情", "url", "https://docs"),
        ("运行 `docker top` 查看", "运行命令查看", "code", "Run docker top"),
        ("让我们看看一些对此有帮助的工具。", "让我们看看一些对此有帮助的工具。我们还会顺便讨论虚拟机监控程序的历史和它的各种实现方式。",
         "addition", None),
    ],
)
def test_each_kind_is_found_and_names_its_sentence(old: str, new: str, kind: str,
                                                   en_part: str | None) -> None:
    assert old in ZH_GOOD
    report = _check(ZH_GOOD.replace(old, new))
    found = [i for i in report.all_issues if i.kind == kind]
    assert found, _kinds(report)
    assert set(_kinds(report)) == {kind}
    if en_part is not None:
        assert en_part in (found[0].en or "")
    else:
        assert found[0].zh


def test_translator_notes_are_not_additions() -> None:
    zh = ZH_GOOD.replace("让我们看看一些对此有帮助的工具。",
                         "让我们看看一些对此有帮助的工具。（译注：这里的工具指的是命令行程序和系统自带的诊断程序。）")
    assert _kinds(_check(zh)) == []


def test_code_of_an_html_original_is_compared() -> None:
    en = EN.replace("`docker top`", "<code>docker top</code>")
    assert _kinds(_check(ZH_GOOD, en)) == []
    assert _kinds(_check(ZH_GOOD.replace("`docker top`", "命令"), en)) == ["code"]


def test_numbers_written_differently_match() -> None:
    assert missing_numbers("一千个，1k 个，2.5 版，1000万用户，三个", "1,000 things, 1000 items, "
                           "version 2.5, 10 million users, 3 of them") == []
    assert missing_numbers("图 2-3，PID 1 和 PID 9", "Figure 2-2, PID 1 and PID 1") == ["2-2", "1"]


def test_names_code_and_quotes_are_not_untranslated() -> None:
    assert untranslated_runs("我们使用 Amazon Web Services 和 Google Cloud Platform 部署。") == []
    assert untranslated_runs("错误信息是“the file is not in the index”。") == []
    assert untranslated_runs("他说 this is the way we do it 然后离开。") == ["this is the way we do it"]


def test_a_loop_is_a_repetition() -> None:
    zh = ZH_GOOD.replace("启动需要", "启动需要需要需要需要")
    assert _kinds(_check(zh)) == ["repetition"]


def test_glossary_terms(tmp_path: Path) -> None:
    glossary = tmp_path / "glossary.tsv"
    glossary.write_text("# term\trenderings\nreplica\t副本|复制品\nkernel\t核心\n", encoding="utf-8")
    article = tmp_path / "sub" / "a.md"
    article.parent.mkdir()
    article.write_text(ZH_GOOD, encoding="utf-8")
    assert find_glossary(article) == glossary
    terms = load_glossary(glossary)
    assert terms.terms == {"replica": ("副本", "复制品"), "kernel": ("核心",)}
    report = _check(ZH_GOOD, glossary=terms)
    found = [i for i in report.all_issues if i.kind == "term"]
    assert [i.en for i in found] == ["Containers share a kernel with the host system."]
    assert "核心" in found[0].message


def test_typography_carries_the_corrected_text() -> None:
    report = check_articles(parse_markdown("# 标题\n\n我们使用Docker容器,它很好。\n"), None)
    issues = [i for i in report.all_issues if i.kind == "typography"]
    assert issues and "我们使用 Docker 容器，它很好。" in issues[0].message


def test_without_an_original_the_translation_alone_is_checked() -> None:
    zh = ZH_GOOD.replace("控制器让所需数量的副本保持运行。",
                         "A controller keeps the desired number of replicas running. " * 1
                         + "控制器让所需数量的副本保持运行。" * 3)
    report = _check(zh, None)
    assert not report.has_original
    assert sorted(set(_kinds(report))) == ["repetition", "untranslated"]
    assert all(p.en == () for p in report.pairs)



_EN_SCHEDULER = ("\nThe scheduler places each pod on a node that has enough free memory and processor time "
                 "for all of its containers. It also spreads the replicas across zones.\n")
_ZH_SCHEDULER = ("\n调度器把每个 pod 放到一个有足够空闲内存和处理器时间来运行其所有容器的节点上。"
                 "它还会把副本分散到各个可用区。\n")


def test_a_sentence_far_shorter_than_its_original_lost_part_of_it() -> None:
    # The pairing keeps one Chinese sentence for one English sentence; their lengths tell.
    assert _kinds(_check(ZH_GOOD + _ZH_SCHEDULER, EN + _EN_SCHEDULER)) == []
    cut = _ZH_SCHEDULER.replace("一个有足够空闲内存和处理器时间来运行其所有容器的节点上", "一个节点上")
    report = _check(ZH_GOOD + cut, EN + _EN_SCHEDULER)
    assert _kinds(report) == ["omission"]
    issue = report.all_issues[0]
    assert issue.en is not None and issue.en.startswith("The scheduler places each pod")
    assert issue.zh == "调度器把每个 pod 放到一个节点上。"


def test_a_paragraph_that_ends_on_a_semicolon_stopped_mid_sentence() -> None:
    en = ("# Storage\n\nWhen working with storage, images cannot be referenced directly by their URL; "
          "they must be signed first.\n")
    whole = "# 存储\n\n在处理存储时，不能直接通过其 URL 引用图像；必须先对它们签名。\n"
    assert _kinds(_check(whole, en)) == []
    report = _check(whole.replace("必须先对它们签名。", ""), en)
    assert _kinds(report) == ["truncation"]
