"""Hostile and faulty inputs (issue 14): each one gets a clean error or is made harmless.

Real files, real SQLite, real HTTP servers on 127.0.0.1; never the internet.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import subprocess
import sys
import time
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from reader.cli import main
from reader.core import export
from reader.core.article import parse_article
from reader.core.errors import ArticleError
from reader.core.fetch import FetchError, FetchSettings, fetch_image, fetch_url
from reader.core.importer import import_file
from reader.core.library import index_folder, search
from reader.core.render import BREAK, breakable, sanitize_html
from reader.core.store import Store
from tests.conftest import Handler, trickle


def test_csv_neutralises_cells_starting_with_tab_or_carriage_return() -> None:
    # A spreadsheet strips a leading TAB or CR and then runs what follows as a formula.
    for evil in ("\t=cmd|' /C calc'!A0", "\r=1+1", "=1", "+1", "-1", "@SUM(1)"):
        assert export._cell(evil) == "'" + evil
    assert export._cell("plain") == "plain" and export._cell("") == ""


# -- item 12: redirects to addresses that cannot be fetched; item 15: the host that failed --


@pytest.mark.parametrize("target", ["javascript:alert(1)", "data:text/html,<p>hi", "mailto:a@b.example",
                                    "about:blank", "http://127.0.0.1:99999/page"])
def test_redirect_to_an_unusable_address_is_a_clean_error(
        target: str, raw_server: Callable[[Handler], str], capsys: pytest.CaptureFixture[str]) -> None:
    def redirect(request: http.server.BaseHTTPRequestHandler) -> None:
        request.send_response(302)
        request.send_header("Location", target)
        request.send_header("Content-Length", "0")
        request.end_headers()

    url = raw_server(redirect)
    with pytest.raises(FetchError) as excinfo:
        fetch_url(url)
    assert excinfo.value.kind == "scheme" and url in str(excinfo.value) and target in str(excinfo.value)
    assert main(["fetch", url]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and url in err and "Traceback" not in err and "internal" not in err


def test_a_port_out_of_range_is_a_clean_error(capsys: pytest.CaptureFixture[str]) -> None:
    url = "http://127.0.0.1:99999/page"
    with pytest.raises(FetchError) as excinfo:
        fetch_url(url)
    assert excinfo.value.kind == "scheme" and "99999" in str(excinfo.value)
    assert main(["fetch", url]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and url in err and "internal" not in err


def test_a_redirect_to_an_unknown_host_names_that_host(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/go").respond_with_data(
        "", status=302, headers={"Location": "http://no-such-host.invalid/page"})
    with pytest.raises(FetchError) as excinfo:
        fetch_url(httpserver.url_for("/go"))
    message = str(excinfo.value)
    assert excinfo.value.kind == "dns" and "the host no-such-host.invalid cannot be found" in message


# -- item 8: a server that trickles bytes meets an overall deadline -----------------------


@pytest.mark.parametrize("part", ["headers", "body"])
def test_a_trickling_server_meets_the_overall_deadline(
        part: str, raw_server: Callable[[Handler], str]) -> None:
    url = raw_server(trickle(part))
    started = time.monotonic()
    with pytest.raises(FetchError) as excinfo:
        fetch_url(url, settings=FetchSettings(read_timeout=30, deadline=1.5))
    assert time.monotonic() - started < 5
    assert excinfo.value.kind == "timeout" and "within 1.5 s" in str(excinfo.value)


# -- item 4: a compressed bomb is stopped at the size cap while it streams ----------------


@functools.cache
def _gzip_bomb(megabytes: int) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = bytes(1024 * 1024)
    return b"".join(packer.compress(zeros) for _ in range(megabytes)) + packer.flush()


@functools.cache
def _brotli_bomb(megabytes: int) -> bytes:
    import brotli  # type: ignore[import-untyped]

    return bytes(brotli.compress(bytes(megabytes * 1024 * 1024), quality=1))


def _serve_bomb(encoding: str, content_type: str) -> Handler:
    # 400 MB once inflated; 0.4 MB (gzip) or 0.1 MB (brotli) on the wire
    body = _gzip_bomb(400) if encoding == "gzip" else _brotli_bomb(400)

    def handle(request: http.server.BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Type", content_type)
        request.send_header("Content-Encoding", encoding)
        request.send_header("Content-Length", str(len(body)))
        request.end_headers()
        request.wfile.write(body)

    return handle


# VmHWM, not ru_maxrss: the latter keeps the high-water mark of the parent (pytest) at exec.
_PEAK = """
import re, sys
from reader.core.fetch import FetchError, fetch_image, fetch_url
try:
    (fetch_image if sys.argv[1] == "image" else fetch_url)(sys.argv[2])
    print("fetched")
except FetchError as exc:
    print(exc.kind)
