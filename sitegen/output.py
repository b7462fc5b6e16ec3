"""Writing the site: into a folder beside the output, swapped in only when all is written.

A failed, crashed or interrupted build leaves the previous output exactly as it was. The
output folder is guarded: sitegen only replaces a folder it made itself (it leaves a
marker file in it) and refuses folders whose loss would hurt (the site, its sources, home).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path, PurePosixPath

from sitegen.diagnostics import SitegenError

MARKER = ".sitegen-output"
MARKER_TEXT = b"This folder is written by sitegen: every build replaces it whole.\n"
_NEW = ".sitegen-new-"
_OLD = ".sitegen-old-"


def check_output_dir(site_dir: Path, output: Path) -> None:
    """Refuse an output folder that sitegen must never replace."""
    site = site_dir.resolve()
    target = output.resolve()
    forbidden = {Path("/").resolve(), Path.home().resolve()}
    if target in forbidden or target == site or site.is_relative_to(target):
        raise SitegenError(f"refusing to use {output} as the output folder: it holds the site or your files")
    for source in ("content", "layouts", "assets"):
        if target.is_relative_to(site / source):
            raise SitegenError(f"refusing to use {output} as the output folder: it is inside {source}/")
    if target.exists() and not target.is_dir():
        raise SitegenError(f"the output path {output} is a file, not a folder")
    if target.is_dir() and any(target.iterdir()) and not (target / MARKER).is_file():
        raise SitegenError(
            f"refusing to replace {output}: it is not empty and sitegen did not make it "
            f"(no {MARKER} file in it); empty it or choose another --output"
        )


class Staging:
    """A new output tree built beside the old one, then swapped in by two renames."""

    def __init__(self, output: Path) -> None:
        self.output = output.absolute()
        self.parent = self.output.parent
        self.root = self.parent / f".{self.output.name}{_NEW}{os.getpid()}"
        self._dirs: set[Path] = set()

    def __enter__(self) -> Staging:
        self.parent.mkdir(parents=True, exist_ok=True)
        recover(self.output)
        if self.root.exists():
            shutil.rmtree(self.root)
        self.root.mkdir()
        return self

    def __exit__(self, kind: object, value: object, tb: object) -> None:
        if kind is not None:
            shutil.rmtree(self.root, ignore_errors=True)

    def target(self, relative: str) -> Path:
        parts = PurePosixPath(relative).parts
        if (
            not parts
            or relative.startswith("/")
            or any(p in ("", ".", "..") or "\\" in p or "\x00" in p for p in parts)
        ):
            raise SitegenError(f"refusing to write outside the output folder: {relative!r}")
        path = self.root.joinpath(*parts)
        if path.parent not in self._dirs:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._dirs.add(path.parent)
        return path

    def write(self, relative: str, data: bytes) -> None:
        with open(self.target(relative), "xb") as handle:
            handle.write(data)

    def copy(self, relative: str, source: Path) -> None:
        shutil.copyfile(source, self.target(relative), follow_symlinks=False)

    def commit(self) -> None:
        (self.root / MARKER).write_bytes(MARKER_TEXT)
        old = self.parent / f".{self.output.name}{_OLD}{os.getpid()}"
        if self.output.exists():
            os.rename(self.output, old)
        os.rename(self.root, self.output)
        shutil.rmtree(old, ignore_errors=True)


def recover(output: Path) -> None:
    """Clean up after a build that was killed: put back an output it had moved aside,
    and remove half-written trees."""
    parent = output.parent
    if not parent.is_dir():
        return
    olds = sorted(parent.glob(f".{output.name}{_OLD}*"))
    if not output.exists() and olds:
        os.rename(olds.pop(), output)
    for stale in olds + sorted(parent.glob(f".{output.name}{_NEW}*")):
        shutil.rmtree(stale, ignore_errors=True)
