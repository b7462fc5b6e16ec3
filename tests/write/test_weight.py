"""Pages light enough for a 3G phone: fingerprinted assets and the page-weight budget."""

from __future__ import annotations

import re

import pytest

from sitegen.errors import BuildFailed
from sitegen.write.assets import fingerprinted
from tests.support import REPO, MakeSite, article, build_site, photo


def test_stylesheets_and_scripts_carry_a_hash_of_their_bytes() -> None:
    names = fingerprinted({"assets/style.css": b"a", "assets/app.js": b"b", "assets/logo.png": b"c"})
    assert re.fullmatch(r"assets/style\.[0-9a-f]{8}\.css", names["assets/style.css"])
    assert re.fullmatch(r"assets/app\.[0-9a-f]{8}\.js", names["assets/app.js"])
    assert names["assets/logo.png"] == "assets/logo.png"  # articles link images by their names
    assert fingerprinted({"assets/style.css": b"a"}) == {"assets/style.css": names["assets/style.css"]}
    assert fingerprinted({"assets/style.css": b"changed"})["assets/style.css"] != names["assets/style.css"]


def test_pages_link_the_fingerprinted_stylesheet_and_a_changed_one_reaches_every_page(make_site: MakeSite) -> None:
    site = make_site(files={"content/a.md": article()})
    first = build_site(site)
    css = re.search(rb'href="/(assets/style\.[0-9a-f]{8}\.css)"', (first.output / "index.html").read_bytes())
    assert css and (first.output / css.group(1).decode()).is_file()
    (site / "assets/style.css").write_text("body { margin: 0 }\n")
    second = build_site(site)
    for page in ("index.html", "2023/12/a/index.html", "tag/index.html"):
        text = (second.output / page).read_bytes()
        assert css.group(1) not in text
        assert re.search(rb'href="/assets/style\.[0-9a-f]{8}\.css"', text)
    assert not (second.output / css.group(1).decode()).exists()


def test_an_unknown_asset_in_a_layout_is_a_layout_error(make_site: MakeSite) -> None:
    site = make_site(files={"content/a.md": article()})
    base = site / "layouts/base.html"
    base.write_text(base.read_text().replace("'style.css'|asset", "'gaya.css'|asset"))
    with pytest.raises(BuildFailed) as failed:
        build_site(site)
    messages = {(d.path, str(d.message).split(": ", 1)[1]) for d in failed.value.report.errors}
    assert ("layouts/base.html", "no file assets/gaya.css") in messages


def test_shipped_article_pages_are_within_the_budget(make_site: MakeSite) -> None:
    long_body = "\n\n".join(f"Paragraf {n} " + "kata " * 60 for n in range(20))
    result = build_site(make_site(files={"content/a.md": article(long_body)}))
    assert not result.report.errors


def test_an_article_page_over_the_budget_fails_the_build_naming_it(make_site: MakeSite) -> None:
    long_body = "\n\n".join(f"Paragraf {n} " + "kata " * 60 for n in range(20))  # about 7 KB more HTML
    site = make_site(
        {"page_budget_kb": 15},
        files={"content/2023/panjang.md": article(long_body), "content/b.md": article(title="Pendek", slug="pendek")},
    )
    with pytest.raises(BuildFailed) as failed:
        build_site(site)
    (problem,) = failed.value.report.errors
    assert problem.path == "content/2023/panjang.md"
    assert str(problem.message).startswith("its page 2023/12/panjang/index.html weighs ")
    assert str(problem.message).endswith("over the 15 KB budget of site.yaml")
    assert not (site / "public").exists()


def test_an_article_with_a_gallery_of_eight_photos_and_two_videos_is_within_the_budget(make_site: MakeSite) -> None:
    # the portal's longest story, eight gallery photos with long alt texts and captions, two videos
    shipped = max((REPO / "content").rglob("*.md"), key=lambda path: path.stat().st_size)
    body = shipped.read_text().split("\n---\n", 1)[1]
    body += "\n\nhttps://www.youtube.com/watch?v=Ab3_-xY9zQ0\n\n[![Poster video patroli](foto-0.jpg)](https://youtu.be/Zx8_-kP2mN4)\n"
    gallery = [
        {
            "src": f"foto-{n}.jpg",
            "alt": f"Personel Polres berbincang dengan warga di pasar tradisional, foto nomor {n} dari kegiatan",
            "caption": f"Patroli dialogis menyapa pedagang dan pembeli di lorong pasar, sesi {n}.",
            "credit": "Humas Polresta Kupang Kota",
        }
        for n in range(8)
    ]
    files: dict[str, str | bytes] = {f"content/2023/foto-{n}.jpg": photo(1600, 1000) for n in range(8)}
    files["content/2023/galeri.md"] = article(body, gallery=gallery)
    result = build_site(make_site(files=files), search=False)
    page = (result.output / "2023/12/galeri/index.html").read_bytes()
    css = re.search(rb'href="/(assets/style\.[0-9a-f]{8}\.css)"', page)
    assert css is not None
    weight = len(page) + (result.output / css.group(1).decode()).stat().st_size
    assert page.count(b"<picture>") == 9 and page.count(b"data-youtube=") == 2
    assert weight <= result.site.config.page_budget_kb * 1024, weight
