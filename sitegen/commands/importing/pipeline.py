"""One import, start to end: settings, known places, the export's posts, the articles, the summary."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from sitegen.commands.importing.blogger import BloggerExport
from sitegen.commands.importing.model import Post, Tally
from sitegen.commands.importing.photos import PhotoIndex
from sitegen.commands.importing.places import Places
from sitegen.commands.importing.wordpress import WordPressExport
from sitegen.commands.importing.wordpress_content import Content
from sitegen.commands.importing.writer import Importer, Options, Summary
from sitegen.commands.importing.xmlstream import KNOWN_NAMESPACES, StreamInfo
from sitegen.config import load_config
from sitegen.errors import SitegenError


class _Export(Protocol):
    tally: Tally
    info: StreamInfo

    def posts(self) -> Iterator[Post]: ...

    def content(self, post: Post) -> Content: ...


@dataclass(frozen=True)
class Outcome:
    summary: Summary
    tally: Tally

    def counts(self) -> dict[str, object]:
        """Everything the summary says, as numbers (what the tests compare)."""
        s = self.summary
        return {
            "imported": s.imported,
            "drafts": s.drafts,
            "already there": s.already_there,
            "failed": s.failed,
            "skipped": dict(sorted(self.tally.skipped.items())),
            "drafts left out": self.tally.drafts_left_out,
            "default location": s.default_location,
            "photos": s.photos,
            "missing photos": len(s.missing_photos),
            "warnings": len(s.report.warnings),
            "errors": len(s.report.errors),
        }

    def lines(self) -> list[str]:
        s, counts = self.summary, self.counts()
        drafts = f" ({s.drafts} as drafts)" if s.drafts else ""
        out = [f"imported {s.imported} article{'s' if s.imported != 1 else ''}{drafts}"]
        if s.already_there:
            out.append(f"already there: {s.already_there} (left as they are; --force replaces them)")
        if self.tally.skipped:
            kinds = ", ".join(f"{kind}: {n}" for kind, n in sorted(self.tally.skipped.items()))
            out.append(f"skipped by kind: {kinds}")
        if self.tally.drafts_left_out:
            out.append(f"drafts left out: {self.tally.drafts_left_out} (--drafts imports them as drafts)")
        if s.default_location:
            out.append(f"given the --location place (none found in the story): {s.default_location}")
        out.append(f"photos copied: {s.photos}; missing (kept at their old address): {len(s.missing_photos)}")
        out.extend(f"  missing: {url}" for url in s.missing_photos)
        if s.failed:
            out.append(f"not imported: {s.failed} (see the errors above)")
        out.append(f"warnings: {counts['warnings']}, errors: {counts['errors']}")
        return out


def run_import(
    kind: str,
    site_dir: Path,
    export_path: Path,
    uploads: Path | None = None,
    location: str | None = None,
    drafts: bool = False,
    force: bool = False,
) -> Outcome:
    """Import the export at ``export_path`` ("wordpress" or "blogger") into the site."""
    config, problems = load_config(site_dir)
    if config is None:
        details = "; ".join(p.format() for p in problems if p.severity == "error")
        raise SitegenError(f"cannot read the site's settings: {details}")
    place = " ".join((location or "").split()) or None
    options = Options(site_dir, str(export_path), location=place, drafts=drafts, force=force)
    export: _Export
    attachments = {}
    if kind == "wordpress":
        wordpress = WordPressExport(export_path, config.tz)
        wordpress.scan()
        export, attachments = wordpress, wordpress.attachments
    else:
        export = BloggerExport(export_path, config.tz)
    importer = Importer(config, options, Places.of_site(site_dir, config), PhotoIndex(uploads, attachments))
    content: Callable[[Post], Content] = export.content
    for post in export.posts():
        importer.add(post, content, export.tally)
    _report_stream(importer, export.info)
    return Outcome(importer.summary, export.tally)


def _report_stream(importer: Importer, info: StreamInfo) -> None:
    if info.removed_characters:
        importer.warning(
            None, f"removed {info.removed_characters} characters that XML 1.0 forbids (control characters)"
        )
    for prefix in info.declared:
        importer.warning(None, f"the prefix '{prefix}:' was not declared: read as {KNOWN_NAMESPACES[prefix]}")
    if info.broken is not None:
        importer.error(info.broken.line, info.broken.message)
