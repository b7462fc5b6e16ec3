"""``sitegen serve``, for real: a server on a free port of 127.0.0.1, pages fetched over HTTP,
files changed on disk, the reload events read from the event stream. No network, bounded
timeouts everywhere, every thread joined and every socket closed."""

from __future__ import annotations

import http.client
import os
import re
import select
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from sitegen.devserver import httpd
from sitegen.devserver import server as serve
from sitegen.devserver.changes import Change, ChangeKind, change_at, classify, relative_folders
from sitegen.devserver.command import exposure_warning
from sitegen.devserver.pages import EVENTS_PATH
from sitegen.devserver.server import DevServer
from sitegen.errors import SitegenError
from tests.conftest import RunCli
from tests.support import REPO, MakeSite, article

TIMEOUT = 10.0  # seconds: the bound of every wait; a healthy run needs a fraction of it
FALAS = "content/2023/falas.md"
BELU = "content/2023/belu.md"
FALAS_URL = "/2023/12/falas/"
SITE_FILES = {
    FALAS: article(title="Bakti Kesehatan di Desa Falas", tags="[Polri]"),
    BELU: article(title="Jumat Curhat di Belu", date="2023-10-20 09:40", tags="[Polri]"),
}


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


def fetch(port: int, path: str, method: str = "GET") -> Reply:
    """One request, sent as written (no normalising of the path, no proxy, no redirects)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
    try:
        connection.request(method, path)
        response = connection.getresponse()
        body = response.read()
        return Reply(response.status, {k.lower(): v for k, v in response.getheaders()}, body)
    finally:
        connection.close()


def raw(port: int, data: bytes) -> bytes:
    """Bytes sent on a bare socket (then the end of what is sent), and whatever comes back
    until the server closes."""
    with socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT) as sock:
        try:
            sock.sendall(data)
            sock.shutdown(socket.SHUT_WR)
        except OSError:  # the server may answer and close before a long request is all sent
            pass
        chunks = []
        try:
            while chunk := sock.recv(65536):
                chunks.append(chunk)
        except ConnectionResetError:
            pass
        return b"".join(chunks)


def status_of(reply: bytes) -> int | None:
    """The status of a raw reply; an HTTP/0.9-style one (no status line) says it in its page."""
    found = re.match(rb"HTTP/1\.[01] (\d{3}) ", reply) or re.search(rb"Error code: (\d{3})", reply)
    return int(found.group(1)) if found else None


class EventStream:
    """A client of ``/__sitegen/events``, as the injected script is."""

    def __init__(self, port: int, page: str | None = None) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
        self.connection.request("GET", EVENTS_PATH + (f"?page={quote(page)}" if page else ""))
        self.response = self.connection.getresponse()
        assert self.response.status == 200
        assert self.response.getheader("Content-Type") == "text/event-stream"

    def next(self) -> tuple[str, str]:
        """The next event: (name, data). Pings and the retry field are skipped."""
        name, data = "message", ""
        while True:
            line = self.response.readline()
            if not line:
                raise EOFError("the event stream ended")
            text = line.decode().rstrip("\n")
            if text == "":
                if data:
                    return name, data
                name = "message"
                continue
            field, _, value = text.partition(":")
            value = value.removeprefix(" ")
            if field == "event":
                name = value
            elif field == "data":
                data = value

    def wait_for(self, name: str, other_than: str) -> str:
        """Events until one called ``name`` for a build other than ``other_than``; its data."""
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            kind, data = self.next()
            if kind == name and data != other_than:
                return data
        raise AssertionError(f"no {name!r} event within {TIMEOUT} s")

    def close(self) -> None:
        self.response.close()
        self.connection.close()


@pytest.fixture
def events() -> Iterator[Callable[..., EventStream]]:
    """``events(port)``: one event per build; ``events(port, page)``: as a page's script
    listens, an event whenever what that page would be served changes."""
    streams: list[EventStream] = []

    def open_stream(port: int, page: str | None = None) -> EventStream:
        streams.append(EventStream(port, page))
        return streams[-1]

    yield open_stream
    for stream in streams:
        stream.close()


@dataclass
class Served:
    server: DevServer
    lines: list[str]

    @property
    def port(self) -> int:
        return self.server.port

    def get(self, path: str, method: str = "GET") -> Reply:
        return fetch(self.server.port, path, method)


StartServer = Callable[..., Served]


@pytest.fixture
def start_server() -> Iterator[StartServer]:
    """``start_server(site, **DevServer options)``: started on a free port, stopped at the end."""
    started: list[DevServer] = []

    def start(site: Path, **options: Any) -> Served:
        lines: list[str] = []
        server = DevServer(site, "127.0.0.1", 0, echo=lambda line, err: lines.append(line), **options)
        server.start()
        started.append(server)
        return Served(server, lines)

    yield start
    for server in started:
        server.stop()


def wait_until(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.01)


def stylesheet(served: Served) -> str:
    """The stylesheet's URL as the home page links it (its name may carry a fingerprint)."""
    found = re.search(r'<link rel="stylesheet" href="([^"]+)"', served.get("/").text)
    assert found, "no stylesheet link on the home page"
    return found.group(1)


