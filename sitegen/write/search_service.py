"""Talking to Pagefind's indexing service (``pagefind --service``): the records in, the bundle out.

This is the protocol of Pagefind's own Python API (``pagefind.index.PagefindIndex``): each
request is JSON in base64 followed by a comma on the binary's stdin, each answer the same on
its stdout, matched by ``message_id``. The API itself is not used: it reads one answer every
0.1 s (a sleep in its polling loop), far too slow for thousands of records. Here every request
is written by one thread while another reads the answers as they come (neither pipe can
fill up and stall the other), and the bundle is asked for once every record is in.

The service handles requests one at a time, in order, and exits at the end of its input: stdin
is closed only once the last answer is read.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import subprocess
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from sitegen.write.search_records import Record

WINDOW = 16  # requests in flight


class ServiceFailed(Exception):
    """Pagefind could not make the index: the message says why."""


def make_index(
    binary: Path, records: Iterable[Record], language: str, folder: Path, timeout: float
) -> dict[str, bytes]:
    """Index the records; the bundle's files (path in the bundle -> bytes). The binary runs in
    ``folder`` with no ``PAGEFIND_*`` variables, so no configuration file or setting of the
    machine reaches it. The files come in its answer, not on disk: the service writes files
    in the background and may answer before they are complete."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("PAGEFIND_")}
    try:
        process = subprocess.Popen(
            [str(binary), "--service"],
            cwd=folder,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
    except OSError as exc:
        raise ServiceFailed(f"Pagefind could not be run ({exc})") from None
    session = _Session(process)
    try:
        session.run(records, language, timeout)
        return session.files
    finally:
        session.close()


class _Session:
    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self.process = process
        self.sent = 0  # requests written
        self.total: int | None = None  # known once every request is written
        self.answered = 0
        self.problem: str | None = None
        self.done = threading.Event()
        # requests written but not yet answered, at most WINDOW: the records are made as they
        # are sent, so neither this process nor the service holds the whole site's at once
        self.window = threading.BoundedSemaphore(WINDOW)
        self.files: dict[str, bytes] = {}
        self.writer: threading.Thread | None = None
        self.reader: threading.Thread | None = None

    def run(self, records: Iterable[Record], language: str, timeout: float) -> None:
        config = {"force_language": language, "keep_index_url": False}
        requests = [{"type": "NewIndex", "config": config}]
        self.writer = threading.Thread(target=self._write, args=(requests, records), daemon=True)
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.writer.start()
        self.reader.start()
        if not self.done.wait(timeout):
            raise ServiceFailed(f"Pagefind ran longer than {timeout:g} s")
        if self.problem is not None:
            raise ServiceFailed(self.problem)

    def _write(self, first: list[dict[str, Any]], records: Iterable[Record]) -> None:
        stdin = self.process.stdin
        assert stdin is not None
        try:
            for payload in first:
                self._send(stdin, payload)
            for record in records:
                self._send(stdin, {"type": "AddFile", "index_id": 0, "url": record.url, "file_contents": record.html})
            self._send(stdin, {"type": "GetFiles", "index_id": 0})
            stdin.flush()
        except (BrokenPipeError, OSError):
            return  # the binary is gone: the reader says why
        self.total = self.sent
        if self.answered >= self.sent:
            self.done.set()

    def _send(self, stdin: IO[bytes], payload: dict[str, Any]) -> None:
        if not self.window.acquire(blocking=False):
            stdin.flush()  # what is written reaches the service, which answers, which opens the window
            while not self.window.acquire(timeout=0.5):
                if self.done.is_set():  # the reader gave up: so does the writer
                    raise BrokenPipeError
        self.sent += 1
        message = json.dumps({"message_id": self.sent, "payload": payload}, ensure_ascii=False)
        stdin.write(base64.b64encode(message.encode()) + b",")

    def _read(self) -> None:
        stdout = self.process.stdout
        assert stdout is not None
        pending: list[bytes] = []  # the start of an answer (the last one, the bundle, is large)
        while True:
            chunk = os.read(stdout.fileno(), 1 << 20)
            if not chunk:
                self._ended()
                return
            if b"," not in chunk:
                pending.append(chunk)
                continue
            first, *messages = chunk.split(b",")
            pending.append(first)
            messages.insert(0, b"".join(pending))
            pending = [messages.pop()]
            for message in messages:
                if not self._answer(message):
                    self.done.set()
                    return
            if self.done.is_set():
                return  # every answer is in

    def _answer(self, message: bytes) -> bool:
        """Note one answer; False when it is an error (``problem`` then says which)."""
        try:
            answer = json.loads(base64.b64decode(message))
            payload = answer["payload"]
        except (ValueError, KeyError, TypeError):
            self.problem = "Pagefind answered something that is not its protocol"
            return False
        if payload.get("type") == "Error":
            self.problem = f"Pagefind failed: {payload.get('message', 'no reason given')}"
            return False
        if payload.get("type") == "GetFiles":
            try:
                self.files = {str(f["path"]): base64.b64decode(f["content"]) for f in payload["files"]}
            except (ValueError, KeyError, TypeError):
                self.problem = "Pagefind answered something that is not its protocol"
                return False
        self.answered += 1
        self.window.release()
        if self.total is not None and self.answered >= self.total:
            self.done.set()
        return True

    def _ended(self) -> None:
        """The binary closed its output: it exited, having answered or not."""
        if self.total is not None and self.answered >= self.total:
            self.done.set()
            return
        status = self.process.wait()
        stderr = self.process.stderr.read() if self.process.stderr is not None else b""
        said = stderr.decode(errors="replace").strip().splitlines()
        reason = f": {said[0].removeprefix('Error: ').strip()}" if said else ""
        self.problem = f"Pagefind failed with status {status}{reason}"
        self.done.set()

    def close(self) -> None:
        """Stop the binary and both threads, then close the pipes: never while a thread may
        still use one (a closed descriptor's number is soon another file's)."""
        process = self.process
        if not self.done.is_set() or self.problem is not None:
            process.kill()
        if self.writer is not None:
            self.writer.join(5)
        if process.stdin is not None:
            with contextlib.suppress(OSError):
                process.stdin.close()  # the service exits at the end of its input
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if self.reader is not None:
            self.reader.join(5)
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()
