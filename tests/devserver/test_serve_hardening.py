"""``sitegen serve`` against a hostile browser page or client: the Host rule (DNS rebinding)
and the connection limits (slow clients, silent clients, event streams). Only 127.0.0.1,
ephemeral ports, short limits set through the server's own settings, bounded waits."""

from __future__ import annotations

import select
import socket
import time
from collections.abc import Callable

import pytest

from sitegen.devserver import httpd
from sitegen.devserver.hosts import host_allowed
from sitegen.devserver.pages import EVENTS_PATH
from tests.devserver.test_serve import FALAS_URL, SITE_FILES, TIMEOUT, Served, fetch, raw, status_of
from tests.support import MakeSite, article

StartServer = Callable[..., Served]

SITE_BYTES = (b"<html", b"<!doctype", b"Falas", b"Belu", b"Draf", b"EventSource", b"<body")


def request(target: str = "/", *headers: str, method: str = "GET", version: str = "HTTP/1.1") -> bytes:
    lines = [f"{method} {target} {version}", *headers, "", ""]
    return "\r\n".join(lines).encode("latin-1")


def assert_refused(reply: bytes, status: int, what: str) -> None:
    assert status_of(reply) == status, (what, reply[:200])
    for site_byte in SITE_BYTES:
        assert site_byte not in reply, (what, site_byte, reply[:200])


# -- the Host rule ---------------------------------------------------------------------------

REFUSED_HOSTS = [
    "attacker.example",
    "attacker.example:{port}",
    "ATTACKER.EXAMPLE:{port}",
    "localhost.",  # a trailing dot: another name to a resolver, and to the rule
    "localhost.:{port}",
    "127.0.0.1.:{port}",
    "localhost.attacker.example:{port}",
    "attacker.localhost:{port}",
    "127.0.0.1@attacker.example",  # userinfo-like values
    "attacker.example@127.0.0.1:{port}",
    "localhost:{port}@attacker.example",
    "user:pass@localhost:{port}",
    "127.0.0.1:{port} attacker.example",
    "127.0.0.1,attacker.example",
    "localhost:",
    "localhost:http",
    "127.0.0.1:{port}:{port}",
    "127.1:{port}",  # forms some resolvers read as 127.0.0.1
    "2130706433:{port}",
    "0x7f.0.0.1:{port}",
    "127.000.000.001:{port}",
    "::1",  # an IPv6 address needs its brackets
    "[::1",
    "[::1]x",
    "[fe80::1%25eth0]:{port}",
    "%6cocalhost:{port}",
    "",
]


def test_a_request_for_another_host_is_refused_without_a_site_byte(
    make_site: MakeSite, start_server: StartServer
) -> None:
    draft = {"content/2023/draf.md": article(title="Draf Rahasia", draft="true")}
    served = start_server(make_site(files={**SITE_FILES, **draft}), drafts=True)
    draft_url = "/2023/12/draf/"
    assert b"Draf Rahasia" in served.get(draft_url).body
    for host in REFUSED_HOSTS:
        value = host.format(port=served.port)
        for target in ("/", FALAS_URL, draft_url, "/feed.xml", EVENTS_PATH, "/tidak-ada/"):
            for method in ("GET", "HEAD"):
                reply = raw(served.port, request(target, f"Host: {value}", method=method))
                assert_refused(reply, 403, f"{method} {target} Host: {value}")
        assert b"text/plain" in raw(served.port, request("/", f"Host: {value}"))
    assert served.get("/").status == 200


ALLOWED_HOSTS = [
    "127.0.0.1:{port}",
    "127.0.0.1",
    "localhost:{port}",
    "localhost",
    "LOCALHOST:{port}",  # host names are not case-sensitive
    "LocalHost",
    "[::1]:{port}",
    "[::1]",
    "[0:0:0:0:0:0:0:1]:{port}",
    "127.0.0.2:{port}",  # the whole of 127.0.0.0/8 is this machine
    " localhost:{port} ",
]


def test_the_names_of_this_machine_are_answered(make_site: MakeSite, start_server: StartServer) -> None:
    served = start_server(make_site(files=SITE_FILES))
    for host in ALLOWED_HOSTS:
        reply = raw(served.port, request("/", f"Host: {host.format(port=served.port)}"))
        assert status_of(reply) == 200, host
        assert b"EventSource" in reply
    for version in ("HTTP/1.0", "HTTP/1.1"):
        # a browser always sends Host: a request without it was written by a client that
        # reached the port itself, and could as well have named 127.0.0.1
        assert status_of(raw(served.port, request("/", version=version))) == 200


