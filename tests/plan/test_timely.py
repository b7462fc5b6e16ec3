"""The alert banner through whole builds: on every page while current, gone from the first build
after it expires (SOURCE_DATE_EPOCH or the clock being "now"), incremental builds equal to clean
ones, and the build log naming it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from sitegen.build import BuildOptions, build
from sitegen.i18n import translator
from tests.support import FIXED_NOW, MakeSite, article, build_site, site_files

ALERT = {
    "text": "Banjir di Kupang <b>: hindari Jalan El Tari",
    "until": "2024-06-01 14:00",
    "level": "darurat",
    "link": "/2023/12/a/",
}
FILES = {
    "content/2023/a.md": article(title="Berita A", slug="a", tags="[Polri]"),
    "content/2023/b.md": article(title="Berita B", slug="b", date="2023-12-04 10:00",
                                 corrections=[{"date": "2024-01-02 10:00", "text": "Ralat."}]),
}  # fmt: skip
BANNER = (
    '<section class="alert alert-darurat" aria-label="Peringatan darurat">\n'
    '<p class="wrap"><strong>Darurat:</strong> <a href="/2023/12/a/">'
    "Banjir di Kupang &lt;b&gt;: hindari Jalan El Tari</a></p>\n"
    "</section>"
)
PAGES = ["index.html", "2023/12/a/index.html", "tag/polri/index.html", "tag/index.html", "404.html", "cari/index.html",
         "ralat/index.html", "arsip/2023/index.html"]  # fmt: skip

BEFORE = dt.datetime(2024, 6, 1, 5, 59, tzinfo=dt.UTC)  # 13.59 WITA
AFTER = dt.datetime(2024, 6, 1, 6, 0, tzinfo=dt.UTC)  # 14.00 WITA: over


def epoch(moment: dt.datetime) -> str:
    return str(int(moment.timestamp()))


def notes(result: Any, language: str | None = None) -> list[str]:
    """The build's notes as it prints them for its site (language: id unless the site says)."""
    return [translator(language or result.plan.config.language)(note) for note in result.notes]


def build_at(site: Path, moment: dt.datetime, monkeypatch: pytest.MonkeyPatch, **options: Any) -> Any:
    """A build whose "now" is SOURCE_DATE_EPOCH, as CI sets it."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch(moment))
    return build(site, BuildOptions(search=False, **options))


def test_the_alert_is_on_every_page_until_it_expires(make_site: MakeSite, monkeypatch: pytest.MonkeyPatch) -> None:
    site = make_site({"alert": ALERT}, FILES)

    shown = build_at(site, BEFORE, monkeypatch)
    for name in PAGES:
        page = (shown.output / name).read_text()
        assert BANNER in page, name
        assert page.index('class="skip"') < page.index(BANNER) < page.index('<header class="masthead">')
    assert (
        "peringatan aktif (darurat) sampai Sabtu, 1 Juni 2024 14.00 WITA: Banjir di Kupang <b>: hindari Jalan El Tari"
        in notes(shown)
    )

    gone = build_at(site, AFTER, monkeypatch)
    for name in PAGES:
        assert 'class="alert' not in (gone.output / name).read_text(), name
    assert gone.files_written > 0
    assert (
        "peringatan kedaluwarsa sejak Sabtu, 1 Juni 2024 14.00 WITA, tidak tampil lagi (hapus 'alert:' dari site.yaml):"
        " Banjir di Kupang <b>: hindari Jalan El Tari"
    ) in notes(gone)


def test_an_incremental_build_after_expiry_equals_a_clean_build(
    make_site: MakeSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = make_site({"alert": ALERT}, FILES)
    build_at(site, BEFORE, monkeypatch)

    incremental = site_files(build_at(site, AFTER, monkeypatch).output)
    clean = site_files(build_at(site, AFTER, monkeypatch, output=tmp_path / "clean", use_cache=False).output)

    assert incremental == clean
    assert "Banjir" not in incremental["index.html"].decode()


def test_editing_the_alert_re_renders_pages_and_equals_a_clean_build(make_site: MakeSite, tmp_path: Path) -> None:
    site = make_site({"alert": ALERT}, FILES)
    build_site(site, search=False)

    text = (
        (site / "site.yaml")
        .read_text()
        .replace("level: darurat", "level: info")
        .replace("/2023/12/a/", "https://bmkg.go.id/")
    )
    (site / "site.yaml").write_text(text)
    incremental = site_files(build_site(site, search=False).output)

    assert incremental == site_files(build_site(site, output=tmp_path / "clean", use_cache=False, search=False).output)
    assert '<p class="wrap"><strong>Info:</strong> <a href="https://bmkg.go.id/">' in incremental["index.html"].decode()


@pytest.mark.parametrize(("level", "label"), [("info", "Info"), ("penting", "Penting")])
def test_each_level_is_named_in_words_not_only_by_colour(make_site: MakeSite, level: str, label: str) -> None:
    alert = {"text": "Pemadaman listrik", "until": "2024-06-02 00:00", "level": level}
    output = build_site(make_site({"alert": alert, "base_url": "https://x.test/portal/"}, FILES), search=False).output

    page = (output / "index.html").read_text()
    assert f'<section class="alert alert-{level}" aria-label="Peringatan {label.lower()}">' in page
    assert f'<p class="wrap"><strong>{label}:</strong> Pemadaman listrik</p>' in page


def test_a_site_link_follows_the_base_path_and_english_sites_get_english_notes(make_site: MakeSite) -> None:
    site = make_site({"alert": ALERT, "base_url": "https://x.test/portal/", "language": "en"}, FILES)
    result = build_site(site, search=False)

    assert '<a href="/portal/2023/12/a/">' in (result.output / "index.html").read_text()
    assert result.plan.config.language == "en"
    assert any(note.startswith("alert active (darurat) until Sabtu, 1 Juni 2024 14.00 WITA") for note in notes(result))
    assert FIXED_NOW < AFTER


def test_no_alert_no_banner_and_no_note(make_site: MakeSite) -> None:
    result = build_site(make_site(files=FILES), search=False)

    assert 'class="alert' not in (result.output / "index.html").read_text()
    assert not any("peringatan" in note for note in notes(result, "id"))
    assert not any("alert" in note for note in notes(result, "en"))
