"""Image variants and markup: featured and body photos resized into WebP and JPEG, shown with
srcset, sizes and their dimensions, errors at the editor's line, and never processed twice."""

from __future__ import annotations

import io
import os
import re
import shutil
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import feedparser
import html5lib
import pytest
from PIL import Image

from sitegen import parallel
from sitegen.build import BuildResult
from sitegen.commands.check import check_site
from sitegen.errors import BuildFailed
from sitegen.plan import photos as images
from sitegen.read.image_refs import FEATURED as FEATURED_KIND
from sitegen.read.image_refs import ImageRef
from sitegen.util import filestamp
from sitegen.write import variants as variant_store
from tests.support import FIXED_NOW, MakeSite, article, assert_diagnostics, build_site, formatted, photo, tree

FEATURED = {
    "src": "foto.jpg",
    "alt": "Kapolda NTT menyapa warga",
    "caption": "Bakti kesehatan di Falas",
    "credit": "Humas",
}
NAME = r"/img/[0-9a-f]{16}"
PAGE = "2023/12/falas/index.html"


def falas(body: str = "Isi berita.", **fields: Any) -> str:
    fields.setdefault("image", FEATURED)
    return article(body, title="Falas", slug="falas", **fields)


def variants(output: Path) -> dict[str, Image.Image]:
    found = {}
    for path in sorted((output / "img").iterdir()):
        with Image.open(path) as image:
            image.load()
            found[path.name] = image
    return found


def errors_of(site: Path) -> list[str]:
    with pytest.raises(BuildFailed) as failed:
        build_site(site)
    return [d.format() for d in failed.value.report.sorted()]


# -- variants ----------------------------------------------------------------------------------


def test_variants_have_the_right_sizes_and_formats_and_no_metadata(make_site: MakeSite) -> None:
    exif = Image.Exif()
    exif[0x010F] = "Kamera Humas"  # Make: metadata a phone writes, with more (GPS) beside it
    source = Image.open(io.BytesIO(photo(1600, 1000)))
    data = io.BytesIO()
    source.save(data, "JPEG", exif=exif)
    site = make_site(files={"content/2023/falas.md": falas(), "content/2023/foto.jpg": data.getvalue()})
    result = build_site(site)
    found = variants(result.output)
    sizes = {(name.rsplit(".", 1)[1], image.format, image.size) for name, image in found.items()}
    assert sizes == {
        ("webp", "WEBP", (480, 300)),
        ("webp", "WEBP", (800, 500)),
        ("webp", "WEBP", (1200, 750)),
        ("jpg", "JPEG", (480, 300)),
        ("jpg", "JPEG", (800, 500)),
        ("jpg", "JPEG", (1200, 750)),
        # a featured photo 1200 wide or more: the structured data's crops and the link preview
        ("jpg", "JPEG", (1200, 675)),
        ("jpg", "JPEG", (1200, 900)),
        ("jpg", "JPEG", (1200, 1200)),
        ("jpg", "JPEG", (1200, 630)),
    }
    for name, image in found.items():
        assert re.fullmatch(r"[0-9a-f]{16}-((480|800|1200)\.(webp|jpg)|1200x(630|675|900|1200)\.jpg)", name)
        assert image.mode == "RGB"
        assert not image.getexif() and "icc_profile" not in image.info
    # a photo, not a blur: the yellow disc is still where it was
    assert found[next(n for n in found if n.endswith("-480.jpg"))].getpixel((100, 150))[2] < 120


def test_a_small_photo_is_never_enlarged(make_site: MakeSite) -> None:
    files = {"content/2023/falas.md": falas(), "content/2023/foto.jpg": photo(400, 250)}
    result = build_site(make_site(files=files))
    assert sorted((image.format, image.size) for image in variants(result.output).values()) == [
        ("JPEG", (400, 250)),
        ("WEBP", (400, 250)),
    ]


