"""The quick render and the featured photo's crops: a page rendered from the last build's plan
must never show a link preview or structured data other than the build's."""

from __future__ import annotations

from pathlib import Path

from sitegen.devserver import quick
from sitegen.devserver.changes import Change
from tests.support import MakeSite, article, build_site, photo

FALAS = "content/2023/falas.md"
PAGE = "2023/12/falas/index.html"
IMAGE = {"src": "foto.jpg", "alt": "Warga antre"}


def _edit_then_build(site: Path, text: str) -> tuple[dict[str, bytes] | None, bytes]:
    result = build_site(site)
    snap = quick.snapshot(site, result.site, result.environment)
    (site / FALAS).write_text(text, encoding="utf-8")
    pages = quick.render_edited(site, snap, [Change.of(FALAS)])
    build_site(site)
    return pages, (site / "public" / PAGE).read_bytes()


def test_a_body_photo_made_featured_is_left_to_the_build(make_site: MakeSite) -> None:
    # the last build made no crops of a photo shown in the body only; the featured one has them
    files = {FALAS: article("![Warga antre](foto.jpg)", title="Falas"), "content/2023/foto.jpg": photo(1600, 1000)}
    site = make_site(files=files)
    pages, built = _edit_then_build(site, article("Isi.", title="Falas", image=IMAGE))
    assert pages is None
    assert b"-1200x630.jpg" in built


def test_a_featured_photo_edited_in_its_words_renders_as_the_build_does(make_site: MakeSite) -> None:
    files = {FALAS: article("Isi.", title="Falas", image=IMAGE), "content/2023/foto.jpg": photo(1600, 1000)}
    site = make_site(files=files)
    pages, built = _edit_then_build(site, article("Isi baru.", title="Falas", image={**IMAGE, "alt": "Warga"}))
    assert pages is not None and pages[PAGE] == built
    assert b"-1200x630.jpg" in built
