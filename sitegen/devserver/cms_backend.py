"""The CMS's local backend: ``sitegen serve`` answers Decap CMS's ``local_backend`` protocol
(``POST /api/v1``, JSON ``{action, params}``), so an editor writes in the browser form and
the preview rebuilds from the saved file, with no Node.js and no ``decap-server``.

The actions and replies are decap-server's file-system mode (its ``localFs`` middleware):
``info`` says ``publish_modes: ["simple"]``, so the CMS saves straight into the site folder
(the editorial workflow of one pull request per story is the repository's, in production).

What a request may touch is confined as the preview's requests are (locate.py): a path is
relative, holds no ``..``, hidden part, backslash or NUL, lies in ``content/``, ``assets/`` or
``editors/`` and resolves inside that folder (a symbolic link cannot lead out; the folder itself
must not be a link, which the build would not follow either). Entries are ``.md`` files in
``content/`` (articles) or ``editors/`` (editors' profiles); media are photos (the kinds the
build reads). A request from another site
open in the same browser is refused: it must be JSON (so the browser asks first, and this
server grants no cross-origin request) and its ``Origin``, when sent, must be this server's.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import json
import os
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple, Protocol
from urllib.parse import unquote, urlsplit

from sitegen.config import load_config
from sitegen.render import cms

API_PATH = "/api/v1"

FOLDERS = ("content", "assets", "editors")

ENTRY_FOLDERS = ("content", "editors")  # articles, and editors' profiles (sitegen.read.profiles)

_OUTSIDE = ", ".join(f"{folder}/" for folder in FOLDERS[:-1]) + f" and {FOLDERS[-1]}/"

PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif")

MAX_REQUEST = 64 * 1024 * 1024  # a photo of 50 megapixels, base64-encoded, fits

MAX_DEPTH = 8  # entriesByFolder: folders below content/ that are looked into

LOOPBACK = ("127.0.0.1", "localhost", "::1")


class Readable(Protocol):
    def read(self, size: int = ..., /) -> bytes: ...


Header = Callable[[str], "str | None"]  # a request's header by its name, any case


class Refused(Exception):
    """A request the backend will not carry out (answered 422 with the reason)."""


class Answer(NamedTuple):
    status: int
    content_type: str
    body: bytes
    headers: tuple[tuple[str, str], ...] = ()


def _json(status: int, value: Any) -> Answer:
    return Answer(status, "application/json; charset=utf-8", json.dumps(value, ensure_ascii=False).encode())


class CmsBackend:
    """The local backend of one site folder; safe to call from many request threads."""

    def __init__(self, site_dir: Path, bound_host: str = "127.0.0.1") -> None:
        self.site_dir = site_dir.absolute()
        self.bound_host = bound_host
        self._lock = threading.Lock()  # one change of the folder at a time

    # -- HTTP ------------------------------------------------------------------------------

    def admin(self, request_path: str, base_path: str, host: str | None) -> Answer | None:
        """``/admin/`` and its ``config.yml`` (the local variant), or None for other paths."""
        path = unquote(request_path.split("?", 1)[0])
        admin = base_path + cms.ADMIN_FOLDER
        if path == admin:
            return Answer(301, "text/plain; charset=utf-8", b"", (("Location", admin + "/"),))
        if path not in (admin + "/", admin + "/index.html", admin + "/config.yml"):
            return None
        config, _ = load_config(self.site_dir)
        if config is None:
            return Answer(503, "text/plain; charset=utf-8", b"site.yaml has errors: see the terminal\n")
        if path.endswith("/config.yml"):
            name = self._host(host) or f"{self.bound_host}"
            text = cms.config_yml(config, f"http://{name}{API_PATH}", urlsplit(f"http://{name}").hostname)
            return Answer(200, "text/yaml; charset=utf-8", text.encode())
        return Answer(200, "text/html; charset=utf-8", cms.admin_page(config).encode())

    def post(self, header: Header, body: Readable) -> Answer:
        """A ``POST /api/v1``: checked as coming from the CMS page of this server, then answered."""
        why = self._refusal(header)
        if why is not None:
            return _json(403, {"error": why})
        try:
            length = int(header("Content-Length") or "-1")
        except ValueError:
            length = -1
        if not 0 <= length <= MAX_REQUEST:
            return _json(413, {"error": f"a request must give its length, at most {MAX_REQUEST} bytes"})
        try:
            request = json.loads(body.read(length))
        except (ValueError, UnicodeDecodeError):
            return _json(400, {"error": "the request is not JSON"})
        return self.handle(request)

    def _host(self, host: str | None) -> str | None:
        """The Host header if it names this machine (or the address served on), else None."""
        if not host:
            return None
        name = urlsplit(f"http://{host}").hostname
        return host if name in (*LOOPBACK, self.bound_host) else None

    def _refusal(self, header: Header) -> str | None:
        kind = (header("Content-Type") or "").split(";", 1)[0].strip().lower()
        if kind != "application/json":
            return "requests must be JSON (Content-Type: application/json)"
        host = self._host(header("Host"))
        if host is None:
            return "the Host header does not name this machine"
        origin = header("Origin")
        if origin is not None and origin != f"http://{host}":
            return "requests from another site are refused"
        return None

    # -- the protocol ------------------------------------------------------------------------

    def handle(self, request: Any) -> Answer:
        """One ``{action, params}`` request, as decap-server's file-system mode answers it."""
        if not isinstance(request, dict):
            return _json(422, {"error": "a request is an object {action, params}"})
        action = request.get("action")
        params = request.get("params") or {}
        handler = self._actions().get(action) if isinstance(action, str) else None
        if handler is None:
            return _json(422, {"error": f"Unknown action {action}"})
        if not isinstance(params, dict):
            return _json(422, {"error": "'params' must be an object"})
        try:
            with self._lock:
                return _json(200, handler(params))
        except Refused as exc:
            return _json(422, {"error": str(exc)})
        except OSError as exc:
            return _json(500, {"error": f"{type(exc).__name__}: {exc.strerror or exc}"})

    def _actions(self) -> dict[str, Callable[[dict[str, Any]], Any]]:
        return {
            "info": self._info,
            "entriesByFolder": self._entries_by_folder,
            "entriesByFiles": self._entries_by_files,
            "getEntry": self._get_entry,
            "persistEntry": self._persist_entry,
            "getMedia": self._get_media,
            "getMediaFile": self._get_media_file,
            "persistMedia": self._persist_media,
            "deleteFile": self._delete_file,
            "deleteFiles": self._delete_files,
            "getDeployPreview": lambda params: None,
        }

    def _info(self, params: dict[str, Any]) -> Any:
        return {"repo": self.site_dir.name, "publish_modes": ["simple"], "type": "local_fs"}

    def _entries_by_folder(self, params: dict[str, Any]) -> Any:
        folder = self.confine(params.get("folder"), "folder")
        extension = _text(params, "extension")
        depth = params.get("depth")
        if not isinstance(depth, int) or isinstance(depth, bool):
            raise Refused("'depth' must be a whole number")
        found = _listed(folder, extension, min(depth, MAX_DEPTH), self._top(folder))
        return [self._entry(self._relative(path)) for path in found]

    def _entries_by_files(self, params: dict[str, Any]) -> Any:
        files = params.get("files")
        if not isinstance(files, list) or not all(isinstance(item, dict) for item in files):
            raise Refused("'files' must be a list of {path}")
        return [self._entry(_text(item, "path"), item.get("label")) for item in files]

    def _get_entry(self, params: dict[str, Any]) -> Any:
        return self._entry(_text(params, "path"))

    def _entry(self, path: str, label: Any = None) -> dict[str, Any]:
        target = self.confine(path, "entry")
        described: dict[str, Any] = {"path": path}
        if isinstance(label, str):
            described["label"] = label
        try:
            data = target.read_bytes()
        except OSError:
            return {"data": None, "file": {**described, "id": None}}
        return {"data": data.decode("utf-8", "replace"), "file": {**described, "id": _sha256(data)}}

    def _persist_entry(self, params: dict[str, Any]) -> Any:
        entry = params.get("entry")
        files = params.get("dataFiles", [entry] if entry is not None else None)
        assets = params.get("assets", [])
        if not isinstance(files, list) or not files or not all(isinstance(item, dict) for item in files):
            raise Refused("'dataFiles' must be a list of {path, raw}")
        if not isinstance(assets, list) or not all(isinstance(item, dict) for item in assets):
            raise Refused("'assets' must be a list of {path, content, encoding}")
        # every path is checked before anything is written: a refused request changes nothing
        writes = [(self.confine(_text(item, "path"), "entry"), _text(item, "raw").encode()) for item in files]
        moves = [
            (target, self.confine(item["newPath"], "entry"))
            for (target, _), item in zip(writes, files, strict=True)
            if item.get("newPath")
        ]
        writes += [self._asset(item) for item in assets]
        for target, data in writes:
            _write(target, data)
        for source, destination in moves:
            destination.parent.mkdir(parents=True, exist_ok=True)
            os.replace(source, destination)  # the file alone: its neighbours are other stories
        return {"message": "entry persisted"}

    def _get_media(self, params: dict[str, Any]) -> Any:
        folder = self.confine(params.get("mediaFolder"), "folder")
        found = _listed(folder, "", 1, self._top(folder))
        return [self._media(self._relative(path)) for path in found if path.suffix.lower() in PHOTO_SUFFIXES]

    def _get_media_file(self, params: dict[str, Any]) -> Any:
        return self._media(_text(params, "path"))

    def _persist_media(self, params: dict[str, Any]) -> Any:
        asset = params.get("asset")
        if not isinstance(asset, dict):
            raise Refused("'asset' must be {path, content, encoding}")
        target, data = self._asset(asset)
        _write(target, data)
        return self._media(_text(asset, "path"))

    def _delete_file(self, params: dict[str, Any]) -> Any:
        path = _text(params, "path")
        _delete(self.confine(path, "file"))
        return {"message": f"deleted file {path}"}

    def _delete_files(self, params: dict[str, Any]) -> Any:
        paths = params.get("paths")
        if not isinstance(paths, list) or not all(isinstance(path, str) for path in paths):
            raise Refused("'paths' must be a list of paths")
        for target in [self.confine(path, "file") for path in paths]:
            _delete(target)
        return {"message": f"deleted files {', '.join(paths)}"}

    def _asset(self, asset: dict[str, Any]) -> tuple[Path, bytes]:
        target = self.confine(_text(asset, "path"), "media")
        if asset.get("encoding") != "base64":
            raise Refused("an asset's 'encoding' must be base64")
        try:
            return target, base64.b64decode(_text(asset, "content"), validate=True)
        except (binascii.Error, ValueError):
            raise Refused("an asset's 'content' is not base64") from None

    def _media(self, path: str) -> dict[str, Any]:
        target = self.confine(path, "media")
        try:
            data = target.read_bytes()
        except OSError:
            raise Refused(f"no file {path}") from None
        content = base64.b64encode(data).decode("ascii")
        return {"id": _sha256(data), "content": content, "encoding": "base64", "path": path, "name": target.name}

    # -- confinement -------------------------------------------------------------------------

    def confine(self, path: Any, kind: str) -> Path:
        """The file or folder a request's path names, if the backend may touch it.

        ``kind``: ``folder`` (a folder to list), ``entry`` (an article or a profile: ``.md`` in
        content/ or editors/), ``media`` (a photo) or ``file`` (an entry or a photo, to delete)."""
        if not isinstance(path, str) or not path:
            raise Refused("a path must be given as text")
        parts = path.split("/")
        if (
            "\x00" in path
            or "\\" in path
            or path.startswith("/")
            or any(part in ("", ".", "..") or part.startswith(".") for part in parts)
        ):
            raise Refused(f"'{path}' is not a plain path inside the site folder")
        if parts[0] not in FOLDERS:
            raise Refused(f"'{path}' is outside {_OUTSIDE}")
        if os.path.islink(self.site_dir / parts[0]):
            raise Refused(f"{parts[0]}/ is a symbolic link: the build does not follow it")
        _check_kind(path, parts, kind)
        top = self._top(self.site_dir / parts[0])
        target = top.joinpath(*parts[1:])
        if not _resolves_inside(target, top):
            raise Refused(f"'{path}' leads outside {parts[0]}/")
        return target

    def _top(self, path: Path) -> Path:
        """The confining folder (content/, assets/ or editors/) of a path below the site folder, resolved."""
        relative = path.relative_to(self.site_dir) if path.is_absolute() else path
        top = self.site_dir / relative.parts[0]
        with contextlib.suppress(OSError, RuntimeError):
            return top.resolve()
        return top

    def _relative(self, path: Path) -> str:
        """A listed file's path as the CMS names it: from the site folder, with '/'."""
        for folder in FOLDERS:
            top = self._top(self.site_dir / folder)
            if path.is_relative_to(top):
                return "/".join((folder, *path.relative_to(top).parts))
        raise Refused("a listed file is outside the site's folders")  # not reached: listing is confined


