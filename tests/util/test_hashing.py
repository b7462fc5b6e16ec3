"""digest (sitegen/util/hashing.py): a short, stable key of its parts, where every part counts
with its length, so no two different lists of parts share a key by running together."""

from __future__ import annotations

import hashlib

from sitegen.util.hashing import digest


def test_a_digest_is_blake2b_of_each_part_after_its_length() -> None:
    expected = hashlib.blake2b(digest_size=16)
    for part in (b"kunci", "Café".encode()):
        expected.update(len(part).to_bytes(8, "little") + part)
    assert digest(b"kunci", "Café") == expected.hexdigest()
    assert digest() == "cae66941d9efbd404e4d88758ea67670"


def test_text_is_its_utf8_bytes() -> None:
    assert digest("Café") == digest("Café".encode())


def test_parts_never_run_together() -> None:
    keys = {digest("ab"), digest("a", "b"), digest("ab", ""), digest("", "ab"), digest("a", "", "b")}
    assert len(keys) == 5
