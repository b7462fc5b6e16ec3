"""``sitegen serve``'s resident session: the site kept in memory between saves.

The build's own stages run on every save (sitegen/build.py ``Build``: the settings, layouts and
assets read again, the inputs' key, the output keys, the spare tree brought up to date and
swapped in whole), but three of them start from what the last build of this server left:

- reading: only the articles whose files changed are read again (an edit's Markdown file,
  through the build cache and a forked worker held to the time limit, as a build reads it);
  every other article is the very object read before. A change of another kind under
  ``content/`` (a folder, a photo, a file that is a link) or of ``site.yaml`` reads every
  source again as the build does (unchanged articles still keep their objects);
- planning: sitegen/plan/incremental.py ``replan`` from the last plan (a change of the
  settings plans everything again);
- output keys: a page the plan kept keeps its key (sitegen/write/writer.py ``page_keys``),
  unless the layouts or assets changed.

So a save renders and writes only the pages whose key changed, and the tree is published as a
build publishes it. tests/devserver/test_session.py proves the tree equal to a clean build's
after every kind of change.
"""

from __future__ import annotations

import functools
import os
import stat
from collections.abc import Sequence, Set
from dataclasses import dataclass
from pathlib import Path

import jinja2

from sitegen.build import Build, BuildOptions, BuildResult, Inputs, build, build_time
from sitegen.cache import DB_NAME, BuildCache
from sitegen.config import SiteConfig
from sitegen.devserver.changes import Change, ChangeKind
from sitegen.errors import BuildFailed, Diagnostic
from sitegen.parallel import parallel_map
from sitegen.plan import photos as images
from sitegen.plan.incremental import Plan, replan
from sitegen.plan.model import Site
from sitegen.read import markup
from sitegen.read.articles import ReadResult
from sitegen.read.files import CONTENT_DIR, find_files, read_assets
from sitegen.read.profiles import read_profiles
from sitegen.read.reader import KILL_GRACE, Reader, read_all
from sitegen.render.environment import layouts_digest, template_digests
from sitegen.util.filestamp import Stamp
from sitegen.util.hashing import digest
from sitegen.write import search
from sitegen.write.output import Publisher
from sitegen.write.writer import Outputs, plan_outputs


class Session:
    """What the preview keeps between builds; used under the server's build lock."""

    def __init__(self) -> None:
        self.results: dict[str, ReadResult] = {}  # every source read, by its path
        self.found: list[Diagnostic] = []  # what finding the sources said
        self.config: SiteConfig | None = None  # the settings they were read with
        self.plan: Plan | None = None
        self.outputs: Outputs | None = None
        self.publisher: Publisher | None = None
        self.paths: tuple[str, Set[str]] | None = None  # the output paths of the last build, all fine
        self.templates: tuple[str, dict[str, str]] | None = None  # the layouts' digest, template_digests
        # the layouts compiled, with the fragments they rendered (render/fragments.py): their
        # key (settings, layouts, assets), the environment, what checking the layouts said
        self.environment: tuple[tuple[object, ...], jinja2.Environment, list[Diagnostic]] | None = None
        self.changed: set[str] = set()  # articles' sources to read again
        self.everything = True  # read every source again

    def note(self, changes: Sequence[Change]) -> None:
        """Remember what a build must read again."""
        for change in changes:
            if change.kind is ChangeKind.CONTENT:
                self.changed.add(change.path)
            elif change.kind in (ChangeKind.CONTENT_OTHER, ChangeKind.SETTINGS):
                self.everything = True

    def build(self, site_dir: Path, options: BuildOptions) -> BuildResult:
        return build(site_dir, options, functools.partial(SessionBuild, session=self))


