"""Reading a large XML export one record at a time, with the line each record starts on.

Real exports are not always well-formed, so the bytes pass two filters before expat sees them:

- :class:`CleanReader` removes the characters XML 1.0 forbids (a raw ``\\x0b`` pasted into a
  post), counting them. None of them is a newline, so every line number stays the file's own.
- :func:`declare_prefixes` adds the namespace declarations an exporter forgot (old WordPress
  exports use ``excerpt:`` without declaring it) to the root element's start tag.

:func:`records` then parses with a tree builder of its own: every element below a record is
kept until the record ends, handed over with its line, and dropped, so memory holds one
record at a time whatever the size of the export. ``iterparse`` would do the same but cannot
say on which line an element starts; expat can, while its callbacks run. A parse error (a
truncated file) ends the stream with :class:`Broken`: the records before it were handed over.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import xml.parsers.expat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

CHUNK = 1 << 16

# single bytes of the C0 controls XML 1.0 forbids (UTF-8 never uses them inside a character)
_FORBIDDEN_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])

# U+FFFE and U+FFFF, encoded
_NONCHARACTERS = re.compile(b"\xef\xbf[\xbe\xbf]")


class CleanReader:
    """A binary file's bytes without the characters XML 1.0 forbids (UTF-8 input)."""

    def __init__(self, handle: BinaryIO) -> None:
        self.handle = handle
        self.removed = 0
        self.eof = False
        self._tail = b""

    def read(self, size: int = CHUNK) -> bytes:
        """Up to about ``size`` bytes, maybe none (all removed) before ``eof`` is set."""
        raw = self.handle.read(max(size, 3))
        self.eof = not raw
        data = self._tail + raw
        self._tail = b""
        if not self.eof and data.endswith((b"\xef", b"\xef\xbf")):
            # a noncharacter may be split across two reads: keep its start for the next one
            cut = 1 if data.endswith(b"\xef") else 2
            data, self._tail = data[:-cut], data[-cut:]
        cleaned = data.translate(None, _FORBIDDEN_BYTES)
        cleaned, count = _NONCHARACTERS.subn(b"", cleaned)
        self.removed += len(data) - len(cleaned) - 2 * count  # three bytes, one character each
        return cleaned


# the namespaces of the formats read here, by the prefix exports use
KNOWN_NAMESPACES = {
    "excerpt": "http://wordpress.org/export/1.2/excerpt/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "wfw": "http://wellformedweb.org/CommentAPI/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "wp": "http://wordpress.org/export/1.2/",
    "app": "http://purl.org/atom/app#",
    "blogger": "http://schemas.google.com/blogger/2018",
    "georss": "http://www.georss.org/georss",
    "thr": "http://purl.org/syndication/thread/1.0",
    "gd": "http://schemas.google.com/g/2005",
    "openSearch": "http://a9.com/-/spec/opensearchrss/1.0/",
}

_ROOT_START = re.compile(rb"<(?:rss|feed)\b[^>]*>", re.S)

_USED_PREFIX = re.compile(rb"</?([A-Za-z_][\w.-]*):[A-Za-z_]")

_DECLARED = re.compile(rb"xmlns:([A-Za-z_][\w.-]*)\s*=")


def declare_prefixes(head: bytes) -> tuple[bytes, list[str]]:
    """``head`` (the file's start, holding the root's start tag) with a declaration of every
    known prefix the root does not declare (an unused declaration is harmless, and a prefix
    may first appear far into the file), and the missing prefixes ``head`` itself uses."""
    match = _ROOT_START.search(head)
    if match is None:
        return head, []
    declared = {m.decode() for m in _DECLARED.findall(match.group(0))}
    missing = sorted(p for p in KNOWN_NAMESPACES if p not in declared)
    if not missing:
        return head, []
    # a prefix declared where it is used (Blogger's <app:control xmlns:app=…>) was never missing
    used = {m.decode() for m in _USED_PREFIX.findall(head)} - {m.decode() for m in _DECLARED.findall(head)}
    extra = b"".join(f' xmlns:{p}="{KNOWN_NAMESPACES[p]}"'.encode() for p in missing)
    end = match.end() - (2 if match.group(0).endswith(b"/>") else 1)
    return head[:end] + extra + head[end:], [p for p in missing if p in used]


