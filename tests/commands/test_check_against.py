"""``sitegen check --against``: every URL of the live sitemap is still served, or it is an error."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import RunCli
from tests.support import MakeSite, article

NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'

LIVE = [
    "https://warta-uji.test/",
    "https://warta-uji.test/2023/11/apel-pagi/",  # the article, since moved to 2023/12
    "https://warta-uji.test/2023/12/lain/",
    "https://warta-uji.test/tentang-kami/",  # no article
    "https://elsewhere.test/2023/11/x/",  # another host: not ours
]

ADVICE = (
    "content/2023/apel-pagi.md:3: error: https://warta-uji.test/2023/11/apel-pagi/ of the live site would vanish:"
    " the article moved to /2023/12/apel-pagi/; add 'aliases: [/2023/11/apel-pagi/]' to its front matter"
)
NO_ARTICLE = (
    "sitemap.xml: error: https://warta-uji.test/tentang-kami/ of the live site would vanish: no article has the"
    " slug or file name 'tentang-kami'; add its path to the aliases of the article that replaces it"
)


def urlset(urls: list[str]) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset {NS}>'
        + "".join(f"<url><loc>{u}</loc></url>" for u in urls)
        + "</urlset>\n"
    )


def index(urls: list[str]) -> str:
    return f"<sitemapindex {NS}>" + "".join(f"<sitemap><loc>{u}</loc></sitemap>" for u in urls) + "</sitemapindex>"


def moved_site(make_site: MakeSite, **apel: object) -> Path:
    return make_site(
        files={
            "content/2023/apel-pagi.md": article(title="Apel", **apel),
            "content/2023/lain.md": article(title="Lain"),
        }
    )


def diagnostics(output: str) -> list[str]:
    return [line for line in output.splitlines() if ": error: " in line or ": warning: " in line]


def test_a_moved_article_is_an_error_with_the_aliases_line_to_add(
    make_site: MakeSite, tmp_path: Path, run_cli: RunCli
) -> None:
    live = tmp_path / "sitemap.xml"
    live.write_text(urlset(LIVE))
    result = run_cli("check", str(moved_site(make_site)), "--against", str(live))
    assert diagnostics(result.stdout) == [ADVICE, NO_ARTICLE]
    assert result.exit_code == 1


def test_at_the_slug_line_when_there_is_one(make_site: MakeSite, tmp_path: Path, run_cli: RunCli) -> None:
    live = tmp_path / "sitemap.xml"
    live.write_text(urlset(["https://warta-uji.test/2023/11/lama/"]))
    result = run_cli("check", str(moved_site(make_site, slug="lama")), "--against", str(live))
    assert diagnostics(result.stdout) == [
        "content/2023/apel-pagi.md:6: error: https://warta-uji.test/2023/11/lama/ of the live site would vanish:"
        " the article moved to /2023/12/lama/; add 'aliases: [/2023/11/lama/]' to its front matter"
    ]


def test_an_alias_covers_the_old_url(make_site: MakeSite, tmp_path: Path, run_cli: RunCli) -> None:
    live = tmp_path / "sitemap.xml"
    live.write_text(urlset([*LIVE[:3], "https://warta-uji.test/2023/11/apel-pagi", "https://warta-uji.test/?p=5"]))
    site = moved_site(make_site, aliases=["/2023/11/apel-pagi/", "/?p=5"])
    result = run_cli("check", str(site), "--against", str(live))
    assert diagnostics(result.stdout) == [] and result.exit_code == 0, result.stdout


def test_a_sitemap_index_is_followed_beside_its_file(make_site: MakeSite, tmp_path: Path, run_cli: RunCli) -> None:
    (tmp_path / "sitemap.xml").write_text(
        index(["https://warta-uji.test/post-sitemap.xml", "https://warta-uji.test/page-sitemap.xml"])
    )
    (tmp_path / "post-sitemap.xml").write_text(urlset(LIVE[:3]))
    result = run_cli("check", str(moved_site(make_site)), "--against", str(tmp_path / "sitemap.xml"))
    assert diagnostics(result.stdout) == [
        ADVICE,
        "sitemap.xml: warning: the live sitemap https://warta-uji.test/page-sitemap.xml could not be read"
        " (No such file or directory): its URLs were not compared",
    ]


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (None, "No such file or directory"),
        ("<html></html>", "not a sitemap: its root element is <html>"),
        ("<urlset", "not XML: unclosed token: line 1, column 0"),
        ('<!DOCTYPE x [<!ENTITY a "b">]><urlset/>', "a sitemap has no DOCTYPE or ENTITY declarations"),
    ],
)
def test_an_unreadable_live_sitemap_is_a_warning(
    make_site: MakeSite, tmp_path: Path, run_cli: RunCli, content: str | None, why: str
) -> None:
    live = tmp_path / "live.xml"
    if content is not None:
        live.write_text(content)
    result = run_cli("check", str(moved_site(make_site)), "--against", str(live))
    assert diagnostics(result.stdout) == [
        f"sitemap.xml: warning: the live sitemap {live} could not be read ({why}): no URL was compared"
    ]
    assert result.exit_code == 0


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A folder served on 127.0.0.1 (an ephemeral port), and its URL."""
    root = tmp_path / "live"
    root.mkdir()
    handler = functools.partial(QuietHandler, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield root, f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=10)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def test_against_a_url_with_a_sitemap_index(
    make_site: MakeSite, tmp_path: Path, run_cli: RunCli, server: tuple[Path, str]
) -> None:
    root, url = server
    live = [u.replace("https://warta-uji.test/", url) for u in LIVE]
    (root / "sitemap.xml").write_text(index([f"{url}post-sitemap.xml", "https://elsewhere.test/x.xml"]))
    (root / "post-sitemap.xml").write_text(urlset(live))
    site = moved_site(make_site)
    result = run_cli("check", str(site), "--against", f"{url}sitemap.xml", "--base-url", url)
    assert diagnostics(result.stdout) == [
        ADVICE.replace("https://warta-uji.test/", url),
        NO_ARTICLE.replace("https://warta-uji.test/", url),
        "sitemap.xml: warning: the live sitemap https://elsewhere.test/x.xml could not be read"
        " (it is not on the host of the sitemap index): its URLs were not compared",
    ]
    missing = run_cli("check", str(site), "--against", f"{url}nothing.xml", "--base-url", url)
    assert diagnostics(missing.stdout) == [
        f"sitemap.xml: warning: the live sitemap {url}nothing.xml could not be read (HTTP 404): no URL was compared"
    ]