@dataclass
class SessionBuild(Build):
    """A build whose reading, planning and output keys start from the session's."""

    session: Session | None = None
    assets_key: str = ""  # the assets read, by name and bytes

    @property
    def kept(self) -> Session:
        assert self.session is not None
        return self.session

    def read(self, settings: tuple[SiteConfig | None, list[Diagnostic]]) -> Inputs | None:
        inputs = self._read(settings)
        if inputs is not None:
            self.assets_key = digest(
                *(f"{name}={digest('bytes', data)}" for name, data in sorted(inputs.assets.items()))
            )
        return inputs

    @functools.cached_property
    def layouts_key(self) -> str:
        """The layouts' digest, read once per build."""
        return layouts_digest(self.site_dir)

    def layouts(self, config: SiteConfig) -> jinja2.Environment:
        """The last build's layouts, compiled, with every fragment they rendered, while the
        settings, the layouts and the assets are the same (a fragment may show an asset's
        published name; the filters depend on the settings)."""
        kept = self.kept
        key = (config, self.layouts_key, self.assets_key)
        if kept.environment is not None and kept.environment[0] == key:
            self.report.extend(kept.environment[2])
            return kept.environment[1]
        kept.environment = None
        before = len(self.report.items)
        env = super().layouts(config)
        kept.environment = (key, env, self.report.items[before:])
        return env

    def _read(self, settings: tuple[SiteConfig | None, list[Diagnostic]]) -> Inputs | None:
        config, problems = settings
        kept = self.kept
        if config is None or self.options.base_url is not None:
            kept.everything = True
            return super().read(settings)
        self.report.extend(problems)
        if kept.everything or kept.config != config or not self._reread(config):
            self._read_all(config)
        self.clock.lap("read")
        results = [kept.results[source] for source in sorted(kept.results)]
        self.report.extend(kept.found)
        for result in results:
            self.report.extend(result.diagnostics)
        profiles, profile_problems = read_profiles(self.site_dir)  # (a few small files: read on every save)
        self.report.extend(profile_problems)
        shown: list[images.Referrer] = [*(r.article for r in results if r.article), *profiles]
        photos, photo_problems = images.plan(self.site_dir, shown, self.cache)
        self.report.extend(photo_problems)
        self.clock.lap("images")
        assets, asset_problems = read_assets(self.site_dir)
        self.report.extend(asset_problems)
        return Inputs(config, results, dict(photos), self.options.now or build_time(), assets, profiles)

    def _read_all(self, config: SiteConfig) -> None:
        """Every source found and read, as read_sources reads them; an article read before
        with the same digest keeps its object."""
        kept = self.kept
        signatures: dict[str, Stamp] = {}
        sources, kept.found = find_files(self.site_dir, CONTENT_DIR, suffix=".md", signatures=signatures)
        fresh = read_all(self.site_dir, sources, config, self.cache, self.options.jobs, None, signatures)
        before = kept.results if kept.config == config else {}
        kept.results = {result.source: _same(before.get(result.source), result) for result in fresh}
        kept.config, kept.everything = config, False
        kept.changed.clear()

    def _reread(self, config: SiteConfig) -> bool:
        """The changed articles read again; False when only a full reading can tell (a file
        that is not a plain file of content/, a name the build would refuse)."""
        kept = self.kept
        todo = []
        for source in sorted(kept.changed):
            path = os.path.join(self.site_dir, source)
            try:
                mode = os.lstat(path).st_mode
            except FileNotFoundError:
                kept.results.pop(source, None)
                continue
            except OSError:
                return False
            if not stat.S_ISREG(mode) or not _plain(self.site_dir, source):
                return False
            todo.append(source)
        db = self.cache.folder / DB_NAME if self.cache.db is not None and self.cache.folder else None
        reader = Reader(config, str(self.site_dir), db)
        try:
            if todo:
                markup._markdown()  # made once here: the worker forked for the article inherits it
            limit = markup.TIME_LIMIT + KILL_GRACE
            fresh = parallel_map(reader, todo, self.options.jobs, limit=limit, late=reader.late)
        finally:
            reader.close()
        _remember(self.cache, fresh)
        for _, result, _ in fresh:
            kept.results[result.source] = _same(kept.results.get(result.source), result)
        kept.changed.clear()
        return True

    def gather(self, inputs: Inputs) -> tuple[Site, list[Diagnostic]]:
        kept = self.kept
        before = len(self.report.items)
        drafts, future = self.options.drafts, self.options.future
        plan, problems = replan(
            kept.plan, inputs.config, inputs.results, inputs.now, drafts, future, inputs.photos, inputs.profiles
        )
        self.report.extend(problems)
        gather_warnings = [d for d in self.report.items[before:] if d.severity == "warning"]
        if plan is None or self.report.errors:
            raise BuildFailed(self.report)
        kept.plan = plan
        return search.planned(plan.site, self.site_dir), gather_warnings

    def path_problems(self, publisher: Publisher, outputs: Outputs, site: Site, inputs: Inputs) -> list[Diagnostic]:
        """None when every output path is one the last build had without a problem (a path's
        problems are the path's own); else the build's check."""
        kept = self.kept
        paths = (str(publisher.spare), outputs.desired.keys())
        if kept.paths is not None and kept.paths[0] == paths[0] and kept.paths[1] == paths[1]:
            return []
        problems = super().path_problems(publisher, outputs, site, inputs)
        kept.paths = None if problems else (paths[0], set(paths[1]))
        return problems

    def publisher(self, output: Path) -> Publisher:
        """The session's own publisher, which trusts the spare tree it swapped out itself (the
        preview folder is this server's alone, under its lock); a new one for another folder."""
        kept = self.kept
        live = kept.publisher.live if kept.publisher is not None else None
        if (
            kept.publisher is None
            or kept.publisher.output != output.absolute()
            or live is None
            or _identity(output) != (live.dev, live.ino)  # (the folder was removed or replaced)
        ):
            kept.publisher = super().publisher(output)
            kept.publisher.trust_own_spare = True
        kept.publisher.cache = self.cache  # (each build opens the cache anew)
        return kept.publisher

    def outputs(self, site: Site, env: jinja2.Environment, inputs: Inputs) -> Outputs:
        kept = self.kept
        layouts = self.layouts_key  # (their digests are parsed from them: kept while they are the same)
        if kept.templates is None or kept.templates[0] != layouts:
            kept.templates = (layouts, template_digests(env, self.site_dir))
        outputs = plan_outputs(self.site_dir, site, env, inputs.assets, kept.outputs, kept.templates[1])
        kept.outputs = outputs
        return outputs

    def unchanged_result(self, inputs: Inputs, output: Path, publisher: Publisher, key: str) -> BuildResult | None:
        result = super().unchanged_result(inputs, output, publisher, key)
        if result is not None:  # its plan, when asked for, from the session's
            result.plan = functools.partial(self._plan_now, inputs)
        return result

    def _plan_now(self, inputs: Inputs) -> Site:
        return self.gather(inputs)[0]


def _identity(folder: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(folder, follow_symlinks=False)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _same(before: ReadResult | None, now: ReadResult) -> ReadResult:
    """The result read before when it is of the same bytes and settings (an unchanged article
    stays the very object the last plan holds)."""
    if before is None or before.article is None or now.article is None:
        return now
    return before if before.article.digest == now.article.digest and before.diagnostics == now.diagnostics else now


def _plain(site_dir: Path, source: str) -> bool:
    """Whether the build's walk of content/ would find the file at ``source`` as it is: no
    link on the way, a UTF-8 name."""
    try:
        source.encode("utf-8")
    except UnicodeEncodeError:
        return False
    path = os.path.join(site_dir, source)
    return os.path.realpath(path) == os.path.join(os.path.realpath(site_dir), source)


def _remember(cache: BuildCache, fresh: list[tuple[str, ReadResult, bool]]) -> None:
    """What was read and converted now, into the build cache (read_all's, without its pruning:
    the session read only a few of the sources)."""
    cache.add("articles", [(key, result) for key, result, _ in fresh])
    converted = [(r.markdown_key, r.article.body_html) for _, r, new in fresh if new and r.article]
    cache.add("markdown", converted)