TWO_HOSTS = [
    ("127.0.0.1", "attacker.example"),
    ("attacker.example", "127.0.0.1"),
    ("127.0.0.1", "127.0.0.1"),
    ("localhost", "LOCALHOST"),
]

ABSOLUTE_TARGETS = [
    "http://attacker.example/",
    "http://attacker.example:{port}/",
    "HTTP://ATTACKER.EXAMPLE/",
    "http://127.0.0.1@attacker.example/",
    "http://attacker.example@127.0.0.1:{port}/",
    "https://attacker.example/index.html",
    "http://attacker.example" + EVENTS_PATH,
]


def test_two_host_headers_or_an_absolute_uri_for_another_host_are_refused(
    make_site: MakeSite, start_server: StartServer
) -> None:
    served = start_server(make_site(files=SITE_FILES))
    for hosts in TWO_HOSTS:
        for target in ("/", EVENTS_PATH):
            reply = raw(served.port, request(target, *(f"Host: {host}" for host in hosts)))
            assert_refused(reply, 400, f"{target} {hosts}")
    for absolute in ABSOLUTE_TARGETS:
        target = absolute.format(port=served.port)
        for headers in ((), (f"Host: 127.0.0.1:{served.port}",)):
            assert_refused(raw(served.port, request(target, *headers)), 403, f"{target} {headers}")
    assert served.get("/").status == 200


# -- connection limits -----------------------------------------------------------------------


def closed_by_server(sock: socket.socket) -> bool:
    """True once the server closed the connection (whatever it said before closing)."""
    try:
        if not select.select([sock], [], [], 0)[0]:
            return False
        while sock.recv(65536):
            pass
        return True
    except OSError:
        return True