def save(site: Path, relative: str, text: str) -> None:
    (site / relative).write_text(text, encoding="utf-8")


# -- serving ---------------------------------------------------------------------------------


def test_serves_the_built_site_with_the_reload_script_and_leaves_public_alone(
    make_site: MakeSite, start_server: StartServer
) -> None:
    site = make_site(files=SITE_FILES)
    served = start_server(site)

    home = served.get("/")
    assert home.status == 200
    assert home.headers["content-type"] == "text/html; charset=utf-8"
    assert "Bakti Kesehatan di Desa Falas" in home.text
    assert home.text.count("new EventSource") == 1
    assert home.text.index("new EventSource") < home.text.rindex("</body>")

    page = served.get(FALAS_URL)
    assert page.status == 200 and "<h1" in page.text and "EventSource" in page.text
    css = served.get(stylesheet(served))
    assert css.status == 200 and css.headers["content-type"].startswith("text/css")
    assert b"EventSource" not in css.body
    assert served.get("/feed.xml").status == 200

    head = served.get(FALAS_URL, "HEAD")
    assert head.status == 200 and head.body == b"" and int(head.headers["content-length"]) == len(page.body)

    # the preview lives in the cache folder; the deployable output is never made, and the files
    # on disk have no script: it is added only on the way out
    assert not (site / "public").exists()
    preview = site / ".sitegen-cache" / "preview"
    assert b"EventSource" not in (preview / "2023/12/falas/index.html").read_bytes()
    assert served.lines[0].startswith("built 2 articles, ")


def test_folder_without_slash_redirects_and_missing_pages_get_the_404_page(
    make_site: MakeSite, start_server: StartServer
) -> None:
    served = start_server(make_site(files=SITE_FILES))
    moved = served.get("/2023/12/falas?x=1")
    assert moved.status == 301 and moved.headers["location"] == "/2023/12/falas/"
    missing = served.get("/2023/12/tidak-ada/")
    assert missing.status == 404
    assert missing.body == served.get("/404.html").body  # the site's own page
    assert "EventSource" in missing.text
    assert "Kembali ke Beranda" in missing.text


def test_site_with_a_base_path_is_served_under_it(make_site: MakeSite, start_server: StartServer) -> None:
    site = make_site({"base_url": "https://polda-ntt.github.io/warta/"}, SITE_FILES)
    served = start_server(site)
    assert served.server.url.endswith("/warta/")
    root = served.get("/")
    assert root.status == 301 and root.headers["location"] == "/warta/"
    home = served.get("/warta/")
    assert home.status == 200 and 'href="/warta/2023/12/falas/"' in home.text
    assert served.get("/warta/2023/12/falas/").status == 200
    assert served.get("/2023/12/falas/").status == 404


def test_drafts_and_future_articles_only_when_asked(make_site: MakeSite, start_server: StartServer) -> None:
    files = {
        **SITE_FILES,
        "content/2023/draf.md": article(title="Draf", draft="true"),
        "content/2099/jadwal.md": article(title="Jadwal", date="2099-01-01 08:00"),
    }
    plain = start_server(make_site(files=files, name="plain"))
    assert plain.get("/2023/12/draf/").status == 404
    assert plain.get("/2099/01/jadwal/").status == 404

    preview = start_server(make_site(files=files, name="preview"), drafts=True, future=True)
    assert preview.get("/2023/12/draf/").status == 200
    assert preview.get("/2099/01/jadwal/").status == 200
    assert not (preview.server.site_dir / "public").exists()


