"""Paragraph alignment: shapes, unpaired blocks, anchors, furniture, scale, proofreading."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from reader.core.align import AlignedPair, align_blocks, translation_differences
from reader.core.blocks import Block, split_blocks

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "align"

# -- building documents -------------------------------------------------------------
_EN_TEXT = (
    "the cluster runs every service behind a proxy that checks each request before it "
    "reaches the pods so we can keep traffic under control and watch what happens when "
    "nodes fail or restart during an upgrade of the control plane"
)
_EN_WORDS = _EN_TEXT.split(" ")
_ZH_CHARS = "集群中的每个服务都运行在代理之后代理会在请求到达之前检查它这样我们就能控制流量并观察节点失败或重启时发生了什么"


def para(k: int, words: int, rng: random.Random, name: bool = True) -> tuple[str, str]:
    """A zh/en paragraph pair of about ``words`` English words; ``k`` makes it unique."""
    en = " ".join(rng.choice(_EN_WORDS) for _ in range(words))
    zh = "".join(rng.choice(_ZH_CHARS) for _ in range(int(words * 1.6)))
    if name:
        tag = f"Svc{k}"
        en = f"{en[:40]} {tag} {en[40:]}"
        zh = f"{zh[:20]} {tag} {zh[20:]}"
    return zh + "。", en[0].upper() + en[1:] + "."


def blocks(markdown: list[str]) -> list[Block]:
    return split_blocks("\n\n".join(markdown)).blocks


def links(pairs: list[AlignedPair]) -> set[tuple[tuple[int, ...], tuple[int, ...]]]:
    return {(p.zh, p.en) for p in pairs}


def check_partition(pairs: list[AlignedPair], n: int, m: int) -> None:
    """Every block exactly once, in document order, confidences in [0, 1]."""
    zh = [i for p in pairs for i in p.zh]
    en = [j for p in pairs for j in p.en]
    assert zh == list(range(n))
    assert en == list(range(m))
    assert all(p.zh or p.en for p in pairs)
    assert all(0.0 <= p.confidence <= 1.0 for p in pairs)
    for p in pairs:
        assert list(p.zh) == list(range(p.zh[0], p.zh[0] + len(p.zh))) if p.zh else True
        assert list(p.en) == list(range(p.en[0], p.en[0] + len(p.en))) if p.en else True


def doc(
    n: int, seed: int = 1, words: tuple[int, int] = (15, 60), first: int = 0
) -> tuple[list[str], list[str]]:
    rng = random.Random(seed)
    zh, en = [], []
    for k in range(first, first + n):
        z, e = para(k, rng.randint(*words), rng)
        zh.append(z)
        en.append(e)
    return zh, en


# -- shapes -------------------------------------------------------------------------
def test_one_to_one() -> None:
    zh, en = doc(12)
    pairs = align_blocks(blocks(zh), blocks(en))
    check_partition(pairs, 12, 12)
    assert links(pairs) == {((k,), (k,)) for k in range(12)}
    assert min(p.confidence for p in pairs) > 0.9


def test_empty_sides() -> None:
    zh, en = doc(3)
    assert align_blocks([], []) == []
    only_zh = align_blocks(blocks(zh), [])
    assert [p.zh for p in only_zh] == [(0,), (1,), (2,)] and all(not p.en for p in only_zh)
    only_en = align_blocks([], blocks(en))
    assert [p.en for p in only_en] == [(0,), (1,), (2,)] and all(not p.zh for p in only_en)


@pytest.mark.parametrize("parts", [2, 3])
def test_zh_merges_english_paragraphs(parts: int) -> None:
    zh, en = doc(10, seed=parts)
    # The translation renders en[4:4+parts] as one paragraph.
    merged_zh = zh[:4] + ["".join(zh[4 : 4 + parts])] + zh[4 + parts :]
    pairs = align_blocks(blocks(merged_zh), blocks(en))
    check_partition(pairs, len(merged_zh), len(en))
    assert ((4,), tuple(range(4, 4 + parts))) in links(pairs)
    assert ((3,), (3,)) in links(pairs) and ((5,), (4 + parts,)) in links(pairs)


@pytest.mark.parametrize("parts", [2, 3])
def test_zh_splits_an_english_paragraph(parts: int) -> None:
    zh, en = doc(10, seed=10 + parts)
    merged_en = en[:5] + [" ".join(en[5 : 5 + parts])] + en[5 + parts :]
    pairs = align_blocks(blocks(zh), blocks(merged_en))
    check_partition(pairs, len(zh), len(merged_en))
    assert (tuple(range(5, 5 + parts)), (5,)) in links(pairs)
    assert ((4,), (4,)) in links(pairs) and ((5 + parts,), (6,)) in links(pairs)


def test_list_translated_as_one_paragraph() -> None:
    items = ["Deploy the EKS cluster.", "Deploy the web server.", "Verify the Service.",
             "Deploy the ALB Ingress Controller.", "Clean up the AWS resources."]  # fmt: skip
    en = ["Let us walk through deploying an EKS cluster for our Golang web server:"]
    en += [f"- {item}" for item in items] + ["Now we create the EKS cluster with eksctl."]
    zh = [
        "让我们逐步部署 EKS 集群来管理我们的 Golang Web 服务器：",
        "部署 EKS 集群；部署 Web 服务器；验证 Service；部署 ALB Ingress Controller；清理 AWS 资源。",
        "现在我们用 eksctl 创建 EKS 集群。",
    ]
    pairs = align_blocks(blocks(zh), blocks(en))
    check_partition(pairs, 3, 7)
    assert ((1,), (1, 2, 3, 4, 5)) in links(pairs)


# -- unpaired blocks ----------------------------------------------------------------
def test_translator_note_and_dropped_paragraph_stay_unpaired() -> None:
    zh, en = doc(10, seed=3)
    zh_notes = zh[:3] + ["> 译者注：这里的代理指的是 Envoy，读者可以参考官方文档。"] + zh[3:]
    zh_dropped = zh_notes[:7] + zh_notes[8:]  # the translation leaves out en[6]
    pairs = align_blocks(blocks(zh_dropped), blocks(en))
    check_partition(pairs, len(zh_dropped), len(en))
    got = links(pairs)
    assert ((3,), ()) in got
    assert ((), (6,)) in got
    assert ((2,), (2,)) in got and ((4,), (3,)) in got and ((7,), (7,)) in got


# Lines real pages keep inside the article body (extract-dev pages 0385, 4661, 0011, 1781,
# 0010 and 0491; WCXB's reference text leaves them out).
REAL_PAGE_FURNITURE = [
    "Also read: Meta chief AI scientist Yann LeCun thinks LLMs are a waste of time",
    "Related: Diagnose plant damage with our Plant Problem ID tool",
    "Photo: Shutterstock",
    "Updated: Sep 19",
    "Expert advice and our favorite products dropped right in your inbox.",
    "Sign up for our newsletter.",
    "6 min read",
]


@pytest.mark.parametrize("line", REAL_PAGE_FURNITURE)
def test_in_article_furniture_is_left_unpaired(line: str) -> None:
    # Opposite a paragraph only the translation has (a translator's aside), a furniture
    # line must still not pair with it.
    zh, en = doc(6, seed=4)
    aside = "这是译者补充的一段说明，介绍了本文写作时的背景和一些相关的阅读材料，供读者参考。"
    if len(line) < 16:
        aside = "以下是本文要点。"
    zh_page = zh[:3] + [aside] + zh[3:]
    en_page = en[:3] + [line] + en[3:]
    pairs = align_blocks(blocks(zh_page), blocks(en_page))
    check_partition(pairs, 7, 7)
    assert links(pairs) == {((), (3,)), ((3,), ())} | {((k,), (k,)) for k in (0, 1, 2, 4, 5, 6)}


def test_article_prose_about_people_is_not_furniture() -> None:
    # A sentence introducing a person is article text on real pages (extract-dev 0120:
    # "Jagpreet Chhatwal is an Associate Professor of Radiology at Harvard Medical School"),
    # so it pairs like any paragraph.
    zh = blocks(["Jagpreet Chhatwal 是哈佛医学院放射学副教授，也是麻省总医院技术评估研究所的主任。"])
    en = blocks(["Jagpreet Chhatwal is an Associate Professor of Radiology at Harvard Medical School "
                 "and Director of the Institute for Technology Assessment at Massachusetts General "
                 "Hospital."])  # fmt: skip
    assert links(align_blocks(zh, en)) == {((0,), (0,))}


def test_pull_quote_is_not_merged() -> None:
    zh, en = doc(6, seed=5, words=(40, 60))
    quote = en[2].split(" ")
    pull = "> " + " ".join(quote[5:20])
    en_page = en[:3] + [pull] + en[3:]
    pairs = align_blocks(blocks(zh), blocks(en_page))
    assert ((2,), (2,)) in links(pairs)
    assert ((), (3,)) in links(pairs)
    assert ((3,), (4,)) in links(pairs)


def test_untranslated_section_at_the_end() -> None:
    zh, en = doc(8, seed=6)
    extra = ["## Update for 2024", *doc(4, seed=99, first=1000)[1]]
    pairs = align_blocks(blocks(zh), blocks(en + extra))
    check_partition(pairs, 8, 13)
    assert links(pairs) >= {((k,), (k,)) for k in range(8)}
    assert all(((), (j,)) in links(pairs) for j in range(8, 13))


# -- anchors ------------------------------------------------------------------------
def test_code_images_and_headings_anchor_the_alignment() -> None:
    rng = random.Random(7)
    zh: list[str] = ["# 第一章 入门"]
    en: list[str] = ["# Chapter 1. Getting Started"]
    for k in range(6):
        z, e = para(k, rng.randint(20, 30), rng, name=False)  # no shared tokens at all
        zh += [f"## 第 {k} 节", z, f"```\n[PRE{k}]\n```", f"![fig {k}](assets/fig_{k}.png)"]
        en += [f"## Section {k}", e, f"```\n[PRE{k}]\n```",
               f"![fig {k}](https://example.org/static/fig_{k}.png)"]  # fmt: skip
    # The translation leaves out the text of section 2, and the page adds two paragraphs.
    del zh[1 + 2 * 4 + 1]
    en.insert(8, "This paragraph was added to the page after the translation was made, "
                 "and nothing in the Chinese text corresponds to it at all.")  # fmt: skip
    zb, eb = blocks(zh), blocks(en)
    pairs = align_blocks(zb, eb)
    check_partition(pairs, len(zb), len(eb))
    for p in pairs:
        kinds = {zb[i].kind for i in p.zh} | {eb[j].kind for j in p.en}
        if p.zh and p.en:
            assert len(kinds) == 1, p  # code with code, image with image, heading with heading
            if "code" in kinds:
                assert zb[p.zh[0]].text == eb[p.en[0]].text
    code_pairs = [p for p in pairs if p.zh and zb[p.zh[0]].kind == "code"]
    assert len(code_pairs) == 6 and all(p.en for p in code_pairs)


def test_inline_rendered_code_block_still_pairs() -> None:
    zh = blocks(["使用以下命令创建对象：", "```\n[PRE1]\n```", "然后检查 Pod 的状态。"])
    en = blocks(["Create the objects with the following command:", "`[PRE1]`",
                 "Then check the status of the Pod."])  # fmt: skip
    assert links(align_blocks(zh, en)) == {((0,), (0,)), ((1,), (1,)), ((2,), (2,))}


def test_tokens_tell_apart_paragraphs_of_equal_length() -> None:
    zh = blocks(["我们用 Prometheus 收集 node_exporter 暴露的 9100 端口上的指标。",
                 "然后在 Grafana 中导入 ID 为 1860 的仪表板。"])  # fmt: skip
    en = blocks(["Editor's note: we no longer recommend this setup for production.",
                 "We collect metrics from node_exporter on port 9100 with Prometheus.",
                 "Then import the dashboard with ID 1860 into Grafana."])  # fmt: skip
    assert links(align_blocks(zh, en)) == {((), (0,)), ((0,), (1,)), ((1,), (2,))}


# -- scale --------------------------------------------------------------------------
def test_two_thousand_blocks() -> None:
    zh, en = doc(2000, seed=8)
    rng = random.Random(9)
    zh_out: list[str] = []
    expected: set[tuple[tuple[int, ...], tuple[int, ...]]] = set()
    k = 0
    while k < len(en):
        r = rng.random()
        if r < 0.02 and k + 1 < len(en):  # two English paragraphs translated as one
            expected.add(((len(zh_out),), (k, k + 1)))
            zh_out.append(zh[k] + zh[k + 1])
            k += 2
            continue
        if r < 0.04:  # left out of the translation
            expected.add(((), (k,)))
            k += 1
            continue
        expected.add(((len(zh_out),), (k,)))
        zh_out.append(zh[k])
        k += 1
    pairs = align_blocks(blocks(zh_out), blocks(en))
    check_partition(pairs, len(zh_out), len(en))
    right = len(links(pairs) & expected)
    assert right >= 0.98 * len(expected)


def test_long_untranslated_stretch_widens_the_band() -> None:
    zh, en = doc(60, seed=11)
    filler = doc(80, seed=12, first=1000)[1]
    en_page = en[:10] + filler + en[10:]  # 80 extra English paragraphs in the middle
    pairs = align_blocks(blocks(zh), blocks(en_page))
    check_partition(pairs, 60, 140)
    got = links(pairs)
    assert sum(((k,), (k + 80 if k >= 10 else k,)) in got for k in range(60)) >= 58


# -- golden file --------------------------------------------------------------------
def test_golden_article() -> None:
    zh = split_blocks((FIXTURES / "article.zh.md").read_text(encoding="utf-8")).blocks
    zh = [b for b in zh if not b.meta and not b.text.startswith("原文")]
    en = split_blocks((FIXTURES / "article.en.md").read_text(encoding="utf-8")).blocks
    expected = json.loads((FIXTURES / "article.expected.json").read_text(encoding="utf-8"))
    pairs = align_blocks(zh, en)
    got = [{"zh": list(p.zh), "en": list(p.en)} for p in pairs]
    assert got == expected["pairs"]


# -- proofreading -------------------------------------------------------------------
def test_translation_differences() -> None:
    en = ("Run `kubectl get pods -n g04` against version 1.26.1; see "
          "[the docs](https://kubernetes.io/docs/) or https://oreil.ly/WChde for 3 examples "
          "and 1,000 more.")  # fmt: skip
    zh_ok = "对 1.26.1 版本运行 `kubectl get pods -n g04`；参见[文档](https://kubernetes.io/docs/)或 https://oreil.ly/WChde 中的 3 个示例和另外 1000 个。"
    assert translation_differences(zh_ok, en) == []
    zh_bad = "对 1.25 版本运行 `kubectl get pods`；参见[文档](https://kubernetes.io/)中的 3 个示例和另外 1000 个。"
    assert translation_differences(zh_bad, en) == [  # in English order
        "`kubectl get pods -n g04`",
        "1.26.1",
        "https://kubernetes.io/docs/",
        "https://oreil.ly/WChde",
    ]


def test_translation_differences_plain_text_and_fullwidth() -> None:
    assert translation_differences("端口 ８０８０ 上", "on port 8080") == []
    assert translation_differences("", "port 8080") == ["8080"]
    assert translation_differences("任何文本", "No numbers here.") == []


def test_code_spans_are_read_from_markdown_and_html_sources() -> None:
    en_text = "Run kubectl get nodes, then helm install."
    en_source = "Run <code>kubectl get nodes</code>, then `helm install`."
    assert translation_differences("运行 helm install。", en_text, en_source=en_source) == ["`kubectl get nodes`"]
    assert translation_differences("运行 kubectl get nodes 和 `helm install`。", en_text, en_source=en_source) == []
