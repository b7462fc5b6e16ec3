"""The dev server's quick render (sitegen/devserver/quick.py): an article's page rendered from the last
build's plan must be byte for byte the page the full build makes, and every change it cannot
render that way must be left to the full build."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sitegen.devserver import quick
from sitegen.devserver.changes import Change
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


ALOR_PLACE = "Kecamatan Alor Barat Laut, Kabupaten Alor"


def site_files() -> dict[str, str | bytes]:
    return {
        FALAS: falas(),
        BELU: article("Jumat Curhat.", title="Jumat Curhat di Belu", date="2023-10-20 09:40", tags="[Polri, Banjir]"),
        ALOR: article(
            f"{LONG_LEAD}\n\nPatroli laut.",
            title="Patroli di Alor",
            date="2024-01-05 07:00",
            tags="[Kesehatan]",
            location=ALOR_PLACE,
            editor="Ronal Ndun",
        ),
        "content/2023/sabu.md": article("Air bersih.", title="Air Bersih di Sabu", date="2023-12-10 08:00"),
        "content/2023/foto.jpg": photo(),
        # profiles: the byline and structured data of an article filed under another editor
        "editors/ronal.md": "---\nname: Ronal Ndun\njabatan: Kanit Binmas\nphoto: ronal.jpg\n---\nBio.\n",
        "editors/ronal.jpg": photo(300, 300),
        "editors/yohanes.md": "---\nname: Yohanes Lake\njabatan: Bhabinkamtibmas\nphoto: ronal.jpg\n---\n",
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
    "a tag added": falas(tags="[Polri, Kesehatan, Banjir]"),
    "tags replaced": falas(tags="[Banjir]"),
    "a tag spelled otherwise": falas(tags="[POLRI, Kesehatan]"),
    "no tags": falas(tags=None),
    # other front matter that keeps the page where it is
    "a known place": falas(location=ALOR_PLACE),
    "a known editor": falas(editor="Ronal Ndun"),
    "a later hour": falas(date="2023-12-03 18:00"),
    "past a neighbour": falas(date="2023-12-20 10:30"),
    "a new place": falas(location="Desa Oinlasi, Kecamatan Amanatun Selatan, Kabupaten Timor Tengah Selatan"),
    "a new editor": falas(editor="Yohanes Lake"),
    "a new tag": falas(tags="[Polri, Tag Baru]"),
    "updated": falas(updated="2023-12-05 09:00"),
}
# Changes that move the article in the plan: only the full build can show them.
FULL = {
    "another month": falas(date="2024-02-04 10:30"),  # another URL
    "in the future": falas(date="2099-12-03 10:30"),
    "draft": falas(draft="true"),
    "slug": falas(slug="bakti-falas"),
    "new photo": falas(image={**IMAGE, "src": "lain.jpg"}),
    "an error": falas(date="2023-02-30"),
    "a warning": falas(f"{LONG_LEAD}\n\n<script>alert(1)</script>"),
}


def changes(paths: list[str]) -> list[Change]:
    """Site-relative paths as the dev server's watcher hands them over: classified."""
    return [Change.of(path) for path in paths]


def snapshot_of(site: Path) -> quick.Snapshot:
    """After a full build, with its layout environment (if it rendered), as the dev server makes it."""
    result = build_site(site)
    return quick.snapshot(site, result.site, result.environment)


def test_a_snapshot_without_the_builds_environment_renders_the_same(make_site: MakeSite) -> None:
    """A build that found nothing changed renders nothing and hands no environment over:
    the snapshot then makes one like it."""
    site = make_site(files=site_files())
    result = build_site(site)
    assert result.environment is not None  # a first build renders: here it is left out on purpose
    own = quick.snapshot(site, result.site)
    (site / FALAS).write_text(QUICK["title"], encoding="utf-8")
    pages = quick.render_edited(site, own, changes([FALAS]))
    assert pages is not None
    build_site(site)
    assert pages[PAGE] == (site / "public" / PAGE).read_bytes()


@pytest.mark.parametrize("change", sorted(QUICK))
def test_an_edit_of_the_words_renders_the_page_the_build_makes(make_site: MakeSite, change: str) -> None:
    site = make_site(files=site_files())
    snap = snapshot_of(site)
    (site / FALAS).write_text(QUICK[change], encoding="utf-8")
    pages = quick.render_edited(site, snap, changes([FALAS]))
    assert pages is not None and set(pages) == {PAGE}
    build_site(site)
    assert pages[PAGE] == (site / "public" / PAGE).read_bytes()


@pytest.mark.parametrize("change", sorted(FULL))
def test_a_change_that_moves_the_article_is_left_to_the_build(make_site: MakeSite, change: str) -> None:
    site = make_site(files=site_files())
    snap = snapshot_of(site)
    (site / FALAS).write_text(FULL[change], encoding="utf-8")
    assert quick.render_edited(site, snap, changes([FALAS])) is None


