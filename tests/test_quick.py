"""The dev server's quick render (sitegen/quick.py): an article's page rendered from the last
build's plan must be byte for byte the page the full build makes, and every change it cannot
render that way must be left to the full build."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sitegen import quick
from tests.support import MakeSite, article, build_site, photo

FALAS = "content/2023/falas.md"
BELU = "content/2023/belu.md"
ALOR = "content/2023/alor.md"
PAGE = "2023/12/falas/index.html"
IMAGE = {"src": "foto.jpg", "alt": "Warga antre", "caption": "Bakti kesehatan", "credit": "Humas"}
LONG_LEAD = "Kepolisian Resor Timor Tengah Selatan menggelar bakti kesehatan bagi warga desa. " * 4


def falas(body: str = f"{LONG_LEAD}\n\nParagraf kedua.", **fields: Any) -> str:
    values: dict[str, Any] = {"title": "Bakti Kesehatan di Falas", "tags": "[Polri, Kesehatan]", "image": IMAGE}
    values.update(fields)
    return article(body, **values)


def site_files() -> dict[str, str | bytes]:
    return {
        FALAS: falas(),
        BELU: article("Jumat Curhat.", title="Jumat Curhat di Belu", date="2023-10-20 09:40", tags="[Polri]"),
        ALOR: article("Patroli laut.", title="Patroli di Alor", date="2024-01-05 07:00", tags="[Kesehatan]"),
        "content/2023/foto.jpg": photo(),
    }


# Changes to the article's own words: the quick render must show them, exactly as the build does.
QUICK = {
    "body": falas(f"{LONG_LEAD}\n\nParagraf kedua, diperbarui.\n\n> Kutipan baru."),
    "title": falas(title="Bakti Kesehatan <Gratis> di Falas"),
    "lead": falas("Paragraf pembuka yang baru sama sekali.\n\nParagraf kedua."),
    "photo text": falas(image={**IMAGE, "alt": "Warga antre obat", "caption": "Baru", "credit": "Polres TTS"}),
    "body photo": falas(f"{LONG_LEAD}\n\n![Posko kesehatan](foto.jpg)"),
    "dateline": falas(dateline="SOE"),
    # its tags: its own page's tag links, related stories, neighbours' cards and navigation
    "a tag removed": falas(tags="[Polri]"),
    "a tag added": falas(tags="[Polri, Kesehatan, Patroli Laut]"),
    "tags replaced": falas(tags="[Patroli Laut]"),
    "a tag spelled otherwise": falas(tags="[POLRI, Kesehatan]"),
    "no tags": falas(tags=None),
}
# Changes that move the article in the plan: only the full build can show them.
FULL = {
    "date": falas(date="2023-12-04 10:30"),
    "place": falas(location="Desa Oinlasi, Kecamatan Amanatun Selatan, Kabupaten Timor Tengah Selatan"),
    "editor": falas(editor="Ronal Ndun"),
    "draft": falas(draft="true"),
    "slug": falas(slug="bakti-falas"),
    "new photo": falas(image={**IMAGE, "src": "lain.jpg"}),
    "an error": falas(date="2023-02-30"),
    "a warning": falas(f"{LONG_LEAD}\n\n<script>alert(1)</script>"),
}


def snapshot_of(site: Path) -> quick.Snapshot:
    return quick.snapshot(site, build_site(site).site)


@pytest.mark.parametrize("change", sorted(QUICK))
def test_an_edit_of_the_words_renders_the_page_the_build_makes(make_site: MakeSite, change: str) -> None:
    site = make_site(files=site_files())
    snap = snapshot_of(site)
    (site / FALAS).write_text(QUICK[change], encoding="utf-8")
    pages = quick.render_edited(site, snap, [FALAS])
    assert pages is not None and set(pages) == {PAGE}
    build_site(site)
    assert pages[PAGE] == (site / "public" / PAGE).read_bytes()


@pytest.mark.parametrize("change", sorted(FULL))
def test_a_change_that_moves_the_article_is_left_to_the_build(make_site: MakeSite, change: str) -> None:
    site = make_site(files=site_files())
    snap = snapshot_of(site)
    (site / FALAS).write_text(FULL[change], encoding="utf-8")
    assert quick.render_edited(site, snap, [FALAS]) is None


def test_anything_but_an_existing_article_is_left_to_the_build(make_site: MakeSite) -> None:
    site = make_site(files=site_files())
    snap = snapshot_of(site)
    for changed in (["site.yaml"], ["layouts/article.html"], ["assets/style.css"], ["content/2023/foto.jpg"]):
        assert quick.render_edited(site, snap, changed) is None
    (site / "content/2023/baru.md").write_text(article(title="Baru"), encoding="utf-8")
    assert quick.render_edited(site, snap, ["content/2023/baru.md"]) is None  # new: not in the plan
    (site / BELU).unlink()
    assert quick.render_edited(site, snap, [BELU]) is None  # deleted
    assert quick.render_edited(site, snap, [FALAS, "site.yaml"]) is None  # one of them needs the build
    assert quick.render_edited(site, snap, []) is None


def test_two_edited_articles_are_both_rendered(make_site: MakeSite) -> None:
    site = make_site(files=site_files())
    snap = snapshot_of(site)
    (site / FALAS).write_text(QUICK["body"], encoding="utf-8")
    (site / ALOR).write_text(
        article("Patroli laut, diperbarui.", title="Patroli di Alor", date="2024-01-05 07:00", tags="[Kesehatan]"),
        encoding="utf-8",
    )
    pages = quick.render_edited(site, snap, [FALAS, ALOR])
    assert pages is not None and len(pages) == 2
    build_site(site)
    for relative, data in pages.items():
        assert data == (site / "public" / relative).read_bytes()


def test_retags_across_a_bigger_site_render_the_pages_the_build_makes(make_site: MakeSite) -> None:
    """Related stories, neighbours' cards and the navigation's tags all depend on every
    article's tags: on 120 articles, random retags of random articles, each compared with
    the full build's page."""
    import json
    import random
    import re

    from tests.generated_site import TAGS, articles

    files = articles(120, seed=3)
    site = make_site(files=files)
    rng = random.Random(5)
    snap = snapshot_of(site)
    for _ in range(8):
        source = rng.choice(sorted(files))
        tags = rng.sample([*TAGS, "Patroli Laut", "polri"], rng.randint(0, 4))
        text = (site / source).read_text(encoding="utf-8")
        text = re.sub(r"^tags: .*$", f"tags: {json.dumps(tags)}", text, count=1, flags=re.M)
        (site / source).write_text(text, encoding="utf-8")
        pages = quick.render_edited(site, snap, [source])
        assert pages is not None and len(pages) == 1, (source, tags)
        snap = snapshot_of(site)  # the full build, and the next change's plan
        for relative, data in pages.items():
            assert data == (site / "public" / relative).read_bytes(), (source, tags)