def test_one_server_per_site(make_site: MakeSite, start_server: StartServer) -> None:
    site = make_site(files=SITE_FILES)
    start_server(site)
    with pytest.raises(SitegenError, match="already previewing"):
        DevServer(site, "127.0.0.1", 0, echo=lambda line, err: None).start()


# -- rebuilding ------------------------------------------------------------------------------


def test_a_save_rebuilds_and_the_browser_is_told_to_reload(
    make_site: MakeSite, start_server: StartServer, events: Callable[..., EventStream]
) -> None:
    site = make_site(files=SITE_FILES)
    served = start_server(site)
    stream = events(served.port)
    kind, first = stream.next()  # the build the stream starts at
    assert kind == "reload"
    follower = events(served.port, FALAS_URL)
    _, page_id = follower.next()
    served_page = served.get(FALAS_URL).text
    assert f'"{page_id}"' in served_page  # the page knows what it was served as

    save(site, FALAS, article(title="Judul Baru dari Falas", tags="[Polri]"))
    second = stream.wait_for("reload", other_than=first)
    page = served.get(FALAS_URL)
    assert "Judul Baru dari Falas" in page.text
    changed_id = follower.wait_for("reload", other_than=page_id)
    assert f'"{changed_id}"' in page.text
    assert re.fullmatch(
        rf"{FALAS} changed: rebuilt: \d+ pages changed \(/2023/10/belu/, {FALAS_URL}, [^;]+; "
        r"\d+ files written, \d+ unchanged\) in \d+\.\d\d s",
        served.lines[-1],
    )

    (site / BELU).unlink()
    stream.wait_for("reload", other_than=second)
    assert served.get("/2023/10/belu/").status == 404


def test_a_saved_profile_rebuilds_the_editors_page_and_articles(
    make_site: MakeSite, start_server: StartServer, events: Callable[..., EventStream]
) -> None:
    profile = "editors/sefnat-besie.md"
    site = make_site(files={**SITE_FILES, profile: "---\nname: Sefnat Besie\njabatan: Kanit Binmas\n---\n"})
    served = start_server(site)
    stream = events(served.port)
    _, first = stream.next()
    assert "Kanit Binmas" in served.get("/editor/sefnat-besie/").text
    save(site, profile, "---\nname: Sefnat Besie\njabatan: Kasubbid Penmas\n---\n")
    stream.wait_for("reload", other_than=first)
    assert '<p class="jabatan">Kasubbid Penmas</p>' in served.get("/editor/sefnat-besie/").text
    assert "</a>, Kasubbid Penmas</p>" in served.get(FALAS_URL).text
    assert served.lines[-1].startswith(f"{profile} changed: rebuilt: ")


def test_pages_stay_whole_while_rebuilds_swap_the_preview(
    make_site: MakeSite, start_server: StartServer, events: Callable[..., EventStream]
) -> None:
    site = make_site(files=SITE_FILES)
    served = start_server(site)
    stream = events(served.port)
    _, seen = stream.next()
    replies: list[Reply] = []
    done = threading.Event()

    def reader() -> None:
        while not done.is_set():
            replies.extend(served.get(path) for path in ("/", FALAS_URL))

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        for n in range(3):
            save(site, FALAS, article(title=f"Putaran {n}", tags="[Polri]"))
            seen = stream.wait_for("reload", other_than=seen)
    finally:
        done.set()
        thread.join(TIMEOUT)
    assert replies and not thread.is_alive()
    for reply in replies:
        assert reply.status == 200
        assert reply.text.endswith("</html>\n") and reply.text.count("<html") == 1


