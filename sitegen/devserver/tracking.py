"""What changed in the served site between two builds: the files whose bytes changed (a build
that restores what the spare tree held writes nothing, yet changes what is served), where
each moved article went, and which articles are held back (drafts, scheduled) and at what
addresses a tab may still be open on them.

Files are compared by the keys the build made them from (equal keys, equal bytes), so no
file is read; articles by their source file, whose page path a build may change.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from sitegen.build import BuildResult
from sitegen.devserver.notices import HeldArticle
from sitegen.plan.model import Site
from sitegen.util.dates import indonesian
from sitegen.write.records import Entry


@dataclass(frozen=True)
class Changes:
    """``files``: output files (relative, sorted) added, removed or changed; ``moves``: page
    path (below the site root) → the page path its article has now; ``held``: page path →
    the article held back that was or would be there."""

    files: tuple[str, ...] = ()
    moves: Mapping[str, str] = field(default_factory=dict)
    held: Mapping[str, HeldArticle] = field(default_factory=dict)


class Tracker:
    """The served site as the last build left it; used under the server's build lock."""

    def __init__(self) -> None:
        self._files: Mapping[str, Entry] | None = None
        self._paths: dict[str, str] = {}  # source → its page path when it was last published
        self._last = Changes()

    def update(self, result: BuildResult) -> Changes:
        files = changed_files(self._files, result.files)
        self._files = result.files
        if callable(result.plan):  # nothing changed since the build that made the live tree
            self._last = Changes(files, self._last.moves, self._last.held)
            return self._last
        site = result.site
        paths = {article.source: article.path for article in site.articles}
        moved = {old: paths[source] for source, old in self._paths.items() if paths.get(source, old) != old}
        # an article moved twice sends a tab on its first address straight to its last
        moves = {old: moved.get(new, new) for old, new in self._last.moves.items()} | moved
        published = set(paths.values())
        moves = {old: new for old, new in moves.items() if old not in published and new in published}
        held = self._held(site)
        # a held article keeps its last published address, where a tab may still be open
        self._paths = {
            h.article.source: self._paths[h.article.source] for h in site.held if h.article.source in self._paths
        }
        self._paths.update(paths)
        self._last = Changes(files, moves, held)
        return self._last

    def _held(self, site: Site) -> dict[str, HeldArticle]:
        held: dict[str, HeldArticle] = {}
        for item in site.held:
            article = item.article
            due = indonesian(article.date, site.config.timezone) if item.reason == "future" else ""
            notice = HeldArticle(article.title, item.reason, due)
            held[article.path] = notice
            before = self._paths.get(article.source)
            if before is not None:
                held.setdefault(before, notice)
        return held


def changed_files(before: Mapping[str, Entry] | None, after: Mapping[str, Entry]) -> tuple[str, ...]:
    """The files added, removed or made from another key between two trees (all: no tree before)."""
    if before is None:
        return tuple(sorted(after))
    changed = {path for path, entry in after.items() if (known := before.get(path)) is None or known.key != entry.key}
    changed.update(path for path in before if path not in after)
    return tuple(sorted(changed))


def page_path(relative: str) -> str:
    """The path a browser asks for an output file by: ``2023/12/x/index.html`` → ``/2023/12/x/``."""
    if relative == "index.html" or relative.endswith("/index.html"):
        return "/" + relative.removesuffix("index.html")
    return "/" + relative