@dataclass
class Record:
    """One record (a WordPress ``<item>``, an Atom ``<entry>``) and where it is in the file."""

    element: ET.Element
    line: int
    lines: dict[str, int] = field(default_factory=dict)  # a child's tag → the line it starts on


@dataclass(frozen=True)
class Broken:
    """Where and why the XML stopped being readable."""

    line: int
    message: str


@dataclass
class StreamInfo:
    removed_characters: int = 0
    declared: list[str] = field(default_factory=list)
    broken: Broken | None = None


class _Builder:
    """Expat's callbacks: builds each record's elements, hands the record over when it ends."""

    def __init__(self, is_record: Callable[[str, int], bool], parser: xml.parsers.expat.XMLParserType) -> None:
        self.is_record = is_record
        self.parser = parser
        self.stack: list[ET.Element | None] = []  # None: an element outside any record
        self.record: Record | None = None
        self.done: list[Record] = []
        self.text: list[str] = []
        parser.StartElementHandler = self.start
        parser.EndElementHandler = self.end
        parser.CharacterDataHandler = self.data

    def start(self, name: str, attrs: dict[str, str]) -> None:
        self._flush()
        tag = _clark(name)
        line = int(self.parser.CurrentLineNumber)
        if self.record is None and self.is_record(tag, len(self.stack)):
            element = ET.Element(tag, {_clark(k): v for k, v in attrs.items()})
            self.record = Record(element, line)
            self.stack.append(element)
            return
        parent = self.stack[-1] if self.stack else None
        if self.record is None or parent is None:
            self.stack.append(None)
            return
        element = ET.SubElement(parent, tag, {_clark(k): v for k, v in attrs.items()})
        self.record.lines.setdefault(tag, line)
        self.stack.append(element)

    def end(self, name: str) -> None:
        self._flush()
        element = self.stack.pop()
        if self.record is not None and element is self.record.element:
            self.done.append(self.record)
            self.record = None

    def data(self, text: str) -> None:
        if self.record is not None:
            self.text.append(text)

    def _flush(self) -> None:
        if not self.text:
            return
        element = self.stack[-1] if self.stack else None
        if element is not None:
            if len(element):
                last = element[-1]
                last.tail = (last.tail or "") + "".join(self.text)
            else:
                element.text = (element.text or "") + "".join(self.text)
        self.text = []

    def drain(self) -> list[Record]:
        done, self.done = self.done, []
        return done


def _clark(name: str) -> str:
    """Expat's ``uri}local`` as ElementTree writes it: ``{uri}local``."""
    return "{" + name if "}" in name else name


def records(handle: BinaryIO, is_record: Callable[[str, int], bool], info: StreamInfo) -> Iterator[Record]:
    """The records of the XML in ``handle``, in order; ``is_record(tag, depth)`` names them.
    ``info`` tells, once the stream is exhausted, what was cleaned and where it broke."""
    reader = CleanReader(handle)
    parser = xml.parsers.expat.ParserCreate(namespace_separator="}")
    builder = _Builder(is_record, parser)
    head = reader.read(CHUNK)
    head, info.declared = declare_prefixes(head)
    chunk = head
    try:
        while True:
            parser.Parse(chunk, False)
            yield from builder.drain()
            if reader.eof:
                break
            chunk = reader.read(CHUNK)
        parser.Parse(b"", True)
        yield from builder.drain()
    except xml.parsers.expat.ExpatError as exc:
        yield from builder.drain()
        info.broken = Broken(exc.lineno, _describe(xml.parsers.expat.errors.messages[exc.code]))
    info.removed_characters = reader.removed


def _describe(reason: str) -> str:
    if reason in ("no element found", "unclosed token"):
        return f"the export ends in the middle ({reason}): is the file truncated? What came before it was imported"
    return f"the XML is broken here ({reason}): what came before it was imported, nothing after it"