def test_a_burst_of_saves_is_one_rebuild_and_temporary_files_are_ignored(
    make_site: MakeSite, start_server: StartServer, events: Callable[..., EventStream]
) -> None:
    site = make_site(files=SITE_FILES)
    served = start_server(site, debounce=0.3)
    stream = events(served.port)
    _, first = stream.next()
    for name in (".falas.md.swp", "falas.md~", "#falas.md#", ".#falas.md", "4913"):
        (site / "content/2023" / name).write_text("sampah", encoding="utf-8")
    for n in range(5):  # an editor that writes in pieces
        save(site, FALAS, article(title=f"Versi {n}", tags="[Polri]"))
    stream.wait_for("reload", other_than=first)
    assert served.server.builds == 2
    assert served.lines[-1].startswith(f"{FALAS} changed: rebuilt")
    assert "Versi 4" in served.get(FALAS_URL).text


def test_a_broken_file_shows_the_overlay_and_fixing_it_clears_it(
    make_site: MakeSite, start_server: StartServer, events: Callable[..., EventStream]
) -> None:
    site = make_site(files=SITE_FILES)
    served = start_server(site)
    stream = events(served.port)
    _, good = stream.next()
    follower = events(served.port, FALAS_URL)
    _, page_id = follower.next()
    css = stylesheet(served)

    save(site, FALAS, article(title="Falas", date="<script>alert(1)</script>"))
    failed = stream.wait_for("failed", other_than=good)
    failed_page = follower.wait_for("failed", other_than=page_id)
    overlay = served.get(FALAS_URL)
    assert overlay.status == 500
    assert "Pembangunan terakhir gagal: 1 kesalahan" in overlay.text
    assert re.search(
        rf"Berkas <code>{re.escape(FALAS)}</code>, baris 3"
        r'<p class="sitegen-pesan">error: .*&lt;script&gt;alert\(1\)&lt;/script&gt;',
        overlay.text,
    )
    assert "<script>alert(1)" not in overlay.text
    assert f'"{failed_page}"' in overlay.text  # the overlay reloads itself too
    assert served.get("/").status == 500  # every page says so, not only the broken one
    assert served.get(css).status == 200  # the last good build still serves the rest
    assert any(line.startswith(f"{FALAS}:3: error: ") for line in served.lines)
    assert served.lines[-1] == f"{FALAS} changed: build failed: 1 error; serving the last good build"

    save(site, FALAS, article(title="Falas Sudah Benar"))
    stream.wait_for("reload", other_than=failed)
    fixed = served.get(FALAS_URL)
    assert fixed.status == 200 and "Falas Sudah Benar" in fixed.text and "sitegen-gagal" not in fixed.text


def test_a_broken_layout_is_named_with_its_line(
    make_site: MakeSite, start_server: StartServer, events: Callable[..., EventStream]
) -> None:
    site = make_site(files=SITE_FILES)
    served = start_server(site)
    stream = events(served.port)
    _, good = stream.next()
    layout = site / "layouts/404.html"
    original = layout.read_text(encoding="utf-8")
    layout.write_text(original + "\n{% if %}\n", encoding="utf-8")
    stream.wait_for("failed", other_than=good)
    assert re.search(
        r'Berkas <code>layouts/404\.html</code>, baris \d+<p class="sitegen-pesan">error: ', served.get("/").text
    )
    layout.write_text(original, encoding="utf-8")
    stream.wait_for("reload", other_than=good)
    assert served.get("/").status == 200


def test_a_first_build_that_fails_still_serves_the_overlay(
    make_site: MakeSite, start_server: StartServer, events: Callable[..., EventStream]
) -> None:
    site = make_site(files={FALAS: article(date="2024-02-30")})
    served = start_server(site)
    reply = served.get("/")
    assert reply.status == 500 and "impossible date" in reply.text
    assert served.get("/assets/style.css").status == 500  # no good build yet: only the overlay
    stream = events(served.port)
    kind, failed = stream.next()
    assert kind == "failed"
    save(site, FALAS, article())
    stream.wait_for("reload", other_than=failed)
    assert served.get(FALAS_URL).status == 200


