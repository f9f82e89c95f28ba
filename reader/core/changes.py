"""What proofreading changed in a file, as a diff to hand back, and a commit of it.

The base is the file at git ``HEAD`` when it sits in a git work tree (read with dulwich,
no git binary needed), else the bytes it had when proofreading started (kept in the
store by ``remember_baseline``). Diffs are computed on the raw byte lines, so what
``git apply`` gets reproduces the edited file exactly: its encoding, line endings, byte
order mark and missing final newline included. Inside changed lines the Changes panel
shows a character-level diff (``char_diff``), which is what a Chinese line needs.

``commit_file`` commits this one file and nothing else: the new tree is HEAD's tree with
only this file's blob replaced, and only this file's index entry is updated. Nothing is
ever pushed.
"""

from __future__ import annotations

import difflib
import os
import re
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core.errors import ReaderError

if TYPE_CHECKING:
    from reader.core.source_blocks import SourceFile
    from reader.core.store import Store

CONTEXT_LINES = 3
_LINES = re.compile(rb"[^\n]*\n|[^\n]+$")  # git's lines: a CR stays part of its line
_NO_NEWLINE = b"\\ No newline at end of file\n"


class ChangesError(ReaderError):
    """A diff or a commit cannot be made."""


# --- diffs ----------------------------------------------------------------------------------


def split_lines(data: bytes) -> list[bytes]:
    """Raw lines as git sees them, with their endings (a byte order mark stays on the
    first line)."""
    return _LINES.findall(data)


def unified_diff(before: SourceFile | bytes, after: bytes, name: str,
                 context: int = CONTEXT_LINES, line_offset: int = 0) -> bytes:
    """A git-style unified diff from ``before`` to ``after`` (b"" when they are equal);
    ``line_offset`` is the number of lines above them when they are a window of a file."""
    old_data = before if isinstance(before, bytes) else before.data
    if old_data == after:
        return b""
    a, b = split_lines(old_data), split_lines(after)
    # Trim the common head and tail: the matcher then only sees the edited region.
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    inner = difflib.SequenceMatcher(None, a[head:len(a) - tail], b[head:len(b) - tail],
                                    autojunk=False)
    opcodes: list[_Opcode] = [("equal", 0, head, 0, head)] if head else []
    opcodes += [(tag, i1 + head, i2 + head, j1 + head, j2 + head)
                for tag, i1, i2, j1, j2 in inner.get_opcodes()]
    if tail:
        opcodes.append(("equal", len(a) - tail, len(a), len(b) - tail, len(b)))
    quoted = name.encode("utf-8", "surrogateescape")
    out = [b"diff --git a/" + quoted + b" b/" + quoted + b"\n",
           b"--- a/" + quoted + b"\n", b"+++ b/" + quoted + b"\n"]
    for group in _grouped(opcodes, context):
        first, last = group[0], group[-1]
        out.append(b"@@ -" + _range(first[1] + line_offset, last[2] + line_offset) + b" +"
                   + _range(first[3] + line_offset, last[4] + line_offset) + b" @@\n")
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                out.extend(_line(b" ", line) for line in a[i1:i2])
                continue
            out.extend(_line(b"-", line) for line in a[i1:i2])
            out.extend(_line(b"+", line) for line in b[j1:j2])
    return b"".join(out)


_Opcode = tuple[str, int, int, int, int]


def _grouped(opcodes: list[_Opcode], n: int) -> list[list[_Opcode]]:
    """Hunks of changes with ``n`` lines of context (difflib's get_grouped_opcodes)."""
    codes = [op for op in opcodes if op[1] != op[2] or op[3] != op[4]]
    if not codes:
        return []
    if codes[0][0] == "equal":
        tag, i1, i2, j1, j2 = codes[0]
        codes[0] = tag, max(i1, i2 - n), i2, max(j1, j2 - n), j2
    if codes[-1][0] == "equal":
        tag, i1, i2, j1, j2 = codes[-1]
        codes[-1] = tag, i1, min(i2, i1 + n), j1, min(j2, j1 + n)
    groups: list[list[_Opcode]] = []
    group: list[_Opcode] = []
    for tag, i1, i2, j1, j2 in codes:
        if tag == "equal" and i2 - i1 > 2 * n:
            group.append((tag, i1, min(i2, i1 + n), j1, min(j2, j1 + n)))
            groups.append(group)
            group = []
            i1, j1 = max(i1, i2 - n), max(j1, j2 - n)
        group.append((tag, i1, i2, j1, j2))
    if group and not (len(group) == 1 and group[0][0] == "equal"):
        groups.append(group)
    return groups