status = open("/proc/self/status").read()
print(int(re.search(r"VmHWM:\\s+(\\d+) kB", status).group(1)) // 1024)
"""


@pytest.mark.parametrize(("what", "encoding"), [("image", "gzip"), ("page", "gzip"), ("image", "br")])
def test_a_compressed_bomb_stops_at_the_size_cap_in_little_memory(
        what: str, encoding: str, raw_server: Callable[[Handler], str]) -> None:
    url = raw_server(_serve_bomb(encoding, "image/png" if what == "image" else "text/html"))
    run = subprocess.run([sys.executable, "-c", _PEAK, what, url], capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 0, run.stderr
    kind, peak_mb = run.stdout.split()
    assert kind == "too_large"
    assert int(peak_mb) < 200, peak_mb  # the whole bomb would take 400 MB


def test_a_remote_image_is_fetched_under_the_apps_own_name(httpserver: HTTPServer) -> None:
    png = bytes.fromhex("89504e470d0a1a0a") + b"rest"
    httpserver.expect_request("/pic.png").respond_with_data(png, content_type="image/png")
    assert fetch_image(httpserver.url_for("/pic.png")) == png
    agent = httpserver.log[0][0].headers["User-Agent"]
    assert agent.startswith("BilingualReader/") and "Mozilla" not in agent


# -- item 1: inline styles lose their url() (the view's resource loader is the real gate) --


@pytest.mark.parametrize("style", [
    "background-image:url(file:///etc/passwd)",
    "background-image: URL( '/home/me/secret.png' )",
    "background:red url(\"x.png\") no-repeat",
    "background-image:u\\72 l(/etc/passwd)",  # a CSS escape spells url too
])
def test_sanitiser_strips_url_from_inline_styles(style: str) -> None:
    html = f'<div style="color:red;{style}">a</div><table><tr><td style="{style}">b</td></tr></table>'
    cleaned = sanitize_html(html)
    assert "url" not in cleaned.lower() and "\\" not in cleaned
    assert "color:red" in cleaned and ">b</td>" in cleaned


# -- item 2: the library index does not follow links out of the indexed folder ------------


def test_index_skips_links_that_leave_the_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text("# 机密\n\n不该被索引的口令 zebrafish", encoding="utf-8")
    root = tmp_path / "articles"
    (root / "sub").mkdir(parents=True)
    (root / "real.md").write_text("# 真文章\n\n正文 kingfisher", encoding="utf-8")
    (root / "passwd.md").symlink_to("/etc/passwd")
    (root / "secret.md").symlink_to(outside / "secret.md")
    (root / "elsewhere").symlink_to(outside)  # a folder outside
    (root / "sub" / "alias.md").symlink_to(root / "real.md")  # inside: still followed
    with Store(tmp_path / "data") as store:
        report = index_folder(store, root)
        reasons = {Path(f).name: r for f, r in report.skipped}
        assert {"passwd.md", "secret.md", "elsewhere"} <= set(reasons)
        assert all("outside the folder" in reasons[n] for n in ("passwd.md", "secret.md", "elsewhere"))
        assert report.indexed == 2  # real.md and its alias
        assert not search(store, "zebrafish").results and not search(store, "root").results
        assert search(store, "kingfisher").results
    assert main(["--data-dir", str(tmp_path / "data2"), "library", "index", str(root), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {Path(s["file"]).name for s in data["skipped"]} >= {"passwd.md", "secret.md", "elsewhere"}


# -- item 10: a named pipe (or a device) is never opened as an article --------------------


def _run_cli(args: list[str], timeout: float = 30) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reader", *args], capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})


@pytest.mark.parametrize("command", [["inspect", "{}", "--json"], ["open", "{}", "--screenshot", "{}.png"],
                                     ["import", "{}"], ["annotations", "{}", "--json"],
                                     ["blocks", "{}", "--json"], ["edit", "{}", "--block", "1", "--text", "x"],
                                     ["diff", "{}"], ["check", "{}", "--json"]])
def test_a_fifo_named_like_an_article_is_a_clean_error(command: list[str], tmp_path: Path) -> None:
    fifo = tmp_path / ("pipe.json" if command[0] == "import" else "pipe.md")
    os.mkfifo(fifo)
    args = ["--data-dir", str(tmp_path / "d"), *(a.format(fifo) for a in command)]
    result = _run_cli(args)  # before: blocked until killed
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "named pipe" in result.stderr and "Traceback" not in result.stderr


def test_a_device_is_not_read_as_an_article(tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match="a device"):
        parse_article(Path("/dev/zero"))


# -- item 5: export -o writes through a symlink and refuses pipes, devices and folders ----


@pytest.fixture
def annotated(tmp_path: Path) -> list[str]:
    """CLI arguments for a data folder holding one annotation."""
    article = tmp_path / "a.md"
    article.write_text("# 标题\n\n第一段文字，值得划线。\n", encoding="utf-8")
    data = ["--data-dir", str(tmp_path / "data")]
    assert main([*data, "annotate", str(article), "--quote", "值得划线", "--note", "n"]) == 0
    return data


def test_export_writes_through_a_symlink_to_its_target(tmp_path: Path, annotated: list[str]) -> None:
    target = tmp_path / "notes" / "real.md"
    target.parent.mkdir()
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "latest.md"
    link.symlink_to(target)
    assert main([*annotated, "export", "--all", "-o", str(link)]) == 0
    assert link.is_symlink() and os.readlink(link) == str(target)  # the link is kept
    assert "值得划线" in target.read_text(encoding="utf-8")
    assert [p.name for p in target.parent.iterdir()] == ["real.md"]  # no temp file left


@pytest.mark.parametrize("kind", ["fifo", "device", "folder"])
def test_export_refuses_what_is_not_a_regular_file(kind: str, tmp_path: Path, annotated: list[str],
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    if kind == "fifo":
        out = tmp_path / "out.md"
        os.mkfifo(out)
    elif kind == "device":
        out = tmp_path / "null.md"
        out.symlink_to("/dev/null")  # through a link, as a user might have it
    else:
        out = tmp_path / "folder.md"
        out.mkdir()
    capsys.readouterr()
    assert main([*annotated, "export", "--all", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: Cannot write") and err.count("\n") == 1
    assert {"fifo": out.is_fifo, "device": out.is_symlink, "folder": out.is_dir}[kind]()
    assert Path("/dev/null").is_char_device()


# -- item 7: one bad entry is skipped with its reason; the rest are imported --------------


def _entry(exact: str, **extra: object) -> dict[str, object]:
    selectors: list[object] = [{"type": "TextQuoteSelector", "exact": exact}]
    if "position" in extra:
        start = int(extra.pop("position"))  # type: ignore[call-overload]
        selectors.append({"type": "TextPositionSelector", "start": start, "end": start + len(exact)})
    return {"type": "Annotation", "target": {"source": "https://example.com/a", "selector": selectors},
            **extra}


def test_import_skips_entries_sqlite_cannot_hold(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    document = [
        _entry("第一段"),
        _entry("第二段", position=10**30),  # OverflowError in SQLite
        _entry("第三段", body={"type": "TextualBody", "purpose": "commenting", "value": "bad \ud800 note"}),
        _entry("第四段", bodyValue="ok"),
        _entry("第五段", id="urn:uuid:\udcff"),
    ]
    path = tmp_path / "in.json"
    path.write_text(json.dumps(document), encoding="utf-8")  # ASCII escapes carry the surrogates
    with Store(tmp_path / "data") as store:
        report = import_file(store, path)
        assert report.imported == 2
        assert len(report.errors) == 3
        assert any(e.startswith("[1]") for e in report.errors)
        assert any(e.startswith("[2]") for e in report.errors)
    assert main(["--data-dir", str(tmp_path / "data2"), "import", str(path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["imported"] == 2 and len(out["errors"]) == 3


# -- item 11: a killed `library index` leaves no worker processes behind -------------------


def _children(pid: int) -> set[int]:
    """Live (not zombie) processes whose parent is ``pid``."""
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat_line = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            fields = stat_line.rsplit(")", 1)[1].split()
            if int(fields[1]) == pid and fields[0] != "Z":
                found.add(int(entry))
    return found


def _alive(pid: int) -> bool:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return False
    return fields[0] != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_exit_when_library_index_is_killed(tmp_path: Path) -> None:
    root = tmp_path / "articles"
    root.mkdir()
    body = "\n\n".join(f"第 {k} 段，讲述容器编排与 Kubernetes 的故事。" * 20 for k in range(40))
    for n in range(1500):
        (root / f"a{n:04}.md").write_text(f"# 文章 {n}\n\n{body}\n", encoding="utf-8")
    index = subprocess.Popen(
        [sys.executable, "-m", "reader", "--data-dir", str(tmp_path / "d"), "library", "index", str(root)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        workers: set[int] = set()
        while len(workers) < 2 and time.monotonic() < deadline and index.poll() is None:
            workers = _children(index.pid)  # the resource tracker and the spawned workers
            time.sleep(0.05)
        assert len(workers) >= 2, "the pool never started"
        index.kill()
        index.wait()
        deadline = time.monotonic() + 15
        while any(_alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [w for w in workers if _alive(w)]  # before: alive 60 s later
    finally:
        index.kill()
        for w in workers:
            if _alive(w):
                os.kill(w, 9)


# -- item 9: long unbroken runs get break opportunities, never inside tags or entities ----


def test_breakable_splits_only_long_runs_of_text() -> None:
    run = "a&amp;b" * 100  # 700 chars with entities
    html = f'<p><a href="https://x.example/{"y" * 500}">{run}</a> short words stay</p>'
    broken = breakable(html)
    assert broken.replace(BREAK, "") == html
    assert f'href="https://x.example/{"y" * 500}"' in broken  # attributes untouched
    assert broken.count(BREAK) >= 300 // 80 and not re.search("&[#\\w]*" + BREAK, broken)
    assert breakable("<p>普通的中文段落" * 100 + "</p>") == "<p>普通的中文段落" * 100 + "</p>"
    assert breakable("<p>short</p>") == "<p>short</p>"