CONTENT, CONTENT_OTHER, LAYOUT, ASSET, SETTINGS, PROFILE, IGNORED = (
    ChangeKind.CONTENT,
    ChangeKind.CONTENT_OTHER,
    ChangeKind.LAYOUT,
    ChangeKind.ASSET,
    ChangeKind.SETTINGS,
    ChangeKind.PROFILE,
    ChangeKind.IGNORED,
)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("content/2023/a.md", CONTENT),
        ("content/a.md", CONTENT),
        ("site.yaml", SETTINGS),
        ("layouts/base.html", LAYOUT),
        ("layouts/partials/nav.html", LAYOUT),
        ("layouts", LAYOUT),
        ("assets/img/logo.png", ASSET),
        ("assets/style.css", ASSET),
        ("assets", ASSET),
        ("content", CONTENT_OTHER),  # the folder itself: made, removed or renamed
        ("editors/sefnat-besie.md", PROFILE),  # an editor's profile, and its photo
        ("editors/foto/sefnat.jpg", PROFILE),
        ("editors", PROFILE),
        ("editors/.sefnat.md.swp", IGNORED),
        ("editors/sefnat.md~", IGNORED),
        ("content/2023", CONTENT_OTHER),  # a folder of articles
        ("content/2023/foto.jpg", CONTENT_OTHER),
        # editors' temporary files, in every watched folder
        ("content/2023/.a.md.swp", IGNORED),  # vim's swap file
        ("layouts/.base.html.swx", IGNORED),
        ("content/2023/a.md~", IGNORED),  # vim's backup
        ("layouts/base.html~", IGNORED),
        ("content/2023/#a.md#", IGNORED),  # emacs's auto-save
        ("content/2023/.#a.md", IGNORED),  # emacs's lock
        ("content/4913", IGNORED),  # vim's probe of a folder
        ("layouts/4913", IGNORED),
        ("layouts/sed6qXZh4", IGNORED),  # GNU sed -i's temporary file
        ("content/2023/sedAb12Cd", IGNORED),
        ("assets/style.css.tmp", IGNORED),
        ("content/2023/a.md.bak", IGNORED),
        ("assets/foto.jpg.part", IGNORED),
        ("assets/foto.jpg.crdownload", IGNORED),
        ("layouts/sedan.html", LAYOUT),  # not sed's: a name of its own
        ("layouts/sed6qXZh45", LAYOUT),
        # hidden files and folders: the build skips them
        ("content/.git/index", IGNORED),
        ("content/.hidden.md", IGNORED),
        ("content/2023/.draft/a.md", IGNORED),
        ("assets/.DS_Store", IGNORED),
        ("layouts/.cache/base.html", IGNORED),
        # outside the watched folders
        ("README.md", IGNORED),
        ("site.yaml.tmp", IGNORED),
        ("site.yml", IGNORED),
        ("notes/site.yaml", IGNORED),
        ("public/index.html", IGNORED),
        (".sitegen-cache/preview/index.html", IGNORED),
        ("contents/a.md", IGNORED),
        ("", IGNORED),
    ],
)
def test_how_a_change_is_classified(path: str, expected: ChangeKind) -> None:
    assert classify(path) is expected
    assert Change.of(path) == Change(path, expected)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("content/2023/a.md", Change("content/2023/a.md", CONTENT)),
        ("site.yaml", Change("site.yaml", SETTINGS)),
        ("layouts/base.html", Change("layouts/base.html", LAYOUT)),
        ("assets/img/logo.png", Change("assets/img/logo.png", ASSET)),
        ("content", Change("content", CONTENT_OTHER)),
        ("content/2023/.a.md.swp", Change("content/2023/.a.md.swp", IGNORED)),
        ("content/2023/a.md~", Change("content/2023/a.md~", IGNORED)),
        ("content/2023/#a.md#", Change("content/2023/#a.md#", IGNORED)),
        ("content/2023/.#a.md", Change("content/2023/.#a.md", IGNORED)),
        ("content/4913", Change("content/4913", IGNORED)),
        ("content/.git/index", Change("content/.git/index", IGNORED)),
        ("content/cache/x.md", Change("content/cache/x.md", IGNORED)),  # a cache folder someone put inside content/
        ("content/cache", Change("content/cache", IGNORED)),
        ("content/cachet/x.md", Change("content/cachet/x.md", CONTENT)),  # beside it, not in it
        ("public/index.html", Change("public/index.html", IGNORED)),
        (".sitegen-cache/preview/index.html", Change(".sitegen-cache/preview/index.html", IGNORED)),
        ("README.md", Change("README.md", IGNORED)),
        ("site.yaml.tmp", Change("site.yaml.tmp", IGNORED)),
        ("../elsewhere/content/a.md", Change("../elsewhere/content/a.md", IGNORED)),  # outside the site
    ],
)
def test_which_changes_rebuild(tmp_path: Path, path: str, expected: Change) -> None:
    site = tmp_path / "site"
    ignored = [tmp_path / "site/content/cache", tmp_path / "elsewhere"]
    assert change_at(site, str(site / path), relative_folders(site, ignored)) == expected