def _range(start: int, stop: int) -> bytes:
    length = stop - start
    first = start + 1
    if length == 1:
        return str(first).encode()
    if not length:
        first -= 1
    return f"{first},{length}".encode()


def _line(mark: bytes, line: bytes) -> bytes:
    return mark + line if line.endswith(b"\n") else mark + line + b"\n" + _NO_NEWLINE


@dataclass(frozen=True, slots=True)
class DiffLine:
    kind: str  # "@" hunk header, " " context, "-" removed, "+" added, "\\" no-newline note
    text: str
    # for a changed line: (changed?, text) runs of a character-level diff with its partner
    segments: tuple[tuple[bool, str], ...] = ()


def char_diff(old: str, new: str) -> tuple[list[tuple[bool, str]], list[tuple[bool, str]]]:
    """Character runs of ``old`` and ``new``, each flagged True where it changed."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    left: list[tuple[bool, str]] = []
    right: list[tuple[bool, str]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if i2 > i1:
            left.append((tag != "equal", old[i1:i2]))
        if j2 > j1:
            right.append((tag != "equal", new[j1:j2]))
    return left, right


def diff_lines(diff: bytes, codec: str = "utf-8") -> list[DiffLine]:
    """The body of a unified diff as lines for display, removed/added runs paired up
    with a character-level diff inside each pair."""
    text = diff.decode(codec, "replace")
    lines = [line.rstrip("\r") for line in text.split("\n") if line]
    result: list[DiffLine] = []
    k = 0
    while k < len(lines):
        line = lines[k]
        if line.startswith(("diff --git", "--- ", "+++ ")):
            k += 1
            continue
        if line.startswith("-"):
            removed = []
            while k < len(lines) and lines[k].startswith("-"):
                removed.append(lines[k][1:])
                k += 1
            added = []
            while k < len(lines) and lines[k].startswith(("+", "\\")):
                if lines[k].startswith("+"):
                    added.append(lines[k][1:])
                k += 1
            for n in range(max(len(removed), len(added))):
                old = removed[n] if n < len(removed) else None
                new = added[n] if n < len(added) else None
                if old is not None and new is not None:
                    left, right = char_diff(old, new)
                    result.append(DiffLine("-", old, tuple(left)))
                    result.append(DiffLine("+", new, tuple(right)))
                elif old is not None:
                    result.append(DiffLine("-", old))
                elif new is not None:
                    result.append(DiffLine("+", new))
            continue
        kind = line[0] if line[0] in "@ +\\" else " "
        result.append(DiffLine(kind, line[1:] if kind in " +" else line))
        k += 1
    return result


# --- git ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GitFile:
    root: Path  # the work tree
    relpath: str  # the file's path in the repository, "/"-separated

    @property
    def key(self) -> bytes:
        return self.relpath.encode("utf-8")


def git_file(path: Path) -> GitFile | None:
    """Where ``path`` sits in a git work tree, or None outside one."""
    from dulwich.errors import NotGitRepository
    from dulwich.repo import Repo

    real = Path(os.path.realpath(path))
    try:
        repo = Repo.discover(str(real.parent))
    except (NotGitRepository, OSError):
        return None
    try:
        root = Path(os.path.realpath(repo.path))
        if repo.bare:
            return None
        return GitFile(root, real.relative_to(root).as_posix())
    except ValueError:
        return None
    finally:
        repo.close()


def head_bytes(location: GitFile) -> bytes | None:
    """The file as committed at HEAD; None when there is no commit or it is not tracked."""
    from dulwich.repo import Repo

    repo = Repo(str(location.root))
    try:
        try:
            commit = repo[repo.head()]
        except KeyError:
            return None
        tree = repo[commit.tree]  # type: ignore[attr-defined]
        try:
            _mode, sha = tree.lookup_path(repo.get_object, location.key)  # type: ignore[attr-defined]
        except KeyError:
            return None
        return bytes(repo[sha].data)  # type: ignore[attr-defined]
    finally:
        repo.close()


@dataclass
class Changes:
    """What changed in a file since its base."""

    path: Path
    base: str  # "HEAD" (git), "start" (when proofreading started) or "" (no base: unchanged)
    name: str  # the path shown in the diff (relative to the work tree in git)
    diff: bytes
    codec: str = "utf-8"
    git: GitFile | None = None
    lines: list[DiffLine] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.diff)


def file_changes(path: Path, store: Store | None = None) -> Changes:
    """The diff of ``path`` against git HEAD, else against the start of proofreading."""
    from reader.core.source_blocks import read_source

    path = Path(path)
    source = read_source(path)
    location = git_file(path)
    base: bytes | None = None
    kind = ""
    name = path.name
    if location is not None:
        base = head_bytes(location)
        if base is not None:
            kind, name = "HEAD", location.relpath
    if base is None and store is not None:
        base = baseline(store, path)
        if base is not None:
            kind = "start"
    if base is None:
        return Changes(path, "", name, b"", source.codec, location)
    diff = unified_diff(base, source.data, name)
    return Changes(path, kind, name, diff, source.codec, location, diff_lines(diff, source.codec))


def commit_file(path: Path, message: str) -> str:
    """Commit the current bytes of ``path`` (only this file) on the current branch; the
    new commit's id (hex). Never pushes."""
    from dulwich.index import index_entry_from_stat
    from dulwich.object_store import commit_tree_changes
    from dulwich.objects import Blob, Commit
    from dulwich.refs import Ref
    from dulwich.repo import Repo, get_user_identity

    location = git_file(path)
    if location is None:
        raise ChangesError(f"{Path(path).name} is not in a git work tree")
    if not message.strip():
        raise ChangesError("the commit message is empty")
    real = Path(os.path.realpath(path))
    data = real.read_bytes()
    repo = Repo(str(location.root))
    try:
        try:
            parent = repo.head()
            parent_tree = repo[parent].tree  # type: ignore[attr-defined]
        except KeyError as exc:
            raise ChangesError("the repository has no commit yet") from exc
        blob = Blob.from_string(data)
        repo.object_store.add_object(blob)
        st = real.stat()
        mode = 0o100755 if st.st_mode & 0o111 else 0o100644
        tree_id = commit_tree_changes(repo.object_store, parent_tree, [(location.key, mode, blob.id)])
        if tree_id == parent_tree:
            raise ChangesError(f"{real.name} has no change to commit")
        config = repo.get_config_stack()
        identity = get_user_identity(config)
        now = int(time.time())
        offset = -time.altzone if time.localtime(now).tm_isdst > 0 else -time.timezone
        commit = Commit()
        commit.tree = tree_id
        commit.parents = [parent]
        commit.author = commit.committer = identity
        commit.author_time = commit.commit_time = now
        commit.author_timezone = commit.commit_timezone = offset
        commit.encoding = b"UTF-8"
        commit.message = message.strip().encode("utf-8") + b"\n"
        repo.object_store.add_object(commit)
        head_ref = Ref(b"HEAD")
        if not repo.refs.set_if_equals(head_ref, parent, commit.id, message=b"commit: proofreading"):
            raise ChangesError("HEAD moved while committing; nothing was committed")
        index = repo.open_index()
        index[location.key] = index_entry_from_stat(st, blob.id, mode=mode)
        index.write()
        return commit.id.decode("ascii")
    finally:
        repo.close()


# --- the start of proofreading (outside git) -----------------------------------------------


def remember_baseline(store: Store, path: Path, data: bytes) -> None:
    """Keep ``data`` as the file's text when proofreading started, unless already kept."""
    key = os.path.realpath(path)

    def work(conn: sqlite3.Connection) -> None:
        conn.execute(
            "INSERT OR IGNORE INTO proofread_baselines (path, data, started) VALUES (?, ?, ?)",
            (key, data, time.time()),
        )

    store.write(work)


def baseline_kept(store: Store, path: Path) -> bool:
    return bool(store.query("SELECT 1 FROM proofread_baselines WHERE path = ?",
                            (os.path.realpath(path),)))


def baseline(store: Store, path: Path) -> bytes | None:
    rows = store.query("SELECT data FROM proofread_baselines WHERE path = ?", (os.path.realpath(path),))
    return bytes(rows[0]["data"]) if rows else None


def forget_baseline(store: Store, path: Path) -> None:
    store.write(lambda conn: conn.execute("DELETE FROM proofread_baselines WHERE path = ?",
                                          (os.path.realpath(path),)))