def test_a_width_close_to_the_photos_own_is_not_published_twice() -> None:
    assert images.widths(3000) == (480, 800, 1200)
    assert images.widths(1000) == (480, 800, 1000)
    assert images.widths(850) == (480, 850)  # 800 would be nearly the same photo
    assert images.widths(480) == (480,)
    assert images.widths(1) == (1,)


def test_exif_orientation_is_applied(make_site: MakeSite) -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # the phone was held upright: the pixels lie on their side
    data = io.BytesIO()
    Image.open(io.BytesIO(photo(600, 400))).save(data, "JPEG", exif=exif)
    files = {"content/2023/falas.md": falas(), "content/2023/foto.jpg": data.getvalue()}
    result = build_site(make_site(files=files))
    assert {image.size for image in variants(result.output).values()} == {(400, 600)}
    page = (result.output / PAGE).read_text()
    assert 'width="400" height="600"' in page


def test_transparent_png_becomes_a_photo_on_white(make_site: MakeSite) -> None:
    files = {"content/2023/falas.md": falas("![Peta lokasi](/assets/peta.png)", image=None)}
    result = build_site(make_site(files={**files, "assets/peta.png": _transparent_png()}))
    jpeg = next(image for name, image in variants(result.output).items() if name.endswith(".jpg"))
    assert jpeg.mode == "RGB" and jpeg.getpixel((0, 0)) == (255, 255, 255)


def _transparent_png() -> bytes:
    image = Image.new("RGBA", (300, 200), (0, 0, 0, 0))
    image.paste((200, 30, 30, 255), (100, 50, 200, 150))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


# -- markup ------------------------------------------------------------------------------------


@pytest.fixture
def built(make_site: MakeSite) -> BuildResult:
    body = """
    Paragraf pembuka.

    ![Warga antre di posko](foto/antre.jpg "Posko kesehatan")

    Foto dari luar: ![Logo Polri](https://polri.go.id/logo.png)
    """
    files = {
        "content/2023/falas.md": falas(body),
        "content/2023/foto.jpg": photo(1600, 1000),
        "content/2023/foto/antre.jpg": photo(1000, 800, (120, 40, 40)),
    }
    return build_site(make_site(files=files))


def test_featured_photo_is_an_eager_figure_with_caption_and_credit(built: BuildResult) -> None:
    page = (built.output / PAGE).read_text()
    figure = re.search(r'<figure class="featured">\n(.*?)\n</figure>', page, re.S)
    assert figure, page
    picture, caption = figure.group(1).split("\n", 1)
    sizes = 'sizes="(max-width: 46rem) calc(100vw - 2rem), 44rem"'
    assert re.fullmatch(
        rf'<picture><source type="image/webp" srcset="{NAME}-480\.webp 480w, {NAME}-800\.webp 800w, '
        rf'{NAME}-1200\.webp 1200w" {re.escape(sizes)}>'
        rf'<img src="{NAME}-800\.jpg" srcset="{NAME}-480\.jpg 480w, {NAME}-800\.jpg 800w, {NAME}-1200\.jpg 1200w" '
        rf'{re.escape(sizes)} width="1200" height="750" alt="Kapolda NTT menyapa warga" '
        r'loading="eager" fetchpriority="high"></picture>',
        picture,
    )
    assert caption == '<figcaption>Bakti kesehatan di Falas <span class="photo-credit">Foto: Humas</span></figcaption>'
    # above the body
    assert page.index('<figure class="featured">') < page.index('<div class="body">')


def test_body_photos_are_lazy_pictures_and_web_addresses_stay(built: BuildResult) -> None:
    page = (built.output / PAGE).read_text()
    body = page[page.index('<div class="body">') :]
    pictures = re.findall(r"<picture>.*?</picture>", body)
    assert len(pictures) == 1
    (picture,) = pictures
    assert re.search(rf'<source type="image/webp" srcset="{NAME}-480\.webp 480w, {NAME}-800\.webp 800w, ', picture)
    assert re.search(rf'<img src="{NAME}-800\.jpg" srcset="{NAME}-480\.jpg 480w, {NAME}-800\.jpg 800w, ', picture)
    assert 'width="1000" height="800" alt="Warga antre di posko" title="Posko kesehatan"' in picture
    assert picture.endswith('loading="lazy" decoding="async"></picture>')
    assert '<img alt="Logo Polri" src="https://polri.go.id/logo.png">' in body
    # every variant the page names is published
    for path in re.findall(r"/img/[0-9a-f]{16}-\d+\.(?:webp|jpg)", page):
        assert (built.output / path.lstrip("/")).is_file()