def test_anything_but_an_existing_article_is_left_to_the_build(make_site: MakeSite) -> None:
    site = make_site(files=site_files())
    snap = snapshot_of(site)
    for changed in (["site.yaml"], ["layouts/article.html"], ["assets/style.css"], ["content/2023/foto.jpg"]):
        assert quick.render_edited(site, snap, changes(changed)) is None
    (site / "content/2023/baru.md").write_text(article(title="Baru"), encoding="utf-8")
    assert quick.render_edited(site, snap, changes(["content/2023/baru.md"])) is None  # new: not in the plan
    (site / BELU).unlink()
    assert quick.render_edited(site, snap, changes([BELU])) is None  # deleted
    assert quick.render_edited(site, snap, changes([FALAS, "site.yaml"])) is None  # one of them needs the build
    assert quick.render_edited(site, snap, changes([])) is None


def test_two_edited_articles_are_both_rendered(make_site: MakeSite) -> None:
    site = make_site(files=site_files())
    snap = snapshot_of(site)
    (site / FALAS).write_text(QUICK["body"], encoding="utf-8")
    alor = (site / ALOR).read_text(encoding="utf-8").replace("Patroli laut.", "Patroli laut, diperbarui.")
    (site / ALOR).write_text(alor, encoding="utf-8")
    pages = quick.render_edited(site, snap, changes([FALAS, ALOR]))
    assert pages is not None and len(pages) == 2
    build_site(site)
    for relative, data in pages.items():
        assert data == (site / "public" / relative).read_bytes()


def test_two_edits_where_one_shows_on_the_others_page_are_left_to_the_build(make_site: MakeSite) -> None:
    site = make_site(files=site_files())
    snap = snapshot_of(site)
    sabu = "content/2023/sabu.md"
    (site / FALAS).write_text(QUICK["body"], encoding="utf-8")  # Sabu is Falas's newer neighbour
    (site / sabu).write_text((site / sabu).read_text(encoding="utf-8").replace("Air Bersih", "Air Minum"))
    assert quick.render_edited(site, snap, changes([FALAS, sabu])) is None
    assert quick.render_edited(site, snap, changes([sabu])) is not None  # alone, its own page is all it changes


def test_front_matter_of_two_articles_at_once_is_left_to_the_build(make_site: MakeSite) -> None:
    site = make_site(files=site_files())
    snap = snapshot_of(site)
    (site / FALAS).write_text(QUICK["body"], encoding="utf-8")
    (site / ALOR).write_text((site / ALOR).read_text(encoding="utf-8").replace("[Kesehatan]", "[Polri]"))
    assert quick.render_edited(site, snap, changes([FALAS, ALOR])) is None


def test_front_matter_changes_across_a_bigger_site_render_the_pages_the_build_makes(make_site: MakeSite) -> None:
    """Related stories, neighbours, cards and the navigation's tags depend on every article's
    front matter: on 120 articles, random changes of random articles' tags, places, editor
    and date (within the month of its URL), one to three at a time, each page compared with
    the full build's."""
    import json
    import random
    import re

    from tests.generated_site import EDITORS, PLACES, TAGS, articles

    files = articles(120, seed=3)
    site = make_site(files=files)
    rng = random.Random(5)
    snap = snapshot_of(site)

    def tags(text: str) -> str:
        chosen = rng.sample([*TAGS, "polri", "Patroli Laut"], rng.randint(0, 4))  # ("polri": Polri spelled otherwise)
        return re.sub(r"^tags: .*$", f"tags: {json.dumps(chosen)}", text, count=1, flags=re.M)

    def place(text: str) -> str:
        return re.sub(r"^location: .*$", f'location: "{rng.choice(PLACES)}"', text, count=1, flags=re.M)

    def editor(text: str) -> str:
        return re.sub(r"^editor: .*$", f'editor: "{rng.choice(EDITORS)}"', text, count=1, flags=re.M)

    def date(text: str) -> str:
        moment = f"{rng.randint(1, 28):02d} {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}"
        return re.sub(r"^(date: \d{4}-\d{2})-\d{2} \d{2}:\d{2}$", rf"\g<1>-{moment}", text, count=1, flags=re.M)

    for _ in range(12):
        source = rng.choice(sorted(files))
        text = (site / source).read_text(encoding="utf-8")
        for change in rng.sample([tags, place, editor, date], rng.randint(1, 3)):
            text = change(text)
        (site / source).write_text(text, encoding="utf-8")
        pages = quick.render_edited(site, snap, changes([source]))
        assert pages is not None and len(pages) == 1, text
        snap = snapshot_of(site)  # the full build, and the next change's plan
        for relative, data in pages.items():
            assert data == (site / "public" / relative).read_bytes(), text


def test_a_new_place_on_a_list_pages_url_is_left_to_the_build(make_site: MakeSite) -> None:
    """The full build refuses a village "2" in a district "Page" when the regency has a
    second list page (the same URL): the quick render must not show that page either."""
    from sitegen.errors import BuildFailed

    site = make_site(config={"page_size": 1}, files=site_files())
    snap = snapshot_of(site)
    (site / FALAS).write_text(falas(location="2, Page, Kabupaten Timor Tengah Selatan"), encoding="utf-8")
    assert quick.render_edited(site, snap, changes([FALAS])) is None
    with pytest.raises(BuildFailed) as failed:
        build_site(site)
    assert any("of a list page" in str(d.message) for d in failed.value.report.errors)
