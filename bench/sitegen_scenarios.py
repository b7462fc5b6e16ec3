"""The sitegen scenarios (seven, and two with the search index): what each changes before the timed ``sitegen build``.

Every timed build starts from the state the previous one left, so each scenario's change is
made anew before each run (another edit, another new article, another tag...): every run of
a scenario measures exactly that one change on top of an up-to-date build.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import sys
from pathlib import Path

import yaml
from corpus import (
    Article,
    CorpusSummary,
    Format,
    fits_year,
    make_article,
    ranked_tags,
    sitegen_source,
    source_path,
    unique_slug,
)

SCENARIOS = ("cold", "warm", "edit", "add", "retag", "layout", "config", "cold-search", "edit-search")
SEARCH = "-search"  # a scenario with this ending builds the search index too (Pagefind installed)
DEFAULT_SCENARIOS = tuple(s for s in SCENARIOS if not s.endswith(SEARCH))
DESCRIPTIONS = {
    "cold": "no cache, no output folder: a first build",
    "warm": "nothing changed since the last build; no output file may be written",
    "edit": "the newest article's body gets one more paragraph",
    "add": "one new article, newer than all others (home, feed, its tags and neighbours change)",
    "retag": "one existing tag added to the newest article (its tag pages, home, feed change)",
    "layout": "layouts/article.html edited (an HTML comment inside its last block)",
    "config": "site.yaml's description changed (shown on every page)",
    "cold-search": "cold, with the search index (sitegen only: the peers make none)",
    "edit-search": "edit, with the search index: the shard of the newest article indexed again",
}
SITE_FILES = ("site.yaml", "layouts", "assets")
FIRST_RETAG_RANK = 60  # retag with mid-ranked tags: existing, some dozens of articles each


class SitegenBench:
    name = "sitegen"
    content_format: Format = "sitegen"
    scenarios = SCENARIOS

    def __init__(self, repo: Path, site_dir: Path, seed: int | str, python: str = sys.executable) -> None:
        self.repo = repo
        self.site_dir = site_dir
        self.seed = seed
        self.python = python
        self.cwd = repo
        self.env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join(filter(None, [str(repo), os.environ.get("PYTHONPATH")])),
        }
        self.content_dir = site_dir / "content"
        self.cache_dir = site_dir / ".sitegen-cache"
        self._summary: CorpusSummary | None = None
        self._newest: Article | None = None

    @staticmethod
    def missing(repo: Path) -> list[str]:
        """What the benchmark needs from the repository and does not find there."""
        missing = [name for name in SITE_FILES if not (repo / name).exists()]
        if not (repo / "sitegen" / "__main__.py").is_file():
            missing.append("sitegen/__main__.py")
        return missing

    def version(self) -> str:
        match = re.search(r'__version__\s*=\s*"([^"]+)"', (self.repo / "sitegen" / "__init__.py").read_text())
        return match.group(1) if match else "?"

    @property
    def output_dir(self) -> Path:
        config = yaml.safe_load((self.site_dir / "site.yaml").read_text(encoding="utf-8")) or {}
        return self.site_dir / str(config.get("output") or "public")

    def write_site(self) -> None:
        """Copies site.yaml, layouts/ and assets/ from the repository (content/ comes from the corpus)."""
        self.site_dir.mkdir(parents=True, exist_ok=True)
        for name in SITE_FILES:
            source, target = self.repo / name, self.site_dir / name
            if target.is_dir():
                shutil.rmtree(target)
            if source.is_dir():
                shutil.copytree(source, target)
            else:
                shutil.copy2(source, target)

    def use_corpus(self, summary: CorpusSummary) -> None:
        self._summary = summary
        self._newest = summary.newest

    # The peers build no search index, so by default neither does sitegen here (--no-search);
    # run.py --search times the build with its Pagefind step.
    search = False

    def command(self, scenario: str) -> list[str]:
        command = [self.python, "-m", "sitegen", "build", str(self.site_dir), "--quiet"]
        return command if self.search or scenario.endswith(SEARCH) else [*command, "--no-search"]

    def prepare(self, scenario: str, run: int) -> None:
        scenario = scenario.removesuffix(SEARCH)
        if scenario == "cold":
            shutil.rmtree(self.cache_dir, ignore_errors=True)
            shutil.rmtree(self.output_dir, ignore_errors=True)
            # the spare tree that incremental builds keep beside the output goes too
            shutil.rmtree(self.output_dir.parent / f".{self.output_dir.name}.sitegen-spare", ignore_errors=True)
        elif scenario == "edit":
            self._rewrite(self._article.with_changes(body=self._article.body + _update_paragraph(run)))
        elif scenario == "add":
            self._add_article(run)
        elif scenario == "retag":
            self._rewrite(self._article.with_changes(tags=(*self._article.tags, self._new_tag())))
        elif scenario == "layout":
            _edit_layout(self.site_dir / "layouts" / "article.html", run)
        elif scenario == "config":
            _edit_description(self.site_dir / "site.yaml", run)

    @property
    def _article(self) -> Article:
        if self._newest is None:
            raise RuntimeError("use_corpus() first")
        return self._newest

    def _rewrite(self, article: Article) -> None:
        path = self.content_dir / source_path(article, "sitegen")
        path.write_bytes(sitegen_source(article).encode())
        self._newest = article

    def _add_article(self, run: int) -> None:
        if self._summary is None:
            raise RuntimeError("use_corpus() first")
        article = make_article(self.seed, self._summary.count, date=self._article.date + dt.timedelta(hours=1))
        article = article.with_changes(slug=unique_slug(article.slug, self._summary.slugs))
        self._summary.add(article)
        path = self.content_dir / source_path(article, "sitegen")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(sitegen_source(article).encode())
        self._newest = article

    def _new_tag(self) -> str:
        article = self._article
        for tag in ranked_tags()[FIRST_RETAG_RANK:]:
            if tag not in article.tags and fits_year(tag, article.date.year):
                return tag
        raise RuntimeError("no tag left to add")


def _update_paragraph(run: int) -> str:
    return (
        f"\n**Pembaruan {run + 1}:** Hingga berita ini diturunkan, polisi masih melengkapi berkas pemeriksaan "
        "dan meminta keterangan sejumlah saksi.\n"
    )


def _edit_layout(path: Path, run: int) -> None:
    """A comment inside the last ``{% endblock %}`` (outside a block, a child template's text is dropped)."""
    text = path.read_text(encoding="utf-8")
    comment = f"<!-- bench: layout edit {run + 1} -->\n"
    at = text.rfind("{% endblock")
    text = text[:at] + comment + text[at:] if at >= 0 else text + comment
    path.write_text(text, encoding="utf-8")


_DESCRIPTION = re.compile(r"^description:.*$", re.MULTILINE)


def _edit_description(path: Path, run: int) -> None:
    text = path.read_text(encoding="utf-8")
    value = f"Berita Polri dan kamtibmas dari seluruh Nusa Tenggara Timur (revisi {run + 1})"
    text, count = _DESCRIPTION.subn(f'description: "{value}"', text, count=1)
    if count == 0:
        text += f'\ndescription: "{value}"\n'
    path.write_text(text, encoding="utf-8")
