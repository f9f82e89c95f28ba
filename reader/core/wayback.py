"""Originals that are gone: the closest copy in the Wayback Machine.

Many translated articles date from 2015–2020 and their originals rot (404, 410, a domain
that no longer resolves, a parked page with no article). Then we ask the Wayback Machine's
availability API for the closest snapshot and fetch its raw page (``/web/<timestamp>id_/``,
without the archive's toolbar), which is extracted and cached like a live page.

The archive's address comes from ``BILINGUAL_READER_WAYBACK`` (default
``https://archive.org``), so tests run a fake one on 127.0.0.1.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import quote

from reader.core.errors import ReaderError

if TYPE_CHECKING:
    from reader.core.fetch import FetchError, FetchSettings

WAYBACK_ENV = "BILINGUAL_READER_WAYBACK"
DEFAULT_WAYBACK = "https://archive.org"
# Answers that say the page is gone for good (a 5xx or a timeout may pass: we do not ask then).
GONE_STATUSES = frozenset((404, 410, 451))
GONE_KINDS = frozenset(("dns", "refused", "tls"))
_TIMESTAMP = re.compile(r"^\d{14}$")
_RAW_SNAPSHOT = re.compile(r"/web/(\d{14})id_/(.+)$")


class WaybackError(ReaderError):
    """The original is gone and no usable archived copy was found. ``kind``: timeout,
    unavailable (the archive answered with an error), offline (its host cannot be found),
    none (no snapshot), broken."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True)
class Snapshot:
    original_url: str  # the live address the snapshot is a copy of
    timestamp: str  # YYYYMMDDhhmmss, UTC
    raw_url: str  # the page as it was archived, without the archive's toolbar (id_)
    url: str  # the snapshot as people view it in the archive

    @property
    def date(self) -> str:
        """The day of the snapshot, YYYY-MM-DD."""
        t = self.timestamp
        return f"{t[:4]}-{t[4:6]}-{t[6:8]}"


def wayback_base() -> str:
    return (os.environ.get(WAYBACK_ENV) or DEFAULT_WAYBACK).rstrip("/")


def is_gone(error: FetchError) -> bool:
    """Does this failure say the original is gone (rather than that we are offline a while)?"""
    if error.kind == "http":
        return error.status in GONE_STATUSES
    return error.kind in GONE_KINDS


def snapshot_from_url(url: str | None) -> Snapshot | None:
    """The snapshot a raw archive address (``…/web/<timestamp>id_/<url>``) points at."""
    m = _RAW_SNAPSHOT.search(url or "")
    if not m or url is None:
        return None
    base = url[: m.start()]
    return Snapshot(m.group(2), m.group(1), url, f"{base}/web/{m.group(1)}/{m.group(2)}")


def find_snapshot(url: str, settings: FetchSettings) -> Snapshot:
    """The archived copy closest to now, from the availability API. Raises WaybackError."""
    from reader.core.fetch import FetchError, resolve_host

    base = wayback_base()
    api = f"{base}/wayback/available"
    try:
        resolve_host(api)  # offline: say so before loading the HTTP stack (~40 ms at start-up)
    except FetchError as exc:
        raise WaybackError("offline", f"the Wayback Machine cannot be reached ({base}: its "
                           "host cannot be found)") from exc
    import httpx

    timeout = httpx.Timeout(settings.read_timeout, connect=settings.connect_timeout)
    try:
        with httpx.Client(timeout=timeout, headers={"User-Agent": settings.user_agent}) as client:
            response = client.get(api, params={"url": url})
    except httpx.TimeoutException as exc:
        raise WaybackError("timeout", f"the Wayback Machine did not answer in time ({base})") from exc
    except httpx.HTTPError as exc:
        raise WaybackError("unavailable", f"the Wayback Machine cannot be reached ({base}: "
                           f"{exc or type(exc).__name__})") from exc
    if response.status_code != 200:
        raise WaybackError("unavailable", f"the Wayback Machine answered {response.status_code}")
    try:
        closest = json.loads(response.content)["archived_snapshots"]["closest"]
        available, timestamp = closest.get("available"), str(closest["timestamp"])
        status = str(closest.get("status", "200"))
    except (ValueError, KeyError, TypeError, AttributeError):
        raise WaybackError("none", "the Wayback Machine has no copy of it") from None
    if not available or not _TIMESTAMP.match(timestamp) or not status.startswith("2"):
        raise WaybackError("none", "the Wayback Machine has no copy of it")
    raw = f"{base}/web/{timestamp}id_/{quote(url, safe=':/?#[]@!$&()*+,;=%~')}"
    return Snapshot(url, timestamp, raw, f"{base}/web/{timestamp}/{url}")
