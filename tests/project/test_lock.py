"""The suite runs on exactly what the lock pins, and the lock files agree with each other.

`make test` installs requirements/dev.txt with hashes; `make test-latest` deliberately runs on
the newest releases instead and says so with SITEGEN_UNLOCKED=1.
"""

from __future__ import annotations

import os
import re
from importlib import metadata
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.utils import canonicalize_name

from tests.support import REPO

PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^\s;\\]+)\s*(?:;\s*([^\\]+?))?\s*\\?$")


def pins(lock: Path) -> dict[str, str]:
    """name → version of every requirement the lock installs on this machine."""
    found: dict[str, str] = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        match = PIN.match(line)
        if match and (match.group(3) is None or Marker(match.group(3)).evaluate()):
            found[canonicalize_name(match.group(1))] = match.group(2)
    return found


DEV = REPO / "requirements/dev.txt"
PUBLISH = REPO / "requirements/publish.txt"


def test_every_pin_of_the_locks_carries_a_hash() -> None:
    for lock in (DEV, PUBLISH):
        text = lock.read_text(encoding="utf-8")
        blocks = re.split(r"\n(?=\S)", text)
        for block in blocks:
            if PIN.match(block.splitlines()[0]):
                assert "--hash=sha256:" in block, block.splitlines()[0]


def test_what_is_published_is_what_the_suite_ran_with() -> None:
    dev, publish = pins(DEV), pins(PUBLISH)
    assert {"jinja2", "markdown", "nh3", "pagefind", "pillow"} <= publish.keys()
    assert {name: dev.get(name) for name in publish} == publish


@pytest.mark.skipif(bool(os.environ.get("SITEGEN_UNLOCKED")), reason="make test-latest runs without the lock")
def test_the_environment_is_exactly_the_lock() -> None:
    installed = {
        canonicalize_name(dist.metadata["Name"]): dist.version
        for dist in metadata.distributions()
        if canonicalize_name(dist.metadata["Name"]) not in ("pip", "sitegen")
    }
    assert installed == pins(DEV)
