"""Diffs against git HEAD or the start of proofreading, git apply, and a one-file commit."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from reader.core.changes import char_diff, commit_file, diff_lines, file_changes, unified_diff
from reader.core.editing import replace_block
from reader.core.store import Store

GIT = shutil.which("git")
needs_git = pytest.mark.skipif(GIT is None, reason="the git binary checks what dulwich wrote")
TEXT = "# 标题\n\n第一段。\n\n第二段：机器翻译的句子。\n\n第三段。\n\n第四段。"


def _git(cwd: Path, *args: str) -> str:
    env = {"GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "T",
           "GIT_COMMITTER_EMAIL": "t@example.com", "HOME": str(cwd), "PATH": "/usr/bin:/bin"}
    return subprocess.run([GIT or "git", *args], cwd=cwd, env=env, check=True,
                          capture_output=True, text=True).stdout


def _repo(tmp_path: Path, data: bytes) -> tuple[Path, Path]:
    root = tmp_path / "repo"
    (root / "docs").mkdir(parents=True)
    article = root / "docs" / "a.md"
    article.write_bytes(data)
    (root / "other.md").write_text("other\n")
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "start")
    return root, article


@needs_git
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_git_apply_of_the_diff_on_a_clean_copy_gives_the_edited_file(
        tmp_path: Path, newline: str, encoding: str) -> None:
    data = TEXT.replace("\n", newline).encode(encoding)  # and no final newline
    root, article = _repo(tmp_path, data)
    replace_block(article, 2, "第二段：校对过的句子。")
    replace_block(article, 4, "第四段，也改了。\n第二行")
    changes = file_changes(article)
    assert changes.base == "HEAD" and changes.name == "docs/a.md"
    clean = tmp_path / "clean"
    _git(tmp_path, "clone", "-q", str(root), str(clean))
    patch = tmp_path / "p.diff"
    patch.write_bytes(changes.diff)
    _git(clean, "apply", str(patch))
    assert (clean / "docs" / "a.md").read_bytes() == article.read_bytes()


@needs_git
def test_commit_takes_this_file_only(tmp_path: Path) -> None:
    root, article = _repo(tmp_path, TEXT.encode())
    (root / "other.md").write_text("changed and staged by someone\n")
    _git(root, "add", "other.md")
    (root / "new.md").write_text("untracked\n")
    replace_block(article, 2, "第二段：校对过的句子。")
    commit = commit_file(article, "校对：第二段\n\n- 第 2 段")
    assert _git(root, "rev-parse", "HEAD").strip() == commit
    assert _git(root, "show", "--name-only", "--format=%s", "HEAD").split() == ["校对：第二段", "docs/a.md"]
    status = _git(root, "status", "--porcelain")
    assert "docs/a.md" not in status  # committed, index and work tree agree
    assert "M  other.md" in status and "?? new.md" in status  # untouched
    assert not file_changes(article).changed
    assert _git(root, "log", "--format=%s").split("\n")[:2] == ["校对：第二段", "start"]


def test_outside_git_the_diff_is_against_the_start_of_proofreading(tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_bytes(TEXT.encode())
    with Store(tmp_path / "data") as store:
        assert file_changes(article, store).base == ""
        replace_block(article, 2, "第二段：改一次。", store=store)
        replace_block(article, 2, "第二段：改两次。", store=store)
        changes = file_changes(article, store)
    assert changes.base == "start"
    body = changes.diff.decode()
    assert "-第二段：机器翻译的句子。\n+第二段：改两次。\n" in body


def test_char_diff_marks_what_changed_inside_a_chinese_line() -> None:
    left, right = char_diff("机器翻译的句子。", "校对过的句子。")
    assert "".join(t for _, t in left) == "机器翻译的句子。"
    assert [t for changed, t in right if changed] == ["校对过"]
    lines = diff_lines(unified_diff(b"a\n\xe6\x9c\xba\xe5\x99\xa8\n", b"a\n\xe4\xba\xba\xe5\x99\xa8\n", "x"))
    removed = next(line for line in lines if line.kind == "-")
    assert removed.segments == ((True, "机"), (False, "器"))


def test_unified_diff_says_when_the_last_line_has_no_newline() -> None:
    diff = unified_diff(b"a\nb", b"a\nc", "x").decode()
    assert diff.endswith("-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n")
    assert unified_diff(b"same", b"same", "x") == b""