def test_pages_with_photos_are_valid_html5(built: BuildResult) -> None:
    parser = html5lib.HTMLParser(strict=False)
    parser.parse((built.output / PAGE).read_bytes())
    assert parser.errors == []


def test_link_previews_and_structured_data_use_the_crops_of_a_large_featured_photo(built: BuildResult) -> None:
    # a photo narrower than 1200 keeps its largest JPEG for both (tests/site/test_discover.py)
    page = (built.output / PAGE).read_text()
    preview = re.search(rf'<meta property="og:image" content="https://warta-uji\.test({NAME}-1200x630\.jpg)">', page)
    assert preview
    assert '<meta property="og:image:width" content="1200">' in page
    assert '<meta property="og:image:height" content="630">' in page
    assert '<meta property="og:image:alt" content="Kapolda NTT menyapa warga">' in page
    assert '<meta name="twitter:card" content="summary_large_image">' in page
    crop = re.search(
        rf'"image": \[{{"@type": "ImageObject", "height": 675, "url": "https://warta-uji\.test({NAME})-1200x675\.jpg"',
        page,
    )
    assert crop and preview.group(1).startswith(crop.group(1))


def test_without_photos_the_card_stays_small(make_site: MakeSite) -> None:
    result = build_site(make_site(files={"content/2023/falas.md": falas(image=None)}))
    page = (result.output / PAGE).read_text()
    assert '<meta name="twitter:card" content="summary">' in page
    assert "og:image" not in page and "<figure" not in page and not (result.output / "img").exists()


def test_a_body_photo_is_the_link_preview_when_there_is_no_featured_one(make_site: MakeSite) -> None:
    files = {"content/2023/falas.md": falas("![Posko](foto.jpg)", image=None), "content/2023/foto.jpg": photo()}
    page = (build_site(make_site(files=files)).output / PAGE).read_text()
    assert re.search(rf'<meta property="og:image" content="https://warta-uji\.test{NAME}-1200\.jpg">', page)
    assert "<figure" not in page


def test_urls_follow_a_base_path(make_site: MakeSite) -> None:
    files = {"content/2023/falas.md": falas("![Posko](foto.jpg)"), "content/2023/foto.jpg": photo(600, 400)}
    result = build_site(make_site({"base_url": "https://x.github.io/portal/"}, files))
    page = (result.output / PAGE).read_text()
    srcs = re.findall(r'(?:src|srcset)="([^"]*)"', page)
    assert srcs and all(re.match(r"/portal/img/[0-9a-f]{16}-\d+\.(webp|jpg)", s) for s in srcs)


def test_feed_bodies_carry_plain_absolute_images(built: BuildResult) -> None:
    feed = feedparser.parse((built.output / "feed.xml").read_bytes(), resolve_relative_uris=False, sanitize_html=False)
    assert feed.bozo == 0, feed.get("bozo_exception")
    (entry,) = feed.entries
    content = entry.content[0].value
    assert "<picture" not in content and "srcset" not in content
    imgs = re.findall(r"<img [^>]*>", content)
    assert re.fullmatch(
        r'<img src="https://warta-uji\.test/img/[0-9a-f]{16}-800\.jpg" width="800" height="500" '
        r'alt="Kapolda NTT menyapa warga">',
        imgs[0],
    )
    assert re.fullmatch(
        r'<img src="https://warta-uji\.test/img/[0-9a-f]{16}-800\.jpg" width="800" height="640" '
        r'alt="Warga antre di posko">',
        imgs[1],
    )
    assert "<figcaption>Bakti kesehatan di Falas (Foto: Humas)</figcaption>" in content
    (media,) = entry.media_content
    assert re.fullmatch(r"https://warta-uji\.test/img/[0-9a-f]{16}-1200\.jpg", media["url"])
    assert (media["medium"], media["type"], media["width"], media["height"]) == ("image", "image/jpeg", "1200", "750")


