"""``sitegen serve`` as an editor meets it in a browser: undoing a change, moving or holding
back an article, a failed build, the search page, placeholders left by ``sitegen new``, and
the terminal's line per build. A real server on 127.0.0.1, pages over HTTP, the reload events
read as the injected script reads them; every wait bounded."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from sitegen.commands import new
from sitegen.devserver import notices
from tests.devserver.test_serve import (
    BELU,
    FALAS,
    FALAS_URL,
    SITE_FILES,
    EventStream,
    Served,
    save,
    wait_until,
)
from tests.support import MakeSite, article

StartServer = Callable[..., Served]
Events = Callable[..., EventStream]

ARTICLE_LAYOUT = "layouts/article.html"
BELU_URL = "/2023/10/belu/"


def page_id(served: Served, stream: EventStream) -> str:
    """The id the stream starts at, which the page served now carries."""
    kind, data = stream.next()
    assert kind == "reload"
    return data


# -- undo: the served bytes, not the files written, decide which tabs reload -----------------


def test_undoing_a_layout_change_reloads_the_tabs_it_changed_and_the_log_names_them(
    make_site: MakeSite, start_server: StartServer, events: Events
) -> None:
    site = make_site(files=SITE_FILES)
    served = start_server(site)
    follower = events(served.port, FALAS_URL)
    first = page_id(served, follower)
    original = (site / ARTICLE_LAYOUT).read_text(encoding="utf-8")

    save(site, ARTICLE_LAYOUT, original.replace("{% block title %}", "{% block title %}Uji ", 1))
    changed = follower.wait_for("reload", other_than=first)
    assert "<title>Uji Bakti Kesehatan" in served.get(FALAS_URL).text

    save(site, ARTICLE_LAYOUT, original)  # the spare tree holds these bytes already
    wait_until(lambda: served.lines[-1].startswith(f"{ARTICLE_LAYOUT} changed: rebuilt"), "the undo's build")
    back = follower.wait_for("reload", other_than=changed)
    page = served.get(FALAS_URL).text
    assert "<title>Uji" not in page and f'"{back}"' in page
    assert re.fullmatch(
        rf"{ARTICLE_LAYOUT} changed: rebuilt: 2 pages changed \({BELU_URL}, {FALAS_URL}; "
        r"0 files written, \d+ unchanged\) in \d+\.\d\d s",
        served.lines[-1],
    )


def test_a_build_that_changes_nothing_served_reloads_no_tab(
    make_site: MakeSite, start_server: StartServer, events: Events
) -> None:
    site = make_site(files=SITE_FILES)
    served = start_server(site)
    follower = events(served.port, FALAS_URL)
    first = page_id(served, follower)
    save(site, "content/catatan.txt", "bukan berita")  # read by no page
    wait_until(lambda: served.server.builds == 2, "the second build")
    wait_until(lambda: "rebuilt" in served.lines[-1], "its line")
    assert re.search(r"rebuilt: 0 pages changed \(0 files written, \d+ unchanged\)", served.lines[-1])
    save(site, FALAS, article(title="Judul Lain", tags="[Polri]"))
    # the next event is for the title: nothing was sent for the build that changed nothing
    assert follower.wait_for("reload", other_than=first) != first


# -- moved articles: the tab follows ------------------------------------------------------


@pytest.mark.parametrize(
    ("base_url", "fields", "moved"),
    [
        ("https://warta-uji.test/", {"slug": "falas-baru"}, "/2023/12/falas-baru/"),
        ("https://warta-uji.test/", {"date": "2023-11-03 10:30"}, "/2023/11/falas/"),
        ("https://polda-ntt.github.io/warta/", {"slug": "falas-baru"}, "/warta/2023/12/falas-baru/"),
    ],
)
def test_a_tab_on_a_moved_article_is_sent_to_its_new_address_and_back_on_undo(
    make_site: MakeSite,
    start_server: StartServer,
    events: Events,
    base_url: str,
    fields: dict[str, str],
    moved: str,
) -> None:
    site = make_site({"base_url": base_url}, SITE_FILES)
    served = start_server(site)
    old = served.server.state.base_path.rstrip("/") + FALAS_URL
    follower = events(served.port, old)
    page_id(served, follower)
    original = (site / FALAS).read_text(encoding="utf-8")

    save(site, FALAS, article(title="Bakti Kesehatan di Desa Falas", tags="[Polri]", **fields))
    assert follower.wait_for("moved", other_than="") == moved
    assert served.get(moved).status == 200
    assert served.get(old).status == 404  # a fresh visit is told the truth

    there = events(served.port, moved)
    page_id(served, there)
    save(site, FALAS, original)  # undo: the spare tree holds the old page, nothing is written
    assert there.wait_for("moved", other_than="") == old
    assert served.get(old).status == 200


# -- held-back articles: named in the terminal, a notice in the tab ---------------------------


def test_an_article_made_a_draft_shows_a_notice_and_is_named_in_the_terminal(
    make_site: MakeSite, start_server: StartServer, events: Events
) -> None:
    site = make_site(files=SITE_FILES)
    served = start_server(site)
    follower = events(served.port, FALAS_URL)
    first = page_id(served, follower)

    save(site, FALAS, article(title="Bakti Kesehatan di Desa Falas", tags="[Polri]", draft="true"))
    follower.wait_for("reload", other_than=first)
    page = served.get(FALAS_URL)
    assert page.status == 404  # as the site will answer; the tab shows the notice, not the 404 page
    assert "Berita ini belum terbit: draf" in page.text and "Kembali ke Beranda" not in page.text
    assert "--drafts" in page.text and "EventSource" in page.text
    assert f"{FALAS}: draft, not published" in served.lines
    assert served.get("/2023/12/tidak-ada/").status == 404  # other missing pages stay 404


def test_an_article_dated_in_the_future_shows_when_it_is_due_at_its_old_and_new_address(
    make_site: MakeSite, start_server: StartServer, events: Events
) -> None:
    site = make_site(files=SITE_FILES)
    served = start_server(site)
    follower = events(served.port, BELU_URL)
    first = page_id(served, follower)

    save(site, BELU, article(title="Jumat Curhat di Belu", date="2099-01-01 08:00", tags="[Polri]"))
    follower.wait_for("reload", other_than=first)
    due = "Berita ini belum terbit: dijadwalkan terbit Kamis, 1 Januari 2099 08.00 WITA"
    for path in (BELU_URL, "/2099/01/belu/"):
        page = served.get(path)
        assert page.status == 404 and due in page.text, path
    assert f"{BELU}: scheduled, published from Kamis, 1 Januari 2099 08.00 WITA (2099-01-01 00:00 UTC)" in served.lines

    save(site, BELU, SITE_FILES[BELU])  # published again: the notice gives way to the page
    wait_until(lambda: served.get(BELU_URL).text.count("Jumat Curhat di Belu") > 1, "the page again")
    assert "belum terbit" not in served.get(BELU_URL).text


# -- a failed build: an overlay over the last good page, in Indonesian ------------------------


def test_a_failed_build_overlays_the_last_good_page_in_indonesian(
    make_site: MakeSite, start_server: StartServer, events: Events
) -> None:
    site = make_site(files=SITE_FILES)
    served = start_server(site)
    stream = events(served.port)
    _, good = stream.next()

    save(site, FALAS, article(title="Falas", date="<script>alert(1)</script>"))
    stream.wait_for("failed", other_than=good)
    page = served.get(FALAS_URL)
    assert page.status == 500
    text = page.text
    assert "Bakti Kesehatan di Desa Falas" in text  # the last good page, under the overlay
    assert "Pembangunan terakhir gagal: 1 kesalahan" in text
    assert f"<code>{FALAS}</code>, baris 3" in text
    assert re.search(r"<p class=\"sitegen-pesan\">error: .*&lt;script&gt;alert\(1\)&lt;/script&gt;", text)
    assert "Perbaiki berkas itu lalu simpan" in text
    assert "<script>alert(1)" not in text and "Still serving" not in text and "The last build" not in text
    home = served.get("/")
    assert home.status == 500 and "Pembangunan terakhir gagal" in home.text and "Jumat Curhat di Belu" in home.text
    assert "Pembangunan terakhir gagal" in served.get("/2023/12/tidak-ada/").text


def test_the_overlay_and_the_terminal_speak_the_sites_language(
    make_site: MakeSite, start_server: StartServer, events: Events, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SITEGEN_LANG")  # the site's language: Indonesian, site.yaml naming none
    site = make_site(files=SITE_FILES)
    served = start_server(site)
    stream = events(served.port)
    _, good = stream.next()

    save(site, FALAS, SITE_FILES[FALAS].replace("title: Bakti", "title: Polres TTS: Bakti", 1))
    stream.wait_for("failed", other_than=good)
    text = served.get(FALAS_URL).text
    assert f"<code>{FALAS}</code>, baris 2" in text
    assert "kesalahan: judul mengandung &#x27;: &#x27; — apit seluruh judul dengan tanda kutip" in text
    assert "mapping values" not in text and "error:" not in text
    assert any(
        line.endswith("pembangunan gagal: 1 kesalahan; yang disajikan tetap hasil pembangunan terakhir yang berhasil")
        for line in served.lines
    )


def test_the_overlay_names_file_and_line_and_keeps_messages_as_given() -> None:
    overlay = notices.error_overlay(
        ["layouts/base.html:7: error: unexpected '}'", "error: site.yaml is missing", "content/x.md: error: no title"]
    ).decode()
    assert "<code>layouts/base.html</code>, baris 7" in overlay
    assert "<code>content/x.md</code>" in overlay and "baris" not in overlay.split("content/x.md")[1][:30]
    assert "error: site.yaml is missing" in overlay and "error: unexpected &#x27;}&#x27;" in overlay
    assert "Pembangunan terakhir gagal: 3 kesalahan" in overlay


# -- search in the preview ------------------------------------------------------------------


def test_the_search_page_says_the_preview_has_no_index(make_site: MakeSite, start_server: StartServer) -> None:
    site = make_site(files=SITE_FILES)
    served = start_server(site)
    search = served.get("/cari/")
    assert search.status == 200 and notices.SEARCH_OFF in search.text and "sitegen serve --search" in search.text
    assert notices.SEARCH_OFF not in served.get("/").text
    assert notices.SEARCH_OFF not in (site / ".sitegen-cache/preview/cari/index.html").read_text()
    assert any("--search" in line for line in served.lines)


def test_with_search_the_preview_serves_the_index(make_site: MakeSite, start_server: StartServer) -> None:
    pytest.importorskip("pagefind")
    served = start_server(make_site(files=SITE_FILES), search=True)
    assert served.get("/pagefind/pagefind.js").status == 200
    assert notices.SEARCH_OFF not in served.get("/cari/").text


# -- placeholders left by sitegen new ---------------------------------------------------------


def test_placeholders_are_marked_in_the_preview_only(make_site: MakeSite, start_server: StartServer) -> None:
    files = {
        **SITE_FILES,
        "content/2023/baru.md": article(
            new.BODY_PLACEHOLDER,
            title="Berita Baru",
            slug="baru",
            editor=f'"{new.EDITOR_PLACEHOLDER}"',
            dateline=f'"{new.DATELINE_PLACEHOLDER}"',
        ),
        "content/2023/isi.md": article(new.BODY_PLACEHOLDER, title="Isi Belum Ditulis", slug="isi"),
    }
    site = make_site(files=files)
    served = start_server(site)
    for path in ("/2023/12/baru/", "/2023/12/isi/"):
        page = served.get(path).text
        assert notices.TODO_BANNER in page, path
        assert "sitegen-todo" in page
    assert notices.TODO_BANNER not in served.get(FALAS_URL).text
    built = (site / ".sitegen-cache/preview/2023/12/baru/index.html").read_text()
    assert notices.TODO_BANNER not in built and "sitegen-todo" not in built


def test_the_preview_knows_the_placeholders_sitegen_new_writes() -> None:
    assert notices.PLACEHOLDER == new.PLACEHOLDER
    assert notices.BODY_PLACEHOLDER == new.BODY_PLACEHOLDER


# -- the notices speak the site's language ---------------------------------------------------


def test_an_english_sites_notices_are_english_whatever_sitegen_lang_says(
    make_site: MakeSite, start_server: StartServer, events: Events, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SITEGEN_LANG", "id")  # the terminal's language, not the pages'
    files = {**SITE_FILES, "content/2023/baru.md": article(new.BODY_PLACEHOLDER, title="Berita Baru", slug="baru")}
    site = make_site(config={"language": "en"}, files=files)
    served = start_server(site)
    stream = events(served.port)
    _, good = stream.next()
    banner = served.get("/2023/12/baru/").text
    assert "This story still has TODO fields" in banner and notices.TODO_BANNER not in banner
    assert "<strong>Search is not available in this preview.</strong>" in served.get("/cari/").text

    save(site, FALAS, article(title="Bakti Kesehatan di Desa Falas", draft="true"))
    built = stream.wait_for("reload", other_than=good)
    held = served.get(FALAS_URL)
    assert held.status == 404 and "<h1>This story is not published yet: draft</h1>" in held.text

    save(site, FALAS, article(title="Falas", date="<script>alert(1)</script>"))
    stream.wait_for("failed", other_than=built)
    text = served.get(FALAS_URL).text
    assert "The last build failed: 1 error" in text and f"File <code>{FALAS}</code>, line 3" in text
    assert "Pembangunan" not in text and "Berkas" not in text and "<script>alert(1)" not in text
