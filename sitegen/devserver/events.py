"""The live-reload event stream of one browser tab (server-sent events).

A stream holds its connection until the client leaves or the server stops, and not a moment
longer: its thread waits on the client's socket and on a wake-up socket that the preview
writes to when what is served changes (or the preview stops). A closed tab makes its socket
readable (end of file), so its connection is freed at once, not at the next ping. The pings,
every ``keepalive`` seconds, remain for clients that vanished without closing (a network gone).

The connection carries one request, so a client that sends anything more is treated as one
that left: the stream ends and nothing it sent is read.
"""

from __future__ import annotations

import contextlib
import selectors
import socket
from collections.abc import Callable

from sitegen.devserver.preview import Preview, PreviewState

Write = Callable[[bytes], object]


def stream_events(
    preview: Preview, connection: socket.socket, write: Write, page: str | None, keepalive: float
) -> None:
    """Events on ``write`` until the client leaves or the preview stops.

    With ``page`` (as the injected script asks), the events follow that page: one is sent
    when what it would be served changes (``moved``, with its new path, when its article
    moved); without, one per new build."""
    wake, waker = socket.socketpair()
    with wake, waker, selectors.DefaultSelector() as selector:
        wake.setblocking(False)
        waker.setblocking(False)
        selector.register(connection, selectors.EVENT_READ)
        selector.register(wake, selectors.EVENT_READ)

        def tell() -> None:  # called under the preview's lock: must not block
            with contextlib.suppress(OSError):  # a full buffer already says "look again"
                waker.send(b"\0")

        preview.listen(tell)
        try:
            _follow(preview, selector, connection, wake, write, page, keepalive)
        finally:
            preview.unlisten(tell)


def _follow(
    preview: Preview,
    selector: selectors.BaseSelector,
    connection: socket.socket,
    wake: socket.socket,
    write: Write,
    page: str | None,
    keepalive: float,
) -> None:
    seen: int | None = None
    sent: str | None = None
    while True:
        # listening began before this first look: a change made after it wakes the select
        state = preview.current()
        if state is None:
            return
        if state.generation != seen:
            seen = state.generation
            kind, current = _event(preview, state, page)
            if current != sent:
                write(f"event: {kind}\ndata: {current}\n\n".encode())
                sent = current
        ready = [key.fileobj for key, _ in selector.select(keepalive)]
        if connection in ready:
            return
        if wake in ready:
            _drain(wake)
        else:
            write(b": ping\n\n")


def _event(preview: Preview, state: PreviewState, page: str | None) -> tuple[str, str]:
    """The event telling a stream what is served now: its kind and data."""
    if page is None:
        return ("reload" if state.ok else "failed"), preview.build_id(state)
    moved = preview.moved_to(state, page)
    if moved is not None:
        return "moved", moved
    return ("reload" if state.ok else "failed"), preview.id_of_path(state, page)


def _drain(wake: socket.socket) -> None:
    with contextlib.suppress(BlockingIOError):
        while wake.recv(4096):
            pass
