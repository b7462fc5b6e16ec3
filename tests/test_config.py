"""site.yaml: defaults, exact diagnostics with their lines, and the base URL (also with a path)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import fields
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from sitegen.config import OPTIONS, Alert, SiteConfig, load_config
from sitegen.errors import BuildFailed, SitegenError
from tests.support import MakeSite, article, assert_diagnostics, build_site, formatted


def load(tmp_path: Path, text: str) -> tuple[SiteConfig | None, list[str]]:
    (tmp_path / "site.yaml").write_text(text, encoding="utf-8")
    config, problems = load_config(tmp_path)
    return config, formatted(problems)


MINIMAL = "title: Warta Kamtibmas NTT\nbase_url: https://wartakamtibmasntt.id/\n"


def test_minimal_config_takes_the_documented_defaults(tmp_path: Path) -> None:
    config, problems = load(tmp_path, MINIMAL)
    assert problems == []
    assert config == SiteConfig(title="Warta Kamtibmas NTT", base_url="https://wartakamtibmasntt.id/")
    assert config is not None
    assert (config.language, config.timezone, config.permalink) == ("id", "Asia/Makassar", "/{year}/{month}/{slug}/")
    assert (config.page_size, config.feed_size, config.summary_length) == (10, 20, 160)
    assert (config.output, config.tag_prefix, config.cache_dir) == ("public", "tag", ".sitegen-cache")
    assert config.base_path == "/"


def test_every_setting_has_its_option_in_the_settings_order() -> None:
    # the order of OPTIONS is the order an unknown key's suggestions are looked for in
    assert list(OPTIONS) == [f.name for f in fields(SiteConfig)]


def test_the_shipped_site_yaml_is_clean() -> None:
    config, problems = load_config(Path(__file__).resolve().parent.parent)
    assert problems == []
    assert config is not None
    assert config.base_url == "https://wartakamtibmasntt.id/"


def test_unknown_key_is_a_warning_with_its_line_and_a_suggestion(tmp_path: Path) -> None:
    config, problems = load(tmp_path, MINIMAL + "# ukuran halaman\npage_sise: 5\nwarna: biru\n")
    assert problems == [
        "site.yaml:4: warning: unknown key 'page_sise' — did you mean 'page_size'?",
        "site.yaml:5: warning: unknown key 'warna'",
    ]
    assert config is not None
    assert config.page_size == 10


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("page_size: '10'", "'page_size' must be a whole number, not '10'"),
        ("page_size: true", "'page_size' must be a whole number, not true (a yes/no value: put the text in quotes)"),
        ("feed_size: 2.5", "'feed_size' must be a whole number, not a number (2.5)"),
        ("page_size: 0", "'page_size' must be at least 1"),
        ("summary_length: 10", "'summary_length' must be at least 40"),
        (
            "description: [a, b]",
            "'description' must be text, not a list (a value in [ ] is a list: put text in quotes)",
        ),
        ("language: no", "'language' must be text, not false (a yes/no value: put the text in quotes)"),
        ("timezone: 8", "'timezone' must be text, not a number (8)"),
        ("tag_prefix: Topik", "'tag_prefix' must be lowercase letters, digits and '-'"),
        ("output: ''", "'output' must be a folder name"),
    ],
)
def test_wrong_type_or_value_is_an_error_with_its_line(tmp_path: Path, line: str, expected: str) -> None:
    config, problems = load(tmp_path, MINIMAL + "\n" + line + "\n")
    assert config is None
    assert problems == [f"site.yaml:4: error: {expected}"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("title: 5\nbase_url: https://x.test/\n", ["site.yaml:1: error: 'title' must be text, not a number (5)"]),
        ("title: '  '\nbase_url: https://x.test/\n", ["site.yaml:1: error: 'title' must not be empty"]),
        (
            "title: T\nbase_url: wartakamtibmasntt.id\n",
            ["site.yaml:2: error: 'base_url' 'wartakamtibmasntt.id' is not an absolute http(s) URL"],
        ),
        (
            "title: T\nbase_url: ftp://x.test/\n",
            ["site.yaml:2: error: 'base_url' 'ftp://x.test/' is not an absolute http(s) URL"],
        ),
        (
            "title: T\nbase_url: https://x.test/?a=1\n",
            ["site.yaml:2: error: 'base_url' 'https://x.test/?a=1' must not have a query or fragment"],
        ),
    ],
)
def test_title_and_base_url_values(tmp_path: Path, text: str, expected: list[str]) -> None:
    config, problems = load(tmp_path, text)
    assert config is None
    assert problems == expected


def test_missing_required_keys(tmp_path: Path) -> None:
    config, problems = load(tmp_path, "description: Berita Polri\n")
    assert config is None
    assert problems == [
        "site.yaml:1: error: missing required key 'base_url'",
        "site.yaml:1: error: missing required key 'title'",
    ]


def test_all_config_problems_are_reported_together(tmp_path: Path) -> None:
    config, problems = load(tmp_path, "title: T\npage_size: nol\nlanguge: id\ntimezone: WITA\n")
    assert config is None
    assert problems == [
        "site.yaml:1: error: missing required key 'base_url'",
        "site.yaml:2: error: 'page_size' must be a whole number, not 'nol'",
        "site.yaml:3: warning: unknown key 'languge' — did you mean 'language'?",
        "site.yaml:4: error: 'timezone' 'WITA' is not a known time zone (e.g. Asia/Makassar)",
    ]


def test_yaml_syntax_error_in_site_yaml_has_its_line(tmp_path: Path) -> None:
    config, problems = load(tmp_path, MINIMAL + "description: Berita: Polri\n")
    assert config is None
    assert problems == [
        "site.yaml:3: error: 'description' contains ': ' — put the whole value in quotes: "
        '`description: "Berita: Polri"`'
    ]


def test_no_site_yaml(tmp_path: Path) -> None:
    config, problems = load_config(tmp_path)
    assert config is None
    assert formatted(problems) == [f"site.yaml: error: no site.yaml in {tmp_path}: is this a site folder?"]


@pytest.mark.parametrize("zone", ["Asia/Nowhere", "WITA", "../../etc/passwd", "/etc/localtime", ""])
def test_bad_timezone(tmp_path: Path, zone: str) -> None:
    config, problems = load(tmp_path, MINIMAL + f"timezone: '{zone}'\n")
    assert config is None
    assert problems == [f"site.yaml:3: error: 'timezone' '{zone}' is not a known time zone (e.g. Asia/Makassar)"]


def test_timezone_that_names_a_folder_of_the_tz_database_is_a_bad_timezone(tmp_path: Path) -> None:
    # 'Asia' is a folder in the tz database: ZoneInfo raises IsADirectoryError, not ValueError.
    config, problems = load(tmp_path, MINIMAL + "timezone: Asia\n")
    assert config is None
    assert problems == ["site.yaml:3: error: 'timezone' 'Asia' is not a known time zone (e.g. Asia/Makassar)"]


@pytest.mark.parametrize("zone", ["Asia/Jakarta", "Asia/Jayapura", "UTC"])
def test_good_timezones(tmp_path: Path, zone: str) -> None:
    config, problems = load(tmp_path, MINIMAL + f"timezone: {zone}\n")
    assert problems == []
    assert config is not None
    assert config.tz.key == zone


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("'{year}/{slug}/'", "must start with '/'"),
        ("/{year}/{slug}", "must end with '/' or '.html'"),
        ("/{year}/{bulan}/{slug}/", "unknown placeholder '{bulan}' (use {year}, {month}, {day}, {slug})"),
        ("/{year}/{month}/", "must contain '{slug}'"),
        ("/../{slug}/", "must not contain '..' or backslashes"),
        ("'/{year}\\{slug}/'", "must not contain '..' or backslashes"),
    ],
)
def test_bad_permalink(tmp_path: Path, pattern: str, expected: str) -> None:
    config, problems = load(tmp_path, MINIMAL + f"permalink: {pattern}\n")
    assert config is None
    assert problems == [f"site.yaml:3: error: 'permalink' {expected}"]


@pytest.mark.parametrize("pattern", ["/{year}/{slug}/}/", "/{year}/{slug}/{/", "/{year}/{{slug}}/"])
def test_permalink_with_stray_braces_is_a_config_error(tmp_path: Path, pattern: str) -> None:
    # These pass the placeholder check, then str.format() fails while reading the first article
    # ("internal error: ValueError: Single '}' encountered in format string"), or, for '{{slug}}',
    # gives every article the literal URL /2023/{slug}/. The mistake is site.yaml's, on line 3.
    (tmp_path / "site.yaml").write_text(MINIMAL + f"permalink: '{pattern}'\n", encoding="utf-8")
    config, problems = load_config(tmp_path)
    assert config is None
    assert [(p.path, p.line, p.severity) for p in problems] == [("site.yaml", 3, "error")]
    assert str(problems[0].message).startswith("'permalink' ")


@pytest.mark.parametrize("pattern", ["/{year}/{month}/{day}/{slug}/", "/berita/{slug}.html", "/{slug}/"])
def test_good_permalinks(tmp_path: Path, pattern: str) -> None:
    config, problems = load(tmp_path, MINIMAL + f"permalink: {pattern}\n")
    assert problems == []
    assert config is not None
    assert config.permalink == pattern


@pytest.mark.parametrize(
    ("url", "normalized", "path"),
    [
        ("https://wartakamtibmasntt.id", "https://wartakamtibmasntt.id/", "/"),
        ("https://x.github.io/portal", "https://x.github.io/portal/", "/portal/"),
        ("http://localhost:8000/", "http://localhost:8000/", "/"),
    ],
)
def test_base_url_gets_a_trailing_slash_and_gives_the_base_path(
    tmp_path: Path, url: str, normalized: str, path: str
) -> None:
    config, problems = load(tmp_path, f"title: T\nbase_url: {url}\n")
    assert problems == []
    assert config is not None
    assert (config.base_url, config.base_path) == (normalized, path)
    assert config.with_base_url(url) == config


# --- --base-url through a build ---------------------------------------------------------------------


def _hrefs(page: str) -> list[str]:
    return re.findall(r'(?:href|src)="([^"]*)"', page)


def test_base_url_override_with_a_path_prefixes_every_site_link(make_site: MakeSite) -> None:
    site = make_site(files={"content/2023/falas.md": article(tags="[Polri, Bakti Sosial]")})
    result = build_site(site, base_url="https://x.github.io/portal")
    assert result.site.config.base_url == "https://x.github.io/portal/"
    out = result.output

    page = (out / "2023/12/falas/index.html").read_text()
    links = _hrefs(page)
    assert '<link rel="canonical" href="https://x.github.io/portal/2023/12/falas/">' in page
    assert re.search(r'<link rel="stylesheet" href="/portal/assets/style\.[0-9a-f]{8}\.css">', page)
    assert '<a href="/portal/tag/polri/">Polri</a>' in page
    local = [link for link in links if not link.startswith(("https://", "#"))]
    assert local, "the article page has site links"
    assert all(link.startswith("/portal/") for link in local), local

    home = (out / "index.html").read_text()
    assert '<a href="/portal/2023/12/falas/">' in home
    assert all(link.startswith(("/portal/", "https://x.github.io/portal/", "#")) for link in _hrefs(home))

    feed = (out / "feed.xml").read_text()
    assert "<link>https://x.github.io/portal/2023/12/falas/</link>" in feed
    assert '<atom:link href="https://x.github.io/portal/feed.xml" rel="self"' in feed
    assert "Sitemap: https://x.github.io/portal/sitemap.xml\n" in (out / "robots.txt").read_text()
    assert "<loc>https://x.github.io/portal/tag/polri/</loc>" in (out / "sitemap.xml").read_text()


def test_base_url_with_a_path_in_site_yaml_works_the_same(make_site: MakeSite) -> None:
    site = make_site({"base_url": "https://x.github.io/portal/"}, {"content/2023/falas.md": article()})
    result = build_site(site)
    home = (result.output / "index.html").read_text()
    assert '<a href="/portal/2023/12/falas/">' in home
    assert '<a class="brand" href="/portal/">' in home


def test_bad_base_url_override_is_refused_before_anything_is_written(make_site: MakeSite) -> None:
    site = make_site(files={"content/2023/falas.md": article()})
    with pytest.raises(SitegenError) as refused:
        build_site(site, base_url="x.github.io/portal")
    assert refused.value.message == "--base-url: 'x.github.io/portal' is not an absolute http(s) URL"
    assert not (site / "public").exists()


def test_a_config_error_fails_the_build_with_its_line(make_site: MakeSite) -> None:
    site = make_site("title: T\nbase_url: https://x.test/\npage_size: -1\n", {"content/2023/a.md": article()})
    with pytest.raises(BuildFailed) as failed:
        build_site(site)
    assert_diagnostics(failed.value.report, ["site.yaml:3: error: 'page_size' must be at least 1"])
    assert not (site / "public").exists()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("cms:\n  backend: gitlab\n  repo: polda/warta\n", (("backend", "gitlab"), ("repo", "polda/warta"))),
        ("cms: {}\n", ()),
    ],
)
def test_cms_settings_are_read_as_sorted_pairs(tmp_path: Path, text: str, expected: object) -> None:
    config, problems = load(tmp_path, "title: T\nbase_url: https://x.test/\n" + text)
    assert problems == []
    assert config is not None and config.cms == expected


def test_no_cms_key_is_no_cms(tmp_path: Path) -> None:
    config, _ = load(tmp_path, "title: T\nbase_url: https://x.test/\n")
    assert config is not None and config.cms is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("cms:\n  brnach: main\n", "'cms' has an unknown key 'brnach' — did you mean 'branch'?"),
        (
            "cms:\n  backend: wordpress\n",
            "'cms' 'backend' must be one of github, gitlab, gitea, bitbucket, git-gateway, not 'wordpress'",
        ),
        ("cms: github\n", "'cms' must be 'key: value' lines of text"),
    ],
)
def test_cms_settings_errors(tmp_path: Path, text: str, expected: str) -> None:
    config, problems = load(tmp_path, "title: T\nbase_url: https://x.test/\n" + text)
    assert config is None
    assert problems == [f"site.yaml:3: error: {expected}"]


def test_alert_is_read_with_its_time_in_the_site_s_zone(tmp_path: Path) -> None:
    text = MINIMAL + (
        "timezone: Asia/Jayapura\nalert:\n  text: '  Banjir di Kupang:\n    jalan ditutup'\n"
        "  until: 2024-06-02 10:00\n  level: darurat\n  link: /2024/06/banjir/\n"
    )
    config, problems = load(tmp_path, text)

    assert problems == []
    assert config is not None and config.alert == Alert(
        "Banjir di Kupang: jalan ditutup",
        dt.datetime(2024, 6, 2, 10, tzinfo=ZoneInfo("Asia/Jayapura")),
        "darurat",
        "/2024/06/banjir/",
    )
    config, problems = load(
        tmp_path, MINIMAL + "alert:\n  text: Info\n  until: 2024-06-02T10:00+07:00\n  link: https://bmkg.go.id/x\n"
    )
    assert problems == [] and config is not None and config.alert is not None
    assert (config.alert.level, config.alert.until.utcoffset(), config.alert.link) == (
        "penting",
        dt.timedelta(hours=7),
        "https://bmkg.go.id/x",
    )


def test_each_alert_problem_is_an_error_at_its_line(tmp_path: Path) -> None:
    text = MINIMAL + ("alert:\n  txt: Banjir\n  level: merah\n  link: javascript:alert(1)\n  until: '2024-02-30'\n")
    config, problems = load(tmp_path, text)

    assert config is None
    assert problems == [
        "site.yaml:3: error: 'alert' needs a 'text': the news in one sentence",
        "site.yaml:4: warning: 'alert': unknown key 'txt' — did you mean 'text'?",
        "site.yaml:5: error: 'alert': 'level' must be one of info, penting, darurat, not 'merah'",
        "site.yaml:6: error: 'alert': 'link' must be an http(s) address or a path of this site starting with '/',"
        " not 'javascript:alert(1)'",
        "site.yaml:7: error: 'alert': 'until': '2024-02-30' is an impossible date (the month has no such day)",
    ]


@pytest.mark.parametrize(
    ("alert", "expected"),
    [
        (
            "alert: Banjir",
            "site.yaml:3: error: 'alert' must be lines of text, until, level, link indented below it, not 'Banjir'",
        ),
        (
            "alert:\n  text: Banjir\n  until: 2024-06-02\n  level: 3",
            "site.yaml:6: error: 'alert': 'level' must be one of info, penting, darurat, not a number (3)",
        ),
        (
            "alert:\n  text: Banjir\n",
            "site.yaml:3: error: 'alert' needs 'until': when it stops being shown (YYYY-MM-DD HH:MM)",
        ),
        (
            "alert:\n  text: Banjir\n  until: 2024-06-02\n  link: //evil.test/x",
            "site.yaml:6: error: 'alert': 'link' must be an http(s) address or a path of this site starting with '/',"
            " not '//evil.test/x'",
        ),
        (
            "alert:\n  text: Banjir\n  until: 2024-06-02\n  link: /a b/",
            "site.yaml:6: error: 'alert': 'link' must not contain spaces or control characters",
        ),
        (
            "alert:\n  text: ''\n  until: 2024-06-02",
            "site.yaml:4: error: 'alert' needs a 'text': the news in one sentence",
        ),
    ],
)
def test_bad_alerts(tmp_path: Path, alert: str, expected: str) -> None:
    config, problems = load(tmp_path, MINIMAL + alert + "\n")
    assert (config, problems) == (None, [expected])


def test_an_alert_key_written_in_indonesian_gets_its_name(tmp_path: Path) -> None:
    text = MINIMAL + "alert:\n  text: Banjir\n  until: 2024-06-02\n  tautan: /x/\n"
    config, problems = load(tmp_path, text)
    assert config is not None and config.alert is not None and config.alert.link == ""
    assert problems == ["site.yaml:6: warning: 'alert': unknown key 'tautan' — did you mean 'link'?"]
