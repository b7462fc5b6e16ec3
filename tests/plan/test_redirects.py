"""Articles' ``aliases``: a redirect page per old path, the redirect maps, and every clash an error."""

from __future__ import annotations

from pathlib import Path

import html5lib
import pytest

from sitegen.errors import BuildFailed
from sitegen.write import search
from tests.support import MakeSite, article, build_site

FALAS = "https://warta-uji.test/2023/12/falas/"

EXPECTED_PAGE = f"""<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<title>Judul Berita</title>
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url={FALAS}">
<link rel="canonical" href="{FALAS}">
</head>
<body>
<p>Berita ini telah pindah ke <a href="{FALAS}">Judul Berita</a>.</p>
</body>
</html>
"""


def aliased(make_site: MakeSite, aliases: object, **config: object) -> Path:
    return make_site(
        config, {"content/2023/falas.md": article(aliases=aliases), "content/2023/lain.md": article(title="Lain")}
    )


def test_each_path_alias_is_a_redirect_page_to_the_article(make_site: MakeSite, tmp_path: Path) -> None:
    site = aliased(make_site, ["/2019/05/berita-lama/", "/berita-lama.html", "/lama", "/?p=12"])
    result = build_site(site, output=tmp_path / "out")
    out = result.output
    assert (out / "2019/05/berita-lama/index.html").read_text() == EXPECTED_PAGE
    assert (out / "berita-lama.html").read_text() == EXPECTED_PAGE
    assert (out / "lama/index.html").read_text() == EXPECTED_PAGE
    # valid HTML5, parsed strictly
    html5lib.HTMLParser(strict=True).parse((out / "berita-lama.html").read_bytes(), transport_encoding="utf-8")
    # never in a sitemap, a feed or the search index, nor counted as an article
    for name in ("sitemap.xml", "sitemap-news.xml", "feed.xml"):
        text = (out / name).read_text()
        assert "berita-lama" not in text and "lama/" not in text.replace("/2023/12/", "")
    assert result.articles == 2
    indexed = sorted(p.path for p in result.site.pages if search.indexed(p, result.site))
    assert indexed == ["/2023/12/falas/", "/2023/12/lain/"]


def test_the_redirect_maps_are_exact(make_site: MakeSite, tmp_path: Path) -> None:
    site = make_site(
        {"base_url": "https://x.github.io/portal/"},
        {
            "content/2023/falas.md": article(aliases=["/2019/05/berita-lama/", "/?p=12", "/x/ünï"]),
            "content/2023/lain.md": article(title="Lain", aliases="/index.php?p=7&lang=id"),
        },
    )
    out = build_site(site, output=tmp_path / "out").output
    assert (out / "_redirects").read_text() == (
        "# sitegen: the articles' aliases, each sent on to the article's page\n"
        "/portal/2019/05/berita-lama/ /portal/2023/12/falas/ 301\n"
        "/portal/ p=12 /portal/2023/12/falas/ 301\n"
        "/portal/index.php p=7 lang=id /portal/2023/12/lain/ 301\n"
        "/portal/x/%C3%BCn%C3%AF /portal/2023/12/falas/ 301\n"
    )
    assert (out / "redirects.nginx.map").read_text() == (
        "# sitegen: the articles' aliases. Include this file in the http block and add to the\n"
        "# server block:\n"
        "#     if ($sitegen_redirect) { return 301 $sitegen_redirect; }\n"
        "map $request_uri $sitegen_redirect {\n"
        '    default "";\n'
        '    "/portal/2019/05/berita-lama/" "https://x.github.io/portal/2023/12/falas/";\n'
        '    "/portal/?p=12" "https://x.github.io/portal/2023/12/falas/";\n'
        '    "/portal/index.php?p=7&lang=id" "https://x.github.io/portal/2023/12/lain/";\n'
        '    "/portal/x/%C3%BCn%C3%AF" "https://x.github.io/portal/2023/12/falas/";\n'
        "}\n"
    )
    assert (out / "x/ünï/index.html").is_file()
    assert not (out / "index.php").exists()  # a query alias has no page


def test_no_alias_no_redirect_files(make_site: MakeSite, tmp_path: Path) -> None:
    out = build_site(aliased(make_site, None), output=tmp_path / "out").output
    assert not (out / "_redirects").exists() and not (out / "redirects.nginx.map").exists()


def test_an_alias_that_is_the_articles_own_url_is_left_out(make_site: MakeSite, tmp_path: Path) -> None:
    """An importer records the old URL even when it is unchanged: no page over the article's,
    and no redirect map entry that would send the page to itself."""
    out = build_site(aliased(make_site, ["/2023/12/falas/", "/lama/"]), output=tmp_path / "out").output
    assert "<article" in (out / "2023/12/falas/index.html").read_text()
    assert "/2023/12/falas/ /2023/12/falas/" not in (out / "_redirects").read_text()


def test_the_page_escapes_every_value(make_site: MakeSite, tmp_path: Path) -> None:
    site = make_site(
        {"language": "en"},
        {"content/a.md": article(title="'\"<script>alert(1)</script> & co'", aliases=["/lama/"])},
    )
    text = (build_site(site, output=tmp_path / "out").output / "lama/index.html").read_text()
    assert '<html lang="en">' in text and "This story has moved to" in text
    assert "<script>" not in text and "&lt;script&gt;" in text and "&quot;&lt;script" in text


def failure(site: Path, tmp_path: Path) -> list[str]:
    with pytest.raises(BuildFailed) as caught:
        build_site(site, output=tmp_path / "out")
    return [d.format() for d in caught.value.report.errors]


def test_aliases_that_clash_are_errors_at_their_line(make_site: MakeSite, tmp_path: Path) -> None:
    site = make_site(
        files={
            "content/a.md": article(title="A", aliases=["/tag/", "/lama/", "/2023/12/b/", "/?p=1", "/Dua/"]),
            "content/b.md": article(title="B", aliases=["/LAMA/", "/?p=1", "/dua"]),
        }
    )
    assert failure(site, tmp_path) == [
        "content/a.md:6: error: alias /2023/12/b/ is also the URL of the article content/b.md",
        "content/a.md:6: error: alias /?p=1 is also an alias of content/b.md",
        "content/a.md:6: error: alias /Dua/ is also the URL of an alias of content/b.md",
        "content/a.md:6: error: alias /lama/ is also the URL of an alias of content/b.md",
        "content/a.md:6: error: alias /tag/ is also the URL of a page sitegen makes (/tag/)",
        "content/b.md:6: error: alias /?p=1 is also an alias of content/a.md",
        "content/b.md:6: error: alias /LAMA/ is also the URL of an alias of content/a.md",
        "content/b.md:6: error: alias /dua is also the URL of an alias of content/a.md",
    ]


def test_an_alias_where_a_file_or_a_folder_is_is_an_error(make_site: MakeSite, tmp_path: Path) -> None:
    site = make_site(
        files={"content/a.md": article(aliases=["/feed.xml/", "/robots.txt/x.html", "/a.html", "/a.html/b/"])}
    )
    file = "where the site has a file"
    assert failure(site, tmp_path) == [
        "content/a.md:6: error: alias /a.html would be a file a.html where the site has a folder of pages",
        f"content/a.md:6: error: alias /a.html/b/ needs a folder a.html/ {file} a.html",
        f"content/a.md:6: error: alias /feed.xml/ needs a folder feed.xml/ {file} feed.xml",
        f"content/a.md:6: error: alias /robots.txt/x.html needs a folder robots.txt/ {file} robots.txt",
    ]