def _check_kind(path: str, parts: list[str], kind: str) -> None:
    suffix = os.path.splitext(parts[-1])[1].lower()
    if kind == "entry" and (parts[0] not in ENTRY_FOLDERS or suffix != ".md" or len(parts) < 2):
        raise Refused(f"'{path}' is not an entry: articles are .md files in content/, profiles in editors/")
    if kind == "media" and suffix not in PHOTO_SUFFIXES:
        raise Refused(f"'{path}' is not a photo ({', '.join(PHOTO_SUFFIXES)})")
    if kind == "file" and (
        suffix not in (*PHOTO_SUFFIXES, ".md") or (suffix == ".md" and parts[0] not in ENTRY_FOLDERS)
    ):
        raise Refused(f"'{path}' is neither an article, a profile nor a photo")


def _resolves_inside(target: Path, top: Path) -> bool:
    """Whether ``target`` (or, while it does not exist yet, its nearest existing folder)
    resolves inside ``top``, every link followed."""
    existing = target
    while not os.path.lexists(existing) and existing != top and existing.parent != existing:
        existing = existing.parent
    if existing == top and not os.path.lexists(top):
        return True  # the folder is not made yet (a first profile): it is made in the site folder, no link
    try:
        resolved = existing.resolve(strict=True)
    except (OSError, RuntimeError):  # a dangling link or a loop
        return False
    return resolved.is_relative_to(top)


def _listed(folder: Path, extension: str, depth: int, top: Path) -> list[Path]:
    """Files below ``folder`` whose name ends with ``extension``, ``depth`` levels deep (1: the
    folder's own), hidden names and links that lead outside ``top`` left out; sorted."""
    if depth <= 0:
        return []
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return []
    found: list[Path] = []
    for name in names:
        path = folder / name
        if name.startswith(".") or not _resolves_inside(path, top):
            continue
        if path.is_dir():
            found += _listed(path, extension, depth - 1, top)
        elif path.is_file() and name.endswith(extension):
            found.append(path)
    return found


def _text(params: dict[str, Any], key: str) -> str:
    value = params.get(key)
    if not isinstance(value, str):
        raise Refused(f"'{key}' must be text")
    return value


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _write(target: Path, data: bytes) -> None:
    """Written whole or not at all: the preview's watcher never builds from half a file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".cms-", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.chmod(temporary, 0o644)  # as an editor's own save (mkstemp makes it private)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _delete(target: Path) -> None:
    if target.is_dir():
        raise Refused("a folder is not deleted")
    with contextlib.suppress(FileNotFoundError):
        target.unlink()