# -- what may be reached -----------------------------------------------------------------------


SECRET = b"RAHASIA-JANGAN-TERBIT"


@pytest.mark.parametrize(
    "path",
    [
        "/../rahasia.txt",
        "/../../rahasia.txt",
        "/%2e%2e/rahasia.txt",
        "/%2E%2E/%2e%2e/rahasia.txt",
        "/..%2frahasia.txt",
        "/..%2f..%2frahasia.txt",
        "/%2e%2e%2f%2e%2e%2frahasia.txt",
        "/..%5crahasia.txt",
        "/..\\rahasia.txt",
        "/2023/../../rahasia.txt",
        "//etc/passwd",
        "/etc/passwd",
        "/%00",
        "/index.html%00.css",
        "/%c0%ae%c0%ae/rahasia.txt",  # overlong UTF-8 dots
        "/.sitegen-output",
        "/bocor.txt",  # a symbolic link in the preview to a file outside
        "/luar/rahasia.txt",  # a symbolic link in the preview to a folder outside
        "/luar/",
        "ABSOLUTE",  # the secret's own absolute path
    ],
)
def test_nothing_outside_the_built_site_is_served(
    make_site: MakeSite, start_server: StartServer, tmp_path: Path, path: str
) -> None:
    site = make_site(files=SITE_FILES)
    outside = tmp_path / "luar"
    outside.mkdir()
    secrets = [site / "rahasia.txt", site / ".sitegen-cache/rahasia.txt", outside / "rahasia.txt"]
    for secret in secrets:
        secret.parent.mkdir(parents=True, exist_ok=True)
        secret.write_bytes(SECRET)
    served = start_server(site)
    preview = site / ".sitegen-cache/preview"
    (preview / "bocor.txt").symlink_to(outside / "rahasia.txt")
    (preview / "luar").symlink_to(outside, target_is_directory=True)
    if path == "ABSOLUTE":
        path = str(outside / "rahasia.txt")

    reply = served.get(path)
    assert reply.status == 404
    assert SECRET not in reply.body and b"root:" not in reply.body
    assert served.get("/").status == 200


def test_malformed_requests_are_answered_and_the_server_carries_on(
    make_site: MakeSite, start_server: StartServer
) -> None:
    served = start_server(make_site(files=SITE_FILES))
    port = served.port
    many_headers = b"".join(b"X-%d: 1\r\n" % n for n in range(200))
    cases: list[tuple[bytes, set[int | None]]] = [
        (b"GARBAGE\r\n\r\n", {400}),
        (b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + bytes(64), {400}),  # TLS on a plain port
        (b"GET / HTTP/1.1\r\nX-Big: " + b"a" * 200_000 + b"\r\n\r\n", {431, None}),  # may be cut off
        (b"GET /" + b"a" * 100_000 + b" HTTP/1.1\r\n\r\n", {414, None}),
        (b"GET / HTTP/1.1\r\n" + many_headers + b"\r\n", {431}),
        (b"GET / HTTP/9.9\r\n\r\n", {505}),
        (b"GET /\xff\xfe HTTP/1.1\r\n\r\n", {404}),
        (b"POST / HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc", {501}),
        (b"GET http://evil.test/../etc/passwd HTTP/1.1\r\n\r\n", {403}),  # names another host
        (b"", {None}),  # connect, say nothing, leave
    ]
    for request, expected in cases:
        assert status_of(raw(port, request)) in expected, request[:40]
    assert served.get("/").status == 200


