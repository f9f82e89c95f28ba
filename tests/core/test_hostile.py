"""Hostile and faulty inputs (issue 14): each one gets a clean error or is made harmless.

Real files, real SQLite, real HTTP servers on 127.0.0.1; never the internet.
"""

from __future__ import annotations

import http.server
import time
from collections.abc import Callable

import pytest
from pytest_httpserver import HTTPServer

from reader.cli import main
from reader.core import export
from reader.core.fetch import FetchError, FetchSettings, fetch_url
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