# -- errors --------------------------------------------------------------------------------------


def test_a_missing_photo_is_an_error_at_its_line(make_site: MakeSite) -> None:
    body = """
    Paragraf pembuka.

    ![Posko](foto/hilang.jpg)

    Lagi: ![Posko](foto/hilang.jpg) dan ![Peta](/assets/peta.png)
    """
    site = make_site(files={"content/2023/falas.md": falas(body, image={"src": "tidak-ada.jpg", "alt": "Foto"})})
    errors = errors_of(site)
    assert not (site / "public").exists()  # nothing written, not a broken page
    assert errors == [
        "content/2023/falas.md:7: error: 'image': there is no file content/2023/tidak-ada.jpg",
        "content/2023/falas.md:11: error: image 'foto/hilang.jpg': there is no file content/2023/foto/hilang.jpg",
        "content/2023/falas.md:13: error: image '/assets/peta.png': there is no file assets/peta.png",
        "content/2023/falas.md:13: error: image 'foto/hilang.jpg': there is no file content/2023/foto/hilang.jpg",
    ]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ({"src": "foto.jpg"}, "'image' needs 'alt': say what the photo shows, for readers who cannot see it"),
        ({"src": "foto.jpg", "alt": "  "}, "'image' needs 'alt': say what the photo shows, for readers who cannot "
         "see it"),
        ({"alt": "Foto"}, "'image' needs 'src': the photo's file, like foto-kegiatan.jpg"),
        ({"src": "foto.jpg", "alt": "Foto", "captoin": "x"},
         "'image': unknown key 'captoin' — did you mean 'caption'?"),
        ({"src": "foto.jpg", "alt": "Foto", "credit": 2023}, "'image': 'credit' must be text, not a number (2023)"),
        ("foto.jpg", "'image' must be 'src' and 'alt' lines (and 'caption', 'credit' if you like) "
         "indented below it, not 'foto.jpg'"),
        ({"src": "https://polri.go.id/a.jpg", "alt": "Foto"},
         "'image': 'https://polri.go.id/a.jpg' is a web address: put the photo in the site folder"),
        ({"src": "../../../rahasia.jpg", "alt": "Foto"},
         "'image': '../../../rahasia.jpg' points outside the site folder"),
        ({"src": "/foto/a.jpg", "alt": "Foto"},
         "'image': '/foto/a.jpg' is neither beside the article (foto.jpg) nor in the assets folder (/assets/foto.jpg)"),
    ],
)  # fmt: skip
def test_front_matter_image_problems_are_errors_at_the_key(make_site: MakeSite, value: Any, message: str) -> None:
    site = make_site(files={"content/2023/falas.md": falas(image=value), "content/2023/foto.jpg": photo()})
    assert errors_of(site) == [f"content/2023/falas.md:7: error: {message}"]


def test_a_file_that_is_not_a_photo_is_an_error(make_site: MakeSite) -> None:
    files = {
        "content/2023/falas.md": falas("![Dokumen](surat.jpg)"),
        "content/2023/foto.jpg": b"<html>not a photo</html>",
        "content/2023/surat.jpg": b"%!PS-Adobe-3.0 EPSF-3.0\n",  # never handed to Ghostscript
    }
    assert errors_of(make_site(files=files)) == [
        "content/2023/falas.md:7: error: 'image': content/2023/foto.jpg is not a photo sitegen can read "
        "(JPEG, PNG, WebP or GIF)",
        "content/2023/falas.md:10: error: image 'surat.jpg': content/2023/surat.jpg is not a photo sitegen can read "
        "(JPEG, PNG, WebP or GIF)",
    ]