def test_headers_sent_a_byte_at_a_time_are_cut_off_by_the_request_deadline(
    make_site: MakeSite, start_server: StartServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(httpd.Handler, "timeout", 2.0)  # longer than the pause between bytes
    monkeypatch.setattr(httpd, "HEADER_TIMEOUT", 0.5, raising=False)
    served = start_server(make_site(files=SITE_FILES))
    trickle = request("/", "Host: 127.0.0.1", *(f"X-{n}: {'a' * 20}" for n in range(20)))[:-2]
    with socket.create_connection(("127.0.0.1", served.port), timeout=TIMEOUT) as slow:
        for byte in trickle[:60]:
            if closed_by_server(slow):
                break
            try:
                slow.sendall(bytes([byte]))
            except OSError:
                break
            time.sleep(0.1)
        else:
            pytest.fail("the server still waits for the headers after 6 s of one byte every 0.1 s")
    assert served.get("/").status == 200


def test_silent_connections_lose_their_slots_at_the_request_deadline(
    make_site: MakeSite, start_server: StartServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(httpd, "MAX_CONNECTIONS", 6)
    monkeypatch.setattr(httpd.Handler, "timeout", 60.0)
    monkeypatch.setattr(httpd, "HEADER_TIMEOUT", 0.5, raising=False)
    served = start_server(make_site(files=SITE_FILES))
    silent = [socket.create_connection(("127.0.0.1", served.port), timeout=TIMEOUT) for _ in range(6)]
    try:
        status = None
        deadline = time.monotonic() + 5.0
        while status != 200 and time.monotonic() < deadline:
            status = served.get("/").status
            time.sleep(0.05)
        assert status == 200, "connections that never spoke still hold every slot"
        for sock in silent:
            assert sock.recv(1) == b""
    finally:
        for sock in silent:
            sock.close()


def open_events(port: int) -> tuple[socket.socket, int | None]:
    """An event-stream request on a bare socket, and its status once the headers are in."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT)
    sock.sendall(request(EVENTS_PATH, f"Host: 127.0.0.1:{port}"))
    head = b""
    while b"\r\n\r\n" not in head:
        chunk = sock.recv(4096)
        if not chunk:
            break
        head += chunk
    return sock, status_of(head)


def test_event_streams_cannot_take_the_slots_of_pages(
    make_site: MakeSite, start_server: StartServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(httpd, "MAX_CONNECTIONS", 8)
    monkeypatch.setattr(httpd, "MAX_EVENT_STREAMS", 2, raising=False)
    served = start_server(make_site(files=SITE_FILES))
    streams = [open_events(served.port) for _ in range(8)]
    try:
        statuses = [status for _, status in streams]
        assert statuses.count(200) == 2, statuses
        assert statuses.count(503) == 6, statuses
        for _ in range(3):
            assert served.get("/").status == 200
    finally:
        for sock, _ in streams:
            sock.close()


def test_an_event_stream_frees_its_slot_as_soon_as_its_client_leaves(
    make_site: MakeSite, start_server: StartServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(httpd, "MAX_CONNECTIONS", 4)
    monkeypatch.setattr(httpd, "MAX_EVENT_STREAMS", 4, raising=False)
    monkeypatch.setattr(httpd, "KEEPALIVE", 60.0)  # no ping finds the closed ones
    served = start_server(make_site(files=SITE_FILES))
    for _ in range(3):  # open every slot, leave, open them again: nothing is held over
        streams: list[socket.socket] = []
        deadline = time.monotonic() + 5.0
        while len(streams) < 4 and time.monotonic() < deadline:
            sock, status = open_events(served.port)
            if status == 200:
                streams.append(sock)
            else:
                sock.close()
                time.sleep(0.05)
        for sock in streams:
            sock.close()
        assert len(streams) == 4, "the slots of closed event streams were not freed"
    reply = fetch(served.port, "/")
    deadline = time.monotonic() + 5.0
    while reply.status == 503 and time.monotonic() < deadline:
        time.sleep(0.05)
        reply = fetch(served.port, "/")
    assert reply.status == 200


def test_an_event_stream_outlives_the_request_deadline(
    make_site: MakeSite, start_server: StartServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The deadline is for the request; the answer (a stream, a big file) is not hurried."""
    monkeypatch.setattr(httpd, "HEADER_TIMEOUT", 0.3)
    monkeypatch.setattr(httpd, "KEEPALIVE", 0.2)
    served = start_server(make_site(files=SITE_FILES))
    sock, status = open_events(served.port)
    with sock:
        assert status == 200
        received = b""
        deadline = time.monotonic() + 5.0
        while received.count(b": ping") < 4 and time.monotonic() < deadline:
            received += sock.recv(4096)
        assert received.count(b": ping") >= 4, received


# -- the rule itself, for every --host ---------------------------------------------------------


@pytest.mark.parametrize(
    ("bound", "allowed", "refused"),
    [
        ("127.0.0.1", ["localhost:8000", "127.0.0.1", "[::1]:8000", "127.8.9.10"], ["192.168.1.20", "warta.local"]),
        ("::1", ["[::1]:8000", "localhost", "127.0.0.1:8000"], ["[fe80::1]:8000", "::1"]),
        ("localhost", ["localhost:8000", "127.0.0.1:8000"], ["localhost.", "a.localhost"]),
        ("192.168.1.20", ["192.168.1.20:8000", "192.168.1.20", "localhost"], ["192.168.1.21", "warta.local"]),
        ("warta.local", ["warta.local:8000", "WARTA.local", "127.0.0.1"], ["warta.local.", "x.warta.local"]),
        ("fe80::1", ["[fe80::1]:8000", "[FE80:0::1]", "[::1]"], ["[fe80::2]:8000", "fe80::1"]),
        ("[fe80::1]", ["[fe80::1]:8000"], ["[fe80::2]"]),
        # bound to every address: any address written as digits, never a name
        ("0.0.0.0", ["192.168.1.20:8000", "[fe80::1]", "localhost"], ["warta.local:8000", "attacker.example"]),
        ("::", ["10.0.0.7", "[2001:db8::1]:8000"], ["warta.local", "attacker.example:8000"]),
        ("", ["10.0.0.7:8000"], ["warta.local"]),
    ],
)
def test_which_hosts_a_server_bound_to_an_address_answers(bound: str, allowed: list[str], refused: list[str]) -> None:
    for host in allowed:
        assert host_allowed(host, bound), (bound, host)
    for host in [*refused, *(host.format(port=8000) for host in REFUSED_HOSTS)]:
        assert not host_allowed(host, bound), (bound, host)
