"""What a request may reach: a request path mapped to a file strictly inside the served folder.

Each request path is decoded, refused if it holds ``..``, a hidden part, a NUL or a backslash,
and the file it names must resolve strictly inside the served folder, so a symbolic link
cannot lead out. The folder is resolved afresh for every request: a build swaps it in whole.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote_to_bytes


@dataclass(frozen=True)
class Target:
    """What a request path names: a file strictly inside the served folder, a redirect
    (a folder asked for without its trailing slash), or neither (not found)."""

    file: Path | None = None
    redirect: str | None = None


NOT_FOUND = Target()


def locate(root: Path, request_path: str, base_path: str = "/") -> Target:
    """Map a request path (as sent, percent-encoded, maybe with a query) to a file inside ``root``.

    The site is served at the path of its ``base_url``, as it will be published. Anything that
    could step out of ``root`` is not found: ``..`` in any spelling (``%2e%2e``, ``..%2f``), NUL,
    backslashes, hidden parts, undecodable bytes, and symbolic links that resolve outside.
    """
    decoded = _decoded(request_path)
    if decoded is None:
        return NOT_FOUND
    parts = _parts(decoded)
    if parts is None:
        return NOT_FOUND
    base = [part for part in base_path.split("/") if part]
    if parts[: len(base)] != base:
        return Target(redirect=_location(base)) if not parts else NOT_FOUND
    try:
        top = root.resolve(strict=True)
    except (OSError, RuntimeError):
        return NOT_FOUND
    found = _inside(top, top.joinpath(*parts[len(base) :]))
    if found is None:
        return NOT_FOUND
    if found.is_dir():
        return _folder(top, found) if decoded.endswith("/") else Target(redirect=_location(parts))
    return Target(file=found) if found.is_file() else NOT_FOUND


def file_at(root: Path, name: str) -> Path | None:
    """The file at a path below ``root`` (such as ``404.html``), confined as a request's."""
    return locate(root, "/" + name).file


def is_html(path: Path) -> bool:
    return path.suffix.lower() in (".html", ".htm")


def _decoded(request_path: str) -> str | None:
    """The request's path, without query or fragment, percent-decoded; None if it is not an
    absolute path or holds what no file name in the served folder does."""
    path = request_path.split("?", 1)[0].split("#", 1)[0]
    if not path.startswith("/"):
        return None
    try:
        decoded = unquote_to_bytes(path).decode("utf-8")
    except UnicodeDecodeError:
        return None
    if "\x00" in decoded or "\\" in decoded:
        return None
    return decoded


def _parts(decoded: str) -> list[str] | None:
    """The names along a decoded path; None if one is ``..`` or hidden (such as sitegen's marker)."""
    parts = [part for part in decoded.split("/") if part not in ("", ".")]
    return None if any(part.startswith(".") for part in parts) else parts


def _folder(top: Path, found: Path) -> Target:
    """A folder asked for with its trailing slash: its ``index.html``, if it has one."""
    index = _inside(top, found / "index.html")
    return Target(file=index) if index is not None and index.is_file() else NOT_FOUND


def _inside(top: Path, path: Path) -> Path | None:
    """``path`` with every link resolved, if it exists and is strictly inside ``top``."""
    try:
        resolved = path.resolve(strict=True)
    except (OSError, RuntimeError):  # missing, or a link loop
        return None
    return resolved if resolved.is_relative_to(top) else None


def _location(parts: Sequence[str]) -> str:
    """A redirect target built from checked parts: always one leading slash, never ``//host``."""
    return "/" + "".join(quote(part) + "/" for part in parts)