def test_a_truncated_photo_is_an_error_not_a_broken_page(make_site: MakeSite) -> None:
    data = photo(1600, 1000)
    files = {"content/2023/falas.md": falas(), "content/2023/foto.jpg": data[: len(data) // 2]}
    (problem,) = errors_of(make_site(files=files))
    assert problem.startswith(
        "content/2023/falas.md:7: error: 'image': content/2023/foto.jpg cannot be read as a photo"
    )


@pytest.mark.parametrize("side", [40, 100])  # over the limit (Pillow warns), and twice over (Pillow refuses)
def test_an_oversized_photo_is_an_error(make_site: MakeSite, monkeypatch: pytest.MonkeyPatch, side: int) -> None:
    monkeypatch.setattr(images, "MAX_PIXELS", 1000)
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    files = {"content/2023/falas.md": falas(), "content/2023/foto.jpg": photo(side, side)}
    assert errors_of(make_site(files=files)) == [
        "content/2023/falas.md:7: error: 'image': content/2023/foto.jpg is too large: at most 0 megapixels"
    ]


def test_a_body_photo_without_alt_text_is_a_warning(make_site: MakeSite) -> None:
    files = {"content/2023/falas.md": falas("Isi.\n\n![](foto.jpg)"), "content/2023/foto.jpg": photo(600, 400)}
    result = build_site(make_site(files=files))
    assert_diagnostics(
        result.report,
        ["content/2023/falas.md:12: warning: image 'foto.jpg' has no alt text: say what it shows in ![…](foto.jpg)"],
    )
    assert 'alt=""' in (result.output / PAGE).read_text()


def test_a_photo_outside_the_site_is_refused(make_site: MakeSite, tmp_path: Path) -> None:
    (tmp_path / "rahasia.jpg").write_bytes(photo(600, 400))
    site = make_site(files={"content/2023/falas.md": falas("![Rahasia](../../../rahasia.jpg)", image=None)})
    (site / "content/2023/tautan.jpg").symlink_to(tmp_path / "rahasia.jpg")
    assert errors_of(site) == [
        "content/2023/falas.md:8: error: image '../../../rahasia.jpg' points outside the site folder"
    ]
    (site / "content/2023/falas.md").write_text(falas("![Tautan](tautan.jpg)", image=None))
    assert errors_of(site) == [
        "content/2023/falas.md:8: error: image 'tautan.jpg': content/2023/tautan.jpg is a link to a file outside "
        "the site"
    ]


def test_photos_of_held_articles_are_checked_but_not_published(make_site: MakeSite) -> None:
    files = {
        "content/2023/falas.md": falas(image=None),
        "content/2023/draf.md": article("![Draf](draf.jpg)", title="Draf", draft="true"),
        "content/2023/draf.jpg": photo(600, 400),
    }
    site = make_site(files=files)
    result = build_site(site)
    assert not (result.output / "img").exists()
    (site / "content/2023/draf.jpg").unlink()
    assert errors_of(site) == [
        "content/2023/draf.md:8: error: image 'draf.jpg': there is no file content/2023/draf.jpg"
    ]


# -- the cache -----------------------------------------------------------------------------------


def test_an_unchanged_photo_is_never_processed_twice(make_site: MakeSite, monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[str] = []
    read: list[str] = []
    make, header = variant_store.make_variants, images._header

    def counting_make(source: str, file: images.ImageFile, folder: str, prefix: str = "") -> None:
        made.append(file.path)
        make(source, file, folder, prefix)

    def counting_header(data: bytes, path: str) -> tuple[int, int]:
        read.append(path)
        return header(data, path)

    monkeypatch.setattr(variant_store, "make_variants", counting_make)
    monkeypatch.setattr(images, "_header", counting_header)
    files = {
        "content/2023/falas.md": falas("![Posko](/assets/posko.jpg)"),
        "content/2023/foto.jpg": photo(),
        "assets/posko.jpg": photo(900, 600, (10, 120, 60)),
    }
    site = make_site(files=files)
    monkeypatch.setattr(filestamp, "RACY_NS", 0)  # the photos are past the cache's "just changed" window at once
    first = build_site(site, jobs=1)
    assert sorted(made) == ["assets/posko.jpg", "content/2023/foto.jpg"]
    assert sorted(read) == ["assets/posko.jpg", "content/2023/foto.jpg"]
    expected = tree(first.output)

    made.clear(), read.clear()
    assert build_site(site, jobs=1).files_written == 0
    shutil.rmtree(site / "public")
    build_site(site, jobs=1)  # from the cache's store
    (site / "content/2023/falas.md").write_text(falas("![Posko](/assets/posko.jpg)\n\nParagraf baru."))
    build_site(site, jobs=1)  # an edited article: its photos' bytes are not read again
    assert made == [] and read == []
    shutil.rmtree(site / "public")
    (site / "content/2023/falas.md").write_text(falas("![Posko](/assets/posko.jpg)"))
    assert tree(build_site(site, jobs=1).output) == expected

    (site / "content/2023/foto.jpg").write_bytes(photo(1600, 1000, (200, 30, 30)))
    build_site(site, jobs=1)
    assert made == ["content/2023/foto.jpg"] and read == ["content/2023/foto.jpg"]


def test_a_photo_replaced_by_as_many_bytes_at_its_old_time_is_seen(make_site: MakeSite) -> None:
    # the cache knows a file by its size and times: a copy that keeps the size and the
    # modification time (cp -p, a restored backup) still changes the inode's change time
    first, second = photo(), photo(color=(200, 30, 30))
    size = max(len(first), len(second))
    first, second = first.ljust(size, b"\0"), second.ljust(size, b"\0")  # JPEG readers stop at its end
    site = make_site(files={"content/2023/falas.md": falas(), "content/2023/foto.jpg": first})
    old = 1_700_000_000_000_000_000
    photo_file = site / "content/2023/foto.jpg"
    os.utime(photo_file, ns=(old, old))
    before = (build_site(site).output / PAGE).read_text()
    photo_file.write_bytes(second)
    os.utime(photo_file, ns=(old, old))
    after = (build_site(site).output / PAGE).read_text()
    assert re.findall(NAME, before) != re.findall(NAME, after)


def test_the_store_keeps_only_what_the_site_shows(make_site: MakeSite) -> None:
    files = {"content/2023/falas.md": falas(), "content/2023/foto.jpg": photo()}
    site = make_site(files=files)
    build_site(site)
    store = site / ".sitegen-cache/images"
    assert len(list(store.iterdir())) == 6 + 4  # the variants, the crops and the link preview
    (site / "content/2023/falas.md").write_text(falas(image=None))
    build_site(site)
    assert list(store.iterdir()) == []


def test_a_build_without_cache_makes_the_same_files(make_site: MakeSite, tmp_path: Path) -> None:
    files = {"content/2023/falas.md": falas("![Posko](posko.png)"), "content/2023/foto.jpg": photo()}
    files["content/2023/posko.png"] = photo(700, 500, kind="PNG")
    cached = build_site(make_site(files=files, name="a"))
    clean = build_site(make_site(files=files, name="b"), use_cache=False)
    assert tree(cached.output) == tree(clean.output)
    assert not (tmp_path / "b/.sitegen-cache").exists()


def test_photos_made_in_parallel_are_the_same(make_site: MakeSite, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "MIN_PARALLEL_ITEMS", 1)
    files = {
        "content/2023/falas.md": falas("![A](a.jpg) ![B](b.png) ![C](c.jpg)"),
        "content/2023/foto.jpg": photo(),
        "content/2023/a.jpg": photo(900, 900, (90, 20, 20)),
        "content/2023/b.png": photo(500, 700, (20, 90, 20), kind="PNG"),
        "content/2023/c.jpg": photo(1300, 600, (20, 20, 90)),
    }
    one = build_site(make_site(files=files, name="one"), jobs=1)
    two = build_site(make_site(files=files, name="two"), jobs=2)
    assert tree(one.output) == tree(two.output)
    assert len(list((two.output / "img").iterdir())) == 6 + 4 + 6 + 2 + 6  # the featured photo's crops too


def test_sitegen_check_follows_photos_to_their_variants(make_site: MakeSite) -> None:
    files = {
        "content/2023/falas.md": falas("![Posko](foto/posko.jpg) ![Peta](/assets/peta.png)"),
        "content/2023/foto.jpg": photo(),
        "content/2023/foto/posko.jpg": photo(600, 400),
        "assets/peta.png": photo(300, 200, kind="PNG"),
    }
    site = make_site(files=files)
    before = tree(site)
    result = check_site(site, now=FIXED_NOW)
    assert result.rendered and formatted(result.report) == []
    assert tree(site) == before  # a check writes nothing, not even resized photos


def tall_png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("L", (width, height), 200).save(out, "PNG")
    return out.getvalue()


@pytest.mark.parametrize(
    ("width", "height", "high"), [(1080, 20000, 20000), (1200, 16384, 16384), (1, 40000, 40000), (1500, 20500, 16400)]
)
def test_a_photo_whose_variant_webp_cannot_hold_is_an_error_in_build_and_check(
    make_site: MakeSite, width: int, height: int, high: int
) -> None:
    """A phone screenshot within the megapixel limit, too tall for WebP (16,383 pixels a side)."""
    files = {"content/2023/falas.md": falas(), "content/2023/foto.png": tall_png(width, height)}
    files["content/2023/falas.md"] = files["content/2023/falas.md"].replace("foto.jpg", "foto.png")
    site = make_site(files=files)
    shown = min(width, images.WIDTHS[-1])
    expected = [
        f"content/2023/falas.md:7: error: 'image': content/2023/foto.png is {width}×{height} pixels: "
        f"at {shown} pixels wide it would be {high:,} high, and WebP allows at most 16,383; crop it"
    ]
    assert errors_of(site) == expected
    assert [d.format() for d in check_site(site, now=FIXED_NOW).report.sorted() if d.severity == "error"] == expected


def test_a_photo_just_within_webps_limit_is_planned(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "foto.png").write_bytes(tall_png(1200, 16383))
    ref = ImageRef("foto.png", "content/foto.png", "alt", 7, FEATURED_KIND)
    found, problems = images.plan(tmp_path, [cast(Any, SimpleNamespace(source="content/a.md", images=(ref,)))])
    assert problems == []
    assert found["content/foto.png"].variants[-1].height == 16383


@pytest.mark.parametrize(
    ("src", "message"),
    [
        ("../../.sitegen-cache/images/abc.webp", "is a hidden file or in a hidden folder: it is never published"),
        (".rahasia/foto.jpg", "is a hidden file or in a hidden folder: it is never published"),
        (".foto.jpg", "is a hidden file or in a hidden folder: it is never published"),
        ("../../layouts/foto.jpg", "is neither in content/ nor in assets/: put the photo beside the article"),
        (
            "/assets/../.env/foto.jpg",
            "is neither beside the article (foto.jpg) nor in the assets folder (/assets/foto.jpg)",
        ),
        ("/assets/.rahasia/foto.jpg", "is a hidden file or in a hidden folder: it is never published"),
    ],
)
def test_a_photo_in_a_hidden_place_or_outside_content_and_assets_is_refused(
    make_site: MakeSite, src: str, message: str
) -> None:
    # a held article's variants sit in the cache folder under names anyone can compute: a body
    # that names one must not republish it
    files = {"content/2023/falas.md": falas(f"![Foto]({src})", image=None)}
    for path in (".sitegen-cache/images/abc.webp", "content/2023/.rahasia/foto.jpg", "content/2023/.foto.jpg",
                 "layouts/foto.jpg", ".env/foto.jpg", "assets/.rahasia/foto.jpg"):  # fmt: skip
        files[path] = photo(600, 400)
    assert errors_of(make_site(files=files)) == [f"content/2023/falas.md:8: error: image '{src}' {message}"]
