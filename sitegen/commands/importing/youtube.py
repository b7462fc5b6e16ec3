"""YouTube addresses in their many spellings → the one embed sitegen keeps."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

_ID = re.compile(r"[A-Za-z0-9_-]{11}")

_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtube-nocookie.com", "www.youtube-nocookie.com"}


def youtube_id(url: str) -> str | None:
    """The video's id in ``https://youtu.be/ID``, ``…/watch?v=ID``, ``…/embed/ID``,
    ``…/shorts/ID``, ``…/live/ID`` (http or https, with or without www), else None."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https", ""):
        return None
    host = parts.netloc.lower()
    candidate = ""
    if host in ("youtu.be", "www.youtu.be"):
        candidate = parts.path.strip("/")
    elif host in _HOSTS:
        segments = [s for s in parts.path.split("/") if s]
        if segments == ["watch"]:
            candidate = (parse_qs(parts.query).get("v") or [""])[0]
        elif len(segments) == 2 and segments[0] in ("embed", "shorts", "live", "v"):
            candidate = segments[1]
    return candidate if _ID.fullmatch(candidate) else None


def embed_html(video: str) -> str:
    return (
        f'<iframe src="https://www.youtube.com/embed/{video}" title="YouTube" width="560" height="315" '
        'allowfullscreen loading="lazy"></iframe>'
    )