def test_a_silent_client_is_dropped_after_the_idle_timeout(
    make_site: MakeSite, start_server: StartServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(httpd.Handler, "timeout", 0.2)
    served = start_server(make_site(files=SITE_FILES))
    with socket.create_connection(("127.0.0.1", served.port), timeout=TIMEOUT) as silent:
        silent.sendall(b"GET / HT")  # and nothing more
        assert silent.recv(1) == b""  # closed by the server, long before this test's timeout
    assert served.get("/").status == 200


def test_many_concurrent_clients(
    make_site: MakeSite, start_server: StartServer, events: Callable[..., EventStream]
) -> None:
    served = start_server(make_site(files=SITE_FILES))
    streams = [events(served.port) for _ in range(5)]  # open browser tabs hold a connection each
    paths = ["/", FALAS_URL, stylesheet(served), "/feed.xml", "/tidak-ada/"] * 10
    with ThreadPoolExecutor(max_workers=50) as pool:
        replies = list(pool.map(served.get, paths))
    assert [r.status for r in replies] == [404 if p == "/tidak-ada/" else 200 for p in paths]
    for stream in streams:
        assert stream.next()[0] == "reload"


def test_stop_ends_idle_connections_and_event_streams(make_site: MakeSite) -> None:
    site = make_site(files=SITE_FILES)
    server = DevServer(site, "127.0.0.1", 0, echo=lambda line, err: None)
    server.start()
    stream = EventStream(server.port)
    silent = socket.create_connection(("127.0.0.1", server.port), timeout=TIMEOUT)
    try:
        assert stream.next()[0] == "reload"
        stopper = threading.Thread(target=server.stop)
        stopper.start()
        stopper.join(TIMEOUT)
        assert not stopper.is_alive(), "stop() hung on an open connection"
        with pytest.raises(EOFError):
            stream.next()
        assert silent.recv(1) == b""
    finally:
        silent.close()
        stream.close()
        server.stop()


# -- the command -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("host", "warns"),
    [
        *[("127.0.0.1", False), ("localhost", False), ("::1", False), ("127.0.0.2", False)],
        *[("0.0.0.0", True), ("::", True), ("", True), ("192.168.1.20", True), ("warta.local", True)],
    ],
)
def test_binding_beyond_this_machine_is_warned_about(host: str, warns: bool) -> None:
    warning = exposure_warning(host)
    assert (warning is not None) == warns
    if warning:
        assert "reachable from other machines" in str(warning)


