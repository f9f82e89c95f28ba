"""Re-anchoring quotes after the text changed, finding quotes, UTF-16 offsets."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.core.anchoring import (
    QuoteError,
    Selector,
    Utf16Offsets,
    codepoint_to_utf16,
    find_quote,
    make_selector,
    reanchor,
    reanchor_many,
    utf16_to_codepoint,
)

GOLDEN = sorted((Path(__file__).parent.parent / "fixtures" / "anchoring").glob("*.json"))

TEXT = (
    "Harbour Town opened its first tidal power station on Monday.\n\n"
    "The station sits at the mouth of the estuary, where the tide rises six metres twice a "
    "day. Engineers say it will power four thousand homes.\n\n"
    "Critics worry about the birds that feed on the mudflats at low tide."
)
QUOTE = "where the tide rises six metres twice a day"


def selector(text: str = TEXT, quote: str = QUOTE) -> Selector:
    start = text.index(quote)
    return make_selector(text, start, start + len(quote))


def anchored(new: str, sel: Selector | None = None) -> tuple[str, str | None]:
    anchor = reanchor(new, sel or selector())
    return anchor.status, new[anchor.start : anchor.end] if anchor.status != "orphaned" else None


# --- golden cases ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", GOLDEN, ids=lambda p: p.stem)
def test_golden(path: Path) -> None:
    case = json.loads(path.read_text(encoding="utf-8"))
    sel = Selector(**case["selector"])
    assert make_selector(case["old_text"], sel.start, sel.end) == sel
    anchor = reanchor(case["new_text"], sel)
    expected = case["expected"]
    assert (anchor.status, anchor.start, anchor.end) == (
        expected["status"], expected["start"], expected["end"])
    if expected["text"] is not None:
        assert case["new_text"][anchor.start : anchor.end] == expected["text"]


def test_golden_cases_exist() -> None:
    assert len(GOLDEN) >= 8


# --- selectors --------------------------------------------------------------------------------


def test_make_selector_keeps_32_characters_of_context() -> None:
    sel = selector()
    assert sel.exact == QUOTE
    assert len(sel.prefix) == len(sel.suffix) == 32
    assert TEXT[sel.start - 32 : sel.start] == sel.prefix
    assert TEXT.startswith(sel.suffix, sel.end)
    at_start = make_selector(TEXT, 0, 7)
    assert at_start.prefix == "" and at_start.exact == "Harbour"


@pytest.mark.parametrize("bad", [(5, 5), (-1, 3), (3, 10_000), (9, 4)])
def test_make_selector_refuses_bad_ranges(bad: tuple[int, int]) -> None:
    with pytest.raises(ValueError):
        make_selector(TEXT, *bad)


# --- insertions and deletions before, inside and after -----------------------------------------


def test_insertion_before_moves() -> None:
    new = TEXT.replace("on Monday.", "on Monday, to cheers from a crowd of hundreds.")
    assert anchored(new) == ("moved", QUOTE)


def test_deletion_before_moves() -> None:
    new = TEXT.replace("Harbour Town opened its first tidal power station on Monday.\n\n", "")
    assert anchored(new) == ("moved", QUOTE)


def test_insertion_and_deletion_after_stay_exact() -> None:
    assert anchored(TEXT.replace("four thousand", "five thousand")) == ("exact", QUOTE)
    assert anchored(TEXT.replace(" at low tide", "")) == ("exact", QUOTE)
    assert anchored(TEXT + "\n\nA new closing paragraph.") == ("exact", QUOTE)


def test_insertion_inside_is_fuzzy() -> None:
    new = TEXT.replace("rises six metres", "rises almost six metres")
    assert anchored(new) == ("fuzzy", "where the tide rises almost six metres twice a day")


def test_deletion_inside_is_fuzzy() -> None:
    new = TEXT.replace("six metres twice", "six metres")
    assert anchored(new) == ("fuzzy", "where the tide rises six metres a day")


def test_word_changed_inside_and_text_moved_is_fuzzy() -> None:
    new = "Breaking news.\n\n" + TEXT.replace("six metres", "seven metres")
    assert anchored(new) == ("fuzzy", "where the tide rises seven metres twice a day")


def test_whitespace_and_punctuation_changes() -> None:
    new = TEXT.replace("where the tide rises six metres twice a day",
                       "where  the tide rises six metres — twice a day")
    assert anchored(new) == ("fuzzy", "where  the tide rises six metres — twice a day")


def test_quote_mostly_rewritten_is_orphaned_with_its_old_range() -> None:
    sel = selector()
    new = TEXT.replace(QUOTE, "at a place of strong currents")
    anchor = reanchor(new, sel)
    assert anchor.status == "orphaned"
    assert (anchor.start, anchor.end) == (sel.start, sel.end)


def test_quote_deleted_is_orphaned() -> None:
    assert anchored(TEXT.replace(", " + QUOTE, "")) == ("orphaned", None)
    assert anchored("") == ("orphaned", None)


def test_short_quote_is_never_fuzzy_without_context() -> None:
    sel = selector(quote="Engineers")
    assert anchored("Something else. Engineres say it.", sel)[0] == "orphaned"


def test_repeated_quote_decided_by_context_not_distance() -> None:
    text = "Read more. The tide is high. Read more. The tide is low. Read more."
    second = text.index("Read more.", 1)
    sel = make_selector(text, second, second + 10)
    # An occurrence with other context now sits exactly at the old position.
    new = "Nothing about tides here at: Read more. Now then. The tide is high. Read more. The tide is low."
    assert new.index("Read more.") == second
    anchor = reanchor(new, sel)
    assert anchor.status == "moved"
    assert new[anchor.start - 18 : anchor.start] == "The tide is high. "


def test_word_edited_in_place_does_not_jump_to_the_same_word_elsewhere() -> None:
    text = ("Kubernetes runs containers. " * 1 + "Many filler words follow here to separate things. "
            "We studied how Kubernetes schedules pods on nodes.")
    at = text.index("Kubernetes schedules")
    sel = make_selector(text, at, at + len("Kubernetes schedules pods"))
    new = text.replace("Kubernetes schedules pods", "Kubernetes schedules the pods")
    assert anchored(new, sel) == ("fuzzy", "Kubernetes schedules the pods")


def test_chinese_text() -> None:
    text = "港口镇周一开放了第一座潮汐发电站。\n\n发电站位于河口，那里的潮水每天两次上涨六米。"
    sel = selector(text, "潮水每天两次上涨六米")
    assert anchored("（本报讯）" + text, sel) == ("moved", "潮水每天两次上涨六米")
    assert anchored(text.replace("六米", "七米"), sel) == ("fuzzy", "潮水每天两次上涨七米")


def test_emoji_and_rare_cjk_count_as_one_code_point() -> None:
    text = "开头😀𠮷。那里的潮水每天两次上涨六米。"
    sel = selector(text, "潮水每天两次")
    assert anchored("😀" + text, sel) == ("moved", "潮水每天两次")


# --- many annotations ---------------------------------------------------------------------------


def test_reanchor_many_matches_reanchor_and_keeps_order() -> None:
    sels = [selector(quote=q) for q in (QUOTE, "Critics worry", "Harbour Town", "four thousand")]
    new = "Preface.\n\n" + TEXT.replace("Critics", "Many critics")
    anchors = reanchor_many(new, sels)
    assert [new[a.start : a.end] for a in anchors] == [
        QUOTE, "critics worry", "Harbour Town", "four thousand"]
    assert [a.status for a in anchors] == ["moved", "fuzzy", "moved", "moved"]


def test_ten_thousand_annotations_are_fast() -> None:
    paragraphs = [f"第{i}段：这是一个用于测试重新锚定速度的段落，编号 {i * 7919 % 10007}。" for i in range(1500)]
    text = "\n\n".join(paragraphs)
    sels = [make_selector(text, s, s + 5 + s % 60) for s in range(0, len(text) - 80, len(text) // 10_000)]
    new = "新的开头。\n\n" + text[:20_000] + "插入的一句话。" + text[20_000:30_000] + text[30_200:]
    began = time.perf_counter()
    anchors = reanchor_many(new, sels[:10_000])
    elapsed = time.perf_counter() - began
    assert len(anchors) == min(10_000, len(sels))
    assert elapsed < 3.0  # < 1 s on a developer machine; slack for slow CI
    assert sum(a.status == "orphaned" for a in anchors) < 100


@given(st.text(min_size=1, max_size=200), st.data())
def test_unchanged_or_shifted_text_always_finds_the_quote(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    sel = make_selector(text, start, end)
    assert reanchor(text, sel) == reanchor(text, sel).__class__(start, end, "exact")
    shifted = data.draw(st.text(max_size=20)) + text
    anchor = reanchor(shifted, sel)
    assert anchor.status in ("exact", "moved")
    assert shifted[anchor.start : anchor.end] == sel.exact


# --- find_quote ---------------------------------------------------------------------------------


def test_find_quote_unique() -> None:
    assert find_quote(TEXT, QUOTE) == (TEXT.index(QUOTE), TEXT.index(QUOTE) + len(QUOTE))


def test_find_quote_missing_is_an_error() -> None:
    with pytest.raises(QuoteError, match="not in the text") as info:
        find_quote(TEXT, "no such words")
    assert info.value.count == 0


def test_find_quote_ambiguous_needs_prefix_or_suffix() -> None:
    text = "Read more. The tide is high. Read more. The tide is low."
    with pytest.raises(QuoteError, match="occurs 2 times") as info:
        find_quote(text, "Read more.")
    assert info.value.count == 2
    assert find_quote(text, "Read more.", prefix="high. ") == (29, 39)
    assert find_quote(text, "Read more.", suffix=" The tide is low") == (29, 39)
    assert find_quote(text, "Read more.", suffix="The tide is high") == (0, 10)
    with pytest.raises(QuoteError, match="never with that prefix"):
        find_quote(text, "Read more.", prefix="nowhere")
    with pytest.raises(QuoteError, match="occurs 2 times"):
        find_quote(text, "Read more.", suffix=" The tide is")


def test_find_quote_spans_blocks_with_any_whitespace() -> None:
    start, end = find_quote(TEXT, "on Monday. The station")
    assert TEXT[start:end] == "on Monday.\n\nThe station"


# --- UTF-16 ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["a😀b𠮷c", "😀", "𠮷😀𠮷", "plain", "中文𠮷字", ""])
def test_utf16_round_trip(text: str) -> None:
    units = text.encode("utf-16-le")
    for cp in range(len(text) + 1):
        u = codepoint_to_utf16(text, cp)
        assert units[: 2 * u].decode("utf-16-le") == text[:cp]
        assert utf16_to_codepoint(text, u) == cp
    assert Utf16Offsets(text).utf16_length == len(units) // 2


def test_utf16_examples() -> None:
    text = "a😀𠮷b"
    assert [codepoint_to_utf16(text, i) for i in range(5)] == [0, 1, 3, 5, 6]
    assert [utf16_to_codepoint(text, i) for i in range(7)] == [0, 1, 1, 2, 2, 3, 4]
    with pytest.raises(ValueError):
        codepoint_to_utf16(text, 5)
    with pytest.raises(ValueError):
        utf16_to_codepoint(text, 7)


@given(st.text(max_size=50))
def test_utf16_matches_python_encoding(text: str) -> None:
    offsets = Utf16Offsets(text)
    for cp in range(len(text) + 1):
        assert offsets.to_utf16(cp) == len(text[:cp].encode("utf-16-le")) // 2
