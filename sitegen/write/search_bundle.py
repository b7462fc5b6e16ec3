"""Pagefind's bundle made the same bytes for the same records: its filter files put in order.

Pagefind (1.5) keeps filters in hash maps seeded anew by every run, so the values inside a
filter file (``filter/*.pf_filter``) and the filters listed in the index's metadata
(``pagefind.*.pf_meta``) come out in a different order each time, and with them the files'
hashed names and the entry file that names the metadata. Everything else of the bundle is
already the same from run to run. This puts the values of each filter in order (by value) and
the filters in order (by name), then names the files as Pagefind names them: the language, and
the start of the SHA-1 of the uncompressed data, written in hex without leading zeros per byte.

The files are gzip over ``pagefind_dcd`` and CBOR (minicbor's: definite lengths, shortest
heads). The small codec here reads exactly what it writes back: a file it cannot read so is
refused (``BundleUnknown``) rather than rewritten.
"""

from __future__ import annotations

import gzip
import hashlib
import struct
from typing import Any

SIGNATURE = b"pagefind_dcd"

ENTRY = "pagefind-entry.json"


class BundleUnknown(Exception):
    """The bundle is not laid out as this module knows it (another Pagefind version)."""


def put_in_order(files: dict[str, bytes], language: str) -> dict[str, bytes]:
    """The bundle (path in it -> bytes) with its filter files and metadata in a fixed order."""
    metas = sorted(name for name in files if name.startswith("pagefind.") and name.endswith(".pf_meta"))
    if len(metas) != 1 or ENTRY not in files:
        raise BundleUnknown(f"{len(metas)} metadata files")
    ordered = dict(files)
    meta = _load(metas[0], ordered.pop(metas[0]))
    if not (isinstance(meta, list) and len(meta) > 3 and isinstance(meta[3], list)):
        raise BundleUnknown("the metadata has no filter list")
    filters = _filters(meta[3], ordered)
    renamed = _write_in_order(filters, ordered, language)
    meta[3] = [[name, renamed[name]] for name in sorted(filters)]
    encoded = encode(meta)
    meta_name = f"{language}_{_sha1(encoded)[: len(language) + 8]}"
    old_name = metas[0].removeprefix("pagefind.").removesuffix(".pf_meta")
    ordered[f"pagefind.{meta_name}.pf_meta"] = _stored(encoded)
    text = files[ENTRY].decode()
    if f'"{old_name}"' not in text:
        raise BundleUnknown(f"{ENTRY} does not name the metadata")
    ordered[ENTRY] = text.replace(f'"{old_name}"', f'"{meta_name}"').encode()
    return ordered


def _filters(listed: list[Any], files: dict[str, bytes]) -> dict[str, list[Any]]:
    """Each filter the metadata lists, by name: its file read and taken out of ``files``."""
    filters = {}
    for name, old in listed:
        path = f"filter/{old}.pf_filter"
        if path not in files:
            raise BundleUnknown(f"no file for filter {name!r}")
        data = _load(path, files.pop(path))
        if not (isinstance(data, list) and len(data) == 2 and isinstance(data[1], list)):
            raise BundleUnknown(f"filter {name!r} is not a value list")
        filters[str(name)] = data
    return filters


def _write_in_order(filters: dict[str, list[Any]], files: dict[str, bytes], language: str) -> dict[str, str]:
    """Each filter's values sorted and its file put back into ``files`` under its new name;
    the new names, by filter."""
    renamed: dict[str, str] = {}
    for name in sorted(filters):
        data = filters[name]
        data[1].sort(key=lambda value: str(value[0]))
        encoded = encode(data)
        new = _short_name(language, encoded, len(language) + 8, set(renamed.values()))
        files[f"filter/{new}.pf_filter"] = _stored(encoded)
        renamed[name] = new
    return renamed


def _short_name(language: str, data: bytes, length: int, taken: set[str]) -> str:
    """Pagefind's name for a file: as short as it can be without meeting another's."""
    full = f"{language}_{_sha1(data)}"
    name = full[:length]
    while name in taken and len(name) < len(full):
        name = full[: len(name) + 1]
    return name


def _sha1(data: bytes) -> str:
    return "".join(format(byte, "x") for byte in hashlib.sha1(data).digest())


def _load(name: str, stored: bytes) -> Any:
    try:
        data = gzip.decompress(stored)
    except (OSError, EOFError) as exc:
        raise BundleUnknown(f"{name} is not gzip ({exc})") from None
    if not data.startswith(SIGNATURE):
        raise BundleUnknown(f"{name} lacks Pagefind's signature")
    body = data[len(SIGNATURE) :]
    value, end = decode(body)
    if end != len(body) or encode(value) != body:
        raise BundleUnknown(f"{name} is CBOR this module cannot write back exactly")
    return value


def _stored(encoded: bytes) -> bytes:
    return gzip.compress(SIGNATURE + encoded, compresslevel=9, mtime=0)


def decode(data: bytes, at: int = 0) -> tuple[Any, int]:
    """One CBOR item (unsigned and negative integers, byte and text strings, arrays) and where it ends."""
    if at >= len(data):
        raise BundleUnknown("CBOR ends early")
    major, info = data[at] >> 5, data[at] & 31
    at += 1
    if info < 24:
        count = info
    elif info <= 27:
        width = 1 << (info - 24)
        if at + width > len(data):
            raise BundleUnknown("CBOR ends early")
        count = int.from_bytes(data[at : at + width], "big")
        at += width
    else:
        raise BundleUnknown(f"CBOR head {data[at - 1]:#x} is not read here")
    if major == 0:
        return count, at
    if major == 1:
        return -1 - count, at
    if major in (2, 3):
        raw = data[at : at + count]
        if len(raw) != count:
            raise BundleUnknown("CBOR ends early")
        return (raw if major == 2 else raw.decode()), at + count
    if major == 4:
        items = []
        for _ in range(count):
            item, at = decode(data, at)
            items.append(item)
        return items, at
    raise BundleUnknown(f"CBOR type {major} is not read here")


def encode(value: Any) -> bytes:
    if isinstance(value, bool):
        raise BundleUnknown("CBOR booleans are not written here")
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode()
        return _head(3, len(raw)) + raw
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(encode(item) for item in value)
    raise BundleUnknown(f"CBOR of {type(value).__name__} is not written here")


def _head(major: int, count: int) -> bytes:
    if count < 24:
        return bytes([major << 5 | count])
    for info, fmt in ((24, ">B"), (25, ">H"), (26, ">I"), (27, ">Q")):
        if count < 1 << (8 << (info - 24)):
            return bytes([major << 5 | info]) + struct.pack(fmt, count)
    raise BundleUnknown("a CBOR count too large")
