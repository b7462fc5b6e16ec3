"""``sitegen new``: a new article file with complete front matter, ready to be filled in.

What the command cannot know is written as a placeholder starting with ``TODO``, and the
body as :data:`BODY_PLACEHOLDER`; ``sitegen check`` reports every placeholder left, so an
unfinished article cannot pass a pull request's check.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Iterable
from pathlib import Path

import click
import yaml

from sitegen.config import CONFIG_FILE, SiteConfig, load_config, messages_language, messages_translator
from sitegen.errors import BadArgument, SitegenError
from sitegen.i18n import msg, translator
from sitegen.util.pattern import PathPattern
from sitegen.util.slugs import check_slug, slugify

PLACEHOLDER = "TODO"  # a front matter value starting with this is not written yet

EDITOR_PLACEHOLDER = "TODO: nama editor"

LOCATION_PLACEHOLDER = "TODO: desa, kecamatan, kabupaten"

DATELINE_PLACEHOLDER = "TODO: kota pembuka berita, atau hapus baris ini"

BODY_PLACEHOLDER = "Tulis berita di sini."


def current_time() -> dt.datetime:
    """The clock (a function, so that a test can stop it)."""
    return dt.datetime.now(dt.UTC)


def split_tags(text: str | None) -> tuple[str, ...]:
    """``"Polri, Bakti Sosial,"`` → ``("Polri", "Bakti Sosial")``: the --tags option."""
    tags: list[str] = []
    for part in (text or "").split(","):
        tag = " ".join(part.split())
        if not tag:
            continue
        if not slugify(tag):
            raise BadArgument("'--tags'", msg("tag '{tag}' has no letters or digits to make a URL from", tag=tag))
        if slugify(tag) not in {slugify(t) for t in tags}:
            tags.append(tag)
    return tuple(tags)


def git_user_name(folder: Path) -> str | None:
    """``git config user.name`` as seen from ``folder``; None without git or without a name."""
    try:
        done = subprocess.run(
            ["git", "config", "user.name"], cwd=folder, capture_output=True, text=True, timeout=10, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    name = " ".join(done.stdout.split())
    return name if done.returncode == 0 and name else None


def article_path(config: SiteConfig, title: str, now: dt.datetime) -> str:
    """The new article's path below the site folder, from the title and the local date."""
    title = " ".join(title.split())
    if not title:
        raise BadArgument("'TITLE'", msg("the title is empty"))
    slug = slugify(title)
    why = check_slug(slug)
    if why:
        raise BadArgument("'TITLE'", msg("'{title}' gives no usable file name (the slug {why})", title=title, why=why))
    pattern = PathPattern(config.new_article_path)
    problem = pattern.article_path_problem()
    if problem:
        raise SitegenError(msg("{file}: 'new_article_path' {problem}", file=CONFIG_FILE, problem=problem))
    return pattern.format(now.astimezone(config.tz), slug)


def front_matter_value(value: str | Iterable[str]) -> str:
    """A value as YAML writes it on one line: quoted only where YAML needs quotes."""
    data = value if isinstance(value, str) else list(value)
    text = yaml.safe_dump(data, default_flow_style=True, allow_unicode=True, width=1 << 30)
    return text.rstrip("\n").removesuffix("\n...")  # a plain scalar document ends with "..."


def article_text(title: str, date: dt.datetime, editor: str, location: str, tags: tuple[str, ...]) -> str:
    lines = [
        "---",
        f"title: {front_matter_value(' '.join(title.split()))}",
        f"date: {date:%Y-%m-%d %H:%M}",
        f"editor: {front_matter_value(editor)}",
        f"location: {front_matter_value(location)}",
        f"tags: {front_matter_value(tags)}",
        f"dateline: {front_matter_value(DATELINE_PLACEHOLDER)}",
        "---",
        BODY_PLACEHOLDER,
        "",
    ]
    return "\n".join(lines)


def new_article(
    site_dir: Path,
    title: str,
    editor: str | None = None,
    location: str | None = None,
    tags: tuple[str, ...] = (),
    now: dt.datetime | None = None,
) -> str:
    """Write a new article into ``site_dir`` and return its path below it; never overwrites."""
    config, problems = load_config(site_dir)
    if config is None:
        details = "; ".join(
            p.format(translator(messages_language(site_dir))) for p in problems if p.severity == "error"
        )
        raise SitegenError(msg("cannot read the site's settings: {details}", details=details))
    moment = (now or current_time()).astimezone(config.tz)
    relative = article_path(config, title, moment)
    editor = " ".join((editor or "").split()) or git_user_name(site_dir) or EDITOR_PLACEHOLDER
    location = " ".join((location or "").split()) or LOCATION_PLACEHOLDER
    text = article_text(title, moment, editor, location, tags)
    target = site_dir / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(target, "x", encoding="utf-8", newline="\n") as handle:  # "x": never overwrite
            handle.write(text)
    except FileExistsError:
        raise SitegenError(
            msg("{path} already exists: edit it, or give the new article another title", path=relative)
        ) from None
    return relative


_SITE_DIR = click.Path(file_okay=False, dir_okay=True, exists=True, path_type=Path)


@click.command("new")
@click.argument("title")
@click.argument("site_dir", required=False, type=_SITE_DIR)
# the form every other command takes is the positional SITE_DIR; --site stays for old scripts
@click.option("--site", "site_option", hidden=True, type=_SITE_DIR)
@click.option("--editor", help="The editor's name (default: git's user.name).")
@click.option("--location", help="Desa, kecamatan, kabupaten: most specific place first.")
@click.option("--tags", help="Comma-separated topics, e.g. 'Polri, Kamtibmas'.")
def new_command(
    title: str,
    site_dir: Path | None,
    site_option: Path | None,
    editor: str | None,
    location: str | None,
    tags: str | None,
) -> None:
    """Start an article for TITLE in SITE_DIR (default: the current folder):
    content/{year}/{slug}.md with its front matter.

    Prints the path it created; the TODO lines and the body are for you to fill in
    ('sitegen check' reports every one left).
    """
    if site_dir is not None and site_option is not None and site_dir != site_option:
        raise click.UsageError("give the site folder once: as SITE_DIR (or the older --site)")
    site_dir = site_dir or site_option or Path(".")
    translate = messages_translator(click.get_current_context(), site_dir)
    relative = new_article(site_dir, title, editor=editor, location=location, tags=split_tags(tags))
    click.echo(site_dir / relative)
    click.echo(translate(msg("fill in the TODO lines and the story, then run 'sitegen check'")), err=True)