def test_command_warns_about_the_network_and_stops_on_ctrl_c(
    make_site: MakeSite, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(self: DevServer) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(serve.DevServer, "start", interrupted)  # never binds: no network in tests
    result = run_cli("serve", str(make_site(files=SITE_FILES)), "--host", "0.0.0.0")
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("warning: serving on 0.0.0.0: ")
    assert result.stdout == "stopped\n"


def test_command_needs_a_site_folder(tmp_path: Path, run_cli: RunCli) -> None:
    result = run_cli("serve", str(tmp_path), "--port", "0")
    assert result.exit_code == 1
    assert "no site.yaml in" in result.stderr


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_command_serves_until_ctrl_c(make_site: MakeSite, stop: signal.Signals) -> None:
    site = make_site(files=SITE_FILES)
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    command = [sys.executable, "-m", "sitegen", "serve", str(site), "--port", "0", "--drafts"]
    with subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        try:
            assert process.stdout is not None
            deadline = time.monotonic() + TIMEOUT * 3
            line = b""
            while b"Serving " not in line:
                assert time.monotonic() < deadline, "the server did not start"
                if select.select([process.stdout], [], [], 0.1)[0]:
                    line = process.stdout.readline()
                    assert line, "the server exited"
            found = re.search(rb"on http://127\.0\.0\.1:(\d+)/ \(Ctrl-C to stop\)", line)
            assert found, line
            assert fetch(int(found.group(1)), FALAS_URL).status == 200
            process.send_signal(stop)
            out, err = process.communicate(timeout=TIMEOUT * 3)
        finally:
            if process.poll() is None:
                process.kill()
                process.communicate()
    assert process.returncode == 0, err.decode()
    assert out.decode().endswith("stopped\n")
    assert b"Traceback" not in err
    assert not (site / "public").exists()


def test_an_edit_of_the_words_shows_before_the_full_build_and_reloads_only_its_page(
    make_site: MakeSite, start_server: StartServer, events: Callable[..., EventStream]
) -> None:
    lead = "Kepolisian Resor Timor Tengah Selatan menggelar bakti kesehatan bagi warga desa. " * 4
    site = make_site(files={**SITE_FILES, FALAS: article(f"{lead}\n\nParagraf kedua.", title="Falas", tags="[Polri]")})
    served = start_server(site)
    falas_page, belu_page = events(served.port, FALAS_URL), events(served.port, "/2023/10/belu/")
    _, falas_id = falas_page.next()
    _, belu_id = belu_page.next()

    save(site, FALAS, article(f"{lead}\n\nParagraf kedua, diperbarui.", title="Falas", tags="[Polri]"))
    shown = falas_page.wait_for("reload", other_than=falas_id)
    wait_until(lambda: served.server.builds == 2, "the full build after the quick render")
    assert served.server.quick_renders == 1
    page = served.get(FALAS_URL)
    assert "Paragraf kedua, diperbarui." in page.text
    assert f'"{shown}"' in page.text  # the full build made the same page: no second reload

    # the Belu page does not show the edited words: its stream stayed silent, so the first
    # event it sends now is for Belu's own change
    save(site, BELU, article(title="Jumat Curhat di Belu, Diperbarui", date="2023-10-20 09:40", tags="[Polri]"))
    changed = belu_page.wait_for("reload", other_than=belu_id)
    wait_until(lambda: served.server.builds == 3, "the build of Belu's change")
    assert f'"{changed}"' in served.get("/2023/10/belu/").text


def test_a_retag_is_shown_at_once_and_a_new_article_after_the_build(
    make_site: MakeSite, start_server: StartServer, events: Callable[..., EventStream]
) -> None:
    site = make_site(files=SITE_FILES)
    served = start_server(site)
    follower, builds = events(served.port, FALAS_URL), events(served.port)
    _, page_id = follower.next()
    _, first = builds.next()
    save(site, FALAS, article(title="Bakti Kesehatan di Desa Falas", tags="[Polri, Kesehatan]"))
    shown = follower.wait_for("reload", other_than=page_id)
    built = builds.wait_for("reload", other_than=first)  # the full build after the quick render
    assert served.server.quick_renders == 1
    page = served.get(FALAS_URL)
    assert "/tag/kesehatan/" in page.text and f'"{shown}"' in page.text  # the build's page is the same

    save(site, "content/2023/baru.md", article(title="Berita Baru", date="2023-12-20 08:00", tags="[Polri]"))
    builds.wait_for("reload", other_than=built)
    assert served.server.quick_renders == 1  # a new article moves the others: the full build shows it
    assert served.get("/2023/12/baru/").status == 200


def test_a_save_that_changes_nothing_keeps_the_quick_render_plan(
    make_site: MakeSite, start_server: StartServer, events: Callable[..., EventStream]
) -> None:
    """A build that found nothing changed makes no plan; the quick render keeps the one it
    has (of the same inputs) rather than planning the whole site again after every such save."""
    site = make_site(files=SITE_FILES)
    served = start_server(site)
    plan = served.server._snapshot
    assert plan is not None
    save(site, FALAS, (site / FALAS).read_text(encoding="utf-8"))  # saved again, unchanged
    wait_until(lambda: served.server.builds == 2, "the unchanged build")
    with served.server._build_lock:  # held by that build (counted inside it) until it is done
        assert served.server._snapshot is plan
    follower = events(served.port, FALAS_URL)
    _, page_id = follower.next()
    save(site, FALAS, article(title="Bakti Kesehatan di Desa Falas, Diperbarui", tags="[Polri]"))
    shown = follower.wait_for("reload", other_than=page_id)
    wait_until(lambda: served.server.builds == 3 and served.server._snapshot is not plan, "the edit's build")
    assert served.server.quick_renders == 2  # both saves; the first rendered the same page
    assert f'"{shown}"' in served.get(FALAS_URL).text
